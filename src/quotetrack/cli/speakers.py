"""quotetrack speakers"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..store import curation, queries
from ..store.curation import CurationError
from ..store.models import QuoteRow, SpeakerRow
from .common import Db, Format, engine_for, speakers_named
from .output import INPUT_FAILED, NOT_FOUND, USAGE, emit, fail, note

app = typer.Typer(no_args_is_help=False, invoke_without_command=True)

COLUMNS = ("speaker", "kind", "quotes", "articles", "aliases")


@app.callback()
def speakers(
    ctx: typer.Context,
    search: Annotated[str | None, typer.Option(help="Only speakers this name fits (any spelling).")] = None,
    fmt: Format = "auto",
    db: Db = None,
) -> None:
    """Speakers with quote and article counts and aliases, most quoted first.

    Sub-commands inspect one speaker and correct the grouping by hand.

    Example:

        $ quotetrack speakers --search zelensky --format csv
        speaker,kind,quotes,articles,aliases
        Volodymyr Zelenskiy,person,17,4,Zelenskiy; Mr Zelenskiy; Volodymyr Zelenskyy; ...
    """
    if ctx.invoked_subcommand is not None:
        return
    engine = engine_for(db)
    with Session(engine) as session:
        rows = queries.speaker_summaries(session, search)
    if not rows:
        fail(f"no speaker matches {search!r}" if search else "no speakers stored yet", NOT_FOUND,
             None if search else "run `quotetrack ingest PATH` first")
    emit(rows, COLUMNS, fmt, widths={"aliases": 50})


def _one(session: Session, name: str) -> queries.SpeakerMatch:
    """Exactly one stored speaker for NAME (or a numeric id), or a clear error."""
    if name.isdigit():
        row = session.get(SpeakerRow, int(name))
        if row is None:
            fail(f"no speaker has id {name}", NOT_FOUND)
        return queries.SpeakerMatch(row.id, row.name, row.kind, "id")
    return speakers_named(session, name, "give a fuller name or the speaker's id")[0]


def _decide(db: str | None, action) -> None:
    engine = engine_for(db)
    with Session(engine) as session:
        try:
            with session.begin():
                message = action(session)
        except CurationError as error:
            fail(str(error), USAGE)
    print(message)


@app.command("show")
def show(
    name: Annotated[str, typer.Argument(help="Speaker name (any spelling) or id.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print as JSON.")] = False,
    db: Db = None,
) -> None:
    """One speaker: aliases, descriptions, counts, first and last seen, outlets.

    Example:

        $ quotetrack speakers show podolyak
        Mykhailo Podolyak (person, id 18)
        quotes: 5 in 2 articles, 2025-09-19 to 2025-11-21
        outlets: Agence France-Presse
        ...
    """
    engine = engine_for(db)
    with Session(engine) as session:
        found = curation.profile(session, _one(session, name).id)
    if as_json:
        print(json.dumps(found.__dict__, ensure_ascii=False, indent=1))
        return
    print(f"{found.name} ({found.kind}, id {found.id})")
    print(f"quotes: {found.quotes} in {found.articles} articles, {found.first_seen or '?'} to {found.last_seen or '?'}")
    print(f"outlets: {', '.join(found.outlets) or '-'}")
    print("aliases: " + "; ".join(f"{a} ({n}{', by hand' if manual else ''})" for a, n, manual in found.aliases))
    for description, source in found.descriptions:
        print(f"described as: {description}  [{source}]")


@app.command("merge")
def merge(
    keep: Annotated[str, typer.Argument(help="The speaker to keep (name or id).")],
    other: Annotated[str, typer.Argument(help="The speaker to fold into it (name or id).")],
    db: Db = None,
) -> None:
    """Merge two speakers that are one person.

    OTHER's quotes, aliases and descriptions go to KEEP; later ingests send OTHER's
    spellings to KEEP.

    Example:

        $ quotetrack speakers merge "Volodymyr Zelenskiy" 57
        merged Volodymyr Zelenski (57) into Volodymyr Zelenskiy (3)
    """
    def action(session: Session) -> str:
        a, b = _one(session, keep), _one(session, other)
        curation.merge(session, a.id, b.id)
        return f"merged {b.name} ({b.id}) into {a.name} ({a.id})"
    _decide(db, action)


@app.command("split")
def split(
    name: Annotated[str, typer.Argument(help="The speaker that is really two (name or id).")],
    alias: Annotated[list[str] | None, typer.Option("--alias", help="Move the quotes written as this name (repeatable).")] = None,
    article: Annotated[list[str] | None, typer.Option("--article", help="Move this article's quotes (source or file name; repeatable).")] = None,
    new_name: Annotated[str | None, typer.Option("--name", help="Name of the new speaker (default: the first alias).")] = None,
    db: Db = None,
) -> None:
    """Split quotes off a speaker into a new speaker.

    Quotes move by how the cue wrote the name (--alias) or by article (--article);
    the moved spellings stay with the new speaker in later ingests.

    Example:

        $ quotetrack speakers split Johnson --alias "Dustin Johnson" --name "Dustin Johnson"
        moved 3 quotes of Boris Johnson to Dustin Johnson (41)
    """
    if not alias and not article:
        fail("say which quotes move: --alias NAME or --article SOURCE", USAGE)

    def action(session: Session) -> str:
        source = _one(session, name)
        created = curation.split(session, source.id, alias or [], article or [], new_name)
        moved = session.scalar(select(func.count(QuoteRow.id)).where(QuoteRow.speaker_id == created))
        return f"moved {moved} quotes of {source.name} to {session.get(SpeakerRow, created).name} ({created})"
    _decide(db, action)


@app.command("rename")
def rename(
    name: Annotated[str, typer.Argument(help="Speaker name (any spelling) or id.")],
    new_name: Annotated[str, typer.Argument(help="The name to show from now on.")],
    db: Db = None,
) -> None:
    """Set a speaker's name by hand; later ingests keep it.

    Example:

        $ quotetrack speakers rename "Volodymyr Zelenskiy" "Volodymyr Zelensky"
        renamed Volodymyr Zelenskiy to Volodymyr Zelensky
    """
    def action(session: Session) -> str:
        found = _one(session, name)
        curation.rename(session, found.id, new_name)
        return f"renamed {found.name} to {new_name}"
    _decide(db, action)


alias_app = typer.Typer(no_args_is_help=True, help="Aliases set by hand.")
app.add_typer(alias_app, name="alias")


@alias_app.command("add")
def alias_add(
    name: Annotated[str, typer.Argument(help="Speaker name (any spelling) or id.")],
    alias: Annotated[str, typer.Argument(help="Another name the speaker goes by.")],
    db: Db = None,
) -> None:
    """Add an alias: later articles that use it are joined to this speaker.

    Example:

        $ quotetrack speakers alias add "Volodymyr Zelenskiy" "Володимир Зеленський"
        Volodymyr Zelenskiy is now also known as Володимир Зеленський
    """
    def action(session: Session) -> str:
        found = _one(session, name)
        curation.add_alias(session, found.id, alias)
        return f"{found.name} is now also known as {alias}"
    _decide(db, action)


@app.command("import-aliases")
def import_aliases(
    path: Annotated[Path, typer.Argument(help="CSV: canonical name, then its aliases, one person per row.")],
    kind: Annotated[str, typer.Option(help="Kind of speaker the rows name: person, organisation, group.")] = "person",
    db: Db = None,
) -> None:
    """Import an alias list (CSV: canonical name, then aliases).

    A canonical name not stored yet becomes a speaker so later articles join it;
    stored speakers named by an alias are merged into it.

    Example:

        $ printf 'Recep Tayyip Erdoğan,Erdogan,Tayyip Erdogan\\n' > aliases.csv
        $ quotetrack speakers import-aliases aliases.csv
        1 speakers, 2 aliases imported from aliases.csv
    """
    if not path.is_file():
        fail(f"{path}: no such file", INPUT_FAILED)

    def action(session: Session) -> str:
        touched, added, problems = curation.import_aliases(session, path, kind)
        for problem in problems:
            note(f"{path}: {problem}")
        return f"{touched} speakers, {added} aliases imported from {path}"
    _decide(db, action)

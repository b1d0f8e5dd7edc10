"""quotetrack who-said"""

from __future__ import annotations

from typing import Annotated

import typer
from sqlalchemy.orm import Session

from ..article import QUOTE_KINDS
from ..store import queries
from ..store.statement_queries import STATEMENT_COLUMNS, group_quotes
from ..workers import fewer_collections
from .common import Db, Format, date_option, engine_for, speakers_named
from .output import NOT_FOUND, USAGE, emit, fail, note, resolve_format

COLUMNS = ("published", "article", "speaker", "quote", "cue", "statement_id")
WIDTHS = {"quote": 80, "article": 30, "cue": 24, "speaker": 20, "published": 10}
# A table on a terminal keeps to what a reader scans; CSV and JSON carry every column.
STATEMENT_TABLE_COLUMNS = ("first_seen", "last_seen", "articles", "speaker", "quote")
OCCURRENCE_TABLE_COLUMNS = ("published", "article", "speaker", "quote", "cue")


def register(app: typer.Typer) -> None:
    app.command("who-said")(who_said)


def who_said(
    name: Annotated[str | None, typer.Argument(help="Speaker: full name, surname, alias or any spelling.")] = None,
    quote: Annotated[str | None, typer.Option("--quote", "-q", help="Reverse question: who said this phrase? (whole words, in order, any case)")] = None,
    all_matches: Annotated[bool, typer.Option("--all", help="When NAME fits several speakers, show all their quotes.")] = False,
    since: Annotated[str | None, typer.Option(help="Only articles published on or after this date (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option(help="Only articles published on or before this date (YYYY-MM-DD).")] = None,
    contains: Annotated[str | None, typer.Option(help="Only quotes containing these words, in order (any case).")] = None,
    kind: Annotated[list[str] | None, typer.Option(help="direct, partial or indirect; repeat for several.")] = None,
    limit: Annotated[int | None, typer.Option(help="At most this many statements (or quotes, with --occurrences).")] = None,
    occurrences: Annotated[bool, typer.Option("--occurrences", help="Every appearance of every quote, "
                                              "instead of each statement once.")] = False,
    fmt: Format = "auto",
    db: Db = None,
) -> None:
    """Everything a speaker said, across articles, newest first: each statement once, with
    when it was first and last seen and in how many articles (the same words reprinted,
    trimmed or quoted in part are one statement); --occurrences lists every appearance.

    Names are forgiving: case, accents (erdogan finds Erdoğan), a surname alone, any
    alias, and small spelling differences (zelensky finds Zelenskiy). The speaker
    matched, and how, is said on stderr. If the name fits several speakers they are
    listed and the exit code is 4; --all shows all their quotes. With --quote,
    answers the reverse question: who said this phrase? --quote and --contains
    find the words in that order, whole words in any case, from a full-text index.

    Exit codes: 0 found; 3 no speaker or quote matched; 4 several speakers match.

    Example:

        $ quotetrack who-said zelensky --db bench/out/statements/statements.db --limit 1 --format csv
        statement_id,first_seen,last_seen,articles,occurrences,speaker,quote,article
        128,2025-01-13,2025-05-30,6,6,Volodymyr Zelensky,"Elections will happen when soldiers can vote from home and not from trenches,",bench/out/statements/articles/a00050.txt
    """
    if (name is None) == (quote is None):
        fail("give a NAME or --quote TEXT (one of them)", USAGE, "e.g. quotetrack who-said zelensky")
    kinds = _kinds(kind)
    start, end = date_option(since, "--since"), date_option(until, "--until")
    engine = engine_for(db)
    # Reading and grouping thousands of rows makes many objects and no cycles to collect.
    with fewer_collections(), Session(engine) as session:
        if quote is not None:
            rows = list(queries.quotes(session, None, start, end, quote, kinds, limit=limit if occurrences else None))
            if not rows:
                fail(f"no stored quote contains {quote!r}", NOT_FOUND)
            _show(rows, fmt, limit, f"Who said {quote!r}", occurrences)
            return
        several = None if all_matches else "use a fuller name, or --all to show all of them"
        matches = speakers_named(session, name, several)
        for match in matches:
            note(f"{match.name} ({match.kind}) — matched by {match.how}")
        rows = list(queries.quotes(session, [m.id for m in matches], start, end, contains, kinds, limit=limit if occurrences else None))
        if not rows:
            fail("no quotes match those filters", NOT_FOUND)
        _show(rows, fmt, limit, ", ".join(m.name for m in matches), occurrences)


def _kinds(kind: list[str] | None) -> list[str] | None:
    for value in kind or []:
        if value not in QUOTE_KINDS:
            fail(f"unknown kind {value!r}", USAGE, f"use one of: {', '.join(QUOTE_KINDS)}")
    return kind or None


def _show(rows: list[queries.QuoteView], fmt: str, limit: int | None, title: str, occurrences: bool) -> None:
    fmt = resolve_format(fmt)
    if occurrences:  # the query took --limit already
        if fmt != "table":
            emit((r.as_dict() for r in rows), COLUMNS, fmt, title=title, widths=WIDTHS)
            return
        # On a terminal: the article's file name, and no speaker column for one speaker.
        columns = OCCURRENCE_TABLE_COLUMNS
        if len({r.speaker for r in rows}) == 1:
            columns = tuple(c for c in columns if c != "speaker")
        records = [{**r.as_dict(), "article": short_source(r.article)} for r in rows]
        emit(records, columns, fmt, title=title, widths=WIDTHS)
        return
    statements = group_quotes(rows)
    statements = statements[:limit] if limit else statements
    columns = STATEMENT_TABLE_COLUMNS if fmt == "table" else STATEMENT_COLUMNS
    emit((s.as_dict() for s in statements), columns, fmt, title=title, widths=WIDTHS)


def short_source(source: str) -> str:
    """A path's file name, or a URL's last segment: enough to recognise on screen."""
    tail = source.rstrip("/").rsplit("/", 1)[-1]
    return tail or source

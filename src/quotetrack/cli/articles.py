"""quotetrack extract / show / export"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.text import Text
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..export import EXPORT_COLUMNS, write_csv, write_json
from ..extract import extract as extract_article
from ..sources import SourceError, read_file
from ..store import queries
from ..store.models import ArticleRow, QuoteRow, SpeakerRow
from .common import Db, Format, engine_for, speakers_named
from .engines import Engine, annotator
from .output import INPUT_FAILED, NOT_FOUND, USAGE, emit, fail, note

EXTRACT_COLUMNS = ("speaker", "kind", "quote", "cue", "rule", "confidence")


def register(app: typer.Typer) -> None:
    app.command("extract")(extract_command)
    app.command("show")(show_command)
    app.command("export")(export_command)


def extract_command(
    path: Annotated[str, typer.Argument(help="One article file, or - for stdin.")],
    fmt: Format = "auto",
    claims: Annotated[bool, typer.Option("--claims/--no-claims", help="Include reported speech (kind indirect).")] = True,
    engine_name: Engine = "auto",
) -> None:
    """The quotes and speakers of one article, without storing anything.

    Exit codes: 0 ok; 1 the article could not be read or annotated; 6 stanza engine unavailable.

    Example:

        $ quotetrack extract fixtures/articles/broadsheet-kyiv-strikes.txt --format json
        [
          {"speaker": "Ukraine", "kind": "partial", "quote": "deliberately hunting civilians while ...", ...
    """
    annotate = annotator(engine_name)
    try:
        article = read_file(path)
    except SourceError as error:
        fail(f"{error.source}: {error.reason}", INPUT_FAILED)
    try:
        annotation = annotate(article.text)
    except Exception as error:  # the engine failed on this text: say so, without a traceback
        fail(f"{article.source}: could not be annotated ({type(error).__name__}: {error})", INPUT_FAILED)
    extraction = extract_article(article, annotation, claims=claims)
    rows = (
        {"speaker": q.speaker.name if q.speaker else None, "speaker_kind": q.speaker.kind if q.speaker else None,
         "speaker_as_written": q.speaker_as_written, "kind": q.kind, "quote": q.text, "cue": q.cue, "rule": q.rule,
         "confidence": q.confidence, "start": q.start, "end": q.end}
        for q in extraction.quotes
    )
    columns = EXTRACT_COLUMNS if fmt in ("auto", "table") else (*EXTRACT_COLUMNS, "speaker_kind", "speaker_as_written",
                                                                "start", "end")
    emit(rows, columns, fmt, title=article.title or article.source, widths={"quote": 70, "cue": 30})


def export_command(
    fmt: Annotated[str, typer.Option("--format", "-f", help="csv or jsonl.")] = "csv",
    output: Annotated[str, typer.Option("--output", "-o", help="File to write, or - for stdout.")] = "-",
    speaker: Annotated[str | None, typer.Option(help="Only this speaker's quotes (any spelling).")] = None,
    db: Db = None,
) -> None:
    """Every stored quote, one row per quote, as CSV or JSON lines.

    CSV columns: quote_id, speaker, speaker_as_written, quote, kind, cue, article,
    title, published, outlet, start, end, rule, confidence, statement_id, occurrences.
    `article` is the source as given to ingest; start/end are character offsets into the
    stored article text; quotes with the same statement_id are the same words quoted in
    different articles, and occurrences is how many times that statement was quoted.
    A CSV file is written with a UTF-8 byte-order mark so spreadsheets read it as
    UTF-8; quotes with commas, quote marks and newlines are quoted.

    Example:

        $ quotetrack export --format csv --output quotes.csv
        exported 154 quotes to quotes.csv
    """
    if fmt not in ("csv", "jsonl"):
        fail(f"unknown export format {fmt!r}", USAGE, "use csv or jsonl")
    engine = engine_for(db)
    with Session(engine) as session:
        ids = None
        if speaker:
            ids = [m.id for m in speakers_named(session, speaker, None)]  # every speaker it fits
        rows = (r.as_dict() for r in queries.quotes(session, ids, newest_first=False, stream=True))
        if output == "-":
            count = _write(rows, fmt, sys.stdout)
            return
        try:
            with open(output, "w", encoding="utf-8-sig" if fmt == "csv" else "utf-8", newline="") as out:
                count = _write(rows, fmt, out)
        except OSError as error:
            fail(f"cannot write {output}: {error.strerror}", INPUT_FAILED)
    note(f"exported {count} quotes to {output}")


def _write(rows, fmt: str, out) -> int:
    return write_csv(rows, EXPORT_COLUMNS, out) if fmt == "csv" else write_json(rows, EXPORT_COLUMNS, out, lines=True)


def show_command(
    article: Annotated[str, typer.Argument(help="Article id, source (path or URL) as ingested, or title words.")],
    db: Db = None,
) -> None:
    """An article with every quote marked and labelled with its speaker.

    For checking each attribution against the text: colours on a terminal; in a
    pipe, quotes are marked ⟦n … ⟧ and listed with speaker, rule and cue after it.

    Example:

        $ quotetrack show broadsheet-kyiv-strikes.txt | tail -2
        [11] Volodymyr Zelenskiy (person) — trailing_cue: Mr Zelenskiy said [direct]
        [12] Volodymyr Zelenskiy (person) — colon_cue: He stressed [direct]
    """
    engine = engine_for(db)
    with Session(engine) as session:
        row = _find_article(session, article)
        if row is None:
            fail(f"no stored article matches {article!r}", NOT_FOUND, "give its id, its source as ingested, or title words")
        quotes = session.execute(
            select(QuoteRow, SpeakerRow.name, SpeakerRow.kind).outerjoin(SpeakerRow, QuoteRow.speaker_id == SpeakerRow.id)
            .where(QuoteRow.article_id == row.id).order_by(QuoteRow.start)
        ).all()
        _render(row, [(q, name, kind) for q, name, kind in quotes])


def _find_article(session: Session, key: str) -> ArticleRow | None:
    if key.isdigit():
        found = session.get(ArticleRow, int(key))
        if found:
            return found
    for condition in (ArticleRow.source == key, ArticleRow.source.endswith(Path(key).name),
                      ArticleRow.title.contains(key)):
        found = session.scalars(select(ArticleRow).where(condition).order_by(ArticleRow.id)).first()
        if found:
            return found
    return None


_COLOURS = ("cyan", "magenta", "green", "yellow", "blue", "red")


def _render(row: ArticleRow, quotes: list) -> None:
    console = Console()
    header = f"{row.title or row.source}\n{row.outlet or ''} {row.published or ''} [{row.source}]".strip()
    direct = [q for q in quotes if q[0].kind != "indirect"]
    text = Text(row.text)
    colours: dict[str, str] = {}
    for number, (quote, name, _) in enumerate(direct, 1):
        colour = colours.setdefault(name or "", _COLOURS[len(colours) % len(_COLOURS)])
        if console.is_terminal:
            text.stylize(f"bold {colour}", quote.start, quote.end)
    if console.is_terminal:
        console.print(header, style="bold", markup=False, highlight=False)
        console.print(text, highlight=False)
    else:
        marked = row.text
        for number, (quote, _, _) in reversed(list(enumerate(direct, 1))):
            marked = f"{marked[:quote.start]}⟦{number} {marked[quote.start:quote.end]}⟧{marked[quote.end:]}"
        print(header + "\n\n" + marked + "\n")
    for number, (quote, name, kind) in enumerate(direct, 1):
        label = f"[{number}] {name or 'unknown speaker'}" + (f" ({kind})" if kind else "")
        detail = f" — {quote.rule or 'no rule'}" + (f": {quote.cue}" if quote.cue else "") + f" [{quote.kind}]"
        if console.is_terminal:
            console.print(label + detail, style=colours.get(name or ""), markup=False, highlight=False)
        else:
            print(label + detail)

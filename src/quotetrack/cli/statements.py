"""quotetrack statements / conflicts"""

from __future__ import annotations

from typing import Annotated

import typer
from sqlalchemy.orm import Session

from ..store.statement_queries import CONFLICT_COLUMNS, SUMMARY_COLUMNS, conflicts, most_repeated
from .common import Db, Format, date_option, engine_for, speakers_named
from .output import NOT_FOUND, USAGE, emit, fail, note

WIDTHS = {"quote": 60, "speakers": 24, "speaker": 22, "sources": 40}


def register(app: typer.Typer) -> None:
    app.command("statements")(statements_command)
    app.command("conflicts")(conflicts_command)


def statements_command(
    speaker: Annotated[str | None, typer.Option(help="Only statements this speaker is quoted saying (any spelling).")] = None,
    since: Annotated[str | None, typer.Option(help="Count only articles published on or after this date (YYYY-MM-DD).")] = None,
    min_articles: Annotated[int, typer.Option(help="Only statements quoted in at least this many articles.")] = 2,
    limit: Annotated[int, typer.Option(help="At most this many statements.")] = 20,
    fmt: Format = "auto",
    db: Db = None,
) -> None:
    """The most repeated statements: the same words quoted across articles (reprinted,
    trimmed, re-punctuated or quoted in part), most articles first, each with when it was
    first and last seen and who it is attributed to.

    With --speaker or --since, only that speaker's quotes, or articles since that date,
    are counted.

    Exit codes: 0 found; 2 bad option; 3 nothing matched; 4 several speakers match.

    Example:

        $ quotetrack statements --db bench/out/statements/statements.db --limit 2 --format csv
        statement_id,articles,occurrences,first_seen,last_seen,speakers,quote
        120,14,16,2025-01-13,2025-05-30,Maarten de Wit,"The Netherlands will deliver its share in November not in the spring. We’ve, learned from the last two winters."
        198,14,16,2025-01-26,2025-05-27,Helen Ashworth,"The deep sea is the largest habitat on the planet and we have barely started to understand it,"
    """
    if limit < 1 or min_articles < 1:
        fail("--limit and --min-articles must be at least 1", USAGE)
    start = date_option(since, "--since")
    engine = engine_for(db)
    with Session(engine) as session:
        ids = None
        if speaker is not None:
            matches = speakers_named(session, speaker, "use a fuller name")
            note(f"{matches[0].name} ({matches[0].kind}) — matched by {matches[0].how}")
            ids = [matches[0].id]
        rows = most_repeated(session, ids, start, min_articles, limit)
    if not rows:
        fail(f"no statement is quoted in {min_articles} or more articles" + (" with those filters" if ids or start else ""),
             NOT_FOUND, "try --min-articles 1" if min_articles > 1 else None)
    emit(rows, SUMMARY_COLUMNS, fmt, title="Most repeated statements", widths=WIDTHS)


def conflicts_command(
    fmt: Format = "auto",
    db: Db = None,
) -> None:
    """Statements attributed to different speakers in different articles: possible
    misattributions. One row per statement and speaker, with the articles that name
    that speaker, so each side can be checked against its source.

    Not every row is a mistake: a speaker may quote someone else's words back, or a
    spokesman speak for a ministry. `quotetrack show ARTICLE` shows the attribution in
    its text.

    Exit codes: 0 found; 3 no statement has more than one speaker.

    Example:

        $ quotetrack conflicts --db bench/out/statements/statements.db --format csv | sed -n 3p
        20,Anita Rao,person,1,2025-01-28,bench/out/statements/articles/a00108.txt,"We have staff working flat out, and they deserve a system that doesn’t set them up to fail,"
    """
    engine = engine_for(db)
    with Session(engine) as session:
        rows = conflicts(session)
    if not rows:
        fail("no statement is attributed to more than one speaker", NOT_FOUND)
    emit(rows, CONFLICT_COLUMNS, fmt, title="Statements attributed to different speakers", widths=WIDTHS)

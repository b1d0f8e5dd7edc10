"""Options and helpers every command shares."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from ..sources.text import parse_date
from ..store import queries
from ..store.db import DatabaseError, open_engine
from .output import AMBIGUOUS, DATABASE, NOT_FOUND, USAGE, fail, note

Db = Annotated[
    str | None,
    typer.Option(
        "--db", envvar="QUOTETRACK_DB", show_envvar=True, metavar="URL|PATH",
        help="Database: an SQLAlchemy URL or an SQLite file path. "
        "Default: ~/.local/share/quotetrack/quotetrack.db.",
    ),
]
Format = Annotated[str, typer.Option("--format", "-f", help="auto (table on a terminal, CSV in a pipe), table, csv or json.")]


def engine_for(db: str | None) -> Engine:
    try:
        return open_engine(db)
    except DatabaseError as error:
        fail(str(error), DATABASE, "check --db / QUOTETRACK_DB")


def date_option(value: str | None, name: str) -> date | None:
    if value is None:
        return None
    parsed = parse_date(value)
    if parsed is None:
        fail(f"{name} {value!r} is not a date", USAGE, "use YYYY-MM-DD, e.g. 2025-07-04")
    return parsed


def speakers_named(session: Session, name: str, several: str | None) -> list[queries.SpeakerMatch]:
    """The stored speakers NAME matches, or a clear error: exit 3 with the closest names
    when none does; exit 4, listing them with ``several`` as the hint, when more than one
    does, unless ``several`` is None (the caller takes them all)."""
    matches = queries.find_speakers(session, name)
    if not matches:
        hint = queries.suggest(session, name)
        fail(f"no speaker matches {name!r}", NOT_FOUND,
             f"did you mean: {', '.join(hint)}?" if hint else "see `quotetrack speakers` for the names stored")
    if len(matches) > 1 and several is not None:
        note(f"{name!r} fits {len(matches)} speakers:")
        for match in matches:
            note(f"  {match.id}: {match.name} ({match.kind}, matched by {match.how})")
        fail("several speakers match", AMBIGUOUS, several)
    return matches

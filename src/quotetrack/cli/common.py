"""Options and helpers every command shares."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer
from sqlalchemy import Engine

from ..sources.text import parse_date
from ..store.db import DatabaseError, open_engine
from .output import DATABASE, USAGE, fail

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

"""quotetrack speakers"""

from __future__ import annotations

from typing import Annotated

import typer
from sqlalchemy.orm import Session

from ..store import queries
from .common import Db, Format, engine_for
from .output import NOT_FOUND, emit, fail

app = typer.Typer(no_args_is_help=False, invoke_without_command=True)

COLUMNS = ("speaker", "kind", "quotes", "articles", "aliases")


@app.callback()
def speakers(
    ctx: typer.Context,
    search: Annotated[str | None, typer.Option(help="Only speakers this name fits (any spelling).")] = None,
    fmt: Format = "auto",
    db: Db = None,
) -> None:
    """Speakers with their quote and article counts and their aliases, most quoted first.

    Example:

        $ quotetrack speakers --search zelensky --format csv
        speaker,kind,quotes,articles,aliases
        Volodymyr Zelenskiy,person,9,4,Zelenskiy; Mr Zelenskiy; Volodymyr Zelensky; ...
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

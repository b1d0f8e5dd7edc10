"""The --engine option that ingest and extract share, and turning it into an annotator."""

from __future__ import annotations

from typing import Annotated

import typer

from ..extract.engines import ENGINES, Annotator, EngineUnavailable, choose_engine
from .output import UNAVAILABLE, USAGE, fail, note

Engine = Annotated[
    str,
    typer.Option(
        "--engine", envvar="QUOTETRACK_ENGINE", show_envvar=True, metavar="auto|rules|stanza",
        help="Linguistic engine: rules (fast, needs nothing), stanza (named entities and dependency "
        "parses; needs `pip install 'quotetrack\\[stanza]'` and `quotetrack models download`), or auto: "
        "stanza when it and its English models are installed, else rules.",
    ),
]


def annotator(engine: str, quiet: bool = False) -> Annotator:
    """The annotator for ``--engine``; fails with one line when stanza was asked for and cannot
    run, and says once when auto falls back to the rules."""
    if engine not in ENGINES:
        fail(f"unknown engine {engine!r}", USAGE, f"use one of: {', '.join(ENGINES)}")
    try:
        choice = choose_engine(engine)
    except EngineUnavailable as error:
        fail(str(error), UNAVAILABLE)
    if choice.note and not quiet:
        note(f"note: {choice.note}")
    return choice.annotate

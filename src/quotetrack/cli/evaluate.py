"""quotetrack evaluate"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from ..evaluate import evaluate
from .output import INPUT_FAILED, emit, fail


def register(app: typer.Typer) -> None:
    app.command("evaluate")(evaluate_command)


def evaluate_command(
    gold: Annotated[Path, typer.Argument(help="A folder with articles/NAME.txt and gold/NAME.json.")],
    errors: Annotated[Path | None, typer.Option(help="Also write every miss, spurious quote and wrong speaker here (JSON).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
) -> None:
    """Score the extractor against hand-marked gold files.

    Quote-span precision, recall and F1 (a found quote matches a gold one when their
    characters overlap, one to one),
    speaker accuracy on the matched quotes, and end-to-end F1 (span and speaker right).
    The gold format is described in fixtures/README.md.

    Example:

        $ quotetrack evaluate bench/devset
        measure           value
        gold quotes       544
        ...
    """
    try:
        score = evaluate(gold)
    except (OSError, ValueError, KeyError) as error:
        fail(f"{gold}: {error}", INPUT_FAILED, "check the folder holds articles/ and gold/ as fixtures/README.md describes")
    if errors is not None:
        errors.write_text(json.dumps(score.errors, indent=1, ensure_ascii=False), "utf-8")
    result = score.as_dict()
    if as_json:
        sys.stdout.write(json.dumps(result) + "\n")
        return
    rows = [{"measure": key.replace("_", " "), "value": value} for key, value in result.items()]
    emit(rows, ("measure", "value"), "table" if sys.stdout.isatty() else "csv")

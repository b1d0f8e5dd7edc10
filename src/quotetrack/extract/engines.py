"""Choosing the annotation engine: rules, stanza, or auto (stanza when it can run).

Both engines feed the same attribution sieves; they differ only in the ``Annotation``
they build from an article's text. ``auto`` looks for stanza and its English models
without importing either, so a machine without them pays nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .annotate import Annotation, RuleAnnotator
from .stanza_models import DOWNLOAD_HINT, models_status

AUTO = "auto"
RULES = "rules"
STANZA = "stanza"
ENGINES = (AUTO, RULES, STANZA)

Annotator = Callable[[str], Annotation]


class EngineUnavailable(Exception):
    """The requested engine cannot run here; the message is one line for the user."""


@dataclass(frozen=True)
class EngineChoice:
    """The engine that will annotate, and (for ``auto``) why it is not stanza, when stanza is
    installed but cannot run."""

    name: str
    annotate: Annotator
    note: str | None = None


def choose_engine(requested: str, models_dir: str | Path | None = None) -> EngineChoice:
    """The annotator for ``requested`` ('auto', 'rules' or 'stanza').

    'stanza' raises ``EngineUnavailable`` at once when stanza or its models are missing or
    do not load. 'auto' then falls back to the rules, with a note to show the user
    unless stanza is simply not installed (nothing was asked for that could fail).
    """
    if requested not in ENGINES:
        raise ValueError(f"unknown engine {requested!r}; use one of {', '.join(ENGINES)}")
    if requested == RULES:
        return EngineChoice(RULES, RuleAnnotator)
    status = models_status(models_dir)
    if not status.ready:
        if requested == STANZA:
            raise EngineUnavailable(f"the stanza engine cannot run: {status.reason}; {DOWNLOAD_HINT}"
                                    if status.stanza_version else f"the stanza engine cannot run: {status.reason}")
        note = None
        if status.stanza_version is not None:
            note = f"using the rules engine: {status.reason} ({DOWNLOAD_HINT})"
        return EngineChoice(RULES, RuleAnnotator, note)
    try:
        from .stanza_engine import StanzaAnnotator

        annotator = StanzaAnnotator(status.directory)
    except Exception as error:  # a model file that torch cannot read, a version mismatch, ...
        reason = f"stanza's English models in {status.directory} did not load ({type(error).__name__}: {_first_line(error)})"
        if requested == STANZA:
            raise EngineUnavailable(f"the stanza engine cannot run: {reason}; {DOWNLOAD_HINT}") from error
        return EngineChoice(RULES, RuleAnnotator, f"using the rules engine: {reason}")
    return EngineChoice(STANZA, annotator)


def _first_line(error: Exception) -> str:
    """The first sentence of an error: torch's load errors run to a page."""
    text = str(error).strip()
    first = text.splitlines()[0] if text else ""
    return first.split(". ")[0][:160]

"""Ingest: read inputs, extract their quotes, store them; a bad input is counted and named,
never the end of the run."""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from sqlalchemy import Engine

from .article import Article
from .extract import extract
from .extract.engines import Annotator
from .sources import SourceError
from .store.writer import ArticleWriter


@dataclass
class IngestSummary:
    new: int = 0
    existing: int = 0
    failed: int = 0
    quotes: int = 0
    speakers: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)
    interrupted: bool = False

    def as_dict(self) -> dict:
        return {
            "articles_new": self.new, "articles_already_stored": self.existing, "articles_failed": self.failed,
            "quotes_added": self.quotes, "speakers_added": self.speakers, "interrupted": self.interrupted,
            "failures": [{"input": source, "reason": reason} for source, reason in self.failures],
        }


class StopOnInterrupt:
    """Ctrl-C during an ingest, made safe: the first press asks the ingest to stop before
    the next article (the one being stored is completed, in its one transaction); a
    second press stops at once (KeyboardInterrupt), which a transaction also survives.

    A KeyboardInterrupt raised at an arbitrary moment can land in a library's clean-up
    code, which prints it and carries on; a flag checked between articles cannot.
    """

    def __init__(self, notice: Callable[[], None] | None = None):
        self.requested = False
        self._notice = notice
        self._installed = False
        self._previous = None

    def __call__(self) -> bool:
        return self.requested

    def _handle(self, _signum, _frame) -> None:
        if self.requested:
            raise KeyboardInterrupt
        self.requested = True
        if self._notice:
            self._notice()

    def __enter__(self) -> StopOnInterrupt:
        # Signal handlers can only be set from the main thread; elsewhere Ctrl-C keeps
        # its usual effect.
        if threading.current_thread() is threading.main_thread():
            self._previous = signal.signal(signal.SIGINT, self._handle)
            self._installed = True
        return self

    def __exit__(self, *_exc) -> None:
        if self._installed:
            signal.signal(signal.SIGINT, self._previous if self._previous is not None else signal.SIG_DFL)


def ingest(
    items: Iterable[Article | SourceError],
    engine: Engine | None,
    on_item: Callable[[str, str], None] | None = None,
    annotate: Annotator | None = None,
    stop: Callable[[], bool] | None = None,
) -> IngestSummary:
    """Store every article of ``items``; with ``engine`` None, extract only (a dry run).

    ``on_item(source, outcome)`` is called after each article or failure with outcome 'new',
    'existing' or 'failed: reason'. ``annotate`` builds each article's linguistic
    annotation (see ``extract.engines``); the rules engine when None. ``stop()`` is asked
    before each item; when it says True the ingest ends there, as interrupted.
    """
    summary = IngestSummary()
    writer = ArticleWriter(engine) if engine is not None else None
    try:
        for item in items:
            if stop is not None and stop():
                summary.interrupted = True
                break
            if isinstance(item, SourceError):
                summary.failed += 1
                summary.failures.append((item.source, item.reason))
                outcome = f"failed: {item.reason}"
                source = item.source
            else:
                source = item.source
                outcome = _one(item, writer, summary, annotate)
            if on_item:
                on_item(source, outcome)
    except KeyboardInterrupt:
        summary.interrupted = True
    return summary


def _one(article: Article, writer: ArticleWriter | None, summary: IngestSummary, annotate: Annotator | None) -> str:
    if writer is not None and writer.exists(article.content_hash):
        summary.existing += 1
        return "existing"
    try:
        extraction = extract(article, annotate(article.text) if annotate else None)
    except Exception as error:  # the extractor must not raise; if it does, lose one article, not the run
        reason = f"extractor error ({error.__class__.__name__}: {error}); please report it"
        summary.failed += 1
        summary.failures.append((article.source, reason))
        return f"failed: {reason}"
    if writer is None:
        summary.new += 1
        summary.quotes += len(extraction.quotes)
        summary.speakers += len(extraction.speakers)
        return "new"
    stored = writer.store(extraction)
    if not stored.new:
        summary.existing += 1
        return "existing"
    summary.new += 1
    summary.quotes += stored.quotes
    summary.speakers += stored.speakers
    return "new"

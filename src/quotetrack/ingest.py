"""Ingest: read inputs, extract their quotes, store them; a bad input is counted and named,
never the end of the run."""

from __future__ import annotations

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


def ingest(
    items: Iterable[Article | SourceError],
    engine: Engine | None,
    on_item: Callable[[str, str], None] | None = None,
    annotate: Annotator | None = None,
) -> IngestSummary:
    """Store every article of ``items``; with ``engine`` None, extract only (a dry run).

    ``on_item(source, outcome)`` is called after each input with outcome 'new',
    'existing' or 'failed: reason'. ``annotate`` builds each article's linguistic
    annotation (see ``extract.engines``); the rules engine when None.
    """
    summary = IngestSummary()
    writer = ArticleWriter(engine) if engine is not None else None
    try:
        for item in items:
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

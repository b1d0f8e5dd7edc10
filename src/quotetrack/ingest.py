"""Ingest: read inputs, extract their quotes, store them; a bad input is counted and named,
never the end of the run.

Inputs go through in batches: a batch's stored articles are found with one query before
any extraction, its new articles are extracted (here or in worker processes, see
``workers``) and then stored in one transaction by the single writer.
"""

from __future__ import annotations

import signal
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from itertools import chain, islice
from operator import attrgetter

from sqlalchemy import Engine

from .article import Article, Extraction
from .cluster import Cluster
from .extract.annotate import RuleAnnotator
from .extract.engines import Annotator
from .sources import ReadOptions, SourceError
from .store.writer import ArticleWriter
from .workers import ExtractionPool, Outcome, extract_in_process, fewer_collections

# Articles per batch: per transaction, and per unit of work sent to a worker process.
BATCH_SIZE = 200
NEW = "new"
EXISTING = "existing"


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

    def fail(self, source: str, reason: str) -> str:
        self.failed += 1
        self.failures.append((source, reason))
        return f"failed: {reason}"


@dataclass
class Batch:
    """Inputs in their order: each with its outcome once known ('existing', 'failed: ...')
    or, when its article is to be extracted, None."""

    items: list[tuple[str, Article | None, str | None]]

    @property
    def to_extract(self) -> list[Article]:
        return [article for _, article, outcome in self.items if outcome is None]


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
    workers: int = 1,
) -> IngestSummary:
    """Store every article of ``items``; with ``engine`` None, extract only (a dry run).

    ``on_item(source, outcome)`` is called after each input with outcome 'new',
    'existing' or 'failed: reason'. ``annotate`` builds each article's linguistic
    annotation (see ``extract.engines``); the rules engine when None. ``stop()`` is asked
    before each batch; when it says True the ingest ends there, as interrupted. With
    ``workers`` above 1, articles are extracted in that many processes (once there is
    more than one batch of them, and with the rules engine); this process alone writes.
    """
    summary = IngestSummary()
    unwritten: set[str] = set()  # content hashes read but not stored yet: a repeat is 'existing'
    chunks = _chunks(items, BATCH_SIZE, stop, summary)
    with _writing(engine, summary) as writer:
        first = next(chunks, ())
        batches = (_prepare(list(chunk), writer, unwritten, summary) for chunk in chain([first], chunks) if chunk)
        if annotate is RuleAnnotator:
            annotate = None  # the rules engine is what the worker processes run
        parallel = workers > 1 and len(first) == BATCH_SIZE and annotate is None
        with ExtractionPool(workers) if parallel else nullcontext() as pool, fewer_collections():
            extracted = (pool.map(batches, attrgetter("to_extract")) if pool is not None
                         else extract_in_process(batches, attrgetter("to_extract"), annotate))
            for batch, outcomes in extracted:
                _write(batch, outcomes, writer, unwritten, summary, on_item)
                if _stopped(stop, summary):
                    break  # batches still with the workers are dropped; a re-run does them
    return summary


def ingest_cluster(
    paths: Iterable[str | SourceError],
    engine: Engine | None,
    cluster: Cluster,
    on_item: Callable[[str, str], None] | None = None,
    options: ReadOptions | None = None,
    stop: Callable[[], bool] | None = None,
    on_inputs: Callable[[int], None] | None = None,
) -> IngestSummary:
    """Like ``ingest``, with the inputs read and extracted by the workers of a Dask
    cluster; this process stores the results. ``paths`` are files (as ``expand_paths``
    gives them) that every worker can read at the same path. ``on_inputs(n)`` is called
    once the articles of the next ``n`` paths are stored. ``stop()`` is asked after each
    batch is stored; when it says True the ingest ends there, as interrupted."""
    summary = IngestSummary()
    unwritten: set[str] = set()
    sizes: deque[int] = deque()  # paths in each batch handed out, in order; results come back in it

    def batches() -> Iterator[list[str | SourceError]]:
        for chunk in _chunks(paths, BATCH_SIZE):
            sizes.append(len(chunk))
            yield list(chunk)

    with _writing(engine, summary) as writer:
        for results in cluster.map(batches(), options):
            batch = _prepare([item for _, item, _ in results], writer, unwritten, summary)
            extracted = {id(item): outcome for _, item, outcome in results if isinstance(item, Article)}
            _write(batch, [extracted[id(article)] for article in batch.to_extract], writer, unwritten, summary,
                   on_item)
            done = sizes.popleft()
            if on_inputs is not None:
                on_inputs(done)
            if _stopped(stop, summary):
                break  # batches still with the workers are dropped; a re-run does them
    return summary


@contextmanager
def _writing(engine: Engine | None, summary: IngestSummary) -> Iterator[ArticleWriter | None]:
    """The run's single writer (None for a dry run), closed at the end; Ctrl-C ends the run
    with what was stored so far, marked interrupted."""
    writer = ArticleWriter(engine) if engine is not None else None
    try:
        yield writer
    except KeyboardInterrupt:
        summary.interrupted = True
    finally:
        if writer is not None:
            writer.close()


def _stopped(stop: Callable[[], bool] | None, summary: IngestSummary) -> bool:
    if stop is not None and stop():
        summary.interrupted = True
        return True
    return False


def _chunks(items: Iterable, size: int, stop: Callable[[], bool] | None = None,
            summary: IngestSummary | None = None) -> Iterator[tuple]:
    """Items in batches of ``size``. When ``stop()`` turns True, the item read at that
    moment is left out, the articles read before it make a last batch, and the summary is
    marked interrupted."""
    iterator = iter(items)
    if stop is None:
        while chunk := tuple(islice(iterator, size)):
            yield chunk
        return
    chunk: list = []
    for item in iterator:
        if stop():
            if summary is not None:
                summary.interrupted = True
            break
        chunk.append(item)
        if len(chunk) == size:
            yield tuple(chunk)
            chunk = []
    if chunk:
        yield tuple(chunk)


def _prepare(chunk: list[Article | SourceError], writer: ArticleWriter | None, unwritten: set[str],
             summary: IngestSummary) -> Batch:
    articles = [item for item in chunk if isinstance(item, Article)]
    stored = writer.stored_hashes([a.content_hash for a in articles]) if writer is not None else set()
    items: list[tuple[str, Article | None, str | None]] = []
    for item in chunk:
        if isinstance(item, SourceError):
            items.append((item.source, None, summary.fail(item.source, item.reason)))
            continue
        digest = item.content_hash
        if digest in stored or digest in unwritten:
            items.append((item.source, None, EXISTING))
            continue
        unwritten.add(digest)
        items.append((item.source, item, None))
    return Batch(items)


def _write(batch: Batch, outcomes: list[Outcome], writer: ArticleWriter | None, unwritten: set[str],
           summary: IngestSummary, on_item: Callable[[str, str], None] | None) -> None:
    results = iter(outcomes)
    decided: list[tuple[str, str | Extraction]] = []
    for source, article, outcome in batch.items:
        if outcome is not None:
            decided.append((source, outcome))
            continue
        quotes = next(results)
        if isinstance(quotes, str):
            decided.append((source, summary.fail(source, quotes)))
        else:
            decided.append((source, Extraction(article, quotes)))
    extractions = [e for _, e in decided if isinstance(e, Extraction)]
    stored = iter(writer.store_all(extractions)) if writer is not None else None
    for source, outcome in decided:
        if isinstance(outcome, Extraction):
            unwritten.discard(outcome.article.content_hash)
            if stored is None:
                summary.quotes += len(outcome.quotes)
                summary.speakers += len(outcome.speakers)
                outcome = NEW
            else:
                result = next(stored)
                if result.new:
                    summary.quotes += result.quotes
                    summary.speakers += result.speakers
                outcome = NEW if result.new else EXISTING
        if outcome == NEW:
            summary.new += 1
        elif outcome == EXISTING:
            summary.existing += 1
        if on_item:
            on_item(source, outcome)

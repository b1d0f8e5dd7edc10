"""Extraction in parallel processes, with the database left to one writer.

Extraction is pure (an ``Article`` in, quotes out), so it runs in worker processes;
the main process reads the inputs, stores the results and is the only one that
touches the database. Work goes out in batches, and only a few batches per worker are
ever in flight, so memory stays flat however many articles there are.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from typing import TypeVar

from .article import Article, Quote
from .extract import extract
from .extract.engines import Annotator

T = TypeVar("T")
# An article's quotes, or why the extractor failed on it.
Outcome = tuple[Quote, ...] | str
# Batches in flight per worker: one being extracted, one waiting, so no worker idles
# while the writer stores the last one.
IN_FLIGHT_PER_WORKER = 2
# Allocations between two collections of the youngest generation while extracting
# (Python's default is 700). Extraction makes millions of short-lived objects and almost
# no reference cycles, so the default spent about 7% of an ingest looking for them.
EXTRACTION_GC_THRESHOLD = 50_000


def default_workers() -> int:
    return os.cpu_count() or 1


def extract_articles(articles: list[Article], annotate: Annotator | None = None) -> list[Outcome]:
    """The quotes of each article; an extractor failure costs that article, not the batch."""
    outcomes: list[Outcome] = []
    for article in articles:
        try:
            outcomes.append(extract(article, annotate(article.text) if annotate else None).quotes)
        except Exception as error:  # the extractor must not raise; if it does, lose one article
            outcomes.append(f"extractor error ({error.__class__.__name__}: {error}); please report it")
    return outcomes


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Collect cycles less often while inside (see EXTRACTION_GC_THRESHOLD): for work that
    makes many short-lived objects and few cycles, extracting or reading thousands of rows."""
    previous = _collect_less()
    try:
        yield
    finally:
        gc.set_threshold(*previous)
        gc.unfreeze()


def _collect_less() -> tuple[int, int, int]:
    """Raise the youngest generation's threshold, with what is loaded already (modules,
    word lists, caches) set aside from every collection; returns the thresholds before."""
    previous = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(EXTRACTION_GC_THRESHOLD, *previous[1:])
    return previous


def _start_worker() -> None:
    # Ctrl-C reaches every process of the group; the main process alone decides what stops.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _collect_less()  # for the worker's whole life


class ExtractionPool:
    """``workers`` processes extracting batches of articles, results in input order. A
    worker that dies (killed, out of memory) fails the run with BrokenProcessPool rather
    than leaving it waiting for a batch that will never come."""

    def __init__(self, workers: int):
        self.workers = workers
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["quotetrack.extract"])
        self._pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker)

    def __enter__(self) -> ExtractionPool:
        return self

    def __exit__(self, *_: object) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)

    def map(self, batches: Iterable[T], articles_of: Callable[[T], list[Article]]) -> Iterator[tuple[T, list[Outcome]]]:
        """Each batch with the outcomes of its articles, in order, with a bounded number in flight."""
        window: deque = deque()
        limit = self.workers * IN_FLIGHT_PER_WORKER
        for batch in batches:
            window.append((batch, self._pool.submit(extract_articles, articles_of(batch))))
            if len(window) >= limit:
                done, future = window.popleft()
                yield done, future.result()
        while window:
            done, future = window.popleft()
            yield done, future.result()


def extract_in_process(batches: Iterable[T], articles_of: Callable[[T], list[Article]],
                       annotate: Annotator | None = None) -> Iterator[tuple[T, list[Outcome]]]:
    """The same as ``ExtractionPool.map``, in this process (one worker), with any engine."""
    for batch in batches:
        yield batch, extract_articles(articles_of(batch), annotate)

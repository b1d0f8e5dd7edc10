"""Reading and extraction spread over a Dask distributed cluster.

The client lists the inputs and hands them out in batches of paths; each worker reads
its batch (the files must be at the same paths on the workers: a shared or copied
folder) and extracts it. The results come back to the client, which is the single
writer of the database, so the no-duplicate guarantee is the same as for a local
ingest: the content-hash check before storing, and the unique constraint under it.
Only a few batches per worker are in flight at a time.

Needs the ``cluster`` extra: ``pip install 'quotetrack[cluster]'``.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator

from .article import Article
from .sources import ReadOptions, SourceError, read_input
from .workers import IN_FLIGHT_PER_WORKER, Outcome, extract_articles

# What a worker sends back for one input: its source, the article (or why it could not
# be read) and the article's quotes (or why extraction failed).
Result = tuple[str, Article | SourceError, Outcome | None]


class ClusterError(Exception):
    """The cluster could not be reached or used; the message says why."""


def read_and_extract(paths: list[str | SourceError], options: ReadOptions | None = None) -> list[Result]:
    """Runs on a worker: read each input (a dataset or a web archive holds many articles)
    and extract their quotes (an input the client already found missing comes back as it
    went)."""
    results: list[Result] = []
    for path in paths:
        if isinstance(path, SourceError):
            results.append((path.source, path, None))
            continue
        for item in read_input(path, options):
            if isinstance(item, SourceError):
                results.append((item.source, item, None))
            else:
                results.append((item.source, item, extract_articles([item])[0]))
    return results


class Cluster:
    """A connection to a Dask scheduler, e.g. ``tcp://10.0.0.5:8786``."""

    def __init__(self, address: str):
        try:
            from distributed import Client
        except ImportError:
            raise ClusterError("--cluster needs Dask: pip install 'quotetrack[cluster]'") from None
        try:
            # How long to try is Dask's own setting (distributed.comm.timeouts.connect).
            self.client = Client(address, set_as_default=False)
        except (OSError, TimeoutError, ValueError) as error:
            raise ClusterError(f"cannot reach the Dask scheduler at {address}: {error}") from None

    def __enter__(self) -> Cluster:
        return self

    def __exit__(self, *_: object) -> None:
        self.client.close()

    @property
    def workers(self) -> int:
        return max(1, len(self.client.scheduler_info().get("workers", {})))

    def map(self, batches: Iterable[list[str | SourceError]], options: ReadOptions | None = None
            ) -> Iterator[list[Result]]:
        """The results of each batch of paths, in order."""
        window: deque = deque()
        limit = self.workers * IN_FLIGHT_PER_WORKER  # asks the scheduler: once a run
        for batch in batches:
            window.append(self.client.submit(read_and_extract, batch, options, pure=False))
            if len(window) >= limit:
                yield self._result(window.popleft())
        while window:
            yield self._result(window.popleft())

    @staticmethod
    def _result(future) -> list[Result]:
        try:
            return future.result()
        except Exception as error:  # a worker or the scheduler went away mid-run
            raise ClusterError(f"the cluster failed: {error.__class__.__name__}: {error}") from None

"""Readers: one per input kind. A reader yields ``Article`` values and never touches the
database; an input it cannot read becomes one ``SourceError`` and the batch goes on.

Inputs holding many articles (feeds, JSONL, CSV, WARC) yield one ``Article`` per entry,
its ``source`` a locator that finds the entry again (``file#line=12``,
``file.warc.gz#record=<id>``), and a bad entry is one ``SourceError``, not the file's end."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path

from ..article import Article
from .datasets import DatasetFields
from .detect import AUTO, CSV, FOLDER_SUFFIXES, FORMATS, HTML, JSONL, RSS, TEXT, WARC, detect_format
from .errors import SourceError
from .raw import MAX_ARTICLE_CHARS, STDIN, Input, open_input
from .web import DEFAULT_TIMEOUT, is_url, open_url

__all__ = [
    "Article", "SourceError", "DatasetFields", "ReadOptions", "FORMATS", "STDIN",
    "read_inputs", "read_input", "expand_paths", "read_file",
]


@dataclass(frozen=True)
class ReadOptions:
    """How inputs are read: the format (``auto`` detects it), dataset field names, and
    the timeout for fetching URLs."""

    format: str = AUTO
    fields: DatasetFields = field(default_factory=DatasetFields)
    timeout: float = DEFAULT_TIMEOUT


# The reader of each format, by module and function, imported on first use: trafilatura,
# feedparser and warcio cost every command a tenth of a second to import, and most
# commands read no input at all.
_READERS = {
    TEXT: ("text", "read_text"), HTML: ("html", "read_html"), RSS: ("feeds", "read_feed"),
    JSONL: ("datasets", "read_jsonl"), CSV: ("datasets", "read_csv"), WARC: ("warc", "read_warc"),
}


def _read(chosen: str, source: Input, options: ReadOptions) -> Iterator[Article | SourceError]:
    module, function = _READERS[chosen]
    reader = getattr(import_module(f".{module}", __name__), function)
    return reader(source, options.fields) if chosen in (JSONL, CSV) else reader(source)


def _picked_by_walk(path: Path) -> bool:
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes.pop()
    return bool(suffixes) and suffixes[-1] in FOLDER_SUFFIXES


def expand_paths(paths: Iterable[str]) -> Iterator[str | SourceError]:
    """Each input named, with folders walked recursively (sorted, hidden files skipped;
    the endings of every format are picked up, gzipped or not)."""
    for raw in paths:
        if raw == STDIN or is_url(raw):
            yield raw
            continue
        path = Path(raw)
        if path.is_dir():
            for child in _walk(path):
                if _picked_by_walk(child):
                    yield str(child)
        elif path.exists():
            yield raw
        else:
            yield SourceError(raw, "no such file or folder")


def _walk(folder: Path) -> Iterator[Path]:
    """The files under ``folder`` in name order, hidden ones skipped, one folder listed at
    a time (a corpus of millions of files is never held in memory)."""
    for child in sorted(folder.iterdir()):
        if child.name.startswith("."):
            continue
        if child.is_dir():
            yield from _walk(child)
        elif child.is_file():
            yield child


def read_input(name: str, options: ReadOptions | None = None) -> Iterator[Article | SourceError]:
    """Every article of one input (a file, ``-`` or a URL), and a ``SourceError`` for each
    part that could not be read. Never raises for a bad input.

    An error no reader foresaw keeps the original exception as its ``__cause__``.
    """
    options = options or ReadOptions()
    try:
        with (open_url(name, options.timeout) if is_url(name) else open_input(name)) as source:
            if source.failure is not None and not source.head:
                raise source.cut_short()
            chosen = detect_format(name, source.head, source.suffix, source.content_type, options.format)
            for item in _read(chosen, source, options):
                yield _within_limits(item)
            if source.failure is not None:
                yield source.cut_short()
    except SourceError as error:
        yield error
    except OSError as error:
        yield SourceError(name, f"read error: {error.strerror or error}")
    except Exception as error:  # a reader failure nobody foresaw is one bad input, not the end of the run
        failure = SourceError(name, f"could not be read ({error.__class__.__name__}: {error})")
        failure.__cause__ = error
        yield failure


def _within_limits(item: Article | SourceError) -> Article | SourceError:
    if isinstance(item, Article) and len(item.text) > MAX_ARTICLE_CHARS:
        return SourceError(item.source, f"article text too long ({len(item.text):,} characters; "
                                        f"at most {MAX_ARTICLE_CHARS:,})")
    return item


def read_inputs(paths: Iterable[str], options: ReadOptions | None = None) -> Iterator[Article | SourceError]:
    for item in expand_paths(paths):
        if isinstance(item, SourceError):
            yield item
            continue
        yield from read_input(item, options)


def read_file(source: str, options: ReadOptions | None = None) -> Article:
    """The one article of an input; ``SourceError`` says why it could not be read, or that
    the input holds more than one article."""
    items = read_input(source, options)
    try:
        first = next(items, None)
        if first is None:
            raise SourceError(source, "no article in it")
        if isinstance(first, SourceError):
            raise first
        if next(items, None) is not None:
            raise SourceError(source, "holds more than one article (a feed, dataset or web archive); "
                                      "ingest it, then look at one with quotetrack show")
        return first
    finally:
        items.close()

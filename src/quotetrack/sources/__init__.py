"""Readers: one per input kind. A reader yields ``Article`` values and never touches the
database; an input it cannot read becomes one ``SourceError`` and the batch goes on."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..article import Article
from .errors import SourceError
from .text import parse_text

__all__ = ["Article", "SourceError", "read_inputs", "expand_paths", "read_file"]

# File endings a folder walk picks up.
TEXT_SUFFIXES = frozenset({".txt", ".text"})
STDIN = "-"


def expand_paths(paths: Iterable[str]) -> Iterator[str | SourceError]:
    """Each input named, with folders walked recursively (sorted, hidden files skipped)."""
    for raw in paths:
        if raw == STDIN:
            yield STDIN
            continue
        path = Path(raw)
        if path.is_dir():
            for child in _walk(path):
                if child.suffix.lower() in TEXT_SUFFIXES:
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


def read_file(source: str) -> Article:
    """One input as an ``Article``; ``SourceError`` says why it could not be read."""
    try:
        data = sys.stdin.buffer.read() if source == STDIN else Path(source).read_bytes()
    except OSError as error:
        raise SourceError(source, error.strerror or str(error)) from None
    if b"\x00" in data[:8192]:
        raise SourceError(source, "binary file, not text")
    try:
        raw = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise SourceError(source, f"not UTF-8 text (byte {error.start}); convert it with iconv first") from None
    return parse_text(raw, source)


def read_inputs(paths: Iterable[str]) -> Iterator[Article | SourceError]:
    for item in expand_paths(paths):
        if isinstance(item, SourceError):
            yield item
            continue
        try:
            yield read_file(item)
        except SourceError as error:
            yield error

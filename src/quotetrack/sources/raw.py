"""The bytes of one input before any reader sees them: opened from a file, stdin or a
fetched body; gzip undone; the first bytes kept aside for format detection; and size
limits, so that one huge input fails clearly instead of exhausting memory.

Streams are read in order and never rewound, so stdin and pipes work like files."""

from __future__ import annotations

import gzip
import io
import sys
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urlsplit

from .errors import SourceError

STDIN = "-"
# A whole input read into memory at once: one page, one article, one feed, one WARC record.
# The same cap as trafilatura's MAX_FILE_SIZE. Datasets and web archives are streamed, so
# they may be far larger.
MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
# The longest article text extracted at all; about 170,000 words, far beyond any news
# article. Extraction time grows faster than the text, so a runaway file stops here.
MAX_ARTICLE_CHARS = 1_000_000
# How much of an input format detection and charset detection look at.
HEAD_BYTES = 64 * 1024
GZIP_MAGIC = b"\x1f\x8b"
# What a broken gzip stream raises while being read: a cut-off file (EOFError) or bad data.
GZIP_ERRORS = (EOFError, zlib.error, gzip.BadGzipFile)


def megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


class _Prefixed(io.RawIOBase):
    """A stream that gives back the bytes already read for detection, then the rest.

    Broken gzip data ends the stream where the readable data ends, like a file cut short,
    and the failure is kept in ``failure``: warcio takes an EOFError for a clean end, and
    a buffered read that fails loses the data it had gathered.
    """

    def __init__(self, head: bytes, rest: BinaryIO, failure: Exception | None = None):
        self._head = head
        self._read = getattr(rest, "read1", rest.read)
        self.failure = failure

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self._head:
            count = min(len(buffer), len(self._head))
            buffer[:count] = self._head[:count]
            self._head = self._head[count:]
            return count
        if self.failure is not None:
            return 0
        try:
            data = self._read(len(buffer))
        except GZIP_ERRORS as error:
            self.failure = error
            return 0
        buffer[:len(data)] = data
        return len(data)


def _read_head(stream: BinaryIO) -> tuple[bytes, Exception | None]:
    """The first bytes, and the gzip failure met while reading them, if any."""
    # read1 returns what one underlying read gave, so data decompressed before a failure
    # is not lost with it; a pipe may also give less than asked.
    read = getattr(stream, "read1", stream.read)
    chunks = []
    wanted = HEAD_BYTES
    while wanted > 0:
        try:
            chunk = read(wanted)
        except GZIP_ERRORS as error:
            return b"".join(chunks), error
        if not chunk:
            break
        chunks.append(chunk)
        wanted -= len(chunk)
    return b"".join(chunks), None


@dataclass
class Input:
    """One input, ready to be read once.

    ``name`` is what the user gave (a path, ``-`` or a URL); ``head`` the first bytes after
    decompression; ``stream`` yields every byte after decompression, the head included.
    ``url`` and ``charset`` come from an HTTP response when the input was fetched.
    """

    name: str
    head: bytes
    stream: BinaryIO
    _data: _Prefixed
    compressed: bool = False
    size: int | None = None
    url: str | None = None
    charset: str | None = None
    content_type: str | None = None
    _closers: list = field(default_factory=list, repr=False)

    @property
    def failure(self) -> Exception | None:
        """The gzip failure that ended the data early, once the stream has reached it."""
        return self._data.failure

    def cut_short(self) -> SourceError:
        return SourceError(self.name, f"truncated or damaged gzip data ({self.failure}); "
                                      "the entries before the damage were read")

    def locator(self, entry: str) -> str:
        """Where one entry of a many-article input is found again: ``file#line=12``.
        Entries read from stdin are ``stdin#...``, which, unlike ``-#...``, no command
        line mistakes for an option."""
        return f"{'stdin' if self.name == STDIN else self.name}#{entry}"

    @property
    def suffix(self) -> str:
        """The file ending that names the format, with a compression ending removed."""
        path = Path(self.url_path or self.name)
        suffixes = [s.lower() for s in path.suffixes]
        if suffixes and suffixes[-1] in (".gz", ".gzip"):
            suffixes.pop()
        return suffixes[-1] if suffixes else ""

    @property
    def url_path(self) -> str | None:
        return urlsplit(self.url).path if self.url else None

    def read_all(self) -> bytes:
        """The whole input, or a ``SourceError`` if it is larger than one document may be."""
        if self.size is not None and not self.compressed and self.size > MAX_DOCUMENT_BYTES:
            raise too_large(self.name, self.size)
        data = self.stream.read(MAX_DOCUMENT_BYTES + 1)
        if len(data) > MAX_DOCUMENT_BYTES:
            raise too_large(self.name, None)
        if self.failure is not None:
            raise SourceError(self.name, f"truncated or damaged gzip data ({self.failure})")
        return data

    def close(self) -> None:
        for closer in reversed(self._closers):
            closer()

    def __enter__(self) -> Input:
        return self

    def __exit__(self, *_exc) -> None:
        self.close()


def too_large(name: str, size: int | None) -> SourceError:
    actual = megabytes(size) if size is not None else f"over {megabytes(MAX_DOCUMENT_BYTES)}"
    return SourceError(name, f"too large to read as one document ({actual}; at most {megabytes(MAX_DOCUMENT_BYTES)}); "
                             "split it, or store it as JSONL, CSV or WARC, which are read entry by entry")


def _wrap(name: str, raw: BinaryIO, closers: list, size: int | None = None, **http) -> Input:
    first, failure = _read_head(raw)
    compressed = first.startswith(GZIP_MAGIC)
    if compressed:
        unzipped = gzip.GzipFile(fileobj=io.BufferedReader(_Prefixed(first, raw), HEAD_BYTES), mode="rb")
        closers.append(unzipped.close)
        raw = unzipped
        first, failure = _read_head(raw)
    data = _Prefixed(first, raw, failure)
    return Input(name, first, io.BufferedReader(data, HEAD_BYTES), data, compressed, size, _closers=closers, **http)


def open_input(name: str) -> Input:
    """A file or stdin as an ``Input``; ``SourceError`` when it cannot be opened."""
    if name == STDIN:
        return _wrap(name, sys.stdin.buffer, [])
    try:
        handle = open(name, "rb")  # noqa: SIM115 -- closed by Input.close
    except OSError as error:
        raise SourceError(name, error.strerror or str(error)) from None
    try:
        return _wrap(name, handle, [handle.close], Path(name).stat().st_size)
    except BaseException:
        handle.close()
        raise


def body_input(name: str, body: bytes, **http) -> Input:
    """A fetched body as an ``Input``."""
    return _wrap(name, io.BytesIO(body), [], len(body), **http)

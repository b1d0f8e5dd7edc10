"""Which reader an input needs: what its first bytes say when they are unmistakable
(a WARC version line, an RSS or Atom root, an HTML root, a JSON object on one line), else what its
HTTP content type or file ending says, else plain text. ``--format`` overrides all."""

from __future__ import annotations

import re

from .charset import bom_encoding
from .errors import SourceError

TEXT, HTML, RSS, JSONL, CSV, WARC = "text", "html", "rss", "jsonl", "csv", "warc"
FORMATS = (TEXT, HTML, RSS, JSONL, CSV, WARC)
AUTO = "auto"

SUFFIX_FORMATS = {
    ".txt": TEXT, ".text": TEXT,
    ".html": HTML, ".htm": HTML, ".xhtml": HTML, ".shtml": HTML,
    ".rss": RSS, ".atom": RSS, ".xml": RSS,
    ".jsonl": JSONL, ".ndjson": JSONL, ".json": JSONL,
    ".csv": CSV, ".tsv": CSV,
    ".warc": WARC,
}
# Endings a folder walk picks up; the same with .gz is picked up too.
FOLDER_SUFFIXES = frozenset(SUFFIX_FORMATS)

CONTENT_TYPE_FORMATS = {
    "text/html": HTML, "application/xhtml+xml": HTML,
    "application/rss+xml": RSS, "application/atom+xml": RSS, "application/rdf+xml": RSS,
    "application/xml": RSS, "text/xml": RSS,
    "application/jsonl": JSONL, "application/x-ndjson": JSONL, "application/json": JSONL,
    "text/csv": CSV, "text/tab-separated-values": CSV,
    "application/warc": WARC,
    "text/plain": TEXT,
}

# Formats that are not articles, by their first bytes (from each format's specification),
# so the error can say what the file is.
BINARY_SIGNATURES = (
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx, .xlsx or .epub)"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"),
    (b"\x28\xb5\x2f\xfd", "zstd-compressed data"),
    (b"BZh", "bzip2-compressed data"),
    (b"\xfd7zXZ\x00", "xz-compressed data"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
)

_FEED_ROOT = re.compile(rb"<(rss|feed|rdf:rdf)[\s>]", re.IGNORECASE)
_HTML_ROOT = re.compile(rb"<(!doctype\s+html|html|head|body)[\s>]", re.IGNORECASE)


def sniff(head: bytes) -> str | None:
    """The format the first bytes leave no doubt about, or None."""
    if head.startswith(b"WARC/"):
        return WARC
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    first_line = start.split(b"\n", 1)[0].strip()
    if first_line.startswith(b"{") and first_line.endswith(b"}"):
        return JSONL
    if start.startswith(b"<"):
        if _FEED_ROOT.search(start[:4096]):
            return RSS
        if _HTML_ROOT.search(start[:4096]):
            return HTML
    return None


def check_readable(name: str, head: bytes) -> None:
    """``SourceError`` for an empty input or one that is not text at all."""
    if not head:
        raise SourceError(name, "empty file")
    for signature, what in BINARY_SIGNATURES:
        if head.startswith(signature):
            raise SourceError(name, f"binary file ({what}), not an article, feed, dataset or web archive")
    if bom_encoding(head) in ("utf-16", "utf-32"):
        return
    if b"\x00" in head[:8192]:
        raise SourceError(name, "binary file (it contains NUL bytes), not an article, feed, dataset or web archive")


def content_type_format(content_type: str | None) -> str | None:
    if not content_type:
        return None
    return CONTENT_TYPE_FORMATS.get(content_type.split(";")[0].strip().lower())


def detect_format(name: str, head: bytes, suffix: str, content_type: str | None = None, chosen: str = AUTO) -> str:
    """The reader for an input: ``chosen`` unless it is auto, then the first bytes, the
    content type, the file ending, and plain text last."""
    check_readable(name, head)
    if chosen != AUTO:
        return chosen
    return sniff(head) or content_type_format(content_type) or SUFFIX_FORMATS.get(suffix) or TEXT

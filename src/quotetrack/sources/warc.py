"""Web archives (WARC, plain or gzipped, as in Common Crawl's news crawl) through warcio:
each HTML response becomes an article through the HTML reader, with the record's URL,
and the crawl date when the page shows no publication date of its own.

Records are read one at a time. Each article is found again as
``<file>#record=<WARC-Record-ID>``. Requests, metadata, redirects, errors and non-HTML
responses are not articles and are passed over. A file cut short is one failure after
the articles before the cut."""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.limitreader import LimitReader

from ..article import Article
from .errors import SourceError
from .html import parse_html
from .raw import MAX_DOCUMENT_BYTES, Input, megabytes
from .text import parse_date

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_warc(source: Input) -> Iterator[Article | SourceError]:
    if not source.head.startswith(b"WARC/"):
        raise SourceError(source.name, "not a WARC file (it does not begin with a WARC/1.x version line)")
    # The Input has already undone gzip (and reports a gzip file cut short), so warcio
    # reads plain records.
    records = ArchiveIterator(source.stream, check_digests=False)
    complaints = io.StringIO()
    read = 0
    while (record := _next_record(records, complaints, read, source.name)) is not None:
        read += 1
        page = _html_page(record)
        # warcio stops quietly at a record the file ends inside of; its declared length tells.
        if _cut_short(record):
            raise SourceError(source.name, f"the WARC is cut short inside record {read} ({_record_id(record)}); "
                                           "the records before it were read")
        if page is not None:
            yield _article(record, page, source.locator(f"record={_record_id(record)}"))
    # Nor does it say when the file ends inside a record's header block; then bytes are
    # left over after the last whole record.
    if records.offset < records.fh.tell():
        raise SourceError(source.name, f"the WARC is cut short after record {read}; the records before it were read")
    if complaints.getvalue().strip():
        raise SourceError(source.name, f"damaged WARC, read as far as possible "
                                       f"({complaints.getvalue().strip().splitlines()[0]})")


def _next_record(records: ArchiveIterator, complaints: io.StringIO, read: int, name: str):
    """The next record, or None at the end; ``SourceError`` for a record warcio cannot parse."""
    try:
        # warcio writes its warnings (a record longer or shorter than it says) to stderr;
        # they are kept and become the file's one failure line instead.
        with contextlib.redirect_stderr(complaints):
            return next(records, None)
    except ArchiveLoadFailed as error:
        raise SourceError(name, f"damaged WARC after {read} records ({_first_line(error)})") from None
    except (AttributeError, ValueError) as error:
        # A record header warcio cannot parse, such as one cut off mid-way.
        raise SourceError(name, f"damaged WARC after {read} records ({error.__class__.__name__})") from None


def _first_line(error: Exception) -> str:
    return str(error).strip().splitlines()[0] if str(error).strip() else error.__class__.__name__


def _record_id(record) -> str:
    return ((record.rec_headers.get_header("WARC-Record-ID") or "").strip("<>")
            or record.rec_headers.get_header("WARC-Target-URI") or "no id")


def _html_page(record) -> bytes | SourceError | None:
    """The body of a successful HTML response, an error if it is too large, None for
    every other record."""
    headers = record.http_headers
    if record.rec_type != "response" or headers is None:
        return None
    content_type = (headers.get_header("Content-Type") or "").split(";")[0].strip().lower()
    if not (headers.get_statuscode() or "").startswith("2") or content_type not in _HTML_TYPES:
        return None
    if record.length and record.length > MAX_DOCUMENT_BYTES:
        return SourceError("", f"record too large ({megabytes(record.length)}; "
                               f"at most {megabytes(MAX_DOCUMENT_BYTES)})")
    return record.content_stream().read(MAX_DOCUMENT_BYTES + 1)


def _article(record, page: bytes | SourceError, locator: str) -> Article | SourceError:
    if isinstance(page, SourceError):
        return SourceError(locator, page.reason)
    url = record.rec_headers.get_header("WARC-Target-URI")
    crawled = parse_date(record.rec_headers.get_header("WARC-Date") or "")
    charset = _charset(record.http_headers.get_header("Content-Type") or "")
    try:
        return parse_html(page, locator, url=url, charset=charset, fallback_date=crawled)
    except SourceError as error:
        return error


def _cut_short(record) -> bool:
    raw = record.raw_stream
    while raw.read(64 * 1024):
        pass
    declared = (record.rec_headers.get_header("Content-Length") or "").strip()
    return not declared.isdigit() or (isinstance(raw, LimitReader) and raw.limit > 0)


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None

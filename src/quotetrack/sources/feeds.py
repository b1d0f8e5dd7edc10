"""RSS and Atom feeds through feedparser: one article per entry, with the entry's full
content when the feed carries it, else its summary, and the entry's date and link.

An entry is found again as ``<feed>#entry=<its id>`` (its guid or Atom id, else its link,
else its position from 1), so ``show`` can point back to it."""

from __future__ import annotations

import io
import xml.sax
from collections.abc import Iterator
from datetime import date

import feedparser

from ..article import Article
from .errors import SourceError
from .html import fragment_text
from .raw import Input
from .text import paragraphs, parse_date

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_feed(source: Input) -> Iterator[Article | SourceError]:
    data = source.read_all()
    headers = {"content-type": source.content_type} if source.content_type else None
    parsed = feedparser.parse(io.BytesIO(data), response_headers=headers, sanitize_html=True)
    fault = parsed.get("bozo_exception")
    malformed = isinstance(fault, xml.sax.SAXException)
    if not parsed.entries:
        if not parsed.version:
            reason = f"not an RSS or Atom feed ({_describe(fault)})" if malformed else "not an RSS or Atom feed"
            raise SourceError(source.name, reason)
        raise SourceError(source.name, "the feed has no entries")
    outlet = parsed.feed.get("title") or None
    # A file cut short inside its last entry (the fault is on the last line, and that
    # entry's closing tag is missing) would give that entry's text cut short too.
    closed = data.count(b"</item>") + data.count(b"</entry>")
    cut_short = malformed and _fault_line(fault) >= data.count(b"\n") + 1 and closed < len(parsed.entries)
    seen: set[str] = set()
    for position, entry in enumerate(parsed.entries, 1):
        key = entry.get("id") or entry.get("link") or str(position)
        if key in seen:
            key = str(position)
        seen.add(key)
        locator = source.locator(f"entry={key}")
        if cut_short and position == len(parsed.entries):
            yield SourceError(locator, "the feed is cut short inside this entry; the entries before it were read")
            return
        try:
            yield _article(entry, locator, outlet)
        except SourceError as error:
            yield error
    if malformed:
        yield SourceError(source.name, f"the feed is damaged ({_describe(fault)}); "
                                       "its entries were read as far as they could be")


def _fault_line(fault: Exception | None) -> int:
    return fault.getLineNumber() if isinstance(fault, xml.sax.SAXParseException) else 0


def _describe(fault: Exception | None) -> str:
    if isinstance(fault, xml.sax.SAXParseException):
        return f"{fault.getMessage()} at line {fault.getLineNumber()}"
    return str(fault)


def _article(entry, locator: str, outlet: str | None) -> Article:
    text = _entry_text(entry)
    if not text:
        raise SourceError(locator, "the entry has no content and no summary")
    return Article(
        source=locator,
        text=text,
        title=entry.get("title") or None,
        published=_entry_date(entry),
        outlet=outlet,
        url=entry.get("link") or None,
        author=entry.get("author") or None,
    )


def _entry_text(entry) -> str:
    """The full content when the feed carries it (the longest, when there are several
    forms), else the summary; as plain paragraphs."""
    contents = [_detail_text(detail) for detail in entry.get("content", [])]
    return max(contents, key=len, default="") or _detail_text(entry.get("summary_detail"))


def _detail_text(detail) -> str:
    if not detail or not detail.get("value"):
        return ""
    value = detail["value"]
    return fragment_text(value) if detail.get("type") in _HTML_TYPES else paragraphs(value)


def _entry_date(entry) -> date | None:
    # The date as the feed wrote it keeps the publisher's own day; feedparser's parsed
    # form is in UTC, which moves a story published at 00:30 in Kyiv to the day before.
    for field in ("published", "updated", "created"):
        if entry.get(field):
            found = parse_date(entry[field])
            if found:
                return found
        parsed = entry.get(f"{field}_parsed")
        if parsed:
            return date(*parsed[:3])
    return None

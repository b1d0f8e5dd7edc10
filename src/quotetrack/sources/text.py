"""Plain-text articles: UTF-8 (or another charset, detected), with an optional header.

Two header forms are read:

  title: Kyiv hit by record drone attack      key: value lines at the top, then a
  outlet: The Guardian                        blank line, then the body. Keys: title,
  date: 2025-07-04                            outlet, date (or published), url, author
  url: https://example.com/kyiv               (or byline).

   date 2025-07-04 Flames and smoke ...       scraped copy: "date", the date and the
                                              first paragraph on one line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime
from email.utils import parsedate_to_datetime

from ..article import Article
from .charset import decode
from .errors import SourceError
from .raw import Input

HEADER_KEYS = {
    "title": "title", "outlet": "outlet", "source": "outlet", "date": "published",
    "published": "published", "url": "url", "author": "author", "byline": "author",
}
_HEADER_LINE = re.compile(r"^(?P<key>[A-Za-z]+):\s*(?P<value>.*)$")
_INLINE_DATE = re.compile(r"^\s*date\s+(?P<date>\d{4}-\d{2}-\d{2})\s+(?P<rest>.*)$", re.DOTALL)
_DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%d %B %Y", "%B %d, %Y", "%d %b %Y", "%b %d, %Y")


def parse_date(value: str) -> date | None:
    value = value.strip()
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    # Feeds, HTTP headers and many scraped datasets write RFC 2822 dates:
    # "Fri, 04 Jul 2025 09:30:00 +0100".
    try:
        return parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError):
        return None


def paragraphs(text: str) -> str:
    """One paragraph a line, a blank line between paragraphs: the layout the extractor reads."""
    return "\n\n".join(line.strip() for line in text.splitlines() if line.strip())


def read_text(source: Input) -> Iterator[Article]:
    """The one article of a plain-text input, in whatever charset it was saved."""
    yield parse_text(decode(source.read_all(), source.name), source.name)


def parse_text(raw: str, source: str) -> Article:
    """An ``Article`` from the text of one file; raises ``SourceError`` when there is no body."""
    text = raw.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    fields: dict[str, str] = {}
    inline = _INLINE_DATE.match(text)
    if inline:
        fields["published"] = inline.group("date")
        body = inline.group("rest")
    else:
        lines = text.split("\n")
        consumed = 0
        for line in lines:
            match = _HEADER_LINE.match(line)
            if not match or match.group("key").lower() not in HEADER_KEYS:
                break
            fields[HEADER_KEYS[match.group("key").lower()]] = match.group("value").strip()
            consumed += 1
        body = "\n".join(lines[consumed:])
    body = body.strip()
    if not body:
        raise SourceError(source, "no article text (the file is empty or has only a header)")
    published = None
    if fields.get("published"):
        published = parse_date(fields["published"])
        if published is None:
            raise SourceError(source, f"date {fields['published']!r} is not a date (use YYYY-MM-DD)")
    return Article(
        source=source,
        text=body,
        title=fields.get("title") or None,
        published=published,
        outlet=fields.get("outlet") or None,
        url=fields.get("url") or None,
        author=fields.get("author") or None,
    )

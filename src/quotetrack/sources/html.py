"""Saved web pages: trafilatura finds the main text and the metadata (title, date,
author, site name) and leaves out menus, adverts, captions and related links.

Also the small HTML-to-text conversion feeds need: an entry's content is a fragment of
markup that is already the article, with no page around it to clean away."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from datetime import date
from urllib.parse import urlsplit

import trafilatura
from lxml import etree
from lxml import html as lxml_html

from ..article import Article
from .charset import declared_in_markup, decode
from .errors import SourceError
from .raw import Input
from .text import paragraphs

# trafilatura and its helpers log every page they find odd; the reason a page failed
# reaches the user as one SourceError line instead.
for _name in ("trafilatura", "htmldate", "courlan", "justext"):
    logging.getLogger(_name).addHandler(logging.NullHandler())

# A page whose main text is shorter than this is a menu, a login wall or an error page
# that trafilatura fell back to, not an article.
MIN_PAGE_WORDS = 10


def read_html(source: Input) -> Iterator[Article]:
    yield parse_html(source.read_all(), source.name, url=source.url, charset=source.charset)


def parse_html(data: bytes, source: str, url: str | None = None, charset: str | None = None,
               fallback_date: date | None = None) -> Article:
    """The article in one page; ``SourceError`` when the page holds no article text.

    ``charset`` is the one an HTTP header declared; the page's own declaration comes next.
    ``fallback_date`` (a crawl date) is used when the page shows no publication date.
    """
    markup = decode(data, source, charset or declared_in_markup(data))
    document = trafilatura.bare_extraction(markup, url=url, with_metadata=True, include_comments=False,
                                           include_images=False, include_links=False)
    body = paragraphs(document.text if document is not None else "")
    if document is not None and document.title and body.startswith(document.title.strip() + "\n"):
        # trafilatura keeps the page's <h1>; the title is stored apart from the body.
        body = body[len(document.title.strip()):].lstrip("\n")
    if len(body.split()) < MIN_PAGE_WORDS:
        raise SourceError(source, "no article text found in the page (only menus and links, or not an article)")
    published = _iso_date(document.date) or fallback_date
    return Article(
        source=source,
        text=body,
        title=document.title or None,
        published=published,
        outlet=document.sitename or document.hostname or (urlsplit(url).hostname if url else None),
        url=document.url or url,
        author=document.author or None,
    )


def _iso_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


# Elements that start a new paragraph, and elements whose text is not part of the story.
_BLOCKS = frozenset({
    "p", "div", "section", "article", "blockquote", "pre", "li", "ul", "ol", "dl", "dt", "dd",
    "h1", "h2", "h3", "h4", "h5", "h6", "table", "tr", "header", "footer", "hr", "br",
})
_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")
_SKIPPED = frozenset({"script", "style", "noscript", "template", "figcaption", "iframe", "object", "svg"})


def fragment_text(fragment: str) -> str:
    """The text of an HTML fragment, one paragraph a line; '' when it holds no text."""
    if not fragment.strip():
        return ""
    try:
        root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return paragraphs(fragment)
    lines: list[str] = []
    current: list[str] = []

    def flush() -> None:
        # Feeds often carry plain text marked as HTML, its paragraphs split by blank
        # lines; a blank line never means anything else inside HTML text.
        for block in _BLANK_LINE.split("".join(current)):
            line = " ".join(block.split())
            if line:
                lines.append(line)
        current.clear()

    def walk(element) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in _SKIPPED:
            return
        if tag in _BLOCKS:
            flush()
        if tag and element.text:
            current.append(element.text)
        for child in element:
            walk(child)
            if child.tail:
                current.append(child.tail)
        if tag in _BLOCKS:
            flush()

    walk(root)
    flush()
    return "\n\n".join(lines)

"""Finding quoted spans: which marks open and close a quotation, and which are apostrophes.

Works on raw article text and never raises. An article is either double-quote
primary (most outlets: “...”, with ‘...’ nested inside) or single-quote primary
(British tabloids and headlines: ‘...’, with “...” nested inside); the style is
decided once per article and marks of the other kind are left inside quotes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DOUBLE_OPEN = "“„«"
DOUBLE_CLOSE = "”»"
SINGLE_OPEN = "‘‚‹"
SINGLE_CLOSE = "’›"
STRAIGHT_DOUBLE = '"'
STRAIGHT_SINGLE = "'"

_MARKS = re.compile("[“”„«»\"‘’‚‹›']")
_PARAGRAPH = re.compile(r"[^\n]+")
# What may stand right before an opening mark: start of text, space, bracket, dash, other mark.
_OPEN_BEFORE = set(" \t\n([{—–-/“‘\"'«‹„‚") | {""}
# ’90s, ’em: an apostrophe standing for left-out letters at the start of a word.
_ELISION = re.compile(r"(?:\d\ds?|em|n[’'‘])\b", re.IGNORECASE)


@dataclass(frozen=True)
class QuoteSpan:
    """The text between an opening and a closing mark.

    ``start``/``end`` bound the quoted text without its marks; ``open_at`` and
    ``close_at`` are the offsets of the marks themselves. A quote that runs over
    several paragraphs keeps the paragraph breaks and re-opening marks inside.
    """

    start: int
    end: int
    open_at: int
    close_at: int


def quote_style(text: str) -> str:
    """'double' or 'single': which kind of mark opens the article's quotations."""
    double = sum(text.count(c) for c in DOUBLE_OPEN) + text.count(STRAIGHT_DOUBLE) // 2
    single = 0
    first_single = len(text)
    for match in re.finditer("[‘‚‹']", text):
        i = match.start()
        before = text[i - 1] if i else ""
        after = text[i + 1 : i + 2]
        if before in _OPEN_BEFORE and after and not after.isspace() and not _ELISION.match(text, i + 1):
            single += 1
            first_single = min(first_single, i)
    if single == double and single:
        # As many of each: the kind that opens first is the outer one (‘He said "no"’).
        first_double = min((i for i in (text.find(c) for c in DOUBLE_OPEN + STRAIGHT_DOUBLE) if i >= 0), default=len(text))
        return "single" if first_single < first_double else "double"
    return "single" if single > double else "double"


def find_quote_spans(text: str, style: str | None = None) -> list[QuoteSpan]:
    """All quoted spans in ``text``, in order. Unbalanced marks are skipped, never paired
    across paragraphs unless the next paragraph re-opens the quote (the multi-paragraph
    convention)."""
    style = style or quote_style(text)
    paragraphs = [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text)]
    spans: list[QuoteSpan] = []
    carried: int | None = None  # opening mark of a quote running on from the last paragraph
    for index, (p_start, p_end) in enumerate(paragraphs):
        marks = [(m.start(), _role(text, m.start(), style)) for m in _MARKS.finditer(text, p_start, p_end)]
        marks = [(pos, role) for pos, role in marks if role is not None]
        open_at = carried
        skip_first = carried is not None
        carried = None
        for k, (pos, role) in enumerate(marks):
            if skip_first:
                skip_first = False
                continue
            if open_at is None:
                if role in ("open", "either"):
                    open_at = pos
            elif role == "open" and not (text[open_at] == "„" and text[pos] == "“"):
                open_at = pos  # a stray opener before this one: start again here (German „…“ aside)
            elif role == "weak" and _strong_close_follows(marks, k):
                continue
            else:
                if pos - open_at > 1 and text[open_at + 1 : pos].strip():
                    spans.append(QuoteSpan(open_at + 1, pos, open_at, pos))
                open_at = None
        if open_at is not None and index + 1 < len(paragraphs):
            n_start = paragraphs[index + 1][0]
            first = _MARKS.match(text, n_start)
            if first and _role(text, n_start, style) in ("open", "either"):
                carried = open_at
    return spans


def _strong_close_follows(marks: list[tuple[int, str | None]], k: int) -> bool:
    for _, role in marks[k + 1 :]:
        if role == "open":
            return False
        if role in ("close", "either"):
            return True
    return False


def _role(text: str, i: int, style: str) -> str | None:
    """'open', 'close', 'weak' (a close that may be a plural possessive), 'either', or
    None for a mark that is not a quotation mark in this article's style."""
    c = text[i]
    before = text[i - 1] if i else ""
    after = text[i + 1 : i + 2]
    if style == "double":
        if c in DOUBLE_OPEN:
            return "open"
        if c in DOUBLE_CLOSE:
            return "close"
        if c == STRAIGHT_DOUBLE:
            return _straight_role(before, after)
        return None
    if c in SINGLE_OPEN or c == STRAIGHT_SINGLE or c == "’":
        if before.isalnum() and after.isalnum():
            return None  # didn’t, O’Brien, rock’n’roll
        if _ELISION.match(text, i + 1) and before in _OPEN_BEFORE:
            return None  # ’90s, rock ’n’ roll
    if c in SINGLE_OPEN:
        return "open" if before in _OPEN_BEFORE else None
    if c in SINGLE_CLOSE or c == STRAIGHT_SINGLE:
        if c == STRAIGHT_SINGLE and before in _OPEN_BEFORE and after and not after.isspace():
            return "open"
        if before in _OPEN_BEFORE:
            return None
        if after.isalnum():
            return None
        # students’ union: an s and a lower-case word after it may be a plural possessive.
        if before in "sS" and after == " " and text[i + 2 : i + 3].islower():
            return "weak"
        return "close"
    return None


def _straight_role(before: str, after: str) -> str:
    opens = before in _OPEN_BEFORE and bool(after) and not after.isspace()
    closes = not before.isspace() and before != "" and (not after or not after.isalnum())
    if opens and not closes:
        return "open"
    if closes and not opens:
        return "close"
    return "either"

"""Quoted words that are nobody's quotation: scare quotes, titles and nicknames.

the so-called “shadow fleet” / the film “Northern Lights” / known as “the Professor” /
Operation “Iron Gate”. They are told apart by the word before them, by their shape
(short, title case) and by having no speech cue of their own.
"""

from __future__ import annotations

import re

from .. import lexicon
from .attribution import Attribution
from .quotes import QuoteSpan

# Rules that found a cue in the quote's own sentence; the others borrowed a speaker.
OWN_CUE_RULES = frozenset({"trailing_cue", "leading_cue", "colon_cue"})
_WORD = re.compile(r"[\w’'-]+")
# A quotation that ends a sentence (“... was over.”) is somebody's words, not a label.
_SENTENCE_END = re.compile(r"[.!?…]\W*$")
_SMALL = frozenset("a an the of and or in on at to for with by from de la le".split())


def is_scare_quote(text: str, span: QuoteSpan, attribution: Attribution) -> bool:
    quoted = text[span.start : span.end]
    words = _WORD.findall(quoted)
    before = _WORD.findall(text[max(0, span.open_at - 40) : span.open_at])
    if before and before[-1].lower() in lexicon.NAMING_CUES:
        return True
    if len(before) >= 2 and " ".join(before[-2:]).lower() in ("known as", "referred to"):
        return len(words) <= 4 and attribution.rule not in OWN_CUE_RULES
    short = len(words) <= 6 and not _SENTENCE_END.search(quoted)
    title_case = bool(words) and all(w[:1].isupper() or w.lower() in _SMALL or w[:1].isdigit() for w in words)
    if short and title_case and attribution.rule != "trailing_cue":
        return True
    if attribution.rule in OWN_CUE_RULES:
        return False
    return len(words) < 4 and not _SENTENCE_END.search(quoted)

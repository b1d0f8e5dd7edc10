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
OWN_CUE_RULES = frozenset({"trailing_cue", "leading_cue", "colon_cue", "same_sentence"})
_WORD = re.compile(r"[\w’'-]+")
# A term being named rather than anyone's words: "what engineers call “hallucinations”",
# "crews have taken to calling “the Dog Lake monster”", "what is sometimes described as
# “asymmetrical federalism”". (But "what he called “doom headlines”" is his partial quote.)
_NAMING = re.compile(
    r"(?:\b(?:is|are|was|were|be|been|being)(?: \w+)? (?:called|described as|dubbed|known as|labelled|labeled|termed)"
    r"|\b(?:taken to|started|began) calling|\b(?:they|people|\w+s) call)$"
)
_SMALL = frozenset("a an the of and or in on at to for with by from de la le".split())


def is_scare_quote(text: str, span: QuoteSpan, attribution: Attribution) -> bool:
    quoted = text[span.start : span.end]
    words = _WORD.findall(quoted)
    lead = text[max(0, span.open_at - 60) : span.open_at]
    lead = re.split(r"[.!?;:\n]", lead)[-1]  # only the quote's own clause
    before = [w.lower() for w in _WORD.findall(lead)]
    if before and before[-1] in lexicon.NAMING_CUES:
        return True
    if _NAMING.search(" ".join(before[-4:])):
        return True
    if len(before) >= 2 and " ".join(before[-2:]) in ("known as", "referred to"):
        return len(words) <= 4 and attribution.rule not in OWN_CUE_RULES
    short = len(words) <= 6 and not re.search(r"[.!?…]\W*$", quoted)
    title_case = bool(words) and all(w[:1].isupper() or w.lower() in _SMALL or w[:1].isdigit() for w in words)
    if short and title_case and attribution.rule != "trailing_cue":
        return True
    if attribution.rule in OWN_CUE_RULES:
        return False
    return len(words) < 4 and not re.search(r"[.!?…]\W*$", quoted)

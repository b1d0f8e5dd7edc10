"""The words of a quote with everything an editor changes when reprinting it folded away.

Two copies of one statement differ in case, quote marks (“ ” " ‘ ’ '), apostrophes,
commas and full stops, dashes, accents, "per cent" / "percent" / "%", contractions
("we’ve" / "we have"), and cuts marked with an ellipsis. ``wording`` folds all of that,
so what is left to compare is the words themselves:

    “We’ve learned from the last two winters,”  ->  we have learned from the last two winters
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from .. import lexicon

# Contractions an editor may expand or make when re-punctuating a quote; applied after
# apostrophes are made straight. Irregular forms first ("won't" is "will not", not "wo not").
# Source: English contraction rules as given in news style guides.
CONTRACTIONS = (
    (r"\bwon't\b", "will not"),
    (r"\bcan't\b", "can not"),
    (r"\bcannot\b", "can not"),
    (r"\bshan't\b", "shall not"),
    (r"n't\b", " not"),
    (r"'re\b", " are"),
    (r"'ve\b", " have"),
    (r"'ll\b", " will"),
    (r"'m\b", " am"),
)
# Apostrophes and single quote marks, which are the same characters in news copy.
APOSTROPHES = "’‘`´ʼ′"
# An omission mark: an ellipsis, or one in brackets ("[...]", "(…)").
_OMISSION = re.compile(r"[\[(]?\s*(?:\.\s*){3,}[\])]?|[\[(]?…[\])]?")
_PERCENT = re.compile(r"%|\bper cent\b")
# Anything but letters, digits and apostrophes separates words.
_SEPARATOR = re.compile(r"[^\w']+|_")


def _fold_segment(text: str) -> tuple[str, ...]:
    decomposed = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    for mark in APOSTROPHES:
        text = text.replace(mark, "'")
    text = _PERCENT.sub(" percent ", text)
    for pattern, replacement in CONTRACTIONS:
        text = re.sub(pattern, replacement, text)
    words = (word.replace("'", "") for word in _SEPARATOR.split(text))
    return tuple(word for word in words if word)


def is_content_word(word: str) -> bool:
    return word not in lexicon.generic_words()


@dataclass(frozen=True)
class Wording:
    """A quote's folded words, and the runs between its omission marks."""

    segments: tuple[tuple[str, ...], ...]

    @property
    def words(self) -> tuple[str, ...]:
        return tuple(word for segment in self.segments for word in segment)

    @property
    def folded(self) -> str:
        return " ".join(self.words)

    @property
    def content_words(self) -> int:
        return sum(1 for word in self.words if is_content_word(word))


@lru_cache(maxsize=4096)
def wording(text: str) -> Wording:
    """The folded words of ``text``, split where an ellipsis marks a cut."""
    segments = (_fold_segment(part) for part in _OMISSION.split(text))
    return Wording(tuple(segment for segment in segments if segment))

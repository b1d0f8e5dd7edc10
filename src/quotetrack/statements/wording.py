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
from functools import cached_property, lru_cache

from .. import lexicon

# Contractions an editor may expand or make when re-punctuating a quote; applied after
# apostrophes are made straight. Irregular forms are whole words ("won't" is "will not",
# not "wo not"). Source: English contraction rules as given in news style guides.
IRREGULAR_CONTRACTIONS = {"won't": "will not", "can't": "can not", "cannot": "can not", "shan't": "shall not"}
SUFFIX_CONTRACTIONS = {"n't": " not", "'re": " are", "'ve": " have", "'ll": " will", "'m": " am"}
_CONTRACTION = re.compile(
    r"\b(?:" + "|".join(map(re.escape, IRREGULAR_CONTRACTIONS)) + r")\b"
    r"|(?:" + "|".join(map(re.escape, SUFFIX_CONTRACTIONS)) + r")\b"
)
# Apostrophes and single quote marks, which are the same characters in news copy.
APOSTROPHES = "’‘`´ʼ′"
_STRAIGHTEN = str.maketrans({mark: "'" for mark in APOSTROPHES})
# An omission mark: an ellipsis, or one in brackets ("[...]", "(…)").
_OMISSION = re.compile(r"[\[(]?\s*(?:\.\s*){3,}[\])]?|[\[(]?…[\])]?")
_PERCENT = re.compile(r"%|\bper cent\b")
# Anything but letters, digits and apostrophes separates words.
_SEPARATOR = re.compile(r"[^\w']+|_")


def _expand(match: re.Match) -> str:
    found = match.group()
    return IRREGULAR_CONTRACTIONS.get(found) or SUFFIX_CONTRACTIONS[found]


def _fold_segment(text: str) -> tuple[str, ...]:
    if not text.isascii():
        decomposed = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in decomposed if not unicodedata.combining(c))
    text = text.translate(_STRAIGHTEN).casefold()
    if "%" in text or "per cent" in text:
        text = _PERCENT.sub(" percent ", text)
    if "'" in text or "cannot" in text:
        text = _CONTRACTION.sub(_expand, text)
    words = (word.replace("'", "") for word in _SEPARATOR.split(text))
    return tuple(word for word in words if word)


def is_content_word(word: str) -> bool:
    return word not in lexicon.generic_words()


@dataclass(frozen=True)
class Wording:
    """A quote's folded words, and the runs between its omission marks."""

    segments: tuple[tuple[str, ...], ...]

    @cached_property
    def words(self) -> tuple[str, ...]:
        return tuple(word for segment in self.segments for word in segment)

    @cached_property
    def folded(self) -> str:
        return " ".join(self.words)

    @cached_property
    def content_words(self) -> int:
        generic = lexicon.generic_words()
        return sum(1 for word in self.words if word not in generic)

    @cached_property
    def trigrams(self) -> frozenset[tuple[str, str, str]]:
        """Every run of three words inside one piece: two quotes that share none cannot be
        copies of one statement (see matching.py), and finding that out costs a set lookup."""
        return frozenset(run for segment in self.segments for run in zip(segment, segment[1:], segment[2:]))


@lru_cache(maxsize=4096)
def wording(text: str) -> Wording:
    """The folded words of ``text``, split where an ellipsis marks a cut."""
    segments = (_fold_segment(part) for part in _OMISSION.split(text))
    return Wording(tuple(segment for segment in segments if segment))

"""Person names: parsing, folding and the keys that decide when two spellings are one name.

Examples of what must fold together: Erdoğan = Erdogan, "Mr. Trump" = "Mr Trump",
Zelenskiy = Zelensky = Zelenskyy = Zelenskyi, Podolyak = Podoliak, Dmitry = Dmitriy.
And what must not: Johnson / Johnston, Marine / Jean-Marie.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from .. import lexicon

# Surname particles that belong to the surname, lower-case in running text
# (Ursula von der Leyen, Charles de Gaulle, Marine Le Pen).
PARTICLES = frozenset("de del della der di du da dos das van von la le bin al el ten ter st".split())
_APOSTROPHES = "’'‘`´"
_TOKEN = re.compile(r"[^\s,]+")
_DASHES = re.compile(r"[-‐‑–—]")
# The name functions below are pure and asked about the same few thousand words again and
# again in every article; bounded caches keep an ingest of millions of articles in flat memory.
NAME_CACHE_SIZE = 1 << 16


@lru_cache(maxsize=NAME_CACHE_SIZE)
def fold(text: str) -> str:
    """Case, accents, periods, apostrophes and spacing folded away: 'Mr. Erdoğan' -> 'mr erdogan'."""
    if text.isascii():
        # Nothing to decompose: the same result without the Unicode work.
        stripped = text.lower().replace(".", " ").replace("'", "").replace("`", "").replace("-", " ")
        return " ".join(stripped.split())
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    stripped = stripped.replace("ı", "i").replace("ł", "l").replace("ø", "o").replace("ß", "ss")
    stripped = stripped.lower().replace(".", " ")
    for mark in _APOSTROPHES:
        stripped = stripped.replace(mark, "")
    stripped = _DASHES.sub(" ", stripped)
    return " ".join(stripped.split())


def strip_possessive(word: str) -> str:
    """"Johnson’s" -> "Johnson", "Davies’" -> "Davies"."""
    if len(word) >= 2:
        before, last = word[-2], word[-1]
        if last == "s" and before in _APOSTROPHES:
            return word[:-2]
        if before == "s" and last in _APOSTROPHES:
            return word[:-1]
    return word


@dataclass(frozen=True)
class PersonName:
    """A person's name with its titles set aside."""

    titles: tuple[str, ...]
    given: str | None
    middle: tuple[str, ...]
    surname: str | None

    @property
    def full(self) -> str:
        return " ".join(p for p in (self.given, *self.middle, self.surname) if p)

    @property
    def tokens(self) -> int:
        return sum(1 for p in (self.given, *self.middle, self.surname) if p)


@lru_cache(maxsize=NAME_CACHE_SIZE)
def is_title(word: str) -> bool:
    return fold(word).replace(" ", "-") in lexicon.titles() or fold(word) in lexicon.titles()


@lru_cache(maxsize=NAME_CACHE_SIZE)
def parse_name(text: str) -> PersonName:
    """Split 'Prime Minister Mark Carney' into titles ('Prime', 'Minister') and the name.

    Titles are the words up to the last title word; a single remaining word after a
    title is a surname ("Mr Trump"), except after Sir/Dame/Lord, where British usage
    makes it the given name ("Sir Ed").
    """
    words = [strip_possessive(w) for w in _TOKEN.findall(text)]
    words = [w for w in words if w]
    last_title = -1
    for i, word in enumerate(words[:-1]):
        if is_title(word):
            last_title = i
    titles = tuple(words[: last_title + 1])
    rest = words[last_title + 1 :]
    if not rest:
        return PersonName(titles, None, (), None)
    if len(rest) == 1:
        if titles and fold(titles[-1]) in ("sir", "dame"):
            return PersonName(titles, rest[0], (), None)
        return PersonName(titles, None, (), rest[0])
    surname_start = len(rest) - 1
    while surname_start > 1 and fold(rest[surname_start - 1]) in PARTICLES:
        surname_start -= 1
    return PersonName(titles, rest[0], tuple(rest[1:surname_start]), " ".join(rest[surname_start:]))


@lru_cache(maxsize=NAME_CACHE_SIZE)
def variant_key(word: str) -> str:
    """A key that is equal for transliteration variants of one name.

    Folds y/i (Zelenskyy, Zelenskiy, Zelenskyi, Zelensky all become 'zelenski'),
    doubled letters, and ks/x; keeps every consonant otherwise, so Johnson and
    Johnston stay apart.
    """
    key = fold(word).replace(" ", "")
    key = key.replace("y", "i").replace("x", "ks").replace("ph", "f").replace("kh", "h")
    key = re.sub(r"(.)\1+", r"\1", key)
    key = re.sub(r"(?<=[a-z])j$", "i", key)  # Zelenskij
    return key


def name_key(name: str) -> str:
    """The key of a full name (titles dropped): 'Mr. Volodymyr Zelenskyy' -> 'volodimir zelenski'."""
    parsed = parse_name(name)
    parts = [p for p in (parsed.given, parsed.surname) if p]
    return " ".join(variant_key(p) for p in parts)

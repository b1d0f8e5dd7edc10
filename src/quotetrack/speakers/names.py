"""Person names: parsing, folding and the keys that decide when two spellings are one name.

Examples of what must fold together: Erdoğan = Erdogan, "Mr. Trump" = "Mr Trump",
Zelenskiy = Zelensky = Zelenskyy = Zelenskyi, Podolyak = Podoliak, Dmitry = Dmitriy.
And what must not: Johnson / Johnston, Marine / Jean-Marie.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

from .. import lexicon

# Surname particles that belong to the surname, lower-case in running text
# (Ursula von der Leyen, Charles de Gaulle, Marine Le Pen).
PARTICLES = frozenset("de del della der di du da dos das van von la le bin al el ten ter st ni nic mac o ui".split())
_APOSTROPHES = "’'‘`´"
# Letters and ranks written after a name, never part of it ("Caroline Ashby KC").
SUFFIXES = frozenset("kc qc sc bl jr sr ii iii iv phd md mp msp mla mpp mha td mep obe mbe cbe frs esq".split())
# Titles that alone name a role, not a person ("the President said"); other title words
# alone are surnames (Cardinal, King, Major).
ROLE_TITLES = frozenset("president minister chancellor premier mayor governor senator secretary judge coach speaker".split())
# Titles that are always followed by a name.
COURTESY_TITLES = frozenset("mr mrs ms miss mx dr sir dame lord lady prof".split())
_TOKEN = re.compile(r"[^\s,]+")
_DASHES = re.compile(r"[-‐‑–—]")
# The name functions below are pure and asked about the same few thousand words again and
# again in every article; bounded caches keep an ingest of millions of articles in flat memory.
NAME_CACHE_SIZE = 1 << 13


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


@lru_cache(maxsize=NAME_CACHE_SIZE)
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


# Abbreviations that are titles only with their full stop: "Col. Ann Reyes" is a colonel,
# "Col Hennessy" is a man called Col.
TITLES_NEEDING_STOP = frozenset({"col"})


@lru_cache(maxsize=NAME_CACHE_SIZE)
def is_title(word: str) -> bool:
    folded = fold(word)
    if folded in TITLES_NEEDING_STOP and not word.endswith("."):
        return False
    return folded in lexicon.titles() or folded.replace(" ", "-") in lexicon.titles()


@lru_cache(maxsize=NAME_CACHE_SIZE)
def parse_name(text: str) -> PersonName:
    """Split 'Prime Minister Mark Carney' into titles ('Prime', 'Minister') and the name.

    Titles are the words up to the last title word; a single remaining word after a
    title is a surname ("Mr Trump"), except after Sir/Dame/Lord, where British usage
    makes it the given name ("Sir Ed").
    """
    words = [strip_possessive(w) for w in _TOKEN.findall(text)]
    words = [w for w in words if w]
    while len(words) > 1 and fold(words[-1]) in SUFFIXES:
        words.pop()
    last_title = -1
    for i, word in enumerate(words[:-1]):
        if is_title(word):
            last_title = i
    if words and all(is_title(w) for w in words) and fold(words[last_title]) not in COURTESY_TITLES:
        if len(words) > 1 or fold(words[0]) in ROLE_TITLES:
            return PersonName(tuple(words), None, (), None)  # "Prime Minister": a role, no name
    titles = tuple(words[: last_title + 1])
    rest = words[last_title + 1 :]
    if not rest:
        return PersonName(titles, None, (), None)
    if len(rest) == 1:
        if titles and fold(titles[-1]) in ("sir", "dame"):
            return PersonName(titles, rest[0], (), None)
        return PersonName(titles, None, (), rest[0])
    if len(rest) <= 3 and fold(rest[0]) in PARTICLES:
        return PersonName(titles, None, (), " ".join(rest))  # "Mr Le Pen", "von der Leyen"
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
    key = re.sub(r"(?<=[a-z])j$", "i", key)  # Zelenskij
    key = re.sub(r"(.)\1+", r"\1", key)
    return key


def surname_key(name: str) -> str | None:
    """The key of a name's surname, if it has one: 'Mr. Volodymyr Zelenskyy' -> 'zelenski'."""
    surname = parse_name(name).surname
    return variant_key(surname) if surname else None


def alias_keys(alias: str, person: bool) -> dict[str, str | None]:
    """The keys a speaker_aliases row stores for an alias: ``key`` folds case, accents and
    punctuation; a person's ``variant`` and ``surname`` also fold transliteration (anyone
    else's variant is its key, and they have no surname)."""
    key = fold(alias)
    return {"key": key, "variant": name_key(alias) if person else key,
            "surname": surname_key(alias) if person else None}


def name_key(name: str) -> str:
    """The key of a full name (titles dropped): 'Mr. Volodymyr Zelenskyy' -> 'volodimir zelenski'."""
    parsed = parse_name(name)
    parts = [p for p in (parsed.given, parsed.surname) if p]
    return " ".join(variant_key(p) for p in parts)


@cache
def _detector():
    import gender_guesser.detector as gender_guesser

    return gender_guesser.Detector(case_sensitive=False)


@lru_cache(maxsize=NAME_CACHE_SIZE)
def _first_name_guess(word: str) -> str:
    """gender_guesser's answer for a first name, trying it as written, without accents,
    and by its first part ("Marc-André"); 'unknown' when it is not a known first name."""
    detector = _detector()
    for candidate in (word.lower(), fold(word), word.split("-")[0].lower(), fold(word.split("-")[0])):
        guess = detector.get_gender(candidate)
        if guess != "unknown":
            return guess
    return "unknown"


def given_name_gender(word: str | None) -> str | None:
    """'male', 'female', or None when the word is not a known first name or is unisex."""
    if not word or fold(word) in lexicon.NON_NAME_WORDS:
        return None
    guess = _first_name_guess(word)
    if guess in ("male", "mostly_male"):
        return "male"
    if guess in ("female", "mostly_female"):
        return "female"
    return None


def is_first_name(word: str | None) -> bool:
    if not word or fold(word) in lexicon.NON_NAME_WORDS:
        return False
    if word.isupper() and len(word) > 2:
        # Tabloid capitals: "TERRY Maddox" opens a lede, "FUMING David Okonjo" is a mood.
        return _first_name_guess(word) in ("male", "female", "mostly_male", "mostly_female")
    return _first_name_guess(word) != "unknown"

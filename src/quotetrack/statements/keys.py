"""Lookup keys for a quote's wording, so a new quote is compared with the handful of stored
statements that share a key with it, never with the whole corpus.

Two kinds of key find candidates, each a signed 64-bit integer (an SQL BIGINT):

  winnowed   fingerprints of three-word shingles chosen by winnowing (Schleimer, Wilkerson
             and Aiken, "Winnowing: local algorithms for document fingerprinting", 2003):
             the smallest shingle hash in every window of three shingles. Any run of
             ``GUARANTEED_RUN`` words that two quotes share yields one fingerprint they share,
             so a partial quote of that length always finds the quote it was cut from.
  sketch     MinHash bands over the set of content words: near-identical copies with a
             word changed in the middle (which breaks every shared run of five) still share
             the two content words with the smallest hash under most of the seeds.

Two more keys are about speakers, for quotes too short or generic to stand alone:

  speaker phrase   the whole folded wording said by one speaker ("we will see", by her).
  speaker mark     one per speaker of a statement: asked only together with a statement id,
                   to learn whether that statement has a quote by that speaker.

Shingles made only of generic words ("we are going") are not fingerprinted: they occur in
thousands of unrelated quotes and would only return useless candidates. Identical copies
need no key of their own: they share every fingerprint, and every quote that can stand
alone has at least one. Each key costs a lookup and a stored row, so there are no others.

Every word is hashed once (blake2b, cached); shingle and sketch hashes are mixed from the
word hashes with integer arithmetic, which is what keeps keying a quote in microseconds.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache

from .. import lexicon
from .wording import Wording

SHINGLE_WORDS = 3
WINDOW = 3
GUARANTEED_RUN = SHINGLE_WORDS + WINDOW - 1
# Four bands of two content words each: two copies whose sets of content words have
# Jaccard similarity J share a band with probability about 1 - (1 - J²)⁴, which is 0.98
# at J = 0.8 and 0.83 at J = 0.6; the winnowed keys catch most of the rest.
SKETCH_BANDS = 4
SKETCH_WIDTH = 2

_MASK = (1 << 64) - 1
_SIGN = 1 << 63
# Odd 64-bit multipliers for the three positions of a shingle (from the SplitMix64 and
# xxHash constants), so "we will not" and "not we will" hash apart.
_POSITION = (0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9)


def stable_hash(*parts: object) -> int:
    """A hash that is the same in every process and on every machine, as a signed 64-bit int."""
    digest = hashlib.blake2b("\x1f".join(map(str, parts)).encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def _mix(value: int) -> int:
    """SplitMix64's finaliser: spreads every input bit over the whole 64-bit result."""
    value = ((value ^ (value >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
    value = ((value ^ (value >> 27)) * 0x94D049BB133111EB) & _MASK
    return value ^ (value >> 31)


def _signed(value: int) -> int:
    return value - (1 << 64) if value & _SIGN else value


@lru_cache(maxsize=1 << 16)
def _word_hash(word: str) -> int:
    return int.from_bytes(hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest(), "big")


_SHINGLE_SALT = _word_hash("\x1fshingle")
_NEVER = 1 << 64
_SKETCH_SEEDS = tuple(_word_hash(f"\x1fsketch{band}") | 1 for band in range(SKETCH_BANDS))
_BAND_SALTS = tuple(_word_hash(f"\x1fband{band}") for band in range(SKETCH_BANDS))


def speaker_key(wording: Wording, speaker_id: int) -> int:
    """The key of a short phrase said by one speaker: it links identical copies by her alone."""
    return stable_hash("speaker", speaker_id, wording.folded)


def speaker_mark(speaker_id: int) -> int:
    """The key a statement carries for each of its speakers."""
    return stable_hash("spoken by", speaker_id)


def winnowed_keys(wording: Wording) -> set[int]:
    generic = lexicon.generic_words()
    first, second, third = _POSITION
    picked: set[int] = set()
    for segment in wording.segments:
        hashes = [_word_hash(word) for word in segment]
        content = [word not in generic for word in segment]
        # Mixed, not a bare weighted sum: neighbouring shingles share two words, and bare
        # sums of them are ordered alike, which picks fewer fingerprints (fewer copies found
        # on the bench). A shingle of generic words only is never picked: it stands above all.
        shingles = [
            _mix((hashes[i] * first + hashes[i + 1] * second + hashes[i + 2] * third + _SHINGLE_SALT) & _MASK)
            if content[i] or content[i + 1] or content[i + 2] else _NEVER
            for i in range(len(segment) - SHINGLE_WORDS + 1)
        ]
        picked.update(map(min, zip(*(shingles[i:] for i in range(WINDOW)))))
    picked.discard(_NEVER)
    return {_signed(value) for value in picked}


def sketch_keys(wording: Wording) -> set[int]:
    generic = lexicon.generic_words()
    content = [_word_hash(word) for word in {word for word in wording.words if word not in generic}]
    if len(content) < SKETCH_WIDTH:
        return set()
    keys = set()
    for seed, salt in zip(_SKETCH_SEEDS, _BAND_SALTS):
        # Multiplying by an odd constant reorders the word hashes: one ordering per band.
        smallest = sorted([(h * seed) & _MASK for h in content])[:SKETCH_WIDTH]
        keys.add(_signed(_mix((sum(smallest) + salt) & _MASK)))
    return keys


def most_shared_words(shared_keys: int) -> int:
    """The longest run of words two quotes can share and still have only ``shared_keys``
    winnowed keys in common: a run of L words holds L - SHINGLE_WORDS - WINDOW + 2 whole
    windows, and one fingerprint is the smallest of at most WINDOW of them. One shared key
    means a shared run of seven words at most, so a quote of thirty is no piece of the other."""
    return WINDOW * shared_keys + SHINGLE_WORDS + WINDOW - 2


@lru_cache(maxsize=4096)
def lookup_keys(wording: Wording) -> frozenset[int]:
    """Every key a quote is looked up by, and stored under when it stands for a statement
    (cached: wire copy repeats a quote word for word across many articles)."""
    return frozenset(winnowed_keys(wording) | sketch_keys(wording))

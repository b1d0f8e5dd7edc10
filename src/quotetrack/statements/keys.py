"""Lookup keys for a quote's wording, so a new quote is compared with the handful of stored
statements that share a key with it, never with the whole corpus.

Three kinds of key, each a signed 64-bit integer (an SQL BIGINT):

  exact      the whole folded wording: copies identical after folding.
  winnowed   fingerprints of three-word shingles chosen by winnowing (Schleimer, Wilkerson
             and Aiken, "Winnowing: local algorithms for document fingerprinting", 2003):
             the smallest shingle hash in every window of three shingles. Any run of
             ``GUARANTEED_RUN`` words that two quotes share yields one fingerprint they share,
             so a partial quote of that length always finds the quote it was cut from.
  sketch     MinHash bands over the set of content words: near-identical copies with a
             word changed in the middle (which breaks every shared run of five) still share
             the two content words with the smallest hash under most of the seeds.

Shingles made only of generic words ("we are going") are not fingerprinted: they occur in
thousands of unrelated quotes and would only return useless candidates.
"""

from __future__ import annotations

import hashlib

from .wording import Wording, is_content_word

SHINGLE_WORDS = 3
WINDOW = 3
GUARANTEED_RUN = SHINGLE_WORDS + WINDOW - 1
# Four bands of two content words each: two copies whose sets of content words have
# Jaccard similarity J share a band with probability about 1 - (1 - J²)⁴, which is 0.98
# at J = 0.8 and 0.83 at J = 0.6; the winnowed keys catch most of the rest.
SKETCH_BANDS = 4
SKETCH_WIDTH = 2


def stable_hash(*parts: object) -> int:
    """A hash that is the same in every process and on every machine, as a signed 64-bit int."""
    digest = hashlib.blake2b("\x1f".join(map(str, parts)).encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def exact_key(wording: Wording) -> int:
    return stable_hash("exact", wording.folded)


def speaker_key(wording: Wording, speaker_id: int) -> int:
    """The only key of a short or generic quote: it links copies by the same speaker alone."""
    return stable_hash("speaker", speaker_id, wording.folded)


def winnowed_keys(wording: Wording) -> set[int]:
    keys: set[int] = set()
    for segment in wording.segments:
        hashes = [
            stable_hash("shingle", *shingle) if any(is_content_word(w) for w in shingle) else None
            for shingle in (segment[i:i + SHINGLE_WORDS] for i in range(len(segment) - SHINGLE_WORDS + 1))
        ]
        for start in range(len(hashes) - WINDOW + 1):
            window = [h for h in hashes[start:start + WINDOW] if h is not None]
            if window:
                keys.add(min(window))
    return keys


def sketch_keys(wording: Wording) -> set[int]:
    content = {word for word in wording.words if is_content_word(word)}
    if len(content) < SKETCH_WIDTH:
        return set()
    keys = set()
    for band in range(SKETCH_BANDS):
        smallest = sorted(content, key=lambda word: stable_hash("sketch", band, word))[:SKETCH_WIDTH]
        keys.add(stable_hash("band", band, *sorted(smallest)))
    return keys


def lookup_keys(wording: Wording) -> set[int]:
    """Every key of a quote that may stand alone as a statement."""
    return {exact_key(wording)} | winnowed_keys(wording) | sketch_keys(wording)

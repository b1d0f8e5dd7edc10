"""Whether two quotes are one statement: the decision, and the thresholds it rests on.

Three ways two wordings are one statement (after ``wording`` folded case, marks,
punctuation and contractions):

  identical  the same words: “Delivery dates do,” = "Delivery dates do."
  fragment   the shorter is a run of the longer, as partial quotes and trimmed copies
             are; with an ellipsis, each of its pieces in order
  near       nearly the same words (rapidfuzz ratio), where every word that differs is a
             spelling variant or a generic word, never a number or a negation

A wrong merge puts one person's words beside another's, so every way needs enough
distinctive words that chance cannot produce it. The thresholds are below, each with
its reason.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from .. import lexicon
from .wording import Wording, is_content_word

IDENTICAL = "identical"
FRAGMENT = "fragment"
NEAR = "near"


@dataclass(frozen=True)
class Thresholds:
    # A quote stands alone as a statement (joins quotes by other speakers, and another
    # statement's fragment) only with this many words, this many of them content words.
    # Five words is the shortest partial quote worth tracing; the content words keep out
    # "we will see what happens", "it is what it is", "thank you very much".
    distinctive_words: int = 5
    distinctive_content_words: int = 2
    # A near-identical match (some words differ) needs a longer quote: in a short one,
    # one changed word is the whole claim ("rates will rise" / "rates will fall").
    near_words: int = 8
    near_content_words: int = 3
    # rapidfuzz ratio (0-100) of the folded wordings. 90 allows a few changed letters in
    # forty (a spelling variant, a dropped "the") and rejects a changed clause.
    near_ratio: float = 90.0
    # Two words (or short runs) that replace each other are a spelling variant only this
    # close: organise/organize 88, defence/defense 86, Zelenskiy/Zelensky 94; while
    # Tuesday/Thursday (80) and raise/rise (80) are different words.
    variant_ratio: float = 85.0
    # Content words one copy has and the other lacks (a cut without an ellipsis):
    # "every school and every hospital" / "every school".
    near_dropped_content_words: int = 2


THRESHOLDS = Thresholds()


def is_distinctive(wording: Wording, limits: Thresholds = THRESHOLDS) -> bool:
    """Enough words, and enough of them content words, to stand alone as a statement."""
    return len(wording.words) >= limits.distinctive_words and wording.content_words >= limits.distinctive_content_words


def same_statement(a: Wording, b: Wording, limits: Thresholds = THRESHOLDS) -> str | None:
    """How ``a`` and ``b`` are one statement (IDENTICAL, FRAGMENT, NEAR), or None.

    Identical short wordings are left to the caller, which links them only for the
    same speaker (see store/statements.py).
    """
    if a.words == b.words:
        return IDENTICAL
    short, long = sorted((a, b), key=lambda w: (len(w.words), len(w.folded)))
    if not is_distinctive(short, limits):
        return None
    if _is_fragment(short, long, limits):
        return FRAGMENT
    if _is_near(short, long, limits):
        return NEAR
    return None


def _is_fragment(short: Wording, long: Wording, limits: Thresholds) -> bool:
    # No minimum share of the longer quote: a partial quote is often a tenth of the
    # statement. But its longest piece must be distinctive by itself, so an ellipsis
    # cannot glue two-word scraps ("we will … the end") into a match.
    longest = max(short.segments, key=len)
    if not is_distinctive(Wording((longest,)), limits):
        return False
    haystack = f" {long.folded} "
    position = 0
    for segment in short.segments:
        needle = f" {' '.join(segment)} "
        found = haystack.find(needle, position)
        if found < 0:
            return False
        position = found + len(needle) - 1
    return True


def _is_near(short: Wording, long: Wording, limits: Thresholds) -> bool:
    if len(short.words) < limits.near_words or short.content_words < limits.near_content_words:
        return False
    window = _aligned_window(short, long)
    if fuzz.ratio(short.folded, " ".join(window)) < limits.near_ratio:
        return False
    return _differences_are_minor(short.words, window, limits)


def _aligned_window(short: Wording, long: Wording) -> tuple[str, ...]:
    """The words of ``long`` that ``short`` lines up with: all of them for a copy of about
    the same length, else the best-matching stretch (a trimmed copy with a changed word)."""
    if len(long.words) * 4 <= len(short.words) * 5:
        return long.words
    alignment = fuzz.partial_ratio_alignment(short.folded, long.folded)
    before = long.folded[:alignment.dest_start].count(" ")
    after = long.folded[:alignment.dest_end].count(" ")
    return long.words[before:after + 1]


def _differences_are_minor(a: tuple[str, ...], b: tuple[str, ...], limits: Thresholds) -> bool:
    dropped = 0
    for tag, a_start, a_end, b_start, b_end in Levenshtein.opcodes(a, b):
        if tag == "equal":
            continue
        removed, added = a[a_start:a_end], b[b_start:b_end]
        changed = removed + added
        if any(w in lexicon.negations() or any(c.isdigit() for c in w) for w in changed):
            return False
        content = sum(1 for w in changed if is_content_word(w))
        if tag == "replace":
            if fuzz.ratio(" ".join(removed), " ".join(added)) >= limits.variant_ratio or not content:
                continue
            return False  # a word swapped for another is a different claim: Tuesday / Thursday
        dropped += content
        if dropped > limits.near_dropped_content_words:
            return False
    return True

"""Whether two quotes are one statement: the decision, and the thresholds it rests on.

Every copy of a statement is a piece of the words as spoken: the whole, a trimmed copy, a
partial quote, a copy cut with an ellipsis, one half of a split quote. Two quotes are one
statement when they can be laid over each other as pieces of one text (after ``wording``
folded case, marks, punctuation and contractions):

  identical  the same words: “Delivery dates do,” = "Delivery dates do."
  fragment   the words they share form runs, and wherever the runs end, one of the two
             quotes ends too, or has an ellipsis: a partial quote inside the whole, two
             trimmed copies that overlap, a copy with a cut beside one without
  near       the same, except for words that differ in both (rapidfuzz): each difference
             a spelling variant (organise / organize) or a generic word (a / the), never
             a number, a negation, or a word swapped for another (Tuesday / Thursday)

Two quotes that share words and then go on differently, both without a cut, are two
statements: "We will not raise taxes on working families" / "We will not raise taxes on
small businesses". A wrong merge puts one person's words beside another's, so every way
also needs enough distinctive shared words that chance cannot produce it. The
thresholds are below, each with its reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from .. import lexicon
from .wording import Wording, is_content_word

IDENTICAL = "identical"
FRAGMENT = "fragment"
NEAR = "near"


@dataclass(frozen=True)
class Thresholds:
    # A quote stands alone as a statement (joins quotes by other speakers) only with this
    # many words, this many of them content words. Five words is the shortest partial
    # quote worth tracing; the content words keep out "we will see what happens", "it is
    # what it is", "thank you very much". Two pieces must share a run this distinctive.
    distinctive_words: int = 5
    distinctive_content_words: int = 2
    # Shared runs shorter than this are coincidence ("of"), not evidence; pairs of words
    # count, so that "there were things" / "there were not things" is seen to differ.
    anchor_words: int = 2
    # Two pieces must share at least this share of the shorter one's words: two trimmed
    # copies of one quote overlap by most of their length, while a stock phrase at the end
    # of one statement and the start of another is a small part of either.
    piece_share: float = 0.5
    # A near-identical match (some words differ) needs a longer quote: in a short one,
    # one changed word is the whole claim ("rates will rise" / "rates will fall").
    near_words: int = 8
    near_content_words: int = 3
    # Share of the shorter quote's words that must be in the other unchanged (or as a
    # spelling variant) when words differ: generic words are free to differ, but not
    # without limit ("people trust agencies that show up has been" is not "... show up
    # before the crisis").
    near_kept_share: float = 0.85
    # rapidfuzz ratio (0-100) at which two differing words (or short runs) are a spelling
    # variant: organise/organize 88, defence/defense 86, Zelenskiy/Zelensky 94; while
    # Tuesday/Thursday (80) and raise/rise (80) are different words.
    variant_ratio: float = 85.0
    # partial_ratio at which a piece of a quote cut with an ellipsis that shares no run
    # with the other quote is taken to stand for words of it (and must agree with them).
    loose_piece_ratio: float = 75.0
    # Content words one copy has and the other lacks, with no ellipsis to say so:
    # "every school and every hospital" / "every school".
    near_dropped_content_words: int = 2


THRESHOLDS = Thresholds()


def is_distinctive(wording: Wording, limits: Thresholds = THRESHOLDS) -> bool:
    """Enough words, and enough of them content words, to stand alone as a statement."""
    return _distinctive(wording.words, limits)


def _distinctive(words: tuple[str, ...], limits: Thresholds) -> bool:
    content = sum(1 for word in words if is_content_word(word))
    return len(words) >= limits.distinctive_words and content >= limits.distinctive_content_words


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
    overlay = _Overlay(short, long, limits)
    if not overlay.consistent or not overlay.anchored:
        return None
    if not overlay.changed:
        return FRAGMENT if overlay.kept >= limits.piece_share * len(short.words) else None
    if (len(short.words) >= limits.near_words and short.content_words >= limits.near_content_words
            and overlay.kept >= limits.near_kept_share * len(short.words)):
        return NEAR
    return None


class _Overlay:
    """Two wordings laid over each other on their shared runs of words.

    Between two runs, and before the first and after the last, each quote either has
    nothing more (it was trimmed there), has an ellipsis (its words are cut there), or
    goes on; where both go on, the words they have there must be minor differences.
    """

    def __init__(self, a: Wording, b: Wording, limits: Thresholds):
        self.limits = limits
        self.a, self.b = a.words, b.words
        self.a_cuts, self.b_cuts = _cuts(a), _cuts(b)
        matcher = SequenceMatcher(None, self.a, self.b, autojunk=False)
        runs = (piece for block in matcher.get_matching_blocks() for piece in self._split_at_cuts(*block))
        self.runs = [(i, j, n) for i, j, n in runs if n >= limits.anchor_words]
        self.kept = sum(n for _, _, n in self.runs)
        self.changed = False
        self.dropped = 0
        # The shared runs together must be distinctive, and one of them more than a pair of
        # words: ellipses chop a quote into short pieces that are only evidence together.
        shared = tuple(word for i, _, n in self.runs for word in self.a[i:i + n])
        self.anchored = _distinctive(shared, limits) and any(n > limits.anchor_words for _, _, n in self.runs)
        self.consistent = bool(self.runs) and self._check()
        # Words compared on both sides of a cut may be counted twice.
        self.kept = min(self.kept, len(self.a))

    def _split_at_cuts(self, i: int, j: int, n: int) -> list[tuple[int, int, int]]:
        """A shared run never spans an ellipsis: "are not … feel" shares "not feel" with
        "can not feel" only by accident of the cut."""
        inside = sorted({c - i for c in self.a_cuts if i < c < i + n} | {c - j for c in self.b_cuts if j < c < j + n})
        bounds = [0, *inside, n]
        return [(i + start, j + start, end - start) for start, end in zip(bounds, bounds[1:])]

    def _check(self) -> bool:
        first_a, first_b, _ = self.runs[0]
        if not self._ends_agree(self._before(self.a, self.a_cuts, first_a), self._before(self.b, self.b_cuts, first_b),
                                from_end=True):
            return False
        for (i, j, n), (next_i, next_j, _) in zip(self.runs, self.runs[1:]):
            a_gap, b_gap = self.a[i + n:next_i], self.b[j + n:next_j]
            if not self._cut_between(self.a_cuts, i + n, next_i) and not self._cut_between(self.b_cuts, j + n, next_j):
                if not self._minor(a_gap, b_gap):
                    return False
                continue
            after_a, after_b = self._after(self.a, self.a_cuts, i + n, next_i), self._after(self.b, self.b_cuts, j + n, next_j)
            before_a, before_b = self._before(self.a, self.a_cuts, next_i, i + n), self._before(self.b, self.b_cuts, next_j, j + n)
            if not (self._ends_agree(after_a, after_b, from_end=False) and self._ends_agree(before_a, before_b, from_end=True)):
                return False
        if not (self._loose_pieces_agree(self.a, self.a_cuts, 0, self.b)
                and self._loose_pieces_agree(self.b, self.b_cuts, 1, self.a)):
            return False
        last_a, last_b, last_n = self.runs[-1]
        return self._ends_agree(self._after(self.a, self.a_cuts, last_a + last_n, len(self.a)),
                                self._after(self.b, self.b_cuts, last_b + last_n, len(self.b)), from_end=False)

    def _loose_pieces_agree(self, words: tuple[str, ...], cuts: frozenset[int], side: int,
                            other: tuple[str, ...]) -> bool:
        """A piece between two cuts that shares no run with the other quote may stand in its
        gap; but if it reads like words the other has, it must differ only in minor ways:
        "we are not grateful …" beside "are grateful but gratitude does not ..."."""
        bounds = [0, *sorted(cuts), len(words)]
        for start, end in zip(bounds, bounds[1:]):
            if end - start < self.limits.anchor_words or any(
                    start <= run[side] < end for run in self.runs):
                continue
            piece, text = " ".join(words[start:end]), " ".join(other)
            found = fuzz.partial_ratio_alignment(piece, text)
            if found is None or found.score < self.limits.loose_piece_ratio:
                continue
            window = text[:found.dest_end].split()[text[:found.dest_start].count(" "):]
            if not _Overlay.minor_only(words[start:end], tuple(window), self.limits):
                return False
        return True

    @staticmethod
    def minor_only(a: tuple[str, ...], b: tuple[str, ...], limits: Thresholds) -> bool:
        probe = _Overlay.__new__(_Overlay)
        probe.limits, probe.kept, probe.dropped, probe.changed = limits, 0, 0, False
        return probe._minor(a, b)

    @staticmethod
    def _cut_between(cuts: frozenset[int], start: int, end: int) -> bool:
        return any(start <= cut <= end for cut in cuts)

    @staticmethod
    def _before(words: tuple[str, ...], cuts: frozenset[int], position: int, floor: int = 0) -> tuple[str, ...]:
        """The words right before ``position`` in the same piece (back to a cut or ``floor``)."""
        start = max([c for c in cuts if floor <= c <= position], default=floor)
        return words[start:position]

    @staticmethod
    def _after(words: tuple[str, ...], cuts: frozenset[int], position: int, ceiling: int) -> tuple[str, ...]:
        """The words right after ``position`` in the same piece (up to a cut or ``ceiling``)."""
        end = min([c for c in cuts if position <= c <= ceiling], default=ceiling)
        return words[position:end]

    def _ends_agree(self, a: tuple[str, ...], b: tuple[str, ...], from_end: bool) -> bool:
        """Where a shared run ends and both quotes go on, the words that follow (or precede)
        it must be the same but for minor differences; where one stops, anything goes."""
        width = min(len(a), len(b))
        if not width:
            return True
        return self._minor(a[-width:], b[-width:]) if from_end else self._minor(a[:width], b[:width])

    def _minor(self, a: tuple[str, ...], b: tuple[str, ...]) -> bool:
        """Every word that differs is a spelling variant or a generic word, never a number
        or a negation, and few content words are missing from one side."""
        for tag, a_start, a_end, b_start, b_end in Levenshtein.opcodes(a, b):
            removed, added = a[a_start:a_end], b[b_start:b_end]
            if tag == "equal":
                self.kept += len(removed)
                continue
            self.changed = True
            changed = removed + added
            if any(w in lexicon.negations() or any(c.isdigit() for c in w) for w in changed):
                return False
            content = sum(1 for w in changed if is_content_word(w))
            if tag == "replace":
                if fuzz.ratio(" ".join(removed), " ".join(added)) >= self.limits.variant_ratio:
                    self.kept += len(removed)
                elif content:
                    return False  # a word swapped for another is a different claim: Tuesday / Thursday
                continue
            self.dropped += content
            if self.dropped > self.limits.near_dropped_content_words:
                return False
        return True


def _cuts(wording: Wording) -> frozenset[int]:
    """Word positions where an ellipsis stands."""
    positions, total = set(), 0
    for segment in wording.segments[:-1]:
        total += len(segment)
        positions.add(total)
    return frozenset(positions)

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
small businesses"; so are two whose words line up around a negation or a number that only
one has, even where a cut stands beside it ("No parent should be …" / "should not be
left unsure"). A wrong merge puts one person's words beside another's, so every way also
needs enough distinctive shared words that chance cannot produce it: fewer when both
quotes are given to one speaker (``same_speaker``), who is far likelier to repeat her own
words than to share a stranger's. The thresholds are below, each with its reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from rapidfuzz import fuzz
from rapidfuzz.distance import LCSseq, Levenshtein

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
    # Words a cut piece and the other quote may have between the words they line up on
    # before the alignment is taken for chance: "should [not] be".
    loose_piece_gap_words: int = 2
    # Content words one copy has and the other lacks, with no ellipsis to say so:
    # "every school and every hospital" / "every school".
    near_dropped_content_words: int = 2
    # A quote too generic to stand alone may still be a piece of a statement by the same
    # speaker, if it is this long, has a content word, and lies whole inside it: Anna
    # Berg's "it out at two in the" is a piece of her "... figuring it out at two in the
    # morning", while her "we will see" is not evidence of anything.
    spoken_piece_words: int = 5
    spoken_piece_content_words: int = 1
    # Two wordings that share a run this long and cannot be laid over each other are two
    # statements, and a quote that agrees with both does not merge them.
    conflict_run_words: int = 3


THRESHOLDS = Thresholds()


def is_distinctive(wording: Wording, limits: Thresholds = THRESHOLDS) -> bool:
    """Enough words, and enough of them content words, to stand alone as a statement."""
    return (len(wording.words) >= limits.distinctive_words
            and wording.content_words >= limits.distinctive_content_words)


def same_statement(a: Wording, b: Wording, limits: Thresholds = THRESHOLDS,
                   same_speaker: bool = False) -> str | None:
    """How ``a`` and ``b`` are one statement (IDENTICAL, FRAGMENT, NEAR), or None.

    Identical short wordings are left to the caller, which links them only for the
    same speaker (see store/statements.py). With ``same_speaker`` (both quotes are given to
    one person), a short or generic quote is a FRAGMENT of a statement it lies whole in,
    and the words two pieces share need only one content word; whatever is one statement
    without it is one with it.
    """
    if a.words == b.words:
        return IDENTICAL
    if not a.trigrams & b.trigrams:
        return None  # every way below needs a shared run longer than ``anchor_words`` (two)
    short, long = sorted((a, b), key=lambda w: (len(w.words), len(w.folded)))
    if not is_distinctive(short, limits):
        return FRAGMENT if same_speaker and _spoken_piece(short, long, limits) else None
    if len(short.segments) == len(long.segments) == 1 and f" {short.folded} " in f" {long.folded} ":
        return FRAGMENT  # the commonest case, a partial quote or a trimmed copy, without laying them over
    overlay = _Overlay(short, long, limits, same_speaker)
    if not overlay.anchored or not overlay.consistent:
        return None
    if not overlay.changed:
        return FRAGMENT if overlay.kept >= limits.piece_share * len(short.words) else None
    if (len(short.words) >= limits.near_words and short.content_words >= limits.near_content_words
            and overlay.kept >= limits.near_kept_share * len(short.words)):
        return NEAR
    return None


def _spoken_piece(short: Wording, long: Wording, limits: Thresholds) -> bool:
    if len(short.words) < limits.spoken_piece_words or short.content_words < limits.spoken_piece_content_words:
        return False
    overlay = _Overlay(short, long, limits)
    return overlay.consistent and not overlay.changed and overlay.kept == len(short.words)


def conflict(a: Wording, b: Wording, limits: Thresholds = THRESHOLDS) -> bool:
    """Whether ``a`` and ``b`` share words as copies do but cannot be pieces of one text:
    a quote and its look-alike ("We will not raise taxes on working families" / "... on
    small businesses"). Wordings that share no such run are no evidence either way."""
    if a.words == b.words:
        return False
    overlay = _Overlay(*sorted((a, b), key=lambda w: (len(w.words), len(w.folded))), limits)
    return any(n >= limits.conflict_run_words for _, _, n in overlay.runs) and not overlay.consistent


class _Overlay:
    """Two wordings laid over each other on their shared runs of words.

    Between two runs, and before the first and after the last, each quote either has
    nothing more (it was trimmed there), has an ellipsis (its words are cut there), or
    goes on; where both go on, the words they have there must be minor differences.
    """

    def __init__(self, a: Wording, b: Wording, limits: Thresholds, same_speaker: bool = False):
        self.limits = limits
        self.a, self.b = a.words, b.words
        self.a_cuts, self.b_cuts = _cuts(a), _cuts(b)
        blocks = LCSseq.opcodes(self.a, self.b).as_matching_blocks()
        runs = (piece for block in blocks for piece in self._split_at_cuts(*block))
        self.runs = self._without_loose_ends([(i, j, n) for i, j, n in runs if n >= limits.anchor_words])
        self.kept = sum(n for _, _, n in self.runs)
        self.changed = False
        self.dropped = 0
        # The shared runs together must be distinctive, and one of them more than a pair of
        # words: ellipses chop a quote into short pieces that are only evidence together.
        # Between quotes given to one speaker, one content word is enough, as it is for a
        # generic quote lying whole in her statement (Thresholds.spoken_piece_content_words).
        shared = tuple(word for i, _, n in self.runs for word in self.a[i:i + n])
        content = sum(1 for word in shared if is_content_word(word))
        needed = limits.spoken_piece_content_words if same_speaker else limits.distinctive_content_words
        self.anchored = (len(shared) >= limits.distinctive_words and content >= needed
                         and any(n > limits.anchor_words for _, _, n in self.runs))

    @cached_property
    def consistent(self) -> bool:
        """Whether the quotes can be laid over each other; ``kept`` and ``changed`` are
        final once this has been asked (it is asked last, after the cheaper tests)."""
        found = bool(self.runs) and self._check()
        # Words compared on both sides of a cut may be counted twice.
        self.kept = min(self.kept, len(self.a))
        return found

    def _without_loose_ends(self, runs: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
        """A pair of words at either end, cut off from the other shared runs by words that
        only one quote has, is a coincidence of common words, not an anchor: "is not an
        investment" is not a piece of "this is not charity; it is an investment"."""
        short = self.limits.conflict_run_words

        def loose(run: tuple[int, int, int], neighbour: tuple[int, int, int]) -> bool:
            (i, j, n), (ni, nj, nn) = sorted((run, neighbour))
            a_gap, b_gap = ni - (i + n), nj - (j + n)
            uncut = not self._cut_between(self.a_cuts, i + n, ni) and not self._cut_between(self.b_cuts, j + n, nj)
            return run[2] < short and uncut and (a_gap == 0) != (b_gap == 0)

        while len(runs) > 1 and loose(runs[0], runs[1]):
            runs = runs[1:]
        while len(runs) > 1 and loose(runs[-1], runs[-2]):
            runs = runs[:-1]
        return runs

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
            if self._hides_a_negation(words[start:end], self._gap_around(side, start, end, other)):
                return False
            piece, text = " ".join(words[start:end]), " ".join(other)
            found = fuzz.partial_ratio_alignment(piece, text)
            if found is None or found.score < self.limits.loose_piece_ratio:
                continue
            window = text[:found.dest_end].split()[text[:found.dest_start].count(" "):]
            if not _Overlay.minor_only(words[start:end], tuple(window), self.limits):
                return False
        return True

    def _gap_around(self, side: int, start: int, end: int, other: tuple[str, ...]) -> tuple[str, ...]:
        """The words of the other quote where a piece without a shared run would stand:
        between the shared runs before and after it."""
        before = [run for run in self.runs if run[side] + run[2] <= start]
        after = [run for run in self.runs if run[side] >= end]
        low = before[-1][1 - side] + before[-1][2] if before else 0
        high = after[0][1 - side] if after else len(other)
        return other[low:high]

    def _hides_a_negation(self, piece: tuple[str, ...], gap: tuple[str, ...]) -> bool:
        """Words of a cut piece that line up with the other quote, with a negation or a
        number between them on one side only ("No parent should be …" beside "should not be
        left unsure", where the pair "should be" is too short to count as a shared run), or
        with two different numbers beside them ("2026 — then 2027 …" beside "balance in
        2029. Then …"). A "not" beside one shared word is too common to tell anything."""
        blocks = [block for block in LCSseq.opcodes(piece, gap).as_matching_blocks() if block.size]
        for block in blocks:
            for mine, theirs in ((block.a - 1, block.b - 1), (block.a + block.size, block.b + block.size)):
                if 0 <= mine < len(piece) and 0 <= theirs < len(gap) and _other_number(piece[mine], gap[theirs]):
                    return True
        if sum(block.size for block in blocks) < self.limits.anchor_words:
            return False
        first, last = blocks[0], blocks[-1]
        mine, theirs = piece[first.a:last.a + last.size], gap[first.b:last.b + last.size]
        if max(len(mine), len(theirs)) > sum(block.size for block in blocks) + self.limits.loose_piece_gap_words:
            return False
        return any(_changes_claim(word) for word in set(mine) ^ set(theirs))

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
            if any(_changes_claim(w) for w in changed):
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


def _changes_claim(word: str) -> bool:
    """A negation or a number: one more or less of them, and the claim is another."""
    return word in lexicon.negations() or any(c.isdigit() for c in word)


def _other_number(a: str, b: str) -> bool:
    return a != b and any(c.isdigit() for c in a) and any(c.isdigit() for c in b)


def _cuts(wording: Wording) -> frozenset[int]:
    """Word positions where an ellipsis stands."""
    positions, total = set(), 0
    for segment in wording.segments[:-1]:
        total += len(segment)
        positions.add(total)
    return frozenset(positions)

"""Quotes split around their cue: two quotes of one article that are one sentence.

News style breaks a long sentence with the attribution in the middle:

    “We are grateful,” the president said, “but gratitude does not shoot down missiles.”

The extractor finds two quotes; they are one statement, and its words are the two halves
joined. The halves are told by the punctuation around the cue: the first ends with a
comma or a dash (inside or outside its closing mark), the cue between them is a short
clause with no sentence end and no line break, and it ends with a comma (or a dash) right
before the second opening mark. “We are grateful,” he said. “But ...” is two sentences.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..extract.annotate import ABBREVIATIONS

# The longest cue between two halves, in characters: a name with a title and a role
# ("Volodymyr Zelensky, the Ukrainian president, told reporters in Kyiv on Tuesday") fits.
MAX_CUE_CHARACTERS = 120
_HALF_END = re.compile(r"[,—–-]\s*$")
_CUE = re.compile(
    r"^[”\"’'»]?[ \t]*(?P<comma>[,—–-])?"  # the closing mark, and the comma if it stands outside
    r"(?P<clause>[^!?;\n“”\"]+?)"          # the cue: "the president said"
    r"[,—–][ \t]*[“\"‘'«]$"               # its comma and the second opening mark
)
# A full stop in the cue ends a sentence unless it ends an abbreviation ("Mr.", "U.S.", "J.").
_PERIOD = re.compile(r"([\w.’'-]*)\.")


@dataclass(frozen=True)
class Span:
    """Where a quote stands in its article, and who said it."""

    start: int
    end: int
    text: str
    speaker_id: int | None


def continues_previous(text: str, quotes: Sequence[Span]) -> list[bool]:
    """For each quote (in order of position), whether it is the second half of a sentence
    whose first half is the quote before it."""
    found = [False] * len(quotes)
    for i in range(1, len(quotes)):
        first, second = quotes[i - 1], quotes[i]
        if first.speaker_id != second.speaker_id or not 0 < second.start - first.end <= MAX_CUE_CHARACTERS:
            continue
        cue = _CUE.match(text[first.end:second.start])
        if cue and (_HALF_END.search(first.text) or cue.group("comma")) and _one_sentence(cue.group("clause")):
            found[i] = True
    return found


def _one_sentence(clause: str) -> bool:
    return all(len(word) == 1 or word.lower() in ABBREVIATIONS for word in _PERIOD.findall(clause))

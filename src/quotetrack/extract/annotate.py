"""Linguistic annotation behind one narrow interface: sentences, names, and the subject
of a speech verb.

Two implementations share it: ``RuleAnnotator`` here (regular expressions, needs
nothing, fast) and the stanza adapter in ``stanza_engine`` (named entities and
dependency parses, when stanza's English models are installed). The attribution
sieves only ever talk to ``Annotation``.
"""

from __future__ import annotations

import re
from typing import NamedTuple, Protocol

# Every upper-case letter of the Latin scripts news copy uses (É, Ł, Š, Ž ...).
UPPER = "".join(chr(c) for c in range(0x41, 0x250) if chr(c).isupper())
# Abbreviations whose period does not end a sentence ("Mr. Trump", "Sen. Doe", "J. Smith").
ABBREVIATIONS = frozenset(
    "mr mrs ms dr sen rep gen gov lt col capt maj sgt prof rev st jr sr insp supt det const "
    "coun fr adm cmdr ald mt no vs inc ltd corp co u.s u.k jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
_ABBREV = r"(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gen|Gov|Lt|Col|Capt|Maj|Sgt|Prof|Rev|St|Jr|Sr|Insp|Supt|Det|Const|Coun|Fr|Adm|Cmdr|Ald)\."
_WORD = rf"(?:{_ABBREV}|[{UPPER}]\.(?=\s+[{UPPER}])|[{UPPER}][\w’'\-]*)"
_PARTICLE = r"(?:de|del|della|der|di|du|da|dos|van|von|la|le|bin|al|el|ten|ter)"
# Every name run starts with a capital; the lookahead says so first, which lets the regex
# engine skip the other positions quickly (same matches, about twice as fast).
NAME_RUN = re.compile(rf"(?=[{UPPER}])(?<![\w’'\-]){_WORD}(?:\s+(?:{_PARTICLE}\s+)*{_WORD})*")
_SENTENCE_END = re.compile(rf"[.!?…]+[”’\"')\]]*(?=\s+[“‘\"'(\[]?[{UPPER}0-9])")


class NameSpan(NamedTuple):
    """A run of capitalised words; ``label`` is 'PERSON', 'ORG', 'PLACE' or '' when unknown.
    (A named tuple: an article has a hundred of them, and a tuple is the cheapest to make.)"""

    start: int
    end: int
    text: str
    label: str = ""


class Annotation(Protocol):
    text: str

    def sentence_ends(self) -> list[int]:
        """Offsets just past the end of each sentence (paragraph ends included)."""

    def names(self) -> list[NameSpan]:
        """Capitalised name runs (rules) or named entities (stanza), in order."""

    def subject_of(self, start: int, end: int) -> tuple[int, int] | None:
        """The span of the grammatical subject of the verb at [start, end), when known."""


class RuleAnnotator:
    """Annotation from regular expressions alone."""

    def __init__(self, text: str):
        self.text = text
        self._ends: list[int] | None = None
        self._names: list[NameSpan] | None = None

    def sentence_ends(self) -> list[int]:
        if self._ends is None:
            ends = []
            for match in _SENTENCE_END.finditer(self.text):
                word_start = self.text.rfind(" ", max(0, match.start() - 40), match.start()) + 1
                word = self.text[word_start : match.start()].lower().strip("“‘\"'(")
                if match.group().startswith(".") and (word in ABBREVIATIONS or len(word) == 1):
                    continue
                ends.append(match.end())
            ends.extend(m.start() for m in re.finditer("\n", self.text))
            ends.append(len(self.text))
            self._ends = sorted(set(ends))
        return self._ends

    def names(self) -> list[NameSpan]:
        if self._names is None:
            self._names = [NameSpan(m.start(), m.end(), m.group()) for m in NAME_RUN.finditer(self.text)]
        return self._names

    def subject_of(self, start: int, end: int) -> tuple[int, int] | None:
        return None

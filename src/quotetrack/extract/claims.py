"""Reported speech: claims stated without quotation marks.

  X said (that) CLAUSE            Mr Trump said there was no movement towards a ceasefire.
  X told reporters (that) CLAUSE  The mayor told reporters the bridge would reopen in May.
  X accused Y of CLAUSE           The union accused the board of ignoring its members.
  According to X, CLAUSE          According to the ministry, 23 people were injured.
  CLAUSE, X said.                 The attack was deliberate, the minister said.

Only sentences with no quotation in them are read: a sentence with quote marks is
already covered by the quote sieves.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .annotate import Annotation
from .attribution import Attribution
from .mentions import classify_speaker

# Speech verbs that introduce a clause of reported content, past tense as news writes them.
CLAUSE_VERBS = frozenset(
    """said says told warned claimed argued insisted added stressed suggested admitted acknowledged
    denied alleged confirmed announced predicted noted explained stated reported conceded maintained
    contended asserted revealed promised vowed accused wrote posted tweeted testified estimated
    complained agreed emphasised emphasized countered""".split()
)
_WORD = re.compile(r"\S+")
_ANY_CUE = re.compile(r"\b(?:" + "|".join(sorted(CLAUSE_VERBS)) + r"|[Aa]ccording)\b")
_ACCORDING = re.compile(r"^According to ([^,]{2,80}), (.+)$", re.DOTALL)
_TRAILING = re.compile(r"^(?P<clause>.+), (?P<who>[^,]{2,60}?) (?P<verb>said|says|added|told \w+|warned|wrote|claimed|insisted)(?: on \w+| in a statement| in an interview)?[.!]?$", re.DOTALL)
_OBJECT_AFTER_TOLD = re.compile(r"^(?:reporters|journalists|the \w+(?: \w+)?|[A-Z][\w’'-]+(?: [A-Z][\w’'-]+)*|him|her|them|us|me|parliament|lawmakers)(?: on \w+| in an interview| in a statement)? ", re.UNICODE)
MIN_CLAUSE_WORDS = 4
MAX_SUBJECT_WORDS = 32


@dataclass(frozen=True)
class Claim:
    start: int
    end: int
    attribution: Attribution


def find_claims(text: str, annotation: Annotation, quoted: list[tuple[int, int]]) -> list[Claim]:
    claims: list[Claim] = []
    start = 0
    q = 0
    for end in annotation.sentence_ends():
        sentence_start = start
        start = end
        while q < len(quoted) and quoted[q][1] <= sentence_start:
            q += 1
        if q < len(quoted) and quoted[q][0] < end:
            continue
        claim = _claim(text, sentence_start, end)
        if claim is not None:
            claims.append(claim)
    return claims


def _claim(text: str, start: int, end: int) -> Claim | None:
    if not _ANY_CUE.search(text, start, end):
        return None  # most sentences of an article report nothing: one search rules them out
    raw = text[start:end]
    lead = len(raw) - len(raw.lstrip())
    sentence = raw.strip()
    if len(sentence) < 20 or "“" in sentence or '"' in sentence:
        return None
    begin = start + lead
    match = _ACCORDING.match(sentence)
    if match:
        return _make(text, begin + match.start(2), begin + len(sentence.rstrip(".")),
                     match.group(1), begin + match.start(1), "according_to", f"according to {match.group(1)}")
    match = _TRAILING.match(sentence)
    if match:
        return _make(text, begin, begin + match.end("clause"), match.group("who"), begin + match.start("who"),
                     "trailing_claim", f"{match.group('who')} {match.group('verb')}")
    words = [(m.start(), m.group()) for m in _WORD.finditer(sentence)]
    for index, (offset, word) in enumerate(words[: MAX_SUBJECT_WORDS + 1]):
        if word.strip(",;:").lower() not in CLAUSE_VERBS:
            continue
        if not sentence[:offset].rstrip().endswith(",") and "," in sentence[:offset] and index > 8:
            continue  # a verb deep in a sentence without an appositive subject is not its head
        if index == 0:
            continue
        rest = sentence[offset + len(word) :].lstrip()
        rest_at = len(sentence) - len(rest)
        if word.lower() == "told":
            obj = _OBJECT_AFTER_TOLD.match(rest)
            if not obj:
                return None
            rest, rest_at = rest[obj.end() :], rest_at + obj.end()
        elif word.lower() == "accused":
            of = re.search(r"\bof ", rest)
            if not of:
                return None
            rest, rest_at = rest[of.end() :], rest_at + of.end()
        if rest.startswith("that "):
            rest, rest_at = rest[5:], rest_at + 5
        if rest.startswith("on ") or rest.startswith("in a "):
            return None
        clause_end = len(sentence.rstrip(".!"))
        if len(rest.split()) < MIN_CLAUSE_WORDS:
            return None
        return _make(text, begin + rest_at, begin + clause_end, sentence[:offset], begin,
                     "reported_speech", f"{sentence[:offset].strip()} {word.strip(',')}")
    return None


def _make(text: str, start: int, end: int, who: str, who_at: int, rule: str, cue: str) -> Claim | None:
    mention = classify_speaker(who, who_at)
    if mention is None or end - start < 10:
        return None
    clause = text[start:end]
    stripped = clause.rstrip(" ,;")
    end = start + len(stripped)
    return Claim(start, end, Attribution(mention, rule, cue.strip(), 0.7, "indirect"))

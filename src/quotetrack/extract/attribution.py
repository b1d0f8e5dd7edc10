"""Who said each quote: ordered sieves, each small and named.

Every quote is offered to the sieves in order; the first that decides records its
name, the cue it relied on and a confidence on the quote, so a reader can see why.

  trailing_cue    “Q,” Mr Trump said. / “Q,” said Tom Reilly, a former official.
  leading_cue     He stressed: “Q” / Mr Trump said they had discussed it “in a long call”.
  same_sentence   described the raid as “A” which “B” (B takes A's speaker).
  paragraph_cue   Mr Putin treated the calls as “A”. It was “B,” Mr Podolyak posted.
  same_paragraph  “A,” he said. “B.” (B continues A's speaker).
  continuation    a quote paragraph after a paragraph whose quotes someone spoke.
  introduced      a quote paragraph after a paragraph that introduces a person.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from .. import lexicon
from .annotate import Annotation
from .mentions import NAME, PRONOUN, Mention, classify_speaker
from .quotes import QuoteSpan

_TOKEN = re.compile(r"[^\s]+")
_EDGE_PUNCT = "“”\"‘’'.,;:!?()[]—–-"
# Speech cues that take a subject after them: "“Q,” according to the ministry".
_AFTER_ACCORDING = re.compile(
    r"^(?:a |the )?(?:statement|post|report|letter|release|spokesperson|spokesman|spokeswoman)"
    r"(?: \w+)? (?:from|by|for|of) ",
    re.IGNORECASE,
)
# How long a cue window may be before it stops being a cue and becomes another clause.
MAX_CUE_TOKENS = 30
MAX_SPEAKER_TOKENS = 16


@dataclass(frozen=True)
class Attribution:
    """The speaker phrase a sieve chose for one quote, with its evidence."""

    mention: Mention | None
    rule: str | None
    cue: str | None
    confidence: float
    kind: str


@dataclass(frozen=True)
class _Window:
    start: int
    text: str


@dataclass(frozen=True)
class _Cue:
    mention: Mention
    cue: str


def _verb(token: str) -> str | None:
    word = token.strip(_EDGE_PUNCT).lower()
    return lexicon.speech_verbs().get(word)


def _tokens(window: _Window) -> list[tuple[int, str]]:
    return [(window.start + m.start(), m.group()) for m in _TOKEN.finditer(window.text)]


def trailing_cue(window: _Window) -> _Cue | None:
    """A cue right after the closing mark: “Q,” X said / “Q,” said X / “Q,” according to X."""
    tokens = _tokens(window)[:MAX_CUE_TOKENS]
    if not tokens:
        return None
    first_word = tokens[0][1].strip(_EDGE_PUNCT).lower()
    if first_word in ("but", "and", "while", "as", "which", "that", "when", "because", "although"):
        return None
    if first_word == "according" and len(tokens) > 2 and tokens[1][1].lower().strip(",") == "to":
        rest_start = tokens[2][0]
        phrase = window.text[rest_start - window.start :]
        phrase = _AFTER_ACCORDING.sub("the ", phrase, count=1) if _AFTER_ACCORDING.match(phrase) else phrase
        mention = classify_speaker(phrase, rest_start)
        return _Cue(mention, "according to " + mention.written) if mention else None
    for index, (position, token) in enumerate(tokens):
        if _verb(token) is None:
            continue
        if index == 0:
            rest = tokens[1 : 1 + MAX_SPEAKER_TOKENS]
            if not rest:
                return None
            phrase = window.text[rest[0][0] - window.start : rest[-1][0] - window.start + len(rest[-1][1])]
            mention = classify_speaker(phrase, rest[0][0])
            if mention is None or mention.form == PRONOUN and mention.written != phrase.strip(_EDGE_PUNCT):
                return None
            return _Cue(mention, f"{token.strip(_EDGE_PUNCT)} {mention.written}")
        if index > MAX_SPEAKER_TOKENS:
            return None
        phrase = window.text[: position - window.start]
        mention = classify_speaker(phrase, window.start)
        if mention is None:
            return None
        return _Cue(mention, f"{mention.written} {token.strip(_EDGE_PUNCT)}")
    return None


def leading_cue(window: _Window, annotation: Annotation) -> _Cue | None:
    """A cue before the opening mark: X said: “Q” / X described it as “Q” / He stressed: “Q”."""
    tokens = _tokens(window)
    for index in range(len(tokens) - 1, -1, -1):
        position, token = tokens[index]
        if _verb(token) is None or token.lower().endswith("ing") and index == 0:
            continue
        verb = token.strip(_EDGE_PUNCT)
        subject = annotation.subject_of(position, position + len(verb))
        if subject is not None:
            mention = classify_speaker(annotation.text[subject[0] : subject[1]], subject[0])
        else:
            head = tokens[max(0, index - MAX_SPEAKER_TOKENS) : index]
            if not head:
                return None
            phrase = window.text[head[0][0] - window.start : position - window.start]
            mention = classify_speaker(phrase, head[0][0])
        if mention is None:
            return None
        return _Cue(mention, f"{mention.written} {verb}")
    return None


class _Context:
    """Sentence and paragraph geometry of one article, outside its quotes."""

    def __init__(self, text: str, spans: list[QuoteSpan], annotation: Annotation):
        self.text = text
        self.spans = spans
        inside = [(s.open_at, s.close_at) for s in spans]
        self.ends = _outside(annotation.sentence_ends(), inside)

    def paragraph(self, position: int) -> tuple[int, int]:
        start = self.text.rfind("\n", 0, position) + 1
        end = self.text.find("\n", position)
        return start, len(self.text) if end < 0 else end

    def after(self, index: int) -> _Window:
        span = self.spans[index]
        start = span.close_at + 1
        limit = self.paragraph(span.close_at)[1]
        following = bisect_right(self.ends, span.close_at)
        if following < len(self.ends):
            limit = min(limit, self.ends[following])
        if index + 1 < len(self.spans):
            limit = min(limit, max(start, self.spans[index + 1].open_at))
        return _Window(start, self.text[start:limit])

    def before(self, index: int) -> _Window:
        span = self.spans[index]
        start = self.paragraph(span.open_at)[0]
        preceding = bisect_left(self.ends, span.open_at + 1) - 1
        if preceding >= 0:
            start = max(start, self.ends[preceding])
        if index > 0:
            start = max(start, min(span.open_at, self.spans[index - 1].close_at + 1))
        return _Window(start, self.text[start : span.open_at])

    def same_sentence(self, earlier: int, later: int) -> bool:
        a, b = self.spans[earlier].close_at, self.spans[later].open_at
        if self.paragraph(a) != self.paragraph(b):
            return False
        return bisect_right(self.ends, a) == bisect_right(self.ends, b - 1)

    def same_paragraph(self, earlier: int, later: int) -> bool:
        return self.paragraph(self.spans[earlier].close_at) == self.paragraph(self.spans[later].open_at)

    def opens_paragraph(self, index: int) -> bool:
        open_at = self.spans[index].open_at
        return not self.text[self.paragraph(open_at)[0] : open_at].strip()


def _outside(positions: list[int], ranges: list[tuple[int, int]]) -> list[int]:
    """The positions p that no range (a, b) holds as a < p <= b, in their order. Sorting
    the ranges once and keeping the furthest end so far answers each position with one
    bisection instead of a pass over every quote."""
    ordered = sorted(ranges)
    starts = [a for a, _ in ordered]
    furthest: list[int] = []
    for _, b in ordered:
        furthest.append(max(b, furthest[-1]) if furthest else b)
    kept = []
    for position in positions:
        before = bisect_left(starts, position)
        if before == 0 or furthest[before - 1] < position:
            kept.append(position)
    return kept


def attribute_quotes(
    text: str, spans: list[QuoteSpan], annotation: Annotation, introductions: list[Mention]
) -> list[Attribution]:
    """One ``Attribution`` per span. ``introductions`` are the people the article names
    outside quotes, in order (used by the ``introduced`` sieve)."""
    context = _Context(text, spans, annotation)
    own: list[tuple[str, _Cue] | None] = []
    for index in range(len(spans)):
        cue = trailing_cue(context.after(index))
        if cue is not None:
            own.append(("trailing_cue", cue))
            continue
        before = context.before(index)
        cue = leading_cue(before, annotation)
        rule = "colon_cue" if before.text.rstrip().endswith(":") else "leading_cue"
        own.append((rule, cue) if cue is not None else None)

    results: list[Attribution] = []
    for index, span in enumerate(spans):
        kind = _kind(text, span, context.before(index).text)
        decided = own[index]
        if decided is not None:
            rule, cue = decided
            confidence = 0.95 if cue.mention.form == NAME else 0.85
            results.append(Attribution(cue.mention, rule, cue.cue, confidence, kind))
            continue
        results.append(_borrowed(index, own, results, context, introductions, kind))
    return results


def _borrowed(index, own, results, context: _Context, introductions, kind) -> Attribution:
    """Sieves for a quote with no cue of its own: it takes a speaker the text has established."""
    if index > 0 and context.same_sentence(index - 1, index) and results[-1].mention is not None:
        previous = results[-1]
        return Attribution(previous.mention, "same_sentence", previous.cue, 0.85, kind)
    for later in range(index + 1, len(own)):
        if not context.same_paragraph(index, later):
            break
        if own[later] is not None:
            return Attribution(own[later][1].mention, "paragraph_cue", own[later][1].cue, 0.7, kind)
    if index > 0 and context.same_paragraph(index - 1, index) and results[-1].mention is not None:
        previous = results[-1]
        return Attribution(previous.mention, "same_paragraph", previous.cue, 0.8, kind)
    if context.opens_paragraph(index):
        return _continued(index, results, context, introductions, kind)
    return Attribution(None, None, None, 0.0, kind)


def _continued(index, results, context: _Context, introductions, kind) -> Attribution:
    """A quote paragraph with no cue: the speaker of the paragraph before, or the person that
    paragraph introduced (“Sarah Okafor has run the shelter for 11 years.” then a bare quote)."""
    para_start = context.paragraph(context.spans[index].open_at)[0]
    for _ in range(2):
        if para_start <= 0:
            break
        prev_start, prev_end = context.paragraph(para_start - 1)
        if prev_start == prev_end:
            para_start = prev_start
            continue
        quoted = [
            i for i in range(index)
            if prev_start <= context.spans[i].open_at < prev_end and results[i].mention is not None
        ]
        if quoted:
            last = results[quoted[-1]]
            return Attribution(last.mention, "continuation", last.cue, 0.75, kind)
        people = [m for m in introductions if prev_start <= m.start < prev_end]
        if people:
            return Attribution(people[0], "introduced", None, 0.6, kind)
        para_start = prev_start
    return Attribution(None, None, None, 0.0, kind)


def _kind(text: str, span: QuoteSpan, before: str) -> str:
    """direct for a quoted statement, partial for words quoted inside the writer's sentence."""
    first = text[span.start : span.start + 1]
    lead = before.rstrip()
    opens_statement = not lead or lead.endswith((":", ",", "—", "–")) or lead.endswith(tuple("”\".!?"))
    if opens_statement and (first.isupper() or first in "….[('\"‘“" or first.isdigit()):
        return "direct"
    return "partial"

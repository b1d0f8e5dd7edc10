"""Who said each quote: ordered sieves, each small and named.

Every quote is offered to the sieves in order; the first that decides records its
name, the cue it relied on and a confidence on the quote, so a reader can see why.

  trailing_cue    “Q,” Mr Trump said. / “Q,” said Tom Reilly, a former official.
  leading_cue     He stressed: “Q” / Mr Trump said they had discussed it “in a long call”.
  same_sentence   described the raid as “A” which “B” (B takes A's speaker).
  paragraph_cue   Mr Putin treated the calls as “A”. It was “B,” Mr Podolyak posted.
  same_paragraph  “A,” he said. “B.” (B continues A's speaker).
  sentence_cue    He cautioned against reading too much into it. “Q” (the sentence before speaks).
  sentence_subject  Asked about it again, she was blunt. “Q” (its subject).
  continuation    a quote paragraph after a paragraph whose quotes someone spoke.
  introduced      a quote paragraph after a paragraph that introduces a person, reports
                  someone's words, or ends on a "he" or "she".
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from .annotate import Annotation
from .cues import Cue, Window, leading_cue, sentence_subject, speech_sentence, trailing_cue
from .mentions import NAME, Mention, classify_speaker, is_full_name
from .quotes import QuoteSpan

_PERSONAL = re.compile(r"\b(?:[Hh]e|[Ss]he)\b")



@dataclass(frozen=True)
class Attribution:
    """The speaker phrase a sieve chose for one quote, with its evidence."""

    mention: Mention | None
    rule: str | None
    cue: str | None
    confidence: float
    kind: str


class _Context:
    """Sentence and paragraph geometry of one article, outside its quotes."""

    def __init__(self, text: str, spans: list[QuoteSpan], annotation: Annotation):
        self.text = text
        self.spans = spans
        self.newlines = [m.start() for m in re.finditer("\n", text)]
        self.opens = [s.open_at for s in spans]
        # “... still sitting in European banks?” Zelensky told reporters: a question or an
        # exclamation closing a quote does not end the writer's sentence.
        asked = {s.close_at + 1 for s in spans if text[s.end - 1 : s.end] in ("?", "!")}
        self.ends = [e for e in annotation.sentence_ends() if not self._inside_quote(e) and e not in asked]

    def _inside_quote(self, position: int) -> bool:
        i = bisect_left(self.opens, position) - 1
        return i >= 0 and self.spans[i].open_at < position <= self.spans[i].close_at

    def quotes_between(self, start: int, end: int) -> range:
        """Indexes of the quotes that open in [start, end)."""
        return range(bisect_left(self.opens, start), bisect_left(self.opens, end))

    def paragraph(self, position: int) -> tuple[int, int]:
        i = bisect_left(self.newlines, position)
        start = self.newlines[i - 1] + 1 if i > 0 else 0
        end = self.newlines[i] if i < len(self.newlines) else len(self.text)
        return start, end

    def after(self, index: int) -> Window:
        span = self.spans[index]
        start = span.close_at + 1
        limit = self.paragraph(span.close_at)[1]
        following = bisect_right(self.ends, span.close_at)
        if following < len(self.ends):
            limit = min(limit, self.ends[following])
        if index + 1 < len(self.spans):
            limit = min(limit, max(start, self.spans[index + 1].open_at))
        return Window(start, self.text[start:limit])

    def before(self, index: int) -> Window:
        span = self.spans[index]
        start = self.paragraph(span.open_at)[0]
        preceding = bisect_left(self.ends, span.open_at + 1) - 1
        if preceding >= 0:
            start = max(start, self.ends[preceding])
        if index > 0:
            start = max(start, min(span.open_at, self.spans[index - 1].close_at + 1))
        return Window(start, self.text[start : span.open_at])

    def sentence_before(self, index: int) -> Window:
        """From the sentence start to the opening mark, with earlier quotes blanked out:
        "Mr. Vandenberg, known as “the Accountant” for his spreadsheets, told MPs it was “Q”"."""
        span = self.spans[index]
        start = self.paragraph(span.open_at)[0]
        preceding = bisect_left(self.ends, span.open_at + 1) - 1
        if preceding >= 0:
            start = max(start, self.ends[preceding])
        chars = list(self.text[start : span.open_at])
        for other in self.spans[:index]:
            for i in range(max(other.start, start), min(other.end, span.open_at)):
                chars[i - start] = " "
        return Window(start, "".join(chars))

    def previous_sentence(self, index: int) -> Window | None:
        """The sentence before the quote's own, in the same paragraph."""
        span = self.spans[index]
        para_start = self.paragraph(span.open_at)[0]
        here = bisect_left(self.ends, span.open_at + 1) - 1
        if here < 0 or self.ends[here] <= para_start:
            return None
        start = self.ends[here - 1] if here > 0 else 0
        start = max(start, para_start)
        return Window(start, self.text[start : self.ends[here]])

    def last_sentences(self, para_start: int, para_end: int) -> list[Window]:
        """The sentences of a paragraph, last first."""
        bounds = self.ends[bisect_right(self.ends, para_start) : bisect_right(self.ends, para_end)]
        windows = []
        start = para_start
        for end in bounds:
            windows.append(Window(start, self.text[start:end]))
            start = end
        return windows[::-1]

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


def attribute_quotes(
    text: str, spans: list[QuoteSpan], annotation: Annotation, introductions: list[Mention]
) -> list[Attribution]:
    """One ``Attribution`` per span. ``introductions`` are the people the article names
    outside quotes, in order (used by the ``introduced`` sieve)."""
    context = _Context(text, spans, annotation)
    own: list[tuple[str, Cue] | None] = []
    for index in range(len(spans)):
        cue = trailing_cue(context.after(index), annotation)
        if cue is not None:
            own.append(("trailing_cue", cue))
            continue
        before = context.before(index)
        cue = leading_cue(before, annotation)
        if cue is None and index > 0 and own[-1] is None and context.same_sentence(index - 1, index):
            # Past an uncued quote earlier in its sentence: "X, known as “A” ..., told MPs “B”".
            # (Otherwise the sentence before the mark is the window just tried.)
            cue = leading_cue(context.sentence_before(index), annotation)
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
        results.append(_borrowed(index, own, results, context, introductions, kind, annotation))
    return results


def _borrowed(index, own, results, context: _Context, introductions, kind, annotation) -> Attribution:
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
        return _continued(index, results, context, introductions, kind, annotation)
    sentence = context.previous_sentence(index)
    if sentence is not None and not context.before(index).text.strip():
        cue = speech_sentence(sentence, annotation)
        if cue is not None:
            return Attribution(cue.mention, "sentence_cue", cue.cue, 0.75, kind)
        subject = sentence_subject(sentence)
        if subject is not None:
            # "Asked about the mailer again, she was blunt. “Q”": the sentence's subject.
            return Attribution(subject, "sentence_subject", None, 0.65, kind)
    return Attribution(None, None, None, 0.0, kind)


def _continued(index, results, context: _Context, introductions, kind, annotation) -> Attribution:
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
        quoted = [i for i in context.quotes_between(prev_start, prev_end) if i < index and results[i].mention is not None]
        if quoted:
            last = results[quoted[-1]]
            return Attribution(last.mention, "continuation", last.cue, 0.75, kind)
        for sentence in context.last_sentences(prev_start, prev_end):
            cue = speech_sentence(sentence, annotation)
            if cue is not None:
                return Attribution(cue.mention, "introduced", cue.cue, 0.65, kind)
        people = [m for m in introductions if prev_start <= m.start < prev_end and is_full_name(m)]
        if people:
            return Attribution(people[0], "introduced", None, 0.6, kind)
        pronoun = _PERSONAL.search(context.text, prev_start, prev_end)
        if pronoun:
            # "He renewed his appeal for air defence." then a bare quote paragraph: his words.
            mention = classify_speaker(pronoun.group(), pronoun.start())
            return Attribution(mention, "introduced", None, 0.6, kind)
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

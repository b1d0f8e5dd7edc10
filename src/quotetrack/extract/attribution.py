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
from .mentions import DATELINE, NAME, PRONOUN, Mention, classify_speaker, is_full_name
from .quotes import QuoteSpan

_TOKEN = re.compile(r"[^\s]+")
_EDGE_PUNCT = "“”\"‘’'.,;:!?()[]—–-"
# Speech cues that take a subject after them: "“Q,” according to the ministry".
_AFTER_ACCORDING = re.compile(
    r"^(?:a |the )?(?:statement|post|report|letter|release|spokesperson|spokesman|spokeswoman)"
    r"(?: \w+)? (?:from|by|for|of) ",
    re.IGNORECASE,
)
# Words that make a phrase before a speech verb a clause rather than a speaker.
_CLAUSE_WORDS = frozenset("has have had was were is are will would could should that which who used".split())
_SUBORDINATORS = frozenset("that which because while when after before if although though whether".split())
_ADVERBIAL = frozenset("asked after before when while speaking in on at during later earlier".split())
_PERSONAL = re.compile(r"\b(?:[Hh]e|[Ss]he)\b")
# How long a cue window may be before it stops being a cue and becomes another clause.
MAX_CUE_TOKENS = 30
MAX_SPEAKER_TOKENS = 16
# A subject before its verb may carry a long appositive ("A senior aide, who spoke on
# condition of anonymity because he was not authorized to discuss talks, said").
MAX_SUBJECT_TOKENS = 32


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
    """The lemma of a speech verb, for inflected forms only: base forms (post, tweet,
    comment, call, report) are far more often nouns in news copy."""
    word = token.strip(_EDGE_PUNCT).lower()
    lemma = lexicon.speech_verbs().get(word)
    return lemma if lemma is not None and lemma != word else None


def _tokens(window: _Window) -> list[tuple[int, str]]:
    return [(window.start + m.start(), m.group()) for m in _TOKEN.finditer(window.text)]


def _parsed_subject(annotation: Annotation | None, position: int, verb: str, window: _Window) -> Mention | None:
    """The speaker a dependency parse gives as the verb's subject, when it lies in the window
    (rule annotation has no parse and always answers None)."""
    if annotation is None:
        return None
    subject = annotation.subject_of(position, position + len(verb))
    if subject is None or subject[0] < window.start or subject[1] > window.start + len(window.text):
        return None
    return classify_speaker(annotation.text[subject[0] : subject[1]], subject[0])


def trailing_cue(window: _Window, annotation: Annotation | None = None) -> _Cue | None:
    """A cue right after the closing mark: “Q,” X said / “Q,” said X / “Q,” according to X.

    With a parse, the verb's subject decides, however long its appositive:
    “Q,” Mykhailo Podolyak, an adviser to the head of the office who has led ... , said."""
    tokens = _tokens(window)[:MAX_CUE_TOKENS]
    while tokens and not tokens[0][1].strip(_EDGE_PUNCT):
        tokens.pop(0)  # the comma or dash between the quote and its cue
    if not tokens:
        return None
    first_word = tokens[0][1].strip(_EDGE_PUNCT).lower()
    if first_word in ("but", "and", "while", "as", "which", "that", "when", "because", "although"):
        return None
    if first_word == "according" and len(tokens) > 2 and tokens[1][1].lower().strip(",") == "to":
        rest_start = tokens[2][0]
        phrase = window.text[rest_start - window.start :]
        phrase = _AFTER_ACCORDING.sub("", phrase, count=1).rstrip(_EDGE_PUNCT)
        mention = classify_speaker(phrase, rest_start)
        return _Cue(mention, "according to " + mention.written) if mention else None
    for index, (position, token) in enumerate(tokens):
        if _verb(token) is None:
            continue
        parsed = _parsed_subject(annotation, position, token.strip(_EDGE_PUNCT), window)
        if parsed is not None:
            return _Cue(parsed, f"{parsed.written} {token.strip(_EDGE_PUNCT)}")
        if index == 0:
            rest = tokens[1 : 1 + MAX_SPEAKER_TOKENS]
            if not rest or token.lower().strip(_EDGE_PUNCT).endswith("ing"):
                return None  # “...,” arguing the money would be better spent: not a cue
            head = []
            for _, word in rest:
                head.append(word)
                if word.endswith(","):
                    break
            if any(w.lower() in _CLAUSE_WORDS for w in head[1:]):
                return None  # “...,” a phrase officials have used to describe ...
            phrase = window.text[rest[0][0] - window.start : rest[-1][0] - window.start + len(rest[-1][1])]
            mention = classify_speaker(phrase, rest[0][0])
            if mention is None or mention.form == PRONOUN and mention.written != phrase.strip(_EDGE_PUNCT):
                return None
            return _Cue(mention, f"{token.strip(_EDGE_PUNCT)} {mention.written}")
        if index > MAX_SPEAKER_TOKENS:
            return None
        phrase = window.text[: position - window.start]
        head = phrase.split(",")[0].lower().split()
        if any(word in _CLAUSE_WORDS for word in head[:-1]):
            return None  # “menu police,” a nickname that dates back ... : a clause, not a cue
        mention = classify_speaker(phrase, window.start)
        if mention is None:
            return None
        return _Cue(mention, f"{mention.written} {token.strip(_EDGE_PUNCT)}")
    return None


def leading_cue(window: _Window, annotation: Annotation) -> _Cue | None:
    """A cue before the opening mark: X said: “Q” / X described it as “Q” / He stressed: “Q”.

    With a parse, the verb's subject decides: “X was quoted by Y as saying: “Q”” is X's."""
    tokens = _tokens(window)
    for index in range(len(tokens) - 1, -1, -1):
        if _verb(tokens[index][1]) is None or _participle(tokens, index):
            continue  # "had been warning management about “Q”": look further back
        return _cue_at(window, tokens, index, annotation)
    return None


def _participle(tokens: list[tuple[int, str]], index: int) -> bool:
    """An -ing form that is not a cue of its own: not "..., saying" nor "quoted as saying"."""
    word = tokens[index][1].strip(_EDGE_PUNCT).lower()
    if not word.endswith("ing") or index == 0:
        return word.endswith("ing")
    previous = tokens[index - 1][1]
    return not (previous.endswith(",") or previous.lower() == "as")


def speech_sentence(window: _Window, annotation: Annotation) -> _Cue | None:
    """The speaker of a sentence of reported speech with no quote in it ("But he cautioned
    against reading too much into one site.", "Mehta spoke directly to residents."), which
    introduces the bare quote that follows it."""
    tokens = _tokens(window)
    for index in range(len(tokens)):
        if _verb(tokens[index][1]) is not None and not tokens[index][1].lower().endswith("ing"):
            return _cue_at(window, tokens, index, annotation)
    return None


def _cue_at(window: _Window, tokens: list[tuple[int, str]], index: int, annotation: Annotation) -> _Cue | None:
    position, token = tokens[index]
    verb = token.strip(_EDGE_PUNCT)
    parsed = _parsed_subject(annotation, position, verb, window)
    if parsed is not None:
        return _Cue(parsed, f"{parsed.written} {verb}")
    passive = index > 0 and tokens[index - 1][1].lower() == "as"  # "was quoted as saying"
    if verb.lower().endswith("ing") and not passive:
        if index == 0 or not tokens[index - 1][1].endswith(","):
            return None  # "a mailer describing his record as": a participle, not the cue
        # "Mr. Zelenskyy rejected the idea, saying it would “reward aggression”": the
        # speaker is the subject the sentence opened with.
        mention = _opening_subject(window)
        return _Cue(mention, f"{mention.written} … {verb}") if mention else None
    head = tokens[max(0, index - MAX_SUBJECT_TOKENS) : index]
    if not head:
        return None
    phrase = window.text[head[0][0] - window.start : position - window.start]
    mention = _subject(phrase, head[0][0])
    return _Cue(mention, f"{mention.written} {verb}") if mention else None


def _subject(phrase: str, start: int) -> Mention | None:
    """The speaker in the words before a speech verb."""
    words = phrase.split()
    if words and words[-1].lower() in ("which", "who") and "," in phrase:
        # "according to a statement from Essex police, which said": the clause's antecedent.
        antecedent = phrase[: phrase.rfind(",")]
        antecedent = antecedent[antecedent.rfind(",") + 1 :].strip()
        antecedent = re.sub(r"^according to\s+", "", antecedent, flags=re.IGNORECASE)
        return classify_speaker(antecedent, start + max(phrase.find(antecedent), 0))
    if not phrase.rstrip().endswith(","):
        # "a new agency that Bédard described as": the subject follows the last clause word;
        # "The Kremlin said on Friday it had been briefed and called": the subject of the
        # first speech verb. (Not inside an appositive: "X, who spoke because they ..., said".)
        cut = max((i for i, w in enumerate(words[:-1])
                   if w.lower() in _SUBORDINATORS and i > 0 and not words[i - 1].endswith(",")
                   and (words[i + 1][0].isupper() or words[i + 1].lower() in lexicon.PRONOUNS)), default=-1)
        first_verb = next((i for i, w in enumerate(words) if i > cut + 1 and _verb(w)), None)
        words = words[cut + 1 : first_verb]
    phrase_text = " ".join(words)
    return classify_speaker(phrase_text, start + max(phrase.find(words[0]) if words else 0, 0))


def _sentence_subject(window: _Window) -> Mention | None:
    """The person a sentence is about, when it opens with them (after any adverbial
    clause): "Asked about it again, he was blunt." -> he; "Sarah Okafor smiled." -> her."""
    text = window.text.strip()
    start = window.start + window.text.find(text[:1]) if text else window.start
    first = text.split(" ", 1)[0].lower()
    if "," in text and (first in _ADVERBIAL or first.endswith("ed")):
        cut = text.index(",") + 1
        start += cut + (len(text[cut:]) - len(text[cut:].lstrip()))
        text = text[cut:].lstrip()
    words = []
    for word in text.split():
        bare = word.strip(_EDGE_PUNCT)
        if not bare or not (bare[0].isupper() or bare.lower() in lexicon.PRONOUNS):
            break
        words.append(bare)
        if bare.lower() in lexicon.PRONOUNS or word.endswith(","):
            break
    mention = classify_speaker(" ".join(words), start) if words else None
    if mention is None or mention.kind != "person" or not (mention.form == PRONOUN or is_full_name(mention)):
        return None
    return mention


def _opening_subject(window: _Window) -> Mention | None:
    """The capitalised name or pronoun a sentence opens with ("Mr. Zelenskyy rejected ...")."""
    words = []
    for word in DATELINE.sub("", window.text.strip()).split():
        bare = word.strip(_EDGE_PUNCT)
        if not bare or not (bare[0].isupper() or bare.lower() in ("the", "of", "de", "van", "von")):
            break
        words.append(word)
        if word.endswith(","):
            break
    return classify_speaker(" ".join(words), window.start) if words else None


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

    def sentence_before(self, index: int) -> _Window:
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
        return _Window(start, "".join(chars))

    def previous_sentence(self, index: int) -> _Window | None:
        """The sentence before the quote's own, in the same paragraph."""
        span = self.spans[index]
        para_start = self.paragraph(span.open_at)[0]
        here = bisect_left(self.ends, span.open_at + 1) - 1
        if here < 0 or self.ends[here] <= para_start:
            return None
        start = self.ends[here - 1] if here > 0 else 0
        start = max(start, para_start)
        return _Window(start, self.text[start : self.ends[here]])

    def last_sentences(self, para_start: int, para_end: int) -> list[_Window]:
        """The sentences of a paragraph, last first."""
        bounds = [e for e in self.ends if para_start < e <= para_end]
        windows = []
        start = para_start
        for end in bounds:
            windows.append(_Window(start, self.text[start:end]))
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
    own: list[tuple[str, _Cue] | None] = []
    for index in range(len(spans)):
        cue = trailing_cue(context.after(index), annotation)
        if cue is not None:
            own.append(("trailing_cue", cue))
            continue
        before = context.before(index)
        cue = leading_cue(before, annotation)
        if cue is None and index > 0 and not (context.same_sentence(index - 1, index) and own[-1] is not None):
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
        subject = _sentence_subject(sentence)
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

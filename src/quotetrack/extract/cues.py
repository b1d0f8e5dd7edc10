"""Cues: the words beside a quote that name its speaker, and the speaker phrase in them.

Each function takes a window of text (after a closing mark, before an opening mark, or
a whole sentence) and returns the ``Cue`` it finds: the ``Mention`` of the speaker and
the cue as written ("Mr Trump said"). The sieves in ``attribution`` decide which window
to look in and in what order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .. import lexicon
from .annotate import Annotation
from ..article import ORGANISATION
from .mentions import DATELINE, NAME, PRONOUN, Mention, classify_speaker, is_full_name

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
_DETERMINERS_BEFORE_NOUN = frozenset("the a an his her their its these those this that our my your".split())
# Common irregular past tenses that end a sentence's opening subject.
_PAST_TENSE = frozenset("was were had has is are led made took gave came went won lost left held kept sent spent".split())
# “Q” in the hardest-hit areas, where crews need days, according to a statement from X.
_ACCORDING_AT_END = re.compile(r",\s+according to\s+(?P<who>[^,]+?)[.!]?$")
# How long a cue window may be before it stops being a cue and becomes another clause.
MAX_CUE_TOKENS = 30
MAX_SPEAKER_TOKENS = 16
# A subject before its verb may carry a long appositive ("A senior aide, who spoke on
# condition of anonymity because he was not authorized to discuss talks, said").
MAX_SUBJECT_TOKENS = 32


@dataclass(frozen=True)
class Window:
    start: int
    text: str


@dataclass(frozen=True)
class Cue:
    mention: Mention
    cue: str


def _verb(token: str) -> str | None:
    """The lemma of a speech verb, for inflected forms only: base forms (post, tweet,
    comment, call, report) are far more often nouns in news copy."""
    word = token.strip(_EDGE_PUNCT).lower()
    lemma = lexicon.speech_verbs().get(word)
    return lemma if lemma is not None and lemma != word else None


def _tokens(window: Window) -> list[tuple[int, str]]:
    return [(window.start + m.start(), m.group()) for m in _TOKEN.finditer(window.text)]


def _parsed_subject(annotation: Annotation | None, position: int, verb: str, window: Window) -> Mention | None:
    """The speaker a dependency parse gives as the verb's subject, when it lies in the window
    (rule annotation has no parse and always answers None)."""
    if annotation is None:
        return None
    subject = annotation.subject_of(position, position + len(verb))
    if subject is None or subject[0] < window.start or subject[1] > window.start + len(window.text):
        return None
    return classify_speaker(annotation.text[subject[0] : subject[1]], subject[0])


def trailing_cue(window: Window, annotation: Annotation | None = None) -> Cue | None:
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
        return Cue(mention, "according to " + mention.written) if mention else None
    for index, (position, token) in enumerate(tokens):
        if _verb(token) is None:
            continue
        parsed = _parsed_subject(annotation, position, token.strip(_EDGE_PUNCT), window)
        if parsed is not None:
            return Cue(parsed, f"{parsed.written} {token.strip(_EDGE_PUNCT)}")
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
            return Cue(mention, f"{token.strip(_EDGE_PUNCT)} {mention.written}")
        if index > MAX_SPEAKER_TOKENS:
            return None
        phrase = window.text[: position - window.start]
        head = phrase.split(",")[0].lower().split()
        if any(word in _CLAUSE_WORDS for word in head[:-1]):
            return None  # “menu police,” a nickname that dates back ... : a clause, not a cue
        mention = classify_speaker(phrase, window.start)
        if mention is None:
            return None
        return Cue(mention, f"{mention.written} {token.strip(_EDGE_PUNCT)}")
    according = _ACCORDING_AT_END.search(window.text.rstrip())
    if according:
        phrase = _AFTER_ACCORDING.sub("", according.group("who"), count=1)
        mention = classify_speaker(phrase, window.start + according.start("who"))
        return Cue(mention, "according to " + mention.written) if mention else None
    return None


def leading_cue(window: Window, annotation: Annotation) -> Cue | None:
    """A cue before the opening mark: X said: “Q” / X described it as “Q” / He stressed: “Q”.

    With a parse, the verb's subject decides: “X was quoted by Y as saying: “Q”” is X's."""
    tokens = _tokens(window)
    for index in range(len(tokens) - 1, -1, -1):
        if _verb(tokens[index][1]) is None or _participle(tokens, index):
            continue  # "had been warning management about “Q”": look further back
        return _cue_at(window, tokens, index, annotation)
    return None


def _participle(tokens: list[tuple[int, str]], index: int) -> bool:
    """A speech-verb form that is not a cue of its own: an -ing form other than "...,
    saying" and "quoted as saying", or a noun after a determiner ("the calls as")."""
    word = tokens[index][1].strip(_EDGE_PUNCT).lower()
    if index and tokens[index - 1][1].lower() in _DETERMINERS_BEFORE_NOUN:
        return True
    if not word.endswith("ing") or index == 0:
        return word.endswith("ing")
    previous = tokens[index - 1][1]
    return not (previous.endswith(",") or previous.lower() == "as")


def speech_sentence(window: Window, annotation: Annotation) -> Cue | None:
    """The speaker of a sentence of reported speech with no quote in it ("But he cautioned
    against reading too much into one site.", "Mehta spoke directly to residents."), which
    introduces the bare quote that follows it."""
    tokens = _tokens(window)
    for index in range(len(tokens)):
        if _verb(tokens[index][1]) is not None and not tokens[index][1].lower().endswith("ing"):
            return _cue_at(window, tokens, index, annotation)
    return None


def _cue_at(window: Window, tokens: list[tuple[int, str]], index: int, annotation: Annotation) -> Cue | None:
    position, token = tokens[index]
    verb = token.strip(_EDGE_PUNCT)
    parsed = _parsed_subject(annotation, position, verb, window)
    if parsed is not None:
        return Cue(parsed, f"{parsed.written} {verb}")
    passive = index > 0 and tokens[index - 1][1].lower() == "as"  # "was quoted as saying"
    if verb.lower().endswith("ing") and not passive:
        if index == 0 or not tokens[index - 1][1].endswith(","):
            return None  # "a mailer describing his record as": a participle, not the cue
        # "Mr. Zelenskyy rejected the idea, saying it would “reward aggression”": the
        # speaker is the subject the sentence opened with.
        mention = _opening_subject(window)
        return Cue(mention, f"{mention.written} … {verb}") if mention else None
    head = tokens[max(0, index - MAX_SUBJECT_TOKENS) : index]
    if not head:
        return None
    phrase = window.text[head[0][0] - window.start : position - window.start]
    mention = _subject(phrase, head[0][0])
    return Cue(mention, f"{mention.written} {verb}") if mention else None


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
    mention = classify_speaker(phrase_text, start + max(phrase.find(words[0]) if words else 0, 0))
    if mention is not None:
        return mention
    # "in a blow the local mayor says": the shortest phrase that names someone, at the end.
    for index in range(len(words) - 2, 0, -1):
        if words[index].lower() in ("the", "a", "an") or words[index][:1].isupper():
            tail = " ".join(words[index:])
            mention = classify_speaker(tail, start + max(phrase.find(tail), 0))
            if mention is not None and (mention.form == NAME or mention.kind != ORGANISATION):
                return mention  # an organisation only by its name, not "the town" or "the area"
    return None


def sentence_subject(window: Window) -> Mention | None:
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


def _opening_subject(window: Window) -> Mention | None:
    """The subject a sentence opens with: the words before its first past-tense verb
    ("The appeal court rejected that reasoning, finding ...", "Club captain Kieran
    O’Donnell led the tributes, posting ...")."""
    words = DATELINE.sub("", window.text.strip()).split()
    for index, word in enumerate(words[:MAX_SPEAKER_TOKENS]):
        bare = word.strip(_EDGE_PUNCT).lower()
        if index and word.islower() and (bare.endswith("ed") or bare in _PAST_TENSE or _verb(bare)):
            return classify_speaker(" ".join(words[:index]), window.start)
    return None

"""What a speaker phrase refers to: a name, a pronoun, a role, an organisation, a group
or an anonymous source.

``classify_speaker`` takes the words a cue names as the speaker ("Mr Zelenskiy",
"he", "the Ukrainian president", "Mykhailo Podolyak, an adviser to the head of
Mr Zelenskiy’s office", "a police source, who was not authorised to speak
publicly") and returns a ``Mention``; the in-article resolver then turns pronouns,
surnames and roles into the full name they stand for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from ..article import ANONYMOUS, GROUP, ORGANISATION, PERSON
from ..speakers.names import NAME_CACHE_SIZE, fold, parse_name, strip_possessive
from .. import lexicon
from .annotate import NAME_RUN

NAME = "name"
PRONOUN = "pronoun"
ROLE = "role"

_DETERMINERS = frozenset("the a an one another two three four some many several his her its their".split())
_INDEFINITE = frozenset("a an one another two three four some many several".split())
# Words that end a role phrase's head ("a spokesperson for the ministry" -> spokesperson).
_HEAD_STOPS = frozenset("for of at with from in on who which that to and by".split())
# Words that may stand between the speaker and the verb and are not part of the speaker:
# "he has said", "she later wrote", "the minister also told".
_AUXILIARIES = frozenset(
    """has had have was were is are would will could should may might did does do also later then
    again once earlier recently separately further already subsequently simply just quickly flatly
    publicly privately repeatedly reportedly herself himself themselves itself since not never
    previously initially first finally only quoted as""".split()
)
_CONNECTIVES = frozenset("but and so yet meanwhile however instead still then though".split())
_GENDER_TITLES = {
    "mr": "male", "sir": "male", "lord": "male", "king": "male", "prince": "male", "father": "male",
    "fr": "male", "mrs": "female", "ms": "female", "miss": "female", "dame": "female", "lady": "female",
    "baroness": "female", "queen": "female", "princess": "female", "sister": "female",
}
_GENDER_WORDS = {
    "man": "male", "woman": "female", "spokesman": "male", "spokeswoman": "female",
    "congressman": "male", "congresswoman": "female", "chairman": "male", "chairwoman": "female",
    "actor": "male", "actress": "female", "father": "male", "mother": "female", "widow": "female",
}


@dataclass(frozen=True)
class Mention:
    """One way the text names a speaker, at one place in the article."""

    written: str
    start: int
    kind: str
    form: str
    name: str | None = None
    titles: tuple[str, ...] = ()
    description: str | None = None
    gender: str | None = None


@cache
def _detector():
    import gender_guesser.detector as gender_guesser

    return gender_guesser.Detector(case_sensitive=False)


@lru_cache(maxsize=NAME_CACHE_SIZE)
def given_name_gender(word: str | None) -> str | None:
    """'male', 'female', or None when the word is not a known first name or is unisex."""
    if not word or fold(word) in lexicon.NON_NAME_WORDS:
        return None
    guess = _detector().get_gender(fold(word).split(" ")[0])
    if guess in ("male", "mostly_male"):
        return "male"
    if guess in ("female", "mostly_female"):
        return "female"
    return None


@lru_cache(maxsize=NAME_CACHE_SIZE)
def is_first_name(word: str | None) -> bool:
    if not word or fold(word) in lexicon.NON_NAME_WORDS:
        return False
    return _detector().get_gender(fold(word).split(" ")[0]) != "unknown"


def _clean(phrase: str) -> str:
    phrase = phrase.strip(" \t\n,;:—–-“”\"‘’'()")
    words = phrase.split()
    while words and words[0].lower().strip(",") in _CONNECTIVES:
        words.pop(0)
    while words and (words[-1].lower() in _AUXILIARIES or (words[-1].endswith("ly") and words[-1].islower())):
        words.pop()
    return " ".join(words).strip(" ,")


def classify_speaker(phrase: str, start: int = 0) -> Mention | None:
    """The ``Mention`` a speaker phrase stands for, or None if it cannot be a speaker."""
    return _shifted(_classified(phrase), start)


def _shifted(mention: Mention | None, by: int) -> Mention | None:
    """A mention found at offset 0 of a phrase, moved to where the phrase stands. Where a
    mention starts never changes what it is, so phrases and name runs, which recur in
    article after article, are classified once (``_classified``, ``_named_alone``)."""
    if mention is None or by == 0:
        return mention
    return Mention(mention.written, mention.start + by, mention.kind, mention.form, mention.name, mention.titles,
                   mention.description, mention.gender)


@lru_cache(maxsize=NAME_CACHE_SIZE)
def _classified(phrase: str) -> Mention | None:
    cleaned = _clean(phrase)
    if not cleaned:
        return None
    offset = max(phrase.find(cleaned[:8]), 0)
    segments = [s.strip() for s in re.split(r",\s*|\s+[–—]\s+", cleaned) if s.strip()]
    if len(segments) > 1:
        return _appositive(segments, cleaned, offset)
    return _single(cleaned, offset)


def _appositive(segments: list[str], cleaned: str, offset: int) -> Mention | None:
    """Comma-separated speaker phrases, as news copy writes them:
    "Mykhailo Podolyak, an adviser to ..., said" / "said Maria Lopez, 52, who runs a bakery"
    (name first, description after), "the acting governor, Yury Slyusar, said" (role, then
    name), "In a post on Telegram, she wrote" (an adverbial, then the subject)."""
    index = len(segments) - 1
    while index > 0 and _is_description(segments[index]):
        index -= 1
    position = offset + max(cleaned.find(segments[index]), 0)
    chosen = _single(segments[index], position)
    if chosen is None:
        return None
    after = ", ".join(segments[index + 1 :])
    before = segments[index - 1] if index > 0 else ""
    if chosen.form == NAME and before and _is_description(before):
        after = ", ".join(x for x in (before, after) if x)
    written = ", ".join(segments[index:]) if chosen.form != PRONOUN else chosen.written
    return _with(chosen, written, description=_trim(after) if after else None)


def _is_description(segment: str) -> bool:
    """An appositive that describes rather than names: "an adviser to the head of the office",
    "52", "who runs a bakery nearby", "the acting governor of the region"."""
    first = segment.split()[0]
    lowered = first.lower()
    return (
        first[0].isdigit()
        or lowered in ("who", "which", "whose", "now", "then", "himself", "herself")
        or lowered in _DETERMINERS
        or first.islower()
    )


def _with(mention: Mention, written: str, description: str | None = None) -> Mention:
    return Mention(
        written, mention.start, mention.kind, mention.form, mention.name, mention.titles,
        description or mention.description, mention.gender,
    )


def _trim(text: str, limit: int = 160) -> str | None:
    text = text.strip(" ,")
    return (text[:limit].rsplit(" ", 1)[0] if len(text) > limit else text) or None


def _single(segment: str, offset: int) -> Mention | None:
    words = segment.split()
    if not words or len(words) > 14:
        return None
    first = words[0].lower()
    if len(words) == 1 and first in lexicon.PRONOUNS:
        return Mention(segment, offset, PERSON, PRONOUN, gender=lexicon.PRONOUNS[first])
    if first in _DETERMINERS:
        return _determined(segment, words, offset)
    if first in lexicon.group_nouns() and segment.islower():
        kind = ORGANISATION if first == "police" else GROUP
        return Mention(segment, offset, kind, ROLE, name=first)
    runs = list(NAME_RUN.finditer(segment))
    if not runs or runs[-1].end() != len(segment):
        return None
    # "Conservative leader Pierre Poilievre": lower-case words before the name describe it.
    run = runs[-1]
    return _named(segment, run.group(), offset + run.start(), prefix=segment[: run.start()].strip())


def _determined(segment: str, words: list[str], offset: int) -> Mention | None:
    runs = list(NAME_RUN.finditer(segment))
    if runs and runs[-1].end() == len(segment) and runs[-1].start() > 0:
        named = _named(segment, runs[-1].group(), offset + runs[-1].start(), prefix=segment[: runs[-1].start()].strip())
        if named is not None and named.kind == PERSON and (len(runs[-1].group().split()) >= 2):
            return named
    lowered = [strip_possessive(w).lower().strip(".,") for w in words]
    head_words = []
    for word in lowered[1:]:
        if word in _HEAD_STOPS:
            break
        head_words.append(word)
    head = head_words[-1] if head_words else lowered[-1]
    orgs = lexicon.organisation_words()
    if head in orgs or (lowered[0] == "the" and any(w in orgs for w in head_words)):
        return Mention(segment, offset, ORGANISATION, ROLE, name=head)
    if head in lexicon.group_nouns() or (head.endswith("s") and not head.endswith("ss") and head not in lexicon.role_nouns()):
        return Mention(segment, offset, GROUP, ROLE, name=head)
    if lowered[0] in _INDEFINITE:
        return Mention(segment, offset, ANONYMOUS, ROLE, name=head, gender=_GENDER_WORDS.get(head))
    return Mention(segment, offset, PERSON, ROLE, name=head, gender=_GENDER_WORDS.get(head))


def _named(segment: str, run: str, offset: int, prefix: str = "") -> Mention | None:
    words = run.split()
    while words and fold(words[0]) in lexicon.NON_NAME_WORDS:
        offset += len(words[0]) + 1
        words.pop(0)
    run = " ".join(words)
    parsed = parse_name(run)
    if parsed.tokens == 0:
        return None
    folded_words = [fold(strip_possessive(w)) for w in run.split()]
    description = " ".join(x for x in (prefix, " ".join(parsed.titles)) if x) or None
    given_is_name = is_first_name(parsed.given) if parsed.given else False
    if not given_is_name:
        if any(w in lexicon.organisation_words() for w in folded_words) or fold(run) in lexicon.places():
            return Mention(segment, offset, ORGANISATION, NAME, name=run)
        if all(w in lexicon.places() or w in lexicon.NON_NAME_WORDS for w in folded_words):
            return Mention(segment, offset, ORGANISATION, NAME, name=run)
        if parsed.tokens == 1 and not parsed.titles and fold(parsed.full) in lexicon.NON_NAME_WORDS:
            return None
    gender = None
    for title in parsed.titles:
        gender = gender or _GENDER_TITLES.get(fold(title))
    gender = gender or given_name_gender(parsed.given)
    return Mention(segment, offset, PERSON, NAME, name=parsed.full, titles=parsed.titles,
                   description=description, gender=gender)


@lru_cache(maxsize=NAME_CACHE_SIZE)
def _named_alone(run: str) -> Mention | None:
    return _named(run, run, 0)


def named_mentions(text: str, names, quoted: list[tuple[int, int]]) -> list[Mention]:
    """People and organisations the article names outside its quotes, in order.

    A name inside a quote is left out: a person merely mentioned in a quote is not
    its speaker, and must not become the referent of the next "he".
    """
    found: list[Mention] = []
    q = 0
    for span in names:
        while q < len(quoted) and quoted[q][1] <= span.start:
            q += 1
        if q < len(quoted) and quoted[q][0] <= span.start < quoted[q][1]:
            continue
        mention = _shifted(_named_alone(span.text), span.start) if span.label in ("", "PERSON") else None
        if span.label in ("ORG", "PLACE"):
            mention = Mention(span.text, span.start, ORGANISATION, NAME, name=span.text)
        if mention is None:
            continue
        if mention.kind == PERSON and not span.label and not mention.titles:
            # Without a title or a known first name, a capitalised run is too often a place,
            # a product or a sentence opener ("Sergiyev Posad", "Patriot", "Drones").
            if not is_first_name(mention.name.split()[0]) or len(mention.name.split()) < 2:
                continue
        found.append(mention)
    return found

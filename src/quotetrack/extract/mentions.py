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
from functools import lru_cache


from ..article import ANONYMOUS, GROUP, ORGANISATION, PERSON
from ..speakers.names import COURTESY_TITLES, fold, given_name_gender, is_first_name, is_title, parse_name, strip_possessive
from .. import lexicon
from .annotate import NAME_RUN

NAME = "name"
PRONOUN = "pronoun"
ROLE = "role"

_DETERMINERS = frozenset("the a an one another two three four some many several his her its their".split())
_INDEFINITE = frozenset("a an one another two three four some many several".split())
# Words that end a role phrase's head ("a spokesperson for the ministry" -> spokesperson).
HEAD_STOPS = frozenset("for of at with from in on who which that to and by".split())
# Words that may stand between the speaker and the verb and are not part of the speaker:
# "he has said", "she later wrote", "the minister also told".
_AUXILIARIES = frozenset(
    """has had have was were is are would will could should may might did does do also later then
    again once earlier recently separately further already subsequently simply just quickly flatly
    publicly privately repeatedly reportedly herself himself themselves itself since not never
    previously initially first finally only quoted as""".split()
)
_CONNECTIVES = frozenset("but and so yet meanwhile however instead still then though".split())
# "Anna Berg and Tomas Lind", "Mr Hale & Ms Shah": people who speak together.
_JOINT = re.compile(r"\s+(?:and|&)\s+")
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


# A final word whose full stop belongs to it: "Jr.", "Dr.", an initial.
_ABBREVIATED = re.compile(r"(?:\b(?:Jr|Sr|Mr|Mrs|Ms|Dr|St|Inc|Ltd|Co|Corp)|\b[A-Z])\.$")
# A wire dateline opening a paragraph: "KYIV, Ukraine (Reuters) -", "WASHINGTON (AP) —".
DATELINE = re.compile(r"^[A-Z][A-Z.'’ -]+(?:,\s*[A-Z][\w.’' -]*)?(?:\s*\([A-Za-z ]+\))?\s*[—–-]\s+")


def _without_connective(segment: str) -> str:
    """"but the health secretary" -> "the health secretary"."""
    first, _, rest = segment.partition(" ")
    return rest if first.lower() in _CONNECTIVES and rest else segment


def _clean(phrase: str) -> str:
    phrase = DATELINE.sub("", phrase.strip())
    phrase = re.sub(r"\s*\([^)]*(?:\)|$)", "", phrase)  # "Coun. Michael Park (Ward 3)"
    phrase = phrase.strip(" \t\n,;:—–-“”\"‘’'()")
    if phrase.endswith(".") and not _ABBREVIATED.search(phrase):
        phrase = phrase[:-1]  # the full stop ending the sentence: “...,” said Anna Weber.
    words = phrase.split()
    while words and words[0].lower().strip(",") in _CONNECTIVES:
        words.pop(0)
    while words and (words[-1].lower() in _AUXILIARIES or (words[-1].endswith("ly") and words[-1].islower())):
        words.pop()
    return " ".join(words).strip(" ,")


def classify_speaker(phrase: str, start: int = 0) -> Mention | None:
    """The ``Mention`` a speaker phrase stands for, or None if it cannot be a speaker."""
    cleaned = _clean(phrase)
    if not cleaned:
        return None
    offset = start + max(phrase.find(cleaned[:8]), 0)
    segments = [_without_connective(s.strip()) for s in re.split(r",\s*|\s+[–—]\s+", cleaned) if s.strip()]
    if len(segments) > 1:
        return _appositive(segments, cleaned, offset)
    return _single(cleaned, offset)


def _appositive(segments: list[str], cleaned: str, offset: int) -> Mention | None:
    """Comma-separated speaker phrases, as news copy writes them:
    "Mykhailo Podolyak, an adviser to ..., said" / "said Maria Lopez, 52, who runs a bakery" /
    "said Sen. Karen Whitfield, D-Texas" (name first, description after); "the acting
    governor, Yury Slyusar, said" (role, then name); "In a post on Telegram, she wrote"
    (an adverbial, then the subject)."""
    mentions = [_single(seg, offset + max(cleaned.find(seg), 0)) for seg in segments]
    last = mentions[-1]
    if last is not None and last.form == PRONOUN:
        return last
    if segments[0].split()[0].lower() in _ADVERBIAL_OPENERS:
        # "In a written statement, the school board said": the subject follows the adverbial.
        rest = segments[1:]
        if len(rest) > 1:
            return _appositive(rest, cleaned[cleaned.find(rest[0]) :], offset + max(cleaned.find(rest[0]), 0))
        return mentions[1]
    if is_full_name(mentions[0]) and fold(segments[0].split()[0]) not in lexicon.NON_NAME_WORDS:
        description = _trim(", ".join(segments[1:]))
        if mentions[0].kind == PERSON and not is_first_name((mentions[0].name or "").split()[0]) \
                and _describes_organisation(segments[1]):
            # "Pacific Nodule Resources, a Canadian-registered firm that hopes to ..."
            return Mention(cleaned, mentions[0].start, ORGANISATION, NAME, name=segments[0], description=description)
        return restate(mentions[0], cleaned, description=description)
    for index in range(len(segments) - 1, -1, -1):
        if is_full_name(mentions[index]):
            others = [seg for i, seg in enumerate(segments) if i != index and _is_description(seg)]
            return restate(mentions[index], ", ".join(segments[index:]), description=_trim(", ".join(others)))
    # "In a Facebook post Monday, Nguyen wrote": the subject stands last, after an adverbial.
    if last is not None and not _is_description(segments[-1]):
        return last
    chosen = mentions[0]
    if chosen is None:
        return None
    return restate(chosen, segments[0], description=_trim(", ".join(segments[1:])))


def _describes_organisation(segment: str) -> bool:
    """"a Canadian-registered firm that ...", "the charity which ...": an organisation's appositive."""
    words = [w.lower().strip(",.") for w in segment.split()]
    head = []
    for word in words[1:]:
        if word in HEAD_STOPS:
            break
        head.append(word)
    return words[0] in _DETERMINERS and bool(head) and head[-1] in lexicon.organisation_words()


def is_full_name(mention: Mention | None) -> bool:
    """A name that can stand for a person on its own: two words or more, or a title and a name."""
    if mention is None or mention.form != NAME:
        return False
    if mention.kind != PERSON:
        return True
    return len((mention.name or "").split()) >= 2 or bool(mention.titles)


def _is_description(segment: str) -> bool:
    """An appositive that describes rather than names: "an adviser to the head of the office",
    "52", "who runs a bakery nearby", "D-Texas", "Republican of Kansas"."""
    words = segment.split()
    first = words[0]
    lowered = first.lower()
    return (
        first[0].isdigit()
        or lowered in _RELATIVES
        or lowered in _DETERMINERS
        or first.islower()
        or bool(_PARTY.match(segment))
    )


# "D-Texas", "R-Ohio", "Republican of Kansas", "Democrat of Missouri": US party affiliations.
_PARTY = re.compile(r"^(?:[DRI]-[A-Z][\w. ]*|(?:Republican|Democrat|Independent|Liberal|Conservative) of .+)$")
# Words that open an adverbial phrase before the subject ("In a statement, ...").
_ADVERBIAL_OPENERS = frozenset(
    "in on at after before during speaking asked writing following from with under when while later earlier".split()
)
_SPOKESPEOPLE = frozenset("spokesperson spokesman spokeswoman representative".split())
# Capitalised words joined by the small words organisation names use.
_ORG_NAME = re.compile(r"^[A-Z][\w’'&.-]*(?:\s+(?:(?:of|for|and|the|on|in|de|du|des|la|le|&)\s+)*[A-Z][\w’'&.-]*)*$")
_RELATIVES = frozenset("who which whose where when now then himself herself prosecuting defending".split())
# Nouns for what was said rather than who said it; "the statement said" stands for the
# organisation that issued it.
_DOCUMENT_HEADS = frozenset("statement release report letter notice filing post memo email".split())


def restate(mention: Mention, written: str, description: str | None = None) -> Mention:
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
    if first in _DETERMINERS or (len(words) > 1 and strip_possessive(words[0]) != words[0] and words[-1].islower()):
        # "the health ministry", and "Russia’s foreign ministry" read the same way
        return _determined(segment, words, offset)
    if len(words) > 1 and words[-1] in lexicon.organisation_words() and _ORG_NAME.match(" ".join(words[:-1])):
        # "Essex police", "Fairmont County health department" written half in lower case
        return Mention(segment, offset, ORGANISATION, NAME, name=" ".join(w[:1].upper() + w[1:] for w in words))
    if _ORG_NAME.match(segment) and (any(fold(w) in lexicon.organisation_words() for w in words)
                                     or (len(words) > 1 and fold(words[-1]) in lexicon.company_endings())):
        # "Department of Foreign Affairs", "Ontario Chamber of Commerce and Industry"
        return Mention(segment, offset, ORGANISATION, NAME, name=segment)
    if first in lexicon.group_nouns():
        # "officials", "Parents at one primary school in Small Heath"
        kind = ORGANISATION if first == "police" else GROUP
        return Mention(segment, offset, kind, ROLE, name=first)
    if len(words) <= 4 and words[-1] in lexicon.group_nouns() and words[-1] != "police":
        # "Provincial officials", "Russian officials", "County officials"
        return Mention(segment, offset, GROUP, ROLE, name=segment)
    joint = _joint(segment, offset)
    if joint is not None:
        return joint
    runs = list(NAME_RUN.finditer(segment))
    if not runs or runs[-1].end() != len(segment):
        return None
    # "Conservative leader Pierre Poilievre": lower-case words before the name describe it.
    run = runs[-1]
    return name_mention(segment, run.group(), offset + run.start(), prefix=segment[: run.start()].strip())


def _joint(segment: str, offset: int) -> Mention | None:
    """Two people who speak together ("Anna Berg and Tomas Lind said in a joint statement")
    are one group speaker named as written: crediting the words to either alone would be a
    wrong attribution. Each side must be a full name or a titled name, so a firm like
    "Marks and Spencer" is not split into two people."""
    sides = _JOINT.split(segment)
    if len(sides) != 2:
        return None
    for side in sides:
        match = NAME_RUN.fullmatch(side)
        person = name_mention(side, side, offset) if match else None
        if person is None or person.kind != PERSON:
            return None
        parsed = parse_name(side)
        if not (parsed.given and parsed.surname) and not parsed.titles:
            return None
    return Mention(segment, offset, GROUP, NAME, name=segment)


def _determined(segment: str, words: list[str], offset: int) -> Mention | None:
    """Phrases that open with a determiner: "the health ministry", "the Ukrainian president",
    "the head of the district Oksana Yerokhanova", "The White House", "a police source"."""
    rest = segment.split(" ", 1)[1] if " " in segment else ""
    if words[0].lower() == "the" and _ORG_NAME.match(rest) and (" " in rest or rest.isupper()):
        if not all(is_title(w) for w in rest.split()) and not is_first_name(rest.split()[0]):
            # "The Lebanese Community Council of Australia", "The FA"
            return Mention(segment, offset, ORGANISATION, NAME, name=rest)
    runs = list(NAME_RUN.finditer(segment))
    if runs and runs[-1].end() == len(segment):
        run = runs[-1]
        named = name_mention(segment, run.group(), offset + run.start(), prefix=segment[: run.start()].strip())
        if named is not None and named.kind == PERSON and run.start() > 0:
            if len(run.group().split()) >= 2 and is_first_name(named.name.split()[0]):
                return named
        elif named is not None and named.kind == ORGANISATION and not set(
                w.lower() for w in segment[: run.start()].split()) & HEAD_STOPS:
            return named  # "the Kremlin", but not "a European diplomat in Kyiv"
        if named is not None and run.start() <= len(words[0]) + 1 and not is_first_name(named.name.split()[0]):
            # "The Guardian": a capitalised name right after the determiner, that no branch
            # above took, is an organisation's.
            if not all(is_title(w) for w in run.group().split()):
                return Mention(segment, named.start, ORGANISATION, NAME, name=run.group())
    lowered = [strip_possessive(w).lower().strip(".,") for w in words]
    head_words = []
    for word in lowered[1:]:
        if word in HEAD_STOPS:
            break
        head_words.append(word)
    head = head_words[-1] if head_words else lowered[-1]
    orgs = lexicon.organisation_words()
    if head in _SPOKESPEOPLE and lowered[0] in _INDEFINITE:
        # "a spokeswoman for road safety charity RoadSafe Families": the organisation speaks.
        issuer = re.search(r"\bfor\s+(.+)$", segment)
        found = _single(issuer.group(1), offset + issuer.start(1)) if issuer else None
        if found is not None and found.kind == ORGANISATION:
            return found
        runs = list(NAME_RUN.finditer(issuer.group(1))) if issuer else []
        if runs and runs[-1].end() == len(issuer.group(1)) and not is_first_name(runs[-1].group().split()[0]):
            return Mention(segment, offset, ORGANISATION, NAME, name=runs[-1].group())
    if head in _DOCUMENT_HEADS:
        # "a statement from the ministry", "a report by Acme Corp": whoever issued it.
        issuer = re.search(r"\b(?:from|by|of)\s+(.+)$", segment)
        if issuer:
            found = _single(issuer.group(1), offset + issuer.start(1))
            if found is not None:
                return found
        return Mention(segment, offset, ORGANISATION, ROLE, name=None)
    definite = lowered[0] == "the" or strip_possessive(words[0]) != words[0]
    if head in orgs or (definite and any(w in orgs for w in head_words)):
        return Mention(segment, offset, ORGANISATION, ROLE, name=head)
    if head in lexicon.group_nouns() or (head.endswith("s") and not head.endswith("ss") and head not in lexicon.role_nouns()):
        return Mention(segment, offset, GROUP, ROLE, name=head)
    if lowered[0] in _INDEFINITE:
        return Mention(segment, offset, ANONYMOUS, ROLE, name=head, gender=_GENDER_WORDS.get(head))
    return Mention(segment, offset, PERSON, ROLE, name=head, gender=_GENDER_WORDS.get(head))


def name_mention(segment: str, run: str, offset: int, prefix: str = "", label: str = "") -> Mention | None:
    """A name run as a person or an organisation; ``label`` is a named-entity label when an
    engine gave one, and a 'PERSON' label overrides the word lists ("Jordan Henderson")."""
    found = _name_mention(segment, run, prefix, label)
    if found is None:
        return None
    return Mention(found.written, found.start + offset, found.kind, found.form, found.name, found.titles,
                   found.description, found.gender)


@lru_cache(maxsize=1 << 13)
def _name_mention(segment: str, run: str, prefix: str, label: str) -> Mention | None:
    """``name_mention`` at offset 0: names recur, so their reading is cached."""
    offset = 0
    words = run.split()
    while words and fold(words[0]) in lexicon.NON_NAME_WORDS:
        offset += len(words[0]) + 1
        words.pop(0)
    # "Motorist Craig Tanner", "City Councilman Greg Hollis": capitalised descriptors before
    # a first name are a description, not part of the name.
    if len(words) >= 3 and not is_first_name(words[0]) and not is_title(words[0]):
        first_name = next((i for i in range(1, len(words) - 1) if is_first_name(words[i])), None)
        if first_name is not None:
            prefix = " ".join([prefix, *words[:first_name]]).strip()
            offset += sum(len(w) + 1 for w in words[:first_name])
            words = words[first_name:]
    if words:
        words[-1] = strip_possessive(words[-1])  # "Ukraine’s" names Ukraine
    if len(words) > 1 and words[0].isupper() and is_first_name(words[0]):
        words[0] = words[0].capitalize()  # "TERRY Maddox has been sacked"
    run = " ".join(words)
    parsed = parse_name(run)
    if parsed.tokens == 0:
        return None
    folded_words = [fold(strip_possessive(w)) for w in run.split()]
    titles = " ".join(t for t in parsed.titles if fold(t) not in COURTESY_TITLES)
    description = " ".join(x for x in (prefix, titles) if x) or None
    given_is_name = is_first_name(parsed.given) if parsed.given else False
    if not given_is_name and label != "PERSON":
        if any(w in lexicon.organisation_words() for w in folded_words) or fold(run) in lexicon.places() \
                or (len(folded_words) > 1 and folded_words[-1] in lexicon.company_endings()):
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

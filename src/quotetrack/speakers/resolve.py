"""Speakers inside one article: full name, Mr Surname, surname, pronoun and role noun are
resolved to one speaker, named by the fullest form the article gives.

"Volodymyr Zelenskiy", "Mr Zelenskiy", "Zelenskiy", "President Zelenskiy", "the
Ukrainian president" and "he" become one ``Speaker`` named Volodymyr Zelenskiy.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .. import lexicon
from ..article import ANONYMOUS, GROUP, ORGANISATION, PERSON, Speaker
from ..extract.mentions import NAME, PRONOUN, ROLE, Mention
from .names import fold, parse_name, strip_possessive, variant_key


# Titles kept in an alias ("Mr Zelenskiy", "President Zelenskiy"): the ones readers search by.
ALIAS_TITLES = frozenset("mr mrs ms miss dr sir dame lord lady president prof sen rep gen".split())


# How far back (in mentions) a pronoun, role or "the company" may refer: several
# paragraphs of copy, and a bound that keeps a 5 MB text linear.
RECENT_EVENTS = 200
PARAGRAPH_REACH = 20_000
# "the company said" finds the last business named; these words mark a name as some
# other kind of organisation.
COMPANY_WORDS = frozenset("company firm business group developer operator utility retailer airline bank insurer".split())
NOT_COMPANIES = frozenset("university ministry government council department police court parliament party "
                          "union agency authority commission committee service school hospital".split())
# "the province’s health ministry" is the Health Ministry of the place the article is about;
# "Russia’s foreign ministry" keeps its country.
JURISDICTIONS = frozenset("city province state country county town region government nation federal".split())
COMPANY_SUFFIXES = frozenset("inc corp ltd plc co llc group".split())
# Roles that stand for someone the article never names ("the source said", "the aide
# added"): they refer back to an unnamed source, never to a named person by guesswork.
UNNAMED_ROLES = frozenset("source official aide diplomat insider friend pal neighbour neighbor witness".split())


@dataclass
class _Entity:
    kind: str
    name: str
    given: str | None = None
    surname: str | None = None
    gender: str | None = None
    forms: list[str] = field(default_factory=list)
    roles: set[str] = field(default_factory=set)
    descriptions: list[str] = field(default_factory=list)
    ambiguous: bool = False
    order: int = 0  # its place among the article's entities, first named first

    def learn(self, mention: Mention) -> None:
        if mention.form == NAME and mention.name:
            forms = [mention.name]
            if mention.titles and fold(mention.titles[-1]) in ALIAS_TITLES:
                forms.append(f"{mention.titles[-1]} {mention.name}")
            self.forms.extend(f for f in forms if f not in self.forms)
        self.gender = self.gender or mention.gender
        for text in (*mention.titles, mention.description or ""):
            self.roles.update(fold(text).split())
        if mention.description and mention.description not in self.descriptions:
            self.descriptions.append(mention.description)

    def speaker(self) -> Speaker:
        aliases = tuple(f for f in self.forms if f != self.name)
        description = "; ".join(self.descriptions) or None
        return Speaker(self.name, self.kind, description, aliases, self.ambiguous)


@dataclass(frozen=True)
class _Event:
    position: int
    entity: _Entity
    spoke: bool


class ArticleSpeakers:
    """Resolves the mentions of one article, in text order."""

    def __init__(self, text: str, named: list[Mention]):
        self.text = text
        self.entities: list[_Entity] = []
        self.events: list[_Event] = []
        # People by the variant key of their surname and of their given name, and the other
        # entities by kind and folded name; each list in the order the entities were made.
        self._surnames: dict[str, list[_Entity]] = {}
        self._givens: dict[str, list[_Entity]] = {}
        self._collectives: dict[tuple[str, str], _Entity] = {}
        # Companies by the first word of their name ("Harbinger" for Harbinger Foods).
        self._companies: dict[str, list[_Entity]] = {}
        self._named = sorted(named, key=lambda m: m.start)
        self._by_surname: dict[str, list[Mention]] = {}
        for mention in self._named:
            parsed = parse_name(mention.name or "")
            if mention.kind == PERSON and parsed.given and parsed.surname:
                self._by_surname.setdefault(variant_key(parsed.surname), []).append(mention)
        self._cursor = 0

    def resolve(self, mention: Mention) -> _Entity | None:
        """The entity a speaker mention stands for; records it as having spoken."""
        self._advance(mention.start)
        entity = self._entity_for(mention)
        if entity is not None:
            entity.learn(mention)
            self.events.append(_Event(mention.start, entity, True))
        return entity

    def _advance(self, position: int) -> None:
        """Take in the names the article gives before ``position``."""
        while self._cursor < len(self._named) and self._named[self._cursor].start < position:
            mention = self._named[self._cursor]
            self._cursor += 1
            if mention.kind == ORGANISATION and mention.form == NAME:
                entity = self._collective(mention)
                self.events.append(_Event(mention.start, entity, False))
                continue
            if mention.kind != PERSON:
                continue
            # A lone surname or given name counts only for someone already named in full.
            full = len((mention.name or "").split()) >= 2 or bool(mention.titles)
            entity = self._by_name(mention, create=full)
            if entity is not None:
                entity.learn(mention)
                self.events.append(_Event(mention.start, entity, False))

    def _entity_for(self, mention: Mention) -> _Entity | None:
        if mention.form == NAME:
            return self._by_name(mention, create=True)
        if mention.form == PRONOUN:
            return self._salient(mention)
        if mention.kind == PERSON:
            return self._by_role(mention)
        return self._collective(mention)

    def _by_name(self, mention: Mention, create: bool) -> _Entity | None:
        if mention.kind != PERSON:
            return self._collective(mention)
        parsed = parse_name(mention.name or "")
        if parsed.given and parsed.surname:
            given_key = variant_key(parsed.given)
            for entity in self._surnames.get(variant_key(parsed.surname), ()):
                if entity.given is None:
                    entity.name = parsed.full
                    self._give(entity, parsed.given)
                    return entity
                if variant_key(entity.given) == given_key:
                    if len(parsed.full) > len(entity.name):
                        entity.name = parsed.full
                    return entity
            return self._add(_Entity(PERSON, parsed.full, parsed.given, parsed.surname))
        single = parsed.given or parsed.surname
        if single is None:
            return None
        return self._by_single_name(single, given=parsed.surname is None, create=create, gender=mention.gender)

    def _by_single_name(self, word: str, given: bool, create: bool, gender: str | None = None) -> _Entity | None:
        """"Mr Zelenskiy", "Yerokhanova", "Sir Ed": a name the article gave in full, earlier
        or (failing that) later; several candidates make it ambiguous."""
        key = variant_key(word)
        matches = [e for e in (self._givens if given else self._surnames).get(key, ()) if _agrees(e, gender)]
        full = [e for e in matches if e.given and e.surname]
        if full:
            chosen = max(full, key=self._last_seen)
            chosen.ambiguous = chosen.ambiguous or len(full) > 1
            return chosen
        if matches:
            return matches[0]
        if not given:
            # Tabloid and profile style call people by their first name ("Leanne said").
            by_given = [e for e in self._givens.get(key, ()) if e.surname]
            if len(by_given) == 1:
                return by_given[0]
        if not given:
            # "Harbinger said" after "Harbinger Foods": a company by the first word of its name.
            companies = self._companies.get(fold(word), ())
            for event in self._recent() if companies else ():
                if any(event.entity is company for company in companies):
                    return event.entity
        later = self._by_surname.get(key, []) if not given else []
        if later:
            mention = later[0]
            entity = self._by_name(mention, create=True)
            if entity is not None:
                entity.learn(mention)
            return entity
        if not create:
            return None
        return self._add(_Entity(PERSON, word, given=word if given else None, surname=None if given else word))

    def _add(self, entity: _Entity) -> _Entity:
        entity.order = len(self.entities)
        self.entities.append(entity)
        if entity.kind == PERSON:
            if entity.surname:
                self._surnames.setdefault(variant_key(entity.surname), []).append(entity)
            if entity.given:
                self._givens.setdefault(variant_key(entity.given), []).append(entity)
        else:
            self._collectives.setdefault((entity.kind, fold(entity.name)), entity)
            words = fold(entity.name).split()
            if entity.kind == ORGANISATION and len(words) > 1 \
                    and (words[-1] in lexicon.company_endings() or words[-1] in COMPANY_SUFFIXES):
                self._companies.setdefault(words[0], []).append(entity)
        return entity

    def _give(self, entity: _Entity, given: str) -> None:
        """The given name of someone first known by surname alone."""
        entity.given = given
        people = self._givens.setdefault(variant_key(given), [])
        people.append(entity)
        people.sort(key=lambda e: e.order)

    def _recent(self):
        """Events newest first, as far back as a reference can reach."""
        return reversed(self.events[-RECENT_EVENTS:])

    def _last_seen(self, entity: _Entity) -> int:
        for event in self._recent():
            if event.entity is entity:
                return event.position
        return -1

    def _salient(self, mention: Mention) -> _Entity | None:
        """The person a pronoun refers to: someone named earlier in the same paragraph, else
        the speaker of the last paragraph or two, else the last person named; always with
        agreeing gender. "they" prefers a group or organisation that spoke."""
        if mention.written.lower() == "they":
            for event in self._recent():
                if event.entity.kind in (GROUP, ORGANISATION) and event.spoke:
                    return event.entity
        reach = max(0, mention.start - PARAGRAPH_REACH)
        paragraph = max(self.text.rfind("\n", reach, mention.start) + 1, reach)
        previous = max(self.text.rfind("\n", max(0, paragraph - PARAGRAPH_REACH), max(paragraph - 2, 0)) + 1,
                       max(0, paragraph - PARAGRAPH_REACH)) if paragraph > 1 else 0
        spoke_before: _Entity | None = None
        last_named: _Entity | None = None
        for event in self._recent():
            if event.entity.kind not in (PERSON, ANONYMOUS) or not _agrees(event.entity, mention.gender):
                continue
            if event.position >= paragraph:
                return event.entity
            if spoke_before is None and event.position >= previous and event.spoke:
                spoke_before = event.entity
            if last_named is None:
                last_named = event.entity
        return spoke_before or last_named

    def _by_role(self, mention: Mention) -> _Entity | None:
        """"the minister", "the Ukrainian president": the person last described with that
        word; else the person who spoke last; else an unnamed source of its own."""
        head = fold(mention.name or "")
        for event in self._recent():
            if event.entity.kind in (PERSON, ANONYMOUS) and head in event.entity.roles:
                return event.entity
        if head not in UNNAMED_ROLES:
            guess = self._salient(mention)
            if guess is not None:
                return guess
        return self._collective(Mention(mention.written, mention.start, ANONYMOUS, ROLE, mention.name))

    def _collective(self, mention: Mention) -> _Entity:
        """Organisations, groups and anonymous sources: one entity per name as written
        ("the company" and "the health ministry" find an organisation already named)."""
        name = _collective_name(mention)
        if mention.kind == ORGANISATION and mention.form == ROLE:
            head = fold(mention.name or "")
            phrase = set(fold(mention.written).split()) - {"the", "a", "an", head}
            best = max((e for e in self._recent() if e.entity.kind == ORGANISATION and head
                        and head in fold(e.entity.name).split()),
                       key=lambda e: len(phrase & set(fold(e.entity.name).split())), default=None)
            if best is not None:
                return best.entity  # "the school board": the board named with most of these words
            for event in self._recent():
                entity = event.entity
                if entity.kind != ORGANISATION:
                    continue
                words = fold(entity.name).split()
                if head and head in words:
                    return entity
                if head in COMPANY_WORDS and not any(w in NOT_COMPANIES for w in words) \
                        and fold(entity.name) not in lexicon.places():
                    return entity
                if not head and event.spoke:
                    return entity  # "the statement said": whoever last issued one
        known = self._collectives.get((mention.kind, fold(name)))
        if known is not None:
            return known
        entity = _Entity(mention.kind, name)
        if mention.kind == ANONYMOUS:
            entity.roles.update(fold(name).split())
            entity.gender = mention.gender
        return self._add(entity)


def _agrees(entity: _Entity, gender: str | None) -> bool:
    return gender is None or entity.gender is None or entity.gender == gender


def _collective_name(mention: Mention) -> str:
    """The name an organisation, group or anonymous source is stored under:
    "the health ministry" -> "Health Ministry", "officials" -> "officials",
    "a police source, who was not authorised to speak" -> "a police source"."""
    if mention.form == NAME:
        return mention.name or mention.written
    written = mention.written.split(",")[0].strip()
    if mention.kind == ORGANISATION:
        words = written.split()
        if words and words[0].lower() == "the":
            words = words[1:]
        if len(words) > 1 and fold(strip_possessive(words[0])) in JURISDICTIONS:
            words = words[1:]  # "the province’s health ministry" -> "Health Ministry"
        return " ".join(w[:1].upper() + w[1:] for w in words) or written
    if mention.kind == GROUP:
        return mention.name or written
    return written[:1].lower() + written[1:]


def resolve_in_article(text: str, mentions: list[Mention | None], named: list[Mention]) -> list[Speaker | None]:
    """The speaker of each quote, given the mention its cue named (None where no sieve decided)."""
    article = ArticleSpeakers(text, named)
    order = sorted((m.start, i) for i, m in enumerate(mentions) if m is not None)
    entities: dict[int, _Entity | None] = {}
    for _, index in order:
        entities[index] = article.resolve(mentions[index])
    speakers = {id(entity): entity.speaker() for entity in entities.values() if entity is not None}
    return [speakers[id(entities[i])] if entities.get(i) is not None else None for i in range(len(mentions))]

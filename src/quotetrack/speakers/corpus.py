"""Speakers across articles: which stored speaker a newly found one is, conservatively.

A wrong merge puts words in the wrong mouth, so a new speaker joins a stored one only
when the evidence is unambiguous:

  alias     the same name, folded (case, accents, periods): "Recep Erdoğan" = "recep erdogan"
  variant   the same given name and surname after transliteration folding, with no gender
            conflict: Zelenskiy = Zelensky = Zelenskyy; Dmitry = Dmitriy
  surname   a surname alone that exactly one stored person carries

Persons, organisations, groups and anonymous sources never join each other; anonymous
sources never join anyone. Names set by hand (merge, alias add, rename, split) are
stored as manual aliases and win over all of this.

The writer does not hold every stored speaker in memory: a corpus of millions of articles
has millions of speakers. Before an article's speakers are matched, the ids of the stored
speakers any of their names could match (by alias key, variant key or surname key, all
indexed columns of speaker_aliases) are read in, once per key, with what matching needs
of a person (a given-name key and a gender); a surname brings in every person who carries
it, since a new full name is compared with all of them. A speaker's name, aliases and
counts are read only when it is matched. When the index holds more than
``CACHED_SPEAKERS`` at the end of a batch, it forgets them all and starts again.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import lru_cache

from rapidfuzz import fuzz, process
from sqlalchemy import Connection, bindparam, insert, update

from ..article import ANONYMOUS, PERSON, Speaker
from ..store.bulk import BulkInsert, IdAllocator, driver_query
from ..store.models import SpeakerAlias, SpeakerRow
from .names import NAME_CACHE_SIZE, alias_keys, fold, given_name_gender, name_key, parse_name, variant_key


# A given name this similar (rapidfuzz ratio on transliteration keys) is the same name
# written differently, when the surname is the same and long enough to be distinctive:
# oleksander/oleksandr 95, iulia/iulia 100; but daniel/daniela 92 is stopped by gender,
# and maria/mario (80), jon/jan (67) fall below.
GIVEN_NAME_SIMILARITY = 88
MIN_SURNAME_FOR_FUZZY = 5
# Speakers held in memory between batches, about 0.7 KB each with their aliases; a person
# known only by id, given name and gender, or a lookup key, counts a quarter.
CACHED_SPEAKERS = 30_000

_SPEAKERS = SpeakerRow.__table__
_ALIASES = SpeakerAlias.__table__
# Core statements built once, for the writer's many small writes.
_INSERT_SPEAKER = insert(_SPEAKERS)
_SPEAKER_COLUMNS = ("id", "name", "kind", "description", "name_locked", "ambiguous", "created_at")
_SPEAKER_ROWS = BulkInsert(_SPEAKERS, _SPEAKER_COLUMNS)
_ALIAS_COLUMNS = ("speaker_id", "alias", "key", "variant", "surname", "count", "manual")
_ALIAS_ROWS = BulkInsert(_ALIASES, _ALIAS_COLUMNS)
_COUNT_ALIAS = (update(_ALIASES)
                .where(_ALIASES.c.speaker_id == bindparam("b_speaker"), _ALIASES.c.key == bindparam("b_key"))
                .values(count=_ALIASES.c.count + bindparam("b_more")))
_RENAME_SPEAKER = update(_SPEAKERS).where(_SPEAKERS.c.id == bindparam("b_speaker")).values(name=bindparam("b_name"))
_MATCHING = ("SELECT a.key, a.variant, a.surname, s.id, s.kind, s.name "
             "FROM speaker_aliases a JOIN speakers s ON s.id = a.speaker_id WHERE s.kind != 'anonymous' AND ({})")
_ALIASES_OF = "SELECT alias, key, count FROM speaker_aliases WHERE speaker_id = ?"
_SPEAKER = "SELECT kind, name, name_locked FROM speakers WHERE id = ?"


@dataclass(slots=True)
class _Known:
    id: int
    kind: str
    name: str
    locked: bool
    given: str | None
    surname: str | None
    gender: str | None
    # key -> (alias as written, count); None until read (``SpeakerIndex.loaded``)
    aliases: dict[str, tuple[str, int]] | None


def _facts(name: str) -> tuple[str | None, str | None, str | None]:
    parsed = parse_name(name)
    return parsed.given, parsed.surname, given_name_gender(parsed.given)


def _known(sid: int, kind: str, name: str, locked: bool, aliases: dict[str, tuple[str, int]] | None) -> _Known:
    given, surname, gender = _facts(name) if kind == PERSON else (None, None, None)
    return _Known(sid, kind, name, locked, given, surname, gender, aliases)


def now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


class SpeakerIndex:
    """The stored speakers one writer matches against: those its articles' names have read
    in (see the module's docstring), kept in step with the database."""

    def __init__(self, ids: IdAllocator | None = None, cached: int = CACHED_SPEAKERS) -> None:
        # With ``ids``, new speakers are numbered by it and inserted by ``write_new_speakers``
        # (see IdAllocator for when that is safe); without, each is inserted at once and the
        # database numbers it.
        self.ids = ids
        self.cached = cached
        self.known: dict[int, _Known] = {}
        # The lookups (alias key, variant key, surname key) whose stored speakers are all in
        # the indexes below; a speaker added or matched since is indexed as it is.
        self._fetched: set[tuple[str, str]] = set()
        # key -> the ids of the speakers it fits. Nearly every key fits one speaker, and
        # there is an entry per alias of every speaker held: tuples, not sets, keep
        # this small (a set costs four times a one-id tuple).
        self._by_key: dict[tuple[str, str], tuple[int, ...]] = {}
        self._by_variant: dict[str, tuple[int, ...]] = {}
        # surname key -> the given-name keys of the people under it -> their ids (the people
        # of a surname are all of these): a common surname is carried by hundreds of stored
        # people, and their distinct given names are compared with a new one in one
        # rapidfuzz call.
        self._givens: dict[str, dict[str, tuple[int, ...]]] = {}
        # id -> (given-name key or "", gender) of the people the lookups found (``_person``).
        self._people: dict[int, tuple[str, str | None]] = {}
        # Changes noted in memory and not yet written (see ``write_changes``).
        self._new_speakers: list[tuple] = []
        self._new_aliases: dict[tuple[int, str], dict] = {}
        self._counted: dict[tuple[int, str], int] = {}
        self._renamed: dict[int, str] = {}

    def reset(self) -> None:
        """Forget every speaker and every change not yet written."""
        self.__init__(self.ids, self.cached)

    def fetch(self, connection: Connection, speakers: Iterable[Speaker]) -> None:
        """Read in the stored speakers that any of ``speakers`` could match (see ``match``),
        in one query for all the keys not read before."""
        lookups = {lookup for speaker in speakers for lookup in _lookups(speaker)} - self._fetched
        if not lookups:
            return
        by_column = {column: [value for kind, value in lookups if kind == column]
                     for column in ("key", "variant", "surname")}
        by_column = {column: values for column, values in by_column.items() if values}
        where = " OR ".join(f"a.{column} IN ({{}})" for column in by_column)
        # Planned for each article's lists: PostgreSQL's one plan for lists of any length
        # scans every alias (2 ms an article, against 0.6).
        rows = driver_query(connection, _MATCHING.format(where), *by_column.values(), prepare=False)
        keys: dict[tuple[str, str], list[int]] = {}
        variants: dict[str, list[int]] = {}
        givens: dict[str, dict[str, list[int]]] = {}
        for key, variant, surname, sid, kind, name in rows.fetchall():
            if ("key", key) in lookups:
                keys.setdefault((kind, key), []).append(sid)
            if kind != PERSON:
                continue
            if sid in self.known or sid in self._people:
                person = self._person(sid)
            else:
                given, _, gender = _facts(name)
                person = self._people[sid] = (variant_key(given) if given else "", gender)
            # A variant key with a space is a given name and a surname (names.name_key).
            if " " in variant and ("variant", variant) in lookups:
                variants.setdefault(variant, []).append(sid)
            if person[0] and ("surname", surname) in lookups:
                givens.setdefault(surname, {}).setdefault(person[0], []).append(sid)
        for found, index in ((keys, self._by_key), (variants, self._by_variant)):
            for key, ids in found.items():
                _extend(index, key, ids)
        for surname, by_given in givens.items():
            for given, ids in by_given.items():
                _extend(self._givens.setdefault(surname, {}), given, ids)
        self._fetched |= lookups

    def _person(self, sid: int) -> tuple[str, str | None]:
        """(given-name key or "", gender) of a stored person, from memory."""
        known = self.known.get(sid)
        if known is None:
            return self._people[sid]
        return (variant_key(known.given) if known.given else "", known.gender)

    def loaded(self, connection: Connection, sid: int) -> _Known:
        """The speaker with its aliases and their counts, read now if they were not."""
        if sid not in self.known:  # known by the keys it was found under so far
            (kind, name, locked), = driver_query(connection, _SPEAKER, sid).fetchall()
            self.known[sid] = _known(sid, kind, name, bool(locked), None)
        known = self.known[sid]
        if known.aliases is None:
            rows = driver_query(connection, _ALIASES_OF, sid).fetchall()
            known.aliases = {key: (alias, count) for alias, key, count in rows}
            for alias, _ in known.aliases.values():
                self._index(known, alias)
        return known

    def _index(self, known: _Known, alias: str) -> None:
        if known.kind == ANONYMOUS:
            return
        _add(self._by_key, (known.kind, fold(alias)), known.id)
        if known.kind != PERSON:
            return
        parsed = parse_name(alias)
        if parsed.given and parsed.surname:
            _add(self._by_variant, name_key(alias), known.id)
        if parsed.surname and known.given:
            _add(self._givens.setdefault(variant_key(parsed.surname), {}), variant_key(known.given), known.id)

    def match(self, speaker: Speaker) -> tuple[int | None, str]:
        """The stored speaker this one is, and why ('alias', 'variant', 'surname'), or
        (None, 'new')."""
        if speaker.kind == ANONYMOUS:
            return None, "new"
        for form in _forms(speaker):
            ids = self._by_key.get((speaker.kind, fold(form)), ())
            if len(ids) == 1:
                return next(iter(ids)), "alias"
        if speaker.kind != PERSON:
            return None, "new"
        given, surname, gender = _facts(speaker.name)
        if given and surname:
            ids = [i for i in self._by_variant.get(name_key(speaker.name), ())
                   if not _gender_conflict(self._person(i)[1], gender)]
            if len(ids) == 1:
                return ids[0], "variant"
            if ids:
                return None, "new"
            # Oleksandr / Olexander, Yulia / Yuliya: the same surname and a given name that
            # differs by a letter or two, with no gender conflict.
            if len(variant_key(surname)) < MIN_SURNAME_FOR_FUZZY:
                return None, "new"
            givens = self._givens.get(variant_key(surname), {})
            similar = process.extract(variant_key(given), givens.keys(), scorer=fuzz.ratio,
                                      score_cutoff=GIVEN_NAME_SIMILARITY, limit=None)
            # An id stays under the given name it had when indexed: a renamed person is
            # checked against the given name they have now.
            close = [i for key, _, _ in similar for i in givens[key]
                     if (person := self._person(i))[0] == key and not _gender_conflict(person[1], gender)]
            if len(close) == 1:
                return close[0], "variant"
            return None, "new"
        if surname:
            ids = self._people_of(variant_key(surname), at_most=2)
            if len(ids) == 1:
                return next(iter(ids)), "surname"
        return None, "new"

    def add_all(self, connection: Connection, speakers: Iterable[Speaker]) -> list[tuple[int, bool]]:
        """Store the speakers of one article, in order; returns (id, is_new) for each.

        Each speaker is matched against the ones before it, as if added one by one. New
        speakers are numbered at once (their ids are needed); the rows, aliases and names
        that change are only noted. Call ``write_new_speakers`` before anything refers to a new
        speaker, and ``write_changes`` before the transaction ends.
        """
        speakers = list(speakers)
        self.fetch(connection, speakers)
        added = []
        for speaker in speakers:
            sid, _ = self.match(speaker)
            created = sid is None
            if created:
                sid = self._insert(connection, speaker)
                self.known[sid] = _known(sid, speaker.kind, speaker.name, False, {})
            known = self.loaded(connection, sid)
            for form in (speaker.name, *speaker.aliases):
                self._note(known, form)
            self._rename(known)
            added.append((sid, created))
        for sid, _ in added:
            # An anonymous source never joins anyone (see ``match``): nothing to remember it for.
            if sid in self.known and self.known[sid].kind == ANONYMOUS:
                del self.known[sid]
        return added

    def _insert(self, connection: Connection, speaker: Speaker) -> int:
        row = (speaker.name, speaker.kind, speaker.description, False, speaker.ambiguous, now())
        if self.ids is None:
            return connection.execute(_INSERT_SPEAKER, dict(zip(_SPEAKER_COLUMNS[1:], row))).inserted_primary_key[0]
        sid = self.ids.take(connection)
        self._new_speakers.append((sid, *row))
        return sid

    def _note(self, known: _Known, form: str, manual: bool = False) -> None:
        key = fold(form)
        if not key:
            return
        if key in known.aliases:
            alias, count = known.aliases[key]
            known.aliases[key] = (alias, count + 1)
            new_row = self._new_aliases.get((known.id, key))
            if new_row is not None:
                new_row["count"] += 1
            else:
                self._counted[(known.id, key)] = self._counted.get((known.id, key), 0) + 1
        else:
            known.aliases[key] = (form, 1)
            self._new_aliases[(known.id, key)] = {
                "speaker_id": known.id, "alias": form, **alias_keys(form, known.kind == PERSON), "count": 1,
                "manual": manual,
            }
            self._index(known, form)

    def write_new_speakers(self, connection: Connection) -> None:
        """Write the speakers added since the last call: rows that refer to a speaker need
        it stored first. Their aliases, counts and names can wait for ``write_changes``."""
        _SPEAKER_ROWS(connection, self._new_speakers)
        self._new_speakers.clear()

    def write_changes(self, connection: Connection) -> None:
        """Write the speakers, alias and name changes noted since the last call: once per
        batch of articles, since an alias seen again is a count to update."""
        self.write_new_speakers(connection)
        _ALIAS_ROWS(connection, [tuple(row[c] for c in _ALIAS_COLUMNS) for row in self._new_aliases.values()])
        if self._counted:
            connection.execute(_COUNT_ALIAS, [{"b_speaker": sid, "b_key": key, "b_more": more}
                                              for (sid, key), more in self._counted.items()])
        if self._renamed:
            connection.execute(_RENAME_SPEAKER, [{"b_speaker": sid, "b_name": name}
                                                 for sid, name in self._renamed.items()])
        self._new_aliases.clear()
        self._counted.clear()
        self._renamed.clear()

    def end_transaction(self) -> None:
        """The transaction the changes were written in is over (committed or not). With
        nothing left to write, an index grown past ``cached`` speakers starts again empty."""
        if self.ids is not None:
            self.ids.end_transaction()
        pending = self._new_speakers or self._new_aliases or self._counted or self._renamed
        held = len(self.known) + (len(self._people) + len(self._by_key)) // 4
        if not pending and (held > self.cached or len(self._fetched) > 4 * self.cached):
            self.reset()

    def _rename(self, known: _Known) -> None:
        """The canonical name: the fullest, most frequent form (unless set by hand)."""
        if known.locked or known.kind != PERSON:
            return
        best = max(known.aliases.values(), key=lambda item: (_is_full_name(item[0]), item[1], len(item[0])))
        if best[0] != known.name:
            known.name = best[0]
            given = known.given
            known.given, known.surname, known.gender = _facts(best[0])
            self._renamed[known.id] = best[0]
            if known.given and known.given != given:
                self._index_given(known)

    def _index_given(self, known: _Known) -> None:
        """File a person whose given name changed under it, for each surname they are under."""
        for alias, _ in known.aliases.values():
            surname = parse_name(alias).surname
            if surname and known.id in self._people_of(variant_key(surname)):
                _add(self._givens.setdefault(variant_key(surname), {}), variant_key(known.given), known.id)

    def _people_of(self, surname: str, at_most: int | None = None) -> set[int]:
        """The people with a given name filed under a surname key; with ``at_most``, no more
        than that many (a common surname has hundreds)."""
        found: set[int] = set()
        for ids in self._givens.get(surname, {}).values():
            found.update(ids)
            if at_most is not None and len(found) >= at_most:
                break
        return found


def _lookups(speaker: Speaker) -> set[tuple[str, str]]:
    """Every value ``match`` may look a speaker up by, as (column of speaker_aliases, value)."""
    if speaker.kind == ANONYMOUS:
        return set()
    found = {("key", key) for key in map(fold, _forms(speaker)) if key}
    if speaker.kind == PERSON:
        given, surname, _ = _facts(speaker.name)
        if given and surname:
            found.add(("variant", name_key(speaker.name)))
        if surname:
            found.add(("surname", variant_key(surname)))
    return found


def _forms(speaker: Speaker) -> list[str]:
    """The forms of a speaker's name that may match a stored alias. A lone surname
    ("Brennan") is no evidence across articles: a person matches by full names only, or by
    the name the article gives when it gives no full one."""
    forms = [f for f in (speaker.name, *speaker.aliases) if speaker.kind != PERSON or _is_full(f)]
    if speaker.kind == PERSON and not _is_full(speaker.name):
        forms.insert(0, speaker.name)
    return forms


def _extend(index: dict, key, speaker_ids: list[int]) -> None:
    index[key] = tuple(dict.fromkeys((*index.get(key, ()), *speaker_ids)))


def _add(index: dict, key, speaker_id: int) -> None:
    ids = index.get(key, ())
    if speaker_id not in ids:
        index[key] = (*ids, speaker_id)


@lru_cache(maxsize=NAME_CACHE_SIZE)
def _is_full_name(form: str) -> bool:
    """A given name and a surname with no title: the form a canonical name prefers."""
    parsed = parse_name(form)
    return parsed.tokens >= 2 and not parsed.titles


def _gender_conflict(a: str | None, b: str | None) -> bool:
    return a is not None and b is not None and a != b


def _is_full(name: str) -> bool:
    parsed = parse_name(name)
    return bool(parsed.given and parsed.surname)

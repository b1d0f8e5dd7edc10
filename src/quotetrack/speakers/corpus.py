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
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import lru_cache

from rapidfuzz import fuzz, process
from sqlalchemy import Connection, bindparam, insert, select, update
from sqlalchemy.orm import Session

from ..article import ANONYMOUS, PERSON, Speaker
from ..store.bulk import BulkInsert, IdAllocator
from ..store.models import SpeakerAlias, SpeakerRow
from .names import NAME_CACHE_SIZE, fold, given_name_gender, name_key, parse_name, variant_key


# A given name this similar (rapidfuzz ratio on transliteration keys) is the same name
# written differently, when the surname is the same and long enough to be distinctive:
# oleksander/oleksandr 95, iulia/iulia 100; but daniel/daniela 92 is stopped by gender,
# and maria/mario (80), jon/jan (67) fall below.
GIVEN_NAME_SIMILARITY = 88
MIN_SURNAME_FOR_FUZZY = 5

_SPEAKERS = SpeakerRow.__table__
_ALIASES = SpeakerAlias.__table__
# Core statements built once, for the writer's many small writes.
_INSERT_SPEAKER = insert(_SPEAKERS)
_SPEAKER_COLUMNS = ("id", "name", "kind", "description", "name_locked", "ambiguous", "created_at")
_SPEAKER_ROWS = BulkInsert(_SPEAKERS, _SPEAKER_COLUMNS)
_ALIAS_COLUMNS = ("speaker_id", "alias", "key", "variant", "count", "manual")
_ALIAS_ROWS = BulkInsert(_ALIASES, _ALIAS_COLUMNS)
_COUNT_ALIAS = (update(_ALIASES)
                .where(_ALIASES.c.speaker_id == bindparam("b_speaker"), _ALIASES.c.key == bindparam("b_key"))
                .values(count=_ALIASES.c.count + bindparam("b_more")))
_RENAME_SPEAKER = update(_SPEAKERS).where(_SPEAKERS.c.id == bindparam("b_speaker")).values(name=bindparam("b_name"))


@dataclass(slots=True)
class _Known:
    id: int
    kind: str
    name: str
    locked: bool
    given: str | None
    surname: str | None
    gender: str | None
    aliases: dict[str, tuple[str, int]]  # key -> (alias as written, count)


def _facts(name: str) -> tuple[str | None, str | None, str | None]:
    parsed = parse_name(name)
    return parsed.given, parsed.surname, given_name_gender(parsed.given)


def now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


class SpeakerIndex:
    """The stored speakers, held in memory by one writer and kept in step with the database."""

    def __init__(self, ids: IdAllocator | None = None) -> None:
        # With ``ids``, new speakers are numbered by it and inserted with the other changes
        # in ``write_changes`` (see IdAllocator for when that is safe); without, each is
        # inserted at once and the database numbers it.
        self.ids = ids
        self._loaded = False
        self.known: dict[int, _Known] = {}
        # key -> the ids of the speakers it fits. Nearly every key fits one speaker, and
        # there is an entry per alias of every stored speaker: tuples, not sets, keep
        # this small (a set costs four times a one-id tuple).
        self._by_key: dict[tuple[str, str], tuple[int, ...]] = {}
        self._by_variant: dict[str, tuple[int, ...]] = {}
        self._by_surname: dict[str, tuple[int, ...]] = {}
        # surname key -> the given-name keys of the people under it -> their ids: a common
        # surname is carried by hundreds of stored people, and their distinct given names
        # are compared with a new one in one rapidfuzz call.
        self._givens: dict[str, dict[str, tuple[int, ...]]] = {}
        # Changes noted in memory and not yet written (see ``write_changes``).
        self._new_speakers: list[tuple] = []
        self._new_aliases: dict[tuple[int, str], dict] = {}
        self._counted: dict[tuple[int, str], int] = {}
        self._renamed: dict[int, str] = {}

    def reset(self) -> None:
        self.__init__(self.ids)

    def load(self, session: Session | Connection) -> None:
        if self._loaded:
            return
        rows = session.execute(select(SpeakerRow.id, SpeakerRow.kind, SpeakerRow.name, SpeakerRow.name_locked))
        for sid, kind, name, locked in rows:
            if kind == ANONYMOUS:
                continue
            given, surname, gender = _facts(name) if kind == PERSON else (None, None, None)
            self.known[sid] = _Known(sid, kind, name, bool(locked), given, surname, gender, {})
        for sid, alias, key, count in session.execute(
            select(SpeakerAlias.speaker_id, SpeakerAlias.alias, SpeakerAlias.key, SpeakerAlias.count)
        ):
            if sid in self.known:
                self.known[sid].aliases[key] = (alias, count)
                self._index(self.known[sid], alias)
        for known in self.known.values():
            self._index(known, known.name)
        self._loaded = True

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
            surname = variant_key(parsed.surname)
            _add(self._by_surname, surname, known.id)
            _add(self._givens.setdefault(surname, {}), variant_key(known.given), known.id)

    def match(self, speaker: Speaker) -> tuple[int | None, str]:
        """The stored speaker this one is, and why ('alias', 'variant', 'surname'), or
        (None, 'new')."""
        if speaker.kind == ANONYMOUS:
            return None, "new"
        # A lone surname ("Brennan") is no evidence across articles: only full forms match here.
        forms = [f for f in (speaker.name, *speaker.aliases) if speaker.kind != PERSON or _is_full(f)]
        if speaker.kind == PERSON and not _is_full(speaker.name):
            forms.insert(0, speaker.name)
        for form in forms:
            ids = self._by_key.get((speaker.kind, fold(form)), ())
            if len(ids) == 1:
                return next(iter(ids)), "alias"
        if speaker.kind != PERSON:
            return None, "new"
        given, surname, gender = _facts(speaker.name)
        if given and surname:
            ids = [i for i in self._by_variant.get(name_key(speaker.name), ())
                   if not _gender_conflict(self.known[i].gender, gender)]
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
                     if (known := self.known[i]).given and variant_key(known.given) == key
                     and not _gender_conflict(known.gender, gender)]
            if len(close) == 1:
                return close[0], "variant"
            return None, "new"
        if surname:
            ids = self._by_surname.get(variant_key(surname), ())
            if len(ids) == 1:
                return next(iter(ids)), "surname"
        return None, "new"

    def add_all(self, session: Session | Connection, speakers: Iterable[Speaker]) -> list[tuple[int, bool]]:
        """Store the speakers of one article, in order; returns (id, is_new) for each.

        Each speaker is matched against the ones before it, as if added one by one. New
        speakers are numbered at once (their ids are needed); the rows, aliases and names
        that change are only noted. Call ``write_new_speakers`` before anything refers to a new
        speaker, and ``write_changes`` before the transaction ends.
        """
        self.load(session)
        added = []
        for speaker in speakers:
            sid, _ = self.match(speaker)
            created = sid is None
            if created:
                sid = self._insert(session, speaker)
                given, surname, gender = _facts(speaker.name) if speaker.kind == PERSON else (None, None, None)
                self.known[sid] = _Known(sid, speaker.kind, speaker.name, False, given, surname, gender, {})
            known = self.known[sid]
            for form in (speaker.name, *speaker.aliases):
                self._note(known, form)
            self._rename(known)
            added.append((sid, created))
        for sid, _ in added:
            # An anonymous source never joins anyone (see ``match``): nothing to remember it for.
            if sid in self.known and self.known[sid].kind == ANONYMOUS:
                del self.known[sid]
        return added

    def _insert(self, session: Session | Connection, speaker: Speaker) -> int:
        row = (speaker.name, speaker.kind, speaker.description, False, speaker.ambiguous, now())
        if self.ids is None:
            return session.execute(_INSERT_SPEAKER, dict(zip(_SPEAKER_COLUMNS[1:], row))).inserted_primary_key[0]
        sid = self.ids.take(session if isinstance(session, Connection) else session.connection())
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
                "speaker_id": known.id, "alias": form, "key": key,
                "variant": name_key(form) if known.kind == PERSON else key, "count": 1, "manual": manual,
            }
            self._index(known, form)

    def write_new_speakers(self, session: Session | Connection) -> None:
        """Write the speakers added since the last call: rows that refer to a speaker need
        it stored first. Their aliases, counts and names can wait for ``write_changes``."""
        connection = session if isinstance(session, Connection) else session.connection()
        _SPEAKER_ROWS(connection, self._new_speakers)
        self._new_speakers.clear()

    def write_changes(self, session: Session | Connection) -> None:
        """Write the speakers, alias and name changes noted since the last call: once per
        batch of articles, since an alias seen again is a count to update."""
        connection = session if isinstance(session, Connection) else session.connection()
        self.write_new_speakers(connection)
        _ALIAS_ROWS(connection, [tuple(row[c] for c in _ALIAS_COLUMNS) for row in self._new_aliases.values()])
        if self._counted:
            session.execute(_COUNT_ALIAS, [{"b_speaker": sid, "b_key": key, "b_more": more}
                                           for (sid, key), more in self._counted.items()])
        if self._renamed:
            session.execute(_RENAME_SPEAKER, [{"b_speaker": sid, "b_name": name}
                                              for sid, name in self._renamed.items()])
        self._new_aliases.clear()
        self._counted.clear()
        self._renamed.clear()

    def end_transaction(self) -> None:
        """The transaction the changes were written in is over (committed or not)."""
        if self.ids is not None:
            self.ids.end_transaction()

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
            if surname and known.id in self._by_surname.get(variant_key(surname), ()):
                _add(self._givens.setdefault(variant_key(surname), {}), variant_key(known.given), known.id)


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

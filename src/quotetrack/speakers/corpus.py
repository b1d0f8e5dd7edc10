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

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timezone

from rapidfuzz import fuzz
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from ..article import ANONYMOUS, PERSON, Speaker
from ..store.models import SpeakerAlias, SpeakerRow
from .names import fold, given_name_gender, name_key, parse_name, variant_key


# A given name this similar (rapidfuzz ratio on transliteration keys) is the same name
# written differently, when the surname is the same and long enough to be distinctive:
# oleksander/oleksandr 95, iulia/iulia 100; but daniel/daniela 92 is stopped by gender,
# and maria/mario (80), jon/jan (67) fall below.
GIVEN_NAME_SIMILARITY = 88
MIN_SURNAME_FOR_FUZZY = 5


@dataclass
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

    def __init__(self) -> None:
        self._loaded = False
        self.known: dict[int, _Known] = {}
        self._by_key: dict[tuple[str, str], set[int]] = defaultdict(set)
        self._by_variant: dict[str, set[int]] = defaultdict(set)
        self._by_surname: dict[str, set[int]] = defaultdict(set)

    def reset(self) -> None:
        self.__init__()

    def load(self, session: Session) -> None:
        if self._loaded:
            return
        rows = session.execute(select(SpeakerRow.id, SpeakerRow.kind, SpeakerRow.name, SpeakerRow.name_locked))
        for sid, kind, name, locked in rows:
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
        self._by_key[(known.kind, fold(alias))].add(known.id)
        if known.kind != PERSON:
            return
        parsed = parse_name(alias)
        if parsed.given and parsed.surname:
            self._by_variant[name_key(alias)].add(known.id)
        if parsed.surname and known.given:
            self._by_surname[variant_key(parsed.surname)].add(known.id)

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
            ids = self._by_key.get((speaker.kind, fold(form)), set())
            if len(ids) == 1:
                return next(iter(ids)), "alias"
        if speaker.kind != PERSON:
            return None, "new"
        given, surname, gender = _facts(speaker.name)
        if given and surname:
            ids = [i for i in self._by_variant.get(name_key(speaker.name), set())
                   if not _gender_conflict(self.known[i].gender, gender)]
            if len(ids) == 1:
                return ids[0], "variant"
            if ids:
                return None, "new"
            # Oleksandr / Olexander, Yulia / Yuliya: the same surname and a given name that
            # differs by a letter or two, with no gender conflict.
            close = [i for i in self._by_surname.get(variant_key(surname), set())
                     if self.known[i].given and not _gender_conflict(self.known[i].gender, gender)
                     and fuzz.ratio(variant_key(self.known[i].given), variant_key(given)) >= GIVEN_NAME_SIMILARITY
                     and len(variant_key(surname)) >= MIN_SURNAME_FOR_FUZZY]
            if len(close) == 1:
                return close[0], "variant"
            return None, "new"
        if surname:
            ids = self._by_surname.get(variant_key(surname), set())
            if len(ids) == 1:
                return next(iter(ids)), "surname"
        return None, "new"

    def add(self, session: Session, speaker: Speaker) -> tuple[int, bool]:
        """Store the speaker (matched or new) with its forms; returns (id, is_new)."""
        self.load(session)
        sid, _ = self.match(speaker)
        created = sid is None
        if created:
            row = SpeakerRow(name=speaker.name, kind=speaker.kind, description=speaker.description,
                             name_locked=False, ambiguous=speaker.ambiguous, created_at=now())
            session.add(row)
            session.flush()
            sid = row.id
            given, surname, gender = _facts(speaker.name) if speaker.kind == PERSON else (None, None, None)
            self.known[sid] = _Known(sid, speaker.kind, speaker.name, False, given, surname, gender, {})
        known = self.known[sid]
        for form in (speaker.name, *speaker.aliases):
            self.note_alias(session, known, form)
        self._rename(session, known)
        return sid, created

    def note_alias(self, session: Session, known: _Known, form: str, manual: bool = False) -> None:
        key = fold(form)
        if not key:
            return
        if key in known.aliases:
            alias, count = known.aliases[key]
            known.aliases[key] = (alias, count + 1)
            session.execute(update(SpeakerAlias).where(SpeakerAlias.speaker_id == known.id, SpeakerAlias.key == key)
                            .values(count=SpeakerAlias.count + 1))
        else:
            known.aliases[key] = (form, 1)
            session.add(SpeakerAlias(speaker_id=known.id, alias=form, key=key, variant=name_key(form)
                                     if known.kind == PERSON else key, count=1, manual=manual))
            self._index(known, form)

    def _rename(self, session: Session, known: _Known) -> None:
        """The canonical name: the fullest, most frequent form (unless set by hand)."""
        if known.locked or known.kind != PERSON:
            return
        best = max(known.aliases.values(), key=lambda item: (parse_name(item[0]).tokens >= 2 and not
                                                           parse_name(item[0]).titles, item[1], len(item[0])))
        if best[0] != known.name:
            known.name = best[0]
            known.given, known.surname, known.gender = _facts(best[0])
            session.execute(update(SpeakerRow).where(SpeakerRow.id == known.id).values(name=best[0]))


def _gender_conflict(a: str | None, b: str | None) -> bool:
    return a is not None and b is not None and a != b


def _is_full(name: str) -> bool:
    parsed = parse_name(name)
    return bool(parsed.given and parsed.surname)

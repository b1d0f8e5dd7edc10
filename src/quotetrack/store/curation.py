"""Decisions users make about speakers by hand: merge, split, rename, add an alias, import
an alias list. Each is stored as manual aliases (which later ingests match first) and
logged in speaker_decisions, so a new article never undoes it."""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from ..article import PERSON, SPEAKER_KINDS
from ..speakers.corpus import now
from ..speakers.names import alias_keys, fold
from .models import ArticleRow, QuoteRow, SpeakerAlias, SpeakerDecision, SpeakerDescription, SpeakerRow


class CurationError(Exception):
    """A hand decision that cannot be carried out, with the reason."""


@dataclass(frozen=True)
class Profile:
    id: int
    name: str
    kind: str
    aliases: list[tuple[str, int, bool]]
    descriptions: list[tuple[str, str]]
    quotes: int
    articles: int
    first_seen: str | None
    last_seen: str | None
    outlets: list[str]


def profile(session: Session, speaker_id: int) -> Profile:
    row = session.get(SpeakerRow, speaker_id)
    aliases = session.execute(select(SpeakerAlias.alias, SpeakerAlias.count, SpeakerAlias.manual)
                              .where(SpeakerAlias.speaker_id == speaker_id)
                              .order_by(SpeakerAlias.count.desc(), SpeakerAlias.alias)).all()
    descriptions = session.execute(select(SpeakerDescription.description, ArticleRow.source)
                                   .join(ArticleRow, SpeakerDescription.article_id == ArticleRow.id)
                                   .where(SpeakerDescription.speaker_id == speaker_id)
                                   .order_by(ArticleRow.published, ArticleRow.id)).all()
    quotes, articles, first, last = session.execute(
        select(func.count(QuoteRow.id), func.count(func.distinct(QuoteRow.article_id)),
               func.min(ArticleRow.published), func.max(ArticleRow.published))
        .join(ArticleRow, QuoteRow.article_id == ArticleRow.id).where(QuoteRow.speaker_id == speaker_id)
    ).one()
    outlets = session.scalars(select(ArticleRow.outlet).join(QuoteRow, QuoteRow.article_id == ArticleRow.id)
                              .where(QuoteRow.speaker_id == speaker_id, ArticleRow.outlet.is_not(None))
                              .distinct().order_by(ArticleRow.outlet)).all()
    return Profile(row.id, row.name, row.kind, [tuple(a) for a in aliases], [tuple(d) for d in descriptions],
                   quotes, articles, first.isoformat() if first else None, last.isoformat() if last else None,
                   list(outlets))


def _log(session: Session, action: str, speaker_id: int | None, other_id: int | None = None, **detail) -> None:
    session.add(SpeakerDecision(action=action, speaker_id=speaker_id, other_id=other_id,
                                detail=json.dumps(detail, ensure_ascii=False), created_at=now()))


def _put_alias(session: Session, speaker: SpeakerRow, alias: str) -> None:
    """Give ``speaker`` the alias, taking it from any other speaker of the same kind."""
    key = fold(alias)
    if not key:
        raise CurationError("an alias cannot be empty")
    session.execute(delete(SpeakerAlias).where(SpeakerAlias.key == key, SpeakerAlias.speaker_id != speaker.id,
                                               SpeakerAlias.speaker_id.in_(select(SpeakerRow.id).where(
                                                   SpeakerRow.kind == speaker.kind))))
    existing = session.scalar(select(SpeakerAlias).where(SpeakerAlias.speaker_id == speaker.id, SpeakerAlias.key == key))
    if existing is not None:
        existing.manual = True
        return
    session.add(SpeakerAlias(speaker_id=speaker.id, alias=alias, **alias_keys(alias, speaker.kind == PERSON),
                             count=0, manual=True))


def merge(session: Session, keep_id: int, other_id: int) -> None:
    """Fold speaker ``other_id`` into ``keep_id``: its quotes, aliases and descriptions."""
    if keep_id == other_id:
        raise CurationError("both names are the same speaker")
    keep, other = session.get(SpeakerRow, keep_id), session.get(SpeakerRow, other_id)
    if keep.kind != other.kind:
        raise CurationError(f"{keep.name} is a {keep.kind} and {other.name} a {other.kind}; they cannot be merged")
    session.execute(update(QuoteRow).where(QuoteRow.speaker_id == other_id).values(speaker_id=keep_id))
    session.execute(update(SpeakerDescription).where(SpeakerDescription.speaker_id == other_id)
                    .values(speaker_id=keep_id))
    aliases = session.scalars(select(SpeakerAlias.alias).where(SpeakerAlias.speaker_id == other_id)).all()
    session.execute(delete(SpeakerAlias).where(SpeakerAlias.speaker_id == other_id))
    session.flush()
    for alias in {*aliases, other.name}:
        _put_alias(session, keep, alias)
    _log(session, "merge", keep_id, other_id, merged=other.name)
    session.delete(other)


def split(session: Session, speaker_id: int, aliases: list[str], articles: list[str], new_name: str | None) -> int:
    """Move the quotes written as ``aliases`` (or from ``articles``) to a new speaker; the
    aliases go with them, so later ingests send those forms to the new speaker."""
    source = session.get(SpeakerRow, speaker_id)
    keys = {fold(a) for a in aliases}
    quotes = session.execute(select(QuoteRow.id, QuoteRow.speaker_as_written, ArticleRow.source)
                             .join(ArticleRow, QuoteRow.article_id == ArticleRow.id)
                             .where(QuoteRow.speaker_id == speaker_id)).all()
    moving = [qid for qid, written, src in quotes
              if (written and fold(written) in keys) or src in articles or Path(src).name in articles]
    if not moving:
        raise CurationError(f"no quote of {source.name} is written as {', '.join(aliases) or '-'} "
                            f"or comes from {', '.join(articles) or '-'}")
    if len(moving) == len(quotes):
        raise CurationError(f"that would move every quote of {source.name}; use `speakers rename` instead")
    name = new_name or (aliases[0] if aliases else f"{source.name} (2)")
    created = SpeakerRow(name=name, kind=source.kind, description=None, name_locked=new_name is not None,
                         ambiguous=False, created_at=now())
    session.add(created)
    session.flush()
    session.execute(update(QuoteRow).where(QuoteRow.id.in_(moving)).values(speaker_id=created.id))
    for alias in {*aliases, name}:
        _put_alias(session, created, alias)
    _log(session, "split", speaker_id, created.id, aliases=aliases, articles=articles, quotes=len(moving))
    return created.id


def rename(session: Session, speaker_id: int, new_name: str) -> None:
    speaker = session.get(SpeakerRow, speaker_id)
    old = speaker.name
    speaker.name = new_name
    speaker.name_locked = True
    _put_alias(session, speaker, new_name)
    _log(session, "rename", speaker_id, old=old, new=new_name)


def add_alias(session: Session, speaker_id: int, alias: str) -> None:
    _put_alias(session, session.get(SpeakerRow, speaker_id), alias)
    _log(session, "alias", speaker_id, alias=alias)


def import_aliases(session: Session, path: Path, kind: str = PERSON) -> tuple[int, int, list[str]]:
    """Rows of ``canonical name, alias, alias, ...``. A canonical name not yet stored becomes
    a speaker, so later articles join it; a stored speaker named by one of the aliases is
    merged into it. Returns (speakers touched, aliases added, problems by line)."""
    if kind not in SPEAKER_KINDS:
        raise CurationError(f"unknown kind {kind!r}")
    touched = added = 0
    problems = []
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for number, row in enumerate(csv.reader(handle), 1):
            names = [cell.strip() for cell in row if cell.strip()]
            if not names or names[0].startswith("#"):
                continue
            canonical, aliases = names[0], names[1:]
            speaker = _by_name(session, canonical, kind)
            if speaker is None:
                speaker = SpeakerRow(name=canonical, kind=kind, name_locked=True, ambiguous=False, created_at=now())
                session.add(speaker)
                session.flush()
            for alias in aliases:
                other = _by_name(session, alias, kind)
                if other is not None and other.id != speaker.id:
                    try:
                        merge(session, speaker.id, other.id)
                    except CurationError as error:
                        problems.append(f"line {number}: {error}")
                        continue
                _put_alias(session, speaker, alias)
                added += 1
            _put_alias(session, speaker, canonical)
            touched += 1
    _log(session, "import", None, file=str(path), speakers=touched, aliases=added)
    return touched, added, problems


def _by_name(session: Session, name: str, kind: str) -> SpeakerRow | None:
    ids = session.scalars(select(SpeakerAlias.speaker_id).join(SpeakerRow)
                          .where(SpeakerAlias.key == fold(name), SpeakerRow.kind == kind).distinct()).all()
    return session.get(SpeakerRow, ids[0]) if len(ids) == 1 else None

"""Grouping quotes into statements as articles are stored, incrementally.

Each new quote looks up the stored statements that share a key with it (statements/keys.py),
at most ``CANDIDATES`` of them, and asks statements/matching.py whether it is one of them:

  - it joins the best statement that contains it (a partial quote, a trimmed copy);
  - statements it contains or equals are merged into one (two halves of a split quote,
    quoted separately until an article carries the whole);
  - otherwise it starts a new statement.

A quote too short or generic to stand alone ("we will see", "thank you very much") joins
only an identical quote by the same speaker; reported speech (kind indirect) joins no
statement, because its words are the writer's paraphrase and two outlets paraphrasing
alike say nothing about who said what. A statement's text is its longest occurrence.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import Engine, delete, func, insert, select, update
from sqlalchemy.orm import Session

from ..article import INDIRECT
from ..speakers.corpus import now
from ..statements.keys import lookup_keys, speaker_key
from ..statements.matching import is_distinctive, same_statement
from ..statements.wording import Wording, wording
from .models import ArticleRow, QuoteRow, StatementKey, StatementRow

# How many stored statements a new quote is compared with, those sharing the most keys
# first: copies of one statement share most of their keys, look-alikes a few.
CANDIDATES = 20
# How many distinct wordings of a statement a quote must agree with before two statements
# are merged through it; more would only slow the rare merge of a much-quoted statement.
MERGE_CHECK_WORDINGS = 200


@dataclass(frozen=True)
class QuoteWords:
    """What grouping needs of one quote."""

    text: str
    kind: str
    speaker_id: int | None


@dataclass
class _Candidate:
    id: int
    text: str
    words: int
    shared: int


class StatementGrouper:
    """Places the quotes of one article at a time into statements, inside the caller's
    transaction, so an article is stored with its statements or not at all."""

    def assign(self, session: Session, quotes: Sequence[QuoteWords]) -> list[int | None]:
        """The statement of each quote, in order (None for reported speech)."""
        placed: list[int | None] = []
        for quote in quotes:
            if quote.kind == INDIRECT:
                placed.append(None)
                continue
            words = wording(quote.text)
            if not words.words:
                placed.append(None)
                continue
            if is_distinctive(words):
                sid, merged = self._place(session, quote.text, words)
                placed = [sid if p in merged else p for p in placed]
            else:
                sid = self._place_short(session, quote.text, words, quote.speaker_id)
            placed.append(sid)
        return placed

    def recount(self, session: Session, statement_ids: Iterable[int | None]) -> None:
        """Bring the counts and dates of these statements up to date with their quotes."""
        for sid in {s for s in statement_ids if s is not None}:
            quotes, articles, first, last = session.execute(
                select(func.count(QuoteRow.id), func.count(func.distinct(QuoteRow.article_id)),
                       func.min(ArticleRow.published), func.max(ArticleRow.published))
                .join(ArticleRow, QuoteRow.article_id == ArticleRow.id).where(QuoteRow.statement_id == sid)
            ).one()
            session.execute(update(StatementRow).where(StatementRow.id == sid)
                            .values(quotes=quotes, articles=articles, first_seen=first, last_seen=last))

    def _place_short(self, session: Session, text: str, words: Wording, speaker_id: int | None) -> int:
        key = speaker_key(words, speaker_id) if speaker_id is not None else None
        if key is not None:
            found = session.scalar(select(StatementKey.statement_id).where(StatementKey.key == key).limit(1))
            if found is not None:
                return found
        sid = self._create(session, text, words, distinctive=False)
        if key is not None:
            session.execute(insert(StatementKey), [{"key": key, "statement_id": sid}])
        return sid

    def _place(self, session: Session, text: str, words: Wording) -> tuple[int, set[int]]:
        """The statement for a distinctive quote, and the statements merged away on the way."""
        keys = lookup_keys(words)
        matches = [c for c in self._candidates(session, keys) if same_statement(words, wording(c.text))]
        if not matches:
            sid = self._create(session, text, words, distinctive=True)
            self._add_keys(session, sid, keys)
            return sid, set()
        contained = [c for c in matches if c.words <= len(words.words)]
        containers = [c for c in matches if c.words > len(words.words)]
        group = contained + containers[:1]
        if len(group) > 1:
            # Merging puts every quote of a statement into another, so the new quote must
            # agree with each of their wordings, not only the longest: a piece shared by a
            # quote and its look-alike may have been taken into the wrong one of the two.
            best = group[0]
            group = [best] + [c for c in group[1:] if self._agrees_with_all(session, c.id, words)]
        target = min(group, key=lambda c: c.id)
        merged = {c.id for c in group if c.id != target.id}
        for other in merged:
            self._merge(session, target.id, other)
        longest = max(group, key=lambda c: c.words)
        if len(words.words) > longest.words:
            session.execute(update(StatementRow).where(StatementRow.id == target.id)
                            .values(text=text, words=len(words.words)))
        elif longest.id != target.id:
            session.execute(update(StatementRow).where(StatementRow.id == target.id)
                            .values(text=longest.text, words=longest.words))
        self._add_keys(session, target.id, keys)
        return target.id, merged

    def _agrees_with_all(self, session: Session, sid: int, words: Wording) -> bool:
        texts = session.scalars(select(QuoteRow.text).where(QuoteRow.statement_id == sid).distinct()
                                .limit(MERGE_CHECK_WORDINGS))
        return all(same_statement(words, wording(text)) for text in texts)

    def _candidates(self, session: Session, keys: set[int]) -> list[_Candidate]:
        shared = func.count().label("shared")
        ranked = (
            select(StatementKey.statement_id, shared).where(StatementKey.key.in_(keys))
            .group_by(StatementKey.statement_id).order_by(shared.desc(), StatementKey.statement_id)
            .limit(CANDIDATES).subquery()
        )
        rows = session.execute(
            select(StatementRow.id, StatementRow.text, StatementRow.words, ranked.c.shared)
            .join(ranked, ranked.c.statement_id == StatementRow.id)
            .order_by(ranked.c.shared.desc(), StatementRow.id)
        )
        return [_Candidate(*row) for row in rows]

    def _create(self, session: Session, text: str, words: Wording, distinctive: bool) -> int:
        return session.scalar(insert(StatementRow).returning(StatementRow.id).values(
            text=text, words=len(words.words), distinctive=distinctive, quotes=0, articles=0, created_at=now()))

    def _add_keys(self, session: Session, sid: int, keys: set[int]) -> None:
        stored = set(session.scalars(select(StatementKey.key).where(StatementKey.statement_id == sid,
                                                                    StatementKey.key.in_(keys))))
        missing = keys - stored
        if missing:
            session.execute(insert(StatementKey), [{"key": key, "statement_id": sid} for key in missing])

    def _merge(self, session: Session, target: int, other: int) -> None:
        """Fold statement ``other`` into ``target``: its quotes and its keys."""
        session.execute(update(QuoteRow).where(QuoteRow.statement_id == other).values(statement_id=target))
        self._add_keys(session, target, set(session.scalars(select(StatementKey.key)
                                                            .where(StatementKey.statement_id == other))))
        session.execute(delete(StatementKey).where(StatementKey.statement_id == other))
        session.execute(delete(StatementRow).where(StatementRow.id == other))


def group_ungrouped(engine: Engine, grouper: StatementGrouper) -> int:
    """Give a statement to the quotes stored before statements existed (schema 0003), one
    article per transaction, oldest first; returns how many articles it grouped."""
    pending = select(QuoteRow.article_id).where(QuoteRow.statement_id.is_(None), QuoteRow.kind != INDIRECT)
    done, last = 0, 0
    while True:
        with Session(engine) as session, session.begin():
            # Past the last article done: a quote with no words at all ("…") keeps no statement.
            article_id = session.scalar(pending.where(QuoteRow.article_id > last)
                                        .order_by(QuoteRow.article_id).limit(1))
            if article_id is None:
                return done
            rows = session.execute(select(QuoteRow.id, QuoteRow.text, QuoteRow.kind, QuoteRow.speaker_id)
                                   .where(QuoteRow.article_id == article_id).order_by(QuoteRow.start)).all()
            placed = grouper.assign(session, [QuoteWords(text, kind, speaker) for _, text, kind, speaker in rows])
            for (quote_id, *_), sid in zip(rows, placed):
                session.execute(update(QuoteRow).where(QuoteRow.id == quote_id).values(statement_id=sid))
            grouper.recount(session, placed)
            last = article_id
            done += 1

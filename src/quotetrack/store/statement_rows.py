"""The database work of grouping, a few statements per article whatever its number of quotes:
one read for every key of the article, one for the candidate statements, and one write
each for new statements, new keys and changed statements.

Every statement is built once as Core SQL, so SQLAlchemy finds it compiled in its cache;
grouping runs inside the writer's transaction on its connection.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache

from sqlalchemy import Connection, Date, and_, bindparam, case, delete, func, insert, or_, select, union_all, update
from sqlalchemy.dialects import postgresql, sqlite

from ..speakers.corpus import now
from .models import ArticleRow, QuoteRow, StatementKey, StatementRow

_KEYS = StatementKey.__table__
_STATEMENTS = StatementRow.__table__
_QUOTES = QuoteRow.__table__
_ARTICLES = ArticleRow.__table__

# The statements under each key, and which of those carry the marks of the article's
# speakers (keys.speaker_mark), in one round trip.
_POSTINGS = union_all(
    select(_KEYS.c.key, _KEYS.c.statement_id).where(_KEYS.c.key.in_(bindparam("keys", expanding=True))),
    select(_KEYS.c.key, _KEYS.c.statement_id).where(
        _KEYS.c.key.in_(bindparam("marks", expanding=True)),
        _KEYS.c.statement_id.in_(select(_KEYS.c.statement_id)
                                 .where(_KEYS.c.key.in_(bindparam("looked_up", expanding=True))))),
)
_STATEMENT_ROWS = select(_STATEMENTS.c.id, _STATEMENTS.c.text, _STATEMENTS.c.distinctive).where(
    _STATEMENTS.c.id.in_(bindparam("ids", expanding=True)))
_INSERT_STATEMENT = insert(_STATEMENTS).returning(_STATEMENTS.c.id, sort_by_parameter_order=True)
_WORDINGS = select(_QUOTES.c.text).where(_QUOTES.c.statement_id == bindparam("sid")).distinct()
_KEYS_OF = select(_KEYS.c.key).where(_KEYS.c.statement_id == bindparam("sid"))
_MOVE_QUOTES = update(_QUOTES).where(_QUOTES.c.statement_id == bindparam("other")).values(
    statement_id=bindparam("target"))
_DROP_KEYS = delete(_KEYS).where(_KEYS.c.statement_id == bindparam("other"))
_DROP_STATEMENT = delete(_STATEMENTS).where(_STATEMENTS.c.id == bindparam("other"))
_RECOUNT = update(_STATEMENTS).where(_STATEMENTS.c.id == bindparam("sid")).values(
    quotes=select(func.count(_QUOTES.c.id)).where(_QUOTES.c.statement_id == bindparam("sid")).scalar_subquery(),
    articles=select(func.count(func.distinct(_QUOTES.c.article_id)))
    .where(_QUOTES.c.statement_id == bindparam("sid")).scalar_subquery(),
    first_seen=select(func.min(_ARTICLES.c.published)).join(_QUOTES, _QUOTES.c.article_id == _ARTICLES.c.id)
    .where(_QUOTES.c.statement_id == bindparam("sid")).scalar_subquery(),
    last_seen=select(func.max(_ARTICLES.c.published)).join(_QUOTES, _QUOTES.c.article_id == _ARTICLES.c.id)
    .where(_QUOTES.c.statement_id == bindparam("sid")).scalar_subquery(),
)
_PUBLISHED = bindparam("published", type_=Date)
_GROW = update(_STATEMENTS).where(_STATEMENTS.c.id == bindparam("sid")).values(
    text=bindparam("new_text"), words=bindparam("new_words"), distinctive=bindparam("new_distinctive"),
    quotes=_STATEMENTS.c.quotes + bindparam("added_quotes"), articles=_STATEMENTS.c.articles + 1,
    first_seen=case((and_(_PUBLISHED.is_not(None), or_(_STATEMENTS.c.first_seen.is_(None),
                                                        _STATEMENTS.c.first_seen > _PUBLISHED)), _PUBLISHED),
                    else_=_STATEMENTS.c.first_seen),
    last_seen=case((and_(_PUBLISHED.is_not(None), or_(_STATEMENTS.c.last_seen.is_(None),
                                                       _STATEMENTS.c.last_seen < _PUBLISHED)), _PUBLISHED),
                   else_=_STATEMENTS.c.last_seen),
)


@dataclass(frozen=True)
class StoredStatement:
    id: int
    text: str
    distinctive: bool


@dataclass(frozen=True)
class NewStatement:
    text: str
    words: int
    distinctive: bool
    quotes: int


@dataclass(frozen=True)
class GrownStatement:
    """What one article adds to a stored statement."""

    id: int
    text: str
    words: int
    distinctive: bool
    quotes: int


def postings(connection: Connection, keys: Iterable[int], marks: Iterable[int]) -> list[tuple[int, int]]:
    """(key, statement id) for every stored statement under one of ``keys``, and for each
    mark of ``marks`` carried by one of those statements."""
    keys, marks = list(keys), list(marks)
    if not keys:
        return []
    return [tuple(row) for row in connection.execute(_POSTINGS, {"keys": keys, "marks": marks, "looked_up": keys})]


def statements(connection: Connection, ids: Iterable[int]) -> list[StoredStatement]:
    ids = list(ids)
    if not ids:
        return []
    return [StoredStatement(*row) for row in connection.execute(_STATEMENT_ROWS, {"ids": ids})]


def wordings(connection: Connection, statement_id: int, limit: int) -> list[str]:
    return list(connection.scalars(_WORDINGS.limit(limit), {"sid": statement_id}))


def insert_statements(connection: Connection, new: list[NewStatement], published: date | None) -> list[int]:
    """The ids of the new statements, in the order given."""
    if not new:
        return []
    created = now()
    rows = [{"text": s.text, "words": s.words, "distinctive": s.distinctive, "quotes": s.quotes, "articles": 1,
             "first_seen": published, "last_seen": published, "created_at": created} for s in new]
    return list(connection.scalars(_INSERT_STATEMENT, rows))


def insert_keys(connection: Connection, pairs: Iterable[tuple[int, int]]) -> None:
    """Store (key, statement id) pairs; a pair stored already is left as it is."""
    rows = [{"key": key, "statement_id": sid} for key, sid in pairs]
    if rows:
        connection.execute(_insert_ignoring_duplicates(connection.dialect.name), rows)


def grow(connection: Connection, grown: list[GrownStatement], published: date | None) -> None:
    if grown:
        connection.execute(_GROW, [{"sid": g.id, "new_text": g.text, "new_words": g.words,
                                    "new_distinctive": g.distinctive, "added_quotes": g.quotes,
                                    "published": published} for g in grown])


def merge(connection: Connection, target: int, other: int) -> set[int]:
    """Fold statement ``other`` into ``target`` (its quotes and keys); returns its keys."""
    keys = set(connection.scalars(_KEYS_OF, {"sid": other}))
    connection.execute(_MOVE_QUOTES, {"other": other, "target": target})
    connection.execute(_DROP_KEYS, {"other": other})
    insert_keys(connection, ((key, target) for key in keys))
    connection.execute(_DROP_STATEMENT, {"other": other})
    return keys


def recount(connection: Connection, statement_id: int) -> None:
    """Counts and dates of a statement from its stored quotes (after a merge)."""
    connection.execute(_RECOUNT, {"sid": statement_id})


@cache
def _insert_ignoring_duplicates(dialect: str):
    if dialect == "sqlite":
        return sqlite.insert(_KEYS).on_conflict_do_nothing()
    if dialect == "postgresql":
        return postgresql.insert(_KEYS).on_conflict_do_nothing()
    raise NotImplementedError(f"statement keys on {dialect}: quotetrack supports SQLite and PostgreSQL")

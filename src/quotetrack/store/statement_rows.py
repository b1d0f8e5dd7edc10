"""The database work of grouping, batched per article: one read for every key of the
article, one for the candidate statements, one write for new keys and one for the counts
of the statements it joins, and an insert for each new statement (which returns its id).

Grouping runs inside the writer's transaction on its connection. The statements run on
every article are plain SQL on the connection's driver cursor: building and expanding an
SQLAlchemy ``IN`` of sixty keys, and SQLAlchemy's handling of the result, cost more than
the lookup itself. Their SQL is the part SQLite and PostgreSQL share (``ON CONFLICT DO
NOTHING``, ``RETURNING``), and dates and booleans go through the column types' own
converters. The rare statements (merging two statements) are built with SQLAlchemy Core.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache

from sqlalchemy import Connection, bindparam, delete, func, select, update
from sqlalchemy.engine import Dialect

from ..speakers.corpus import now
from .bulk import driver_query, driver_sql
from .models import ArticleRow, QuoteRow, StatementKey, StatementRow

_KEYS = StatementKey.__table__
_STATEMENTS = StatementRow.__table__
_QUOTES = QuoteRow.__table__
_ARTICLES = ArticleRow.__table__

_POSTINGS = "SELECT key, statement_id FROM statement_keys WHERE key IN ({})"
_MARKED = "SELECT statement_id FROM statement_keys WHERE key = ? AND statement_id IN ({})"
_STATEMENT_ROWS = "SELECT id, text, words, distinctive FROM statements WHERE id IN ({})"
_INSERT_STATEMENT = (
    "INSERT INTO statements (text, words, distinctive, quotes, articles, first_seen, last_seen, created_at) "
    "VALUES (?, ?, ?, ?, 1, ?, ?, ?) RETURNING id"
)
_INSERT_KEY = "INSERT INTO statement_keys (key, statement_id) VALUES (?, ?) ON CONFLICT DO NOTHING"
# A date of None leaves first_seen and last_seen as they are: "x > NULL" is never true.
_GROW = (
    "UPDATE statements SET text = ?, words = ?, distinctive = ?, quotes = quotes + ?, articles = articles + 1, "
    "first_seen = CASE WHEN first_seen IS NULL OR first_seen > ? THEN COALESCE(?, first_seen) ELSE first_seen END, "
    "last_seen = CASE WHEN last_seen IS NULL OR last_seen < ? THEN COALESCE(?, last_seen) ELSE last_seen END "
    "WHERE id = ?"
)

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


@dataclass(frozen=True)
class StoredStatement:
    id: int
    text: str
    words: int
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


def postings(connection: Connection, keys: Iterable[int]) -> list[tuple[int, int]]:
    """(key, statement id) for every stored statement under one of ``keys``."""
    keys = tuple(keys)
    if not keys:
        return []
    return driver_query(connection, _POSTINGS, keys).fetchall()


def statements(connection: Connection, ids: Iterable[int]) -> list[StoredStatement]:
    ids = tuple(ids)
    if not ids:
        return []
    found = driver_query(connection, _STATEMENT_ROWS, ids).fetchall()
    return [StoredStatement(sid, text, words, bool(distinctive)) for sid, text, words, distinctive in found]


def insert_statements(connection: Connection, new: list[NewStatement], published: date | None) -> list[int]:
    """The ids of the new statements, in the order given."""
    if not new:
        return []
    convert = _converters(connection.dialect)
    sql = driver_sql(connection.dialect, _INSERT_STATEMENT)
    day, created = convert.date(published), convert.timestamp(now())
    cursor = connection.connection.cursor()
    ids = []
    for s in new:
        cursor.execute(sql, (s.text, s.words, convert.boolean(s.distinctive), s.quotes, day, day, created))
        ids.append(cursor.fetchone()[0])
    return ids


def insert_keys(connection: Connection, pairs: Iterable[tuple[int, int]]) -> None:
    """Store (key, statement id) pairs; a pair stored already is left as it is."""
    rows = list(pairs)
    if rows:
        connection.connection.cursor().executemany(driver_sql(connection.dialect, _INSERT_KEY), rows)


def grow(connection: Connection, grown: list[GrownStatement], published: date | None) -> None:
    if not grown:
        return
    convert = _converters(connection.dialect)
    day = convert.date(published)
    connection.connection.cursor().executemany(driver_sql(connection.dialect, _GROW), [
        (g.text, g.words, convert.boolean(g.distinctive), g.quotes, day, day, day, day, g.id) for g in grown
    ])


def marked(connection: Connection, mark: int, ids: list[int]) -> list[int]:
    """Which of these statements carry ``mark``."""
    if not ids:
        return []
    return [sid for (sid,) in driver_query(connection, _MARKED, mark, ids)]


def wordings(connection: Connection, statement_id: int, limit: int) -> list[str]:
    return list(connection.scalars(_WORDINGS.limit(limit), {"sid": statement_id}))


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


@dataclass(frozen=True)
class _Converters:
    date: Callable[[date | None], object]
    timestamp: Callable[[object], object]
    boolean: Callable[[bool], object]


@cache
def _converters(dialect: Dialect) -> _Converters:
    """The column types' own conversions for this driver (SQLite keeps dates as text)."""

    def converter(column) -> Callable:
        process = column.type.dialect_impl(dialect).bind_processor(dialect)
        return process or (lambda value: value)

    return _Converters(converter(_STATEMENTS.c.first_seen), converter(_STATEMENTS.c.created_at),
                       converter(_STATEMENTS.c.distinctive))

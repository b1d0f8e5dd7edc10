"""Read-only questions the CLI asks of the database."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from datetime import date

from rapidfuzz import fuzz, process
from sqlalchemy import Connection, func, literal_column, or_, select, text
from sqlalchemy.orm import Session

from ..speakers.names import fold, name_key, parse_name, variant_key
from .bulk import driver_query
from .models import ArticleRow, QuoteRow, SpeakerAlias, SpeakerRow, StatementRow

FUZZY_CUTOFF = 85
# Letters and digits: the unit both full-text indexes split text into.
_WORDS = re.compile(r"[^\W_]+")
# The text search configuration of the PostgreSQL index (db/versions, search migration);
# a query must name the same one, as a literal, for the index to serve it.
_SIMPLE = literal_column("'simple'")


@dataclass(frozen=True)
class SpeakerMatch:
    id: int
    name: str
    kind: str
    how: str  # exact, alias, variant, surname, fuzzy


@dataclass(frozen=True)
class QuoteView:
    quote_id: int
    speaker: str | None
    speaker_as_written: str | None
    quote: str
    kind: str
    cue: str | None
    article: str
    title: str | None
    published: date | None
    outlet: str | None
    start: int
    end: int
    rule: str | None
    confidence: float
    # The statement these words belong to (None for reported speech), and how many times
    # that statement has been quoted across all stored articles.
    statement_id: int | None
    occurrences: int

    def as_dict(self) -> dict:
        row = asdict(self)
        row["published"] = self.published.isoformat() if self.published else None
        return row


QUOTE_COLUMNS = tuple(QuoteView.__dataclass_fields__)


def find_speakers(session: Session, query: str) -> list[SpeakerMatch]:
    """Stored speakers a name typed by a user can mean, best evidence first.

    Tried in order, stopping at the first that finds anyone: the name or an alias
    (case and accents folded), the same name after transliteration folding, a surname,
    and a small spelling difference.
    """
    key = fold(query)
    if not key:
        return []
    rows = session.execute(
        select(SpeakerRow.id, SpeakerRow.name, SpeakerRow.kind).join(SpeakerAlias)
        .where(SpeakerAlias.key == key).distinct()
    ).all()
    if rows:
        return [SpeakerMatch(i, n, k, "exact" if fold(n) == key else "alias") for i, n, k in rows]
    parsed = parse_name(query)
    if parsed.given and parsed.surname:
        condition = SpeakerAlias.variant == name_key(query)
        how = "variant"
    else:
        surname = variant_key(parsed.surname or parsed.given or query)
        # Both columns are indexed: a person by any alias's surname, anyone by a one-word alias.
        condition = or_(SpeakerAlias.surname == surname, SpeakerAlias.variant == surname)
        how = "surname"
    rows = session.execute(
        select(SpeakerRow.id, SpeakerRow.name, SpeakerRow.kind).join(SpeakerAlias).where(condition).distinct()
    ).all()
    if rows:
        return [SpeakerMatch(i, n, k, how) for i, n, k in rows]
    return [SpeakerMatch(i, n, k, "fuzzy") for i, n, k, _ in _fuzzy(session, key, FUZZY_CUTOFF)]


def suggest(session: Session, query: str, limit: int = 3) -> list[str]:
    """The closest stored names, for a query that matched nobody."""
    return list(dict.fromkeys(name for _, name, _, _ in _fuzzy(session, fold(query), 60)))[:limit]


# At most this many speakers come back from a fuzzy match, the closest first.
FUZZY_SPEAKERS = 20


def _fuzzy(session: Session, key: str, cutoff: int) -> list[tuple[int, str, str, float]]:
    """(id, name, kind, score) of the speakers whose aliases come closest to ``key``: the
    whole name, or a one-word query against an alias's last word. Only the distinct alias
    keys are read and scored (in rapidfuzz's C scorers); then the speakers of the closest."""
    keys = [k for (k,) in driver_query(session.connection(), "SELECT DISTINCT key FROM speaker_aliases")]
    score: dict[str, float] = {}
    for scorer in (fuzz.ratio, fuzz.token_sort_ratio):
        for found, value, _ in process.extract(key, keys, scorer=scorer, score_cutoff=cutoff, limit=None):
            score[found] = max(score.get(found, 0.0), value)
    if " " not in key:
        by_last: dict[str, list[str]] = {}
        for k in keys:
            if " " in k:
                by_last.setdefault(k.rsplit(" ", 1)[-1], []).append(k)
        for last, value, _ in process.extract(key, list(by_last), scorer=fuzz.ratio, score_cutoff=cutoff, limit=None):
            for found in by_last[last]:
                score[found] = max(score.get(found, 0.0), value)
    closest = sorted(score, key=lambda k: (-score[k], k))[:FUZZY_SPEAKERS]
    best: dict[int, tuple[int, str, str, float]] = {}
    if closest:
        rows = session.execute(select(SpeakerAlias.key, SpeakerRow.id, SpeakerRow.name, SpeakerRow.kind)
                               .join(SpeakerRow).where(SpeakerAlias.key.in_(closest)))
        for row in rows:
            if row.id not in best or best[row.id][3] < score[row.key]:
                best[row.id] = (row.id, row.name, row.kind, score[row.key])
    return sorted(best.values(), key=lambda item: (-item[3], item[1]))[:FUZZY_SPEAKERS]


def _quote_select():
    return (
        select(
            QuoteRow.id, SpeakerRow.name, QuoteRow.speaker_as_written, QuoteRow.text, QuoteRow.kind, QuoteRow.cue,
            ArticleRow.source, ArticleRow.title, ArticleRow.published, ArticleRow.outlet, QuoteRow.start,
            QuoteRow.end, QuoteRow.rule, QuoteRow.confidence, QuoteRow.statement_id,
            func.coalesce(StatementRow.quotes, 1),
        )
        .join(ArticleRow, QuoteRow.article_id == ArticleRow.id)
        .outerjoin(SpeakerRow, QuoteRow.speaker_id == SpeakerRow.id)
        .outerjoin(StatementRow, QuoteRow.statement_id == StatementRow.id)
    )


def quotes(
    session: Session,
    speaker_ids: list[int] | None = None,
    since: date | None = None,
    until: date | None = None,
    contains: str | None = None,
    kinds: list[str] | None = None,
    newest_first: bool = True,
    limit: int | None = None,
    stream: bool = False,
) -> Iterator[QuoteView]:
    """Quotes, filtered, newest article first (undated articles last); at most ``limit``.

    ``contains`` is a phrase search (see ``phrase_condition``). With ``stream`` the rows
    come from the database a thousand at a time (a server-side cursor on PostgreSQL), for
    an export of millions; without, in one go, which PostgreSQL plans for the whole result
    rather than its first rows, and which a caller that keeps every row pays nothing for."""
    if (speaker_ids is not None and newest_first and limit is None and not stream
            and session.get_bind().dialect.name == "postgresql"):
        yield from _speakers_quotes(session, speaker_ids, since, until, contains, kinds)
        return
    statement = _quote_select()
    if speaker_ids is not None:
        statement = statement.where(QuoteRow.speaker_id.in_(speaker_ids))
    if since:
        statement = statement.where(ArticleRow.published >= since)
    if until:
        statement = statement.where(ArticleRow.published <= until)
    if contains:
        statement = statement.where(phrase_condition(session, contains))
    if kinds:
        statement = statement.where(QuoteRow.kind.in_(kinds))
    if newest_first:
        statement = statement.order_by(ArticleRow.published.desc().nulls_last(), ArticleRow.id.desc(), QuoteRow.start)
    else:
        statement = statement.order_by(QuoteRow.id)
    if limit is not None:
        statement = statement.limit(limit)
    for row in session.execute(statement.execution_options(yield_per=1000) if stream else statement):
        yield QuoteView(*row)


def _speakers_quotes(session: Session, speaker_ids: list[int], since: date | None, until: date | None,
                     contains: str | None, kinds: list[str] | None) -> Iterator[QuoteView]:
    """Every quote of these speakers, as ``quotes`` orders them, read through the indexes
    alone: their quotes by speaker, then those quotes' articles and statements by id, put
    together here. In one query with the joins, PostgreSQL hashes the whole articles,
    speakers and statements tables for a person quoted a thousand times (50 ms at a million
    quotes), where a few thousand index lookups take a few. SQLite, which looks each row up
    through the index anyway, answers the joined query faster than this."""
    statement = select(
        QuoteRow.id, QuoteRow.speaker_id, QuoteRow.speaker_as_written, QuoteRow.text, QuoteRow.kind, QuoteRow.cue,
        QuoteRow.article_id, QuoteRow.start, QuoteRow.end, QuoteRow.rule, QuoteRow.confidence, QuoteRow.statement_id,
    ).where(QuoteRow.speaker_id.in_(speaker_ids))
    if contains:
        statement = statement.where(phrase_condition(session, contains))
    if kinds:
        statement = statement.where(QuoteRow.kind.in_(kinds))
    found = session.execute(statement).all()
    connection = session.connection()
    names = _by_id(connection, "speakers", "name", {row.speaker_id for row in found})
    articles = {
        # SQLite's driver gives a date as the text stored
        article: (source, title, date.fromisoformat(published) if isinstance(published, str) else published, outlet)
        for article, (source, title, published, outlet) in _by_id(
            connection, "articles", "source, title, published, outlet", {row.article_id for row in found}).items()
    }
    counts = _by_id(connection, "statements", "quotes",
                    {row.statement_id for row in found if row.statement_id is not None})
    rows = []
    for row in found:
        source, title, published, outlet = articles[row.article_id]
        if (since and (published is None or published < since)) or (until and (published is None or published > until)):
            continue
        order = (published is None, -published.toordinal() if published else 0, -row.article_id, row.start)
        statement_quotes = counts[row.statement_id][0] if row.statement_id is not None else None
        rows.append((order, QuoteView(
            row.id, names[row.speaker_id][0], row.speaker_as_written, row.text, row.kind, row.cue, source, title,
            published, outlet, row.start, row.end, row.rule, row.confidence, row.statement_id,
            1 if statement_quotes is None else statement_quotes,
        )))
    rows.sort(key=lambda item: item[0])
    for _, view in rows:
        yield view


# Ids asked for at once: well under the bound parameters SQLite takes in one statement.
_IDS_PER_QUERY = 5000


def _by_id(connection: Connection, table: str, columns: str, ids: set[int]) -> dict[int, tuple]:
    """``columns`` of the rows of ``table`` with these ids, on the driver's own cursor, in a
    few queries however many ids there are."""
    wanted = list(ids)
    sql = f"SELECT id, {columns} FROM {table} WHERE id IN ({{}})"
    return {row[0]: row[1:] for at in range(0, len(wanted), _IDS_PER_QUERY)
            for row in driver_query(connection, sql, wanted[at:at + _IDS_PER_QUERY])}


def phrase_words(phrase: str) -> list[str]:
    """The words of a phrase as the full-text indexes see them: letters and digits."""
    return _WORDS.findall(phrase)


def phrase_condition(session: Session, phrase: str):
    """Quotes that contain the words of ``phrase`` in this order, as whole words, in any
    case; punctuation between them does not matter ("civil war" finds "civil-war").

    Answered from the full-text index (SQLite FTS5, PostgreSQL GIN), so it stays fast at
    millions of quotes. A phrase with no letters or digits, or a database without the
    index, falls back to a plain case-insensitive substring match.
    """
    words = phrase_words(phrase)
    dialect = session.get_bind().dialect.name
    if words and dialect == "postgresql":
        return func.to_tsvector(_SIMPLE, QuoteRow.text).bool_op("@@")(func.phraseto_tsquery(_SIMPLE, " ".join(words)))
    if words and dialect == "sqlite" and _has_sqlite_index(session):
        matches = select(literal_column("rowid")).select_from(text("quotes_fts")).where(
            literal_column("quotes_fts").op("MATCH")('"' + " ".join(words) + '"'))
        return QuoteRow.id.in_(matches)
    return func.lower(QuoteRow.text).contains(phrase.lower(), autoescape=True)


def _has_sqlite_index(session: Session) -> bool:
    return session.execute(
        text("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'quotes_fts'")
    ).first() is not None


def speaker_summaries(session: Session, search: str | None = None) -> list[dict]:
    """Every speaker with quote and article counts and aliases, most quoted first."""
    counts = (
        select(QuoteRow.speaker_id, func.count(QuoteRow.id).label("quotes"),
               func.count(func.distinct(QuoteRow.article_id)).label("articles"))
        .group_by(QuoteRow.speaker_id).subquery()
    )
    statement = (
        select(SpeakerRow.id, SpeakerRow.name, SpeakerRow.kind, func.coalesce(counts.c.quotes, 0),
               func.coalesce(counts.c.articles, 0))
        .outerjoin(counts, counts.c.speaker_id == SpeakerRow.id)
        .order_by(func.coalesce(counts.c.quotes, 0).desc(), SpeakerRow.name)
    )
    if search:
        ids = [m.id for m in find_speakers(session, search)]
        statement = statement.where(SpeakerRow.id.in_(ids))
    rows = session.execute(statement).all()
    aliases: dict[int, list[str]] = {}
    ids = [row[0] for row in rows]
    for sid, alias in session.execute(select(SpeakerAlias.speaker_id, SpeakerAlias.alias)
                                      .where(SpeakerAlias.speaker_id.in_(ids)).order_by(SpeakerAlias.id)):
        aliases.setdefault(sid, []).append(alias)
    return [
        {"id": sid, "speaker": name, "kind": kind, "quotes": q, "articles": a,
         "aliases": "; ".join(x for x in aliases.get(sid, []) if x != name)}
        for sid, name, kind, q, a in rows
    ]

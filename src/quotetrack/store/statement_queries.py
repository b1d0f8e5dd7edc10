"""Read-only questions about statements: each statement once, the most repeated ones, and
the ones put in different mouths."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from .models import ArticleRow, QuoteRow, SpeakerRow, StatementRow
from .queries import QuoteView


@dataclass(frozen=True)
class StatementView:
    """One statement as a list of quotes shows it: the longest of its quotes in that list,
    when it was first and last seen, and in how many articles."""

    statement_id: int | None
    first_seen: date | None
    last_seen: date | None
    articles: int
    occurrences: int
    speaker: str | None
    quote: str
    article: str

    def as_dict(self) -> dict:
        return asdict(self)


STATEMENT_COLUMNS = tuple(StatementView.__dataclass_fields__)


def group_quotes(rows: Iterable[QuoteView]) -> list[StatementView]:
    """Quotes (newest first) folded into one row per statement, in the order of each
    statement's newest quote. A quote with no statement (reported speech) is a row of its own;
    ``article`` is where the statement was first seen."""
    groups: dict[tuple[str, int], list[QuoteView]] = {}
    for row in rows:
        key = ("statement", row.statement_id) if row.statement_id is not None else ("quote", row.quote_id)
        groups.setdefault(key, []).append(row)
    return [_view(quotes) for quotes in groups.values()]


def _view(quotes: list[QuoteView]) -> StatementView:
    dated = [q.published for q in quotes if q.published]
    earliest = min(quotes, key=lambda q: (q.published is None, q.published or date.min, q.quote_id))
    speakers = list(dict.fromkeys(q.speaker for q in quotes if q.speaker))
    return StatementView(
        statement_id=quotes[0].statement_id,
        first_seen=min(dated, default=None),
        last_seen=max(dated, default=None),
        articles=len({q.article for q in quotes}),
        occurrences=len(quotes),
        speaker="; ".join(speakers) or None,
        quote=max((q.quote for q in quotes), key=len),
        article=earliest.article,
    )


SUMMARY_COLUMNS = ("statement_id", "articles", "occurrences", "first_seen", "last_seen", "speakers", "quote")


def most_repeated(
    session: Session,
    speaker_ids: list[int] | None = None,
    since: date | None = None,
    min_articles: int = 2,
    limit: int | None = 20,
) -> list[dict]:
    """Statements quoted in at least ``min_articles`` articles, most articles first.

    Without filters the stored counts answer at once; with ``speaker_ids`` or ``since``
    only the quotes that pass count (the statements of one speaker, or of the last month).
    """
    if speaker_ids is None and since is None:
        statement = select(StatementRow.id, StatementRow.articles, StatementRow.quotes, StatementRow.first_seen,
                           StatementRow.last_seen).where(StatementRow.articles >= min_articles)
        order = (StatementRow.articles.desc(), StatementRow.quotes.desc(), StatementRow.id)
    else:
        articles = func.count(func.distinct(QuoteRow.article_id)).label("articles")
        quotes = func.count(QuoteRow.id).label("quotes")
        statement = (
            select(QuoteRow.statement_id, articles, quotes, func.min(ArticleRow.published),
                   func.max(ArticleRow.published))
            .join(ArticleRow, QuoteRow.article_id == ArticleRow.id)
            .where(QuoteRow.statement_id.is_not(None))
            .group_by(QuoteRow.statement_id).having(articles >= min_articles)
        )
        if speaker_ids is not None:
            statement = statement.where(QuoteRow.speaker_id.in_(speaker_ids))
        if since is not None:
            statement = statement.where(ArticleRow.published >= since)
        order = (articles.desc(), quotes.desc(), QuoteRow.statement_id)
    rows = session.execute(statement.order_by(*order).limit(limit)).all()
    ids = [row[0] for row in rows]
    texts = dict(session.execute(select(StatementRow.id, StatementRow.text).where(StatementRow.id.in_(ids))).all())
    speakers = _speakers(session, ids)
    return [
        {"statement_id": sid, "articles": articles, "occurrences": quotes, "first_seen": first, "last_seen": last,
         "speakers": "; ".join(speakers.get(sid, [])) or None, "quote": texts[sid]}
        for sid, articles, quotes, first, last in rows
    ]


def _speakers(session: Session, statement_ids: list[int]) -> dict[int, list[str]]:
    """The speakers each statement is attributed to, most often first."""
    count = func.count(QuoteRow.id)
    rows = session.execute(
        select(QuoteRow.statement_id, SpeakerRow.name).join(SpeakerRow, QuoteRow.speaker_id == SpeakerRow.id)
        .where(QuoteRow.statement_id.in_(statement_ids))
        .group_by(QuoteRow.statement_id, SpeakerRow.id, SpeakerRow.name).order_by(count.desc(), SpeakerRow.name)
    )
    found: dict[int, list[str]] = {}
    for sid, name in rows:
        found.setdefault(sid, []).append(name)
    return found


CONFLICT_COLUMNS = ("statement_id", "speaker", "kind", "articles", "first_seen", "sources", "quote")


def conflicts(session: Session) -> list[dict]:
    """Statements attributed to different speakers in different articles: one row per
    statement and speaker, with the articles that name that speaker.

    These are possible misattributions. Some are not: a speaker quoting someone else's
    words back ("Canadians were told this would be a builder, not a bank"), or a spokesman
    and the ministry he speaks for. The sources are there to check each side.
    """
    conflicted = (
        select(QuoteRow.statement_id).where(QuoteRow.statement_id.is_not(None), QuoteRow.speaker_id.is_not(None))
        .group_by(QuoteRow.statement_id)
        .having(func.count(func.distinct(QuoteRow.speaker_id)) > 1, func.count(func.distinct(QuoteRow.article_id)) > 1)
    )
    rows = session.execute(
        select(QuoteRow.statement_id, StatementRow.text, SpeakerRow.id, SpeakerRow.name, SpeakerRow.kind,
               ArticleRow.source, ArticleRow.published)
        .join(StatementRow, QuoteRow.statement_id == StatementRow.id)
        .join(SpeakerRow, QuoteRow.speaker_id == SpeakerRow.id)
        .join(ArticleRow, QuoteRow.article_id == ArticleRow.id)
        .where(QuoteRow.statement_id.in_(conflicted))
        .order_by(QuoteRow.statement_id, ArticleRow.published.nulls_last(), ArticleRow.id)
    ).all()
    sides: dict[int, dict[int, dict]] = {}
    for sid, text, speaker_id, name, kind, source, published in rows:
        side = sides.setdefault(sid, {}).setdefault(speaker_id, {
            "statement_id": sid, "speaker": name, "kind": kind, "first_seen": published, "quote": text, "sources": []})
        if source not in side["sources"]:
            side["sources"].append(source)
    ordered = sorted(sides.values(), key=lambda s: (-sum(len(x["sources"]) for x in s.values()),
                                                   next(iter(s.values()))["statement_id"]))
    return [
        {**side, "articles": len(side["sources"]), "sources": "; ".join(side["sources"])}
        for by_speaker in ordered
        for side in sorted(by_speaker.values(), key=lambda s: (-len(s["sources"]), s["speaker"]))
    ]

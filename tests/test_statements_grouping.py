"""Grouping as articles arrive, through the real ingest into real SQLite files: split quotes,
generic pieces by one speaker, merges that must not glue a quote to its look-alike, counts
kept up to date, stock phrases, and the database work per article."""

from __future__ import annotations

import hashlib
from datetime import date

import pytest
from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from conftest import article
from quotetrack.article import Article
from quotetrack.extract import extract
from quotetrack.statements.keys import lookup_keys
from quotetrack.statements.wording import wording
from quotetrack.store import statement_rows, statements
from quotetrack.store.db import open_engine
from quotetrack.store.models import ArticleRow, QuoteRow, StatementKey, StatementRow
from quotetrack.store.statements import QuoteWords, StatementGrouper, group_ungrouped
from quotetrack.store.writer import ArticleWriter

TRUCK = "I packed the truck on Saturday, just in case. You don't want to be the one figuring it out at two in the morning."



def quotes_of(db: str) -> list[tuple[str, int | None]]:
    """(text, statement id) of every direct quote, in the order stored."""
    with Session(open_engine(db)) as session:
        return [tuple(row) for row in session.execute(
            select(QuoteRow.text, QuoteRow.statement_id).where(QuoteRow.kind != "indirect").order_by(QuoteRow.id))]


def test_the_halves_of_a_split_quote_are_one_statement(cli, db, tmp_path):
    cli("ingest", article(tmp_path, "a.txt", "2025-03-01",
                          "“I packed the truck on Saturday, just in case,” Anna Berg said, “because you don't want "
                          "to be the one figuring it out at two in the morning.”"))
    (first, sid), (second, other) = quotes_of(db)
    assert (first, second) == ("I packed the truck on Saturday, just in case,",
                               "because you don't want to be the one figuring it out at two in the morning.")
    assert sid == other
    with Session(open_engine(db)) as session:
        assert session.get(StatementRow, sid).text == f"{first} {second}"
    # Quoted whole elsewhere, it is the same statement.
    cli("ingest", article(tmp_path, "b.txt", "2025-03-02", f"Anna Berg said: “{TRUCK}”"))
    assert {statement for _, statement in quotes_of(db)} == {sid}


def test_a_generic_piece_joins_a_statement_by_the_same_speaker_only(cli, db, tmp_path):
    cli("ingest", article(tmp_path, "a.txt", "2025-03-01", f"Anna Berg, a farmer, said: “{TRUCK}”"))
    cli("ingest", article(tmp_path, "b.txt", "2025-03-02",
                          "Anna Berg said she did not want to be figuring “it out at two in the” middle of the night."))
    cli("ingest", article(tmp_path, "c.txt", "2025-03-03",
                          "Tom Reyes said he was figuring “it out at two in the” afternoon."))
    (_, whole), (_, hers), (_, his) = quotes_of(db)
    assert hers == whole
    assert his != whole


def test_a_generic_piece_quoted_first_is_merged_when_the_whole_arrives(cli, db, tmp_path):
    cli("ingest", article(tmp_path, "a.txt", "2025-03-01",
                          "Anna Berg said she did not want to be figuring “it out at two in the” middle of the night."))
    cli("ingest", article(tmp_path, "b.txt", "2025-03-04", f"Anna Berg, a farmer, said: “{TRUCK}”"))
    (_, piece), (_, whole) = quotes_of(db)
    assert piece == whole
    with Session(open_engine(db)) as session:
        row = session.get(StatementRow, whole)
        assert (row.quotes, row.articles, str(row.first_seen), str(row.last_seen)) == (2, 2, "2025-03-01", "2025-03-04")
        assert session.scalar(select(func.count()).select_from(StatementRow)) == 1


def test_a_cut_copy_stays_with_its_statement_and_does_not_glue_the_look_alike(cli, db, tmp_path):
    """The cut hides the one word ("not") that tells the claim from its look-alike, and the
    piece after the cut is also a piece of a copy of the look-alike."""
    claim = "Eighteen thousand homes by 2029 is not a start, but there are nearly that many families on the wait list"
    cli("ingest", article(tmp_path, "a.txt", "2025-03-01", "Maria Lopez said the target was “is a start, but there "
                                                         "are nearly that many families on the” list."))
    cli("ingest", article(tmp_path, "b.txt", "2025-03-02", f"Maria Lopez said: “{claim}.”"))
    cli("ingest", article(tmp_path, "c.txt", "2025-03-03",
                          "Maria Lopez said: “Eighteen thousand homes by 2029 is not … nearly that many families "
                          "on the wait list.”"))
    (_, look_alike), (_, claimed), (_, cut) = quotes_of(db)
    assert cut == claimed
    assert look_alike != claimed


def test_counts_and_dates_match_the_quotes_after_joins_and_merges(cli, db, tmp_path):
    days = ("2025-03-05", "2025-03-01", "2025-03-09", "2025-03-02")
    bodies = (
        "Anna Berg said she did not want to be figuring “it out at two in the” middle of the night.",
        f"Anna Berg, a farmer, said: “{TRUCK}” She said it twice: “{TRUCK}”",
        "“I packed the truck on Saturday, just in case,” Anna Berg said.",
        "“The harbour board chose the cheaper bid and the town has paid for it ever since,” said Tom Reyes.",
    )
    for number, (day, body) in enumerate(zip(days, bodies)):
        cli("ingest", article(tmp_path, f"{number}.txt", day, body))
    with Session(open_engine(db)) as session:
        for row in session.scalars(select(StatementRow)):
            quotes, articles, first, last = session.execute(
                select(func.count(QuoteRow.id), func.count(func.distinct(QuoteRow.article_id)),
                       func.min(ArticleRow.published), func.max(ArticleRow.published))
                .join(ArticleRow, QuoteRow.article_id == ArticleRow.id).where(QuoteRow.statement_id == row.id)).one()
            assert (row.quotes, row.articles, row.first_seen, row.last_seen) == (quotes, articles, first, last)
        truck = session.scalar(select(StatementRow).where(StatementRow.text == TRUCK))
        assert (truck.quotes, truck.articles, str(truck.first_seen)) == (4, 3, "2025-03-01")


def test_older_quotes_get_their_statements_from_the_next_ingest(cli, db, tmp_path):
    """Quotes stored before statements existed (schema 0003) are grouped by the same rules."""
    cli("ingest", article(tmp_path, "a.txt", "2025-03-01", f"Anna Berg, a farmer, said: “{TRUCK}”"))
    cli("ingest", article(tmp_path, "b.txt", "2025-03-02",
                          "“I packed the truck on Saturday, just in case,” Anna Berg said, “because you don't want "
                          "to be the one figuring it out at two in the morning.”"))
    grouped = {text: sid for text, sid in quotes_of(db)}
    engine = open_engine(db)
    with Session(engine) as session, session.begin():
        session.execute(update(QuoteRow).values(statement_id=None))
        session.execute(delete(StatementKey))
        session.execute(delete(StatementRow))
    assert group_ungrouped(engine, StatementGrouper()) == 2
    regrouped = {text: sid for text, sid in quotes_of(db)}
    assert len(set(regrouped.values())) == len(set(grouped.values())) == 1
    with Session(engine) as session:
        assert session.scalar(select(StatementRow.quotes)) == 3


def test_a_wordless_quote_beside_others_does_not_count_them_again_at_each_ingest(cli, db, tmp_path):
    """A quote of no words ("…") keeps no statement; the next ingests, which look for quotes
    without one, must not place its article's other quotes a second time."""
    cli("ingest", article(tmp_path, "a.txt", "2025-03-01", f"Anna Berg, a farmer, said: “{TRUCK}”\n\n“…” she added."))
    for number in range(2):
        cli("ingest", article(tmp_path, f"b{number}.txt", "2025-03-02", f"“Other words, number {number},” said Tom Lane."))
    engine = open_engine(db)
    with Session(engine) as session:
        truck = session.execute(select(StatementRow.quotes, StatementRow.articles)
                                .where(StatementRow.text.contains("packed the truck"))).one()
    assert tuple(truck) == (1, 1)


def test_a_stock_phrase_stops_being_a_key_once_many_statements_carry_it(db, monkeypatch):
    monkeypatch.setattr(statements, "HOT_KEY_STATEMENTS", 3)
    engine = open_engine(db)
    grouper = StatementGrouper()
    endings = ("the council will decide what happens to the harbour", "the voters will choose a new mayor in May",
               "the farmers will sell the land to the highest bidder", "the board will close two schools next year",
               "the court will rule on the ferry contract")
    texts = [f"At the end of the day, {ending}" for ending in endings]
    for text in texts:
        with engine.begin() as connection:
            connection.execute(ArticleRow.__table__.insert().values(
                source=text, content_hash=hashlib.sha256(text.encode()).hexdigest(), text=f"“{text}”",
                ingested_at=date(2025, 3, 1)))
            grouper.assign(connection, [QuoteWords(text, "direct", None, 1, len(text) + 1)], f"“{text}”")
    shared = set.intersection(*(set(lookup_keys(wording(text))) for text in texts))
    assert shared and shared <= grouper.hot_keys
    with Session(engine) as session:
        carriers = session.execute(select(StatementKey.key, func.count()).where(StatementKey.key.in_(shared))
                                   .group_by(StatementKey.key)).all()
        assert carriers and all(count <= 3 for _, count in carriers)
        assert session.scalar(select(func.count()).select_from(StatementRow)) == len(texts)


def test_ranking_weighs_each_shared_key_by_how_few_statements_carry_it():
    postings = {1: [10], 2: [11, 12, 13, 14, 15, 16, 17, 18], 3: [11]}
    # 10: one rare key (1.0); 11: a common and a rare key (1.125); 12-18: one common key (0.125)
    assert StatementGrouper()._candidates(frozenset({1, 2, 3}), postings) == [11, 10]


class CountingCursor:
    """A driver cursor that counts the statements sent to the database (an executemany of
    many rows is one)."""

    def __init__(self, cursor, sent: list[str]):
        self.cursor, self.sent = cursor, sent

    def execute(self, sql, *parameters):
        self.sent.append(sql)
        return self.cursor.execute(sql, *parameters)

    def executemany(self, sql, rows):
        self.sent.append(sql)
        return self.cursor.executemany(sql, rows)

    def __getattr__(self, name):
        return getattr(self.cursor, name)


def test_grouping_costs_the_same_few_statements_whatever_the_number_of_quotes(db):
    """One lookup for every key of the article, one read of the candidates, one write each."""
    engine = open_engine(db)
    grouper = StatementGrouper()

    def statements_sent(texts: list[str], name: str) -> list[str]:
        body = " ".join(f"“{text}” said Anna Berg." for text in texts)
        spans, at = [], 0
        for text in texts:
            at = body.index(text, at)
            spans.append(QuoteWords(text, "direct", None, at, at + len(text)))
        sent: list[str] = []
        with engine.begin() as connection:
            connection.execute(ArticleRow.__table__.insert().values(
                source=name, content_hash=name, text=body, ingested_at=date(2025, 3, 1)))
            pooled = connection.connection
            cursor = pooled.cursor
            pooled.cursor = lambda *args: CountingCursor(cursor(*args), sent)
            grouper.assign(connection, spans, body, date(2025, 3, 1))
            del pooled.cursor
        return sent

    two = statements_sent([TRUCK, "The harbour board chose the cheaper bid and the town has paid for it"], "a")
    twelve = statements_sent([f"Ward {n} will get its new clinic and a bus route to the hospital by {2030 + n}"
                              for n in range(12)], "b")
    # New statements are inserted one by one (each returns its id); all else is one batch.
    inserts = [sql for sql in twelve if sql.startswith("INSERT INTO statements ")]
    assert len(inserts) == 12
    assert len(twelve) - len(inserts) == len(two) - 2 <= 3
    again = statements_sent([TRUCK, "The harbour board chose the cheaper bid and the town has paid for it"], "c")
    # Both are copies of stored statements: find them, read them, count the new quotes.
    assert [sql.split()[0] for sql in again] == ["SELECT", "SELECT", "UPDATE"]


def test_a_merge_inside_one_batch_moves_the_quotes_the_batch_has_not_written_yet(db, monkeypatch):
    """The writer holds a batch's quote rows back; two statements merged by a later article
    of the same batch must still take the earlier articles' quotes with them, with no
    fallback to storing the articles one transaction at a time."""
    first, second = TRUCK.split(". ", 1)
    bodies = [f"“{first},” Anna Berg said.", f"“{second[:-1]},” Anna Berg said.",
              f"Anna Berg said: “{TRUCK}”"]
    extractions = [extract(Article(f"{i}.txt", body, published=date(2025, 3, i + 1))) for i, body in enumerate(bodies)]
    merged = []
    monkeypatch.setattr(statement_rows, "merge", lambda *args, _merge=statement_rows.merge: merged.append(args[1:])
                        or _merge(*args))
    monkeypatch.setattr(ArticleWriter, "store", lambda self, extraction: pytest.fail("the batch was stored again"))
    assert all(s.new for s in ArticleWriter(open_engine(db)).store_all(extractions))
    assert len(merged) == 1
    statement_ids = {sid for _, sid in quotes_of(db)}
    assert len(statement_ids) == 1 and None not in statement_ids
    with Session(open_engine(db)) as session:
        row = session.get(StatementRow, statement_ids.pop())
        assert (row.text, row.quotes, row.articles, str(row.first_seen), str(row.last_seen)) == (
            TRUCK, 3, 3, "2025-03-01", "2025-03-03")

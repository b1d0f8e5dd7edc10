"""The database: one transaction per article, speakers across articles (migrations: test_migrations.py)."""

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from conftest import ARTICLES
from quotetrack.article import Article
from quotetrack.extract import extract
from quotetrack.sources import read_file
from quotetrack.store import queries
from quotetrack.store.bulk import driver_query
from quotetrack.store.db import open_engine
from quotetrack.store.models import ArticleRow, QuoteRow, SpeakerAlias, SpeakerRow
from quotetrack.store.writer import ArticleWriter


def test_plain_path_is_an_sqlite_database(tmp_path):
    engine = open_engine(str(tmp_path / "sub" / "q.db"))
    assert engine.dialect.name == "sqlite"
    assert (tmp_path / "sub" / "q.db").exists()


def test_article_and_quotes_stored_together_and_once(db):
    engine = open_engine(db)
    writer = ArticleWriter(engine)
    extraction = extract(Article("a.txt", "“We will rebuild,” said Anna Weber. “Every street,” she added."))
    first = writer.store(extraction)
    second = writer.store(extraction)
    assert first.new and first.quotes == 2
    assert not second.new
    with Session(engine) as session:
        assert session.scalar(select(func.count(ArticleRow.id))) == 1
        assert session.scalar(select(func.count(QuoteRow.id))) == 2


def stored(db: str, *bodies: str):
    """A database with each body stored as an article of its own, one after the other."""
    engine = open_engine(db)
    writer = ArticleWriter(engine)
    for number, body in enumerate(bodies):
        writer.store(extract(Article(f"{number}.txt", body)))
    return engine


def test_spelling_variants_join_one_speaker_across_articles(db):
    engine = stored(db, *(f"“We need air defence number {i},” said {name}." for i, name in
                          enumerate(["Volodymyr Zelenskiy", "Volodymyr Zelensky", "Volodymyr Zelenskyy"])),
                    "“We will see,” said Olena Zelenska.")
    with Session(engine) as session:
        names = sorted(session.scalars(select(SpeakerRow.name)))
    assert names == ["Olena Zelenska", "Volodymyr Zelenskiy"]


def test_different_given_names_never_merge(db):
    engine = stored(db, "“Non,” said Marine Le Pen.", "“Oui,” said Jean-Marie Le Pen.")
    with Session(engine) as session:
        assert session.scalar(select(func.count(SpeakerRow.id))) == 2


def test_a_shared_surname_alone_does_not_merge_two_people(db):
    engine = stored(db, "Sen. Patricia Brennan spoke.\n\n“No deal,” Brennan said.",
                    "Callum Brennan scored twice.\n\n“Great night,” Brennan told reporters.")
    with Session(engine) as session:
        assert sorted(session.scalars(select(SpeakerRow.name))) == ["Callum Brennan", "Patricia Brennan"]


def test_a_given_name_written_differently_joins_when_the_surname_is_the_same(db):
    engine = stored(db, "“Hold the line,” said Oleksandr Syrskyi.", "“We hold,” said Olexander Syrskyi.",
                    "“Thank you,” said Daniel Okafor.", "“Next patient,” said Daniela Okafor.")
    with Session(engine) as session:
        names = sorted(session.scalars(select(SpeakerRow.name)))
    assert names == ["Daniel Okafor", "Daniela Okafor", "Oleksandr Syrskyi"]


def test_alias_counts_written_at_the_end_of_a_batch_are_those_of_every_article(db):
    engine = open_engine(db)
    texts = ["“One,” said Anna Weber.", "“Two,” said Ms Weber.\n\n“Three,” Anna Weber added.",
             "“Four,” said Anna Weber."]
    with ArticleWriter(engine) as writer:
        writer.store_all([extract(Article(f"{n}.txt", text)) for n, text in enumerate(texts)])
    with Session(engine) as session:
        assert session.scalar(select(func.count(SpeakerRow.id))) == 1
        counts = dict(session.execute(select(SpeakerAlias.key, SpeakerAlias.count)).all())
    assert counts["anna weber"] == 3


def test_a_writer_that_forgets_its_speakers_finds_them_again_in_the_database(db):
    engine = open_engine(db)
    writer = ArticleWriter(engine)
    writer.index.cached = 0  # forget every speaker after each transaction
    texts = ["“Hold the line,” said Oleksandr Syrskyi.", "“We hold,” said Olexander Syrskyi.",
             "“We need air defence,” said Volodymyr Zelenskiy.", "“Again,” said Volodymyr Zelensky.",
             "“Thank you,” said Daniel Okafor.", "“Next patient,” said Daniela Okafor.",
             "“More,” said Mr Zelenskyy.", "Dr Grace Okafor took questions.\n\n“Fine,” Okafor said."]
    for number, text in enumerate(texts):
        writer.store(extract(Article(f"{number}.txt", text)))
        assert writer.index.known == {}
    with Session(engine) as session:
        names = sorted(session.scalars(select(SpeakerRow.name)))
        counts = dict(session.execute(select(SpeakerAlias.alias, SpeakerAlias.count)).all())
    assert names == ["Daniel Okafor", "Daniela Okafor", "Grace Okafor", "Oleksandr Syrskyi", "Volodymyr Zelenskiy"]
    assert counts["Volodymyr Zelenskiy"] == 1 and counts["Volodymyr Zelensky"] == 1
    assert counts["Mr Zelenskyy"] == 1


def test_the_writer_holds_at_most_its_cache_of_speakers_between_batches(db):
    engine = open_engine(db)
    given = ["Anna", "Boris", "Clara", "David", "Elena", "Frank", "Grace", "Henry", "Irene", "James"]
    surnames = ["Adler", "Barker", "Chapman", "Dalton", "Easton", "Fleming", "Garner", "Hadley", "Ingram", "Jarvis"]
    held = []
    with ArticleWriter(engine) as writer:
        writer.index.cached = 4
        for number, (first, last) in enumerate(zip(given, surnames)):
            writer.store(extract(Article(f"{number}.txt", f"“Yes,” said {first} {last}.")))
            held.append(len(writer.index.known))
    assert 1 <= max(held) <= 4
    assert held.count(0) >= 2  # forgotten, and filled again
    with Session(engine) as session:
        assert session.scalar(select(func.count(SpeakerRow.id))) == 10


def test_quotes_read_streamed_or_in_one_go_are_the_same(db):
    engine = open_engine(db)
    with ArticleWriter(engine) as writer:
        for path in sorted(ARTICLES.glob("*.txt"))[:3]:
            writer.store(extract(Article(path.name, path.read_text("utf-8"))))
    with Session(engine) as session:
        whole = list(queries.quotes(session))
        streamed = list(queries.quotes(session, stream=True))
    assert whole == streamed and len(whole) > 10


def test_a_speakers_quotes_read_by_index_match_the_joined_query(db):
    """On PostgreSQL, who-said reads a speaker's quotes, articles and statements by id and
    puts them together itself; the one joined query (as SQLite and export read) must agree."""
    engine = open_engine(db)
    with ArticleWriter(engine) as writer:
        for path in sorted(ARTICLES.glob("*.txt")):
            writer.store(extract(read_file(str(path))))  # with their dates
        # undated, so last in the order
        writer.store(extract(Article("undated.txt", "“We will not give up our land,” said Volodymyr Zelenskiy.")))
    with Session(engine) as session:
        people = session.execute(select(QuoteRow.speaker_id).where(QuoteRow.speaker_id.is_not(None))
                                 .group_by(QuoteRow.speaker_id).order_by(func.count().desc()).limit(6)).scalars().all()
        people.append(session.execute(select(QuoteRow.speaker_id).join(ArticleRow)
                                      .where(ArticleRow.source == "undated.txt")).scalar_one())
        last = session.execute(select(func.max(ArticleRow.published))).scalar()
        everyone = list(queries._speakers_quotes(session, people, None, None, None, None))
        assert everyone == list(queries.quotes(session, people, stream=True))  # the joined query
        dates = [q.published for q in everyone]
        assert dates[0] == last and None in dates and all(d is None for d in dates[dates.index(None):])
        assert "undated.txt" in {q.article for q in everyone if q.published is None}
        assert any(q.occurrences > 1 for q in everyone)
        middle = sorted({d for d in dates if d})[len({d for d in dates if d}) // 2]
        for filters in ({"since": middle}, {"until": middle}, {"kinds": ["indirect"]}, {"contains": "the"}):
            by_index = list(queries._speakers_quotes(session, people, **{
                "since": None, "until": None, "contains": None, "kinds": None, **filters}))
            assert by_index == list(queries.quotes(session, people, stream=True, **filters)), filters
            assert 0 < len(by_index) < len(everyone), filters


def test_a_typed_surname_finds_everyone_stored_under_it(db):
    engine = stored(db, "“Thank you,” said Daniel Okafor.", "“Next patient,” said Daniela Okafor.",
                    "“We hold,” said Olexander Syrskyi.")
    with Session(engine) as session:
        by_surname = queries.find_speakers(session, "okafor")
        assert sorted((m.name, m.how) for m in by_surname) == [("Daniel Okafor", "surname"),
                                                               ("Daniela Okafor", "surname")]
        # the surname as transliterated elsewhere, and behind a title
        assert [(m.name, m.how) for m in queries.find_speakers(session, "Gen. Syrsky")] == [
            ("Olexander Syrskyi", "surname")]
        assert [m.how for m in queries.find_speakers(session, "Okafore")] == ["fuzzy", "fuzzy"]
        assert queries.find_speakers(session, "Okafar") == []  # too far to be taken for them
        assert queries.suggest(session, "Okafar") == ["Daniel Okafor", "Daniela Okafor"]  # but offered
        assert queries.suggest(session, "Olexandr Sirsky") == ["Olexander Syrskyi"]


def test_driver_queries_take_lists_and_values_on_either_database(db):
    engine = stored(db, *(f"“Item {i},” said Anna Weber." for i in range(3)))
    with engine.connect() as connection:
        ids = sorted(connection.execute(select(ArticleRow.id)).scalars())
        found = driver_query(connection, "SELECT source FROM articles WHERE id IN ({}) AND source != ? ORDER BY id",
                             ids[:2] + [10**9], "0.txt").fetchall()
        assert found == [("1.txt",)]
        many = list(range(1, 3000)) + ids  # one array on PostgreSQL, 3,002 markers on SQLite
        assert len(driver_query(connection, "SELECT id FROM articles WHERE id IN ({})", many).fetchall()) == 3

"""Phrase search (--quote, --contains) from the full-text index, on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from conftest import ARTICLES
from quotetrack.cli import app
from quotetrack.store import queries
from quotetrack.store.db import open_engine


@pytest.fixture
def stored(cli):
    assert cli("ingest", str(ARTICLES), "--workers", "1").exit_code == 0
    return cli


def rows(result) -> list[dict]:
    assert result.exit_code == 0, result.output
    return list(csv.DictReader(io.StringIO(result.stdout)))


def test_quote_finds_who_said_a_phrase(stored):
    found = rows(stored("who-said", "--quote", "hunting civilians", "--format", "csv"))
    assert [r["quote"] for r in found] == ["deliberately hunting civilians while pretending to talk about peace"]
    assert found[0]["speaker"] == "Ukraine"


def test_phrase_search_ignores_case_and_punctuation_between_words(stored):
    exact = rows(stored("who-said", "--quote", "gratitude does not shoot down", "--format", "csv"))
    shouted = rows(stored("who-said", "--quote", "GRATITUDE, does not SHOOT down!", "--format", "csv"))
    assert exact == shouted
    assert len(exact) == 1 and "gratitude does not shoot down missiles" in exact[0]["quote"]


def test_words_must_stand_in_order(stored):
    result = stored("who-said", "--quote", "down shoot", "--format", "csv")
    assert result.exit_code == 3
    assert "no stored quote contains 'down shoot'" in result.output


def test_part_of_a_word_is_not_a_word(stored):
    assert stored("who-said", "--quote", "civilian", "--format", "csv").exit_code == 3
    assert rows(stored("who-said", "--quote", "civilians", "--format", "csv"))


def test_contains_filters_one_speakers_quotes(stored):
    everything = rows(stored("who-said", "zelensky", "--format", "csv"))
    some = rows(stored("who-said", "zelensky", "--contains", "shoot down", "--format", "csv"))
    assert 0 < len(some) < len(everything)
    assert all("shoot down" in r["quote"].lower() for r in some)


def test_a_phrase_without_words_falls_back_to_the_text_itself(stored):
    found = rows(stored("who-said", "--quote", "—", "--format", "csv"))
    assert found and all("—" in r["quote"] for r in found)


def test_limit_caps_the_statements_listed(stored):
    assert len(rows(stored("who-said", "zelensky", "--limit", "2", "--format", "csv"))) == 2


def test_search_index_follows_inserts_and_deletes(stored):
    engine = open_engine(stored.db)

    def found(phrase: str) -> list[str]:
        with Session(engine) as session:
            return [q.quote for q in queries.quotes(session, contains=phrase)]

    assert len(found("shoot down")) == 1
    with engine.begin() as connection:
        connection.execute(text("DELETE FROM articles WHERE source LIKE '%wire-ukraine-aid.txt'"))
    assert found("shoot down") == []
    with engine.begin() as connection:
        article_id = connection.execute(text("SELECT min(id) FROM articles")).scalar()
        connection.execute(text(
            "INSERT INTO quotes (article_id, text, start, \"end\", kind, confidence) "
            "VALUES (:a, 'Missiles are not shot down by gratitude', 0, 10, 'direct', 0)"), {"a": article_id})
    assert found("shot down by gratitude") == ["Missiles are not shot down by gratitude"]
    if engine.dialect.name == "sqlite":
        with engine.begin() as connection:
            # FTS5 compares its index with the quotes table and raises on any difference.
            connection.execute(text("INSERT INTO quotes_fts(quotes_fts) VALUES ('integrity-check')"))
    engine.dispose()


def test_the_ingest_writer_keeps_the_sqlite_index_whole(tmp_path, cli):
    db = f"sqlite:///{tmp_path / 'q.db'}"
    result = cli.runner.invoke(app, ["ingest", str(ARTICLES), "--db", db])
    assert result.exit_code == 0
    engine = open_engine(db)
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO quotes_fts(quotes_fts) VALUES ('integrity-check')"))
        indexed = connection.execute(text("SELECT count(*) FROM quotes_fts WHERE quotes_fts MATCH 'said'")).scalar()
        stored = connection.execute(text("SELECT count(*) FROM quotes WHERE lower(text) LIKE '% said %'")).scalar()
        assert indexed >= stored > 0
        assert connection.execute(text("SELECT deferred FROM quotes_fts_deferred")).scalar() == 0
    engine.dispose()

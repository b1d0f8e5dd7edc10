"""Ingest at scale: worker processes, batches, repeats and the single writer."""

from __future__ import annotations

import gc
import json
import shutil
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from conftest import ARTICLES, load_bench_generator
from quotetrack.article import Article, Extraction
from quotetrack.cli import app
from quotetrack.extract import extract
from quotetrack.ingest import BATCH_SIZE
from quotetrack.store.db import open_engine
from quotetrack.store.writer import ArticleWriter
from quotetrack.workers import EXTRACTION_GC_THRESHOLD, fewer_collections

TABLES = {
    "articles": "source, content_hash, title, published, outlet",
    "speakers": "id, name, kind, description, ambiguous",
    "speaker_aliases": "speaker_id, alias, key, variant, count",
    "speaker_descriptions": "speaker_id, article_id, description",
    "quotes": "article_id, speaker_id, text, start, \"end\", kind, cue, speaker_as_written, rule, confidence",
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """More than two batches of generated articles, so the worker pool really runs."""
    folder = tmp_path_factory.mktemp("corpus")
    load_bench_generator().generate(BATCH_SIZE * 2 + 17, folder, seed=3)
    return folder


def dump(url: str) -> dict[str, list[tuple]]:
    engine = create_engine(url)
    with engine.connect() as connection:
        tables = {name: [tuple(map(_plain, row)) for row in connection.execute(
                      text(f"SELECT {columns} FROM {name} ORDER BY id"))]
                  for name, columns in TABLES.items()}
    engine.dispose()
    return tables


def _plain(value):
    """One form for both backends: SQLite gives dates as text and booleans as 0/1."""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return int(value) if isinstance(value, bool) else value


def summary(result) -> dict:
    return json.loads(result.stdout)


def test_two_workers_store_exactly_what_one_stores(corpus, tmp_path, cli):
    one = f"sqlite:///{tmp_path / 'one.db'}"
    first = cli.runner.invoke(app, ["ingest", str(corpus), "--workers", "1", "--json", "--db", one])
    assert first.exit_code == 0, first.output
    result = cli("ingest", str(corpus), "--workers", "2", "--json")
    assert result.exit_code == 0, result.output
    assert summary(result) == summary(first)
    assert summary(result)["articles_new"] == BATCH_SIZE * 2 + 17
    assert dump(cli.db) == dump(one)


def test_a_second_run_adds_nothing(corpus, cli):
    assert cli("ingest", str(corpus), "--workers", "2").exit_code == 0
    again = cli("ingest", str(corpus), "--workers", "2", "--json")
    assert again.exit_code == 0
    counts = summary(again)
    assert counts["articles_new"] == 0
    assert counts["articles_already_stored"] == BATCH_SIZE * 2 + 17
    assert counts["quotes_added"] == 0


def test_the_same_text_twice_in_one_run_is_stored_once(tmp_path, cli):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("a.txt", "b.txt"):
        shutil.copy(ARTICLES / "wire-ukraine-aid.txt", folder / name)
    shutil.copy(ARTICLES / "tabloid-football-row.txt", folder / "c.txt")
    counts = summary(cli("ingest", str(folder), "--json"))
    assert (counts["articles_new"], counts["articles_already_stored"]) == (2, 1)
    engine = create_engine(cli.db)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM articles")).scalar() == 2
    engine.dispose()


def test_a_bad_input_among_many_is_named_and_the_rest_are_stored(corpus, tmp_path, cli):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01 binary")
    result = cli("ingest", str(corpus), str(bad), "--workers", "2", "--json")
    assert result.exit_code == 1
    counts = summary(result)
    assert counts["articles_new"] == BATCH_SIZE * 2 + 17
    assert counts["failures"] == [{"input": str(bad), "reason": counts["failures"][0]["reason"]}]
    assert counts["failures"][0]["reason"].startswith("binary file")


def test_a_batch_meeting_a_text_stored_meanwhile_keeps_every_other_article(db):
    articles = [Article(source=p.name, text=p.read_text("utf-8")) for p in sorted(ARTICLES.glob("*.txt"))[:4]]
    extractions = [extract(a) for a in articles]
    engine = open_engine(db)
    # Another writer stores the third article between our check and our batch.
    with ArticleWriter(engine) as other:
        assert other.store(extractions[2]).new
    with ArticleWriter(engine) as writer:
        stored = writer.store_all(extractions)
    assert [s.new for s in stored] == [True, True, False, True]
    assert sum(s.quotes for s in stored) == sum(len(e.quotes) for i, e in enumerate(extractions) if i != 2)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM articles")).scalar() == 4
        quotes = connection.execute(text("SELECT count(*) FROM quotes")).scalar()
    assert quotes == sum(len(e.quotes) for e in extractions)
    engine.dispose()


def test_a_failed_batch_leaves_nothing_behind(db):
    engine = open_engine(db)
    good = extract(Article(source="a", text=(ARTICLES / "wire-ukraine-aid.txt").read_text("utf-8")))
    broken = Extraction(Article(source="b", text="He said: “Yes.”"), (None,))  # not a Quote: fails mid-batch
    with ArticleWriter(engine) as writer, pytest.raises(AttributeError):
        writer.store_all([good, broken])
    with engine.connect() as connection:
        for table in TABLES:
            assert connection.execute(text(f"SELECT count(*) FROM {table}")).scalar() == 0, table
    engine.dispose()


def test_two_writers_taking_turns_keep_every_article(db):
    paths = sorted(ARTICLES.glob("*.txt"))
    extractions = [extract(Article(source=p.name, text=p.read_text("utf-8"))) for p in paths]
    engine = open_engine(db)
    with ArticleWriter(engine) as first, ArticleWriter(engine) as second:
        # Both load the (empty) speaker index, then write alternately, each numbering rows anew.
        for number, extraction in enumerate(extractions):
            writer = first if number % 2 == 0 else second
            assert writer.store_all([extraction])[0].new
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM articles")).scalar() == len(paths)
        assert connection.execute(text("SELECT count(*) FROM quotes")).scalar() == sum(
            len(e.quotes) for e in extractions)
        orphans = connection.execute(text(
            "SELECT count(*) FROM quotes q LEFT JOIN speakers s ON s.id = q.speaker_id "
            "WHERE q.speaker_id IS NOT NULL AND s.id IS NULL")).scalar()
        assert orphans == 0
    engine.dispose()


def test_extraction_collects_cycles_less_often_and_restores_the_collector_after():
    before = gc.get_threshold()
    with fewer_collections():
        assert gc.get_threshold()[0] == EXTRACTION_GC_THRESHOLD > before[0]
        assert gc.get_freeze_count() > 0
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0

"""Nothing lost, nothing twice: a real ingest process killed (SIGKILL) or interrupted
(SIGINT, as Ctrl-C sends) part-way leaves a consistent database, and running the same
ingest again completes it, each article stored once with all its quotes."""

from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from source_samples import numbered_story

ARTICLES = 600
INGEST = "from quotetrack.cli import main; main()"


@pytest.fixture(scope="module")
def dataset(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("resume") / "briefings.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for number in range(ARTICLES):
            story = numbered_story(number)
            out.write(json.dumps({"title": story.title, "text": story.text, "date": story.date}) + "\n")
    return path


def _ingest(dataset: Path, db: Path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", INGEST, "ingest", str(dataset), "--db", str(db), *extra],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _stored(db: Path) -> int:
    try:
        with sqlite3.connect(db, timeout=30) as connection:
            return connection.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.OperationalError:  # not created or not migrated yet
        return 0


def _wait_until_stored(process: subprocess.Popen, db: Path, at_least: int) -> int:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        count = _stored(db)
        if count >= at_least:
            return count
        assert process.poll() is None, f"the ingest ended before it could be stopped: {process.communicate()}"
        time.sleep(0.02)
    raise AssertionError("the ingest stored nothing in 60 s")


def _contents(db: Path) -> dict:
    """Everything an ingest stores, in a form two databases can be compared by."""
    with sqlite3.connect(db) as connection:
        articles = connection.execute("SELECT source, content_hash, title FROM articles ORDER BY source").fetchall()
        quotes = connection.execute(
            "SELECT a.source, q.start, q.\"end\", q.text, q.kind, q.rule, s.name FROM quotes q "
            "JOIN articles a ON a.id = q.article_id LEFT JOIN speakers s ON s.id = q.speaker_id "
            "ORDER BY a.source, q.start").fetchall()
        per_article = connection.execute(
            "SELECT a.source, count(q.id) FROM articles a LEFT JOIN quotes q ON q.article_id = a.id "
            "GROUP BY a.id ORDER BY a.source").fetchall()
        speakers = connection.execute("SELECT name, kind FROM speakers ORDER BY name, kind").fetchall()
    return {"articles": articles, "quotes": quotes, "per_article": per_article, "speakers": speakers}


@pytest.fixture(scope="module")
def clean_run(dataset, tmp_path_factory) -> dict:
    db = tmp_path_factory.mktemp("clean") / "clean.db"
    process = _ingest(dataset, db)
    out, err = process.communicate(timeout=120)
    assert process.returncode == 0, err
    contents = _contents(db)
    assert len(contents["articles"]) == ARTICLES
    assert all(count == 2 for _, count in contents["per_article"])
    assert len(contents["speakers"]) == 400
    return contents


def test_killed_twice_with_sigkill_then_rerun_stores_each_article_once_with_all_quotes(
        dataset, clean_run, tmp_path):
    db = tmp_path / "killed.db"
    for at_least in (30, 250):
        process = _ingest(dataset, db)
        _wait_until_stored(process, db, at_least)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        assert process.returncode == -signal.SIGKILL
        stored = _stored(db)
        assert at_least <= stored < ARTICLES
        # Consistent as it stands: every stored article has every one of its quotes.
        assert all(count == 2 for _, count in _contents(db)["per_article"])
    rerun = _ingest(dataset, db, "--json")
    out, err = rerun.communicate(timeout=120)
    assert rerun.returncode == 0, err
    summary = json.loads(out)
    assert summary["articles_new"] + summary["articles_already_stored"] == ARTICLES
    assert summary["articles_already_stored"] == stored
    assert _contents(db) == clean_run


def test_ctrl_c_stops_cleanly_with_the_summary_so_far_and_a_rerun_completes(dataset, clean_run, tmp_path):
    db = tmp_path / "interrupted.db"
    process = _ingest(dataset, db)
    _wait_until_stored(process, db, 40)
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=30)
    assert process.returncode == 130
    assert "Traceback" not in err
    (line,) = out.strip().splitlines()
    assert line.startswith("interrupted: ")
    assert "stopping after the articles in hand are stored" in err
    new = int(re.search(r"(\d+) new", line).group(1))
    assert new == _stored(db) < ARTICLES
    rerun = _ingest(dataset, db)
    rerun.communicate(timeout=120)
    assert rerun.returncode == 0
    assert _contents(db) == clean_run


def test_the_first_ctrl_c_asks_the_ingest_to_stop_and_the_second_stops_at_once(db):
    from quotetrack.ingest import StopOnInterrupt, ingest
    from quotetrack.sources import Article
    from quotetrack.store.db import open_engine

    notices = []
    stories = [numbered_story(n) for n in range(5)]

    def articles():
        for number, story in enumerate(stories):
            if number == 2:
                os.kill(os.getpid(), signal.SIGINT)
            yield Article(source=story.slug, text=story.text)

    with StopOnInterrupt(lambda: notices.append("stopping")) as stop:
        summary = ingest(articles(), open_engine(db), stop=stop)
        assert (summary.new, summary.interrupted, notices) == (2, True, ["stopping"])
        with pytest.raises(KeyboardInterrupt):
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(1)
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler

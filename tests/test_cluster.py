"""ingest --cluster on a Dask LocalCluster: the workers read and extract, the client stores."""

from __future__ import annotations

import json
import shutil

import pytest
from sqlalchemy import create_engine, text
from typer.testing import CliRunner

from conftest import ARTICLES
from quotetrack import ingest as ingest_module
from quotetrack.cli import app
from quotetrack.cluster import Cluster
from quotetrack.ingest import ingest_cluster
from quotetrack.store.db import open_engine

distributed = pytest.importorskip("distributed", reason="Dask is not installed (pip install 'quotetrack[cluster]')")
dask = pytest.importorskip("dask")


@pytest.fixture(scope="module")
def scheduler():
    """Two worker threads behind a real TCP scheduler on 127.0.0.1."""
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False, protocol="tcp",
                                  host="127.0.0.1", dashboard_address=None) as cluster:
        yield cluster.scheduler_address


def counts(url: str) -> tuple[int, int]:
    engine = create_engine(url)
    with engine.connect() as connection:
        articles = connection.execute(text("SELECT count(*) FROM articles")).scalar()
        quotes = connection.execute(text("SELECT count(*) FROM quotes")).scalar()
    engine.dispose()
    return articles, quotes


def test_cluster_ingest_stores_what_a_local_ingest_stores(scheduler, tmp_path, cli):
    local = f"sqlite:///{tmp_path / 'local.db'}"
    expected = json.loads(cli.runner.invoke(app, ["ingest", str(ARTICLES), "--json", "--db", local]).stdout)
    result = cli("ingest", str(ARTICLES), "--cluster", scheduler, "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == expected
    assert counts(cli.db) == counts(local)


def test_cluster_ingest_never_stores_an_article_twice(scheduler, tmp_path, cli):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("one.txt", "copy.txt"):
        shutil.copy(ARTICLES / "wire-zelenskyi-summit.txt", folder / name)
    first = json.loads(cli("ingest", str(folder), "--cluster", scheduler, "--json").stdout)
    assert (first["articles_new"], first["articles_already_stored"]) == (1, 1)
    again = json.loads(cli("ingest", str(folder), str(ARTICLES), "--cluster", scheduler, "--json").stdout)
    assert again["articles_new"] == len(list(ARTICLES.glob("*.txt"))) - 1
    assert again["articles_already_stored"] == 3  # both copies, and the same text among the fixtures
    assert counts(cli.db)[0] == len(list(ARTICLES.glob("*.txt")))


def test_unreadable_inputs_come_back_as_failures(scheduler, tmp_path, cli):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01binary")
    result = cli("ingest", str(bad), str(tmp_path / "missing.txt"), "--cluster", scheduler, "--json")
    assert result.exit_code == 1
    reasons = {f["input"]: f["reason"] for f in json.loads(result.stdout)["failures"]}
    assert reasons == {str(bad): "binary file (it contains NUL bytes), not an article, feed, dataset or web archive",
                       str(tmp_path / "missing.txt"): "no such file or folder"}


def test_an_unreachable_scheduler_is_one_clear_error(tmp_path):
    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        result = CliRunner().invoke(app, ["ingest", str(ARTICLES), "--cluster", "tcp://127.0.0.1:9",
                                                "--db", str(tmp_path / "q.db")])
    assert result.exit_code == 7
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in result.output
    assert "Traceback" not in result.output


def test_stdin_cannot_go_to_a_cluster(tmp_path):
    result = CliRunner().invoke(app, ["ingest", "-", "--cluster", "tcp://127.0.0.1:9",
                                            "--db", str(tmp_path / "q.db")])
    assert result.exit_code == 2
    assert "cannot read stdin" in result.output


def test_a_stop_asked_for_ends_the_cluster_ingest_after_the_batch_being_stored(scheduler, db, monkeypatch):
    monkeypatch.setattr(ingest_module, "BATCH_SIZE", 2)
    paths = [str(p) for p in sorted(ARTICLES.glob("*.txt"))[:6]]
    with Cluster(scheduler) as cluster:
        summary = ingest_cluster(paths, open_engine(db), cluster, stop=lambda: True)
    assert summary.interrupted
    assert summary.new == 2
    assert counts(db)[0] == 2


def test_the_cluster_ingest_reports_each_batch_of_inputs_as_it_is_stored(scheduler, db, monkeypatch):
    monkeypatch.setattr(ingest_module, "BATCH_SIZE", 2)
    paths = [str(p) for p in sorted(ARTICLES.glob("*.txt"))[:4]] + [str(ARTICLES / "missing.txt")]
    done: list[int] = []
    stored_before: list[int] = []

    def on_inputs(count: int) -> None:
        done.append(count)
        stored_before.append(counts(db)[0])

    with Cluster(scheduler) as cluster:
        summary = ingest_cluster(paths, open_engine(db), cluster, on_inputs=on_inputs)
    assert done == [2, 2, 1]  # the progress bar reaches every input, the missing one too
    assert stored_before == [2, 4, 4]
    assert summary.new == 4 and summary.failed == 1


def test_stanza_cannot_go_to_a_cluster(tmp_path):
    result = CliRunner().invoke(app, ["ingest", str(ARTICLES), "--cluster", "tcp://127.0.0.1:9", "--engine",
                                      "stanza", "--db", str(tmp_path / "q.db")])
    assert result.exit_code == 2
    assert "--engine stanza runs only in a local ingest" in result.output


def test_a_cluster_ingest_loads_no_local_engine(scheduler, cli, monkeypatch):
    def no_local_engine(name):
        raise AssertionError(f"the {name} engine was loaded on the client")

    monkeypatch.setattr("quotetrack.cli.engines.choose_engine", no_local_engine)
    result = cli("ingest", str(ARTICLES), "--cluster", scheduler, "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["articles_new"] == len(list(ARTICLES.glob("*.txt")))

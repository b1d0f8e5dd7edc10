"""Shared test fixtures: real SQLite files, the CLI through typer's runner, and the
bundled articles."""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import pg_server as pg_server_module
from quotetrack.cli import app

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
ARTICLES = FIXTURES / "articles"
GOLD = FIXTURES / "gold"
# Tests of the stanza engine's code: they need the package, never its models.
needs_stanza = pytest.mark.skipif(importlib.util.find_spec("stanza") is None,
                                  reason="stanza is not installed (make install-stanza)")


def article(folder: Path, name: str, day: str, body: str) -> str:
    """An article file; its own first line keeps copies of one quote distinct articles."""
    path = folder / name
    path.write_text(f"title: {name}\noutlet: Test Wire\ndate: {day}\n\nReport {name} filed on {day}.\n\n{body}\n",
                    "utf-8")
    return str(path)


@pytest.fixture(autouse=True)
def rules_engine_by_default(monkeypatch):
    """Commands run the rules engine unless a test asks for another: results must not depend
    on whether this machine has stanza's models downloaded."""
    monkeypatch.setenv("QUOTETRACK_ENGINE", "rules")


@pytest.fixture(scope="session")
def pg_server() -> str:
    """A PostgreSQL server for the whole run: QUOTETRACK_TEST_PG_URL, or a throwaway one
    started here (tests/pg_server.py). Tests that need it skip, saying why, when neither
    can be had; a server named by the variable must answer."""
    url = os.environ.get(pg_server_module.URL_VAR)
    if url:
        try:
            pg_server_module.reachable(url)
        except pg_server_module.Unavailable as error:
            pytest.fail(f"{pg_server_module.URL_VAR} is set but {error}")
        yield url
        return
    try:
        server = pg_server_module.ThrowawayServer()
        url = server.start()
    except pg_server_module.Unavailable as error:
        pytest.skip(f"PostgreSQL tests skipped: {error}")
    try:
        pg_server_module.reachable(url)
    except pg_server_module.Unavailable as error:
        server.stop()
        pytest.skip(f"PostgreSQL tests skipped: {error}")
    yield url
    server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request, tmp_path) -> str:
    """A fresh database URL for one test: an SQLite file, or an empty PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'quotes.db'}"
    url, drop = pg_server_module.fresh_database(request.getfixturevalue("pg_server"))
    request.addfinalizer(drop)
    return url


class Cli:
    """Runs quotetrack commands against one database, the way a user would."""

    def __init__(self, db: str):
        self.db = db
        self.runner = CliRunner()

    def __call__(self, *args: str, input: str | None = None, db: bool = True):
        argv = [*args, "--db", self.db] if db else list(args)
        return self.runner.invoke(app, argv, input=input, catch_exceptions=False)


@pytest.fixture
def cli(db) -> Cli:
    return Cli(db)


def load_bench_generator():
    """bench/generate.py as a module (bench/ is not a package)."""
    spec = importlib.util.spec_from_file_location("bench_generate", ROOT / "bench" / "generate.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module

"""Shared test fixtures: real SQLite files, the CLI through typer's runner, and the
bundled articles."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from quotetrack.cli import app

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
ARTICLES = FIXTURES / "articles"
GOLD = FIXTURES / "gold"


@pytest.fixture(autouse=True)
def rules_engine_by_default(monkeypatch):
    """Commands run the rules engine unless a test asks for another: results must not depend
    on whether this machine has stanza's models downloaded."""
    monkeypatch.setenv("QUOTETRACK_ENGINE", "rules")


@pytest.fixture
def db(tmp_path) -> str:
    """A fresh database URL for one test."""
    return f"sqlite:///{tmp_path / 'quotes.db'}"


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

"""quotetrack models download / status, and --engine on ingest and extract, through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect

from conftest import ARTICLES, needs_stanza
from pg_server import _free_port
from fake_models import write_fake_models
from quotetrack.extract import stanza_models

ARTICLE = str(ARTICLES / "broadsheet-kyiv-strikes.txt")


@pytest.fixture
def models_dir(tmp_path, monkeypatch) -> Path:
    """An empty models folder, named the way stanza users name one: $STANZA_RESOURCES_DIR."""
    folder = tmp_path / "stanza-models"
    monkeypatch.setenv("STANZA_RESOURCES_DIR", str(folder))
    monkeypatch.delenv("QUOTETRACK_ENGINE", raising=False)
    return folder


@needs_stanza
def test_status_of_an_empty_folder_is_not_ready(cli, models_dir):
    result = cli("models", "status", db=False)
    assert result.exit_code == 6
    assert f"models folder {models_dir}" in result.stdout
    assert f"not ready: stanza's English models are not installed in {models_dir}" in result.stdout
    assert "run `quotetrack models download`" in result.stdout


@needs_stanza
def test_status_lists_every_model_file_of_a_populated_folder(cli, models_dir, tmp_path):
    write_fake_models(models_dir)
    result = cli("models", "status", db=False)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    for processor in ("tokenize", "mwt", "pos", "lemma", "depparse", "ner", "pretrain", "forward_charlm"):
        assert any(line.split()[:1] == [processor] and line.endswith("present") for line in lines), processor
    assert lines[-1].startswith("ready:")


@needs_stanza
def test_status_names_what_is_missing(cli, models_dir):
    write_fake_models(models_dir, leave_out=("ner/ontonotes_charlm.pt",))
    result = cli("models", "status", "--json", db=False)
    assert result.exit_code == 6
    status = json.loads(result.stdout)
    assert status["ready"] is False
    assert status["reason"].endswith("(missing: ner)")
    assert [m["present"] for m in status["models"] if m["processor"] == "ner"] == [False]


@needs_stanza
def test_dir_option_wins_over_the_environment(cli, models_dir, tmp_path):
    other = write_fake_models(tmp_path / "elsewhere")
    result = cli("models", "status", "--dir", str(other), "--json", db=False)
    assert json.loads(result.stdout)["directory"] == str(other)
    assert result.exit_code == 0


@needs_stanza
def test_download_that_cannot_reach_the_server_fails_in_one_line(cli, models_dir, monkeypatch):
    monkeypatch.setenv("STANZA_RESOURCES_URL", f"http://127.0.0.1:{_free_port()}")
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    result = cli("models", "download", db=False)
    assert result.exit_code == 6
    assert result.stdout == ""
    [line] = result.stderr.strip().splitlines()
    assert line.startswith(f"error: could not download stanza's English models into {models_dir}: cannot reach 127.0.0.1")


def test_download_without_stanza_says_how_to_install_it(cli, models_dir, monkeypatch):
    monkeypatch.setattr(stanza_models, "stanza_version", lambda: None)
    result = cli("models", "download", db=False)
    assert result.exit_code == 6
    assert "pip install 'quotetrack[stanza]'" in result.stderr


@needs_stanza
def test_ingest_with_stanza_engine_and_no_models_fails_before_touching_anything(cli, models_dir, db):
    result = cli("ingest", ARTICLE, "--engine", "stanza")
    assert result.exit_code == 6
    [line] = result.stderr.strip().splitlines()
    assert "run `quotetrack models download`" in line
    if db.startswith("sqlite"):
        assert not Path(db.removeprefix("sqlite:///")).exists()
    else:  # a database opened even once would hold the migrated tables
        engine = create_engine(db)
        assert inspect(engine).get_table_names() == []
        engine.dispose()


@needs_stanza
def test_ingest_auto_without_models_uses_the_rules_and_says_so_once(cli, models_dir):
    result = cli("ingest", ARTICLE, str(ARTICLES / "wire-ukraine-aid.txt"), "--engine", "auto")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("2 articles: 2 new")
    notes = [line for line in result.stderr.splitlines() if "using the rules engine" in line]
    assert len(notes) == 1 and "quotetrack models download" in notes[0]


@needs_stanza
def test_quiet_ingest_keeps_the_fallback_note_to_itself(cli, models_dir):
    result = cli("ingest", ARTICLE, "--quiet")
    assert result.exit_code == 0
    assert result.stderr == ""


def test_rules_engine_says_nothing_about_stanza(cli, models_dir):
    result = cli("extract", ARTICLE, "--engine", "rules", "--format", "json", db=False)
    assert result.exit_code == 0
    assert result.stderr == ""
    assert any(row["speaker"] == "Volodymyr Zelenskiy" for row in json.loads(result.stdout))


def test_unknown_engine_is_a_usage_error(cli, models_dir):
    result = cli("extract", ARTICLE, "--engine", "spacy", db=False)
    assert result.exit_code == 2
    assert "unknown engine 'spacy'" in result.stderr


@needs_stanza
def test_extract_runs_the_stanza_annotation_through_the_shared_sieves(cli, models_dir, monkeypatch, tmp_path):
    import stanza

    import stanza_docs as docs

    class HandAnnotatedPipeline:
        """Stands in for the models: the hand-written Document of the article's text."""

        def __init__(self, **options):
            assert options["download_method"] is None

        def __call__(self, text):
            assert text == docs.ORGANISATION[0]
            return docs.build_document(*docs.ORGANISATION)

    monkeypatch.setattr(stanza, "Pipeline", HandAnnotatedPipeline)
    write_fake_models(models_dir)
    article = tmp_path / "freight.txt"
    article.write_text(docs.ORGANISATION[0], "utf-8")
    result = cli("extract", str(article), "--format", "json", db=False)
    assert result.exit_code == 0, result.output
    [row] = json.loads(result.stdout)
    assert (row["speaker"], row["speaker_kind"]) == ("Northwind Freight", "organisation")

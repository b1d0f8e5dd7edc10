"""Choosing the engine: rules always, stanza only when it and its models can run, and auto
falling back to the rules with a note; never a download."""

from __future__ import annotations


import pytest

from conftest import needs_stanza
from fake_models import write_fake_models
from quotetrack.extract import stanza_models
from quotetrack.extract.annotate import RuleAnnotator
from quotetrack.extract.engines import EngineUnavailable, choose_engine



@pytest.fixture
def downloads(monkeypatch) -> list[str]:
    """Every URL stanza tries to fetch; the engine must never fetch one."""
    import stanza.resources.common

    fetched: list[str] = []

    def refuse(url, path, proxies, raise_for_status=False):
        fetched.append(url)
        raise OSError("a download was attempted")

    monkeypatch.setattr(stanza.resources.common, "download_file", refuse)
    return fetched


@pytest.fixture
def without_stanza(monkeypatch):
    """A machine where stanza is not installed."""
    monkeypatch.setattr(stanza_models, "stanza_version", lambda: None)
    monkeypatch.delenv("STANZA_RESOURCES_DIR", raising=False)


def test_rules_engine_needs_nothing(without_stanza):
    choice = choose_engine("rules")
    assert choice.name == "rules" and choice.note is None
    assert isinstance(choice.annotate("He said so."), RuleAnnotator)


def test_unknown_engine_is_refused():
    with pytest.raises(ValueError, match="unknown engine 'spacy'"):
        choose_engine("spacy")


def test_auto_without_stanza_is_the_rules_without_a_word(without_stanza):
    choice = choose_engine("auto")
    assert choice.name == "rules" and choice.note is None


def test_stanza_without_stanza_says_how_to_install_it(without_stanza):
    with pytest.raises(EngineUnavailable, match=r"pip install 'quotetrack\[stanza\]'"):
        choose_engine("stanza")


@needs_stanza
def test_stanza_without_models_fails_at_once_saying_to_download(tmp_path, downloads):
    with pytest.raises(EngineUnavailable) as raised:
        choose_engine("stanza", tmp_path / "models")
    message = str(raised.value)
    assert "\n" not in message and "run `quotetrack models download`" in message
    assert downloads == []


@needs_stanza
def test_auto_without_models_falls_back_and_says_why(tmp_path, downloads):
    choice = choose_engine("auto", tmp_path / "models")
    assert choice.name == "rules"
    assert "quotetrack models download" in choice.note
    assert downloads == []


@needs_stanza
def test_models_that_do_not_load_are_reported_not_downloaded(tmp_path, downloads):
    folder = write_fake_models(tmp_path / "models")
    assert stanza_models.models_status(folder).ready
    with pytest.raises(EngineUnavailable, match="did not load"):
        choose_engine("stanza", folder)
    choice = choose_engine("auto", folder)
    assert choice.name == "rules" and "did not load" in choice.note
    assert downloads == []


@needs_stanza
def test_auto_uses_stanza_when_its_models_load(tmp_path, monkeypatch, downloads):
    import stanza

    import stanza_docs as docs

    built: list[dict] = []

    class HandAnnotatedPipeline:
        """Stands in for the models: the hand-written Document of a known text."""

        def __init__(self, **options):
            built.append(options)

        def __call__(self, text):
            return docs.build_document(*docs.ORGANISATION)

    monkeypatch.setattr(stanza, "Pipeline", HandAnnotatedPipeline)
    folder = write_fake_models(tmp_path / "models")
    choice = choose_engine("auto", folder)
    assert choice.name == "stanza" and choice.note is None
    assert built == [{"lang": "en", "dir": str(folder), "processors": "tokenize,mwt,pos,lemma,depparse,ner",
                      "download_method": None, "logging_level": "CRITICAL"}]
    annotation = choice.annotate(docs.ORGANISATION[0])
    assert [(n.text, n.label) for n in annotation.names()] == [("Northwind Freight", "ORG")]
    assert downloads == []

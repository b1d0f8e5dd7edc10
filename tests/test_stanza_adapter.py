"""The stanza adapter on real stanza Documents built from hand-written annotation, and the
pipeline on real models when they are downloaded."""

from __future__ import annotations

import os

import pytest

if not os.environ.get("QUOTETRACK_REQUIRE_STANZA"):
    pytest.importorskip("stanza", reason="stanza is not installed (make install-stanza)")

import stanza_docs as docs  # noqa: E402
from stanza.models.common.doc import Document  # noqa: E402

from quotetrack.article import GROUP, ORGANISATION, PERSON, Article  # noqa: E402
from quotetrack.extract import extract  # noqa: E402
from quotetrack.extract.stanza_engine import StanzaAnnotation, StanzaAnnotator  # noqa: E402
from quotetrack.extract.stanza_models import models_status  # noqa: E402


def annotated(case) -> tuple[str, StanzaAnnotation]:
    text, sentences = case
    return text, StanzaAnnotation(docs.build_document(text, sentences))


def quotes_of(case):
    text, annotation = annotated(case)
    return extract(Article("case.txt", text), annotation).quotes


def span_text(annotation: StanzaAnnotation, word: str, occurrence: int = 1):
    start = -1
    for _ in range(occurrence):
        start = annotation.text.index(word, start + 1)
    found = annotation.subject_of(start, start + len(word))
    return annotation.text[found[0] : found[1]] if found else None


def test_long_appositive_subject_comes_out_whole():
    _, annotation = annotated(docs.APPOSITIVE)
    assert span_text(annotation, "said") == (
        "Mykhailo Podolyak, an adviser to the head of the presidential office who has led two rounds of talks"
    )


def test_long_appositive_speaker_is_the_name_with_its_description():
    [quote] = quotes_of(docs.APPOSITIVE)
    assert quote.text == "We will not trade land for promises,"
    assert quote.speaker.name == "Mykhailo Podolyak"
    assert quote.speaker.kind == PERSON
    assert quote.speaker.description.startswith("an adviser to the head of the presidential office")
    assert quote.rule == "trailing_cue"


def test_quoted_as_saying_takes_the_subject_of_quoted():
    _, annotation = annotated(docs.QUOTED_AS_SAYING)
    assert span_text(annotation, "saying") == "Ms Kovacs"
    [quote] = quotes_of(docs.QUOTED_AS_SAYING)
    assert quote.speaker.name == "Kovacs"
    assert quote.speaker_as_written == "Ms Kovacs"


def test_coordinated_speakers_are_one_group_named_as_written():
    _, annotation = annotated(docs.COORDINATED)
    assert span_text(annotation, "said") == "Anna Berg and Tomas Lind"
    [quote] = quotes_of(docs.COORDINATED)
    assert quote.speaker.kind == GROUP
    assert quote.speaker.name == "Anna Berg and Tomas Lind"


def test_organisation_entity_makes_an_organisation_speaker():
    [quote] = quotes_of(docs.ORGANISATION)
    assert quote.speaker.name == "Northwind Freight"
    assert quote.speaker.kind == ORGANISATION


def test_relative_pronoun_subject_stands_for_the_noun_it_describes():
    _, annotation = annotated(docs.RELATIVE_CLAUSE)
    assert span_text(annotation, "said") == "Ms Shah"


def test_no_subject_for_a_word_that_has_none():
    _, annotation = annotated(docs.ORGANISATION)
    assert span_text(annotation, "statement") is None
    assert annotation.subject_of(len(annotation.text) + 5, len(annotation.text) + 9) is None


def test_names_map_stanza_entity_types_and_drop_the_rest():
    text = "Kyiv and the Kremlin traded claims, Ukrainian officials said on Monday."
    rows = [[
        ("Kyiv", "PROPN", 5, "nsubj", "S-GPE"),
        ("and", "CCONJ", 4, "cc", "O"),
        ("the", "DET", 4, "det", "O"),
        ("Kremlin", "PROPN", 1, "conj", "S-ORG"),
        ("traded", "VERB", 0, "root", "O"),
        ("claims", "NOUN", 5, "obj", "O"),
        (",", "PUNCT", 10, "punct", "O"),
        ("Ukrainian", "ADJ", 9, "amod", "S-NORP"),
        ("officials", "NOUN", 10, "nsubj", "O"),
        ("said", "VERB", 5, "parataxis", "O"),
        ("on", "ADP", 12, "case", "O"),
        ("Monday", "PROPN", 10, "obl", "S-DATE"),
        (".", "PUNCT", 5, "punct", "O"),
    ]]
    annotation = StanzaAnnotation(docs.build_document(text, rows))
    assert [(n.text, n.label) for n in annotation.names()] == [
        ("Kyiv", "PLACE"), ("Kremlin", "ORG"), ("Ukrainian", "ORG"),
    ]
    assert span_text(annotation, "said") == "Ukrainian officials"


def test_sentence_ends_are_stanza_sentences_and_paragraph_breaks():
    text = "He left. She stayed\n\nThey waited."
    rows = [
        [("He", "PRON", 2, "nsubj", "O"), ("left", "VERB", 0, "root", "O"), (".", "PUNCT", 2, "punct", "O")],
        [("She", "PRON", 2, "nsubj", "O"), ("stayed", "VERB", 0, "root", "O")],
        [("They", "PRON", 2, "nsubj", "O"), ("waited", "VERB", 0, "root", "O"), (".", "PUNCT", 2, "punct", "O")],
    ]
    annotation = StanzaAnnotation(docs.build_document(text, rows))
    assert annotation.sentence_ends() == [8, 19, 20, len(text)]


def test_words_inside_a_multi_word_token_use_the_token_offsets():
    text = "He's said: “No.”"
    entries = [[
        {"id": (1, 2), "text": "He's", "start_char": 0, "end_char": 4, "ner": "O"},
        {"id": 1, "text": "He", "upos": "PRON", "head": 3, "deprel": "nsubj"},
        {"id": 2, "text": "'s", "upos": "AUX", "head": 3, "deprel": "aux"},
        {"id": 3, "text": "said", "upos": "VERB", "head": 0, "deprel": "root", "start_char": 5, "end_char": 9, "ner": "O"},
        {"id": 4, "text": ":", "upos": "PUNCT", "head": 3, "deprel": "punct", "start_char": 9, "end_char": 10, "ner": "O"},
        {"id": 5, "text": "“", "upos": "PUNCT", "head": 6, "deprel": "punct", "start_char": 11, "end_char": 12, "ner": "O"},
        {"id": 6, "text": "No", "upos": "INTJ", "head": 3, "deprel": "ccomp", "start_char": 12, "end_char": 14, "ner": "O"},
        {"id": 7, "text": ".", "upos": "PUNCT", "head": 6, "deprel": "punct", "start_char": 14, "end_char": 15, "ner": "O"},
        {"id": 8, "text": "”", "upos": "PUNCT", "head": 6, "deprel": "punct", "start_char": 15, "end_char": 16, "ner": "O"},
    ]]
    annotation = StanzaAnnotation(Document(entries, text=text))
    assert annotation.subject_of(5, 9) == (0, 4)


def test_rule_and_stanza_paths_agree_where_the_rules_already_know():
    """A plain “Q,” X said gets the same speaker from both engines: one attribution path."""
    [quote] = quotes_of(docs.RELATIVE_CLAUSE)
    [rules_quote] = extract(Article("case.txt", docs.RELATIVE_CLAUSE[0])).quotes
    assert quote.speaker.name == rules_quote.speaker.name == "Shah"


MODELS = models_status()
needs_models = pytest.mark.skipif(
    not MODELS.ready,
    reason=f"needs stanza's English models, which are not downloaded here ({MODELS.reason}); "
    "run `quotetrack models download` to run this test",
)


@pytest.fixture(scope="module")
def pipeline():
    return StanzaAnnotator(MODELS.directory)


@needs_models
def test_pipeline_from_downloaded_models_annotates_an_article(pipeline):
    text = docs.APPOSITIVE[0] + "\n\n" + docs.ORGANISATION[0]
    annotation = pipeline(text)
    assert text.index("\n") in annotation.sentence_ends()
    assert ("Mykhailo Podolyak", "PERSON") in [(n.text, n.label) for n in annotation.names()]
    said = text.index("said")
    subject = annotation.subject_of(said, said + 4)
    assert subject is not None and text[subject[0] : subject[1]].startswith("Mykhailo Podolyak")


@needs_models
def test_pipeline_from_downloaded_models_finds_the_hard_speakers(pipeline):
    for case, speaker in ((docs.APPOSITIVE, "Mykhailo Podolyak"), (docs.QUOTED_AS_SAYING, "Kovacs"),
                          (docs.ORGANISATION, "Northwind Freight")):
        text = case[0]
        [quote] = extract(Article("case.txt", text), pipeline(text)).quotes
        assert quote.speaker is not None and quote.speaker.name == speaker, text

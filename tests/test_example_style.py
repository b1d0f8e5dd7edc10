"""The user's example article, in a fixture of our own written in the same style
(British broadsheet, scraped ` date ` line, photo credits, sign-off): every quoted
passage found, each with the right person, and nothing else."""

import json

from conftest import ARTICLES, FIXTURES, GOLD

from quotetrack.evaluate import evaluate
from quotetrack.extract import extract
from quotetrack.sources import read_file

STEM = "broadsheet-kyiv-strikes"


def direct_and_partial():
    article = read_file(str(ARTICLES / f"{STEM}.txt"))
    return article, [q for q in extract(article).quotes if q.kind != "indirect"]


def test_scraped_date_line_gives_the_date_and_keeps_the_caption_out_of_the_header():
    article, _ = direct_and_partial()
    assert article.published.isoformat() == "2025-09-19"
    assert article.text.startswith("Firefighters work through the night")


def test_all_twelve_quotes_found_with_their_speakers():
    _, quotes = direct_and_partial()
    gold = json.loads((GOLD / f"{STEM}.json").read_text("utf-8"))["quotes"]
    assert [(q.text, q.speaker.name) for q in quotes] == [(g["text"], g["speaker"]) for g in gold]


def test_country_as_speaker_is_an_organisation():
    _, quotes = direct_and_partial()
    assert (quotes[0].speaker.name, quotes[0].speaker.kind) == ("Ukraine", "organisation")


def test_one_speaker_for_every_form_of_a_name_in_the_article():
    _, quotes = direct_and_partial()
    written = {q.speaker_as_written for q in quotes if q.speaker.name == "Volodymyr Zelenskiy"}
    assert {"Volodymyr Zelenskiy", "Mr Zelenskiy", "he", "He"} <= written
    podolyak = {q.speaker_as_written.split(",")[0] for q in quotes if q.speaker.name == "Mykhailo Podolyak"}
    assert podolyak == {"Mykhailo Podolyak", "Mr Podolyak"}


def test_photo_credits_and_sign_off_are_not_speakers():
    article, _ = direct_and_partial()
    names = {q.speaker.name for q in extract(article).quotes if q.speaker}
    assert not any("Getty" in n or "Photograph" in n or "Guardian" in n or "AFP" in n for n in names)


def test_apostrophes_do_not_open_quotes_and_insertions_stay():
    _, quotes = direct_and_partial()
    texts = [q.text for q in quotes]
    assert "calculated message [to Washington] that Russia can talk and bomb at the same time," in texts
    assert not any(t.startswith("s ") or t.startswith("t ") for t in texts)


def test_quotes_the_text_does_not_attribute_to_the_sentence_subject():
    _, quotes = direct_and_partial()
    speakers = {q.text: q.speaker.name for q in quotes}
    assert speakers["a free pass to keep killing"] == "Mykhailo Podolyak"


def test_bundled_fixtures_meet_the_accuracy_targets():
    score = evaluate(FIXTURES)
    assert score.f1 >= 0.95
    assert score.speaker_accuracy >= 0.93

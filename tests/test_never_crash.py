"""The extractor never raises on any text, and every quote's text is the article text at
its offsets: random text, random quote marks, adversarial shapes, and very large input."""

import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quotetrack.article import Article
from quotetrack.extract import extract

MARKS = "“”„«»\"‘’‚‹›'"
NEWS_WORDS = ["said", "Mr", "Smith", "he", "she", "the", "minister", "told", "Reuters", ",", ".", ":", "—",
              "according", "to", "Anna", "Weber", "officials", "a", "source", "\n\n", "\n", " ", "…", "[", "]"]


def check(text: str) -> None:
    extraction = extract(Article("t", text))
    for quote in extraction.quotes:
        assert text[quote.start : quote.end] == quote.text
        assert 0 <= quote.start <= quote.end <= len(text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_any_unicode_text(text):
    check(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(list(MARKS)), st.sampled_from(NEWS_WORDS)), max_size=200))
def test_news_shaped_text_with_random_marks(tokens):
    check(" ".join(tokens))


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=MARKS + " \n", max_size=500))
def test_nothing_but_marks_and_space(text):
    check(text)


def test_fifty_thousand_marks_in_a_row():
    for mark in "“”\"'‘’":
        check(mark * 50_000)


def test_five_megabytes_without_a_newline_returns():
    sentence = "“We will rebuild,” said Anna Weber, and officials said the city’s plan was “a start” "
    text = sentence * (5_000_000 // len(sentence))
    started = time.monotonic()
    check(text)
    assert time.monotonic() - started < 120  # generous: a hang, not speed, is what this guards

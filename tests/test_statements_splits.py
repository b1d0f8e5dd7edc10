"""Which quotes of an article are the two halves of one sentence split around its cue."""

from __future__ import annotations

import re

import pytest

from quotetrack.statements.splits import Span, continues_previous


def halves(text: str, speakers: tuple[int | None, ...] = (1, 1)) -> list[bool]:
    """Quotes are what stands between curly marks; each is given the next speaker id."""
    spans = [Span(m.start(1), m.end(1), m.group(1), speaker)
             for m, speaker in zip(re.finditer(r"“([^”]*)”", text), speakers)]
    return continues_previous(text, spans)


@pytest.mark.parametrize("text", [
    "“We are grateful,” the president said, “but gratitude does not shoot down missiles.”",
    # the comma outside the closing mark, as British papers print it
    "“We are grateful”, the president said, “but gratitude does not shoot down missiles.”",
    # a full stop that ends an abbreviation, not the sentence
    "“We are grateful,” Mr. Zelensky told reporters in Kyiv, “but gratitude does not shoot down missiles.”",
    "“We are grateful,” said Volodymyr Zelensky, the Ukrainian president, “but it does not shoot down missiles.”",
])
def test_a_sentence_split_around_its_cue_is_one(text):
    assert halves(text) == [False, True]


@pytest.mark.parametrize("text", [
    # two sentences: the cue ends with a full stop
    "“We are grateful,” he said. “But gratitude does not shoot down missiles.”",
    # a new sentence after the cue introduces the second quote
    "“We are grateful,” he said. He added, “gratitude does not shoot down missiles.”",
    # a colon introduces a quote of its own
    "“We are grateful,” he said: “gratitude does not shoot down missiles.”",
    # the first quote ends its sentence
    "“We are grateful.” he said, “gratitude does not shoot down missiles.”",
    # another paragraph
    "“We are grateful,” he said,\n\n“gratitude does not shoot down missiles.”",
])
def test_two_sentences_are_not_halves(text):
    assert halves(text) == [False, False]


def test_halves_have_one_speaker():
    text = "“We are grateful,” the president said, “but gratitude does not shoot down missiles.”"
    assert halves(text, speakers=(1, 2)) == [False, False]

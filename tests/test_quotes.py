"""Quote-span detection: every mark convention of news copy, one sentence each."""

from quotetrack.extract.quotes import find_quote_spans, quote_style


def spans(text: str) -> list[str]:
    return [text[s.start : s.end] for s in find_quote_spans(text)]


def test_curly_double_quotes():
    assert spans("“We will rebuild,” she said.") == ["We will rebuild,"]


def test_straight_double_quotes():
    assert spans('"We will rebuild," she said. "Every street."') == ["We will rebuild,", "Every street."]


def test_single_quote_primary_tabloid_with_apostrophes_inside():
    text = "Okonjo raged: ‘I didn’t see it and the lad’s never been fouled. We’re gutted.’"
    assert quote_style(text) == "single"
    assert spans(text) == ["I didn’t see it and the lad’s never been fouled. We’re gutted."]


def test_apostrophes_never_open_or_close_a_quote():
    text = "Ukraine’s students’ union said it’s back to the ’90s, rock ’n’ roll and O’Brien’s pub."
    assert spans(text) == []


def test_plural_possessive_inside_single_quoted_quote():
    text = "‘The students’ union will fight this,’ she said."
    assert spans(text) == ["The students’ union will fight this,"]


def test_nested_quote_of_the_other_kind_stays_inside():
    text = "“He told me ‘we’re done here,’ and walked out,” she said."
    assert spans(text) == ["He told me ‘we’re done here,’ and walked out,"]


def test_double_quotes_nested_inside_single_quote_primary():
    text = "‘He shouted “get off the pitch” at me,’ the striker said. ‘It was wild.’"
    assert spans(text) == ["He shouted “get off the pitch” at me,", "It was wild."]


def test_multi_paragraph_quote_is_one_span():
    text = "“The first paragraph of my answer.\n\n“The second paragraph, and the end,” he said."
    found = spans(text)
    assert found == ["The first paragraph of my answer.\n\n“The second paragraph, and the end,"]


def test_unbalanced_mark_never_pairs_across_paragraphs():
    text = "He called it “a mess.\n\nThe council met on Tuesday. “We agree,” the mayor said."
    assert spans(text) == ["We agree,"]


def test_stray_closing_mark_is_ignored():
    assert spans("Turnout was 22%.” Officials said “more later” was likely.") == ["more later"]


def test_bracketed_insertion_and_ellipsis_stay_in_the_quote():
    text = "It was a “way to show his [Putin’s] boundlessness … and contempt,” he posted."
    assert spans(text) == ["way to show his [Putin’s] boundlessness … and contempt,"]


def test_guillemets_and_low_nine_marks():
    assert spans("Il a dit: «Nous restons.»") == ["Nous restons."]
    assert spans("Sie sagte: „Wir bleiben.“") == ["Wir bleiben."]


def test_offsets_point_at_the_quoted_text():
    text = "Intro. “Quoted words,” he said."
    [span] = find_quote_spans(text)
    assert text[span.open_at] == "“" and text[span.close_at] == "”"
    assert text[span.start : span.end] == "Quoted words,"


def test_fifty_thousand_marks_in_a_row_pair_into_no_quote():
    text = "“" * 50_000
    assert spans(text) == []

"""Name folding, parsing and variant keys."""

import pytest

from quotetrack.speakers.names import fold, name_key, parse_name, variant_key


@pytest.mark.parametrize("a, b", [("Erdoğan", "erdogan"), ("Sánchez", "SANCHEZ"), ("Mr. Trump", "mr trump"),
                                  ("Jean-Marie", "jean marie"), ("O’Brien", "obrien")])
def test_fold(a, b):
    assert fold(a) == fold(b)


@pytest.mark.parametrize("a, b", [("Zelenskiy", "Zelensky"), ("Zelenskyy", "Zelenskyi"), ("Podolyak", "Podoliak"),
                                  ("Dmitry", "Dmitriy"), ("Zelenskij", "Zelensky")])
def test_transliteration_variants_share_a_key(a, b):
    assert variant_key(a) == variant_key(b)


@pytest.mark.parametrize("a, b", [("Johnson", "Johnston"), ("Marine", "Jean-Marie"), ("Maria", "Mario")])
def test_different_names_keep_different_keys(a, b):
    assert variant_key(a) != variant_key(b)


@pytest.mark.parametrize(
    "text, titles, given, surname",
    [
        ("Prime Minister Mark Carney", ("Prime", "Minister"), "Mark", "Carney"),
        ("Mr Zelenskiy’s", ("Mr",), None, "Zelenskiy"),
        ("Sir Ed", ("Sir",), "Ed", None),
        ("Ursula von der Leyen", (), "Ursula", "von der Leyen"),
        ("Judge Caroline Ashby KC", ("Judge",), "Caroline", "Ashby"),
        ("Mr King", ("Mr",), None, "King"),
        ("Prime Minister", ("Prime", "Minister"), None, None),
    ],
)
def test_parse_name(text, titles, given, surname):
    parsed = parse_name(text)
    assert (parsed.titles, parsed.given, parsed.surname) == (titles, given, surname)


def test_name_key_ignores_titles_and_transliteration():
    assert name_key("President Volodymyr Zelenskyy") == name_key("Volodymyr Zelenskiy")

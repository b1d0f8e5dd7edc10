"""When two quotes are one statement: folding, lookup keys and the decision, pair by pair."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from quotetrack.statements.keys import GUARANTEED_RUN, lookup_keys, speaker_key, speaker_mark, winnowed_keys
from quotetrack.statements.matching import FRAGMENT, IDENTICAL, NEAR, conflict, is_distinctive, same_statement
from quotetrack.statements.wording import wording

WHOLE = "We are grateful, but gratitude does not shoot down missiles. Delivery dates do,"


def decide(a: str, b: str) -> str | None:
    return same_statement(wording(a), wording(b))


def test_wording_folds_case_marks_punctuation_and_contractions():
    assert wording("“We’ve learned from the last two winters,”").words == wording(
        '"we have LEARNED from the last two winters."').words
    assert wording("We won't pay 10% more").folded == "we will not pay 10 percent more"
    assert wording("Café's owner — Renée").folded == "cafes owner renee"


def test_an_ellipsis_splits_the_wording_into_pieces():
    assert wording("We will rebuild … every house [...] in this city").segments == (
        ("we", "will", "rebuild"), ("every", "house"), ("in", "this", "city"))


@pytest.mark.parametrize("copy", [
    WHOLE,
    '"we are grateful but gratitude does not shoot down missiles; delivery dates do."',
    "We are grateful, but gratitude doesn’t shoot down missiles — Delivery dates do.",
])
def test_re_punctuated_copies_are_identical(copy):
    assert decide(WHOLE, copy) == IDENTICAL


@pytest.mark.parametrize("piece", [
    "gratitude does not shoot down missiles",                      # a partial quote
    "We are grateful, but gratitude does not shoot down missiles",  # trimmed at the end
    "but gratitude does not shoot down missiles. Delivery dates do",  # trimmed at the start
    "We are grateful … does not shoot down missiles",               # cut with an ellipsis
])
def test_pieces_of_a_quote_are_fragments_of_it(piece):
    assert decide(piece, WHOLE) == FRAGMENT
    assert decide(WHOLE, piece) == FRAGMENT


def test_two_trimmed_copies_that_overlap_are_one_statement():
    full = "Every system that arrives before the first frost is a power station that stays on and a hospital that keeps its lights"
    head = " ".join(full.split()[:16])
    tail = " ".join(full.split()[6:])
    assert decide(head, tail) == FRAGMENT
    assert decide(head, full) == FRAGMENT


def test_spelling_variants_are_near_identical():
    assert decide("The Ukrainian president, Volodymyr Zelenskiy, has organised the defence of the capital",
                  "the ukrainian president volodymyr zelensky has organized the defense of the capital") == NEAR


@pytest.mark.parametrize("look_alike", [
    # same opening words, another claim
    "We will not raise taxes on small businesses before the next election in the spring",
    # a negation
    "We will raise taxes on working families before the next election in the spring",
    # one word for another, spelled alike
    "We will not raise taxes on working families before the next election in the summer",
    # a number
    "We will not raise taxes on 40 working families before the next election in the spring",
])
def test_look_alikes_are_different_statements(look_alike):
    original = "We will not raise taxes on working families before the next election in the spring"
    assert decide(original, look_alike) is None


def test_a_changed_day_is_a_different_statement():
    assert decide("The budget will be published on Tuesday after the cabinet has met in the morning",
                  "The budget will be published on Thursday after the cabinet has met in the morning") is None


def test_a_cut_does_not_hide_a_negation():
    # Without the cut the words "not feel" would seem shared with "can't feel".
    full = "We cannot keep telling people that things are getting better when they can't feel it in their pay packets"
    look_alike = "keep telling people that things are not … feel it in their pay packets"
    assert decide(look_alike, full) is None


def test_a_piece_that_goes_on_differently_after_the_shared_words_is_another_statement():
    assert decide("People trust agencies that show up has been",
                  "People trust agencies that show up before the crisis, not after it.") is None


@pytest.mark.parametrize("phrase", ["We will see", "Thank you very much", "It is what it is",
                                    "we will see what happens"])
def test_short_generic_phrases_cannot_stand_alone(phrase):
    assert not is_distinctive(wording(phrase))
    # They never link to a longer statement that happens to contain them; identical ones
    # are left to the grouper, which links them for one speaker only.
    assert decide(phrase, f"{phrase} when the committee publishes the report on the harbour") is None


def test_speaker_keys_separate_identical_short_phrases_by_speaker():
    assert speaker_key(wording("Thank you."), 1) == speaker_key(wording("thank you"), 1)
    assert speaker_key(wording("Thank you."), 1) != speaker_key(wording("Thank you."), 2)


def test_any_shared_run_of_guaranteed_length_shares_a_winnowed_key():
    whole = wording("In the end the harbour board chose the cheaper bid and the town has paid for it ever since")
    words = whole.words
    for start in range(len(words) - GUARANTEED_RUN + 1):
        piece = wording(" ".join(words[start:start + GUARANTEED_RUN]))
        if is_distinctive(piece):
            assert winnowed_keys(piece) & winnowed_keys(whole), piece.folded


def test_copies_share_keys_and_unrelated_quotes_share_none():
    copy = "We are grateful but gratitude doesn't shoot down missiles — delivery dates do."
    unrelated = "The harbour board chose the cheaper bid and the town has paid for it ever since."
    assert lookup_keys(wording(WHOLE)) & lookup_keys(wording(copy))
    assert not lookup_keys(wording(WHOLE)) & lookup_keys(wording(unrelated))


def test_a_cut_piece_that_shares_no_run_must_still_agree():
    look_alike = "We are not grateful … not shoot down missiles. Delivery dates do,"
    assert decide("are grateful but gratitude does not shoot down missiles; Delivery.", look_alike) is None


def test_a_generic_piece_joins_only_a_statement_by_the_same_speaker():
    whole = "You don't want to be the one figuring it out at two in the morning"
    piece = "it out at two in the"
    assert not is_distinctive(wording(piece))
    assert same_statement(wording(piece), wording(whole), same_speaker=True) == FRAGMENT
    assert same_statement(wording(piece), wording(whole)) is None


@pytest.mark.parametrize("piece", [
    "We will see",               # too short to be evidence even for one speaker
    "we are going to do it",     # five words, none of them a content word
    "at two in the afternoon",   # not in the statement as it stands
])
def test_a_generic_piece_must_be_long_specific_and_whole_inside(piece):
    whole = "We will see; we are going to do it, and we'll be done at two in the morning"
    assert same_statement(wording(piece), wording(whole), same_speaker=True) is None


def test_a_pair_of_common_words_at_the_edge_is_no_anchor():
    whole = "This is not charity. It is an investment in food security for the whole world."
    assert decide("is not an investment in food security for the whole world", whole) is None
    assert decide("is an investment in food security for the whole world", whole) == FRAGMENT


def test_a_cut_does_not_hide_a_negation_next_to_it():
    copy = "No parent should be … whether their child is protected."
    assert decide(copy, "should not be left unsure about whether their child is protected") is None
    assert decide(copy, "should be left unsure about whether their child is protected") == FRAGMENT


def test_a_cut_piece_lining_up_around_a_number_is_another_statement():
    copy = "Our crews shipped tonnes … before the end of the month to every depot in the region"
    assert decide(copy, "shipped 40 tonnes of grain before the end of the month to every depot in the region") is None
    assert decide(copy, "shipped tonnes of grain before the end of the month to every depot in the region") == FRAGMENT


def test_conflict_is_a_shared_run_that_cannot_be_one_text():
    source = wording("We will not raise taxes on working families before the next election")
    assert conflict(source, wording("We will not raise taxes on small businesses before the next election"))
    assert not conflict(source, wording("not raise taxes on working families"))  # a piece of it
    assert not conflict(source, wording("The harbour board chose the cheaper bid"))  # nothing shared


def test_keys_are_the_same_in_every_process():
    """Keys are stored in the database, so they must not depend on Python's per-process hash seed."""
    script = ("from quotetrack.statements.keys import lookup_keys, speaker_mark;"
              "from quotetrack.statements.wording import wording;"
              f"print(sorted(lookup_keys(wording({WHOLE!r}))), speaker_mark(7))")
    runs = {subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2")}
    assert runs == {f"{sorted(lookup_keys(wording(WHOLE)))} {speaker_mark(7)}\n"}


def test_speaker_marks_differ_by_speaker():
    assert speaker_mark(1) != speaker_mark(2)
    assert speaker_mark(1) not in lookup_keys(wording(WHOLE))


def test_pieces_given_to_one_speaker_need_only_one_content_word_in_common():
    whole = wording("There were things we communicated poorly during Covid, and I've said that")
    cut = wording("There were things we … Covid, and I've said that publicly.")
    # They share ten words, but only "covid" among them says anything.
    assert same_statement(cut, whole) is None
    assert same_statement(cut, whole, same_speaker=True) == FRAGMENT
    # For one speaker too, two quotes that go on differently are two statements.
    assert same_statement(wording("There were things we communicated poorly during Covid, and we paid for it"),
                          whole, same_speaker=True) is None


def test_a_cut_does_not_hide_a_changed_year_beside_a_shared_word():
    copy = "2026 — Then 2027. Now … I'd bet my house it'll be later."
    assert decide(copy, "They promised balance in 2029. Then … and I'd bet my house it'll be later.") is None
    assert decide(copy, "They promised balance in 2026. Then 2027. Now it's 2030, and I'd bet my house it'll be later.") \
        == FRAGMENT

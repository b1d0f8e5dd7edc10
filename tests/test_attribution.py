"""Attribution: each news convention the sieves handle, with a sentence of that convention.

Every test runs the whole extractor on a short article, as ingest does, and checks
the speaker it stored for the quote and the rule that decided it.
"""

import pytest

from quotetrack.article import Article
from quotetrack.extract import extract


def found(text: str) -> dict[str, tuple]:
    """quote text -> (speaker name, speaker kind, quote kind, rule) for direct and partial quotes."""
    result = {}
    for quote in extract(Article("test", text)).quotes:
        if quote.kind == "indirect":
            continue
        speaker = quote.speaker
        result[quote.text] = (speaker.name if speaker else None, speaker.kind if speaker else None, quote.kind, quote.rule)
    return result


def speaker_of(text: str, quote: str) -> str | None:
    return found(text)[quote][0]


INTRO = "Anna Weber, Germany’s economy minister, spoke in Berlin on Monday.\n\n"


@pytest.mark.parametrize(
    "text, quote, speaker",
    [
        ("“We will not pay,” Anna Weber said.", "We will not pay,", "Anna Weber"),
        ("“We will not pay,” said Anna Weber.", "We will not pay,", "Anna Weber"),
        ("Anna Weber said: “We will not pay.”", "We will not pay.", "Anna Weber"),
        ("Anna Weber said “we will not pay” and left.", "we will not pay", "Anna Weber"),
        ("Anna Weber told reporters: “We will not pay.”", "We will not pay.", "Anna Weber"),
        ("“We will not pay,” Anna Weber told Reuters.", "We will not pay,", "Anna Weber"),
        ("“We will not pay,” Anna Weber wrote on Facebook.", "We will not pay,", "Anna Weber"),
        (INTRO + "In a post on Telegram, she wrote: “We will not pay.”", "We will not pay.", "Anna Weber"),
        ("“Nobody expected it,” Anna Weber insisted.", "Nobody expected it,", "Anna Weber"),
        ("“Nobody expected it,” Anna Weber quipped.", "Nobody expected it,", "Anna Weber"),
        ("“Nobody expected it,” according to Anna Weber.", "Nobody expected it,", "Anna Weber"),
    ],
)
def test_cue_beside_the_quote_in_either_order(text, quote, speaker):
    assert speaker_of(text, quote) == speaker


def test_split_quote_takes_its_cue_for_both_halves():
    text = "“We will rebuild,” Mayor Tom Reilly said, “every single street.”"
    result = found(text)
    assert result["We will rebuild,"][0] == "Tom Reilly"
    assert result["every single street."][0] == "Tom Reilly"


def test_title_before_name_is_description_not_name():
    text = "Germany’s Economy Minister Anna Weber said: “Energy prices will fall.”"
    [quote] = extract(Article("t", text)).quotes[:1]
    assert quote.speaker.name == "Anna Weber"
    assert "Economy Minister" in quote.speaker.description


def test_appositive_after_name_before_verb():
    text = ("Mykhailo Podolyak, an adviser to the head of Mr Zelenskiy’s office, said any call "
            "“inevitably results in shelling”.")
    quote = extract(Article("t", text)).quotes[0]
    assert quote.speaker.name == "Mykhailo Podolyak"
    assert quote.speaker.description.startswith("an adviser to the head")


@pytest.mark.parametrize(
    "text, speaker, description",
    [
        ("“It will not last,” said Tom Reilly, a former Treasury official now at a Washington think tank.",
         "Tom Reilly", "a former Treasury official"),
        ("“We are barely open,” said Maria Lopez, 52, who runs a bakery nearby.", "Maria Lopez", "52"),
        ("“It passed,” said Sen. Karen Whitfield, D-Texas.", "Karen Whitfield", "D-Texas"),
    ],
)
def test_inverted_cue_with_appositive(text, speaker, description):
    quote = extract(Article("t", text)).quotes[0]
    assert quote.speaker.name == speaker
    assert description in quote.speaker.description


def test_role_then_name_appositive():
    text = "The acting governor of the region, Yury Slyusar, said: “Two drones were shot down.”"
    assert speaker_of(text, "Two drones were shot down.") == "Yury Slyusar"


@pytest.mark.parametrize(
    "text, quote",
    [
        ("Tom Reilly said the plan was “a good start” for the city.", "a good start"),
        ("Tom Reilly described the raid as “a deliberate act of terror”.", "a deliberate act of terror"),
        ("Tom Reilly accused the mayor of “playing games with people’s lives”.", "playing games with people’s lives"),
    ],
)
def test_partial_quotes_inside_reported_speech(text, quote):
    name, _, kind, _ = found(text)[quote]
    assert (name, kind) == ("Tom Reilly", "partial")


def test_two_partial_quotes_in_one_sentence_share_the_speaker():
    text = "Tom Reilly described the raid as a “deliberate act” which “followed the call”."
    result = found(text)
    assert result["deliberate act"][0] == "Tom Reilly"
    assert result["followed the call"][:1] == ("Tom Reilly",)
    assert result["followed the call"][3] == "same_sentence"


def test_subject_of_the_sentence_is_not_the_speaker_when_the_cue_follows():
    text = ("Mykhailo Podolyak posted on Friday.\n\nMr Putin treated the calls as “a chance to humiliate”. "
            "It was a “way to show contempt,” Mr Podolyak posted on social media.")
    result = found(text)
    assert result["a chance to humiliate"][0] == "Mykhailo Podolyak"
    assert result["a chance to humiliate"][3] == "paragraph_cue"
    assert result["way to show contempt,"][0] == "Mykhailo Podolyak"


def test_quote_paragraph_after_an_attributed_quote_continues_its_speaker():
    text = "“We were ready,” said Sarah Okafor.\n\n“Nobody else was, and we said so for months.”"
    assert found(text)["Nobody else was, and we said so for months."][:1] == ("Sarah Okafor",)
    assert found(text)["Nobody else was, and we said so for months."][3] == "continuation"


def test_sentence_introducing_a_person_gives_the_next_quote_its_speaker():
    text = "Sarah Okafor has run the shelter for 11 years.\n\n“Every winter is worse than the one before it.”"
    name, _, _, rule = found(text)["Every winter is worse than the one before it."]
    assert (name, rule) == ("Sarah Okafor", "introduced")


def test_surname_and_mr_surname_resolve_to_the_full_name():
    text = ("Volodymyr Zelenskiy spoke on Friday.\n\n“We need air defence,” Mr Zelenskiy said.\n\n"
            "“Now, not next month,” Zelenskiy added.")
    result = found(text)
    assert result["We need air defence,"][0] == "Volodymyr Zelenskiy"
    assert result["Now, not next month,"][0] == "Volodymyr Zelenskiy"


def test_surname_named_first_and_quoted_later():
    text = ("Drones struck the town, the head of the district Oksana Yerokhanova said.\n\n"
            "“Stay away from the windows,” Yerokhanova wrote in a post on the Telegram messaging app.")
    assert speaker_of(text, "Stay away from the windows,") == "Oksana Yerokhanova"


def test_pronouns_agree_in_gender():
    text = ("Tom Reilly and Anna Weber met in Berlin.\n\n“It went well,” Anna Weber said.\n\n"
            "“We agreed on nothing,” he said.")
    assert speaker_of(text, "We agreed on nothing,") == "Tom Reilly"


def test_role_noun_resolves_to_the_person_with_that_role():
    text = ("Switzerland’s foreign ministry spokeswoman Annette Gerber confirmed the talks. "
            "“Our door is open,” the spokeswoman said.")
    assert speaker_of(text, "Our door is open,") == "Annette Gerber"


def test_the_ukrainian_president_resolves_to_the_president():
    text = ("President Volodymyr Zelenskiy arrived in Geneva.\n\n"
            "“We came to work,” the Ukrainian president told reporters.")
    assert speaker_of(text, "We came to work,") == "Volodymyr Zelenskiy"


@pytest.mark.parametrize(
    "text, quote, name, kind",
    [
        ("The health ministry said in a statement: “Stay indoors.”", "Stay indoors.", "Health Ministry", "organisation"),
        ("Ukraine has accused Russia of “publicly humiliating” its allies.", "publicly humiliating", "Ukraine", "organisation"),
        ("“We were never told,” residents said.", "We were never told,", "residents", "group"),
        ("“The bridge is unsafe,” officials said.", "The bridge is unsafe,", "officials", "group"),
        ("“It was a warning,” a police source, who was not authorised to speak publicly, said.",
         "It was a warning,", "a police source", "anonymous"),
    ],
)
def test_organisations_groups_and_anonymous_sources_are_their_own_kind(text, quote, name, kind):
    speaker, speaker_kind, _, _ = found(text)[quote]
    assert (speaker, speaker_kind) == (name, kind)


def test_i_and_we_inside_a_quote_are_never_its_speaker_nor_a_name_in_it():
    text = "Tom Reilly arrived late.\n\n“I told Anna Weber we would wait,” he said."
    assert speaker_of(text, "I told Anna Weber we would wait,") == "Tom Reilly"


@pytest.mark.parametrize(
    "text",
    [
        "The so-called “shadow fleet” kept sailing, officials said.",
        "She starred in the film “Northern Lights” last year.",
        "The striker, known as “the Professor”, scored twice.",
        "The council approved Operation “Iron Gate” on Monday.",
        "The systems produce what engineers call “hallucinations,” confident but false statements.",
        "The fire, which crews have taken to calling “the Dog Lake monster,” grew overnight.",
        "It is part of what is sometimes described as “asymmetrical federalism.” Others disagree.",
    ],
)
def test_scare_quotes_titles_and_nicknames_are_not_quotes(text):
    assert found(text) == {}


def test_a_naming_word_in_the_sentence_before_does_not_hide_a_quote():
    text = "Okafor forced a punt with two minutes to play.\n\n“Nobody is calling us small now,” Okafor said."
    assert "Nobody is calling us small now," in found(text)


def test_what_a_person_called_something_is_their_partial_quote():
    text = "Mark Delaney cautioned against what he called “doom headlines” about the reef."
    assert speaker_of(text, "doom headlines") == "Mark Delaney"


def test_claims_in_reported_speech_are_indirect_quotes():
    text = ("Mayor Tom Reilly said the bridge would reopen in May after repairs.\n\n"
            "According to the ministry, 23 people were injured in the attack.\n\n"
            "The union accused the board of ignoring its members for years.")
    claims = {q.text: q.speaker.name for q in extract(Article("t", text)).quotes if q.kind == "indirect"}
    assert claims["the bridge would reopen in May after repairs"] == "Tom Reilly"
    assert claims["23 people were injured in the attack"] == "Ministry"
    assert claims["ignoring its members for years"] == "Union"


def test_every_quote_keeps_its_evidence():
    quote = extract(Article("t", "“We will not pay,” Anna Weber said.")).quotes[0]
    assert quote.cue == "Anna Weber said"
    assert quote.speaker_as_written == "Anna Weber"
    assert quote.rule == "trailing_cue"
    assert 0 < quote.confidence <= 1


def test_a_title_of_the_other_gender_does_not_pick_a_namesake():
    text = ("Michael Kelly chairs the residents’ group; councillor Sarah Kelly backed the plan.\n\n"
            "“It will work,” Ms Kelly said.")
    assert speaker_of(text, "It will work,") == "Sarah Kelly"


def test_a_particle_surname_alone_is_the_person_named_in_full():
    text = "“We will win,” said Marine Le Pen.\n\n“And soon,” Ms Le Pen added."
    assert speaker_of(text, "And soon,") == "Marine Le Pen"


def test_the_subject_of_the_sentence_before_a_bare_quote_is_its_speaker():
    text = "“It passed,” said Anna Weber.\n\nAsked about the cost again, she was blunt. “Nobody will pay more.”"
    name, _, _, rule = found(text)["Nobody will pay more."]
    assert (name, rule) == ("Anna Weber", "sentence_subject")


@pytest.mark.parametrize(
    "text, quote, speaker",
    [
        ("“Stay out of the area,” said Cade County Sheriff Roy Ebberts.", "Stay out of the area,", "Roy Ebberts"),
        ("“We were right,” said Aoife Ní Bhriain.\n\n“And we still are,” Ms Ní Bhriain added.",
         "And we still are,", "Aoife Ní Bhriain"),
        ("“The board relied on its experts,” Máire Lyons SC told the court.", "The board relied on its experts,",
         "Máire Lyons"),
        ("“Gut the parking lots,” said Coun. Michael Park (Ward 3).", "Gut the parking lots,", "Michael Park"),
        ("TERRY Maddox has been sacked.\n\n“I found out by text,” Maddox said.", "I found out by text,", "Terry Maddox"),
        ("Provincial officials described the fire as “extreme” on Sunday.", "extreme", "Provincial officials"),
        ("Power may be off for “several days” in places, according to a statement from Oklahoma Gas & Electric.",
         "several days", "Oklahoma Gas & Electric"),
        ("The appeal court rejected that reasoning, finding the contracts “materially identical” in every case.",
         "materially identical", "Appeal Court"),
        ("The mine will close, in a blow the local mayor Col Hennessy says could “hollow out” the town.",
         "hollow out", "Col Hennessy"),
        ("A European diplomat in Kyiv, who asked not to be named, told Reuters: “The drones get louder.”",
         "The drones get louder.", "a European diplomat in Kyiv"),
    ],
)
def test_titles_particles_suffixes_groups_and_clause_subjects(text, quote, speaker):
    assert speaker_of(text, quote) == speaker

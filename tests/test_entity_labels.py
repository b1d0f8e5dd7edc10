"""Speaker phrases corrected by named-entity labels, and speakers who speak together;
none of this needs stanza installed."""

from __future__ import annotations

from quotetrack.article import GROUP, ORGANISATION, PERSON, Article
from quotetrack.extract import extract
from quotetrack.extract.annotate import NameSpan, RuleAnnotator
from quotetrack.extract.entities import with_entity_label
from quotetrack.extract.mentions import classify_speaker


def test_two_named_people_speaking_together_are_one_group():
    mention = classify_speaker("Anna Berg and Tomas Lind")
    assert (mention.kind, mention.name) == (GROUP, "Anna Berg and Tomas Lind")
    assert classify_speaker("Mr Hale & Ms Shah").kind == GROUP


def test_a_firm_named_with_and_is_not_split_into_people():
    assert classify_speaker("Marks and Spencer").kind != GROUP


def test_a_joint_statement_is_stored_under_the_group_by_the_rules_too():
    text = "Anna Berg and Tomas Lind said in a joint statement: “We are proud of every nurse.”"
    [quote] = extract(Article("joint.txt", text)).quotes
    assert (quote.speaker.kind, quote.speaker.name) == (GROUP, "Anna Berg and Tomas Lind")


def test_an_org_entity_makes_a_name_an_organisation():
    mention = classify_speaker("Northwind Freight", 40)
    assert mention.kind == PERSON
    labelled = with_entity_label(mention, [NameSpan(40, 57, "Northwind Freight", "ORG")])
    assert (labelled.kind, labelled.name) == (ORGANISATION, "Northwind Freight")


def test_an_org_entity_at_the_head_of_a_role_phrase_makes_an_organisation():
    mention = classify_speaker("the carrier Northwind", 0)
    assert mention.kind == PERSON
    labelled = with_entity_label(mention, [NameSpan(12, 21, "Northwind", "ORG")])
    assert (labelled.kind, labelled.name) == (ORGANISATION, "Northwind")


def test_an_entity_that_only_describes_a_role_changes_nothing():
    mention = classify_speaker("the Ukrainian president", 0)
    assert with_entity_label(mention, [NameSpan(4, 13, "Ukrainian", "ORG")]) == mention


def test_a_person_entity_overrides_a_place_word():
    mention = classify_speaker("Jordan", 10)
    assert mention.kind == ORGANISATION
    assert with_entity_label(mention, [NameSpan(10, 16, "Jordan", "PERSON")]).kind == PERSON


def test_rule_annotation_has_no_labels_and_changes_nothing():
    text = "“Every driver will be paid in full,” Northwind Freight said in a statement."
    assert all(not n.label for n in RuleAnnotator(text).names())
    mention = classify_speaker("Northwind Freight", 37)
    assert with_entity_label(mention, RuleAnnotator(text).names()) == mention

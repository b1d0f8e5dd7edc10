"""Word lists the extractor uses, loaded from the data files beside this module.

The lists are data, not logic: each file says where its words come from, and the
sieves in ``attribution`` only ask membership questions of them.
"""

from __future__ import annotations

from functools import cache
from importlib import resources


def _lines(name: str) -> list[str]:
    text = resources.files("quotetrack").joinpath("data", name).read_text("utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _inflect(lemma: str) -> tuple[str, str]:
    """Regular past and third-person forms: warn -> warned/warns, argue -> argued,
    cry -> cried/cries, stress -> stressed/stresses."""
    if lemma.endswith("e"):
        return lemma + "d", lemma + "s"
    if lemma.endswith("y") and lemma[-2] not in "aeiou":
        return lemma[:-1] + "ied", lemma[:-1] + "ies"
    third = lemma + "es" if lemma.endswith(("s", "sh", "ch", "x", "z")) else lemma + "s"
    return lemma + "ed", third


@cache
def speech_verbs() -> dict[str, str]:
    """Every inflected form of a speech verb mapped to its lemma (said -> say)."""
    forms: dict[str, str] = {}
    for line in _lines("speech_verbs.txt"):
        words = line.split()
        lemma = words[0]
        past, third = (words[1], words[2]) if len(words) == 3 else _inflect(lemma)
        for form in (lemma, past, third):
            forms[form] = lemma
        stem = lemma[:-1] if lemma.endswith("e") and not lemma.endswith("ee") else lemma
        forms[stem + "ing"] = lemma
    return forms


@cache
def titles() -> frozenset[str]:
    return frozenset(_lines("titles.txt"))


@cache
def role_nouns() -> frozenset[str]:
    return frozenset(_lines("role_nouns.txt"))


@cache
def organisation_words() -> frozenset[str]:
    return frozenset(_lines("organisation_words.txt"))


@cache
def company_endings() -> frozenset[str]:
    return frozenset(_lines("company_endings.txt"))


@cache
def group_nouns() -> frozenset[str]:
    return frozenset(_lines("group_nouns.txt"))


@cache
def places() -> frozenset[str]:
    return frozenset(word.lower() for word in _lines("places.txt"))


@cache
def generic_words() -> frozenset[str]:
    return frozenset(_lines("generic_words.txt"))


@cache
def negations() -> frozenset[str]:
    return frozenset(_lines("negations.txt"))


# Personal pronouns that can stand for a speaker, with the gender they agree with.
# "I" and "we" are left out on purpose: inside a quote they are never its speaker.
PRONOUNS = {"he": "male", "she": "female", "they": None}

# Words that start a sentence or clause with a capital and are never part of a name
# ("But Mr Trump said", "The minister added").
NON_NAME_WORDS = frozenset(
    """a an the and but or nor so yet for if then when while as at by in on of to from with
    without after before during since until although though because however meanwhile
    this that these those it its it’s he she they we i you his her their our my your
    there here what which who whom whose where why how not no yes all some many most
    one two three several another other such only also even just still speaking asked
    according last next first earlier later on monday tuesday wednesday thursday friday
    saturday sunday january february march april may june july august september october
    november december photograph photo reporting editing writing additional""".split()
)

# Words just before a quoted phrase that mark it as a name, title or scare phrase rather
# than anybody's words (the so-called “shadow fleet”, the film “Northern Lights”).
NAMING_CUES = frozenset(
    """so-called dubbed nicknamed titled entitled named branded labelled labeled
    term word phrase slogan motto hashtag film movie book novel album song single show series
    podcast play opera operation codenamed headline banner campaign documentary""".split()
)

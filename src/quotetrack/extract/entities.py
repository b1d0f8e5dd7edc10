"""The people and organisations an article names outside its quotes, and corrections from
a named-entity tagger's labels where an engine gives them."""

from __future__ import annotations

import re

from ..article import ORGANISATION, PERSON
from ..speakers.names import fold, is_first_name, strip_possessive
from .. import lexicon
from .annotate import NameSpan
from .mentions import HEAD_STOPS, NAME, ROLE, Mention, name_mention, restate


def named_mentions(text: str, names, quoted: list[tuple[int, int]]) -> list[Mention]:
    """People and organisations the article names outside its quotes, in order.

    A name inside a quote is left out: a person merely mentioned in a quote is not
    its speaker, and must not become the referent of the next "he".
    """
    found: list[Mention] = []
    q = 0
    for span in names:
        while q < len(quoted) and quoted[q][1] <= span.start:
            q += 1
        if q < len(quoted) and quoted[q][0] <= span.start < quoted[q][1]:
            continue
        role = "" if strip_possessive(span.text) != span.text else _role_before(text, span.start)
        mention = (name_mention(span.text, span.text, span.start, prefix=role, label=span.label)
                   if span.label in ("", "PERSON") else None)
        if span.label in ("ORG", "PLACE"):
            mention = Mention(span.text, span.start, ORGANISATION, NAME, name=span.text)
        if mention is None:
            continue
        if mention.kind == PERSON and not span.label and not mention.titles and len(mention.name.split()) >= 2:
            # Without a title, a role before it or a known first name, a capitalised run is
            # too often a place or a product ("Sergiyev Posad", "Patriot Missile").
            if not is_first_name(mention.name.split()[0]) and not role:
                continue
        found.append(mention)
    return found


def _role_before(text: str, start: int) -> str:
    """Lower-case role words right before a name ("foreign ministry spokeswoman Annette
    Gerber"), kept as the person's description so "the spokeswoman" can find her."""
    words = text[max(0, start - 60) : start].split()
    taken: list[str] = []
    for word in reversed(words):
        if not word.islower() or word.strip(",.;:") != word or word in HEAD_STOPS:
            break  # "an adviser to the head of Mr Zelenskiy’s office" describes someone else
        taken.insert(0, word)
    if any(w in lexicon.role_nouns() or w in lexicon.titles() for w in taken):
        return " ".join(taken)
    return ""


def with_entity_label(mention: Mention | None, entities: list[NameSpan]) -> Mention | None:
    """The mention, corrected by a named-entity label where an engine gave one.

    The word lists cannot know that "Northwind Freight" is a company or that "Jordan
    Hale" is a person; an entity tagger can. A name inside an ORG or PLACE entity becomes
    an organisation ("Northwind Freight said"), and so does a role phrase whose head word
    ends one ("The Kremlin said"); a name inside a PERSON entity becomes a person. Rule
    annotation has no labels, so this changes nothing there.
    """
    if mention is None or not entities:
        return mention
    end = mention.start + len(mention.written)
    for entity in entities:
        if entity.end <= mention.start or entity.start >= end:
            continue
        inside_name = entity.start <= mention.start < entity.end
        if entity.label in ("ORG", "PLACE") and mention.kind != ORGANISATION:
            heads_role = mention.form == ROLE and fold(entity.text).split()[-1:] == [fold(mention.name or "")]
            covers = entity.start <= mention.start and entity.end >= end
            if (mention.form == NAME and inside_name) or heads_role or covers:
                name = re.sub(r"^the\s+", "", entity.text, flags=re.IGNORECASE)
                return Mention(mention.written, mention.start, ORGANISATION, NAME, name=name,
                               description=mention.description)
        if entity.label == "PERSON" and mention.kind == ORGANISATION and mention.form == NAME and inside_name:
            person = name_mention(entity.text, entity.text, entity.start, label="PERSON")
            if person is not None:
                return restate(person, mention.written, description=mention.description)
    return mention

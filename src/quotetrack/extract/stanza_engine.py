"""The stanza engine: sentences, named entities and dependency parses from stanza's English
models, behind the same ``Annotation`` interface as the rules.

``StanzaAnnotation`` reads a stanza ``Document`` (what a pipeline returns, or one built
by hand from CoNLL-U style token dicts) and answers the three questions attribution
asks. ``StanzaAnnotator`` runs the pipeline; stanza, and torch under it, are imported
only when one is built, so the rules engine never pays for them.
"""

from __future__ import annotations

import logging
import re
from bisect import bisect_right
from pathlib import Path

from .annotate import NameSpan

# The English processors the engine runs; ``quotetrack models download`` fetches these.
PROCESSORS = ("tokenize", "mwt", "pos", "lemma", "depparse", "ner")
# stanza's English NER tags (the OntoNotes set) as the three kinds attribution uses.
# FAC is kept because buildings speak for institutions in news copy ("the Kremlin said").
ENTITY_LABELS = {
    "PERSON": "PERSON",
    "ORG": "ORG",
    "NORP": "ORG",
    "GPE": "PLACE",
    "LOC": "PLACE",
    "FAC": "PLACE",
}
# Universal Dependencies relations that keep a word inside its head's noun phrase:
# "Mykhailo Podolyak, an adviser to the head of the office, who ..." is one subject.
_PHRASE_RELATIONS = frozenset(
    "flat compound appos amod det nmod case nummod conj cc punct acl fixed goeswith".split()
)
_SUBJECT_RELATIONS = ("nsubj", "nsubj:pass")
# A verb with no subject of its own takes the subject of the verb it hangs from by one of
# these: "she went on to say" (xcomp), "was quoted as saying" (advcl), "arrived and said" (conj).
_SHARED_SUBJECT_RELATIONS = frozenset("xcomp advcl conj".split())
_RELATIVE_PRONOUNS = frozenset("who which that".split())
MAX_CLIMB = 4


def _base(deprel: str | None) -> str:
    return (deprel or "").split(":")[0]


def _offsets(word) -> tuple[int, int]:
    """A word's characters; words inside a multi-word token have none, so use the token's."""
    if word.start_char is not None and word.end_char is not None:
        return word.start_char, word.end_char
    return word.parent.start_char, word.parent.end_char


class StanzaAnnotation:
    """``Annotation`` over one stanza ``Document`` whose ``text`` is the article text."""

    def __init__(self, document):
        self.text = document.text or ""
        self._document = document
        self._sentences = [s for s in document.sentences if s.words]
        self._starts = [_offsets(s.words[0])[0] for s in self._sentences]
        self._children = [self._children_of(s) for s in self._sentences]
        self._ends: list[int] | None = None

    @staticmethod
    def _children_of(sentence) -> dict[int, list]:
        children: dict[int, list] = {}
        for word in sentence.words:
            children.setdefault(word.head, []).append(word)
        return children

    def sentence_ends(self) -> list[int]:
        if self._ends is None:  # asked by attribution and by claims
            ends = {_offsets(s.words[-1])[1] for s in self._sentences}
            ends.update(m.start() for m in re.finditer("\n", self.text))
            ends.add(len(self.text))
            self._ends = sorted(ends)
        return self._ends

    def names(self) -> list[NameSpan]:
        found = []
        for entity in self._document.ents:
            label = ENTITY_LABELS.get(entity.type)
            if label is None:
                continue
            found.append(NameSpan(entity.start_char, entity.end_char, self.text[entity.start_char:entity.end_char], label))
        return sorted(found, key=lambda n: n.start)

    def subject_of(self, start: int, end: int) -> tuple[int, int] | None:
        located = self._word_at(start, end)
        if located is None:
            return None
        index, verb = located
        sentence = self._sentences[index]
        clause = verb
        for _ in range(MAX_CLIMB):
            subject = next((w for w in self._children[index].get(clause.id, []) if w.deprel in _SUBJECT_RELATIONS), None)
            if subject is not None:
                break
            if _base(clause.deprel) not in _SHARED_SUBJECT_RELATIONS or not clause.head:
                return None
            clause = sentence.words[clause.head - 1]
        else:
            return None
        if subject.text.lower() in _RELATIVE_PRONOUNS and _base(clause.deprel) == "acl" and clause.head:
            # "Mr Hale, who said: ..." -- the relative clause's noun is the speaker.
            subject = sentence.words[clause.head - 1]
        return self._phrase(index, subject, verb)

    def _word_at(self, start: int, end: int):
        index = bisect_right(self._starts, start) - 1
        for candidate in (index, index + 1):
            if not 0 <= candidate < len(self._sentences):
                continue
            for word in self._sentences[candidate].words:
                word_start, word_end = _offsets(word)
                if word_start < end and start < word_end:
                    return candidate, word
        return None

    def _phrase(self, index: int, head, verb) -> tuple[int, int] | None:
        """The span of ``head``'s noun phrase, leaving out the branch that leads to ``verb``.

        A relative clause inside it is kept whole ("who has led two rounds of talks"); the
        head's own preposition is not (the "to" of "spoke to Ms Shah, who said")."""
        sentence = self._sentences[index]
        path = set()
        word = verb
        while word.id not in path:
            path.add(word.id)
            if not word.head:
                break
            word = sentence.words[word.head - 1]
        kept = []
        stack = [(head, False)]
        while stack:
            word, in_clause = stack.pop()
            kept.append(word)
            for child in self._children[index].get(word.id, []):
                relation = _base(child.deprel)
                if child.id in path or word is head and relation == "case":
                    continue
                if in_clause or relation in _PHRASE_RELATIONS:
                    stack.append((child, in_clause or relation == "acl"))
        spans = [_offsets(w) for w in kept if w.upos != "PUNCT"]
        if not spans:
            return None
        start, end = min(s for s, _ in spans), max(e for _, e in spans)
        verb_start, verb_end = _offsets(verb)
        if start < verb_start:
            end = min(end, verb_start)
        else:
            start = max(start, verb_end)
        text = self.text[start:end].rstrip(" ,;:—–-")
        return (start, start + len(text)) if text.strip() else None


class StanzaAnnotator:
    """Annotates article texts with stanza's English pipeline, loaded once from ``directory``.

    The pipeline is built with ``download_method=None``: it reads the models already in
    ``directory`` and never reaches the network. Any failure to load raises here.
    """

    def __init__(self, directory: Path):
        import stanza

        self.directory = directory
        # stanza logs a failed load as an ERROR line before raising; the caller reports the
        # failure in its own one line, so keep stanza quiet until the pipeline is built.
        self._pipeline = stanza.Pipeline(
            lang="en", dir=str(directory), processors=",".join(PROCESSORS),
            download_method=None, logging_level="CRITICAL",
        )
        logging.getLogger("stanza").setLevel(logging.WARNING)

    def __call__(self, text: str) -> StanzaAnnotation:
        return StanzaAnnotation(self._pipeline(text))

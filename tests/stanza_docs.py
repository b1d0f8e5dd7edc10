"""Real stanza ``Document`` objects from hand-written annotation, for tests that cannot run
stanza's models.

Each sentence is a list of rows ``(word, upos, head, deprel, ner)``: ``head`` is the
1-based index of the head word in that sentence (0 for the root), ``ner`` a BIOES tag.
Character offsets are found by locating each word in the text in order, and every
non-space character of the text must belong to some word.
"""

from __future__ import annotations

from stanza.models.common.doc import Document


def build_document(text: str, sentences: list[list[tuple[str, str, int, str, str]]]) -> Document:
    position = 0
    entries = []
    for rows in sentences:
        roots = [row for row in rows if row[2] == 0]
        assert len(roots) == 1, f"sentence starting {rows[0][0]!r} needs exactly one root"
        sentence = []
        for index, (word, upos, head, deprel, ner) in enumerate(rows, 1):
            assert 0 <= head <= len(rows) and head != index, f"bad head {head} for {word!r}"
            start = text.index(word, position)
            assert not text[position:start].strip(), f"text {text[position:start]!r} has no word"
            position = start + len(word)
            sentence.append({
                "id": index, "text": word, "lemma": word.lower(), "upos": upos, "head": head,
                "deprel": deprel, "start_char": start, "end_char": position, "ner": ner,
            })
        entries.append(sentence)
    assert not text[position:].strip(), f"text {text[position:]!r} has no word"
    return Document(entries, text=text)


# “We will not trade land for promises,” Mykhailo Podolyak, an adviser ... talks, said on Tuesday.
APPOSITIVE = (
    "“We will not trade land for promises,” Mykhailo Podolyak, an adviser to the head of the "
    "presidential office who has led two rounds of talks, said on Tuesday.",
    [[
        ("“", "PUNCT", 5, "punct", "O"),
        ("We", "PRON", 5, "nsubj", "O"),
        ("will", "AUX", 5, "aux", "O"),
        ("not", "PART", 5, "advmod", "O"),
        ("trade", "VERB", 31, "ccomp", "O"),
        ("land", "NOUN", 5, "obj", "O"),
        ("for", "ADP", 8, "case", "O"),
        ("promises", "NOUN", 5, "obl", "O"),
        (",", "PUNCT", 5, "punct", "O"),
        ("”", "PUNCT", 5, "punct", "O"),
        ("Mykhailo", "PROPN", 31, "nsubj", "B-PERSON"),
        ("Podolyak", "PROPN", 11, "flat", "E-PERSON"),
        (",", "PUNCT", 15, "punct", "O"),
        ("an", "DET", 15, "det", "O"),
        ("adviser", "NOUN", 11, "appos", "O"),
        ("to", "ADP", 18, "case", "O"),
        ("the", "DET", 18, "det", "O"),
        ("head", "NOUN", 15, "nmod", "O"),
        ("of", "ADP", 22, "case", "O"),
        ("the", "DET", 22, "det", "O"),
        ("presidential", "ADJ", 22, "amod", "O"),
        ("office", "NOUN", 18, "nmod", "O"),
        ("who", "PRON", 25, "nsubj", "O"),
        ("has", "AUX", 25, "aux", "O"),
        ("led", "VERB", 15, "acl:relcl", "O"),
        ("two", "NUM", 27, "nummod", "S-CARDINAL"),
        ("rounds", "NOUN", 25, "obj", "O"),
        ("of", "ADP", 29, "case", "O"),
        ("talks", "NOUN", 27, "nmod", "O"),
        (",", "PUNCT", 15, "punct", "O"),
        ("said", "VERB", 0, "root", "O"),
        ("on", "ADP", 33, "case", "O"),
        ("Tuesday", "PROPN", 31, "obl", "S-DATE"),
        (".", "PUNCT", 31, "punct", "O"),
    ]],
)

# Ms Kovacs was quoted by the regional broadcaster Suspilne as saying: “The shelters ...”
QUOTED_AS_SAYING = (
    "Ms Kovacs was quoted by the regional broadcaster Suspilne as saying: "
    "“The shelters were full by midnight.”",
    [[
        ("Ms", "PROPN", 2, "compound", "O"),
        ("Kovacs", "PROPN", 4, "nsubj:pass", "S-PERSON"),
        ("was", "AUX", 4, "aux:pass", "O"),
        ("quoted", "VERB", 0, "root", "O"),
        ("by", "ADP", 8, "case", "O"),
        ("the", "DET", 8, "det", "O"),
        ("regional", "ADJ", 8, "amod", "O"),
        ("broadcaster", "NOUN", 4, "obl:agent", "O"),
        ("Suspilne", "PROPN", 8, "appos", "S-ORG"),
        ("as", "SCONJ", 11, "mark", "O"),
        ("saying", "VERB", 4, "advcl", "O"),
        (":", "PUNCT", 11, "punct", "O"),
        ("“", "PUNCT", 17, "punct", "O"),
        ("The", "DET", 15, "det", "O"),
        ("shelters", "NOUN", 17, "nsubj", "O"),
        ("were", "AUX", 17, "cop", "O"),
        ("full", "ADJ", 11, "ccomp", "O"),
        ("by", "ADP", 19, "case", "O"),
        ("midnight", "NOUN", 17, "obl", "S-TIME"),
        (".", "PUNCT", 17, "punct", "O"),
        ("”", "PUNCT", 17, "punct", "O"),
    ]],
)

# Anna Berg and Tomas Lind said in a joint statement: “We are proud of every nurse.”
COORDINATED = (
    "Anna Berg and Tomas Lind said in a joint statement: “We are proud of every nurse.”",
    [[
        ("Anna", "PROPN", 6, "nsubj", "B-PERSON"),
        ("Berg", "PROPN", 1, "flat", "E-PERSON"),
        ("and", "CCONJ", 4, "cc", "O"),
        ("Tomas", "PROPN", 1, "conj", "B-PERSON"),
        ("Lind", "PROPN", 4, "flat", "E-PERSON"),
        ("said", "VERB", 0, "root", "O"),
        ("in", "ADP", 10, "case", "O"),
        ("a", "DET", 10, "det", "O"),
        ("joint", "ADJ", 10, "amod", "O"),
        ("statement", "NOUN", 6, "obl", "O"),
        (":", "PUNCT", 6, "punct", "O"),
        ("“", "PUNCT", 15, "punct", "O"),
        ("We", "PRON", 15, "nsubj", "O"),
        ("are", "AUX", 15, "cop", "O"),
        ("proud", "ADJ", 6, "ccomp", "O"),
        ("of", "ADP", 18, "case", "O"),
        ("every", "DET", 18, "det", "O"),
        ("nurse", "NOUN", 15, "obl", "O"),
        (".", "PUNCT", 15, "punct", "O"),
        ("”", "PUNCT", 15, "punct", "O"),
    ]],
)

# “Every driver will be paid in full,” Northwind Freight said in a statement.
ORGANISATION = (
    "“Every driver will be paid in full,” Northwind Freight said in a statement.",
    [[
        ("“", "PUNCT", 6, "punct", "O"),
        ("Every", "DET", 3, "det", "O"),
        ("driver", "NOUN", 6, "nsubj:pass", "O"),
        ("will", "AUX", 6, "aux", "O"),
        ("be", "AUX", 6, "aux:pass", "O"),
        ("paid", "VERB", 13, "ccomp", "O"),
        ("in", "ADP", 8, "case", "O"),
        ("full", "ADJ", 6, "obl", "O"),
        (",", "PUNCT", 6, "punct", "O"),
        ("”", "PUNCT", 6, "punct", "O"),
        ("Northwind", "PROPN", 12, "compound", "B-ORG"),
        ("Freight", "PROPN", 13, "nsubj", "E-ORG"),
        ("said", "VERB", 0, "root", "O"),
        ("in", "ADP", 16, "case", "O"),
        ("a", "DET", 16, "det", "O"),
        ("statement", "NOUN", 13, "obl", "O"),
        (".", "PUNCT", 13, "punct", "O"),
    ]],
)

# Reporters spoke to Ms Shah, who said: “Enough.”
RELATIVE_CLAUSE = (
    "Reporters spoke to Ms Shah, who said: “Enough.”",
    [[
        ("Reporters", "NOUN", 2, "nsubj", "O"),
        ("spoke", "VERB", 0, "root", "O"),
        ("to", "ADP", 5, "case", "O"),
        ("Ms", "PROPN", 5, "compound", "O"),
        ("Shah", "PROPN", 2, "obl", "S-PERSON"),
        (",", "PUNCT", 8, "punct", "O"),
        ("who", "PRON", 8, "nsubj", "O"),
        ("said", "VERB", 5, "acl:relcl", "O"),
        (":", "PUNCT", 8, "punct", "O"),
        ("“", "PUNCT", 11, "punct", "O"),
        ("Enough", "ADJ", 8, "ccomp", "O"),
        (".", "PUNCT", 11, "punct", "O"),
        ("”", "PUNCT", 11, "punct", "O"),
    ]],
)

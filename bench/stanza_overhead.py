"""What the stanza engine costs besides stanza's own models: importing stanza, deciding the
engine, and the adapter that turns a stanza Document into attribution's Annotation.

stanza's models cannot be timed without them, so the adapter runs on Documents built
from each dev-set article: words and sentence splits from the rules, every word hung
on the next, and the word before a speech verb made its subject, so that
``subject_of`` has work to do. Run it with the stanza extra installed:

    python bench/stanza_overhead.py
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

from stanza.models.common.doc import Document

from quotetrack import lexicon
from quotetrack.evaluate import gold_pairs
from quotetrack.extract import extract
from quotetrack.extract.annotate import RuleAnnotator
from quotetrack.extract.stanza_engine import StanzaAnnotation
from quotetrack.extract.stanza_models import models_status
from quotetrack.sources import read_file

DEVSET = Path(__file__).resolve().parent / "devset"
_WORD = re.compile(r"\w+(?:[’']\w+)*|\S")
ROUNDS = 5
AUTO_CHECK = """
import sys, time
from quotetrack.extract.engines import choose_engine
began = time.perf_counter()
choice = choose_engine("auto")
print(f"{(time.perf_counter() - began) * 1000:7.2f} ms, chose {choice.name}, torch imported: {'torch' in sys.modules}")
"""


def document_for(text: str) -> Document:
    """A parse-shaped Document of ``text``: rule sentences, a chain of heads per sentence."""
    sentences, start = [], 0
    for end in RuleAnnotator(text).sentence_ends():
        matches = list(_WORD.finditer(text, start, end))
        start = end
        if not matches:
            continue
        rows = []
        for index, match in enumerate(matches, 1):
            following = matches[index].group().lower() if index < len(matches) else None
            relation = "nsubj" if following in lexicon.speech_verbs() else "dep"
            rows.append({"id": index, "text": match.group(), "lemma": match.group().lower(), "upos": "X",
                         "head": index + 1 if index < len(matches) else 0,
                         "deprel": relation if index < len(matches) else "root",
                         "start_char": match.start(), "end_char": match.end(), "ner": "O"})
        sentences.append(rows)
    return Document(sentences, text=text)


def seconds(work) -> float:
    best = float("inf")
    for _ in range(ROUNDS):
        began = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - began)
    return best


def main() -> None:
    articles = [read_file(str(path)) for path, _ in gold_pairs(DEVSET)]
    documents = [document_for(a.text) for a in articles]
    words = sum(len(list(d.iter_words())) for d in documents)

    rules = seconds(lambda: [extract(a) for a in articles])
    adapter = seconds(lambda: [extract(a, StanzaAnnotation(d)) for a, d in zip(articles, documents)])
    status = seconds(models_status)
    # In a fresh interpreter: this one has imported stanza (and torch) to build Documents.
    auto = subprocess.run([sys.executable, "-c", AUTO_CHECK], capture_output=True, text=True).stdout.strip()
    imported = subprocess.run([sys.executable, "-X", "importtime", "-c", "import stanza"],
                              capture_output=True, text=True).stderr.splitlines()[-1]

    import_seconds = int(imported.split("|")[1]) / 1e6
    print(f"{len(articles)} dev-set articles, {words} words")
    print(f"extract, rules engine:                   {rules * 1000:7.1f} ms ({rules / len(articles) * 1000:.2f} ms/article)")
    print(f"extract, stanza adapter on Documents:    {adapter * 1000:7.1f} ms ({adapter / len(articles) * 1000:.2f} ms/article)")
    print(f"models status (auto's check, no models): {status * 1000:7.2f} ms")
    print(f"choose_engine('auto'), no models:        {auto}")
    print(f"import stanza (and torch):               {import_seconds:7.2f} s")

if __name__ == "__main__":
    main()

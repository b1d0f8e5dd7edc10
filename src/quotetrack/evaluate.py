"""Accuracy against hand-marked gold files: quote spans, speakers, and both together.

A gold file (JSON) lists, for one article, each quotation's exact text and its speaker
(see fixtures/README.md). A found quote matches a gold quote when their characters
overlap; matching is one to one, largest overlap first. Speaker accuracy is the share
of matched quotes whose speaker is the gold person; end-to-end F1 counts a quote as
right only when both its span and its speaker are.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .article import INDIRECT, Article, Quote
from .extract import extract
from .sources import read_file
from .speakers.names import fold, name_key


@dataclass(frozen=True)
class GoldQuote:
    text: str
    start: int
    end: int
    speaker: str
    speaker_id: str
    speaker_kind: str


@dataclass
class Score:
    gold: int = 0
    found: int = 0
    matched: int = 0
    speaker_right: int = 0
    errors: list[dict] = field(default_factory=list)

    def add(self, other: "Score") -> None:
        self.gold += other.gold
        self.found += other.found
        self.matched += other.matched
        self.speaker_right += other.speaker_right
        self.errors.extend(other.errors)

    @property
    def precision(self) -> float:
        return self.matched / self.found if self.found else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def speaker_accuracy(self) -> float:
        return self.speaker_right / self.matched if self.matched else 0.0

    @property
    def end_to_end_f1(self) -> float:
        p = self.speaker_right / self.found if self.found else 0.0
        r = self.speaker_right / self.gold if self.gold else 0.0
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict:
        return {
            "gold": self.gold, "found": self.found, "matched": self.matched,
            "span_precision": round(self.precision, 4), "span_recall": round(self.recall, 4),
            "span_f1": round(self.f1, 4), "speaker_accuracy": round(self.speaker_accuracy, 4),
            "end_to_end_f1": round(self.end_to_end_f1, 4),
        }


def load_gold(gold_path: Path, article: Article) -> list[GoldQuote]:
    data = json.loads(gold_path.read_text("utf-8"))
    quotes = []
    for entry in data["quotes"]:
        start = -1
        for _ in range(entry.get("occurrence", 1)):
            start = article.text.find(entry["text"], start + 1)
        if start < 0:
            raise ValueError(f"{gold_path}: quote not in article: {entry['text'][:60]!r}")
        quotes.append(GoldQuote(entry["text"], start, start + len(entry["text"]), entry["speaker"],
                                entry.get("speaker_id", ""), entry.get("speaker_kind", "person")))
    return quotes


def same_speaker(found: str | None, gold: str) -> bool:
    """The same name, folded, with titles and a leading "the" set aside."""
    if not found:
        return False
    a, b = (re.sub(r"^the ", "", fold(n)) for n in (found, gold))
    return a == b or name_key(found) == name_key(gold)


def score_article(found: list[Quote], gold: list[GoldQuote], source: str = "") -> Score:
    pairs = []
    for i, q in enumerate(found):
        for j, g in enumerate(gold):
            overlap = min(q.end, g.end) - max(q.start, g.start)
            if overlap > 0:
                pairs.append((overlap, i, j))
    used_found: set[int] = set()
    used_gold: set[int] = set()
    score = Score(gold=len(gold), found=len(found))
    for _, i, j in sorted(pairs, reverse=True):
        if i in used_found or j in used_gold:
            continue
        used_found.add(i)
        used_gold.add(j)
        score.matched += 1
        name = found[i].speaker.name if found[i].speaker else None
        if same_speaker(name, gold[j].speaker):
            score.speaker_right += 1
        else:
            score.errors.append({"article": source, "type": "speaker", "quote": gold[j].text[:80],
                                 "expected": gold[j].speaker, "found": name, "rule": found[i].rule,
                                 "as_written": found[i].speaker_as_written})
    for j, g in enumerate(gold):
        if j not in used_gold:
            score.errors.append({"article": source, "type": "missed", "quote": g.text[:80], "expected": g.speaker})
    for i, q in enumerate(found):
        if i not in used_found:
            score.errors.append({"article": source, "type": "spurious", "quote": q.text[:80],
                                 "found": q.speaker.name if q.speaker else None, "rule": q.rule})
    return score


def gold_pairs(folder: Path) -> list[tuple[Path, Path]]:
    """(article, gold) pairs of a folder laid out as articles/NAME.txt and gold/NAME.json."""
    articles = folder / "articles"
    golds = folder / "gold"
    pairs = []
    for gold_path in sorted(golds.glob("*.json")):
        article_path = articles / (gold_path.stem + ".txt")
        if not article_path.exists():
            raise ValueError(f"{gold_path}: no article {article_path}")
        pairs.append((article_path, gold_path))
    if not pairs:
        raise ValueError(f"{folder}: no gold files under {golds}")
    return pairs


def evaluate(folder: Path, extractor: Callable[[Article], list[Quote]] | None = None) -> Score:
    """Score the extractor on every article of a gold folder."""
    extractor = extractor or (lambda a: [q for q in extract(a).quotes if q.kind != INDIRECT])
    total = Score()
    for article_path, gold_path in gold_pairs(folder):
        article = read_file(str(article_path))
        total.add(score_article(extractor(article), load_gold(gold_path, article), article_path.name))
    return total

"""Bench: the same quotes recurring across articles, grouped into statements.

Builds a corpus, deterministic for a seed, in which quotes recur the way wire copy and
press-conference lines do: in full, re-punctuated (curly or straight marks, commas, full
stops, semicolons, case), trimmed at either end, quoted in part (fragments of 5 to 12
words set in the writer's sentence), cut with an ellipsis, or split around the cue. Beside
them are look-alikes: quotes that open with the same words and make another claim, or
differ from a quote only in a number, a negation, or one word swapped for its opposite.
The quotes are the direct quotes of our own articles (fixtures/ and bench/devset/ gold).

With ``--background N``, N more articles are mixed in evenly, three quotes each, every
one said once: sentences a word-pair chain builds from the reporters' words in our own
articles, half their content words swapped for made-up ones (``background_quotes``), so
they share the commonest phrases of news copy with each other and with the recurring
quotes, but never a run of six words. They grow the database the way a real corpus does
(most quotes are said once) and each counts as a statement of its own for false merges.

The articles go through the real ingest path (sources, extract, resolve, store) into a
fresh SQLite database, and the bench prints:

  recall        of every later copy of a statement, the share grouped with its first copy;
                also among copies that can stand alone (enough distinctive words), with a
                first copy that can
  false merges  pairs of different statements (sources, look-alikes, background) in one group
  throughput    articles and quotes per second for the whole ingest, and the time spent
                grouping per article (wall clock and CPU) over the whole run, its first
                tenth and its last tenth (it must not grow with the corpus)

Usage:

    python bench/statements.py [--articles 600] [--background 0] [--seed 7] [--out bench/out/statements]
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import re
import shutil
import sys
import time
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import accumulate
from pathlib import Path
from unittest.mock import patch

from sqlalchemy import select
from sqlalchemy.orm import Session

from quotetrack.article import INDIRECT
from quotetrack.ingest import ingest
from quotetrack.sources import read_file
from quotetrack.statements.matching import is_distinctive
from quotetrack.statements.wording import is_content_word, wording
from quotetrack.store import writer
from quotetrack.store.db import open_engine
from quotetrack.store.models import ArticleRow, QuoteRow
from quotetrack.store.statements import StatementGrouper

ROOT = Path(__file__).resolve().parent.parent
GOLD = [ROOT / "fixtures" / "gold", ROOT / "bench" / "devset" / "gold"]
ARTICLES = [ROOT / "fixtures" / "articles", ROOT / "bench" / "devset" / "articles"]
# Two quotes sharing a run this long are taken for one statement by the bench itself,
# independently of the grouping's rules.
SAME_RUN_WORDS = 6
BACKGROUND_QUOTES_PER_ARTICLE = 3
# Made-up content words for the background quotes, drawn by rank.
BACKGROUND_VOCABULARY = 60_000

# Look-alikes open with a real quote's first words and end with another claim, built from
# three short pieces. No piece is longer than four words, and no two endings share two
# adjacent pieces, so two look-alikes never share a run of five words. Written for this bench.
CLAIM_OPENINGS = (
    "will be settled", "has nothing to do", "was decided quietly", "depends entirely",
    "should worry every family", "is the reason", "will cost the county", "cannot be fixed",
    "came straight from", "is exactly why", "would leave the towns", "means the expansion",
    "was never explained", "has been the policy",
)
CLAIM_MIDDLES = (
    "in the courts", "with heating oil prices", "by the finance committee", "on the regulator",
    "renting near the quarry", "behind the harbour collapse", "far beyond the estimate", "through outside consultants",
    "a sealed ministry report", "the board delayed", "without maternity wards", "at the airport",
    "to the residents", "of every government",
)
CLAIM_CLOSINGS = (
    "before anyone votes", "this coming winter", "without public hearings", "until the autumn",
    "for years now", "two years ago", "by next spring", "at any price",
    "as we understand", "in the end", "along the coast", "since the flood",
    "for the whole summer", "and everyone knows it",
)


def other_claim(number: int) -> list[str]:
    a, b, c = len(CLAIM_OPENINGS), len(CLAIM_MIDDLES), len(CLAIM_CLOSINGS)
    opening, middle = number % a, (number // a) % b
    closing = (opening + middle) % c
    return f"{CLAIM_OPENINGS[opening]} {CLAIM_MIDDLES[middle]} {CLAIM_CLOSINGS[closing]}".split()


# Words swapped for their opposite to make a look-alike that says the reverse.
OPPOSITES = {
    "increase": "decrease", "rise": "fall", "more": "fewer", "higher": "lower", "better": "worse",
    "win": "lose", "open": "close", "support": "oppose", "first": "last", "always": "rarely",
    "everyone": "nobody", "safe": "unsafe", "ready": "unprepared", "strong": "weak", "grateful": "angry",
}
AUXILIARIES = ("will", "is", "are", "was", "were", "can", "would", "should", "could", "has", "have", "must")
# Neutral sentences between the quotes. Written for this bench.
FILLER = (
    "The meeting ran well past its scheduled end.",
    "Officials did not give a timetable for the next round of talks.",
    "The announcement came after weeks of speculation in the capital.",
    "Several reporters pressed for details that were not forthcoming.",
    "The figures have not been independently verified.",
    "A full transcript of the briefing was published later in the day.",
    "The opposition has promised to raise the matter again next week.",
    "Markets barely moved on the news.",
    "The committee is due to report before the end of the year.",
    "Local groups say they were not consulted beforehand.",
)
OUTLETS = ("Wire One", "The Daily Ledger", "Northern Post", "Capital Times", "Harbour Gazette", "Valley Courier")
ROLES = ("speaking to reporters", "in a statement", "at a news conference", "in an interview")


@dataclass
class Statement:
    label: int
    speaker: str
    tokens: list[str]
    # A copy must keep this many words of this span to be told apart from its look-alike.
    must_keep: tuple[int, int, int] | None = None


@dataclass
class Copy:
    label: int
    inner: str  # the text between the quote marks, as it appears in the article


@dataclass
class Article:
    name: str
    published: date
    outlet: str
    paragraphs: list[str] = field(default_factory=list)
    copies: list[Copy] = field(default_factory=list)


def source_quotes() -> list[tuple[str, str]]:
    """Long direct quotes by named people, without quote marks inside, one per wording."""
    found: dict[str, tuple[str, str]] = {}
    for folder in GOLD:
        for path in sorted(folder.glob("*.json")):
            for quote in json.loads(path.read_text("utf-8"))["quotes"]:
                text = quote["text"].strip().rstrip(",")
                # Quotes with a cut of their own are left out: a look-alike sharing the words
                # before the cut would be a piece of the same text.
                if (quote["speaker_kind"] != "person" or quote["kind"] != "direct" or "\n" in text
                        or "…" in text or "..." in text
                        or re.search(r"[“”\"‘]|(^|\s)'", text) or not 12 <= len(text.split()) <= 60):
                    continue
                key = re.sub(r"\W+", " ", text.lower()).strip()
                found.setdefault(key, (quote["speaker"], text))
    # Two articles of ours may quote one statement with small differences; such a pair is
    # one source, found by a shared run of six words, a test independent of the grouping's.
    kept: list[tuple[str, str]] = []
    seen_runs: set[tuple[str, ...]] = set()
    for key, quote in found.items():
        runs = _runs(key)
        if not runs & seen_runs:
            kept.append(quote)
        seen_runs |= runs
    return kept


def _runs(text: str) -> set[tuple[str, ...]]:
    words = re.sub(r"\W+", " ", text.lower()).split()
    return {tuple(words[i:i + SAME_RUN_WORDS]) for i in range(len(words) - SAME_RUN_WORDS + 1)}


def background_quotes(rng: random.Random, count: int, taken: set[tuple[str, ...]]) -> list[str]:
    """Sentences said once: walks of a word-pair chain over the reporters' own words in our
    articles (what stands inside quote marks left out, so the chain does not retell the
    recurring quotes phrase by phrase), 12 to 40 words, none sharing a run of six words
    with ``taken`` or with each other.

    Our articles hold some 20,000 words, far fewer than the news a large corpus quotes, so
    a chain over them alone would repeat each of their phrases in thousands of quotes. Half
    the content words of each walk are therefore swapped for made-up words drawn by rank
    (a few common, most rare, as words in news are), which leaves the common phrases of
    news copy common and makes the specific ones as rare as in a real corpus."""
    words: list[str] = []
    for folder in ARTICLES:
        for path in sorted(folder.glob("*.txt")):
            body = path.read_text("utf-8").split("\n\n", 1)[-1]
            narrative = re.sub(r"“[^”]*”|\"[^\"]*\"", " ", body)
            words += re.sub(r"[“”\"‘’]|(?<!\w)'|'(?!\w)", " ", narrative).split()
    follow: dict[str, list[str]] = {}
    for first, second in zip(words, words[1:]):
        follow.setdefault(first, []).append(second)
    openings = [second for first, second in zip(words, words[1:]) if first.endswith(".") and second[:1].isupper()]
    vocabulary = sorted({_made_up_word(rng) for _ in range(BACKGROUND_VOCABULARY)})
    rng.shuffle(vocabulary)
    by_rank = list(accumulate(1 / rank for rank in range(1, len(vocabulary) + 1)))
    quotes: list[str] = []
    while len(quotes) < count:
        walk = [rng.choice(openings)]
        while len(walk) < 40 and not (walk[-1].endswith(".") and len(walk) >= 12):
            walk.append(rng.choice(follow.get(walk[-1], openings)))
        swapped = [rng.choices(vocabulary, cum_weights=by_rank)[0] + word[len(word.rstrip(".,;:")):]
                   if not _is_generic(word) and rng.random() < 0.5 else word for word in walk]
        text = " ".join(swapped)
        runs = _runs(text)
        if walk[-1].endswith(".") and len(walk) >= 12 and not runs & taken:
            taken |= runs
            quotes.append(text.rstrip("."))
    return quotes


def _made_up_word(rng: random.Random) -> str:
    return "".join(rng.choice("bcdfghklmnprstvz") + rng.choice("aeiou") for _ in range(rng.randint(2, 4)))


def _is_generic(word: str) -> bool:
    return not any(is_content_word(w) for w in wording(word).words)


def look_alike(rng: random.Random, source: Statement, label: int) -> Statement | None:
    """Another claim that looks like ``source``; marks on both what tells them apart."""
    tokens = source.tokens
    lowered = [re.sub(r"\W", "", t).lower() for t in tokens]
    choice = rng.random()
    for i, word in enumerate(lowered):
        if choice < 0.2 and any(c.isdigit() for c in word):
            changed = tokens[:i] + [re.sub(r"\d+", lambda m: str(int(m.group()) + 3), tokens[i])] + tokens[i + 1:]
            return _pair(source, Statement(label, source.speaker, changed), (i, i + 1, 1))
        if choice < 0.5 and word in OPPOSITES:
            changed = tokens[:i] + [tokens[i].replace(word, OPPOSITES[word])] + tokens[i + 1:]
            return _pair(source, Statement(label, source.speaker, changed), (i, i + 1, 1))
        if choice < 0.7 and word in AUXILIARIES and i + 1 < len(tokens) and lowered[i + 1] != "not":
            changed = tokens[:i + 1] + ["not"] + tokens[i + 1:]
            source.must_keep = (i, i + 2, 2)
            return Statement(label, source.speaker, changed, (i, i + 2, 2))
    head = rng.randint(4, 6)
    if len(tokens) < head + 6:
        return None
    ending = other_claim(label)
    other = Statement(label, source.speaker, tokens[:head] + ending, (head, head + len(ending), 2))
    source.must_keep = (head, len(tokens), 2)
    return other


def _pair(source: Statement, other: Statement, span: tuple[int, int, int]) -> Statement:
    source.must_keep = other.must_keep = span
    return other


def _keeps(statement: Statement, start: int, end: int) -> bool:
    if statement.must_keep is None:
        return True
    first, last, needed = statement.must_keep
    return min(end, last) - max(start, first) >= min(needed, last - first)


def _words(tokens: list[str]) -> str:
    return " ".join(tokens).strip(" ,;:")


def repunctuate(rng: random.Random, text: str) -> str:
    """What a copy desk does to punctuation: drops commas, joins sentences, swaps apostrophes."""
    text = re.sub(r",(?= )", lambda m: "" if rng.random() < 0.4 else ",", text)
    text = re.sub(r"\. (?=[A-Z])", lambda m: rng.choice([". ", "; ", " — ", ". "]), text)
    if rng.random() < 0.5:
        text = text.replace("’", "'")
    return text


def render(rng: random.Random, statement: Statement, name: str) -> tuple[list[str], list[str]]:
    """One copy of a statement in an article: its paragraph(s) and the quoted texts."""
    curly = rng.random() < 0.6
    single = not curly and rng.random() < 0.3
    o, c = ("“", "”") if curly else ("‘", "’") if single else ('"', '"')
    tokens = statement.tokens
    n = len(tokens)
    form = rng.random()
    if form < 0.3:  # partial quote: a fragment of 5 to 12 words in the writer's sentence
        for _ in range(20):
            length = rng.randint(5, min(12, n - 1))
            start = rng.randint(0, n - length)
            if _keeps(statement, start, start + length):
                inner = _words(tokens[start:start + length]).rstrip(".!?")
                inner = inner[0].lower() + inner[1:] if rng.random() < 0.7 else inner
                frame = rng.choice(("{n} said the decision was {q}.", "{n} described it as {q} and left.",
                                    "According to {n}, the plan was {q}."))
                return [frame.format(n=name, q=f"{o}{inner}{c}")], [inner]
    if form < 0.42 and n >= 14:  # split around the cue
        cut = rng.randint(6, n - 6)
        if _keeps(statement, 0, cut) and _keeps(statement, cut, n):
            first, second = _words(tokens[:cut]), _words(tokens[cut:])
            second = second[0].lower() + second[1:]
            first, second = repunctuate(rng, first), repunctuate(rng, second)
            return [f"{o}{first},{c} {name} said, {o}{second}{c}"], [first + ",", second]
    start, end = 0, n
    if form < 0.7:  # trimmed at one or both ends
        for _ in range(20):
            start = rng.randint(0, n // 4) if rng.random() < 0.6 else 0
            end = n - (rng.randint(1, n // 4) if rng.random() < 0.6 else 0)
            if end - start >= 6 and _keeps(statement, start, end):
                break
        else:
            start, end = 0, n
    inner = _words(tokens[start:end])
    if form < 0.8 and end - start >= 12:  # a cut marked with an ellipsis
        cut_at = start + (end - start) // 3
        resume = cut_at + max(1, (end - start) // 4)
        # What tells the statement from its look-alike stays beside the shared words, not
        # across the cut, where it could be read as the look-alike's.
        if _keeps(statement, start, cut_at):
            inner = f"{_words(tokens[start:cut_at])} … {_words(tokens[resume:end])}"
    inner = repunctuate(rng, inner)
    if start > 0 and rng.random() < 0.5:
        inner = inner[0].upper() + inner[1:]
    if rng.random() < 0.5:
        inner = inner.rstrip(".!?") + ","
        return [f"{o}{inner}{c} {name} said {rng.choice(ROLES)}."], [inner]
    inner = inner.rstrip(".!?,") + "."
    return [f"{name} said {rng.choice(ROLES)}: {o}{inner}{c}"], [inner]


def build_corpus(seed: int, articles: int, background: int = 0) -> tuple[list[Statement], list[Article]]:
    rng = random.Random(seed)
    statements = [Statement(i, speaker, text.split()) for i, (speaker, text) in enumerate(source_quotes())]
    for source in rng.sample(statements, len(statements) // 3):
        other = look_alike(rng, source, len(statements))
        if other is not None:
            statements.append(other)
    # Each statement recurs a few times; a few are everywhere, like a press-conference line.
    slots = [s for s in statements for _ in range(rng.choice((1, 2, 2, 3, 3, 4, 5, 6, 9, 14)))]
    rng.shuffle(slots)
    per_article = max(1, len(slots) // articles)
    day = date(2025, 1, 1)
    corpus: list[Article] = []
    for number in range(articles):
        chosen = slots[number * per_article:(number + 1) * per_article]
        if number == articles - 1:
            chosen = slots[number * per_article:]
        article = Article(f"a{number:05d}.txt", day + timedelta(days=number // 4), rng.choice(OUTLETS))
        for statement in {id(s): s for s in chosen}.values():
            name = statement.speaker
            if rng.random() < 0.03:  # misattributed: the same words in someone else's mouth
                name = rng.choice(statements).speaker
            paragraphs, inners = render(rng, statement, name)
            article.paragraphs.extend(paragraphs)
            article.paragraphs.append(rng.choice(FILLER))
            article.copies.extend(Copy(statement.label, inner) for inner in inners)
        corpus.append(article)
    if background:
        corpus = _mix_in_background(rng, statements, corpus, background)
    return statements, corpus


def _mix_in_background(rng: random.Random, statements: list[Statement], corpus: list[Article],
                       count: int) -> list[Article]:
    taken = set().union(*(_runs(" ".join(s.tokens)) for s in statements))
    texts = background_quotes(rng, count * BACKGROUND_QUOTES_PER_ARTICLE, taken)
    speakers = [s.speaker for s in statements]
    total = len(corpus) + count
    recurring = iter(corpus)
    mixed: list[Article] = []
    for position in range(total):
        # The recurring articles stand at even intervals among the background ones.
        if (position * len(corpus)) // total != ((position + 1) * len(corpus)) // total:
            mixed.append(next(recurring))
            continue
        published = date(2025, 1, 1) + timedelta(days=(position * len(corpus)) // total // 4)
        article = Article(f"b{position:06d}.txt", published, rng.choice(OUTLETS))
        for _ in range(BACKGROUND_QUOTES_PER_ARTICLE):
            statement = Statement(len(statements), rng.choice(speakers), texts.pop().split())
            statements.append(statement)
            inner = " ".join(statement.tokens) + ","
            article.paragraphs.append(f"“{inner}” {statement.speaker} said {rng.choice(ROLES)}.")
            article.paragraphs.append(rng.choice(FILLER))
            article.copies.append(Copy(statement.label, inner))
        mixed.append(article)
    return mixed


def write_corpus(corpus: list[Article], folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for article in corpus:
        path = folder / article.name
        body = "\n\n".join(article.paragraphs)
        path.write_text(f"title: Briefing {article.name[:-4]}\noutlet: {article.outlet}\n"
                        f"date: {article.published.isoformat()}\n\n{body}\n", "utf-8")
        paths.append(path)
    return paths


class TimedGrouper(StatementGrouper):
    """The real grouper, timing each article and counting the candidates it compares."""

    def __init__(self) -> None:
        super().__init__()
        self.seconds: list[float] = []
        self.cpu_seconds: list[float] = []
        self.candidates = 0
        self.lookups = 0

    def assign(self, session, quotes, article_text="", published=None, **options):
        began, began_cpu = time.perf_counter(), time.process_time()
        placed = super().assign(session, quotes, article_text, published, **options)
        self.seconds.append(time.perf_counter() - began)
        self.cpu_seconds.append(time.process_time() - began_cpu)
        return placed

    def _candidates(self, keys, postings):
        found = super()._candidates(keys, postings)
        self.candidates += len(found)
        self.lookups += 1
        return found


def measure(statements: list[Statement], corpus: list[Article], db: str) -> dict:
    with Session(open_engine(db)) as session:
        stored = session.execute(select(ArticleRow.id, ArticleRow.source, ArticleRow.text)).all()
        quotes = session.execute(select(QuoteRow.article_id, QuoteRow.start, QuoteRow.end, QuoteRow.statement_id)
                                 .where(QuoteRow.kind != INDIRECT).order_by(QuoteRow.article_id, QuoteRow.start)).all()
    by_source = {Path(source).name: (aid, text) for aid, source, text in stored}
    extracted: dict[int, list[tuple[int, int, int | None]]] = {}
    for aid, start, end, sid in quotes:
        extracted.setdefault(aid, []).append((start, end, sid))
    planted = found = 0
    copies: dict[int, list[tuple[int | None, bool]]] = {}  # label -> (statement id, can stand alone), in order
    for article in corpus:
        aid, text = by_source[article.name]
        position = 0
        for copy in article.copies:
            planted += 1
            at = text.find(copy.inner, position)
            if at < 0:
                continue
            position = at + len(copy.inner)
            # Only copies the extractor found exactly: grouping is measured here, not extraction.
            hits = [sid for start, end, sid in extracted.get(aid, []) if start == at and end == position]
            if len(hits) == 1:
                found += 1
                copies.setdefault(copy.label, []).append((hits[0], is_distinctive(wording(copy.inner))))
    later = grouped = later_alone = grouped_alone = 0
    for found_copies in copies.values():
        (first, first_alone), rest = found_copies[0], found_copies[1:]
        later += len(rest)
        grouped += sum(1 for sid, _ in rest if sid is not None and sid == first)
        if first_alone:
            later_alone += sum(1 for _, alone in rest if alone)
            grouped_alone += sum(1 for sid, alone in rest if alone and sid is not None and sid == first)
    labels_by_group: dict[int, set[int]] = {}
    for label, found_copies in copies.items():
        for sid, _ in found_copies:
            if sid is not None:
                labels_by_group.setdefault(sid, set()).add(label)
    false_pairs = sum(len(labels) * (len(labels) - 1) // 2 for labels in labels_by_group.values())
    return {"statements": len(statements), "planted_copies": planted, "copies_extracted": found,
            "recurring_copies": later, "grouped_with_first": grouped,
            "recall": round(grouped / later, 4) if later else None,
            # Copies that can stand alone (matching.Thresholds: 5+ words, 2+ content words),
            # and whose first copy can: a copy like "we're building the one that" links to
            # nothing by design.
            "recurring_copies_standalone": later_alone, "grouped_standalone": grouped_alone,
            "recall_standalone": round(grouped_alone / later_alone, 4) if later_alone else None,
            "false_merge_pairs": false_pairs,
            "groups_with_several_statements": sum(1 for labels in labels_by_group.values() if len(labels) > 1)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=600)
    parser.add_argument("--background", type=int, default=0,
                        help="articles of quotes said once, mixed in among the recurring ones")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", default=str(ROOT / "bench" / "out" / "statements"))
    parser.add_argument("--json", action="store_true", help="print the numbers as one JSON object")
    args = parser.parse_args()
    out = Path(args.out)
    if out.exists():
        shutil.rmtree(out)
    statements, corpus = build_corpus(args.seed, args.articles, args.background)
    paths = write_corpus(corpus, out / "articles")
    # The corpus held here for scoring is no part of the ingest: keep the garbage collector
    # from walking it again and again, which would be timed as the ingest's.
    gc.freeze()
    db = str(out / "statements.db")
    engine = open_engine(db)
    grouper = TimedGrouper()
    items = (read_file(os.path.relpath(p)) for p in paths)  # sources as a user in the checkout names them
    began = time.perf_counter()
    with patch.object(writer, "StatementGrouper", lambda: grouper):
        summary = ingest(items, engine)
    seconds = time.perf_counter() - began
    result = measure(statements, corpus, db)
    result.update({
        "articles": summary.new, "quotes_stored": summary.quotes, "ingest_seconds": round(seconds, 2),
        "articles_per_second": round(summary.new / seconds, 1), "quotes_per_second": round(summary.quotes / seconds, 1),
    })
    tenth = max(1, len(grouper.seconds) // 10)
    for clock, spent in (("", grouper.seconds), ("cpu_", grouper.cpu_seconds)):
        result.update({
            f"grouping_{clock}ms_per_article": round(1000 * sum(spent) / len(spent), 3),
            f"grouping_{clock}ms_per_article_first_tenth": round(1000 * sum(spent[:tenth]) / tenth, 3),
            f"grouping_{clock}ms_per_article_last_tenth": round(1000 * sum(spent[-tenth:]) / tenth, 3),
        })
    result.update({
        "candidates_per_lookup": round(grouper.candidates / max(1, grouper.lookups), 2),
        "database": db,
    })
    if args.json:
        print(json.dumps(result))
    else:
        for key, value in result.items():
            print(f"{key:40} {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

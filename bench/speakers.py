"""One person, one speaker: are spelling variants merged, and are different people kept apart?

    python bench/speakers.py [--articles 120] [--seed 7] [--out bench/out/speakers]

Part 1 writes a corpus of articles in British and US styles in which the same people
appear under different transliterations, accents, titles and short forms, and different
people share given names or surnames; it ingests them through the real ingest path into a
fresh SQLite database and counts, from the known author of every quote:
  - people whose every spelling ended up in one stored speaker (variants merged);
  - stored speakers holding the quotes of more than one person (false merges).
Part 2 does the same on the hand-annotated articles (bench/devset and fixtures), whose
gold files give each quote's speaker a stable id across articles.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import sys
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from quotetrack.evaluate import gold_pairs, load_gold
from quotetrack.ingest import ingest
from quotetrack.sources import read_file, read_inputs
from quotetrack.store.db import open_engine
from quotetrack.store.models import ArticleRow, QuoteRow, SpeakerRow

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Person:
    id: str
    spellings: tuple[str, ...]  # full names as different outlets write them
    gender: str
    role: str


# Real transliteration and accent variants, and people who share a given name or a surname.
CAST = (
    Person("volodymyr-zelensky", ("Volodymyr Zelenskiy", "Volodymyr Zelensky", "Volodymyr Zelenskyy",
                                  "Volodymyr Zelenskyi"), "male", "president"),
    Person("olena-zelenska", ("Olena Zelenska",), "female", "first lady"),
    Person("mykhailo-podolyak", ("Mykhailo Podolyak", "Mykhailo Podoliak"), "male", "adviser"),
    Person("dmitry-peskov", ("Dmitry Peskov", "Dmitriy Peskov", "Dmitri Peskov"), "male", "spokesman"),
    Person("oleksandr-syrskyi", ("Oleksandr Syrskyi", "Oleksandr Syrsky", "Olexander Syrskyi"), "male", "general"),
    Person("yulia-navalnaya", ("Yulia Navalnaya", "Yuliya Navalnaya"), "female", "activist"),
    Person("recep-erdogan", ("Recep Tayyip Erdoğan", "Recep Tayyip Erdogan"), "male", "president"),
    Person("pedro-sanchez", ("Pedro Sánchez", "Pedro Sanchez"), "male", "prime minister"),
    Person("francois-legare", ("François Légaré", "Francois Legare"), "male", "mayor"),
    Person("boris-johnson", ("Boris Johnson",), "male", "former prime minister"),
    Person("dustin-johnson", ("Dustin Johnson",), "male", "golfer"),
    Person("boris-johnston", ("Boris Johnston",), "male", "farmer"),
    Person("marine-le-pen", ("Marine Le Pen",), "female", "party leader"),
    Person("jean-marie-le-pen", ("Jean-Marie Le Pen",), "male", "party founder"),
    Person("anna-weber", ("Anna Weber",), "female", "economy minister"),
    Person("anna-schmidt", ("Anna Schmidt",), "female", "economist"),
    Person("michael-brandt", ("Michael Brandt",), "male", "chief executive"),
    Person("michael-feeney", ("Michael Feeney",), "male", "analyst"),
    Person("sarah-kelly", ("Sarah Kelly",), "female", "councillor"),
    Person("michael-kelly", ("Michael Kelly",), "male", "residents' chairman"),
    Person("daniel-okafor", ("Daniel Okafor",), "male", "doctor"),
    Person("daniela-okafor", ("Daniela Okafor",), "female", "nurse"),
)

SAYINGS = (
    "We have to be honest about what this will cost",
    "Nobody in this building thinks the job is finished",
    "The numbers tell a different story from the one we hear",
    "I have said this before and I will say it again",
    "There is no plan B, and everyone knows it",
    "We are ready to talk, but not at any price",
    "This is a decision for the people who live here",
    "The next few weeks will decide a great deal",
    "I do not accept that this was inevitable",
    "People deserve straight answers, not slogans",
    "We were warned, and we did nothing",
    "It is a start, and only a start",
)
TOPICS = ("energy prices", "the ceasefire talks", "the housing plan", "the budget", "air defence",
          "the election", "the trade deal", "the strike")
OUTLETS = (("The Guardian", "uk"), ("The Times", "uk"), ("Reuters", "us"), ("Associated Press", "us"),
           ("The New York Times", "nyt"), ("CBC News", "us"))


def honorific(person: Person, style: str) -> str:
    mark = "." if style == "nyt" else ""
    return ("Mr" if person.gender == "male" else "Ms") + mark


def surname(full: str) -> str:
    words = full.split()
    return " ".join(words[-2:]) if len(words) > 2 and words[-2] in ("Le",) else words[-1]


def write_article(rng: random.Random, number: int, folder: Path) -> list[tuple[str, str]]:
    """One article; returns (quote text, person id) for every quote in it."""
    outlet, style = rng.choice(OUTLETS)
    people = rng.sample(CAST, rng.randint(2, 3))
    topic = rng.choice(TOPICS)
    published = date(2025, 1, 1) + timedelta(days=rng.randrange(300))
    paragraphs = [f"Talks on {topic} resumed on {published:%A} after a week of delays."]
    truth: list[tuple[str, str]] = []
    for person in people:
        full = rng.choice(person.spellings)
        short = surname(full)
        later = rng.choice((f"{honorific(person, style)} {short}", short)) if style != "us" else short
        pronoun = "he" if person.gender == "male" else "she"
        sayings = rng.sample(SAYINGS, 3)
        lines = [f"{s} on {topic} (article {number}, {person.id})" for s in sayings]
        first, second, third = lines[0] + ",", lines[1] + ",", lines[2] + "."
        truth.extend((text, person.id) for text in (first, second, third))
        paragraphs.append(rng.choice((
            f"“{first}” said {full}, the {person.role}.",
            f"{full}, the {person.role}, said: “{first}” and left.",
            f"“{first}” {full} told reporters.",
        )))
        paragraphs.append(f"“{second}” {later} added.")
        paragraphs.append(f"Asked about {topic} again, {pronoun} was blunt. “{third}”")
    paragraphs.append(f"Reporting by staff in London; editing by the {outlet} desk.")
    text = f"title: Talks on {topic}\noutlet: {outlet}\ndate: {published.isoformat()}\n\n" + "\n\n".join(paragraphs) + "\n"
    (folder / f"article-{number:04d}.txt").write_text(text, "utf-8")
    return truth


def tally(pairs: list[tuple[int | None, str]]) -> dict:
    """(stored speaker id, true person id) for every quote -> the counts."""
    speakers_of: dict[str, set[int | None]] = defaultdict(set)
    people_of: dict[int, set[str]] = defaultdict(set)
    for speaker_id, person in pairs:
        speakers_of[person].add(speaker_id)
        if speaker_id is not None:
            people_of[speaker_id].add(person)
    split = {p: s for p, s in speakers_of.items() if len(s) > 1}
    merged = {s: p for s, p in people_of.items() if len(p) > 1}
    return {
        "people": len(speakers_of),
        "people_in_one_speaker": len(speakers_of) - len(split),
        "people_split": sorted(split),
        "false_merges": len(merged),
        "falsely_merged": [sorted(p) for p in merged.values()],
        "quotes": len(pairs),
    }


def synthetic(articles: int, seed: int, out: Path) -> dict:
    if out.exists():
        shutil.rmtree(out)
    folder = out / "articles"
    folder.mkdir(parents=True)
    rng = random.Random(seed)
    truth: dict[tuple[str, str], str] = {}
    spellings_used: dict[str, set[str]] = defaultdict(set)
    for number in range(articles):
        for text, person in write_article(rng, number, folder):
            truth[(f"article-{number:04d}.txt", text)] = person
    for path in folder.iterdir():
        text = path.read_text("utf-8")
        for person in CAST:
            for spelling in person.spellings:
                # A whole name: "Volodymyr Zelensky" is also the start of "... Zelenskyy".
                if re.search(rf"(?<!\w){re.escape(spelling)}(?!\w)", text):
                    spellings_used[person.id].add(spelling)
    engine = open_engine(str(out / "speakers.db"))
    ingest(read_inputs([str(folder)]), engine)
    with Session(engine) as session:
        rows = session.execute(select(QuoteRow.speaker_id, QuoteRow.text, ArticleRow.source)
                               .join(ArticleRow, QuoteRow.article_id == ArticleRow.id)
                               .where(QuoteRow.kind != "indirect")).all()
    pairs = [(sid, truth[(Path(src).name, text)]) for sid, text, src in rows if (Path(src).name, text) in truth]
    result = tally(pairs)
    result["articles"] = articles
    result["quotes_expected"] = len(truth)
    result["spellings"] = sum(len(v) for v in spellings_used.values())
    result["people_with_variants"] = sum(1 for v in spellings_used.values() if len(v) > 1)
    return result


def annotated(out: Path) -> dict:
    """The hand-annotated articles: every gold person quote found, by gold speaker_id."""
    folder = out / "annotated"
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    engine = open_engine(str(folder / "annotated.db"))
    golds = []
    for root in (ROOT / "bench" / "devset", ROOT / "fixtures"):
        for article_path, gold_path in gold_pairs(root):
            golds.append((str(article_path), load_gold(gold_path, read_file(str(article_path)))))
    ingest(read_inputs([g[0] for g in golds]), engine)
    pairs = []
    with Session(engine) as session:
        for source, gold in golds:
            quotes = session.execute(select(QuoteRow.start, QuoteRow.end, QuoteRow.speaker_id, SpeakerRow.kind)
                                     .join(ArticleRow, QuoteRow.article_id == ArticleRow.id)
                                     .outerjoin(SpeakerRow, QuoteRow.speaker_id == SpeakerRow.id)
                                     .where(ArticleRow.source == source, QuoteRow.kind != "indirect")).all()
            for g in gold:
                if g.speaker_kind != "person":
                    continue
                hit = next((q for q in quotes if min(q.end, g.end) > max(q.start, g.start)), None)
                if hit is not None and hit.kind == "person":
                    pairs.append((hit.speaker_id, g.speaker_id))
    return tally(pairs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=120)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "speakers")
    args = parser.parse_args()
    print("synthetic corpus:", json.dumps(synthetic(args.articles, args.seed, args.out), indent=1))
    print("annotated articles:", json.dumps(annotated(args.out), indent=1))


if __name__ == "__main__":
    sys.exit(main())

"""Write a corpus of realistic articles for the speed benchmarks.

Each article recombines runs of paragraphs from the articles written for this project
(fixtures/articles and bench/devset/articles), so it has real news formatting and real
attribution patterns. Within a run, every person who speaks in the source article gets
a new name from bench/names.txt, consistently (full name, surname alone, given name
alone, possessives and spelling variants), with the same gender; some people recur
across many articles under the spellings newsrooms use for them. Dates, outlets,
bylines and lengths vary. The same --seed gives the same files, byte for byte.

    python bench/generate.py --count 10000            # bench/out/corpus-10000/
    python bench/generate.py --count 100000 --seed 7 --out /tmp/corpus
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from quotetrack.extract.mentions import given_name_gender
from quotetrack.sources import read_file
from quotetrack.speakers.names import parse_name, strip_possessive, variant_key

ROOT = Path(__file__).resolve().parent.parent
SOURCES = (ROOT / "fixtures", ROOT / "bench" / "devset")
NAMES = Path(__file__).resolve().parent / "names.txt"
# Real public figures in the fixtures keep their names: they recur across outlets as they do in the news.
KEEP = frozenset({"zelensky", "zelenskiy", "zelenskyy", "zelenskyi", "trump", "putin", "podolyak", "podoliak",
                  "peskov", "starmer"})
FILES_PER_FOLDER = 1000
# Share of renamed speakers who are one of the recurring people.
RECURRING_SHARE = 0.15
_CAPITALISED = re.compile(r"[A-ZÀ-ÖØ-Þ][\w’'\-]*")


@dataclass(frozen=True)
class Source:
    title: str
    paragraphs: tuple[str, ...]
    people: tuple[tuple[str, str, str | None], ...]  # (given, surname, gender) of each person quoted


@dataclass(frozen=True)
class NamePools:
    given: dict[str | None, tuple[str, ...]]  # gender -> given names
    surnames: tuple[str, ...]
    recurring: tuple[tuple[tuple[str, ...], str], ...]  # (spellings, gender)
    outlets: tuple[str, ...]


def load_pools(path: Path = NAMES) -> NamePools:
    sections: dict[str, list[str]] = {}
    current = ""
    for line in path.read_text("utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("["):
            current = line.strip("[]")
            continue
        sections.setdefault(current, []).append(line)
    words = {key: tuple(w for line in lines for w in line.split()) for key, lines in sections.items()}
    recurring = []
    for line in sections["recurring"]:
        spellings, gender = line.rsplit(" ", 1)
        recurring.append((tuple(spellings.split("|")), gender))
    male, female = words["male"], words["female"]
    return NamePools({"male": male, "female": female, None: male + female}, words["surname"], tuple(recurring),
                     tuple(sections["outlets"]))


def load_sources() -> list[Source]:
    sources = []
    for folder in SOURCES:
        for gold_path in sorted((folder / "gold").glob("*.json")):
            article = read_file(str(folder / "articles" / f"{gold_path.stem}.txt"))
            people: dict[tuple[str, str], str | None] = {}
            for quote in json.loads(gold_path.read_text("utf-8"))["quotes"]:
                if quote.get("speaker_kind", "person") != "person":
                    continue
                parsed = parse_name(quote["speaker"])
                if not parsed.given or not parsed.surname or " " in parsed.surname:
                    continue
                if variant_key(parsed.surname) in {variant_key(k) for k in KEEP}:
                    continue
                people.setdefault((parsed.given, parsed.surname), given_name_gender(parsed.given))
            paragraphs = tuple(p.strip() for p in re.split(r"\n\s*\n", article.text) if p.strip())
            sources.append(Source(article.title or "", paragraphs,
                                  tuple((g, s, gender) for (g, s), gender in people.items())))
    return sources


class ArticleComposer:
    """Draws articles from the sources with one random generator."""

    def __init__(self, sources: list[Source], pools: NamePools, seed: int):
        self.sources = sources
        self.pools = pools
        self.random = random.Random(seed)

    def article(self, number: int) -> str:
        rng = self.random
        target = rng.randint(3200, 6800)
        first = rng.choice(self.sources)
        renaming = self._renaming(first)
        title = _rename(first.title, renaming)
        body = [_rename(p, renaming) for p in first.paragraphs]
        while sum(len(p) + 2 for p in body) > target and len(body) > 4:
            body.pop()
        while sum(len(p) + 2 for p in body) < target - 800:
            other = rng.choice(self.sources)
            renaming = self._renaming(other)
            start = rng.randrange(len(other.paragraphs))
            for paragraph in other.paragraphs[start:]:
                body.append(_rename(paragraph, renaming))
                if sum(len(p) + 2 for p in body) >= target:
                    break
        published = date(2022, 1, 1) + timedelta(days=rng.randrange(4 * 365))
        outlet = rng.choice(self.pools.outlets)
        author = f"{rng.choice(self.pools.given[None])} {rng.choice(self.pools.surnames)}"
        slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:60]
        header = (f"title: {title}\noutlet: {outlet}\ndate: {published.isoformat()}\nauthor: {author}\n"
                  f"url: https://news.example.org/{published:%Y/%m/%d}/{slug}-{number}\n")
        return header + "\n" + "\n\n".join(body) + "\n"

    def _renaming(self, source: Source) -> dict[str, str]:
        """variant key of an original given name or surname -> its new form, for one run."""
        rng = self.random
        renaming: dict[str, str] = {}
        surnames: dict[str, str] = {}
        for given, surname, gender in source.people:
            surname_key = variant_key(surname)
            if rng.random() < RECURRING_SHARE and surname_key not in surnames:
                candidates = [r for r in self.pools.recurring if gender is None or r[1] == gender]
                spellings, _ = rng.choice(candidates)
                new_given, new_surname = rng.choice(spellings).split(" ", 1)
            else:
                new_given = rng.choice(self.pools.given[gender])
                new_surname = surnames.get(surname_key) or rng.choice(self.pools.surnames)
            # Two people who share a surname in the source (the two Brennans) share the new one.
            new_surname = surnames.setdefault(surname_key, new_surname)
            renaming.setdefault(variant_key(given), new_given)
            renaming[surname_key] = new_surname
        return renaming


def _rename(text: str, renaming: dict[str, str]) -> str:
    def swap(match: re.Match) -> str:
        word = match.group()
        bare = strip_possessive(word)
        new = renaming.get(variant_key(bare))
        return word if new is None else new + word[len(bare):]

    return _CAPITALISED.sub(swap, text) if renaming else text


def generate(count: int, out: Path, seed: int = 1) -> int:
    """Write ``count`` distinct articles under ``out``; returns the bytes written."""
    composer = ArticleComposer(load_sources(), load_pools(), seed)
    seen: set[bytes] = set()
    written = 0
    for number in range(count):
        text = composer.article(number)
        while (digest := hashlib.sha256(text.encode()).digest()) in seen:
            text = composer.article(number)
        seen.add(digest)
        folder = out / f"{number // FILES_PER_FOLDER:04d}"
        folder.mkdir(parents=True, exist_ok=True)
        data = text.encode("utf-8")
        (folder / f"{number:07d}.txt").write_bytes(data)
        written += len(data)
    return written


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=10_000, help="how many articles (default 10000)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--out", type=Path, help="folder to write (default bench/out/corpus-COUNT)")
    args = parser.parse_args(argv)
    out = args.out or ROOT / "bench" / "out" / f"corpus-{args.count}"
    if out.exists() and any(out.iterdir()):
        sys.exit(f"error: {out} is not empty; remove it or give another --out")
    written = generate(args.count, out, args.seed)
    print(f"wrote {args.count} articles, {written / 1e6:.1f} MB, {written / args.count / 1e3:.1f} KB each "
          f"on average, to {out}")


if __name__ == "__main__":
    main()

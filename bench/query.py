"""Query latency at a million quotes: who-said by name, with --contains, and --quote.

The database is built through the real ingest path (the same code as `quotetrack
ingest`) from a generated corpus, article files in order, until it holds --quotes
quotes; an existing database with enough quotes is used as it is. The queries then go
through the functions the CLI calls (store/queries.py) on a warm connection and a warm
cache (the names are asked once untimed first), so the numbers leave out Python's
start-up and the terminal rendering.

    python bench/generate.py --count 100000
    python bench/query.py --corpus bench/out/corpus-100000 --db bench/out/query-1m.db
    python bench/query.py --corpus bench/out/corpus-100000 --db postgresql+psycopg://localhost/bench

Queries, each run on a seeded random sample:
  who-said NAME               a stored person's name as written in one of their aliases
  who-said SURNAME            that name's last word: the speakers it fits are found
  who-said MISSPELT            that name with two letters swapped: the fuzzy match, or suggestions
  who-said NAME --contains W  two consecutive words from one of that person's quotes
  who-said --quote W          three consecutive words from a random quote
Each also with --limit 50, which is what a person reading a terminal asks for, and with
--occurrences (every appearance, no grouping into statements), where the limit goes into
the SQL. Without --occurrences every matching quote is read and grouped first, as the
command does.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable
from itertools import islice
from pathlib import Path

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from quotetrack.ingest import ingest
from quotetrack.sources import read_inputs
from quotetrack.store import queries
from quotetrack.store.statement_queries import group_quotes
from quotetrack.store.db import open_engine
from quotetrack.store.models import QuoteRow, SpeakerAlias, SpeakerRow
from quotetrack.workers import default_workers, fewer_collections

FILES_PER_ROUND = 2000


def quote_count(engine) -> int:
    with engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(QuoteRow)).scalar()


def build(engine, corpus: Path, target: int, workers: int) -> None:
    """Ingest the corpus's files in order until the database holds ``target`` quotes."""
    have = quote_count(engine)
    if have >= target:
        print(f"database holds {have} quotes already")
        return
    if corpus is None or not corpus.is_dir():
        sys.exit(f"error: the database holds {have} quotes; give --corpus to ingest more (bench/generate.py)")
    started = time.perf_counter()
    paths = iter(sorted(str(p) for p in corpus.rglob("*.txt")))
    while have < target:
        chunk = list(islice(paths, FILES_PER_ROUND))
        if not chunk:
            sys.exit(f"error: {corpus} ran out of articles at {have} quotes")
        ingest(read_inputs(chunk), engine, workers=workers)
        have = quote_count(engine)
        print(f"  {have} quotes after {time.perf_counter() - started:.0f} s", flush=True)


def samples(engine, size: int, seed: int) -> tuple[list[str], list[tuple[str, str]], list[str]]:
    """Names to ask for; (name, words of one of their quotes); phrases of random quotes."""
    rng = random.Random(seed)
    with Session(engine) as session:
        top = session.execute(select(func.max(QuoteRow.id))).scalar()
        people = session.execute(
            select(SpeakerRow.id, SpeakerAlias.alias).join(SpeakerAlias)
            .where(SpeakerRow.kind == "person").where(SpeakerAlias.alias.contains(" "))
            .order_by(SpeakerAlias.id)  # the same sample from the same database, on either kind
        ).all()
        names = [alias for _, alias in rng.sample(people, size)]
        with_words = []
        for speaker_id, alias in rng.sample(people, size * 2):
            said = session.execute(select(QuoteRow.text).where(QuoteRow.speaker_id == speaker_id).limit(5)).scalars()
            words = [w for quote in said for w in [queries.phrase_words(quote)] if len(w) >= 2]
            if words:
                chosen = rng.choice(words)
                at = rng.randrange(len(chosen) - 1)
                with_words.append((alias, " ".join(chosen[at:at + 2])))
            if len(with_words) == size:
                break
        phrases = []
        while len(phrases) < size:
            quote = session.execute(select(QuoteRow.text).where(QuoteRow.id == rng.randint(1, top))).scalar()
            words = queries.phrase_words(quote or "")
            if len(words) >= 3:
                at = rng.randrange(len(words) - 2)
                phrases.append(" ".join(words[at:at + 3]))
    return names, with_words, phrases


def misspelt(names: list[str], seed: int) -> list[str]:
    """Each name with two different letters of its last word swapped, as a hurried typist
    types it (a name with no two to swap stays as it is)."""
    rng = random.Random(seed)
    typed = []
    for name in names:
        head, _, last = name.rpartition(" ")
        places = [at for at in range(1, len(last) - 1) if last[at] != last[at + 1]]
        at = rng.choice(places) if places else None
        typed.append(name if at is None else f"{head} {last[:at]}{last[at + 1]}{last[at]}{last[at + 2:]}".strip())
    return typed


def who_said(session: Session, name: str, contains: str | None = None, limit: int | None = None,
             occurrences: bool = False) -> int:
    """What `quotetrack who-said NAME --all [--contains W] [--limit N] [--occurrences]` does
    before printing: find the speakers, read their quotes, and (without --occurrences)
    group them into statements; the rows it would print."""
    matches = queries.find_speakers(session, name)
    if not matches:
        return 0
    rows = list(queries.quotes(session, [m.id for m in matches], contains=contains,
                               limit=limit if occurrences else None))
    return len(rows) if occurrences else len(group_quotes(rows)[:limit])


def who_said_quote(session: Session, phrase: str, limit: int | None = None, occurrences: bool = False) -> int:
    """What `quotetrack who-said --quote PHRASE [--limit N] [--occurrences]` does before printing."""
    rows = list(queries.quotes(session, None, contains=phrase, limit=limit if occurrences else None))
    return len(rows) if occurrences else len(group_quotes(rows)[:limit])


def timed(engine, label: str, calls: list[Callable[[Session], int]]) -> None:
    latencies, rows = [], []
    for call in calls:
        with fewer_collections(), Session(engine) as session:  # as the command reads
            started = time.perf_counter()
            rows.append(call(session))
            latencies.append((time.perf_counter() - started) * 1000)
    latencies.sort()
    p95 = latencies[max(0, int(len(latencies) * 0.95) - 1)]
    print(f"{label:<46} p50 {statistics.median(latencies):7.1f} ms   p95 {p95:7.1f} ms   max {latencies[-1]:7.1f} ms"
          f"   rows: median {statistics.median(rows):.0f}, max {max(rows)}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default=str(Path(__file__).resolve().parent / "out" / "query-1m.db"),
                        help="database URL or SQLite path (default bench/out/query-1m.db)")
    parser.add_argument("--corpus", type=Path, help="generated corpus to ingest from while quotes are too few")
    parser.add_argument("--quotes", type=int, default=1_000_000, help="quotes the database must hold (default 1M)")
    parser.add_argument("--samples", type=int, default=200, help="queries of each kind (default 200)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workers", type=int, default=default_workers(), help="ingest workers while building")
    args = parser.parse_args(argv)
    engine = open_engine(args.db)
    build(engine, args.corpus, args.quotes, args.workers)
    with engine.connect() as connection:
        if engine.dialect.name == "sqlite":
            connection.execute(text("PRAGMA optimize"))
        else:
            connection.execute(text("ANALYZE"))
    print(f"{engine.dialect.name}: {quote_count(engine)} quotes; {args.samples} queries of each kind")
    names, with_words, phrases = samples(engine, args.samples, args.seed)
    # Once untimed first: the first pass over a database just written, or pushed out of
    # memory by another job, is timing the disk, and every kind after it runs warm.
    for name in names:
        with Session(engine) as session:
            who_said(session, name)
    timed(engine, "who-said NAME", [lambda s, n=n: who_said(s, n) for n in names])
    timed(engine, "who-said NAME --limit 50", [lambda s, n=n: who_said(s, n, limit=50) for n in names])
    timed(engine, "who-said NAME --occurrences --limit 50",
          [lambda s, n=n: who_said(s, n, limit=50, occurrences=True) for n in names])
    # A surname alone fits hundreds of people in the generated corpus, so who-said would
    # stop at "several speakers match": this times that answer, the lookup alone.
    timed(engine, "who-said SURNAME (finding the speakers)",
          [lambda s, n=n: len(queries.find_speakers(s, n.split()[-1])) for n in names])
    timed(engine, "who-said MISSPELT (fuzzy match, suggestions)",
          [lambda s, n=n: len(queries.find_speakers(s, n) or queries.suggest(s, n))
           for n in misspelt(names, args.seed)])
    timed(engine, "who-said NAME --contains W", [lambda s, n=n, w=w: who_said(s, n, w) for n, w in with_words])
    timed(engine, "who-said --quote W", [lambda s, p=p: who_said_quote(s, p) for p in phrases])
    timed(engine, "who-said --quote W --limit 50", [lambda s, p=p: who_said_quote(s, p, 50) for p in phrases])
    timed(engine, "who-said --quote W --occurrences --limit 50",
          [lambda s, p=p: who_said_quote(s, p, 50, occurrences=True) for p in phrases])
    engine.dispose()


if __name__ == "__main__":
    main()

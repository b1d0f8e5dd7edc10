"""Ingest speed: articles/s, MB/s, quotes/s and peak memory, against a floor.

Each run is the real command, `quotetrack ingest CORPUS --db FRESH.db --workers N`,
in a child process (so its peak RSS and CPU time can be read). The floor is the least
any ingest must do with the same files: read each one, find its quoted spans with one
regular expression, and insert raw rows into SQLite, committing every batch of articles
as quotetrack does. The ratio says how much more quotetrack spends than that floor.

    python bench/generate.py --count 10000
    python bench/ingest.py bench/out/corpus-10000 --workers 1,2

Wall-clock rates depend on what else the machine runs; "per CPU-second" (user + system
time of the ingest and its worker processes) says what one core does.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from quotetrack.ingest import BATCH_SIZE
from quotetrack.sources import expand_paths

SAMPLE_SECONDS = 0.2
# One pass for the floor: a quoted span in curly or straight double quotes.
FLOOR_QUOTE = re.compile(r"[“\"]([^”\"\n]{1,2000})[”\"]")


def corpus_size(corpus: Path) -> tuple[int, int]:
    files = [Path(p) for p in expand_paths([str(corpus)]) if isinstance(p, str)]
    return len(files), sum(f.stat().st_size for f in files)


class ProcessTree:
    """Samples a process and its descendants from /proc: CPU seconds, the peak of their
    summed resident memory, and each one's own peak (VmHWM)."""

    def __init__(self, root: int):
        self.root = root
        self.cpu: dict[int, float] = {}
        self.hwm_kb: dict[int, int] = {}
        self.peak_total_kb = 0
        self._tick = os.sysconf("SC_CLK_TCK")

    def sample(self) -> None:
        parents: dict[int, int] = {}
        stats: dict[int, list[str]] = {}
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            try:
                fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            parents[int(entry)] = int(fields[1])
            stats[int(entry)] = fields
        tree = {self.root}
        changed = True
        while changed:
            grown = {pid for pid, parent in parents.items() if parent in tree} - tree
            changed = bool(grown)
            tree |= grown
        total = 0
        for pid in tree & stats.keys():
            fields = stats[pid]
            self.cpu[pid] = max(self.cpu.get(pid, 0.0), (int(fields[11]) + int(fields[12])) / self._tick)
            try:
                status = Path(f"/proc/{pid}/status").read_text()
            except OSError:
                continue
            values = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
            rss = int(values.get("VmRSS", "0 kB").split()[0])
            total += rss
            self.hwm_kb[pid] = max(self.hwm_kb.get(pid, 0), int(values.get("VmHWM", "0 kB").split()[0]))
        self.peak_total_kb = max(self.peak_total_kb, total)


def run_ingest(corpus: Path, db: Path, workers: int) -> dict:
    """The ingest command in a child process, watched every SAMPLE_SECONDS."""
    command = [sys.executable, "-c", "from quotetrack.cli import main; main()", "ingest", str(corpus), "--db", str(db),
               "--workers", str(workers), "--json"]
    started = time.perf_counter()
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as errors:
        child = subprocess.Popen(command, stdout=out, stderr=errors, text=True)
        tree = ProcessTree(child.pid)
        while child.poll() is None:
            tree.sample()
            time.sleep(SAMPLE_SECONDS)
        wall = time.perf_counter() - started
        out.seek(0)
        errors.seek(0)
        if child.returncode != 0:
            sys.exit(f"ingest failed ({child.returncode}): {errors.read().strip()[-800:]}")
        summary = json.loads(out.read())
    return {
        "wall": wall, "summary": summary, "cpu": sum(tree.cpu.values()),
        "writer_rss_mb": tree.hwm_kb.get(child.pid, 0) / 1024, "total_rss_mb": tree.peak_total_kb / 1024,
    }


def floor(corpus: Path, db: Path) -> tuple[float, int]:
    """Seconds to read, find quotes with one regex and insert raw rows; and the quote count."""
    started = time.perf_counter()
    connection = sqlite3.connect(db, isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=NORMAL")
    connection.execute("CREATE TABLE articles (id INTEGER PRIMARY KEY, source TEXT, text TEXT)")
    connection.execute("CREATE TABLE quotes (id INTEGER PRIMARY KEY, article_id INTEGER, text TEXT)")
    quotes = 0
    in_batch = 0
    connection.execute("BEGIN")
    for path in expand_paths([str(corpus)]):
        text = Path(path).read_text("utf-8")
        article_id = connection.execute("INSERT INTO articles (source, text) VALUES (?, ?)", (path, text)).lastrowid
        rows = [(article_id, m.group(1)) for m in FLOOR_QUOTE.finditer(text)]
        connection.executemany("INSERT INTO quotes (article_id, text) VALUES (?, ?)", rows)
        quotes += len(rows)
        in_batch += 1
        if in_batch == BATCH_SIZE:
            connection.execute("COMMIT")
            connection.execute("BEGIN")
            in_batch = 0
    connection.execute("COMMIT")
    connection.close()
    return time.perf_counter() - started, quotes


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, help="folder of articles (bench/generate.py writes one)")
    parser.add_argument("--workers", default="1,2", help="comma-separated worker counts to run (default 1,2)")
    parser.add_argument("--keep", type=Path, help="keep the databases in this folder")
    parser.add_argument("--no-floor", action="store_true", help="skip the floor run")
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        sys.exit(f"error: {args.corpus} is not a folder; write one with bench/generate.py")
    count, size = corpus_size(args.corpus)
    mb = size / 1e6
    print(f"corpus: {args.corpus} — {count} articles, {mb:.1f} MB ({size / count / 1e3:.1f} KB each); "
          f"{os.cpu_count()} cores")
    folder = args.keep or Path(tempfile.mkdtemp(prefix="quotetrack-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        floor_seconds = None
        if not args.no_floor:
            floor_seconds, floor_quotes = floor(args.corpus, folder / "floor.db")
            print(f"floor (read + one regex + raw SQLite rows): {floor_seconds:.1f} s, {count / floor_seconds:.0f} "
                  f"articles/s, {mb / floor_seconds:.1f} MB/s, {floor_quotes} quoted spans")
        for workers in [int(w) for w in args.workers.split(",")]:
            result = run_ingest(args.corpus, folder / f"ingest-w{workers}.db", workers)
            wall, summary = result["wall"], result["summary"]
            line = (f"quotetrack --workers {workers}: {wall:.1f} s, {count / wall:.0f} articles/s, "
                    f"{mb / wall:.2f} MB/s, {summary['quotes_added'] / wall:.0f} quotes/s "
                    f"({summary['quotes_added']} quotes, {summary['speakers_added']} speakers); "
                    f"{count / result['cpu']:.0f} articles per CPU-second; peak RSS {result['writer_rss_mb']:.0f} MB "
                    f"(writer), {result['total_rss_mb']:.0f} MB (all processes)")
            if floor_seconds:
                line += f"; {wall / floor_seconds:.1f}x the floor"
            print(line, flush=True)
    finally:
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()

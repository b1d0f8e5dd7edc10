"""A real batch with broken files in it, through the command line: each bad input gets
one line naming it and the reason, the rest are stored, the summary counts the
failures, and the exit code is 1. No traceback unless --debug."""

from __future__ import annotations

import gzip
import json
import random
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler

import pytest
from source_samples import FERRY, HARBOUR, LIBRARY, QuietServer, Record, html_page, numbered_story, warc_bytes

import quotetrack.sources.text

LATIN_TEXT = ("Le maire a déclaré: « Nous reconstruirons le pont avant l’hiver », à Sainte-Anne. "
              "“C’est une promesse,” a dit Hélène Marchetti, la mairesse.")


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 -- the name http.server calls
        if self.path == "/slow":
            time.sleep(1.5)
        self.send_error(404, "Not Found")

    def log_message(self, *_args):
        pass


@pytest.fixture
def server(monkeypatch):
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    httpd = QuietServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def batch(tmp_path, server) -> tuple[list[str], dict[str, str], int]:
    """Inputs, the error line expected for each bad one (by its start), and how many
    articles the good ones hold."""
    folder = tmp_path / "batch"
    folder.mkdir()

    def write(name: str, data: bytes) -> str:
        (folder / name).write_bytes(data)
        return str(folder / name)

    good = [
        write("harbour.html", html_page(HARBOUR).encode()),
        write("ferry.txt", f"title: {FERRY.title}\n\n{FERRY.text}\n".encode()),
        write("sainte-anne.txt", LATIN_TEXT.encode("cp1252")),  # another charset, detected
    ]
    jsonl = "".join(json.dumps({"text": numbered_story(n).text}) + "\n" for n in range(40)).encode()
    warc = warc_bytes([Record(f"https://herald.example/{s.slug}", html_page(s).encode())
                       for s in (HARBOUR, FERRY, LIBRARY)])
    generator = random.Random(7)
    noise = bytes(generator.randrange(128, 256) for _ in range(4000))
    bad = {
        write("report.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\x00\x00"):
            "binary file (a PDF document)",
        write("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200)): "binary file (a PNG image)",
        write("empty.txt", b""): "empty file",
        write("noise.txt", noise): "text encoding not recognised",
        write("huge.txt", b"A line of words that goes on.\n" * (50 * 1024 * 1024 // 30)):
            "too large to read as one document (50.0 MB",
        write("broken.html", b"<html><body><div><<<>>> <nav><a href=/>Home</a></nav>"):
            "no article text found in the page",
        write("briefings.jsonl.gz", gzip.compress(jsonl)[:-200]): "truncated or damaged gzip data",
        write("crawl.warc.gz", warc[: len(warc) * 2 // 3]): "the WARC is cut short",
        write("ids.csv", b"id,headline\n1,Something happened\n"): "no text column",
        f"{server}/slow": "timed out: no complete answer within 0.5 s",
        f"{server}/gone": "HTTP 404 Not Found",
        str(folder / "missing.txt"): "no such file or folder",
    }
    return [*good, *bad], bad, len(good)


def test_every_bad_input_is_one_line_and_the_rest_are_stored(cli, batch):
    inputs, bad, good = batch
    result = cli("ingest", *inputs, "--timeout", "0.5")
    assert result.exit_code == 1
    assert "Traceback" not in result.stderr + result.stdout
    errors = result.stderr.strip().splitlines()
    for name, reason in bad.items():
        matching = [line for line in errors if line.startswith(f"error: {name}: ")]
        assert len(matching) == 1, (name, errors)
        assert matching[0].removeprefix(f"error: {name}: ").startswith(reason), matching[0]
    assert len(errors) == len(bad)
    # The good files, the jsonl lines before the gzip damage and the warc records before the cut.
    stored = int(result.stdout.split(": ")[1].split(" new")[0])
    assert stored >= good + 1 + 1
    assert f"{len(bad)} failed" in result.stdout
    latin = cli("show", "sainte-anne.txt")
    assert "l’hiver ⟧», à Sainte-Anne. “C’est une promesse,” a dit Hélène Marchetti" in latin.stdout


def test_the_json_summary_lists_the_failures(cli, batch):
    inputs, bad, _ = batch
    result = cli("ingest", *inputs, "--timeout", "0.5", "--json", "--quiet")
    assert result.exit_code == 1
    summary = json.loads(result.stdout)
    assert summary["articles_failed"] == len(bad)
    assert {f["input"] for f in summary["failures"]} == set(bad)


def test_a_dry_run_stores_nothing(cli, tmp_path):
    path = tmp_path / "three.jsonl"
    path.write_text("".join(json.dumps({"text": s.text}) + "\n" for s in (HARBOUR, FERRY, LIBRARY)))
    dry = json.loads(cli("ingest", str(path), "--dry-run", "--json").stdout)
    real = json.loads(cli("ingest", str(path), "--json").stdout)
    assert dry["articles_new"] == real["articles_new"] == 3
    assert dry["quotes_added"] == real["quotes_added"] > 0


def test_an_unknown_format_is_a_usage_error(cli, tmp_path):
    result = cli("ingest", str(tmp_path), "--format", "pdf")
    assert result.exit_code == 2
    assert "unknown input format 'pdf'" in result.stderr


def test_format_overrides_detection(cli, tmp_path):
    path = tmp_path / "page.txt"
    path.write_text(html_page(HARBOUR), encoding="utf-8")
    as_html = cli("ingest", str(path), "--format", "html", "--dry-run", "--json")
    assert json.loads(as_html.stdout)["articles_new"] == 1
    as_csv = cli("ingest", str(path), "--format", "csv", "--dry-run")
    assert as_csv.exit_code == 1
    assert "no text column" in as_csv.stderr


def test_an_unforeseen_reader_failure_is_one_line_and_debug_shows_the_traceback(cli, tmp_path, monkeypatch):
    def broken_reader(source):
        raise RuntimeError("the reader tripped")
        yield

    monkeypatch.setattr(quotetrack.sources.text, "read_text", broken_reader)
    path = tmp_path / "a.txt"
    path.write_text(HARBOUR.text, encoding="utf-8")
    plain = cli("ingest", str(path))
    assert plain.exit_code == 1
    assert plain.stderr.strip() == f"error: {path}: could not be read (RuntimeError: the reader tripped)"
    debug = cli("ingest", str(path), "--debug")
    assert "Traceback" in debug.stderr and "the reader tripped" in debug.stderr


def test_a_50_mb_dataset_is_streamed_in_bounded_memory(tmp_path):
    """Peak memory over a 50 MB JSONL file stays near that of a tiny one: the file is
    read line by line, never whole."""
    long_story = "\n\n".join([HARBOUR.text] * 60)
    line = json.dumps({"title": "Harbour", "text": long_story}) + "\n"
    big = tmp_path / "big.jsonl"
    total = 50 * 1024 * 1024 // len(line) + 1
    with big.open("w") as out:
        for _ in range(total):
            out.write(line)
    small = tmp_path / "small.jsonl"
    small.write_text(line)
    assert big.stat().st_size >= 50 * 1024 * 1024

    def peak_kib(path) -> tuple[int, dict]:
        code = ("import resource, sys\nfrom quotetrack.cli import app\n"
                "try:\n    app(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
                "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)")
        # A database each, so both runs extract and store the article once.
        done = subprocess.run([sys.executable, "-c", code, "ingest", str(path), "--db", str(path.with_suffix(".db")),
                               "--json"], capture_output=True, text=True, timeout=120)
        return int(done.stderr.strip().splitlines()[-1]), json.loads(done.stdout)

    baseline, _ = peak_kib(small)
    peak, summary = peak_kib(big)
    assert (summary["articles_new"], summary["articles_already_stored"]) == (1, total - 1)
    assert summary["articles_failed"] == 0
    assert peak - baseline < 40 * 1024, f"{(peak - baseline) // 1024} MB more for a 50 MB file"



def test_a_database_failure_mid_ingest_is_one_line_and_exit_5(cli, tmp_path, monkeypatch):
    from sqlalchemy.exc import OperationalError

    from quotetrack.store.writer import ArticleWriter

    path = tmp_path / "three.jsonl"
    path.write_text("".join(json.dumps({"text": s.text}) + "\n" for s in (HARBOUR, FERRY, LIBRARY)))
    store_all = ArticleWriter.store_all

    def store_two_then_fail(writer, extractions):
        stored = []
        for extraction in extractions:
            if extraction.article.text == LIBRARY.text:
                raise OperationalError("INSERT INTO articles", {}, OSError("disk I/O error"))
            stored.extend(store_all(writer, [extraction]))
        return stored

    monkeypatch.setattr(ArticleWriter, "store_all", store_two_then_fail)
    result = cli("ingest", str(path))
    assert result.exit_code == 5
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines()[0] == "error: database error during the ingest (OSError: disk I/O error)"
    monkeypatch.setattr(ArticleWriter, "store_all", store_all)
    again = cli("ingest", str(path))
    assert "1 new, 2 already stored" in again.stdout

"""Which reader an input gets, and which charset its text is in."""

from __future__ import annotations

import gzip
import json

import pytest
from conftest import ROOT
from source_samples import FERRY, HARBOUR, Record, html_page, rss_feed, warc_bytes

from quotetrack.sources import SourceError, expand_paths, read_input
from quotetrack.sources.charset import declared_in_markup, decode
from quotetrack.sources.detect import CSV, HTML, JSONL, RSS, TEXT, WARC, check_readable, detect_format, sniff


@pytest.mark.parametrize(("head", "expected"), [
    (b"WARC/1.1\r\nWARC-Type: warcinfo\r\n", WARC),
    (b'<?xml version="1.0"?>\n<rss version="2.0"><channel>', RSS),
    (b'\xef\xbb\xbf<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">', RSS),
    (b"<!DOCTYPE html>\n<html><head>", HTML),
    (b"  <html lang=en><body><p>hi", HTML),
    (b'{"text": "A story.", "title": "T"}\n{"text": "B"}\n', JSONL),
    (b"title: Kyiv\n\nA story about {braces}.", None),
    (b"[Updated] The council met on Monday.", None),
    (b"url,title,text\nhttps://a,b,c\n", None),
])
def test_first_bytes_that_leave_no_doubt(head, expected):
    assert sniff(head) == expected


@pytest.mark.parametrize(("suffix", "content_type", "expected"), [
    (".csv", None, CSV), (".tsv", None, CSV), (".ndjson", None, JSONL), (".xml", None, RSS), (".htm", None, HTML),
    (".warc", None, WARC), ("", None, TEXT), (".md", None, TEXT), ("", "text/csv; charset=utf-8", CSV),
    ("", "application/atom+xml", RSS), (".txt", "text/html", HTML),
])
def test_content_type_then_file_ending_then_text(suffix, content_type, expected):
    assert detect_format("x", b"plain words here\n", suffix, content_type) == expected


def test_first_bytes_win_over_the_file_ending_and_format_wins_over_all():
    page = html_page(HARBOUR).encode()
    assert detect_format("page.txt", page, ".txt") == HTML
    assert detect_format("page.txt", page, ".txt", chosen=TEXT) == TEXT


@pytest.mark.parametrize(("head", "reason"), [
    (b"", "empty file"),
    (b"%PDF-1.4\n", "binary file (a PDF document)"),
    (b"PK\x03\x04\x14\x00", "binary file (a ZIP archive"),
    (b"\x7fELF\x02\x01\x01\x00\x00\x00", "binary file (it contains NUL bytes)"),
])
def test_empty_and_binary_inputs(head, reason):
    with pytest.raises(SourceError) as raised:
        check_readable("in.txt", head)
    assert raised.value.reason.startswith(reason)


def test_utf16_text_with_a_byte_order_mark_is_text_not_binary(tmp_path):
    path = tmp_path / "utf16.txt"
    path.write_bytes(f"title: {FERRY.title}\n\n{FERRY.text}\n".encode("utf-16"))
    (article,) = read_input(str(path))
    assert (article.title, article.text) == (FERRY.title, FERRY.text)


@pytest.mark.parametrize(("text", "encoding"), [
    ("„Wir haben keine Wahl“, sagte Jördis Maaß am Montag in Göttingen über die Brücke.", "cp1252"),
    ("Le ministre a déclaré: « Nous ne céderons pas », à Paris, où il était attendu.", "latin-1"),
    ("Президент сказал: «Мы не сдадимся». Министр добавил, что решение уже принято.", "cp1251"),
])
def test_legacy_charsets_are_detected(text, encoding):
    assert decode(text.encode(encoding), "x.txt") == text


def test_a_declared_charset_is_tried_first_and_web_latin1_means_windows_1252():
    assert declared_in_markup(b'<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">') == "cp1252"
    assert declared_in_markup(b'<?xml version="1.0" encoding="windows-1251"?><rss>') == "cp1251"
    assert declared_in_markup(b"<meta charset=nonsense-9>") is None
    assert decode("“Quoted”".encode("cp1252"), "x", declared="cp1252") == "“Quoted”"


def test_a_folder_walk_picks_up_every_format_gzipped_or_not(tmp_path):
    names = ["a.txt", "b.html", "c.htm", "d.rss", "e.atom", "f.xml", "g.jsonl", "h.jsonl.gz", "i.csv",
             "j.warc", "k.warc.gz", "skip.pdf", "skip.png", "skip.gz", ".hidden.txt"]
    for name in names:
        (tmp_path / name).write_bytes(b"x")
    found = [p.rsplit("/", 1)[1] for p in expand_paths([str(tmp_path)])]
    assert found == [n for n in sorted(names) if not n.startswith((".", "skip"))]


def test_stdin_is_detected_from_its_content(cli):
    feed = rss_feed([{"title": s.title, "guid": s.slug, "description": s.text} for s in (HARBOUR, FERRY)])
    result = cli("ingest", "-", "--json", input=feed)
    assert json.loads(result.stdout)["articles_new"] == 2
    shown = cli("show", "stdin#entry=ferry")
    assert FERRY.title in shown.stdout


def test_gzip_is_undone_whatever_the_name(tmp_path):
    path = tmp_path / "archive.bin.gz"
    path.write_bytes(gzip.compress(warc_bytes([Record("https://a.example/h", html_page(HARBOUR).encode())],
                                              compress=False)))
    (article,) = read_input(str(path))
    assert article.text == HARBOUR.text


def test_the_help_example_for_every_input_format_is_real(cli):
    result = cli("ingest", str(ROOT / "fixtures" / "inputs"))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == "12 articles: 9 new, 3 already stored, 0 failed; 21 quotes and 12 speakers added"

"""Web archives: each HTML response an article; everything else passed over; a cut file
keeps what came before the cut."""

from __future__ import annotations

import io
from datetime import date

import pytest
from source_samples import FERRY, HARBOUR, LIBRARY, Record, html_page, warc_bytes
from warcio.archiveiterator import ArchiveIterator

from quotetrack.sources import Article, SourceError, read_input

UNDATED_PAGE = ("<html><head><title>Library</title></head><body><article>"
                + "".join(f"<p>{p}</p>" for p in LIBRARY.paragraphs) + "</article></body></html>")

RECORDS = [
    Record("https://herald.example/harbour", kind="request"),
    Record("https://herald.example/harbour", html_page(HARBOUR).encode()),
    Record("https://herald.example/old", b"", status="301 Moved Permanently"),
    Record("https://herald.example/logo.png", b"\x89PNG\r\n\x1a\n....", content_type="image/png"),
    Record("https://island.example/ferry", html_page(FERRY, site="Island Times", charset="windows-1252")
           .encode("cp1252"), content_type="text/html; charset=windows-1252"),
    Record("https://dunmore.example/library", UNDATED_PAGE.encode(), date="2025-04-03T05:00:00Z"),
    Record("https://herald.example/menu", b"<html><body><nav><a href='/'>Home</a></nav></body></html>"),
]


def _write(tmp_path, compress=True, name=None) -> tuple[str, bytes]:
    data = warc_bytes(RECORDS, compress=compress)
    path = tmp_path / (name or ("crawl.warc.gz" if compress else "crawl.warc"))
    path.write_bytes(data)
    return str(path), data


def _record_ids(data: bytes) -> dict[str, str]:
    return {r.rec_headers.get_header("WARC-Target-URI"): r.rec_headers.get_header("WARC-Record-ID").strip("<>")
            for r in ArchiveIterator(io.BytesIO(data)) if r.rec_type == "response"}


@pytest.mark.parametrize("compress", [True, False])
def test_each_html_response_is_an_article_with_its_url_and_record(tmp_path, compress):
    path, data = _write(tmp_path, compress)
    ids = _record_ids(data)
    harbour, ferry, library, menu = read_input(path)
    assert (harbour.text, harbour.title, harbour.url) == (HARBOUR.text, HARBOUR.title, "https://herald.example/harbour")
    assert harbour.published == date(2025, 3, 14)  # the page's own date, not the crawl's
    assert harbour.source == f"{path}#record={ids['https://herald.example/harbour']}"
    assert ferry.text == FERRY.text  # declared windows-1252 in the HTTP header
    assert ferry.outlet == "Island Times"
    assert library.published == date(2025, 4, 3)  # no date on the page: the crawl date
    assert isinstance(menu, SourceError)
    assert menu.source == f"{path}#record={ids['https://herald.example/menu']}"
    assert "no article text" in menu.reason


@pytest.mark.parametrize("compress", [True, False])
def test_a_cut_warc_keeps_the_records_before_the_cut_and_says_so(tmp_path, compress):
    _, data = _write(tmp_path, compress)
    cut_at = data.index(b"Inishcarra") if not compress else len(data) * 3 // 4
    path = tmp_path / ("cut.warc.gz" if compress else "cut.warc")
    path.write_bytes(data[:cut_at])
    items = list(read_input(str(path)))
    assert isinstance(items[0], Article) and items[0].text == HARBOUR.text
    assert all(isinstance(i, Article) for i in items[:-1])
    failure = items[-1]
    assert isinstance(failure, SourceError)
    assert failure.source == str(path)
    assert "cut short" in failure.reason or "truncated" in failure.reason


@pytest.mark.parametrize("compress", [True, False])
def test_wherever_a_warc_is_cut_no_half_article_is_read_and_the_cut_is_named(tmp_path, compress):
    data = warc_bytes(RECORDS, compress=compress)
    whole = [i.text if isinstance(i, Article) else i.reason for i in read_input(_saved(tmp_path, data))]
    records = ArchiveIterator(io.BytesIO(data))
    # Where each record ends; an uncompressed one is followed by two CRLFs.
    ends = set()
    for _ in records:
        end = records.get_record_offset() + records.get_record_length()
        ends.update({end} if compress else {end, end + 2, end + 4})
    for cut in range(1, len(data), max(1, len(data) // 150)):
        items = list(read_input(_saved(tmp_path, data[:cut])))
        read = [i.text if isinstance(i, Article) else i.reason for i in items]
        if cut in ends:
            continue
        assert isinstance(items[-1], SourceError), f"cut at {cut} not reported"
        assert items[-1].source == str(tmp_path / "cut.warc")
        assert read[:-1] == whole[: len(read) - 1], f"cut at {cut} changed a record before it"


def _saved(tmp_path, data: bytes) -> str:
    path = tmp_path / "cut.warc"
    path.write_bytes(data)
    return str(path)


def test_a_file_named_warc_that_is_not_one_fails_clearly(tmp_path):
    path = tmp_path / "fake.warc"
    path.write_text("This is a note about the crawl, not a crawl.\n")
    (failure,) = read_input(str(path))
    assert isinstance(failure, SourceError)
    assert failure.reason.startswith("not a WARC file")


def test_warc_through_ingest_and_again(cli, tmp_path):
    path, _ = _write(tmp_path)
    first = cli("ingest", path)
    assert first.exit_code == 1  # the menu page is one named failure
    assert "3 new" in first.stdout
    assert "#record=" in first.stderr and "no article text found" in first.stderr
    again = cli("ingest", path)
    assert "0 new, 3 already stored" in again.stdout

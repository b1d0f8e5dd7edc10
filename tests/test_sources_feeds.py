"""RSS and Atom feeds: one article per entry, full content when there is any."""

from __future__ import annotations

import json
from datetime import date

from source_samples import FERRY, HARBOUR, LIBRARY, atom_feed, rss_feed, story_html

from quotetrack.sources import Article, SourceError, read_input


def _read(path) -> list:
    return list(read_input(str(path)))


def _rss(tmp_path, entries, name="news.xml"):
    path = tmp_path / name
    path.write_text(rss_feed(entries), encoding="utf-8")
    return path


def test_rss_entries_become_articles_with_date_link_and_author(tmp_path):
    path = _rss(tmp_path, [
        {"title": HARBOUR.title, "link": "https://herald.example/harbour", "guid": "herald-1001",
         "date": "Fri, 14 Mar 2025 08:15:00 +0000", "author": "Mara Quinlan",
         "description": "Councillors approve the harbour plan.", "content": story_html(HARBOUR)},
        {"title": FERRY.title, "link": "https://herald.example/ferry", "guid": "herald-1002",
         "date": "Sun, 16 Mar 2025 00:30:00 +0200", "description": FERRY.text},
    ])
    harbour, ferry = _read(path)
    assert harbour.text == HARBOUR.text  # the full content, not the one-line summary
    assert harbour.title == HARBOUR.title
    assert harbour.url == "https://herald.example/harbour"
    assert harbour.published == date(2025, 3, 14)
    assert harbour.author == "Mara Quinlan"
    assert harbour.outlet == "Coastal Herald: News"
    assert harbour.source == f"{path}#entry=herald-1001"
    # Summary only: the summary is the text. The publisher's own day is kept (not UTC's).
    assert ferry.text == FERRY.text
    assert ferry.published == date(2025, 3, 16)
    assert ferry.source == f"{path}#entry=herald-1002"


def test_atom_entries_with_content_or_summary(tmp_path):
    path = tmp_path / "island.atom"
    path.write_text(atom_feed([
        {"id": "urn:island:ferry", "title": FERRY.title, "link": "https://island.example/ferry",
         "updated": "2025-03-16T09:00:00Z", "author": "Tomas Reyes", "content": story_html(FERRY)},
        {"id": "urn:island:library", "title": LIBRARY.title, "link": "https://island.example/library",
         "updated": "2025-04-02T12:00:00Z", "summary": LIBRARY.text},
    ]), encoding="utf-8")
    ferry, library = _read(path)
    assert (ferry.text, ferry.author, ferry.published) == (FERRY.text, "Tomas Reyes", date(2025, 3, 16))
    assert ferry.source == f"{path}#entry=urn:island:ferry"
    assert library.text == LIBRARY.text
    assert library.url == "https://island.example/library"


def test_entries_without_an_id_are_found_by_link_then_position(tmp_path):
    path = _rss(tmp_path, [
        {"title": "a", "link": "https://herald.example/a", "description": HARBOUR.text},
        {"title": "b", "description": FERRY.text},
    ])
    first, second = _read(path)
    assert first.source.endswith("#entry=https://herald.example/a")
    assert second.source.endswith("#entry=2")


def test_an_entry_with_no_text_is_one_failure_and_the_others_are_read(tmp_path):
    path = _rss(tmp_path, [
        {"title": "empty", "guid": "e1"},
        {"title": FERRY.title, "guid": "e2", "description": FERRY.text},
    ])
    empty, ferry = _read(path)
    assert isinstance(empty, SourceError)
    assert empty.source == f"{path}#entry=e1"
    assert "no content and no summary" in empty.reason
    assert isinstance(ferry, Article)


def test_a_truncated_feed_keeps_the_entries_before_the_cut(tmp_path):
    whole = rss_feed([{"title": t.title, "guid": t.slug, "description": t.text} for t in (HARBOUR, FERRY, LIBRARY)])
    path = tmp_path / "cut.rss"
    path.write_text(whole[: whole.index(LIBRARY.paragraphs[1][:20])], encoding="utf-8")
    harbour, ferry, cut = _read(path)
    assert (harbour.text, ferry.text) == (HARBOUR.text, FERRY.text)
    # The last entry lost its end with the file: not stored half, but named.
    assert isinstance(cut, SourceError)
    assert cut.source == f"{path}#entry=library"
    assert "cut short" in cut.reason


def test_a_feed_damaged_in_the_middle_is_read_as_far_as_possible(tmp_path):
    feed = rss_feed([{"title": t.title, "guid": t.slug, "description": t.text} for t in (HARBOUR, FERRY)])
    path = tmp_path / "damaged.rss"
    path.write_text(feed.replace("<guid>ferry</guid>", "<guid>ferry</guid><broken attr=>"), encoding="utf-8")
    items = _read(path)
    assert [i.text for i in items if isinstance(i, Article)] == [HARBOUR.text, FERRY.text]
    (failure,) = [i for i in items if isinstance(i, SourceError)]
    assert failure.source == str(path)
    assert "the feed is damaged" in failure.reason


def test_xml_that_is_not_a_feed_fails_clearly(tmp_path):
    path = tmp_path / "sitemap.xml"
    path.write_text('<?xml version="1.0"?><urlset><url><loc>https://a.example/</loc></url></urlset>')
    (failure,) = _read(path)
    assert isinstance(failure, SourceError)
    assert failure.reason.startswith("not an RSS or Atom feed")


def test_a_feed_through_ingest_is_stored_once_however_often_it_is_read(cli, tmp_path):
    path = _rss(tmp_path, [{"title": s.title, "guid": s.slug, "description": s.text} for s in (HARBOUR, FERRY)])
    first = cli("ingest", str(path), "--json")
    assert first.exit_code == 0
    assert json.loads(first.stdout)["articles_new"] == 2
    again = cli("ingest", str(path), "--json")
    summary = json.loads(again.stdout)
    assert (summary["articles_new"], summary["articles_already_stored"]) == (0, 2)
    shown = cli("show", f"{path}#entry=ferry")
    assert FERRY.title in shown.stdout

"""Saved web pages: the story and its metadata, without the page around it."""

from __future__ import annotations

from datetime import date

import pytest
from source_samples import FERRY, HARBOUR, html_page

from quotetrack.sources import SourceError, read_file
from quotetrack.sources.html import fragment_text, parse_html


def test_main_text_and_metadata_come_from_the_page():
    article = parse_html(html_page(HARBOUR).encode(), "harbour.html")
    assert article.text == HARBOUR.text
    assert article.title == HARBOUR.title
    assert article.published == date(2025, 3, 14)
    assert article.author == "Mara Quinlan"
    assert article.outlet == "The Coastal Herald"
    assert article.source == "harbour.html"


@pytest.mark.parametrize("boilerplate", [
    "Home", "Subscribe today", "Photograph: Agency", "Related stories", "Lifeboat volunteers", "All rights reserved",
])
def test_menus_adverts_captions_and_related_links_are_left_out(boilerplate):
    article = parse_html(html_page(HARBOUR).encode(), "harbour.html")
    assert boilerplate not in article.text


def test_the_page_charset_is_honoured():
    # A windows-1252 page: curly quotes are single bytes 0x93/0x94 there.
    data = html_page(FERRY, charset="windows-1252").encode("cp1252")
    article = parse_html(data, "ferry.html")
    assert "“We have enough bread and milk" in article.text
    assert "island's community council" in article.text


def test_a_page_that_lies_about_its_charset_is_still_read():
    data = html_page(FERRY, charset="utf-8").encode("cp1252")
    article = parse_html(data, "ferry.html")
    assert "“Safety comes first" in article.text


def test_malformed_html_still_gives_its_text():
    page = ("<html><body><div><p>Unclosed <b>bold <i>and italic\n<p>“We will rebuild the bridge before winter,” "
            "said Anna Berg, the mayor, after a council meeting that ran late into the night.<table><tr><td>")
    article = parse_html(page.encode(), "broken.html")
    assert "“We will rebuild the bridge before winter,” said Anna Berg" in article.text


def test_a_page_with_only_a_menu_is_one_clear_failure():
    page = "<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav></body></html>"
    with pytest.raises(SourceError, match="no article text found in the page"):
        parse_html(page.encode(), "menu.html")


def test_the_crawl_date_is_used_when_the_page_has_none():
    page = "<html><body><article>" + "".join(f"<p>{p}</p>" for p in FERRY.paragraphs) + "</article></body></html>"
    article = parse_html(page.encode(), "x.html", fallback_date=date(2025, 3, 20))
    assert article.published == date(2025, 3, 20)


def test_read_file_detects_html_without_an_html_ending(tmp_path):
    path = tmp_path / "saved-page"
    path.write_text(html_page(HARBOUR), encoding="utf-8")
    assert read_file(str(path)).text == HARBOUR.text


def test_fragment_text_keeps_paragraphs_and_drops_scripts_and_captions():
    fragment = ("<p>First <em>line</em> here.</p><script>track()</script><div>Second<br>Third</div>"
                "<figure><img src=x><figcaption>A caption</figcaption></figure><p>Fourth &amp; last</p>")
    assert fragment_text(fragment) == "First line here.\n\nSecond\n\nThird\n\nFourth & last"


def test_html_through_ingest_can_be_shown_and_exported(cli, tmp_path):
    path = tmp_path / "harbour.html"
    path.write_text(html_page(HARBOUR), encoding="utf-8")
    result = cli("ingest", str(path))
    assert result.exit_code == 0, result.output
    assert "1 new" in result.stdout
    shown = cli("show", str(path))
    assert shown.exit_code == 0
    assert HARBOUR.title in shown.stdout
    assert "Brenna Tolland" in shown.stdout
    exported = cli("export", "--format", "jsonl")
    assert str(path) in exported.stdout

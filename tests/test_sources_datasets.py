"""JSONL and CSV datasets: one article per record, fields found or named, bad records
failing alone."""

from __future__ import annotations

import csv
import gzip
import json
from datetime import date

from source_samples import FERRY, HARBOUR, LIBRARY, STORIES

from quotetrack.sources import Article, DatasetFields, ReadOptions, SourceError, read_input


def _read(path, **fields) -> list:
    return list(read_input(str(path), ReadOptions(fields=DatasetFields(**fields))))


def _jsonl(path, records) -> str:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return str(path)


def test_jsonl_in_the_news_please_shape(tmp_path):
    path = _jsonl(tmp_path / "crawl.jsonl", [
        {"title": HARBOUR.title, "maintext": HARBOUR.text, "date_publish": "2025-03-14 08:15:00",
         "url": "https://herald.example/harbour", "source_domain": "herald.example", "authors": ["Mara Quinlan"]},
        {"title": FERRY.title, "maintext": FERRY.text, "date_publish": "2025-03-16 07:00:00",
         "url": "https://island.example/ferry", "source_domain": "island.example",
         "authors": ["Tomas Reyes", "Ann Lee"]},
    ])
    harbour, ferry = _read(path)
    assert (harbour.text, harbour.title, harbour.published) == (HARBOUR.text, HARBOUR.title, date(2025, 3, 14))
    assert (harbour.outlet, harbour.author, harbour.url) == ("herald.example", "Mara Quinlan",
                                                             "https://herald.example/harbour")
    assert ferry.author == "Tomas Reyes, Ann Lee"
    assert harbour.source == f"{path}#line=1"
    assert ferry.source == f"{path}#line=2"


def test_jsonl_in_the_newsapi_shape_with_a_nested_source_and_epoch_dates(tmp_path):
    path = _jsonl(tmp_path / "api.jsonl", [
        {"source": {"id": None, "name": "Island Times"}, "title": FERRY.title, "content": FERRY.text,
         "publishedAt": "2025-03-16T07:00:00Z"},
        {"source": {"name": "Dunmore Post"}, "headline": LIBRARY.title, "body": LIBRARY.text, "date": 1743595200},
    ])
    ferry, library = _read(path)
    assert (ferry.outlet, ferry.published) == ("Island Times", date(2025, 3, 16))
    assert (library.title, library.outlet, library.published) == (LIBRARY.title, "Dunmore Post", date(2025, 4, 2))


def test_jsonl_field_names_can_be_given_and_nested(tmp_path):
    path = _jsonl(tmp_path / "custom.jsonl", [
        {"story": {"headline": HARBOUR.title, "paragraphs": list(HARBOUR.paragraphs)},
         "when": "14/03/2025", "permalink": "https://herald.example/h", "day": "2025-03-14"},
    ])
    (article,) = _read(path, text="story.paragraphs", title="story.headline", date="day", url="permalink")
    assert (article.text, article.title) == (HARBOUR.text, HARBOUR.title)
    assert (article.published, article.url) == (date(2025, 3, 14), "https://herald.example/h")


def test_a_bad_record_is_one_failure_and_the_rest_are_read(tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_text("\n".join([
        json.dumps({"text": HARBOUR.text}),
        '{"text": "cut off in the mid',
        "",
        json.dumps({"title": "no text at all"}),
        json.dumps(["a", "list"]),
        json.dumps({"text": FERRY.text, "date": "last Tuesday"}),
        json.dumps({"text": LIBRARY.text}),
    ]) + "\n", encoding="utf-8")
    items = _read(path)
    assert [i.text for i in items if isinstance(i, Article)] == [HARBOUR.text, LIBRARY.text]
    failures = {i.source.rsplit("#", 1)[1]: i.reason for i in items if isinstance(i, SourceError)}
    assert failures.keys() == {"line=2", "line=4", "line=5", "line=6"}
    assert failures["line=2"].startswith("not valid JSON")
    assert failures["line=4"].startswith("no text field (tried text, maintext")
    assert failures["line=5"] == "a JSON list, not an object"
    assert "'last Tuesday' is not a date" in failures["line=6"]


def test_a_bad_first_record_is_one_failure_but_pretty_printed_json_fails_as_a_whole(tmp_path):
    path = tmp_path / "first.jsonl"
    path.write_text('{"text": "cut\n' + json.dumps({"text": HARBOUR.text}) + "\n", encoding="utf-8")
    failure, harbour = _read(path)
    assert failure.source == f"{path}#line=1"
    assert harbour.text == HARBOUR.text
    pretty = tmp_path / "pretty.jsonl"
    pretty.write_text(json.dumps({"text": HARBOUR.text}, indent=2), encoding="utf-8")
    (whole,) = _read(pretty)
    assert whole.source == str(pretty)
    assert whole.reason.startswith("not JSON Lines: the first record is not JSON")


def test_a_line_too_long_for_one_record_is_skipped_alone(tmp_path):
    path = tmp_path / "long.jsonl"
    with path.open("w", encoding="utf-8") as out:
        out.write(json.dumps({"text": HARBOUR.text}) + "\n")
        out.write(json.dumps({"text": "word " * (5 * 1024 * 1024)}) + "\n")
        out.write(json.dumps({"text": FERRY.text}) + "\n")
    harbour, long, ferry = _read(path)
    assert (harbour.text, ferry.text) == (HARBOUR.text, FERRY.text)
    assert (long.source, long.reason) == (f"{path}#line=2", "a line longer than 20.0 MB")


def test_a_json_array_is_named_with_the_way_to_convert_it(tmp_path):
    path = tmp_path / "articles.json"
    path.write_text(json.dumps([{"text": HARBOUR.text}], indent=2), encoding="utf-8")
    (failure,) = _read(path)
    assert failure.source == str(path)
    assert "a JSON array, not JSON Lines" in failure.reason
    assert "jq -c" in failure.reason


def test_gzipped_jsonl_is_read_and_a_cut_gzip_keeps_what_came_before(tmp_path):
    lines = "".join(json.dumps({"text": f"{s.text}\n\nEntry {n}."}) + "\n" for n in range(200) for s in STORIES)
    whole = gzip.compress(lines.encode())
    good = tmp_path / "dump.jsonl.gz"
    good.write_bytes(whole)
    assert sum(isinstance(i, Article) for i in _read(good)) == 600
    cut = tmp_path / "cut.jsonl.gz"
    cut.write_bytes(whole[: len(whole) * 2 // 3])
    items = _read(cut)
    stored = [i for i in items if isinstance(i, Article)]
    assert 0 < len(stored) < 600
    assert isinstance(items[-1], SourceError)
    assert items[-1].source == str(cut)
    assert items[-1].reason.startswith("truncated or damaged gzip data")


def _csv(path, rows, delimiter=",", encoding="utf-8"):
    with open(path, "w", encoding=encoding, newline="") as out:
        csv.writer(out, delimiter=delimiter).writerows(rows)
    return str(path)


def test_csv_with_default_columns_and_multi_line_texts(tmp_path):
    path = _csv(tmp_path / "news.csv", [
        ["url", "title", "date", "text"],
        ["https://herald.example/h", HARBOUR.title, "2025-03-14", HARBOUR.text],
        ["https://island.example/f", FERRY.title, "2025-03-16", FERRY.text],
    ])
    harbour, ferry = _read(path)
    assert (harbour.text, harbour.title, harbour.url) == (HARBOUR.text, HARBOUR.title, "https://herald.example/h")
    assert ferry.published == date(2025, 3, 16)
    # Each record is found by the line it starts on; the harbour text spans seven lines.
    assert harbour.source == f"{path}#line=2"
    assert ferry.source == f"{path}#line=9"


def test_csv_with_semicolons_named_columns_and_a_legacy_charset(tmp_path):
    path = _csv(tmp_path / "export.csv", [
        ["Überschrift", "Inhalt", "Datum"],
        ["Café reopens", "„Wir sind zurück“, sagte die Wirtin Jördis Maaß am Montag.", "03.05.2025"],
    ], delimiter=";", encoding="cp1252")
    (article,) = _read(path, text="Inhalt", title="Überschrift")
    assert article.text == "„Wir sind zurück“, sagte die Wirtin Jördis Maaß am Montag."
    assert article.title == "Café reopens"


def test_csv_without_a_text_column_fails_as_a_whole_naming_the_columns(tmp_path):
    path = _csv(tmp_path / "ids.csv", [["id", "headline"], ["1", "A headline"]])
    (failure,) = _read(path)
    assert failure.source == str(path)
    assert "no text column" in failure.reason
    assert "the columns are: id, headline" in failure.reason
    (named,) = _read(path, text="body")
    assert "no column 'body' (given with --text-field)" in named.reason


def test_csv_rows_missing_their_text_fail_alone(tmp_path):
    path = tmp_path / "ragged.csv"
    path.write_text(f'title,date,text\nshort row,2025-01-01\n"{HARBOUR.title}",2025-03-14,"{HARBOUR.paragraphs[0]}"\n'
                    f'empty text,2025-01-02,\n', encoding="utf-8")
    short, harbour, empty = _read(path)
    assert isinstance(harbour, Article)
    assert short.source == f"{path}#line=2"
    assert short.reason == "the row has 2 of the 3 columns and no 'text'"
    assert empty.source == f"{path}#line=4"
    assert empty.reason == "no text in field 'text'"


def test_re_ingesting_a_dataset_adds_nothing_and_export_points_back(cli, tmp_path):
    path = _jsonl(tmp_path / "three.jsonl", [{"title": s.title, "text": s.text} for s in STORIES])
    first = json.loads(cli("ingest", path, "--json").stdout)
    assert first["articles_new"] == 3
    quotes = first["quotes_added"]
    assert quotes > 0
    second = json.loads(cli("ingest", path, "--json").stdout)
    assert (second["articles_new"], second["articles_already_stored"], second["quotes_added"]) == (0, 3, 0)
    exported = [json.loads(line) for line in cli("export", "--format", "jsonl").stdout.splitlines()]
    assert len(exported) == quotes
    assert {row["article"] for row in exported} == {f"{path}#line={n}" for n in (1, 2, 3)}
    shown = cli("show", f"{path}#line=3")
    assert LIBRARY.title in shown.stdout


def test_field_options_on_the_command_line(cli, tmp_path):
    path = _csv(tmp_path / "odd.csv", [["headline", "words", "when", "where"],
                                       [FERRY.title, FERRY.text, "2025-03-16", "https://island.example/f"]])
    result = cli("ingest", path, "--text-field", "words", "--title-field", "headline", "--date-field", "when",
                 "--url-field", "where", "--json")
    assert result.exit_code == 0, result.output
    shown = cli("show", f"{path}#line=2")
    assert FERRY.title in shown.stdout
    assert "2025-03-16" in shown.stdout

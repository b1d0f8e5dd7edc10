"""The command line end to end, on real SQLite files: ingest, who-said, speakers, export,
extract, show — and their errors and exit codes."""

import csv
import io
import json

import pytest
from conftest import ARTICLES

from quotetrack.cli import app
from quotetrack.export import EXPORT_COLUMNS

ZELENSKY_FIXTURES = {"broadsheet-kyiv-strikes.txt", "wire-ukraine-aid.txt", "us-paper-mr-period.txt",
                     "wire-zelenskyi-summit.txt"}


@pytest.fixture
def stored(cli):
    result = cli("ingest", str(ARTICLES))
    assert result.exit_code == 0, result.output
    return cli


def test_ingest_reports_what_it_stored(cli):
    result = cli("ingest", str(ARTICLES))
    assert result.exit_code == 0
    assert result.stdout.startswith("12 articles: 12 new, 0 already stored, 0 failed;")


def test_re_ingest_adds_nothing(stored):
    before = stored("export", "--format", "jsonl").stdout
    again = stored("ingest", str(ARTICLES))
    assert again.exit_code == 0
    assert again.stdout.startswith("12 articles: 0 new, 12 already stored, 0 failed; 0 quotes and 0 speakers")
    assert stored("export", "--format", "jsonl").stdout == before


def test_who_said_spans_articles_and_spellings(stored):
    result = stored("who-said", "zelensky", "--format", "json")
    assert result.exit_code == 0
    rows = json.loads(result.stdout)
    assert {r["article"].rsplit("/", 1)[-1] for r in rows} == ZELENSKY_FIXTURES
    assert {r["speaker"] for r in rows} == {"Volodymyr Zelenskiy"}
    assert "Volodymyr Zelenskiy (person) — matched by" in result.stderr


def test_who_said_lists_newest_first(stored):
    rows = json.loads(stored("who-said", "zelensky", "--occurrences", "--format", "json").stdout)
    dates = [r["published"] for r in rows]
    assert dates == sorted(dates, reverse=True)


@pytest.mark.parametrize("query", ["Volodymyr Zelenskiy", "ZELENSKIY", "Zelenskyy", "Mr Zelenskiy", "zelenskyi",
                                   "Volodymyr Zelensky", "zelenksy"])
def test_forgiving_names_find_the_same_speaker(stored, query):
    result = stored("who-said", query, "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows and {r["speaker"] for r in rows} == {"Volodymyr Zelenskiy"}


def test_accents_fold(cli, tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("“We will talk to everyone,” Recep Tayyip Erdoğan said.\n", "utf-8")
    cli("ingest", str(article))
    result = cli("who-said", "erdogan", "--format", "csv")
    assert result.exit_code == 0
    assert "Erdoğan" in result.stdout


def test_a_name_that_fits_several_speakers_is_listed_and_exits_4(cli, tmp_path):
    (tmp_path / "a.txt").write_text("“The deal is done,” said Boris Johnson.\n", "utf-8")
    (tmp_path / "b.txt").write_text("“The course was brutal,” said Dustin Johnson.\n", "utf-8")
    cli("ingest", str(tmp_path))
    result = cli("who-said", "johnson")
    assert result.exit_code == 4
    assert "Boris Johnson" in result.stderr and "Dustin Johnson" in result.stderr
    both = cli("who-said", "johnson", "--all", "--format", "csv")
    assert both.exit_code == 0
    assert {r["speaker"] for r in csv.DictReader(io.StringIO(both.stdout))} == {"Boris Johnson", "Dustin Johnson"}


def test_unknown_name_suggests_the_closest_and_exits_3(stored):
    result = stored("who-said", "Podolyuk Mikhail")
    assert result.exit_code == 3
    assert "no speaker matches" in result.stderr
    assert "Podolyak" in result.stderr


def test_who_said_filters(stored):
    since = json.loads(stored("who-said", "zelensky", "--since", "2025-11-01", "--format", "json").stdout)
    assert since and all(r["first_seen"] >= "2025-11-01" for r in since)
    contains = json.loads(stored("who-said", "zelensky", "--contains", "TERROR", "--format", "json").stdout)
    assert [r["quote"] for r in contains] == ["a cold and calculated act of terror"]
    partial = {r["quote"] for r in json.loads(
        stored("who-said", "zelensky", "--kind", "partial", "--occurrences", "--format", "json").stdout)}
    assert "a cold and calculated act of terror" in partial
    assert "We know who gave the order and we know why he gave it," not in partial


def test_who_said_reverse_question(stored):
    result = stored("who-said", "--quote", "air defence systems, not more statements", "--format", "json")
    assert result.exit_code == 0
    assert [r["speaker"] for r in json.loads(result.stdout)] == ["Volodymyr Zelenskiy"]


def test_who_said_needs_a_name_or_a_phrase(stored):
    result = stored("who-said")
    assert result.exit_code == 2
    assert "give a NAME or --quote" in result.stderr


def test_bad_date_is_a_usage_error(stored):
    result = stored("who-said", "zelensky", "--since", "last week")
    assert result.exit_code == 2
    assert "is not a date" in result.stderr


def test_speakers_lists_counts_and_aliases(stored):
    rows = list(csv.DictReader(io.StringIO(stored("speakers", "--format", "csv").stdout)))
    zelensky = next(r for r in rows if r["speaker"] == "Volodymyr Zelenskiy")
    assert int(zelensky["articles"]) == 4
    assert "Zelenskyy" in zelensky["aliases"] and "Zelensky" in zelensky["aliases"]
    searched = list(csv.DictReader(io.StringIO(stored("speakers", "--search", "trump", "--format", "csv").stdout)))
    assert [r["speaker"] for r in searched] == ["Donald Trump"]


def test_export_csv_has_the_columns_and_round_trips(stored, tmp_path):
    out = tmp_path / "quotes.csv"
    result = stored("export", "--format", "csv", "--output", str(out))
    assert result.exit_code == 0
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert tuple(rows[0]) == EXPORT_COLUMNS
    jsonl = [json.loads(line) for line in stored("export", "--format", "jsonl").stdout.splitlines()]
    assert [r["quote"] for r in rows] == [r["quote"] for r in jsonl]
    assert any("\n" in r["quote"] for r in rows), "a multi-paragraph quote keeps its newlines"
    assert any("," in r["quote"] and "’" in r["quote"] for r in rows)


def test_export_round_trips_commas_marks_and_newlines(cli, tmp_path):
    (tmp_path / "a.txt").write_text(
        "“First, the plan; second, ‘the so-called plan’\n\n“and a third paragraph, ‘quoted’, too,” said Anna Weber.\n",
        "utf-8")
    (tmp_path / "b.txt").write_text("‘He said \"no way\", and walked off,’ Leanne Whitfield said.\n", "utf-8")
    cli("ingest", str(tmp_path))
    out = tmp_path / "q.csv"
    cli("export", "--output", str(out))
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = {row["speaker"]: row["quote"] for row in csv.DictReader(handle)}
    assert rows["Anna Weber"] == "First, the plan; second, ‘the so-called plan’\n\n“and a third paragraph, ‘quoted’, too,"
    assert rows["Leanne Whitfield"] == 'He said "no way", and walked off,'


def test_export_for_one_speaker(stored):
    rows = list(csv.DictReader(io.StringIO(stored("export", "--speaker", "trump").stdout)))
    assert rows and {r["speaker"] for r in rows} == {"Donald Trump"}


def test_extract_stores_nothing_and_prints_json(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("QUOTETRACK_DB", str(tmp_path / "quotes.db"))  # where a store would go
    result = cli("extract", str(ARTICLES / "broadsheet-kyiv-strikes.txt"), "--format", "json", db=False)
    assert result.exit_code == 0
    rows = json.loads(result.stdout)
    assert rows[0]["speaker"] == "Ukraine"
    assert not (tmp_path / "quotes.db").exists()


def test_show_marks_quotes_and_lists_speakers(stored):
    result = stored("show", "broadsheet-kyiv-strikes.txt")
    assert result.exit_code == 0
    assert "⟦1 deliberately hunting civilians" in result.stdout
    assert "[1] Ukraine (organisation) — leading_cue: Ukraine accused [partial]" in result.stdout


def test_missing_input_is_one_line_and_the_rest_is_stored(cli, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("“We are ready,” said Anna Weber.\n", "utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("", "utf-8")
    result = cli("ingest", str(good), str(tmp_path / "missing.txt"), str(empty))
    assert result.exit_code == 1
    assert f"{tmp_path / 'missing.txt'}: no such file or folder" in result.stderr
    assert f"{empty}: empty file" in result.stderr
    assert "Traceback" not in result.output
    assert result.stdout.startswith("3 articles: 1 new, 0 already stored, 2 failed")


def test_ingest_from_stdin(cli):
    result = cli("ingest", "-", input="title: Piped\n\n“From a pipe,” said Anna Weber.\n")
    assert result.exit_code == 0
    assert "1 new" in result.stdout


def test_json_summary_for_scripts(cli):
    result = cli("ingest", str(ARTICLES), "--json")
    summary = json.loads(result.stdout)
    assert summary["articles_new"] == 12 and summary["articles_failed"] == 0


def test_database_errors_are_one_line(cli, tmp_path):
    result = cli.runner.invoke(app, ["speakers", "--db", str(tmp_path)])
    assert result.exit_code == 5
    assert "is a folder" in result.stderr


def test_every_command_has_help_with_an_example(cli):
    for command in (["ingest"], ["who-said"], ["speakers"], ["export"], ["extract"], ["show"], ["evaluate"]):
        result = cli.runner.invoke(app, [*command, "--help"])
        assert result.exit_code == 0
        assert "Example:" in result.stdout and "$ quotetrack" in result.stdout, command

"""Statements across articles through the real ingest and CLI: grouping as articles arrive,
who-said once per statement, statements, conflicts, and the export columns."""

from __future__ import annotations

import csv
import io
import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from conftest import article
from quotetrack.store.db import open_engine
from quotetrack.store.models import QuoteRow, StatementRow

PLEDGE = "We will keep every hospital in this region open through the winter, whatever it costs the treasury"
OTHER = "The harbour board chose the cheaper bid and the town has paid for it ever since"



def statements_of(db: str) -> dict[int, list[str]]:
    with Session(open_engine(db)) as session:
        found: dict[int, list[str]] = {}
        for sid, text in session.execute(select(QuoteRow.statement_id, QuoteRow.text).order_by(QuoteRow.id)):
            found.setdefault(sid, []).append(text)
        return found


def test_copies_in_later_articles_join_the_first_without_touching_other_rows(cli, db, tmp_path):
    first = article(tmp_path, "a.txt", "2025-03-01",
                    f"“{PLEDGE},” Health Minister Anna Berg said.\n\n“{OTHER},” said Tom Reyes, a councillor.")
    assert cli("ingest", first).exit_code == 0
    with Session(open_engine(db)) as session:
        before = {row.id: (row.statement_id, row.text) for row in session.scalars(select(QuoteRow))}
    trimmed = "keep every hospital in this region open through the winter"
    second = article(tmp_path, "b.txt", "2025-03-04",
                     f"Anna Berg said the government would \"{trimmed}\".\n\n"
                     f"\"{PLEDGE.upper()}.\" Anna Berg said on Tuesday.")
    assert cli("ingest", second).exit_code == 0
    with Session(open_engine(db)) as session:
        after = {row.id: (row.statement_id, row.text) for row in session.scalars(select(QuoteRow))}
        assert {i: after[i] for i in before} == before  # stored rows keep their statement
        pledge = before[min(before)][0]
        new_rows = [after[i] for i in after if i not in before]
        assert [sid for sid, _ in new_rows] == [pledge, pledge]
        row = session.get(StatementRow, pledge)
        assert (row.quotes, row.articles, str(row.first_seen), str(row.last_seen)) == (3, 2, "2025-03-01", "2025-03-04")
        assert row.text.startswith("We will keep every hospital")


def test_who_said_lists_each_statement_once_and_occurrences_lists_every_copy(cli, tmp_path):
    cli("ingest", article(tmp_path, "a.txt", "2025-03-01", f"“{PLEDGE},” Health Minister Anna Berg said."))
    cli("ingest", article(tmp_path, "b.txt", "2025-03-05", f"Anna Berg said: “{PLEDGE}.”"))
    cli("ingest", article(tmp_path, "c.txt", "2025-03-09", f"\"{PLEDGE},\" Anna Berg told reporters."))
    grouped = cli("who-said", "Anna Berg", "--format", "json")
    assert grouped.exit_code == 0, grouped.output
    rows = json.loads(grouped.stdout)
    assert len(rows) == 1
    assert (rows[0]["first_seen"], rows[0]["last_seen"], rows[0]["articles"], rows[0]["occurrences"]) == (
        "2025-03-01", "2025-03-09", 3, 3)
    assert rows[0]["article"].endswith("a.txt")
    every = json.loads(cli("who-said", "Anna Berg", "--occurrences", "--format", "json").stdout)
    assert len(every) == 3
    assert {r["statement_id"] for r in every} == {rows[0]["statement_id"]}


def test_who_said_quote_shows_every_speaker_a_statement_is_given_to(cli, tmp_path):
    cli("ingest", article(tmp_path, "a.txt", "2025-03-01", f"“{PLEDGE},” Health Minister Anna Berg said."))
    cli("ingest", article(tmp_path, "b.txt", "2025-03-02", f"“{PLEDGE},” said Tom Reyes, a councillor."))
    result = cli("who-said", "--quote", "every hospital in this region", "--format", "json")
    rows = json.loads(result.stdout)
    assert len(rows) == 1 and set(rows[0]["speaker"].split("; ")) == {"Anna Berg", "Tom Reyes"}


def test_statements_lists_the_most_repeated_first(cli, tmp_path):
    for day in ("01", "02", "03"):
        cli("ingest", article(tmp_path, f"p{day}.txt", f"2025-03-{day}", f"“{PLEDGE},” Health Minister Anna Berg said."))
    for day in ("04", "05"):
        cli("ingest", article(tmp_path, f"o{day}.txt", f"2025-03-{day}", f"“{OTHER},” said Tom Reyes, a councillor."))
    cli("ingest", article(tmp_path, "once.txt", "2025-03-06",
                          "“The ferry timetable will change in May for the whole island,” said Tom Reyes."))
    result = cli("statements", "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["articles"], r["speakers"]) for r in rows] == [("3", "Anna Berg"), ("2", "Tom Reyes")]
    assert rows[0]["first_seen"] == "2025-03-01" and rows[0]["last_seen"] == "2025-03-03"
    by_speaker = list(csv.DictReader(io.StringIO(cli("statements", "--speaker", "reyes", "--format", "csv").stdout)))
    assert [r["speakers"] for r in by_speaker] == ["Tom Reyes"]
    recent = list(csv.DictReader(io.StringIO(cli("statements", "--since", "2025-03-03", "--format", "csv").stdout)))
    assert [r["speakers"] for r in recent] == ["Tom Reyes"]  # only one of the pledge's articles is that recent
    assert cli("statements", "--since", "2025-04-01").exit_code == 3
    assert cli("statements", "--since", "soon").exit_code == 2
    misspelt = cli("statements", "--speaker", "Tom Rivers")
    assert misspelt.exit_code == 3
    assert "no speaker matches 'Tom Rivers'" in misspelt.stderr and "did you mean: Tom Reyes?" in misspelt.stderr


def test_conflicts_lists_the_same_words_in_different_mouths(cli, tmp_path):
    cli("ingest", article(tmp_path, "a.txt", "2025-03-01", f"“{PLEDGE},” Health Minister Anna Berg said."))
    cli("ingest", article(tmp_path, "b.txt", "2025-03-02", f"“{PLEDGE},” Health Minister Anna Berg said on Monday."))
    cli("ingest", article(tmp_path, "c.txt", "2025-03-03", f"“{PLEDGE},” said Tom Reyes, a councillor."))
    cli("ingest", article(tmp_path, "d.txt", "2025-03-04", f"“{OTHER},” said Tom Reyes, a councillor."))
    result = cli("conflicts", "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [(r["speaker"], r["articles"]) for r in rows] == [("Anna Berg", 2), ("Tom Reyes", 1)]
    assert rows[0]["sources"].endswith("a.txt; " + rows[0]["sources"].split("; ")[1])
    assert rows[1]["sources"].endswith("c.txt")
    assert len({r["statement_id"] for r in rows}) == 1


def test_conflicts_finds_nothing_when_every_statement_has_one_speaker(cli, tmp_path):
    cli("ingest", article(tmp_path, "a.txt", "2025-03-01", f"“{PLEDGE},” Health Minister Anna Berg said."))
    result = cli("conflicts")
    assert result.exit_code == 3
    assert "no statement is attributed to more than one speaker" in result.output


def test_short_phrases_join_only_the_same_speaker(cli, db, tmp_path):
    cli("ingest", article(tmp_path, "a.txt", "2025-03-01", "“We will see what happens,” Anna Berg said."))
    cli("ingest", article(tmp_path, "b.txt", "2025-03-02", "“We will see what happens,” Anna Berg said again."))
    cli("ingest", article(tmp_path, "c.txt", "2025-03-03", "“We will see what happens,” Tom Reyes said."))
    groups = sorted(len(texts) for texts in statements_of(db).values())
    assert groups == [1, 2]


def test_reported_speech_joins_no_statement(cli, db, tmp_path):
    cli("ingest", article(tmp_path, "a.txt", "2025-03-01",
                          "Anna Berg said that the hospitals in the region would stay open through the winter."))
    with Session(open_engine(db)) as session:
        kinds = session.execute(select(QuoteRow.kind, QuoteRow.statement_id)).all()
    assert kinds and all(sid is None for kind, sid in kinds if kind == "indirect")


def test_export_carries_statement_id_and_occurrences(cli, tmp_path):
    cli("ingest", article(tmp_path, "a.txt", "2025-03-01", f"“{PLEDGE},” Health Minister Anna Berg said."))
    cli("ingest", article(tmp_path, "b.txt", "2025-03-02", f"“{PLEDGE},” Anna Berg said."))
    result = cli("export", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0])[-2:] == ["statement_id", "occurrences"]
    assert {(r["statement_id"], r["occurrences"]) for r in rows} == {(rows[0]["statement_id"], "2")}

"""Speakers by hand: show, merge, split, rename, alias add, import-aliases — and later
ingests never undo them."""

import csv
import io
import json


def write(folder, name, text):
    path = folder / name
    path.write_text(text, "utf-8")
    return str(path)


def speakers(cli) -> dict[str, dict]:
    rows = csv.DictReader(io.StringIO(cli("speakers", "--format", "csv").stdout))
    return {r["speaker"]: r for r in rows}


def test_show_gives_aliases_descriptions_counts_and_outlets(cli, tmp_path):
    write(tmp_path, "a.txt", "outlet: The Guardian\ndate: 2025-03-01\n\n"
          "Mykhailo Podolyak, an adviser to the presidential office, said: “No talks.”\n")
    write(tmp_path, "b.txt", "outlet: Reuters\ndate: 2025-04-02\n\n“Not yet,” said Mykhailo Podoliak.\n")
    cli("ingest", str(tmp_path))
    result = cli("speakers", "show", "podolyak", "--json")
    assert result.exit_code == 0, result.output
    profile = json.loads(result.stdout)
    assert profile["name"] == "Mykhailo Podolyak"
    assert (profile["quotes"], profile["articles"]) == (2, 2)
    assert (profile["first_seen"], profile["last_seen"]) == ("2025-03-01", "2025-04-02")
    assert profile["outlets"] == ["Reuters", "The Guardian"]
    assert {a[0] for a in profile["aliases"]} >= {"Mykhailo Podolyak", "Mykhailo Podoliak"}
    assert profile["descriptions"][0][0] == "an adviser to the presidential office"


def test_merge_moves_quotes_and_later_ingests_follow_it(cli, tmp_path):
    write(tmp_path, "a.txt", "“We will see,” said Recep Tayyip Erdoğan.\n")
    write(tmp_path, "b.txt", "“Maybe,” said Tayyip Erdogan.\n")
    cli("ingest", str(tmp_path))
    assert {"Recep Tayyip Erdoğan", "Tayyip Erdogan"} <= set(speakers(cli))
    result = cli("speakers", "merge", "Recep Tayyip Erdoğan", "Tayyip Erdogan")
    assert result.exit_code == 0 and result.stdout.startswith("merged Tayyip Erdogan")
    later = tmp_path / "later"
    later.mkdir()
    write(later, "c.txt", "“Again,” said Tayyip Erdogan.\n")
    cli("ingest", str(later))
    rows = speakers(cli)
    assert "Tayyip Erdogan" not in rows
    assert rows["Recep Tayyip Erdoğan"]["quotes"] == "3"


def test_split_moves_quotes_by_alias_and_later_ingests_keep_them_apart(cli, tmp_path):
    write(tmp_path, "a.txt", "“Deal done,” said Boris Johnson.\n")
    write(tmp_path, "b.txt", "“Brutal course,” said Boris Johnston.\n")
    cli("ingest", str(tmp_path))
    cli("speakers", "merge", "Boris Johnson", "Boris Johnston")  # a wrong merge made by hand ...
    result = cli("speakers", "split", "Boris Johnson", "--alias", "Boris Johnston", "--name", "Boris Johnston")
    assert result.exit_code == 0, result.output  # ... and undone
    assert result.stdout.startswith("moved 1 quotes of Boris Johnson to Boris Johnston (")
    later = tmp_path / "later"
    later.mkdir()
    write(later, "c.txt", "“Another round,” said Boris Johnston.\n")
    cli("ingest", str(later))
    rows = speakers(cli)
    assert (rows["Boris Johnson"]["quotes"], rows["Boris Johnston"]["quotes"]) == ("1", "2")


def test_rename_survives_later_ingests(cli, tmp_path):
    write(tmp_path, "a.txt", "“Yes,” said Volodymyr Zelenskiy.\n")
    cli("ingest", str(tmp_path))
    assert cli("speakers", "rename", "Zelenskiy", "Volodymyr Zelensky").exit_code == 0
    later = tmp_path / "later"
    later.mkdir()
    write(later, "b.txt", "“No,” said Volodymyr Zelenskyy. “Never,” Mr Zelenskyy added. “Never,” said Volodymyr Zelenskyy.\n")
    cli("ingest", str(later))
    rows = speakers(cli)
    assert list(rows) == ["Volodymyr Zelensky"]
    assert rows["Volodymyr Zelensky"]["quotes"] == "4"


def test_alias_add_joins_later_articles(cli, tmp_path):
    write(tmp_path, "a.txt", "“Yes,” said Recep Tayyip Erdoğan.\n")
    cli("ingest", str(tmp_path))
    assert cli("speakers", "alias", "add", "Erdoğan", "Sultan Erdo").exit_code == 0
    later = tmp_path / "later"
    later.mkdir()
    write(later, "b.txt", "“No,” said Sultan Erdo.\n")
    cli("ingest", str(later))
    assert list(speakers(cli)) == ["Recep Tayyip Erdoğan"]


def test_import_aliases_creates_and_merges(cli, tmp_path):
    write(tmp_path, "a.txt", "“One,” said Dmitri Peskov.\n")
    cli("ingest", str(tmp_path))
    aliases = tmp_path / "aliases.csv"
    aliases.write_text("Dmitry Peskov,Dmitri Peskov\nKaja Kallas,Kaja Kallasová\n", "utf-8")
    result = cli("speakers", "import-aliases", str(aliases))
    assert result.exit_code == 0
    assert result.stdout.strip() == f"2 speakers, 2 aliases imported from {aliases}"
    later = tmp_path / "later"
    later.mkdir()
    write(later, "b.txt", "“Two,” said Kaja Kallasová.\n")
    cli("ingest", str(later))
    rows = speakers(cli)
    assert rows["Dmitry Peskov"]["quotes"] == "1"
    assert rows["Kaja Kallas"]["quotes"] == "1"


def test_ambiguous_and_unknown_names_are_clear_errors(cli, tmp_path):
    write(tmp_path, "a.txt", "“One,” said Boris Johnson.\n")
    write(tmp_path, "b.txt", "“Two,” said Dustin Johnson.\n")
    cli("ingest", str(tmp_path))
    ambiguous = cli("speakers", "rename", "Johnson", "X")
    assert ambiguous.exit_code == 4 and "Boris Johnson" in ambiguous.stderr
    unknown = cli("speakers", "show", "Nobody Atall")
    assert unknown.exit_code == 3
    person_and_group = cli("speakers", "merge", "Boris Johnson", "Dustin Johnson")
    assert person_and_group.exit_code == 0


def test_different_kinds_never_merge(cli, tmp_path):
    write(tmp_path, "a.txt", "“One,” said Boris Johnson. “Two,” officials said.\n")
    cli("ingest", str(tmp_path))
    result = cli("speakers", "merge", "Boris Johnson", "officials")
    assert result.exit_code == 2
    assert "cannot be merged" in result.stderr

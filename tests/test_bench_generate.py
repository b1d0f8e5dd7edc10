"""The benchmark corpus generator: realistic, varied, distinct, and the same for the same seed."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import load_bench_generator
from quotetrack.extract import extract
from quotetrack.sources import SourceError, read_inputs


@pytest.fixture(scope="module")
def generator():
    return load_bench_generator()


def files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*.txt"))}


def test_the_same_seed_writes_the_same_files(generator, tmp_path):
    generator.generate(30, tmp_path / "a", seed=5)
    generator.generate(30, tmp_path / "b", seed=5)
    generator.generate(30, tmp_path / "c", seed=6)
    assert files(tmp_path / "a") == files(tmp_path / "b")
    assert files(tmp_path / "a") != files(tmp_path / "c")


def test_articles_read_as_articles_with_quotes_and_differ(generator, tmp_path):
    generator.generate(60, tmp_path, seed=2)
    articles = list(read_inputs([str(tmp_path)]))
    assert len(articles) == 60 and not any(isinstance(a, SourceError) for a in articles)
    assert len({a.content_hash for a in articles}) == 60
    assert all(a.title and a.outlet and a.published and a.author for a in articles)
    assert 3000 < sum(len(a.text) for a in articles) / 60 < 7500
    assert all(extract(a).quotes for a in articles)
    assert len({a.outlet for a in articles}) > 5 and len({a.published for a in articles}) > 30


def test_a_renamed_speaker_is_renamed_everywhere_in_the_run(generator):
    pools = generator.load_pools()
    source = generator.Source(
        "Hale backs plan",
        ("“It works,” said Emma Hale, the mayor.", "Hale’s office later added: “We will see.”",
         "Ms Hale, 44, declined to comment. Emma thanked residents."),
        (("Emma", "Hale", "female"),),
    )
    composer = generator.ArticleComposer([source], pools, seed=1)
    renaming = composer._renaming(source)
    text = "\n".join(generator._rename(p, renaming) for p in source.paragraphs)
    assert "Hale" not in text and "Emma" not in text
    given, surname = renaming[generator.variant_key("Emma")], renaming[generator.variant_key("Hale")]
    assert f"said {given} {surname}, the mayor" in text
    assert f"{surname}’s office" in text and f"Ms {surname}, 44" in text
    female = set(pools.given["female"]) | {s.split()[0] for spellings, g in pools.recurring if g == "female"
                                           for s in spellings}
    assert given in female

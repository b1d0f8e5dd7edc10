"""The schema migrations run forward and back on SQLite and PostgreSQL."""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

from quotetrack.store.db import SCHEMA_REVISION, current_revision, migrations_path, open_engine


def alembic_config(connection) -> Config:
    config = Config()
    config.set_main_option("script_location", str(migrations_path()))
    config.attributes["connection"] = connection
    return config


def test_schema_revision_is_alembics_head():
    config = Config()
    config.set_main_option("script_location", str(migrations_path()))
    assert ScriptDirectory.from_config(config).get_current_head() == SCHEMA_REVISION


def test_opening_a_database_migrates_it_to_the_newest_revision(db):
    engine = open_engine(db)
    assert current_revision(engine) == SCHEMA_REVISION
    tables = set(inspect(engine).get_table_names())
    assert {"articles", "quotes", "speakers", "speaker_aliases"} <= tables
    if engine.dialect.name == "sqlite":
        assert {"quotes_fts", "quotes_fts_deferred"} <= tables
    else:
        assert "ix_quotes_text_search" in {i["name"] for i in inspect(engine).get_indexes("quotes")}
    engine.dispose()


def test_the_search_migration_goes_down_and_up_again(db):
    engine = open_engine(db)
    with engine.begin() as connection:
        command.downgrade(alembic_config(connection), "0002")
    assert current_revision(engine) == "0002"
    assert "quotes_fts" not in inspect(engine).get_table_names()
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), "head")
    assert current_revision(engine) == SCHEMA_REVISION
    engine.dispose()


def test_the_surname_migration_gives_stored_person_aliases_their_surname_key(db):
    engine = open_engine(db)
    with engine.begin() as connection:
        command.downgrade(alembic_config(connection), "0004")
        connection.execute(text(
            "INSERT INTO speakers (id, name, kind, name_locked, ambiguous, created_at) VALUES "
            "(1, 'Volodymyr Zelenskyy', 'person', false, false, '2026-11-28 00:00:00'), "
            "(2, 'Health Ministry', 'organisation', false, false, '2026-11-28 00:00:00')"))
        connection.execute(text(
            "INSERT INTO speaker_aliases (speaker_id, alias, key, variant, count, manual) VALUES "
            "(1, 'Volodymyr Zelenskyy', 'volodymyr zelenskyy', 'volodimir zelenski', 1, false), "
            "(1, 'Mr Zelensky', 'mr zelensky', 'zelenski', 1, false), "
            "(1, 'Zelenskiy', 'zelenskiy', 'zelenski', 1, false), "
            "(2, 'Health Ministry', 'health ministry', 'health ministry', 1, false)"))
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), "head")
    with engine.connect() as connection:
        surnames = dict(connection.execute(text("SELECT alias, surname FROM speaker_aliases")).all())
    assert surnames == {"Volodymyr Zelenskyy": "zelenski", "Mr Zelensky": "zelenski", "Zelenskiy": "zelenski",
                        "Health Ministry": None}
    engine.dispose()

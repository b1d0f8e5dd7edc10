"""The schema migrations run forward and back on SQLite and PostgreSQL."""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import inspect

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

"""Full-text search over quote text: SQLite FTS5, PostgreSQL GIN.

SQLite: an FTS5 table with external content (the quotes table itself), so the text is
not stored twice; triggers keep it in step with every insert, update and delete. The
unicode61 tokenizer folds case and accents. An insert trigger costs FTS5 a flush per
row, so the ingest writer sets quotes_fts_deferred to 1 inside its transaction, inserts
a batch of quotes and indexes them with one statement (store/writer.py); every other
insert is indexed by the trigger. A later migration that rebuilds the quotes
table in SQLite's batch mode drops these triggers and must create them again.

PostgreSQL: a GIN index on to_tsvector('simple', text); 'simple' folds case and keeps
every word (no stemming, no stop words), so a phrase is found as typed.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28
"""
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

SQLITE_UP = (
    "CREATE VIRTUAL TABLE quotes_fts USING fts5(text, content='quotes', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 2')",
    "INSERT INTO quotes_fts(quotes_fts) VALUES ('rebuild')",
    "CREATE TABLE quotes_fts_deferred (deferred INTEGER NOT NULL)",
    "INSERT INTO quotes_fts_deferred (deferred) VALUES (0)",
    "CREATE TRIGGER quotes_fts_insert AFTER INSERT ON quotes "
    "WHEN (SELECT deferred FROM quotes_fts_deferred) = 0 BEGIN "
    "INSERT INTO quotes_fts(rowid, text) VALUES (new.id, new.text); END",
    "CREATE TRIGGER quotes_fts_delete AFTER DELETE ON quotes BEGIN "
    "INSERT INTO quotes_fts(quotes_fts, rowid, text) VALUES ('delete', old.id, old.text); END",
    "CREATE TRIGGER quotes_fts_update AFTER UPDATE OF text ON quotes BEGIN "
    "INSERT INTO quotes_fts(quotes_fts, rowid, text) VALUES ('delete', old.id, old.text); "
    "INSERT INTO quotes_fts(rowid, text) VALUES (new.id, new.text); END",
)
SQLITE_DOWN = (
    "DROP TRIGGER IF EXISTS quotes_fts_update",
    "DROP TRIGGER IF EXISTS quotes_fts_delete",
    "DROP TRIGGER IF EXISTS quotes_fts_insert",
    "DROP TABLE IF EXISTS quotes_fts_deferred",
    "DROP TABLE IF EXISTS quotes_fts",
)


def _sqlite_has_fts5() -> bool:
    options = {row[0] for row in op.get_bind().exec_driver_sql("PRAGMA compile_options")}
    return "ENABLE_FTS5" in options


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        # Without FTS5 compiled in, phrase search falls back to LIKE (store/queries.py).
        if _sqlite_has_fts5():
            for statement in SQLITE_UP:
                op.execute(statement)
    elif dialect == "postgresql":
        op.execute("CREATE INDEX ix_quotes_text_search ON quotes USING gin (to_tsvector('simple', text))")


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for statement in SQLITE_DOWN:
            op.execute(statement)
    elif dialect == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_quotes_text_search")

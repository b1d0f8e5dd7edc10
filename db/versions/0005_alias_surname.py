"""Each person alias's surname key, so the writer can look stored speakers up by surname
in the database instead of holding every speaker in memory (speakers/corpus.py).

The key is speakers.names.surname_key of the alias as written: the transliteration key
of its surname ('Mr Zelenskyy' -> 'zelenski'), NULL for an alias with no surname and for
organisations, groups and anonymous sources. Stored aliases get theirs here.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-28
"""
import sqlalchemy as sa
from alembic import op

from quotetrack.speakers.names import surname_key

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

BACKFILL_ROWS = 5000


def upgrade() -> None:
    op.add_column("speaker_aliases", sa.Column("surname", sa.String(300), nullable=True))
    op.create_index("ix_speaker_aliases_surname", "speaker_aliases", ["surname"])
    connection = op.get_bind()
    page = sa.text(
        "SELECT a.id, a.alias FROM speaker_aliases a JOIN speakers s ON s.id = a.speaker_id "
        f"WHERE s.kind = 'person' AND a.id > :after ORDER BY a.id LIMIT {BACKFILL_ROWS}")
    set_surname = sa.text("UPDATE speaker_aliases SET surname = :surname WHERE id = :id")
    after = 0
    while rows := connection.execute(page, {"after": after}).fetchall():
        after = rows[-1][0]
        keyed = [{"id": alias_id, "surname": surname_key(alias)} for alias_id, alias in rows]
        keyed = [row for row in keyed if row["surname"]]
        if keyed:
            connection.execute(set_surname, keyed)


def downgrade() -> None:
    op.drop_index("ix_speaker_aliases_surname", "speaker_aliases")
    op.drop_column("speaker_aliases", "surname")

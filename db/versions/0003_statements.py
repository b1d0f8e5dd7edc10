"""Statements: the same words quoted across articles, with lookup keys, and each quote's
statement.

Quotes stored before this revision get their statement from the next ingest
(store/statements.py ``group_ungrouped``), which uses the grouping rules of the code
installed then.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29
"""
import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "statements",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("words", sa.Integer, nullable=False),
        sa.Column("distinctive", sa.Boolean, nullable=False),
        sa.Column("quotes", sa.Integer, nullable=False, server_default="0"),
        sa.Column("articles", sa.Integer, nullable=False, server_default="0"),
        sa.Column("first_seen", sa.Date),
        sa.Column("last_seen", sa.Date),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_statements_articles", "statements", ["articles"])
    op.create_table(
        "statement_keys",
        sa.Column("key", sa.BigInteger, primary_key=True),
        sa.Column("statement_id", sa.Integer, sa.ForeignKey("statements.id", ondelete="CASCADE"),
                  primary_key=True),
    )
    op.create_index("ix_statement_keys_statement_id", "statement_keys", ["statement_id"])
    with op.batch_alter_table("quotes") as batch:
        batch.add_column(sa.Column("statement_id", sa.Integer,
                                   sa.ForeignKey("statements.id", name="fk_quotes_statement_id", ondelete="SET NULL")))
        batch.create_index("ix_quotes_statement_id", ["statement_id"])


def downgrade() -> None:
    with op.batch_alter_table("quotes") as batch:
        batch.drop_index("ix_quotes_statement_id")
        batch.drop_column("statement_id")
    op.drop_table("statement_keys")
    op.drop_table("statements")

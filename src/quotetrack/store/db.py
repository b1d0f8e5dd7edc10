"""Opening a database: where it is, how to connect, and bringing its schema up to date.

``--db`` (or ``QUOTETRACK_DB``) takes an SQLAlchemy URL (``sqlite:///x.db``,
``postgresql+psycopg://user@host/db``) or a plain file path for SQLite. Without one,
the database is ``$XDG_DATA_HOME/quotetrack/quotetrack.db`` (by default
``~/.local/share/quotetrack/quotetrack.db``).
"""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.exc import SQLAlchemyError

ENV_VAR = "QUOTETRACK_DB"
# The newest migration under db/versions; a test checks that it matches Alembic's head.
SCHEMA_REVISION = "0005"


class DatabaseError(Exception):
    """The database could not be opened or brought up to date."""


def default_path() -> Path:
    data_home = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data_home) / "quotetrack" / "quotetrack.db"


def database_url(value: str | None = None) -> str:
    """The SQLAlchemy URL for ``--db``, ``QUOTETRACK_DB`` or the default file."""
    value = value or os.environ.get(ENV_VAR) or str(default_path())
    if "://" in value:
        return value
    return f"sqlite:///{Path(value).expanduser().resolve()}"


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    # WAL lets readers run beside an ingest; NORMAL sync is safe under WAL and much faster.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA cache_size=-65536")
    cursor.close()


def migrations_path() -> Path:
    """The Alembic scripts: inside the installed package, or db/ in a source checkout."""
    packaged = Path(__file__).resolve().parent.parent / "_migrations"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "db"


def open_engine(value: str | None = None, migrate: bool = True) -> Engine:
    """An engine for the database, with its schema migrated to the newest revision."""
    url = database_url(value)
    if url.startswith("sqlite:///") and not url.startswith("sqlite:///:memory:"):
        path = Path(url.removeprefix("sqlite:///"))
        if path.is_dir():
            raise DatabaseError(f"{path} is a folder; give a database file path or URL")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise DatabaseError(f"cannot create {path.parent}: {error.strerror}") from None
    try:
        engine = create_engine(url)
    except ImportError as error:
        hint = "; pip install 'quotetrack[postgres]'" if url.startswith("postgresql") else ""
        raise DatabaseError(f"cannot use database {url!r}: {error}{hint}") from None
    except (SQLAlchemyError, ValueError) as error:
        raise DatabaseError(f"cannot use database {url!r}: {error}") from None
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    if migrate:
        upgrade(engine)
    return engine


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def upgrade(engine: Engine) -> None:
    """Apply any migrations the database lacks (Alembic is imported only when needed)."""
    try:
        if current_revision(engine) == SCHEMA_REVISION:
            return
        from alembic import command
        from alembic.config import Config

        config = Config()
        config.set_main_option("script_location", str(migrations_path()))
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    except SQLAlchemyError as error:
        raise DatabaseError(f"cannot open database {engine.url.render_as_string(hide_password=True)}: "
                            f"{error.__class__.__name__}: {str(error).splitlines()[0]}") from None

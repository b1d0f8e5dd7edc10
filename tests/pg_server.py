"""A throwaway PostgreSQL server for the tests, on 127.0.0.1 and a free port.

``QUOTETRACK_TEST_PG_URL`` (an SQLAlchemy URL, set by .ci/run) names a server to use
instead; .ci/postgres starts that one with ``python3 tests/pg_server.py start`` (which
prints the line that exports it) and stops it with ``... stop``. Otherwise the server
binaries are looked for on PATH and under /usr/lib/postgresql/*/bin (Debian); a
database cluster is made in a temporary folder and stopped at the end. PostgreSQL refuses to run as root, so as root the server runs
as the ``postgres`` user (which Debian's package creates).
"""

from __future__ import annotations

import glob
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

URL_VAR = "QUOTETRACK_TEST_PG_URL"
# Where ``start`` run as a command leaves what ``stop`` needs.
STATE = Path(tempfile.gettempdir()) / "quotetrack-ci-postgres.json"


class Unavailable(Exception):
    """No PostgreSQL server can be had; the message says why."""


def _bin_dir() -> Path:
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).resolve().parent
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=lambda p: int(p.split("/")[4]))
    if candidates:
        return Path(candidates[-1]).parent
    raise Unavailable(f"no PostgreSQL server binaries (pg_ctl) found, and {URL_VAR} is not set; "
                      "install postgresql or point the variable at a server")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class ThrowawayServer:
    """initdb + pg_ctl start in a temporary folder; ``stop`` removes it all."""

    def __init__(self) -> None:
        self.bin = _bin_dir()
        self.as_user: list[str] = []
        if os.geteuid() == 0:
            if shutil.which("runuser") is None:
                raise Unavailable("running as root and runuser is missing, so PostgreSQL cannot be started")
            try:
                import pwd

                pwd.getpwnam("postgres")
            except KeyError:
                raise Unavailable("running as root and there is no 'postgres' user to run PostgreSQL as") from None
            self.as_user = ["runuser", "-u", "postgres", "--"]
        self.folder = Path(tempfile.mkdtemp(prefix="quotetrack-pg-"))
        self.data = self.folder / "data"
        self.port = _free_port()

    def _run(self, *argv: str) -> None:
        result = subprocess.run([*self.as_user, *argv], capture_output=True, text=True, timeout=120)
        if result.returncode != 0:
            raise Unavailable(f"{Path(argv[0]).name} failed: {(result.stderr or result.stdout).strip()[-500:]}")

    def start(self) -> str:
        if self.as_user:
            shutil.chown(self.folder, "postgres", "postgres")
        self._run(str(self.bin / "initdb"), "-D", str(self.data), "-A", "trust", "-U", "postgres", "-E", "UTF8",
                  "--locale=C", "--no-sync")
        options = (f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off "
                   "-c synchronous_commit=off -c full_page_writes=off")
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-o", options, "-l", str(self.folder / "log"),
                  "-w", "-t", "60", "start")
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def stop(self) -> None:
        subprocess.run([*self.as_user, str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop"],
                       capture_output=True, timeout=60)
        shutil.rmtree(self.folder, ignore_errors=True)


def reachable(url: str, timeout: float = 10.0) -> None:
    """Raise ``Unavailable`` unless a connection to ``url`` succeeds within ``timeout``."""
    try:
        from sqlalchemy import create_engine, text
    except ImportError as error:  # pragma: no cover - sqlalchemy is a dependency
        raise Unavailable(str(error)) from None
    try:
        import psycopg  # noqa: F401
    except ImportError:
        raise Unavailable("psycopg is not installed (pip install 'quotetrack[postgres]')") from None
    engine = create_engine(url, connect_args={"connect_timeout": 5})
    deadline = time.monotonic() + timeout
    try:
        while True:
            try:
                with engine.connect() as connection:
                    connection.execute(text("SELECT 1"))
                return
            except Exception as error:
                if time.monotonic() > deadline:
                    raise Unavailable(f"cannot connect to PostgreSQL at {engine.url.render_as_string()}: "
                                      f"{str(error).splitlines()[0]}") from None
                time.sleep(0.2)
    finally:
        engine.dispose()


def fresh_database(server_url: str) -> tuple[str, callable]:
    """A new empty database on the server: its URL, and a function that drops it."""
    from sqlalchemy import create_engine, make_url, text

    name = f"qt_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}" TEMPLATE template0'))

    def drop() -> None:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return make_url(server_url).set(database=name).render_as_string(hide_password=False), drop


def main(argv: list[str]) -> int:
    """``start``: a server that outlives this process; prints ``export QUOTETRACK_TEST_PG_URL=...``.
    ``stop``: stops the server ``start`` left, if any."""
    if argv == ["start"]:
        main(["stop"])  # one left by an earlier run that did not stop it
        try:
            server = ThrowawayServer()
            url = server.start()
        except Unavailable as error:
            print(f"cannot start PostgreSQL: {error}", file=sys.stderr)
            return 1
        STATE.write_text(json.dumps({"bin": str(server.bin), "folder": str(server.folder), "as_user": server.as_user}))
        print(f"export {URL_VAR}={url}")
        return 0
    if argv == ["stop"]:
        if STATE.exists():
            left = json.loads(STATE.read_text())
            server = ThrowawayServer.__new__(ThrowawayServer)
            server.bin, server.folder, server.as_user = Path(left["bin"]), Path(left["folder"]), left["as_user"]
            server.data = server.folder / "data"
            server.stop()
            STATE.unlink()
        return 0
    print("usage: pg_server.py start|stop", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""A throwaway PostgreSQL server for the tests: initdb into a temp dir, start, stop.

Nothing here touches a system cluster. The server listens only on 127.0.0.1 (free port)
and on a unix socket inside its temp dir, trusts local connections (it holds nothing but
test data and lives for one pytest session), and runs with fsync off for speed.

Needs the PostgreSQL server binaries (Debian/Ubuntu: ``apt-get install postgresql``,
found under /usr/lib/postgresql/*/bin, or set WHATDESK_PG_BIN to their folder) and the
``psycopg`` driver (``pip install "psycopg[binary]"``). Without them the PostgreSQL
variants of the tests are skipped with the reason. WHATDESK_TEST_POSTGRES_URL, when set,
uses an existing server instead (``postgresql+psycopg://user@host:port/postgres`` of a
user that may create databases, e.g. a CI service container).
"""

from __future__ import annotations

import glob
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from whatdesk.store import Database

TEMPLATE = "whatdesk_template"
_USER = "whatdesk"
_RUN_AS = "postgres"  # initdb refuses to run as root


def _find_bin() -> Path | None:
    given = os.environ.get("WHATDESK_PG_BIN")
    if given:
        return Path(given) if (Path(given) / "initdb").exists() else None
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                   key=lambda p: int(Path(p).parent.parent.name)
                   if Path(p).parent.parent.name.isdigit() else 0)
    if found:
        return Path(found[-1]).parent
    which = shutil.which("initdb") or shutil.which("pg_ctl")
    return Path(which).parent if which and (Path(which).parent / "pg_ctl").exists() else None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class PgServer:
    """A running server plus the admin (superuser) URL and a migrated template database."""

    def __init__(self) -> None:
        self.admin_url = ""
        self._bindir: Path | None = None
        self._datadir: Path | None = None
        self._tmp: Path | None = None
        self._prefix: list[str] = []
        self._seq = itertools.count(1)

    # ---- lifecycle ----------------------------------------------------------------------

    @classmethod
    def unavailable_reason(cls) -> str | None:
        try:
            import psycopg  # noqa: F401
        except ImportError:
            return 'psycopg is not installed (pip install "psycopg[binary]")'
        if os.environ.get("WHATDESK_TEST_POSTGRES_URL"):
            return None
        if _find_bin() is None:
            return ("PostgreSQL server binaries not found (apt-get install postgresql, or set "
                    "WHATDESK_PG_BIN to the folder holding initdb and pg_ctl)")
        if os.geteuid() == 0:
            if shutil.which("runuser") is None:
                return "running as root and runuser is missing: initdb cannot run as root"
            try:
                import pwd
                pwd.getpwnam(_RUN_AS)
            except KeyError:
                return (f"running as root and there is no '{_RUN_AS}' user to run initdb as "
                        "(the postgresql package creates it)")
        return None

    def start(self) -> None:
        given = os.environ.get("WHATDESK_TEST_POSTGRES_URL")
        if given:
            self.admin_url = given
            return
        self._bindir = _find_bin()
        assert self._bindir is not None
        self._tmp = Path(tempfile.mkdtemp(prefix="whatdesk-pg-"))
        self._datadir = self._tmp / "data"
        if os.geteuid() == 0:
            shutil.chown(self._tmp, user=_RUN_AS)
            self._prefix = ["runuser", "-u", _RUN_AS, "--"]
        self._run("initdb", "-D", str(self._datadir), "-U", _USER, "-A", "trust",
                  "-E", "UTF8", "--locale=C", "--no-sync")
        port = _free_port()
        opts = " ".join([
            "-c listen_addresses=127.0.0.1", f"-c port={port}",
            f"-c unix_socket_directories={self._tmp}",
            "-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off",
            "-c max_connections=200", "-c shared_buffers=32MB",
            "-c deadlock_timeout=100ms",  # the deadlock test need not wait 1 s per cycle
        ])
        self._run("pg_ctl", "-D", str(self._datadir), "-l", str(self._tmp / "server.log"),
                  "-o", opts, "-w", "-t", "30", "start")
        self.admin_url = f"postgresql+psycopg://{_USER}@127.0.0.1:{port}/postgres"

    def stop(self) -> None:
        if self._datadir is not None and self._bindir is not None:
            try:  # "immediate": nothing here is worth a clean shutdown
                subprocess.run([*self._prefix, str(self._bindir / "pg_ctl"), "-D",
                                str(self._datadir), "-m", "immediate", "-w", "stop"],
                               capture_output=True, timeout=60, check=False)
            finally:
                shutil.rmtree(self._tmp, ignore_errors=True)  # type: ignore[arg-type]
                self._datadir = None

    def _run(self, tool: str, *args: str) -> None:
        assert self._bindir is not None
        cmd = [*self._prefix, str(self._bindir / tool), *args]
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=60, check=False)
        if done.returncode != 0:
            log = ""
            if self._tmp is not None and (self._tmp / "server.log").exists():
                log = (self._tmp / "server.log").read_text(errors="replace")[-2000:]
            raise RuntimeError(f"{' '.join(cmd)} failed ({done.returncode}):\n"
                               f"{done.stdout}\n{done.stderr}\n{log}")

    # ---- databases ----------------------------------------------------------------------

    def url(self, database: str) -> str:
        from sqlalchemy.engine import make_url
        return make_url(self.admin_url).set(database=database).render_as_string(
            hide_password=False)

    def sql(self, statement: str) -> None:
        import psycopg
        from sqlalchemy.engine import make_url
        u = make_url(self.admin_url)
        with psycopg.connect(host=u.host, port=u.port, user=u.username,
                             password=u.password, dbname=u.database or "postgres",
                             autocommit=True) as conn:
            conn.execute(statement)  # type: ignore[arg-type]

    def create_database(self, template: str | None = None) -> str:
        """A new, empty (or cloned from ``template``) database; returns its URL."""
        name = f"wd_{os.getpid()}_{next(self._seq)}_{int(time.time() * 1000) % 100000}"
        self.sql(f'CREATE DATABASE "{name}"'
                 + (f' TEMPLATE "{template}"' if template else " TEMPLATE template0"))
        return self.url(name)

    def drop_database(self, url: str) -> None:
        from sqlalchemy.engine import make_url
        name = make_url(url).database
        self.sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def prepare_template(self) -> None:
        """One database upgraded to head; each test gets a copy (much faster than
        migrating a fresh database every time)."""
        self.sql(f'DROP DATABASE IF EXISTS "{TEMPLATE}" WITH (FORCE)')
        self.sql(f'CREATE DATABASE "{TEMPLATE}" TEMPLATE template0')
        Database.open(self.url(TEMPLATE)).close()

    def fresh_url(self) -> str:
        """A database at the newest schema, with no rows, for one test."""
        return self.create_database(TEMPLATE)


# ---- fixtures (exposed to every test folder by tests/conftest.py) -----------------------

@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    reason = PgServer.unavailable_reason()
    if reason:
        pytest.skip(f"PostgreSQL tests skipped: {reason}")
    server = PgServer()
    try:
        server.start()
        server.prepare_template()
        yield server
    finally:
        server.stop()


@pytest.fixture
def pg_url(pg_server: PgServer) -> Iterator[str]:
    """A fresh database at head on the throwaway server, dropped after the test."""
    url = pg_server.fresh_url()
    yield url
    try:
        pg_server.drop_database(url)
    except Exception:  # noqa: BLE001 - the whole server goes away at the end anyway
        pass

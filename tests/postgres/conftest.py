"""PostgreSQL tests: a throwaway server started by the tests themselves.

The server fixtures live in tests/postgres/server.py and are exposed to every test folder
by tests/conftest.py (so tests/store can run each of its tests on SQLite and PostgreSQL):

* ``pg_server`` (session): ``initdb`` into a temp dir (as the ``postgres`` user when run as
  root), ``pg_ctl start`` listening only on 127.0.0.1 at a free port and on a unix socket in
  that dir, a template database migrated to head; ``pg_ctl stop`` and the dir removed at the
  end. Skipped with the reason when the binaries (apt: ``postgresql``) or ``psycopg`` are
  missing.
* ``pg_url``: a fresh database at head for one test (a copy of the template).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from .server import PgServer


@pytest.fixture
def pg_empty_url(pg_server: PgServer) -> Iterator[str]:
    """A database with no tables at all (for the migration test)."""
    url = pg_server.create_database()
    yield url
    pg_server.drop_database(url)

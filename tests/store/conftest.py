"""Fixtures for the store tests: a real database per test (a SQLite file, and a PostgreSQL
database on a throwaway server) and message builders."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from whatdesk.domain.enums import MessageKind
from whatdesk.domain.events import InboundMessage
from whatdesk.store import Database, create_connection, sqlite_url

T0 = datetime(2025, 3, 10, 12, 0, tzinfo=UTC)
_seq = itertools.count(1)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "whatdesk.db"


# Every test that asks for ``db`` / ``db_url`` / ``new_db_url`` runs once on a SQLite file and
# once on a throwaway PostgreSQL server (tests/postgres/server.py; skipped, with the reason,
# where PostgreSQL is not installed). Tests marked ``sqlite_only`` run on SQLite alone.
@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest) -> str:
    if request.param == "postgresql" and request.node.get_closest_marker("sqlite_only"):
        pytest.skip("SQLite-specific test")
    return str(request.param)


@pytest.fixture
def new_db_url(backend: str, tmp_path_factory: pytest.TempPathFactory,
               request: pytest.FixtureRequest) -> Callable[[], str]:
    """Makes a new, empty database at head each call (property tests need one per example)."""
    if backend == "sqlite":
        return lambda: sqlite_url(tmp_path_factory.mktemp("db") / "whatdesk.db")
    server = request.getfixturevalue("pg_server")
    made: list[str] = []

    def make() -> str:
        made.append(server.fresh_url())
        return made[-1]

    def drop_all() -> None:
        for url in made:
            server.drop_database(url)

    request.addfinalizer(drop_all)
    return make


@pytest.fixture
def db_url(backend: str, db_path: Path, request: pytest.FixtureRequest) -> str:
    """The address of this test's database; open it more than once to act like several
    whatdesk windows (or desktops) sharing it."""
    if backend == "sqlite":
        return sqlite_url(db_path)
    return str(request.getfixturevalue("pg_url"))


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = Database.open(db_url)
    try:
        yield database
    finally:
        database.close()


@pytest.fixture
def conn_id(db: Database) -> int:
    return db.write_sync(lambda s: create_connection(s, "Loja", channel="sandbox").id)


def incoming(phone: str = "5511999990001", text: str = "oi", *, wa_id: str | None = None,
             at: datetime | None = None, kind: MessageKind = MessageKind.TEXT,
             lid: str | None = None, chat: str | None = None, sender: str | None = None,
             from_me: bool = False, push_name: str = "Ana", **extra: object) -> InboundMessage:
    """A message as a channel would hand it over (a customer writing to us by default)."""
    n = next(_seq)
    jid = chat or f"{phone}@s.whatsapp.net"
    return InboundMessage(
        wa_id=wa_id or f"3EB0{n:08X}", chat=jid, sender=sender or jid,
        timestamp=at or T0 + timedelta(seconds=n), kind=kind, from_me=from_me,
        sender_phone=phone if not from_me else None, sender_lid=lid,
        push_name="" if from_me else push_name, text=text, **extra)  # type: ignore[arg-type]

"""Fixtures for engine tests: a real SQLite file, a bus, a virtual clock."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from whatdesk.domain.clock import VirtualClock  # noqa: E402
from whatdesk.engine.bus import EventBus  # noqa: E402


@pytest.fixture
def db(tmp_path: Path) -> Iterator[object]:
    from whatdesk.store import Database, sqlite_url

    database = Database.open(sqlite_url(tmp_path / "whatdesk.db"))
    yield database
    database.close()


@pytest.fixture
def bus() -> EventBus:
    return EventBus()


@pytest.fixture
def clock() -> VirtualClock:
    return VirtualClock()


@pytest.fixture
def connection_id(db: object) -> int:
    from whatdesk.store import create_connection

    return db.write_sync(lambda s: create_connection(s, "Loja", channel="sandbox")).id  # type: ignore[attr-defined]

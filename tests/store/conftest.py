"""Fixtures for the store tests: a real SQLite file per test and message builders."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
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


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    database = Database.open(sqlite_url(db_path))
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

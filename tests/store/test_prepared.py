"""Prepared statements (the SQLite fast path) rely only on SQLAlchemy's public API."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select
from sqlalchemy.sql.compiler import SQLCompiler

from whatdesk.store import Database, sqlite_url
from whatdesk.store._sql import Prepared, conn_of, contacts_t, dialect_insert_ignore

AT = datetime(2025, 3, 10, 12, 30, 15, 123456, tzinfo=UTC)


class _Removed:
    """Stands for an attribute a SQLAlchemy upgrade took away."""

    def __get__(self, obj: object, owner: type | None = None) -> object:
        raise AttributeError("private SQLAlchemy attribute removed by an upgrade")


def test_fast_insert_applies_bind_processors_without_sqlalchemy_private_attributes(
        tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = Database.open(sqlite_url(tmp_path / "whatdesk.db"))
    insert = Prepared(dialect_insert_ignore(contacts_t))
    values = {"phone": "5511999990001", "lid": None, "group_jid": None, "name": "Ana",
              "push_name": "", "is_group": False, "email": None,
              "custom_fields": {"cpf": "123", "vip": True}, "created_at": AT, "updated_at": AT}

    def write(s) -> int:
        with monkeypatch.context() as patched:
            # Only the fast path runs under the patch: SQLAlchemy's own execution still needs it.
            patched.setattr(SQLCompiler, "_bind_processors", _Removed(), raising=False)
            return int(insert.scalar(conn_of(s), values))

    try:
        new_id = db.write_sync(write)
        row = db.read_sync(lambda s: conn_of(s).execute(
            select(contacts_t).where(contacts_t.c.id == new_id)).one()._mapping)
    finally:
        db.close()
    # JSON and the UTC timestamp went through their bind processors: they read back intact.
    assert row["custom_fields"] == {"cpf": "123", "vip": True}
    assert row["created_at"] == AT
    assert row["is_group"] is False and row["name"] == "Ana"

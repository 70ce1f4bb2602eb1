"""Migrations: an old database upgrades in place without losing a row; models match them."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, text

from whatdesk.domain.enums import MessageKind, TicketStatus
from whatdesk.domain.events import InboundMessage
from whatdesk.domain.errors import StoreError
from whatdesk.store import (
    Database,
    create_connection,
    delete_connection,
    get_connection,
    get_ticket,
    head_revision,
    list_messages,
    record_inbound,
    sqlite_url,
)
from whatdesk.store.db import alembic_config
from whatdesk.store.models import Base
from whatdesk.store.search_schema import include_object

FIRST = "0001"


def _database_at_first_revision(path: Path) -> None:
    command.upgrade(alembic_config(url=sqlite_url(path)), FIRST)


def _insert_rows_the_first_schema_knows(path: Path) -> None:
    """Plain SQL with only the columns revision 0001 has: stays valid whatever 0002+ add."""
    stamp = "2024-12-01 10:00:00.000000"
    with sqlite3.connect(path) as raw:
        raw.execute(
            "INSERT INTO connections (id, name, channel, is_default, status, status_detail,"
            " push_name, greeting, farewell, out_of_hours_message, business_hours, timezone,"
            " rate_per_contact_per_min, min_gap_ms, user_disconnected, created_at, updated_at)"
            " VALUES (1, 'Loja antiga', 'neonize', 1, 'stopped', '', '', 'Olá!', '', '',"
            " '{\"mon\": [[\"09:00\", \"18:00\"]]}', 'America/Sao_Paulo', 30, 1000, 0, ?, ?)",
            (stamp, stamp))
        raw.execute(
            "INSERT INTO contacts (id, phone, name, push_name, is_group, custom_fields,"
            " created_at, updated_at) VALUES (1, '5511988887777', 'Dona Rosa', '', 0, '{}', ?, ?)",
            (stamp, stamp))
        raw.execute(
            "INSERT INTO tickets (id, connection_id, contact_id, status, unread_count,"
            " last_message_preview, last_message_at, created_at, updated_at)"
            " VALUES (1, 1, 1, 'pending', 1, 'Bom dia', ?, ?, ?)", (stamp, stamp, stamp))
        raw.execute(
            "INSERT INTO messages (id, connection_id, wa_id, ticket_id, contact_id, direction,"
            " from_me, kind, text, ack, edited, deleted, is_private_note, created_at)"
            " VALUES (1, 1, 'OLD1', 1, 1, 'in', 0, 'text', 'Bom dia', 2, 0, 0, 0, ?)", (stamp,))


def test_database_from_first_release_upgrades_to_head_with_rows_intact(tmp_path: Path) -> None:
    path = tmp_path / "whatdesk.db"
    _database_at_first_revision(path)
    _insert_rows_the_first_schema_knows(path)

    db = Database.open(sqlite_url(path))
    try:
        version = db.read_sync(
            lambda s: s.execute(text("SELECT version_num FROM alembic_version")).scalar())
        assert version == head_revision()
        conn = db.read_sync(lambda s: get_connection(s, 1))
        ticket = db.read_sync(lambda s: get_ticket(s, 1))
        messages = db.read_sync(lambda s: list_messages(s, 1))
    finally:
        db.close()
    assert (conn.name, conn.greeting, conn.business_hours) == (
        "Loja antiga", "Olá!", {"mon": [["09:00", "18:00"]]})
    assert (ticket.status, ticket.contact_name, ticket.unread_count) == (
        TicketStatus.PENDING, "Dona Rosa", 1)
    assert [(m.wa_id, m.text) for m in messages] == [("OLD1", "Bom dia")]
    assert messages[0].created_at.tzinfo is not None
    backups = list(tmp_path.glob("whatdesk.db.antes-da-atualizacao-*.bak"))
    if head_revision() != FIRST:  # a real upgrade happened: the old file was copied first
        assert [b.name for b in backups] == [f"whatdesk.db.antes-da-atualizacao-{FIRST}.bak"]
        with sqlite3.connect(backups[0]) as raw:
            assert raw.execute("SELECT text FROM messages").fetchall() == [("Bom dia",)]
    else:
        assert backups == []


def test_connections_made_before_session_tokens_keep_their_ids_and_get_no_token(
        tmp_path: Path) -> None:
    """Their session files stay named by id; an id deleted after the upgrade is never reused."""
    path = tmp_path / "whatdesk.db"
    _database_at_first_revision(path)
    _insert_rows_the_first_schema_knows(path)
    db = Database.open(sqlite_url(path))
    try:
        old = db.read_sync(lambda s: get_connection(s, 1))
        newer = db.write_sync(lambda s: create_connection(s, "Loja nova"))
        db.write_sync(lambda s: delete_connection(s, newer.id, keep_conversations=False))
        newest = db.write_sync(lambda s: create_connection(s, "Loja mais nova"))
    finally:
        db.close()
    assert (old.id, old.name, old.session_token) == (1, "Loja antiga", None)
    assert newer.id == 2 and newest.id == 3 and newest.session_token


def test_opening_twice_keeps_the_data_and_the_version(tmp_path: Path) -> None:
    path = tmp_path / "whatdesk.db"
    Database.open(sqlite_url(path)).close()
    _insert_rows_the_first_schema_knows(path)
    db = Database.open(sqlite_url(path))
    try:
        assert db.read_sync(lambda s: get_ticket(s, 1)).last_message_preview == "Bom dia"
    finally:
        db.close()


def test_models_and_migrations_describe_the_same_schema(tmp_path: Path) -> None:
    path = tmp_path / "whatdesk.db"
    Database.open(sqlite_url(path)).close()
    engine = create_engine(sqlite_url(path))
    try:
        with engine.connect() as conn:
            ctx = MigrationContext.configure(conn, opts={"compare_type": True,
                                                         "include_object": include_object})
            diff = compare_metadata(ctx, Base.metadata)
    finally:
        engine.dispose()
    assert diff == []


def test_database_from_a_newer_whatdesk_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "whatdesk.db"
    Database.open(sqlite_url(path)).close()
    with sqlite3.connect(path) as raw:
        raw.execute("UPDATE alembic_version SET version_num = '9999'")
    before = path.read_bytes()
    with pytest.raises(StoreError, match="versão mais nova"):
        Database.open(sqlite_url(path))
    assert path.read_bytes() == before


def test_downgrading_to_the_first_revision_and_back_keeps_the_conversations(
        db_url: str) -> None:
    """A release can be rolled back (alembic downgrade) without losing tickets or messages."""
    db = Database.open(db_url)
    cid = db.write_sync(lambda s: create_connection(s, "Loja", channel="sandbox").id)
    msg = InboundMessage(wa_id="W1", chat="5511987654321@s.whatsapp.net",
                         sender="5511987654321@s.whatsapp.net",
                         timestamp=datetime(2025, 1, 6, 12, tzinfo=UTC), kind=MessageKind.TEXT,
                         sender_phone="5511987654321", text="oi")
    ticket_id = db.write_sync(lambda s: record_inbound(s, cid, msg).ticket_id)
    db.close()

    command.downgrade(alembic_config(url=db_url), FIRST)
    command.upgrade(alembic_config(url=db_url), "head")

    db = Database.open(db_url)
    try:
        assert [m.text for m in db.read_sync(lambda s: list_messages(s, ticket_id))] == ["oi"]
        assert db.read_sync(lambda s: get_connection(s, cid)).welcome_flow_id is None
    finally:
        db.close()

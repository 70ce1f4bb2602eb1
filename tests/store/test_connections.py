"""Connections, their status history, and the small reference tables (queues, agents, tags)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from whatdesk.domain.enums import ConnectionStatus, TicketStatus
from whatdesk.domain.errors import ConflictError, NotFound
from whatdesk.store import (
    Database,
    InvalidConnectionSettings,
    connection_status_history,
    contact_tags,
    create_agent,
    create_connection,
    create_queue,
    create_tag,
    delete_connection,
    get_connection,
    get_setting,
    get_ticket,
    list_agents,
    list_connections,
    list_tickets,
    record_connection_status,
    record_inbound,
    set_setting,
    tag_contact,
    update_connection,
)

from .conftest import T0, incoming


def test_new_connection_has_sensible_defaults_and_first_is_default(db: Database) -> None:
    first = db.write_sync(lambda s: create_connection(s, "  Loja Centro  "))
    second = db.write_sync(lambda s: create_connection(s, "Filial", channel="sandbox"))
    assert first.name == "Loja Centro" and first.is_default and not second.is_default
    assert (first.timezone, first.rate_per_contact_per_min, first.min_gap_ms) == (
        "America/Sao_Paulo", 30, 1000)
    assert (first.status, first.user_disconnected, first.business_hours) == (
        ConnectionStatus.STOPPED, False, {})
    db.write_sync(lambda s: update_connection(s, second.id, is_default=True))
    flags = db.read_sync(lambda s: [(c.name, c.is_default) for c in list_connections(s)])
    assert flags == [("Loja Centro", False), ("Filial", True)]


def test_settings_are_validated_with_readable_messages(db: Database) -> None:
    cid = db.write_sync(lambda s: create_connection(s, "Loja").id)
    hours = {"mon": [["09:00", "12:00"], ["13:00", "18:00"]], "sat": [["09:00", "13:00"]]}
    row = db.write_sync(lambda s: update_connection(
        s, cid, business_hours=hours, timezone="America/Manaus", greeting="Olá!"))
    assert (row.business_hours, row.timezone, row.greeting) == (hours, "America/Manaus", "Olá!")
    for bad, words in [({"name": "   "}, "nome"),
                       ({"timezone": "Brasil/Lua"}, "Fuso"),
                       ({"business_hours": {"mon": [["18:00", "09:00"]]}}, "Horário"),
                       ({"business_hours": {"segunda": []}}, "Dia"),
                       ({"min_gap_ms": -5}, "limites")]:
        with pytest.raises(InvalidConnectionSettings, match=words):
            db.write_sync(lambda s, bad=bad: update_connection(s, cid, **bad))
    assert db.read_sync(lambda s: get_connection(s, cid)).timezone == "America/Manaus"


def test_status_changes_are_kept_as_history(db: Database) -> None:
    cid = db.write_sync(lambda s: create_connection(s, "Loja").id)
    steps = [(ConnectionStatus.CONNECTING, ""), (ConnectionStatus.QR_WAITING, ""),
             (ConnectionStatus.CONNECTED, "")]
    for i, (status, detail) in enumerate(steps):
        db.write_sync(lambda s, st=status, d=detail, i=i: record_connection_status(
            s, cid, st, d, jid="5511900000000@s.whatsapp.net" if i == 2 else None,
            push_name="Loja" if i == 2 else None, now=T0 + timedelta(seconds=i)))
    row = db.read_sync(lambda s: get_connection(s, cid))
    assert (row.status, row.jid, row.push_name) == (
        ConnectionStatus.CONNECTED, "5511900000000@s.whatsapp.net", "Loja")
    history = db.read_sync(lambda s: connection_status_history(s, cid, 2))
    assert [(h.status, h.at) for h in history] == [
        (ConnectionStatus.CONNECTED, T0 + timedelta(seconds=2)),
        (ConnectionStatus.QR_WAITING, T0 + timedelta(seconds=1))]


def test_deleting_a_connection_keeps_its_conversations_by_default(db: Database) -> None:
    keep = db.write_sync(lambda s: create_connection(s, "Antiga").id)
    drop = db.write_sync(lambda s: create_connection(s, "Descartável").id)
    t_keep = db.write_sync(lambda s: record_inbound(s, keep, incoming())).ticket_id
    db.write_sync(lambda s: record_inbound(s, drop, incoming()))
    db.write_sync(lambda s: delete_connection(s, keep))
    db.write_sync(lambda s: delete_connection(s, drop, keep_conversations=False))
    assert db.read_sync(lambda s: list_connections(s)) == []
    with pytest.raises(NotFound):
        db.read_sync(lambda s: get_connection(s, keep))
    assert db.read_sync(lambda s: get_ticket(s, t_keep)).status == TicketStatus.PENDING
    assert [t.id for t in db.read_sync(lambda s: list_tickets(s))] == [t_keep]


def test_a_new_connection_never_gets_the_id_or_session_of_a_deleted_one(db: Database) -> None:
    first = db.write_sync(lambda s: create_connection(s, "Loja 1"))
    second = db.write_sync(lambda s: create_connection(s, "Loja 2"))
    db.write_sync(lambda s: delete_connection(s, second.id, keep_conversations=False))
    third = db.write_sync(lambda s: create_connection(s, "Loja 3"))
    assert third.id not in (first.id, second.id)
    tokens = {first.session_token, second.session_token, third.session_token}
    assert None not in tokens and len(tokens) == 3


def test_queues_agents_tags_and_settings(db: Database, conn_id: int) -> None:
    vendas = db.write_sync(lambda s: create_queue(s, "Vendas", "#ff0000"))
    with pytest.raises(ConflictError, match="Vendas"):
        db.write_sync(lambda s: create_queue(s, "Vendas"))
    db.write_sync(lambda s: create_agent(s, "Ana", "ANA@loja.com", queue_ids=[vendas.id]))
    with pytest.raises(ConflictError):
        db.write_sync(lambda s: create_agent(s, "Outra Ana", "ana@loja.com"))
    [ana] = db.read_sync(lambda s: list_agents(s))
    assert (ana.email, ana.queue_ids) == ("ana@loja.com", (vendas.id,))
    contact = db.write_sync(lambda s: record_inbound(s, conn_id, incoming())).contact_id
    vip = db.write_sync(lambda s: create_tag(s, "VIP"))
    db.write_sync(lambda s: tag_contact(s, contact, vip.id))
    db.write_sync(lambda s: tag_contact(s, contact, vip.id))
    assert db.read_sync(lambda s: contact_tags(s, contact)) == [vip]
    db.write_sync(lambda s: set_setting(s, "auto_close_hours", 24))
    db.write_sync(lambda s: set_setting(s, "auto_close_hours", {"hours": 12}))
    assert db.read_sync(lambda s: get_setting(s, "auto_close_hours")) == {"hours": 12}
    assert db.read_sync(lambda s: get_setting(s, "missing", "padrão")) == "padrão"


def test_windows_setting_the_same_new_key_at_once_all_succeed(db_url: str) -> None:
    import threading

    from whatdesk.store import Database

    windows = [Database.open(db_url) for _ in range(4)]
    try:
        barrier = threading.Barrier(len(windows))
        errors: list[BaseException] = []

        def put(window: Database, n: int) -> None:
            barrier.wait()
            for i in range(10):
                try:
                    window.write_sync(lambda s, i=i: set_setting(s, f"k{i}", n))
                except BaseException as exc:  # noqa: BLE001 - collected for the assert
                    errors.append(exc)

        threads = [threading.Thread(target=put, args=(w, n)) for n, w in enumerate(windows)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert errors == []
        assert all(v in range(4) for v in windows[0].read_sync(
            lambda s: [get_setting(s, f"k{i}") for i in range(10)]))
    finally:
        for w in windows:
            w.close()

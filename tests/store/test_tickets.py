"""Ticket lifecycle, its event log, the inbox listing and the badge counts."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from sqlalchemy import text

from whatdesk.domain.enums import TicketEventKind, TicketStatus
from whatdesk.domain.errors import ConflictError, NotFound, StoreError
from whatdesk.store import (
    Database,
    accept_ticket,
    close_ticket,
    counts,
    create_agent,
    create_connection,
    create_queue,
    find_or_create_ticket,
    get_ticket,
    list_messages,
    list_tickets,
    mark_ticket_read,
    record_inbound,
    reopen,
    set_ticket_status,
    ticket_events,
    transfer,
    upsert_contact,
)

from .conftest import T0, incoming


def _new_ticket(db: Database, conn_id: int, phone: str = "5511999990001",
                status: TicketStatus = TicketStatus.PENDING) -> int:
    return db.write_sync(lambda s: record_inbound(
        s, conn_id, incoming(phone=phone), new_ticket_status=status)).ticket_id


def test_second_accept_of_same_ticket_is_refused(db: Database, conn_id: int) -> None:
    tid = _new_ticket(db, conn_id)
    a1 = db.write_sync(lambda s: create_agent(s, "Ana").id)
    a2 = db.write_sync(lambda s: create_agent(s, "Bruno").id)
    won = db.write_sync(lambda s: accept_ticket(s, tid, a1))
    assert (won.status, won.agent_id) == (TicketStatus.OPEN, a1)
    with pytest.raises(ConflictError, match="já foi aceito por outro agente"):
        db.write_sync(lambda s: accept_ticket(s, tid, a2))
    assert db.read_sync(lambda s: get_ticket(s, tid)).agent_id == a1
    # the same agent clicking twice is not an error
    assert db.write_sync(lambda s: accept_ticket(s, tid, a1)).agent_id == a1


def test_accept_race_between_two_windows_has_exactly_one_winner(db_url: str) -> None:
    windows = [Database.open(db_url) for _ in range(4)]
    try:
        cid = windows[0].write_sync(lambda s: create_connection(s, "Loja").id)
        tickets = [_new_ticket(windows[0], cid, phone=f"55119999900{i:02d}") for i in range(10)]
        agents = [windows[0].write_sync(lambda s, i=i: create_agent(s, f"A{i}").id)
                  for i in range(4)]
        outcomes: list[tuple[int, int, bool]] = []
        barrier = threading.Barrier(4)

        def agent_clicks(window: Database, agent: int) -> None:
            barrier.wait()
            for tid in tickets:
                try:
                    window.write_sync(lambda s, tid=tid: accept_ticket(s, tid, agent))
                    outcomes.append((tid, agent, True))
                except ConflictError:
                    outcomes.append((tid, agent, False))

        threads = [threading.Thread(target=agent_clicks, args=(w, a))
                   for w, a in zip(windows, agents, strict=True)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        for tid in tickets:
            winners = [a for t, a, ok in outcomes if t == tid and ok]
            assert len(winners) == 1
            row = windows[0].read_sync(lambda s, tid=tid: get_ticket(s, tid))
            assert row.agent_id == winners[0]
            accepts = [e for e in windows[0].read_sync(lambda s, tid=tid: ticket_events(s, tid))
                       if e.kind == TicketEventKind.ACCEPT]
            assert [e.actor for e in accepts] == [f"agent:{winners[0]}"]
    finally:
        for w in windows:
            w.close()


def test_windows_starting_a_conversation_at_once_make_one_ticket(db_url: str) -> None:
    # Agents on several desktops click "new conversation" for the same customer at once.
    windows = [Database.open(db_url) for _ in range(4)]
    try:
        cid = windows[0].write_sync(lambda s: create_connection(s, "Loja").id)
        contacts = [windows[0].write_sync(
            lambda s, i=i: upsert_contact(s, phone=f"55119888800{i:02d}").id) for i in range(5)]
        results: list[tuple[int, int, bool]] = []
        barrier = threading.Barrier(len(windows))

        def start(window: Database) -> None:
            barrier.wait()
            for contact in contacts:
                ticket, created = window.write_sync(
                    lambda s, c=contact: find_or_create_ticket(s, cid, c, actor="agent:1"))
                results.append((contact, ticket.id, created))

        threads = [threading.Thread(target=start, args=(w,)) for w in windows]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        for contact in contacts:
            mine = [(tid, created) for c, tid, created in results if c == contact]
            assert len(mine) == len(windows)
            assert len({tid for tid, _ in mine}) == 1
            assert sum(created for _, created in mine) == 1
    finally:
        for w in windows:
            w.close()


def test_database_itself_refuses_a_second_active_ticket(db: Database, conn_id: int) -> None:
    tid = _new_ticket(db, conn_id)
    contact = db.read_sync(lambda s: get_ticket(s, tid)).contact_id
    insert = text("INSERT INTO tickets (connection_id, contact_id, status, unread_count, "
                  "last_message_preview, last_message_at, created_at, updated_at) "
                  "SELECT connection_id, contact_id, :st, 0, '', last_message_at, created_at, "
                  "updated_at FROM tickets WHERE id = :id")
    with pytest.raises(StoreError, match="recusou"):
        db.write_sync(lambda s: s.execute(insert, {"st": "open", "id": tid}))
    # closed ones do not count: any number of them may sit beside the active one
    db.write_sync(lambda s: s.execute(insert, {"st": "closed", "id": tid}))
    db.write_sync(lambda s: s.execute(insert, {"st": "closed", "id": tid}))
    rows = db.read_sync(lambda s: list_tickets(s, limit=10))
    assert sorted(t.status.value for t in rows if t.contact_id == contact) == [
        "closed", "closed", "pending"]


def test_every_transition_is_logged_with_who_and_from_to(db: Database, conn_id: int) -> None:
    tid = _new_ticket(db, conn_id, status=TicketStatus.BOT)
    agent = db.write_sync(lambda s: create_agent(s, "Ana").id)
    queue = db.write_sync(lambda s: create_queue(s, "Vendas").id)
    db.write_sync(lambda s: set_ticket_status(s, tid, TicketStatus.PENDING, "bot", "menu"))
    db.write_sync(lambda s: accept_ticket(s, tid, agent))
    db.write_sync(lambda s: transfer(s, tid, f"agent:{agent}", queue_id=queue))
    db.write_sync(lambda s: close_ticket(s, tid, "agent:9", "resolvido"))
    db.write_sync(lambda s: reopen(s, tid, "agent:9", agent_id=agent))
    log = db.read_sync(lambda s: ticket_events(s, tid))
    assert [(e.kind, e.from_status, e.to_status, e.actor) for e in log] == [
        ("created", None, TicketStatus.BOT, "system"),
        ("status", TicketStatus.BOT, TicketStatus.PENDING, "bot"),
        ("accept", TicketStatus.PENDING, TicketStatus.OPEN, f"agent:{agent}"),
        ("transfer", TicketStatus.OPEN, TicketStatus.PENDING, f"agent:{agent}"),
        ("close", TicketStatus.PENDING, TicketStatus.CLOSED, "agent:9"),
        ("reopen", TicketStatus.CLOSED, TicketStatus.OPEN, "agent:9"),
    ]
    assert all(e.at.tzinfo is not None for e in log)
    row = db.read_sync(lambda s: get_ticket(s, tid))
    assert (row.status, row.agent_id, row.queue_id, row.closed_at) == (
        TicketStatus.OPEN, agent, queue, None)


def test_close_clears_unread_and_stamps_closed_at(db: Database, conn_id: int) -> None:
    tid = _new_ticket(db, conn_id)
    row = db.write_sync(lambda s: close_ticket(s, tid, "agent:1", now=T0))
    assert (row.status, row.unread_count, row.closed_at) == (TicketStatus.CLOSED, 0, T0)
    with pytest.raises(ConflictError):
        db.write_sync(lambda s: close_ticket(s, tid, "agent:1"))


def test_reopen_is_refused_while_the_contact_has_a_newer_active_ticket(
        db: Database, conn_id: int) -> None:
    old = _new_ticket(db, conn_id)
    db.write_sync(lambda s: close_ticket(s, old, "agent:1"))
    _new_ticket(db, conn_id)
    with pytest.raises(ConflictError, match="outro atendimento"):
        db.write_sync(lambda s: reopen(s, old, "agent:1"))
    assert db.read_sync(lambda s: get_ticket(s, old)).status == TicketStatus.CLOSED


def test_unknown_ticket_is_not_found(db: Database) -> None:
    with pytest.raises(NotFound):
        db.write_sync(lambda s: accept_ticket(s, 999, 1))


def test_mark_read_zeroes_unread_and_returns_the_ids_to_acknowledge(
        db: Database, conn_id: int) -> None:
    msgs = [incoming(text=f"m{i}") for i in range(3)]
    tid = 0
    for m in msgs:
        tid = db.write_sync(lambda s, m=m: record_inbound(s, conn_id, m)).ticket_id
    read = db.write_sync(lambda s: mark_ticket_read(s, tid))
    assert sorted(read) == sorted(m.wa_id for m in msgs)
    assert db.read_sync(lambda s: get_ticket(s, tid)).unread_count == 0
    assert db.write_sync(lambda s: mark_ticket_read(s, tid)) == []


def test_inbox_pages_cover_every_ticket_once_newest_first(db: Database, conn_id: int) -> None:
    for i in range(23):
        m = incoming(phone=f"55119999{i:05d}", at=T0 + timedelta(minutes=i % 7))
        db.write_sync(lambda s, m=m: record_inbound(s, conn_id, m))
    seen = []
    before = None
    while True:
        page = db.read_sync(lambda s: list_tickets(s, status=TicketStatus.PENDING, limit=5,
                                                   before=before))
        if not page:
            break
        seen.extend(page)
        before = (page[-1].last_message_at, page[-1].id)
    assert len(seen) == 23 and len({t.id for t in seen}) == 23
    keys = [(t.last_message_at, t.id) for t in seen]
    assert keys == sorted(keys, reverse=True)


def test_message_pages_go_back_in_time(db: Database, conn_id: int) -> None:
    tid = 0
    for i in range(12):
        tid = db.write_sync(lambda s, i=i: record_inbound(
            s, conn_id, incoming(text=f"m{i}"))).ticket_id
    last = db.read_sync(lambda s: list_messages(s, tid, limit=5))
    older = db.read_sync(lambda s: list_messages(s, tid, limit=5, before_id=last[0].id))
    assert [m.text for m in older + last] == [f"m{i}" for i in range(2, 12)]


def test_counts_match_what_the_tabs_show(db: Database, conn_id: int) -> None:
    other = db.write_sync(lambda s: create_connection(s, "Filial").id)
    agent = db.write_sync(lambda s: create_agent(s, "Ana").id)
    _new_ticket(db, conn_id, phone="5511999990001")
    _new_ticket(db, conn_id, phone="5511999990002", status=TicketStatus.BOT)
    t3 = _new_ticket(db, conn_id, phone="5511999990003")
    t4 = _new_ticket(db, other, phone="5511999990004")
    db.write_sync(lambda s: accept_ticket(s, t3, agent))
    db.write_sync(lambda s: mark_ticket_read(s, t3))
    db.write_sync(lambda s: close_ticket(s, t4, "agent:1"))
    c = db.read_sync(lambda s: counts(s))
    assert (c.waiting, c.unread, c.bot, c.open) == (1, 2, 1, 1)
    assert db.read_sync(lambda s: counts(s, connection_id=other)).waiting == 0

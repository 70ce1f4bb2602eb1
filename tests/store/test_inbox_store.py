"""Inbox list queries: who sees what, keyset pages, changed rows, queue positions, counts."""

from __future__ import annotations

from datetime import timedelta

from whatdesk.domain.enums import Ack, TicketStatus
from whatdesk.store import Database, create_agent, create_queue, create_tag, tag_contact
from whatdesk.store.inbound import record_inbound
from whatdesk.store.inbox import (
    NO_QUEUE,
    InboxQuery,
    InboxTab,
    list_page,
    rows_for,
    tab_counts,
    waiting_positions,
)
from whatdesk.store.tickets import accept_ticket, set_ticket_status, transfer

from .conftest import T0, incoming


def _customers(db: Database, conn_id: int, n: int) -> list[int]:
    """n customers write once each, a minute apart; returns their ticket ids, oldest first."""
    ids = []
    for i in range(n):
        msg = incoming(f"55119{i:08d}", f"oi {i}", at=T0 + timedelta(minutes=i),
                       push_name=f"Cliente {i}")
        ids.append(db.write_sync(lambda s, m=msg: record_inbound(
            s, conn_id, m, now=m.timestamp)).ticket_id)
    return ids


def test_pages_follow_each_other_without_gaps_or_repeats(db: Database, conn_id: int) -> None:
    tickets = _customers(db, conn_id, 7)
    q = InboxQuery(InboxTab.WAITING, viewer_id=1, viewer_is_admin=True)
    seen, cursor = [], None
    while True:
        page = db.read_sync(lambda s, c=cursor: list_page(s, q, c, limit=3))
        seen += [r.ticket_id for r in page.rows]
        cursor = page.cursor
        if page.exhausted:
            break
    assert seen == list(reversed(tickets))  # newest activity first, each once
    first = db.read_sync(lambda s: list_page(s, q, limit=3)).rows[0]
    assert (first.contact_name, first.unread_count, first.last_text) == ("Cliente 6", 1, "oi 6")
    assert first.last_kind == "text" and not first.last_from_me and first.last_ack == Ack.DELIVERED


def test_an_agent_sees_waiting_tickets_of_their_queues_and_those_in_no_queue(
        db: Database, conn_id: int) -> None:
    vendas = db.write_sync(lambda s: create_queue(s, "Vendas"))
    suporte = db.write_sync(lambda s: create_queue(s, "Suporte"))
    agent = db.write_sync(lambda s: create_agent(s, "Bia", queue_ids=[vendas.id]))
    a, b, c = _customers(db, conn_id, 3)
    db.write_sync(lambda s: transfer(s, a, "t", queue_id=vendas.id))
    db.write_sync(lambda s: transfer(s, b, "t", queue_id=suporte.id))
    q = InboxQuery(InboxTab.WAITING, agent.id, False, (vendas.id,))
    assert [r.ticket_id for r in db.read_sync(lambda s: list_page(s, q)).rows] == [c, a]
    admin = InboxQuery(InboxTab.WAITING, 99, True)
    assert len(db.read_sync(lambda s: list_page(s, admin)).rows) == 3
    by_queue = InboxQuery(InboxTab.WAITING, 99, True, queue_id=suporte.id)
    assert [r.queue_name for r in db.read_sync(lambda s: list_page(s, by_queue)).rows] == \
        ["Suporte"]
    none = InboxQuery(InboxTab.WAITING, 99, True, queue_id=NO_QUEUE)
    assert [r.ticket_id for r in db.read_sync(lambda s: list_page(s, none)).rows] == [c]
    counts = db.read_sync(lambda s: tab_counts(s, q))
    assert (counts.mine, counts.waiting, counts.bot) == (0, 2, 0)


def test_changed_rows_come_back_or_say_they_left_the_list(db: Database, conn_id: int) -> None:
    agent = db.write_sync(lambda s: create_agent(s, "Bia"))
    a, b = _customers(db, conn_id, 2)
    waiting = InboxQuery(InboxTab.WAITING, agent.id)
    mine = InboxQuery(InboxTab.MINE, agent.id)
    db.write_sync(lambda s: accept_ticket(s, a, agent.id))
    found = db.read_sync(lambda s: rows_for(s, waiting, [a, b]))
    assert found[a] is None and found[b] is not None
    assert db.read_sync(lambda s: rows_for(s, mine, [a]))[a].status == TicketStatus.OPEN
    other = InboxQuery(InboxTab.MINE, 99, True, agent_id=agent.id)  # an admin looking at Bia's
    assert db.read_sync(lambda s: rows_for(s, other, [a]))[a] is not None


def test_queue_position_is_first_come_first_served_since_entering_the_queue(
        db: Database, conn_id: int) -> None:
    vendas = db.write_sync(lambda s: create_queue(s, "Vendas"))
    a, b, c = _customers(db, conn_id, 3)
    for t in (b, a, c):  # b enters the queue first, then a, then c
        db.write_sync(lambda s, t=t: transfer(s, t, "t", queue_id=vendas.id,
                                              now=T0 + timedelta(hours=1, minutes=t)))
    # a leaves and comes back: it goes to the end
    db.write_sync(lambda s: set_ticket_status(s, a, TicketStatus.OPEN, "t",
                                              now=T0 + timedelta(hours=2)))
    db.write_sync(lambda s: set_ticket_status(s, a, TicketStatus.PENDING, "t",
                                              now=T0 + timedelta(hours=3)))
    found = db.read_sync(lambda s: waiting_positions(s, [a, b, c]))
    assert {t: pos for t, (_, pos) in found.items()} == {b: 1, c: 2, a: 3}
    assert found[a][0] == T0 + timedelta(hours=3)


def test_rows_carry_up_to_two_tags_and_the_tag_filter(db: Database, conn_id: int) -> None:
    a, b = _customers(db, conn_id, 2)
    contact = db.read_sync(lambda s: rows_for(s, InboxQuery(InboxTab.WAITING, 1, True), [a]))[a]
    tags = [db.write_sync(lambda s, n=n: create_tag(s, n)) for n in ("A", "B", "C")]
    for tag in tags:
        db.write_sync(lambda s, t=tag: tag_contact(s, contact.contact_id, t.id))
    row = db.read_sync(lambda s: rows_for(s, InboxQuery(InboxTab.WAITING, 1, True), [a]))[a]
    assert [t.name for t in row.tags] == ["A", "B"] and row.more_tags == 1
    q = InboxQuery(InboxTab.WAITING, 1, True, tag_id=tags[2].id)
    assert [r.ticket_id for r in db.read_sync(lambda s: list_page(s, q)).rows] == [a]

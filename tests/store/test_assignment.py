"""Auto-assignment: a ticket waiting in an auto-assign queue goes, in the same write, to the
least-busy online agent of the queue within capacity."""

from __future__ import annotations

from typing import Any

from whatdesk.domain.enums import TicketStatus
from whatdesk.store import (
    Database,
    accept_ticket,
    create_agent,
    create_queue,
    get_ticket,
    record_inbound,
    set_ticket_status,
    ticket_events,
    transfer,
)
from whatdesk.store.directory import set_presence, update_queue

from .conftest import incoming


def _ticket(db: Database, conn_id: int, phone: str) -> int:
    return db.write_sync(lambda s: record_inbound(
        s, conn_id, incoming(phone=phone), new_ticket_status=TicketStatus.BOT)).ticket_id


def _agent(db: Database, name: str, queue: int, capacity: int = 0,
           presence: str = "online") -> int:
    def write(s: Any) -> int:
        aid = create_agent(s, name, queue_ids=[queue], capacity=capacity).id
        set_presence(s, aid, presence)
        return aid
    return db.write_sync(write)


def test_waiting_ticket_goes_to_least_busy_online_agent_within_capacity(
        db: Database, conn_id: int) -> None:
    queue = db.write_sync(lambda s: create_queue(s, "Suporte", auto_assign=True).id)
    ana = _agent(db, "Ana", queue, capacity=1)
    bia = _agent(db, "Bia", queue)
    _agent(db, "Caio", queue, presence="away")  # away: gets nothing
    # Ana already holds one open ticket: at her cap of 1
    busy = _ticket(db, conn_id, "5511900000001")
    db.write_sync(lambda s: accept_ticket(s, busy, ana))
    first = _ticket(db, conn_id, "5511900000002")
    db.write_sync(lambda s: transfer(s, first, "bot", queue_id=queue))
    row = db.read_sync(lambda s: get_ticket(s, first))
    assert (row.status, row.agent_id) == (TicketStatus.OPEN, bia)
    log = db.read_sync(lambda s: ticket_events(s, first))
    assert log[-1].kind == "assign" and "Bia" in log[-1].detail
    # Ana's ticket closes: she is below her cap and has fewer open tickets than Bia (1)
    db.write_sync(lambda s: set_ticket_status(s, busy, TicketStatus.CLOSED, "agent"))
    second = _ticket(db, conn_id, "5511900000003")
    db.write_sync(lambda s: transfer(s, second, "bot", queue_id=queue))
    assert db.read_sync(lambda s: get_ticket(s, second)).agent_id == ana
    # both full (Ana at cap 1; Bia has no cap, so she takes it with the fewest... Ana full)
    third = _ticket(db, conn_id, "5511900000004")
    db.write_sync(lambda s: transfer(s, third, "bot", queue_id=queue))
    assert db.read_sync(lambda s: get_ticket(s, third)).agent_id == bia


def test_nobody_online_with_room_leaves_the_ticket_waiting(db: Database, conn_id: int) -> None:
    queue = db.write_sync(lambda s: create_queue(s, "Vendas", auto_assign=True).id)
    ana = _agent(db, "Ana", queue, capacity=1)
    _agent(db, "Bia", queue, presence="offline")
    held = _ticket(db, conn_id, "5511900000001")
    db.write_sync(lambda s: accept_ticket(s, held, ana))
    waiting = _ticket(db, conn_id, "5511900000002")
    db.write_sync(lambda s: transfer(s, waiting, "bot", queue_id=queue))
    row = db.read_sync(lambda s: get_ticket(s, waiting))
    assert (row.status, row.agent_id) == (TicketStatus.PENDING, None)


def test_queue_without_auto_assign_keeps_tickets_waiting(db: Database, conn_id: int) -> None:
    queue = db.write_sync(lambda s: create_queue(s, "Vendas").id)
    _agent(db, "Ana", queue)
    tid = _ticket(db, conn_id, "5511900000001")
    db.write_sync(lambda s: transfer(s, tid, "bot", queue_id=queue))
    assert db.read_sync(lambda s: get_ticket(s, tid)).status == TicketStatus.PENDING
    db.write_sync(lambda s: update_queue(s, queue, name="Vendas", color="#00a884",
                                         greeting="", auto_assign=True))
    other = _ticket(db, conn_id, "5511900000002")
    db.write_sync(lambda s: transfer(s, other, "bot", queue_id=queue))
    assert db.read_sync(lambda s: get_ticket(s, other)).status == TicketStatus.OPEN


def test_a_flow_transfer_to_an_auto_assign_queue_opens_the_ticket_for_an_agent(
        db: Database, conn_id: int) -> None:
    """The step reports the open status it left, and the log reads transfer, bot stopped,
    assigned (two tickets: each step is its own write)."""
    from whatdesk.store import apply_flow_step
    from whatdesk.store.flows import StepWrite

    queue = db.write_sync(lambda s: create_queue(s, "Vendas", auto_assign=True).id)
    ana = _agent(db, "Ana", queue)
    alone, batched = (_ticket(db, conn_id, p) for p in ("5511900000001", "5511900000002"))

    def step(tid: int) -> StepWrite:
        return StepWrite(tid, conn_id, run={"flow_id": "f1"}, run_status="transferred",
                         flow_id="f1", flow_version=1, node="t",
                         outcome=("transfer", "Vendas", None))

    first = db.write_sync(lambda s: apply_flow_step(s, step(alone)))
    second = db.write_sync(lambda s: apply_flow_step(s, step(batched)))
    for tid, result in ((alone, first), (batched, second)):
        assert result.status_after == TicketStatus.OPEN
        row = db.read_sync(lambda s: get_ticket(s, tid))
        assert (row.status, row.agent_id, row.queue_id) == (TicketStatus.OPEN, ana, queue)
        kinds = [e.kind for e in db.read_sync(lambda s: ticket_events(s, tid))]
        assert kinds[-3:] == ["transfer", "bot_stopped", "assign"]


def test_an_agent_coming_online_takes_the_oldest_waiting_tickets_up_to_capacity(
        db: Database, conn_id: int) -> None:
    from whatdesk.store.assignment import assign_waiting

    queue = db.write_sync(lambda s: create_queue(s, "Suporte", auto_assign=True).id)
    ana = _agent(db, "Ana", queue, capacity=2, presence="offline")
    tickets = [_ticket(db, conn_id, f"55119000000{n:02d}") for n in range(3)]
    for tid in tickets:
        db.write_sync(lambda s, tid=tid: transfer(s, tid, "bot", queue_id=queue))
    assert {db.read_sync(lambda s, t=t: get_ticket(s, t)).status for t in tickets} == {
        TicketStatus.PENDING}  # nobody online: all wait

    def online(s: Any) -> list[int]:
        set_presence(s, ana, "online")
        return assign_waiting(s, ana)

    assert db.write_sync(online) == tickets[:2]  # the two oldest; her cap is 2
    rows = [db.read_sync(lambda s, t=t: get_ticket(s, t)) for t in tickets]
    assert [(r.status, r.agent_id) for r in rows] == [
        (TicketStatus.OPEN, ana), (TicketStatus.OPEN, ana), (TicketStatus.PENDING, None)]

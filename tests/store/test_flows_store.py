"""Flows in the store: drafts, versions, runs, node counts and one atomic bot step."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest

from whatdesk.domain.enums import MessageKind, TicketStatus
from whatdesk.domain.errors import ConflictError
from whatdesk.domain.events import OutboundMessage
from whatdesk.store import (
    NodeExecution,
    StepWrite,
    apply_flow_step,
    create_queue,
    delete_flow,
    due_runs,
    find_flow,
    get_connection,
    get_flow_version,
    get_ticket,
    list_flows,
    list_messages,
    load_run,
    node_counts,
    publish_flow,
    record_inbound,
    record_node_executions,
    save_flow_draft,
    save_run,
    set_welcome_flow,
    stop_run,
    ticket_events,
    unanswered_inbound,
)
from whatdesk.store.flows import recent_node_log, trim_node_log

from .conftest import T0, incoming

DOC = {"format": "whatdesk.flow", "schema": 1, "id": "f1", "name": "Atendimento",
       "nodes": [{"id": "start", "type": "start", "x": 0, "y": 0, "config": {}}], "edges": []}


def test_drafts_versions_and_welcome_flow(db, conn_id):
    db.write_sync(lambda s: save_flow_draft(s, "f1", "Atendimento", "", DOC, T0))
    with pytest.raises(ConflictError):
        db.write_sync(lambda s: save_flow_draft(s, "f2", "atendimento", "", DOC, T0))
    assert db.write_sync(lambda s: publish_flow(s, "f1", DOC, "ana", T0)) == 1
    assert db.write_sync(lambda s: publish_flow(s, "f1", {**DOC, "name": "B"}, "ana", T0)) == 2
    assert db.read_sync(lambda s: get_flow_version(s, "f1")).version == 2
    assert db.read_sync(lambda s: get_flow_version(s, "f1", 1)).document["name"] == "Atendimento"
    assert db.read_sync(lambda s: find_flow(s, "ATENDIMENTO")).id == "f1"
    db.write_sync(lambda s: set_welcome_flow(s, conn_id, "f1"))
    assert db.read_sync(lambda s: get_connection(s, conn_id)).welcome_flow_id == "f1"
    db.write_sync(lambda s: delete_flow(s, "f1", T0))
    assert db.read_sync(list_flows) == []
    assert db.read_sync(lambda s: get_connection(s, conn_id)).welcome_flow_id is None
    # a deleted flow's versions stay readable for the runs still on them
    assert db.read_sync(lambda s: get_flow_version(s, "f1", 1)) is not None


def test_runs_are_saved_replaced_and_found_when_due(db, conn_id):
    tid = db.write_sync(lambda s: record_inbound(s, conn_id, incoming(),
                                                 new_ticket_status=TicketStatus.BOT)).ticket_id
    wake = T0 + timedelta(seconds=30)
    db.write_sync(lambda s: save_run(s, tid, {"flow_id": "f1"}, "waiting_timer", "f1", 1,
                                     "wait", wake, None, 7, T0))
    db.write_sync(lambda s: save_run(s, tid, {"flow_id": "f1", "x": 1}, "waiting_timer", "f1",
                                     1, "wait", wake, None, None, T0))
    run = db.read_sync(lambda s: load_run(s, tid))
    assert (run.state["x"], run.last_message_id, run.wake_at) == (1, 7, wake)
    assert db.read_sync(lambda s: due_runs(s, T0)) == []
    assert [r.ticket_id for r in db.read_sync(lambda s: due_runs(s, wake))] == [tid]
    assert db.write_sync(lambda s: stop_run(s, tid, "agente"))
    assert db.read_sync(lambda s: load_run(s, tid)).status == "stopped"


def test_node_counts_add_up_and_the_log_is_trimmed(db):
    batch = [NodeExecution("f1", 1, "menu", "a", 1, T0) for _ in range(3)] + \
        [NodeExecution("f1", 1, "menu", "b", 2, T0), NodeExecution("f1", 2, "menu", "a", 3, T0)]
    db.write_sync(lambda s: record_node_executions(s, batch))
    db.write_sync(lambda s: record_node_executions(s, batch))
    assert db.read_sync(lambda s: node_counts(s, "f1", 1)) == {("menu", "a"): 6,
                                                               ("menu", "b"): 2}
    assert db.read_sync(lambda s: node_counts(s, "f1")) == {("menu", "a"): 8, ("menu", "b"): 2}
    db.write_sync(lambda s: trim_node_log(s, "f1", keep=4))
    assert len(db.read_sync(lambda s: recent_node_log(s, "f1"))) == 4


def test_a_bot_step_is_one_write_and_is_skipped_when_a_human_has_the_ticket(db, conn_id):
    db.write_sync(lambda s: create_queue(s, "Vendas"))
    tid = db.write_sync(lambda s: record_inbound(s, conn_id, incoming(),
                                                 new_ticket_status=TicketStatus.BOT)).ticket_id
    out = OutboundMessage("BOT1", "", MessageKind.TEXT, "Transferindo")
    step = StepWrite(tid, conn_id, run={"flow_id": "f1"}, run_status="transferred",
                     flow_id="f1", flow_version=1, node="t", outbound=[out],
                     tags_add=["lead"], outcome=("transfer", "vendas", None),
                     executions=[NodeExecution("f1", 1, "t", "", tid, T0)])
    result = db.write_sync(lambda s: apply_flow_step(s, step, T0))
    assert result.applied and result.status_after == TicketStatus.PENDING
    ticket = db.read_sync(lambda s: get_ticket(s, tid))
    assert ticket.status == TicketStatus.PENDING and ticket.queue_id is not None
    sent = [m for m in db.read_sync(lambda s: list_messages(s, tid)) if m.from_me]
    assert [(m.text, m.chat_jid) for m in sent] == [("Transferindo",
                                                     "5511999990001@s.whatsapp.net")]
    kinds = [e.kind for e in db.read_sync(lambda s: ticket_events(s, tid))]
    assert kinds[-2:] == ["transfer", "bot_stopped"]

    again = StepWrite(tid, conn_id, run={"flow_id": "f1"}, run_status="waiting_input",
                      outbound=[OutboundMessage("BOT2", "", MessageKind.TEXT, "oi")])
    assert not db.write_sync(lambda s: apply_flow_step(s, again, T0)).applied
    assert len(db.read_sync(lambda s: list_messages(s, tid))) == 2


def test_a_bot_ticket_whose_last_message_no_step_consumed_is_found(db, conn_id):
    result = db.write_sync(lambda s: record_inbound(s, conn_id, incoming(),
                                                    new_ticket_status=TicketStatus.BOT))
    [(ticket, message)] = db.read_sync(unanswered_inbound)
    assert (ticket.id, message.id) == (result.ticket_id, result.message_id)
    db.write_sync(lambda s: save_run(s, result.ticket_id, {"flow_id": "f1"}, "waiting_input",
                                     "f1", 1, "menu", None, None, result.message_id, T0))
    assert db.read_sync(unanswered_inbound) == []


async def test_many_tickets_steps_committed_together_apply_as_each_step_alone(db, conn_id):
    """Steps of many tickets queued at once (group-committed by the store's writer) leave
    exactly what each step alone would: skipped tickets, messages and their ids, tags,
    transfers, counts."""
    from whatdesk.store import apply_flow_step, contact_tags, load_run, set_ticket_status

    db.write_sync(lambda s: create_queue(s, "Vendas"))

    def bot_ticket(phone: str) -> tuple[int, int]:
        r = db.write_sync(lambda s: record_inbound(s, conn_id, incoming(phone),
                                                   new_ticket_status=TicketStatus.BOT))
        return r.ticket_id, r.contact_id

    (a, _), (b, b_contact), (c, _), (d, _), (e, _) = [
        bot_ticket(f"55119999900{n:02d}") for n in range(10, 15)]
    db.write_sync(lambda s: set_ticket_status(s, d, TicketStatus.OPEN, "ana"))  # a human has it

    def out(wa_id: str, text: str, to: str = "x@s.whatsapp.net") -> OutboundMessage:
        return OutboundMessage(wa_id, to, MessageKind.TEXT, text)

    def run(tid: int, status: str = "waiting_input", **kw: object) -> StepWrite:
        return StepWrite(tid, conn_id, run={"flow_id": "f1", "node": "n"}, run_status=status,
                         flow_id="f1", flow_version=1, node="n", last_message_id=1,
                         **kw)  # type: ignore[arg-type]

    steps = [
        run(a, outbound=[out("A1", "um"), out("A2", "dois")],
            executions=[NodeExecution("f1", 1, "menu", "a", a, T0)] * 2),
        run(b, "transferred", outbound=[out("B1", "tchau")], tags_add=["lead", "Lead"],
            outcome=("transfer", "vendas", None),
            executions=[NodeExecution("f1", 1, "menu", "a", b, T0)]),
        run(c, "transferred", outcome=("transfer", "Nenhuma", None)),
        run(d, outbound=[out("D1", "não vai")]),
        run(e, outbound=[out("E1", "sem destino", to="")]),  # the contact's address is read
    ]
    results = await asyncio.gather(
        *(db.write(lambda s, w=w: apply_flow_step(s, w, T0)) for w in steps))

    assert [r.applied for r in results] == [True, True, True, False, True]
    assert results[3].status_before == TicketStatus.OPEN
    assert [r.status_after for r in results] == [
        TicketStatus.BOT, TicketStatus.PENDING, TicketStatus.PENDING, TicketStatus.OPEN,
        TicketStatus.BOT]
    assert results[2].warnings and "Nenhuma" in results[2].warnings[0]
    for tid, result in ((a, results[0]), (b, results[1]), (e, results[4])):
        sent = [m for m in db.read_sync(lambda s: list_messages(s, tid)) if m.from_me]
        assert tuple(m.id for m in sent) == result.message_ids
    assert [m.chat_jid for m in db.read_sync(lambda s: list_messages(s, e)) if m.from_me] \
        == ["5511999990014@s.whatsapp.net"]
    assert not [m for m in db.read_sync(lambda s: list_messages(s, d)) if m.from_me]
    assert db.read_sync(lambda s: load_run(s, d)) is None
    assert db.read_sync(lambda s: load_run(s, a)).status == "waiting_input"
    assert db.read_sync(lambda s: get_ticket(s, a)).last_message_preview == "dois"
    ticket_b = db.read_sync(lambda s: get_ticket(s, b))
    assert ticket_b.status == TicketStatus.PENDING and ticket_b.queue_id is not None
    assert [e.kind for e in db.read_sync(lambda s: ticket_events(s, b))][-2:] == [
        "transfer", "bot_stopped"]
    assert [t.name for t in db.read_sync(lambda s: contact_tags(s, b_contact))] == ["lead"]
    assert db.read_sync(lambda s: node_counts(s, "f1", 1)) == {("menu", "a"): 3}

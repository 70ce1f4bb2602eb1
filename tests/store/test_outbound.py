"""Outbound queue and acks: what the sender task and the delivery ticks rely on."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from whatdesk.domain.enums import Ack, MessageKind
from whatdesk.domain.errors import ConflictError
from whatdesk.domain.events import Button, ListRow, Location, OutboundMessage
from whatdesk.store import (
    Database,
    apply_ack,
    begin_send,
    cancel_send,
    enqueue_outbound,
    get_message,
    get_ticket,
    mark_failed,
    mark_sent,
    pending_outbound,
    record_inbound,
    retry_failed,
)

from .conftest import T0, incoming

TO = "5511999990001@s.whatsapp.net"
_examples = itertools.count()


def _ticket(db: Database, conn_id: int) -> int:
    return db.write_sync(lambda s: record_inbound(s, conn_id, incoming())).ticket_id


def test_enqueued_reply_waits_in_order_and_round_trips(db: Database, conn_id: int) -> None:
    tid = _ticket(db, conn_id)
    outs = [
        OutboundMessage("OUT1", TO, MessageKind.TEXT, text="Olá!", quoted_id="Q1",
                        mentions=(TO,)),
        OutboundMessage("OUT2", TO, MessageKind.BUTTONS, text="Escolha", footer="rodapé",
                        buttons=(Button("b1", "Sim"), Button("b2", "Não"))),
        OutboundMessage("OUT3", TO, MessageKind.LIST, text="Menu", list_button="Abrir",
                        list_rows=(ListRow("r1", "Vendas", "falar com vendas"),)),
        OutboundMessage("OUT4", TO, MessageKind.LOCATION,
                        location=Location(-22.9, -43.2, "Loja", "Centro")),
        OutboundMessage("OUT5", TO, MessageKind.DOCUMENT, text="segue", mime="application/pdf",
                        media_path="/m/a.pdf", filename="orçamento.pdf"),
    ]
    ids = [db.write_sync(lambda s, o=o: enqueue_outbound(s, conn_id, tid, o)) for o in outs]
    pending = db.read_sync(lambda s: pending_outbound(s, conn_id, 10))
    assert [p.message_id for p in pending] == ids
    assert [p.out for p in pending] == outs
    assert db.read_sync(lambda s: get_ticket(s, tid)).last_message_preview \
        == "📄 Documento: segue"


def test_enqueue_with_a_colliding_wa_id_is_refused_and_keeps_the_first_row(
        db: Database, conn_id: int) -> None:
    tid = _ticket(db, conn_id)
    first = db.write_sync(lambda s: enqueue_outbound(
        s, conn_id, tid, OutboundMessage("OUTX", TO, MessageKind.TEXT, text="oi")))
    with pytest.raises(ConflictError, match="OUTX"):
        db.write_sync(lambda s: enqueue_outbound(
            s, conn_id, tid, OutboundMessage("OUTX", TO, MessageKind.TEXT, text="outra")))
    pending = db.read_sync(lambda s: pending_outbound(s, conn_id, 10))
    assert [(p.message_id, p.out.text) for p in pending] == [(first, "oi")]


def test_a_reply_cannot_take_the_wa_id_of_a_received_message(db: Database, conn_id: int) -> None:
    received = db.write_sync(lambda s: record_inbound(s, conn_id, incoming()))
    wa_id = db.read_sync(lambda s: get_message(s, received.message_id)).wa_id
    with pytest.raises(ConflictError):
        db.write_sync(lambda s: enqueue_outbound(
            s, conn_id, received.ticket_id, OutboundMessage(wa_id, TO, MessageKind.TEXT, text="x")))
    assert db.read_sync(lambda s: pending_outbound(s, conn_id, 10)) == []
    assert db.read_sync(lambda s: get_message(s, received.message_id)).direction == "in"


def test_send_attempts_mark_an_interrupted_send_and_reset_on_retry(
        db: Database, conn_id: int) -> None:
    tid = _ticket(db, conn_id)
    a = db.write_sync(lambda s: enqueue_outbound(
        s, conn_id, tid, OutboundMessage("A", TO, MessageKind.TEXT, text="a")))
    assert db.read_sync(lambda s: pending_outbound(s, conn_id, 10))[0].send_attempts == 0
    assert db.write_sync(lambda s: begin_send(s, a)) == 1
    # what a restart sees: still pending, one send begun and never recorded
    assert db.read_sync(lambda s: pending_outbound(s, conn_id, 10))[0].send_attempts == 1
    db.write_sync(lambda s: cancel_send(s, a))  # the channel refused before sending
    assert db.read_sync(lambda s: pending_outbound(s, conn_id, 10))[0].send_attempts == 0
    assert db.write_sync(lambda s: begin_send(s, a)) == 1
    assert db.write_sync(lambda s: begin_send(s, a)) == 2
    db.write_sync(lambda s: mark_failed(s, a, "interrompido"))
    assert db.write_sync(lambda s: begin_send(s, a)) == 0  # not pending: nothing to send
    assert db.write_sync(lambda s: retry_failed(s, a)) is True
    assert db.read_sync(lambda s: pending_outbound(s, conn_id, 10))[0].send_attempts == 0


def test_sent_failed_and_retry(db: Database, conn_id: int) -> None:
    tid = _ticket(db, conn_id)
    a = db.write_sync(lambda s: enqueue_outbound(
        s, conn_id, tid, OutboundMessage("A", TO, MessageKind.TEXT, text="a")))
    b = db.write_sync(lambda s: enqueue_outbound(
        s, conn_id, tid, OutboundMessage("B", TO, MessageKind.TEXT, text="b")))
    db.write_sync(lambda s: mark_sent(s, a, T0))
    db.write_sync(lambda s: mark_failed(s, b, "número não existe no WhatsApp"))
    assert db.read_sync(lambda s: pending_outbound(s, conn_id, 10)) == []
    sent, failed = db.read_sync(lambda s: (get_message(s, a), get_message(s, b)))
    assert (sent.ack, sent.sent_at) == (Ack.SERVER, T0)
    assert (failed.ack, failed.error) == (Ack.FAILED, "número não existe no WhatsApp")
    assert db.write_sync(lambda s: retry_failed(s, b)) is True
    assert db.write_sync(lambda s: retry_failed(s, a)) is False
    assert [p.message_id for p in db.read_sync(lambda s: pending_outbound(s, conn_id, 10))] \
        == [b]
    # a sent message cannot be marked failed afterwards
    db.write_sync(lambda s: mark_failed(s, a, "tarde demais"))
    assert db.read_sync(lambda s: get_message(s, a)).ack == Ack.SERVER


def test_receipt_before_mark_sent_is_not_lowered(db: Database, conn_id: int) -> None:
    tid = _ticket(db, conn_id)
    a = db.write_sync(lambda s: enqueue_outbound(
        s, conn_id, tid, OutboundMessage("A", TO, MessageKind.TEXT, text="a")))
    db.write_sync(lambda s: apply_ack(s, conn_id, ["A"], Ack.DELIVERED))
    db.write_sync(lambda s: mark_sent(s, a, T0))
    assert db.read_sync(lambda s: get_message(s, a)).ack == Ack.DELIVERED


def test_ack_reports_only_real_changes(db: Database, conn_id: int) -> None:
    tid = _ticket(db, conn_id)
    ids = [db.write_sync(lambda s, w=w: enqueue_outbound(
        s, conn_id, tid, OutboundMessage(w, TO, MessageKind.TEXT, text=w))) for w in "XYZ"]
    changes = db.write_sync(lambda s: apply_ack(s, conn_id, ["X", "Y", "nope"], Ack.READ))
    assert sorted(c.message_id for c in changes) == ids[:2]
    assert all(c.ack == Ack.READ and c.ticket_id == tid for c in changes)
    assert db.write_sync(lambda s: apply_ack(s, conn_id, ["X"], Ack.DELIVERED)) == []


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(list(Ack)), min_size=1, max_size=8))
def test_ack_never_lowers_and_fails_only_from_pending(
        db: Database, conn_id: int, levels: list[Ack]) -> None:
    tid = _ticket(db, conn_id)
    wa = f"P{next(_examples)}"
    mid = db.write_sync(lambda s: enqueue_outbound(
        s, conn_id, tid, OutboundMessage(wa, TO, MessageKind.TEXT, text="x")))
    expected = Ack.PENDING
    for level in levels:
        db.write_sync(lambda s, level=level: apply_ack(s, conn_id, [wa], level))
        if level == Ack.FAILED:
            expected = Ack.FAILED if expected == Ack.PENDING else expected
        elif level > expected:
            expected = level
        assert db.read_sync(lambda s: get_message(s, mid)).ack == expected


def test_message_error_is_noted_without_touching_its_ack(db: Database, conn_id: int) -> None:
    from whatdesk.store import set_message_error

    res = db.write_sync(lambda s: record_inbound(s, conn_id, incoming(kind=MessageKind.IMAGE)))
    db.write_sync(lambda s: set_message_error(s, res.message_id, "mídia indisponível"))
    row = db.read_sync(lambda s: get_message(s, res.message_id))
    assert (row.error, row.ack) == ("mídia indisponível", Ack.DELIVERED)

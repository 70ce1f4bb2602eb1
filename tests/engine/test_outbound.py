"""The outbound queue under its rate limits, on virtual time."""

from __future__ import annotations

import asyncio
from collections import Counter

import pytest
from engine_helpers import FakeChannel, Recorder, wait_until

from whatdesk.domain.clock import VirtualClock
from whatdesk.domain.enums import Ack, MessageKind
from whatdesk.domain.errors import ChannelError, NotLoggedIn, StoreError
from whatdesk.domain.events import InboundMessage, OutboundMessage
from whatdesk.engine.bus import EventBus
from whatdesk.engine import outbound as outbound_module
from whatdesk.engine.events import ErrorRaised
from whatdesk.engine.outbound import INTERRUPTED_TWICE, OutboundSender
from whatdesk.store import (
    begin_send,
    enqueue_outbound,
    get_message,
    pending_outbound,
    record_inbound,
)

ANA = "5511987654321@s.whatsapp.net"
BIA = "5511912345678@s.whatsapp.net"


def ticket_for(db, clock, cid, jid):
    msg = InboundMessage(wa_id=f"in-{jid}", chat=jid, sender=jid, timestamp=clock.now(),
                         kind=MessageKind.TEXT, sender_phone=jid.split("@")[0], text="oi")
    return db.write_sync(lambda s: record_inbound(s, cid, msg)).ticket_id


def enqueue(db, channel, cid, ticket, jid, n):
    ids = []
    for i in range(n):
        out = OutboundMessage(channel.new_message_id(), jid, MessageKind.TEXT, f"msg {i}")
        ids.append(db.write_sync(lambda s, o=out: enqueue_outbound(s, cid, ticket, o)))
    return ids


@pytest.fixture
def auto_clock() -> VirtualClock:
    return VirtualClock(autoadvance=True)


async def test_per_contact_limit_and_global_gap_hold_on_virtual_time(db, connection_id, auto_clock):
    clock = auto_clock
    channel = FakeChannel()
    channel.clock = clock
    sender = OutboundSender(connection_id, channel, db, EventBus(), clock,
                            rate_per_contact_per_min=30, min_gap_ms=250)
    ana_ticket = ticket_for(db, clock, connection_id, ANA)
    bia_ticket = ticket_for(db, clock, connection_id, BIA)
    enqueue(db, channel, connection_id, ana_ticket, ANA, 70)
    enqueue(db, channel, connection_id, bia_ticket, BIA, 5)
    sender.start()
    sender.set_connected(True)
    await wait_until(lambda: len(channel.sent) == 75, timeout=30)
    await sender.close()

    times = [t for t, _ in channel.sent]
    assert all(b - a >= 0.25 - 1e-9 for a, b in zip(times, times[1:], strict=False))
    ana_times = [t for t, m in channel.sent if m.to == ANA]
    for i, start in enumerate(ana_times):  # any 60 s window holds at most 30 sends to Ana
        assert sum(1 for t in ana_times[i:] if t < start + 60) <= 30
    per_minute = Counter(int(t // 60) for t in ana_times)
    assert max(per_minute.values()) <= 30 and len(per_minute) >= 3
    # Bia is not stuck behind Ana's backlog: all her messages went out in the first minute.
    assert max(t for t, m in channel.sent if m.to == BIA) < 60
    # and each contact's messages keep their order
    assert [m.text for _, m in channel.sent if m.to == ANA] == [f"msg {i}" for i in range(70)]


async def test_nothing_is_sent_while_disconnected_and_sending_resumes(db, connection_id, clock):
    channel = FakeChannel()
    sender = OutboundSender(connection_id, channel, db, EventBus(), clock, min_gap_ms=0)
    ticket = ticket_for(db, clock, connection_id, ANA)
    ids = enqueue(db, channel, connection_id, ticket, ANA, 3)
    sender.start()
    sender.wake()
    await asyncio.sleep(0.05)
    assert channel.sent == []
    sender.set_connected(True)
    await wait_until(lambda: len(channel.sent) == 3)
    await wait_until(lambda: all(
        db.read_sync(lambda s, i=i: get_message(s, i)).ack == Ack.SERVER for i in ids))
    await sender.close()


async def test_transport_error_marks_the_row_failed_and_the_queue_goes_on(db, connection_id, clock):
    channel = FakeChannel()
    channel.send_errors = [ChannelError("Arquivo não encontrado: /tmp/x.pdf")]
    sender = OutboundSender(connection_id, channel, db, EventBus(), clock, min_gap_ms=0)
    ticket = ticket_for(db, clock, connection_id, ANA)
    first, second = enqueue(db, channel, connection_id, ticket, ANA, 2)
    sender.start()
    sender.set_connected(True)
    await wait_until(lambda: len(channel.sent) == 1)
    await wait_until(lambda: db.read_sync(lambda s: get_message(s, first)).ack == Ack.FAILED)
    failed = db.read_sync(lambda s: get_message(s, first))
    assert failed.error == "Arquivo não encontrado: /tmp/x.pdf"
    assert channel.sent[0][1].text == "msg 1"
    await sender.close()


async def test_reply_to_another_contact_does_not_wait_behind_a_limited_one(db, connection_id, clock):
    channel = FakeChannel()
    sender = OutboundSender(connection_id, channel, db, EventBus(), clock,
                            rate_per_contact_per_min=2, min_gap_ms=0)
    ana_ticket = ticket_for(db, clock, connection_id, ANA)
    bia_ticket = ticket_for(db, clock, connection_id, BIA)
    enqueue(db, channel, connection_id, ana_ticket, ANA, 3)
    sender.start()
    sender.set_connected(True)
    await wait_until(lambda: len(channel.sent) == 2)
    await asyncio.sleep(0.05)
    assert len(channel.sent) == 2  # Ana is at her limit; no virtual time has passed
    enqueue(db, channel, connection_id, bia_ticket, BIA, 1)
    sender.wake()
    await wait_until(lambda: len(channel.sent) == 3)
    assert channel.sent[-1][1].to == BIA
    clock.advance(60)
    await wait_until(lambda: len(channel.sent) == 4)
    assert channel.sent[-1][1].to == ANA
    await sender.close()


def failing_first(monkeypatch, name: str, times: int) -> list[int]:
    """The store function ``name`` as the sender calls it refuses ``times`` commits first
    (the database is locked or gone), then works; returns the list of refused calls."""
    real = getattr(outbound_module, name)
    refused: list[int] = []

    def flaky(s, *args, **kwargs):
        if len(refused) < times:
            refused.append(1)
            raise StoreError("O banco de dados está bloqueado por outro programa.")
        return real(s, *args, **kwargs)

    monkeypatch.setattr(outbound_module, name, flaky)
    return refused


@pytest.mark.parametrize("failures", [1, 3, 12])
async def test_commit_failure_after_a_send_is_retried_and_the_customer_gets_it_once(
        db, connection_id, auto_clock, monkeypatch, failures):
    channel = FakeChannel()
    channel.server_assigns_ids = True
    bus = EventBus()
    events = Recorder(bus)
    sender = OutboundSender(connection_id, channel, db, bus, auto_clock, min_gap_ms=0)
    ticket = ticket_for(db, auto_clock, connection_id, ANA)
    first, second = enqueue(db, channel, connection_id, ticket, ANA, 2)
    refused = failing_first(monkeypatch, "mark_sent", failures)
    sender.start()
    sender.set_connected(True)
    await wait_until(lambda: db.read_sync(lambda s: get_message(s, second)).ack == Ack.SERVER)
    await sender.close()

    assert len(refused) == failures
    assert [m.text for _, m in channel.sent] == ["msg 0", "msg 1"]  # each exactly once
    rows = [db.read_sync(lambda s, i=i: get_message(s, i)) for i in (first, second)]
    assert [(r.ack, r.wa_id) for r in rows] == [
        (Ack.SERVER, "3EBSERVER000001"), (Ack.SERVER, "3EBSERVER000002")]
    errors = events.of(ErrorRaised)
    assert len(errors) == 1 and "sem reenviar" in errors[0].message


async def test_failure_to_record_a_refused_send_does_not_send_it_again(
        db, connection_id, auto_clock, monkeypatch):
    channel = FakeChannel()
    channel.send_errors = [ChannelError("número não existe no WhatsApp")]
    sender = OutboundSender(connection_id, channel, db, EventBus(), auto_clock, min_gap_ms=0)
    ticket = ticket_for(db, auto_clock, connection_id, ANA)
    (only,) = enqueue(db, channel, connection_id, ticket, ANA, 1)
    failing_first(monkeypatch, "mark_failed", 3)
    sender.start()
    sender.set_connected(True)
    await wait_until(lambda: db.read_sync(lambda s: get_message(s, only)).ack == Ack.FAILED)
    await sender.close()
    assert channel.sent == [] and channel.send_errors == []  # one attempt, no second one
    assert db.read_sync(lambda s: get_message(s, only)).error == "número não existe no WhatsApp"


async def test_not_logged_in_is_not_counted_as_an_interrupted_send(db, connection_id, clock):
    channel = FakeChannel()
    channel.send_errors = [NotLoggedIn("O WhatsApp desta conexão não está conectado")]
    sender = OutboundSender(connection_id, channel, db, EventBus(), clock, min_gap_ms=0)
    ticket = ticket_for(db, clock, connection_id, ANA)
    enqueue(db, channel, connection_id, ticket, ANA, 1)
    sender.start()
    sender.set_connected(True)
    await wait_until(lambda: channel.send_errors == [])  # refused: not logged in
    sender.set_connected(True)  # the connection comes back
    await wait_until(lambda: len(channel.sent) == 1 and not db.read_sync(
        lambda s: pending_outbound(s, connection_id)))  # sent, and its commit done
    await sender.close()
    from sqlalchemy import select

    from whatdesk.store._sql import messages_t

    attempts = db.read_sync(lambda s: s.execute(select(messages_t.c.send_attempts).where(
        messages_t.c.direction == "out")).scalars().all())
    assert db.read_sync(lambda s: pending_outbound(s, connection_id)) == []
    assert attempts == [1]  # the refused try was not counted: a crash now resends it once more


async def test_a_send_interrupted_once_is_sent_once_more_then_never_again(
        db, connection_id, auto_clock):
    """What a restart finds after the process died between a send and its commit."""
    channel = FakeChannel()
    channel.server_assigns_ids = True
    ticket = ticket_for(db, auto_clock, connection_id, ANA)
    once, twice = enqueue(db, channel, connection_id, ticket, ANA, 2)
    db.write_sync(lambda s: begin_send(s, once))  # died after this send began
    for _ in range(2):
        db.write_sync(lambda s: begin_send(s, twice))  # died twice
    sender = OutboundSender(connection_id, channel, db, EventBus(), auto_clock, min_gap_ms=0)
    sender.start()
    sender.set_connected(True)
    await wait_until(lambda: db.read_sync(lambda s: pending_outbound(s, connection_id)) == [])
    await sender.close()
    assert [m.text for _, m in channel.sent] == ["msg 0"]
    resent, given_up = (db.read_sync(lambda s, i=i: get_message(s, i)) for i in (once, twice))
    assert (resent.ack, resent.wa_id) == (Ack.SERVER, "3EBSERVER000001")
    assert (given_up.ack, given_up.error) == (Ack.FAILED, INTERRUPTED_TWICE)


async def test_when_the_send_cannot_be_recorded_as_begun_nothing_is_sent_until_it_can(
        db, connection_id, auto_clock, monkeypatch):
    channel = FakeChannel()
    sender = OutboundSender(connection_id, channel, db, EventBus(), auto_clock, min_gap_ms=0)
    ticket = ticket_for(db, auto_clock, connection_id, ANA)
    (only,) = enqueue(db, channel, connection_id, ticket, ANA, 1)
    refused = failing_first(monkeypatch, "begin_send", 2)
    sender.start()
    sender.set_connected(True)
    await wait_until(lambda: db.read_sync(lambda s: get_message(s, only)).ack == Ack.SERVER)
    await sender.close()
    assert len(refused) == 2
    assert [m.text for _, m in channel.sent] == ["msg 0"]


async def test_menu_refused_as_buttons_is_stored_as_the_text_really_sent(db, connection_id, clock):
    from whatdesk.domain.events import Button

    channel = FakeChannel()
    channel.send_errors = [ChannelError("botões não suportados")]
    sender = OutboundSender(connection_id, channel, db, EventBus(), clock, min_gap_ms=0)
    ticket = ticket_for(db, clock, connection_id, ANA)
    fallback = "Escolha:\n\n1 - Vendas\n2 - Suporte"
    out = OutboundMessage(channel.new_message_id(), ANA, MessageKind.BUTTONS, "Escolha:",
                          buttons=(Button("v", "Vendas"), Button("s", "Suporte")),
                          fallback_text=fallback)
    mid = db.write_sync(lambda s: enqueue_outbound(s, connection_id, ticket, out))
    sender.start()
    sender.set_connected(True)
    await wait_until(lambda: db.read_sync(lambda s: get_message(s, mid)).ack >= Ack.SERVER)
    [(_, wire)] = channel.sent
    row = db.read_sync(lambda s: get_message(s, mid))
    assert (wire.kind, wire.text) == (MessageKind.TEXT, fallback)
    assert (row.kind, row.text) == (MessageKind.TEXT.value, fallback)
    await sender.close()


async def test_menu_sent_as_buttons_keeps_its_buttons(db, connection_id, clock):
    from whatdesk.domain.events import Button

    channel = FakeChannel()
    sender = OutboundSender(connection_id, channel, db, EventBus(), clock, min_gap_ms=0)
    ticket = ticket_for(db, clock, connection_id, ANA)
    out = OutboundMessage(channel.new_message_id(), ANA, MessageKind.BUTTONS, "Escolha:",
                          buttons=(Button("v", "Vendas"),), fallback_text="Escolha:\n\n1 - Vendas")
    mid = db.write_sync(lambda s: enqueue_outbound(s, connection_id, ticket, out))
    sender.start()
    sender.set_connected(True)
    await wait_until(lambda: db.read_sync(lambda s: get_message(s, mid)).ack >= Ack.SERVER)
    row = db.read_sync(lambda s: get_message(s, mid))
    assert (row.kind, row.text) == (MessageKind.BUTTONS.value, "Escolha:")
    assert row.payload["buttons"] == [{"id": "v", "label": "Vendas"}]
    await sender.close()

"""The outbound queue under its rate limits, on virtual time."""

from __future__ import annotations

import asyncio
from collections import Counter

import pytest
from engine_helpers import FakeChannel, wait_until

from whatdesk.domain.clock import VirtualClock
from whatdesk.domain.enums import Ack, MessageKind
from whatdesk.domain.errors import ChannelError
from whatdesk.domain.events import InboundMessage, OutboundMessage
from whatdesk.engine.bus import EventBus
from whatdesk.engine.outbound import OutboundSender
from whatdesk.store import enqueue_outbound, get_message, record_inbound

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

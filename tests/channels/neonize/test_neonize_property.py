"""Whatever arrives from WhatsApp, the normaliser yields a valid event or a MalformedEvent —
never any other exception — and the channel keeps delivering afterwards."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from google.protobuf.message import DecodeError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from neonize.proto import Neonize_pb2 as N
from neonize.proto.waE2E import WAWebProtobufsE2E_pb2 as E
from neonize_factories import jid, message_ev, source

from whatdesk.channels.neonize.normalize import normalize_message, normalize_receipt
from whatdesk.domain.errors import MalformedEvent
from whatdesk.domain.events import MAX_TEXT_BYTES, AckEvent, InboundMessage
from whatdesk.domain.phone import Jid

NOW = datetime(2025, 1, 6, 12, 0, tzinfo=UTC)
_FIELDS = [f.name for f in E.Message.DESCRIPTOR.fields if f.message_type is not None]

users = st.one_of(st.text(max_size=30), st.from_regex(r"[0-9]{5,16}", fullmatch=True))
servers = st.sampled_from(["s.whatsapp.net", "lid", "g.us", "broadcast", "newsletter", "", "bot", "c.us", "x"])


@st.composite
def wa_messages(draw) -> E.Message:
    """Random content: garbage bytes parsed as a waE2E Message, or a random populated field."""
    if draw(st.booleans()):
        try:
            return E.Message.FromString(draw(st.binary(max_size=300)))
        except DecodeError:
            return E.Message()
    msg = E.Message()
    for name in draw(st.lists(st.sampled_from(_FIELDS), max_size=3)):
        sub = getattr(msg, name)
        try:
            sub.MergeFromString(draw(st.binary(max_size=120)))
        except DecodeError:
            sub.SetInParent()
    if draw(st.booleans()):
        msg.conversation = draw(st.text(max_size=200))
    return msg


@st.composite
def message_events(draw) -> N.Message:
    chat = jid(draw(users), draw(servers))
    sender = jid(draw(users), draw(servers))
    alt = jid(draw(users), draw(servers)) if draw(st.booleans()) else None
    return message_ev(
        draw(wa_messages()),
        msg_id=draw(st.text(max_size=40)),
        src=source(chat=chat, sender=sender, sender_alt=alt, from_me=draw(st.booleans()),
                   group=draw(st.booleans())),
        pushname=draw(st.text(max_size=50)),
        timestamp=draw(st.integers(min_value=-(2**63), max_value=2**63 - 1)),
    )


def _downloader(_msg):
    async def download() -> bytes:
        return b""
    return download


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(message_events())
def test_any_message_event_normalises_or_is_malformed(ev):
    try:
        result = normalize_message(ev, _downloader, NOW)
    except MalformedEvent as exc:
        assert str(exc)
        return
    if result is None:
        return
    assert isinstance(result, InboundMessage)
    assert result.wa_id and result.timestamp.tzinfo is not None
    for address in (result.chat, result.sender, *result.mentions):
        assert str(Jid.parse(address)) == address  # canonical
    assert len(result.text.encode()) <= MAX_TEXT_BYTES


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=20), st.lists(st.text(max_size=30), max_size=5),
       users, servers, st.integers(min_value=-(2**63), max_value=2**63 - 1))
def test_any_receipt_normalises_or_is_malformed(kind, ids, user, server, ts):
    ev = N.Receipt(MessageSource=source(chat=jid(user, server)), MessageIDs=ids, Timestamp=ts)
    if kind in N.Receipt.ReceiptType.values():
        ev.Type = kind
    try:
        result = normalize_receipt(ev, NOW)
    except MalformedEvent:
        return
    assert result is None or (isinstance(result, AckEvent) and all(result.wa_ids))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(message_events(), min_size=1, max_size=5))
def test_channel_survives_garbage_and_still_delivers(tmp_path, events):
    from neonize.events import EVENT_TO_INT

    from whatdesk.channels.neonize import NeonizeChannel

    async def scenario() -> list[object]:
        delivered: list[object] = []
        ch = NeonizeChannel(tmp_path / "p.db", "prop")
        ch.set_sink(delivered.append)
        handler = ch.client.event.list_func[EVENT_TO_INT[N.Message]]
        for ev in events:
            await handler(ch.client, ev)
        await handler(ch.client, message_ev(E.Message(conversation="ainda vivo"), msg_id="LAST"))
        await ch.flush()
        await ch.stop()
        return delivered

    delivered = asyncio.run(scenario())
    assert delivered and isinstance(delivered[-1], InboundMessage)
    assert delivered[-1].text == "ainda vivo"

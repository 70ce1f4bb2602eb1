"""Receipts, presence, QR / pairing and connection lifecycle of NeonizeChannel, driven by
real neonize events, with a fake Go handle (nothing connects to WhatsApp)."""

from __future__ import annotations

import asyncio
import ctypes
import sqlite3
import threading
from datetime import UTC, datetime

import neonize.aioze.events as neonize_events
import pytest
from neonize.events import EVENT_TO_INT
from neonize.proto import Neonize_pb2 as N
from neonize.proto.waE2E import WAWebProtobufsE2E_pb2 as E
from neonize_factories import (
    CUSTOMER,
    GROUP,
    OWN,
    FakeGo,
    connect,
    deliver,
    jid,
    message_ev,
    receipt_ev,
    source,
)

from whatdesk.channels.neonize import NeonizeChannel
from whatdesk.domain.enums import Ack, MessageKind
from whatdesk.domain.errors import ChannelError, InvalidPhone, NotLoggedIn
from whatdesk.domain.events import (
    AckEvent,
    ConnectedEvent,
    ConnectionFailedEvent,
    DisconnectedEvent,
    InboundMessage,
    LoggedOutEvent,
    OutboundMessage,
    PairingCodeEvent,
    PresenceEvent,
    QRCodeEvent,
)

CUSTOMER_JID = f"{CUSTOMER}@s.whatsapp.net"


# ---- receipts and presence -------------------------------------------------------------

@pytest.mark.parametrize(
    ("kind", "ack", "read_by_us"),
    [
        (N.Receipt.DELIVERED, Ack.DELIVERED, False),
        (N.Receipt.INACTIVE, Ack.DELIVERED, False),
        (N.Receipt.READ, Ack.READ, False),
        (N.Receipt.PLAYED, Ack.PLAYED, False),
        (N.Receipt.READ_SELF, Ack.READ, True),
        (N.Receipt.PLAYED_SELF, Ack.PLAYED, True),
        (N.Receipt.SERVER_ERROR, Ack.PLAYED, True),  # how goneonize 0.5.2 encodes played-self
    ],
)
async def test_receipts_raise_acks(channel, sink, kind, ack, read_by_us):
    await deliver(channel, receipt_ev(kind, ["3EB0A", "3EB0B"]))
    (event,) = sink.events
    assert event == AckEvent(("3EB0A", "3EB0B"), CUSTOMER_JID, ack,
                             datetime.fromtimestamp(1_735_000_100, UTC), read_by_us)


@pytest.mark.parametrize("kind", [N.Receipt.SENDER, N.Receipt.PEER_MSG, N.Receipt.HISTORY_SYNC,
                                  N.Receipt.RETRY])
async def test_bookkeeping_receipts_are_ignored(channel, sink, kind):
    await deliver(channel, receipt_ev(kind, ["3EB0A"]))
    assert sink.events == []


async def test_receipt_without_type_is_ignored(channel, sink):
    ev = receipt_ev(N.Receipt.READ, ["3EB0A"])
    ev.ClearField("Type")
    await deliver(channel, ev)
    assert sink.events == []


@pytest.mark.parametrize(
    ("state", "media", "expected"),
    [
        (N.ChatPresence.COMPOSING, N.ChatPresence.TEXT, "composing"),
        (N.ChatPresence.COMPOSING, N.ChatPresence.AUDIO, "recording"),
        (N.ChatPresence.PAUSED, N.ChatPresence.TEXT, "paused"),
    ],
)
async def test_chat_presence(channel, sink, state, media, expected):
    src = source(chat=jid(GROUP, "g.us"), sender=jid(CUSTOMER), group=True)
    await deliver(channel, N.ChatPresence(MessageSource=src, State=state, Media=media))
    assert sink.events == [PresenceEvent(f"{GROUP}@g.us", CUSTOMER_JID, expected)]


async def test_presence_online_and_offline(channel, sink):
    await deliver(channel, N.Presence(From=jid(CUSTOMER), Unavailable=False, LastSeen=0))
    await deliver(channel, N.Presence(From=jid(CUSTOMER), Unavailable=True, LastSeen=1))
    assert [e.state for e in sink.events] == ["available", "unavailable"]


# ---- QR and pairing --------------------------------------------------------------------

async def test_qr_codes_carry_payload_and_expiry(channel, sink, clock):
    await channel.start()
    on_qr = channel.client.event._qr
    await on_qr(channel.client, b"2@first,abc,def")
    clock.advance(20)
    await on_qr(channel.client, b"2@second,abc,def")
    await channel.flush()
    first, second = sink.of(QRCodeEvent)
    assert first.payload == "2@first,abc,def"
    assert first.expires_at == datetime(2025, 1, 6, 12, 1, tzinfo=UTC)  # first code: 60 s
    assert second.expires_at == datetime(2025, 1, 6, 12, 0, 40, tzinfo=UTC)  # then 20 s each


# The QR watchdog is the engine's (one for every transport): these drive it through the
# neonize adapter's real dispatch path, with the fake Go handle.

@pytest.fixture
def supervised(channel, clock, tmp_path):
    from whatdesk.engine.backoff import Backoff
    from whatdesk.engine.bus import EventBus
    from whatdesk.engine.supervisor import ConnectionSupervisor
    from whatdesk.store import Database, create_connection, sqlite_url

    db = Database.open(sqlite_url(tmp_path / "whatdesk.db"))
    cid = db.write_sync(lambda s: create_connection(s, "Loja", channel="neonize")).id
    sup = ConnectionSupervisor(cid, channel, db, EventBus(), clock, None, None, Backoff())
    yield sup
    db.close()


async def test_qr_nobody_scans_stops_the_client_and_times_out(supervised, channel, clock,
                                                               fake_go):
    from whatdesk.domain.enums import ConnectionStatus
    from whatdesk.engine.supervisor import WATCHDOG_S

    await supervised.start()
    await channel.client.event._qr(channel.client, b"2@qr")
    await _until(lambda: supervised.status is ConnectionStatus.QR_WAITING)
    clock.advance(WATCHDOG_S - 1)
    await asyncio.sleep(0)
    assert supervised.status is ConnectionStatus.QR_WAITING and "Stop" not in fake_go.names()
    clock.advance(1)
    await _until(lambda: supervised.status is ConnectionStatus.TIMEOUT)
    assert "Stop" in fake_go.names()
    assert fake_go.stopped.is_set()  # the blocking Go call returned
    with pytest.raises(NotLoggedIn):
        await channel.send(OutboundMessage("3EB0X", CUSTOMER_JID, MessageKind.TEXT, text="oi"))
    await supervised.close()


async def test_scan_before_timeout_disarms_the_watchdog(supervised, channel, clock, fake_go):
    from whatdesk.domain.enums import ConnectionStatus

    await supervised.start()
    await channel.client.event._qr(channel.client, b"2@qr")
    pair = N.PairStatus(ID=jid(OWN, device=12), BusinessName="", Platform="android",
                        Status=N.PairStatus.SUCCESS, Error="")
    await deliver(channel, pair)
    await deliver(channel, N.Connected(status=True))
    await _until(lambda: supervised.status is ConnectionStatus.CONNECTED)
    clock.advance(500)
    await asyncio.sleep(0)
    await channel.flush()
    assert supervised.status is ConnectionStatus.CONNECTED and "Stop" not in fake_go.names()
    await supervised.close()


async def test_pairing_failure_is_a_retryable_connection_failure(channel, sink):
    await deliver(channel, N.PairStatus(ID=jid(OWN), BusinessName="", Platform="",
                                        Status=N.PairStatus.ERROR, Error="key mismatch"))
    (event,) = sink.events
    assert isinstance(event, ConnectionFailedEvent) and event.retryable
    assert "key mismatch" in event.reason


async def test_pairing_code_after_first_qr(channel, sink, fake_go):
    await channel.start()
    await channel.client.event._qr(channel.client, b"2@qr")
    code = await channel.request_pairing_code("(11) 98888-0000")
    await channel.flush()
    assert code == "ABCD-EFGH"
    assert sink.of(PairingCodeEvent) == [PairingCodeEvent("ABCD-EFGH")]
    (uuid, payload, size), = fake_go.args("PairPhone")
    params = N.PairPhoneParams.FromString(payload)
    assert params.phone == "5511988880000"
    assert params.clientType == 1  # Chrome, passed explicitly
    assert params.showPushNotification


async def test_pairing_code_rejects_bad_phone_without_touching_go(channel, fake_go):
    with pytest.raises(InvalidPhone):
        await channel.request_pairing_code("12")
    assert fake_go.calls == []


async def test_pairing_code_refused_when_already_linked(channel):
    await connect(channel)
    with pytest.raises(ChannelError, match="já está vinculada"):
        await channel.request_pairing_code("+55 11 98888-0000")


# ---- connection lifecycle --------------------------------------------------------------

async def test_connected_reads_our_jid_only_after_login(channel, sink, fake_go):
    await channel.start()
    await channel.client.event._qr(channel.client, b"2@qr")
    await deliver(channel, N.PairStatus(ID=jid(OWN, device=3), BusinessName="", Platform="",
                                        Status=N.PairStatus.SUCCESS, Error=""))
    assert "GetMe" not in fake_go.names()  # before login GetMe crashes the process
    await deliver(channel, N.Connected(status=True))
    assert sink.of(ConnectedEvent) == [ConnectedEvent(f"{OWN}@s.whatsapp.net", "Loja da Ana")]
    assert channel.logged_in and channel.own_jid == f"{OWN}@s.whatsapp.net"


async def test_network_loss_and_keepalive_are_retrying_disconnects(channel, sink):
    await connect(channel)
    await deliver(channel, N.Disconnected(status=True))
    await deliver(channel, N.KeepAliveTimeout(ErrorCount=2, LastSuccess=0))
    await deliver(channel, N.KeepAliveRestored())
    disconnects = sink.of(DisconnectedEvent)
    assert len(disconnects) == 2 and all(d.will_retry for d in disconnects)
    assert isinstance(sink.events[-1], ConnectedEvent)  # keep-alive restored: connected again


async def test_logged_out_by_phone_blocks_further_sends(channel, sink, fake_go):
    await connect(channel)
    await deliver(channel, N.LoggedOut(OnConnect=False, Reason=N.LOGGED_OUT))
    assert sink.of(LoggedOutEvent) == [LoggedOutEvent("O aparelho foi desconectado pelo celular")]
    with pytest.raises(NotLoggedIn):
        await channel.send(OutboundMessage("3EB0X", CUSTOMER_JID, MessageKind.TEXT, text="oi"))
    assert "SendMessage" not in fake_go.names()


@pytest.mark.parametrize(
    ("ev", "needle", "retryable"),
    [
        (N.StreamReplaced(), "outro computador", False),
        (N.TemporaryBan(Code=N.TemporaryBan.SEND_TO_TOO_MANY_PEOPLE, Expire=7200), "2 h 00 min", False),
        (N.ConnectFailure(Reason=N.SERVICE_UNAVAILABLE, Message="try later"), "indisponível", True),
        (N.ConnectFailure(Reason=N.BAD_USER_AGENT, Message=""), "identificação", False),
        (N.ClientOutdated(), "desatualizada", False),
    ],
)
async def test_fatal_transport_failures(channel, sink, ev, needle, retryable):
    await deliver(channel, ev)
    (event,) = sink.events
    assert isinstance(event, ConnectionFailedEvent)
    assert needle in event.reason and event.retryable is retryable


async def test_go_connect_error_becomes_a_retryable_failure(channel, sink, fake_go):
    fake_go.connect_error = b"failed to open database: disk I/O error"
    await channel.start()
    await _until(lambda: sink.events)
    (event,) = sink.events
    assert isinstance(event, ConnectionFailedEvent) and event.retryable
    assert "disk I/O error" in event.reason


async def test_stop_ends_the_blocking_go_call_and_emits_nothing(channel, sink, fake_go):
    await connect(channel)
    await channel.stop()
    assert fake_go.stopped.is_set() and fake_go.names().count("Neonize") == 1
    assert not channel.logged_in
    assert [type(e) for e in sink.events] == [ConnectedEvent]
    await channel.stop()  # idempotent
    assert fake_go.names().count("Stop") == 1


async def test_logout_unlinks_then_stops(channel, fake_go):
    await connect(channel)
    await channel.logout()
    assert fake_go.names()[-2:] == ["Logout", "Stop"]


def _session_files(channel) -> list[str]:
    """The session database and its companions (the inbound journal is not session state:
    a logout keeps it so what arrived before is still saved)."""
    folder = channel.session_path.parent
    return sorted(p.name for p in folder.iterdir()
                  if p != channel.journal.path) if folder.exists() else []


def _write_session_files(channel) -> None:
    channel.session_path.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        channel.session_path.with_name(channel.session_path.name + suffix).write_bytes(b"x")


async def test_logout_deletes_the_session_files(channel, fake_go):
    await connect(channel)
    _write_session_files(channel)
    await channel.logout()
    assert _session_files(channel) == []


async def test_a_refused_logout_is_an_error_and_keeps_the_session(channel, fake_go):
    await connect(channel)
    _write_session_files(channel)
    fake_go.logout_error = "websocket not connected"
    with pytest.raises(ChannelError, match="desvinculação"):
        await channel.logout()
    assert _session_files(channel) == ["conn1.db", "conn1.db-shm", "conn1.db-wal"]
    assert "Stop" in fake_go.names()


async def test_forget_session_stops_and_deletes_without_unlinking(channel, fake_go):
    await connect(channel)
    _write_session_files(channel)
    await channel.forget_session()
    assert _session_files(channel) == [] and "Logout" not in fake_go.names()
    assert not channel.journal.path.exists()  # a deleted connection leaves no journal behind
    assert fake_go.names()[-1] == "Stop"


async def test_logout_without_any_session_just_stops(channel, fake_go):
    await channel.logout()
    assert "Logout" not in fake_go.names()


async def test_restart_after_stop_connects_again(channel, sink, fake_go):
    await connect(channel)
    await channel.stop()
    fake_go.stopped.clear()
    await connect(channel)
    assert fake_go.names().count("Neonize") == 2
    assert len(sink.of(ConnectedEvent)) == 2


async def test_start_and_stop_of_different_channels_never_overlap(tmp_path, clock):
    """Go's client maps have no locks: B must not start while A is still stopping."""
    go_a, go_b = FakeGo(), FakeGo()
    a = NeonizeChannel(tmp_path / "a.db", "a", clock=clock)
    b = NeonizeChannel(tmp_path / "b.db", "b", clock=clock)
    for ch, go in ((a, go_a), (b, go_b)):
        ch.client._NewAClient__client = go
        ch.register_grace_s = 0
        ch.set_sink(lambda e: None)
    await a.start()
    go_a.stop_gate = asyncio.Event()
    stopping = asyncio.create_task(a.stop())
    await _until(lambda: "Stop" in go_a.names())
    starting = asyncio.create_task(b.start())
    for _ in range(20):
        await asyncio.sleep(0)
    assert "Neonize" not in go_b.names()  # waiting for A's stop to finish
    go_a.stop_gate.set()
    await stopping
    await starting
    assert "Neonize" in go_b.names()
    await b.stop()


# ---- the real neonize dispatch path, from a foreign thread -----------------------------

async def test_events_from_a_go_thread_hop_to_the_loop(channel, sink):
    loop = asyncio.get_running_loop()
    neonize_events.set_event_loop(loop)
    ev = message_ev(E.Message(conversation="vindo do Go"), msg_id="3EB0THREAD")
    data = ev.SerializePartialToString()
    seen_threads: list[int] = []
    original = sink.__call__

    def recording_sink(event):
        seen_threads.append(threading.get_ident())
        original(event)

    channel.set_sink(recording_sink)

    def go_thread() -> None:
        buf = ctypes.create_string_buffer(data, len(data))
        channel.client.event.execute(0, ctypes.addressof(buf), len(data), EVENT_TO_INT[N.Message])
        receipt = receipt_ev(N.Receipt.READ, ["3EB0THREAD"]).SerializePartialToString()
        rbuf = ctypes.create_string_buffer(receipt, len(receipt))
        channel.client.event.execute(0, ctypes.addressof(rbuf), len(receipt), EVENT_TO_INT[N.Receipt])

    worker = threading.Thread(target=go_thread)
    worker.start()
    await asyncio.to_thread(worker.join)
    await _until(lambda: len(sink.events) == 2)
    message, ack = sink.events
    assert isinstance(message, InboundMessage) and message.text == "vindo do Go"
    assert isinstance(ack, AckEvent) and ack.wa_ids == ("3EB0THREAD",)
    assert seen_threads == [threading.get_ident()] * 2  # delivered on the loop thread


# ---- offline helpers -------------------------------------------------------------------

async def test_has_session_false_when_file_missing(tmp_path):
    ch = NeonizeChannel(tmp_path / "none.db", "x")
    assert await ch.has_session() is False


async def test_has_session_reads_the_whatsmeow_store_offline(tmp_path):
    path = tmp_path / "empty.db"
    sqlite3.connect(path).close()
    assert await NeonizeChannel(path, "y").has_session() is False


async def test_has_session_on_a_corrupt_file_is_a_readable_error(tmp_path):
    path = tmp_path / "broken.db"
    path.write_bytes(b"definitely not sqlite" * 50)
    with pytest.raises(ChannelError, match="corrompido"):
        await NeonizeChannel(path, "z").has_session()


def test_new_message_ids_look_like_whatsapp_ids_and_are_unique():
    ch = NeonizeChannel.__new__(NeonizeChannel)
    ids = {ch.new_message_id() for _ in range(2000)}
    assert len(ids) == 2000
    for wa_id in ids:
        assert len(wa_id) == 22 and wa_id.startswith("3EB0")
        assert wa_id[4:] == wa_id[4:].upper() and int(wa_id[4:], 16) >= 0


async def _until(predicate, rounds: int = 200) -> None:
    for _ in range(rounds):
        if predicate():
            return
        await asyncio.sleep(0.01)
    raise AssertionError("condition never became true")



async def test_start_forgets_a_closed_loop_neonize_kept_from_an_earlier_run(channel, sink):
    old = asyncio.new_event_loop()
    old.close()
    neonize_events.event_global_loop = old  # e.g. a previous asyncio.run() in the same process
    await channel.start()
    assert neonize_events.event_global_loop is asyncio.get_running_loop()


async def test_stop_racing_a_fresh_login_never_asks_go_who_we_are(channel, sink, fake_go):
    """GetMe on a client Go has already dropped crashes the process."""
    await channel.start()
    handler = channel.client.event.list_func[EVENT_TO_INT[N.Connected]]
    await handler(channel.client, N.Connected(status=True))  # queued, not yet resolved
    await channel.stop()
    assert "GetMe" not in fake_go.names()
    assert sink.of(ConnectedEvent) == []

"""Linking (QR, pairing code), sessions, disconnects, faults and receipts on virtual time."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from _sandbox_support import ACCOUNT, Recorder, advance, settle

from whatdesk.channels.base import Channel
from whatdesk.channels.sandbox import QR_TTL_S, SandboxChannel, SandboxError, SandboxNetwork
from whatdesk.domain.clock import SystemClock, VirtualClock
from whatdesk.domain.enums import Ack, MessageKind
from whatdesk.domain.errors import ChannelError, NotLoggedIn
from whatdesk.domain.reasons import Reason
from whatdesk.domain.events import (
    AckEvent,
    ConnectedEvent,
    ConnectionFailedEvent,
    DisconnectedEvent,
    InboundMessage,
    LoggedOutEvent,
    OutboundMessage,
    PairedEvent,
    PairingCodeEvent,
    PairingTimeoutEvent,
    QRCodeEvent,
)

CUSTOMER = "5511987654321"


def new_channel(network: SandboxNetwork, folder: Path, recorder: Recorder,
                **kw: bool) -> SandboxChannel:
    channel = SandboxChannel(network, ACCOUNT, folder, **kw)
    channel.set_sink(recorder)
    return channel


def text_to(channel: SandboxChannel, text: str = "Olá", kind=MessageKind.TEXT, **kw):
    return OutboundMessage(channel.new_message_id(), f"{CUSTOMER}@s.whatsapp.net", kind,
                           text=text, **kw)


async def test_implements_the_channel_protocol(network, tmp_path):
    assert isinstance(SandboxChannel(network, ACCOUNT, tmp_path), Channel)


async def test_qr_refreshes_every_20s_then_times_out(network, recorder, clock, tmp_path):
    channel = new_channel(network, tmp_path / "s", recorder)
    assert not await channel.has_session()
    await channel.start()
    await settle()
    first = recorder.of(QRCodeEvent)
    assert len(first) == 1 and first[0].payload.startswith("2@sandbox-")
    assert (first[0].expires_at - clock.now()).total_seconds() == QR_TTL_S
    await advance(clock, QR_TTL_S)
    codes = recorder.of(QRCodeEvent)
    assert len(codes) == 2 and codes[1].payload != codes[0].payload
    for _ in range(4):
        await advance(clock, QR_TTL_S)
    assert len(recorder.of(QRCodeEvent)) == 6 and recorder.of(PairingTimeoutEvent) == []
    await advance(clock, QR_TTL_S)
    assert recorder.of(PairingTimeoutEvent) == [PairingTimeoutEvent()]
    with pytest.raises(SandboxError):
        network.scan_qr(ACCOUNT)
    await advance(clock, 10 * QR_TTL_S)
    assert len(recorder.of(QRCodeEvent)) == 6  # stopped for good
    assert not channel._tasks


async def test_corrupt_session_file_asks_for_qr_and_is_kept_until_relinked(network, recorder,
                                                                          tmp_path):
    channel = new_channel(network, tmp_path / "s", recorder)
    channel.session_dir.mkdir()
    channel.session_file.write_text("{not json")
    assert not await channel.has_session()
    await channel.start()
    await settle()
    assert [type(e) for e in recorder.events] == [QRCodeEvent]
    assert channel.session_file.read_text() == "{not json"
    network.scan_qr(ACCOUNT)
    assert await channel.has_session()
    await channel.stop()


async def test_expire_qr_stops_at_once(network, recorder, tmp_path):
    channel = new_channel(network, tmp_path / "s", recorder)
    await channel.start()
    await settle()
    network.expire_qr(ACCOUNT)
    assert isinstance(recorder.events[-1], PairingTimeoutEvent)
    assert not await channel.has_session()


async def test_scan_qr_links_and_a_restart_needs_no_qr(network, recorder, tmp_path, clock):
    folder = tmp_path / "s"
    channel = new_channel(network, folder, recorder)
    await channel.start()
    await settle()
    shown = recorder.of(QRCodeEvent)[-1].payload
    network.scan_qr(ACCOUNT, shown)
    paired, connected = recorder.events[-2:]
    assert paired == PairedEvent(f"{ACCOUNT}@s.whatsapp.net")
    assert isinstance(connected, ConnectedEvent) and connected.jid == f"{ACCOUNT}@s.whatsapp.net"
    await advance(clock, 5 * QR_TTL_S)
    assert len(recorder.of(QRCodeEvent)) == 1  # no QR after linking
    await channel.stop()

    # The app restarts: a new network (new process) and a new channel on the same folder.
    reborn = SandboxNetwork(seed=7, clock=clock)
    again = Recorder()
    channel2 = new_channel(reborn, folder, again)
    assert await channel2.has_session()
    await channel2.start()
    await settle()
    assert [type(e) for e in again.events] == [ConnectedEvent]
    await channel2.send(text_to(channel2))
    await channel2.stop()


async def test_scanning_an_old_qr_is_refused(network, recorder, clock, tmp_path):
    channel = new_channel(network, tmp_path / "s", recorder)
    await channel.start()
    await settle()
    old = recorder.of(QRCodeEvent)[0].payload
    await advance(clock, QR_TTL_S)
    with pytest.raises(SandboxError, match="expirou"):
        network.scan_qr(ACCOUNT, old)
    assert not await channel.has_session()
    await channel.stop()


async def test_pairing_code_links_by_phone_number(network, recorder, tmp_path):
    channel = new_channel(network, tmp_path / "s", recorder)
    with pytest.raises(NotLoggedIn):
        await channel.request_pairing_code(ACCOUNT)
    await channel.start()
    with pytest.raises(ChannelError, match="inválido"):
        await channel.request_pairing_code("12")
    code = await channel.request_pairing_code("+55 11 91111-2222")
    assert len(code) == 9 and code[4] == "-" and code.replace("-", "").isalnum()
    assert recorder.of(PairingCodeEvent) == [PairingCodeEvent(code)]
    with pytest.raises(SandboxError, match="incorreto"):
        network.enter_pairing_code(ACCOUNT, "AAAA-AAAA" if code != "AAAA-AAAA" else "BBBB-BBBB")
    network.enter_pairing_code(ACCOUNT, code.lower().replace("-", ""))
    assert isinstance(recorder.events[-1], ConnectedEvent)
    assert await channel.has_session()
    with pytest.raises(ChannelError, match="já está vinculada"):
        await channel.request_pairing_code(ACCOUNT)
    await channel.stop()


async def test_phone_logout_forgets_the_session(connected, network, recorder):
    network.logout(ACCOUNT)
    assert isinstance(recorder.events[-1], LoggedOutEvent)
    assert not await connected.has_session()
    with pytest.raises(NotLoggedIn):
        await connected.send(text_to(connected))
    recorder.clear()
    connected.auto_link = False
    await connected.start()
    await settle()
    assert [type(e) for e in recorder.events] == [QRCodeEvent]


async def test_removal_while_app_closed_shows_at_next_start(network, recorder, tmp_path):
    folder = tmp_path / "s"
    channel = new_channel(network, folder, recorder, auto_link=True)
    await channel.start()
    await channel.stop()
    network.logout(ACCOUNT)
    recorder.clear()
    assert await channel.has_session()  # the device cannot know yet
    await channel.start()
    assert [type(e) for e in recorder.events] == [LoggedOutEvent]
    assert not await channel.has_session()


async def test_user_logout_unlinks_and_next_start_needs_qr(connected, recorder):
    await connected.logout()
    assert not await connected.has_session()
    connected.auto_link = False
    await connected.start()
    await settle()
    assert [type(e) for e in recorder.events] == [QRCodeEvent]


async def test_disconnect_with_retry_reconnects_by_itself(connected, network, recorder, clock):
    network.disconnect(ACCOUNT, will_retry=True)
    assert recorder.events[-1] == DisconnectedEvent("conexão com o WhatsApp perdida", True)
    with pytest.raises(ChannelError):
        await connected.send(text_to(connected))
    await connected.start()  # a supervisor poking start() meanwhile changes nothing
    network.customer(CUSTOMER).send_text("alguém aí?")  # waits on the server
    assert recorder.of(InboundMessage) == []
    await advance(clock, network.reconnect_after_s)
    assert [type(e) for e in recorder.events[-2:]] == [ConnectedEvent, InboundMessage]
    await connected.send(text_to(connected))


async def test_disconnect_without_retry_waits_for_start(connected, network, recorder, clock):
    network.disconnect(ACCOUNT, will_retry=False)
    await advance(clock, 60)
    assert recorder.of(ConnectedEvent) == []
    await connected.start()
    assert isinstance(recorder.events[-1], ConnectedEvent)


async def test_fail_next_send_fails_exactly_one_send(connected, network):
    network.fail_next_send(ACCOUNT, "erro 503 do servidor")
    out = text_to(connected, "Seu pedido saiu")
    with pytest.raises(ChannelError, match="erro 503"):
        await connected.send(out)
    assert network.customer(CUSTOMER).inbox == []
    await connected.send(out)  # the retry with the same id goes through
    assert network.customer(CUSTOMER).texts == ["Seu pedido saiu"]


async def test_offline_account_fails_sends_and_holds_inbound(connected, network, recorder):
    network.set_online(ACCOUNT, False)
    with pytest.raises(ChannelError, match="internet"):
        await connected.send(text_to(connected))
    first = network.customer(CUSTOMER).send_text("um")
    second = network.customer(CUSTOMER).send_text("dois")
    assert recorder.of(InboundMessage) == []
    network.set_online(ACCOUNT, True)
    assert [m.wa_id for m in recorder.of(InboundMessage)] == [first, second]
    await connected.send(text_to(connected))


async def test_messages_sent_while_stopped_arrive_after_start(connected, network, recorder):
    await connected.stop()
    ids = [network.customer(CUSTOMER).send_text(f"msg {i}") for i in range(3)]
    await connected.start()
    assert isinstance(recorder.events[0], ConnectedEvent)
    assert [m.wa_id for m in recorder.of(InboundMessage)] == ids


async def test_receipts_follow_the_configured_delays(connected, network, recorder, clock):
    out = text_to(connected)
    await connected.send(out)
    await advance(clock, 0.9)
    assert recorder.of(AckEvent) == []
    await advance(clock, 0.1)
    assert [(e.wa_ids, e.ack) for e in recorder.of(AckEvent)] == [((out.wa_id,), Ack.DELIVERED)]
    await advance(clock, 1.9)
    assert len(recorder.of(AckEvent)) == 1
    await advance(clock, 0.1)
    delivered, read = recorder.of(AckEvent)
    assert (read.wa_ids, read.ack, read.chat) == ((out.wa_id,), Ack.READ,
                                                  f"{CUSTOMER}@s.whatsapp.net")
    assert read.timestamp > delivered.timestamp


async def test_voice_note_gets_played_and_per_customer_delays(connected, network, recorder,
                                                              clock, tmp_path):
    slow = network.customer(CUSTOMER)
    slow.delivered_after_s, slow.read_after_s, slow.played_after_s = 10, 20, 30
    voice = tmp_path / "audio.ogg"
    voice.write_bytes(b"OggS voice")
    out = text_to(connected, "", MessageKind.VOICE, media_path=str(voice))
    await connected.send(out)
    await advance(clock, 9)
    assert recorder.of(AckEvent) == []
    for _ in range(3):
        await advance(clock, 10)
    assert [e.ack for e in recorder.of(AckEvent)] == [Ack.DELIVERED, Ack.READ, Ack.PLAYED]


async def test_customer_who_never_reads_only_delivers(connected, network, recorder, clock):
    network.customer(CUSTOMER).read_after_s = None
    await connected.send(text_to(connected))
    await advance(clock, 3600)
    assert [e.ack for e in recorder.of(AckEvent)] == [Ack.DELIVERED]


async def test_receipts_due_while_stopped_arrive_after_start(connected, network, recorder,
                                                             clock):
    a, b = text_to(connected, "a"), text_to(connected, "b")
    await connected.send(a)
    await connected.send(b)
    await connected.stop()
    await advance(clock, 100)
    assert recorder.of(AckEvent) == []
    await connected.start()
    await settle()
    acks = [(e.wa_ids, e.ack) for e in recorder.of(AckEvent)]
    assert acks == [((a.wa_id, b.wa_id), Ack.DELIVERED), ((a.wa_id, b.wa_id), Ack.READ)]


async def test_stop_leaves_no_task_running(network, recorder, clock, tmp_path):
    channel = new_channel(network, tmp_path / "s", recorder)
    await channel.start()
    code = await channel.request_pairing_code(ACCOUNT)
    network.enter_pairing_code(ACCOUNT, code)
    await channel.send(text_to(channel))
    network.disconnect(ACCOUNT, will_retry=True)
    await channel.stop()
    await settle()
    assert [t for t in asyncio.all_tasks() if t is not asyncio.current_task()] == []
    recorder.clear()
    await advance(clock, 3600)
    assert recorder.events == []


async def test_second_device_with_same_session_replaces_the_first(connected, network, recorder,
                                                                  tmp_path):
    other = Recorder()
    twin = new_channel(network, connected.session_dir, other)
    await twin.start()
    assert recorder.events[-1] == ConnectionFailedEvent("stream_replaced", retryable=False,
                                                        code=Reason.REPLACED)
    assert isinstance(other.events[-1], ConnectedEvent)
    network.customer(CUSTOMER).send_text("oi")
    assert len(other.of(InboundMessage)) == 1 and recorder.of(InboundMessage) == []
    await twin.stop()


async def test_same_seed_gives_identical_event_streams(tmp_path):
    async def script(folder: Path) -> list:
        clock = VirtualClock()
        net = SandboxNetwork(seed=42, clock=clock)
        rec = Recorder()
        channel = new_channel(net, folder, rec)
        await channel.start()
        await advance(clock, 20)
        net.scan_qr(ACCOUNT)
        ana = net.customer("11987654321", "Ana", lid="123456")
        ana.send_text("oi")
        ana.send_image()
        ana.send_voice()
        await channel.send(text_to(channel, "olá"))
        await channel.send(text_to(channel, "tudo bem?"))
        net.phone_send(ACCOUNT, "11987654321", "do celular")
        await advance(clock, 10)
        rec.events.extend(net.burst(ACCOUNT, 50, 5))
        await channel.stop()
        return rec.events

    first = await script(tmp_path / "a")
    second = await script(tmp_path / "b")
    assert len(first) > 20 and first == second
    different = SandboxNetwork(seed=43, clock=VirtualClock())
    assert (different.burst(ACCOUNT, 5, 5)
            != SandboxNetwork(seed=42, clock=VirtualClock()).burst(ACCOUNT, 5, 5))


async def test_works_on_the_real_clock(tmp_path):
    net = SandboxNetwork(seed=1, clock=SystemClock(), delivered_after_s=0.01, read_after_s=0.02)
    got: asyncio.Queue = asyncio.Queue()
    channel = SandboxChannel(net, ACCOUNT, tmp_path / "s", auto_link=True)
    channel.set_sink(got.put_nowait)
    await channel.start()
    out = text_to(channel)
    await channel.send(out)
    acks = []
    while len(acks) < 2:
        event = await asyncio.wait_for(got.get(), timeout=5)
        if isinstance(event, AckEvent):
            acks.append(event.ack)
    assert acks == [Ack.DELIVERED, Ack.READ]
    await channel.stop()


async def test_burst_covers_every_customer_deterministically(network, recorder, tmp_path):
    channel = new_channel(network, tmp_path / "s", recorder, auto_link=True)
    await channel.start()
    messages = network.burst(ACCOUNT, 20_000, 2_000, deliver=True, image_every=100)
    assert len(messages) == 20_000
    assert len({m.wa_id for m in messages}) == 20_000
    assert len({m.sender_phone for m in messages}) == 2_000
    assert sum(m.kind is MessageKind.IMAGE for m in messages) == 200
    assert recorder.of(InboundMessage) == messages
    assert all(a.timestamp < b.timestamp for a, b in zip(messages, messages[1:], strict=False))
    await channel.stop()


async def test_events_reach_the_sink_on_the_loop_thread(network, tmp_path):
    import threading

    seen: asyncio.Queue = asyncio.Queue()
    channel = SandboxChannel(network, ACCOUNT, tmp_path / "s", auto_link=True)
    channel.set_sink(lambda event: seen.put_nowait((threading.get_ident(), event)))
    await channel.start()
    await seen.get()  # PairedEvent
    await seen.get()  # ConnectedEvent
    customer = network.customer(CUSTOMER)
    await asyncio.to_thread(customer.send_text, "de outra thread")
    thread_id, event = await asyncio.wait_for(seen.get(), timeout=5)
    assert thread_id == threading.get_ident()
    assert isinstance(event, InboundMessage) and event.text == "de outra thread"
    await channel.stop()

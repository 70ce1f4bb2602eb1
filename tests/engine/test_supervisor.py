"""The connection supervisor as a user sees it: QR, connected, retrying, timeout, logged out."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest
from engine_helpers import FakeChannel, Recorder, wait_until

from whatdesk.domain.enums import ConnectionStatus as St
from whatdesk.domain.errors import ChannelError
from whatdesk.domain.events import (
    ConnectedEvent,
    DisconnectedEvent,
    LoggedOutEvent,
    PairedEvent,
    PairingTimeoutEvent,
    QRCodeEvent,
)
from whatdesk.engine.backoff import Backoff
from whatdesk.engine.events import ConnectionStatusChanged, PairingCodeChanged, QRCodeChanged
from whatdesk.engine.supervisor import ConnectionSupervisor

JID = "5511900000001@s.whatsapp.net"


class Sender:
    def __init__(self) -> None:
        self.connected = False

    def set_connected(self, connected: bool) -> None:
        self.connected = connected


@pytest.fixture
def make(db, bus, clock, connection_id):
    made = []

    def _make(channel: FakeChannel) -> tuple[ConnectionSupervisor, Sender]:
        sender = Sender()
        sup = ConnectionSupervisor(connection_id, channel, db, bus, clock, None, sender,
                                   Backoff(rng=random.Random(7)))
        made.append(sup)
        return sup, sender

    yield _make


def history(db, connection_id):
    from whatdesk.store import connection_status_history

    rows = db.read_sync(lambda s: connection_status_history(s, connection_id, 100))
    return [St(r.status) for r in reversed(rows)]  # the store lists newest first


def saved_row(db, connection_id):
    from whatdesk.store import get_connection

    return db.read_sync(lambda s: get_connection(s, connection_id))


async def settle(sup: ConnectionSupervisor) -> None:
    await sup._queue.join()


async def test_qr_scan_connects_and_records_every_step(make, db, bus, clock, connection_id):
    rec = Recorder(bus)
    channel = FakeChannel()
    sup, sender = make(channel)
    await sup.start()
    expires = clock.now() + timedelta(seconds=20)
    channel.emit(QRCodeEvent("2@abc", expires))
    await settle(sup)
    assert sup.status is St.QR_WAITING
    assert rec.of(QRCodeChanged)[-1].payload == "2@abc"
    channel.emit(QRCodeEvent("2@def", expires + timedelta(seconds=20)))  # refresh
    channel.emit(PairedEvent(JID))
    channel.emit(ConnectedEvent(JID, "Loja da Ana"))
    await settle(sup)

    assert sup.status is St.CONNECTED
    assert sender.connected
    assert [e.payload for e in rec.of(QRCodeChanged)] == ["2@abc", "2@def"]
    row = saved_row(db, connection_id)
    assert row.status == St.CONNECTED and row.jid == JID and row.push_name == "Loja da Ana"
    assert history(db, connection_id) == [St.CONNECTING, St.QR_WAITING, St.PAIRING, St.CONNECTED]
    assert [e.status for e in rec.of(ConnectionStatusChanged)] == history(db, connection_id)
    await sup.close()


async def test_lost_connection_retries_with_growing_delays_until_it_reconnects(make, clock):
    channel = FakeChannel(session=True, connect_on_start=True)
    sup, sender = make(channel)
    await sup.start()
    await settle(sup)
    assert sup.status is St.CONNECTED

    channel.start_failures = 3
    channel.emit(DisconnectedEvent("stream error", will_retry=False))
    await settle(sup)
    delays = []
    for _ in range(3):
        assert sup.status is St.DISCONNECTED and not sender.connected
        delays.append(sup.retry_in_s)
        starts = channel.starts
        clock.advance(sup.retry_in_s * 0.5)
        await settle(sup)
        assert channel.starts == starts  # not before its time
        clock.advance(sup.retry_in_s)
        prev = sup.retry_in_s
        await wait_until(lambda s=starts, p=prev: channel.starts == s + 1
                         and sup.status is St.DISCONNECTED and sup.retry_in_s != p)
    assert delays[0] < delays[1] < delays[2]
    assert 1.6 <= delays[0] <= 2.4 and 3.2 <= delays[1] <= 4.8 and 6.4 <= delays[2] <= 9.6

    # The 4th attempt succeeds; after that a new loss starts again from the short delay.
    clock.advance(sup.retry_in_s + 1)
    await wait_until(lambda: sup.status is St.CONNECTED)
    await settle(sup)
    assert sender.connected
    channel.emit(DisconnectedEvent("stream error", will_retry=False))
    await settle(sup)
    assert sup.status is St.DISCONNECTED and sup.retry_in_s <= 2.4
    await sup.close()


async def test_transport_that_retries_itself_is_left_alone_then_reconnects(make, clock):
    channel = FakeChannel(session=True, connect_on_start=True)
    sup, _ = make(channel)
    await sup.start()
    await settle(sup)
    channel.emit(DisconnectedEvent("network lost", will_retry=True))
    await settle(sup)
    assert sup.status is St.DISCONNECTED and sup.retry_in_s is None
    starts = channel.starts
    channel.emit(ConnectedEvent(JID))
    await settle(sup)
    assert sup.status is St.CONNECTED and channel.starts == starts
    await sup.close()


async def test_user_stop_does_not_trigger_a_reconnect(make, db, clock, connection_id):
    channel = FakeChannel(session=True, connect_on_start=True)
    sup, _ = make(channel)
    await sup.start()
    await settle(sup)
    await sup.stop()
    await settle(sup)
    clock.advance(1000)
    await settle(sup)
    assert sup.status is St.STOPPED
    assert channel.starts == 1
    assert saved_row(db, connection_id).status == St.STOPPED
    await sup.close()


async def test_logout_from_the_app_needs_a_new_qr(make, db, connection_id):
    channel = FakeChannel(session=True, connect_on_start=True)
    sup, sender = make(channel)
    await sup.start()
    await settle(sup)
    await sup.logout()
    assert sup.status is St.LOGGED_OUT and channel.logouts == 1 and not sender.connected
    assert saved_row(db, connection_id).status == St.LOGGED_OUT
    # connecting again starts a fresh client (which will show a QR code)
    channel.connect_on_start = False
    await sup.start()
    channel.emit(QRCodeEvent("2@new", sup._clock.now()))
    await settle(sup)
    assert sup.status is St.QR_WAITING
    await sup.close()


async def test_a_failed_logout_is_reported_and_not_shown_as_logged_out(make, db, connection_id):
    channel = FakeChannel(session=True, connect_on_start=True)
    sup, _ = make(channel)
    await sup.start()
    await settle(sup)
    channel.logout_error = ChannelError("sem internet")
    with pytest.raises(ChannelError, match="sem internet"):
        await sup.logout()
    await settle(sup)
    assert sup.status is St.STOPPED and "sem internet" in sup.detail
    assert saved_row(db, connection_id).status == St.STOPPED
    assert channel.session  # kept: logging out can be tried again
    await sup.close()


async def test_logout_from_the_phone_is_not_retried(make, clock):
    channel = FakeChannel(session=True, connect_on_start=True)
    sup, _ = make(channel)
    await sup.start()
    await settle(sup)
    channel.emit(LoggedOutEvent("removed from the phone"))
    await settle(sup)
    assert sup.status is St.LOGGED_OUT
    clock.advance(3600)
    await settle(sup)
    assert sup.status is St.LOGGED_OUT and channel.starts == 1
    await sup.close()


async def test_qr_expired_event_means_timeout_and_no_retry(make, clock):
    channel = FakeChannel()
    sup, _ = make(channel)
    await sup.start()
    channel.emit(QRCodeEvent("2@abc", clock.now()))
    channel.emit(PairingTimeoutEvent())
    await settle(sup)
    assert sup.status is St.TIMEOUT and not channel.running
    clock.advance(3600)
    await settle(sup)
    assert sup.status is St.TIMEOUT and channel.starts == 1
    await sup.close()


async def test_watchdog_times_out_a_qr_nobody_scans_even_while_codes_refresh(make, clock):
    channel = FakeChannel()
    sup, _ = make(channel)
    await sup.start()
    for _ in range(8):  # a new code every 20 s is not progress
        channel.emit(QRCodeEvent("2@x", clock.now() + timedelta(seconds=20)))
        await settle(sup)
        assert sup.status is St.QR_WAITING
        clock.advance(20)
        await settle(sup)
    clock.advance(25)  # 185 s since start
    await wait_until(lambda: sup.status is St.TIMEOUT)
    assert not channel.running and channel.stops == 1
    await sup.close()


async def test_watchdog_retries_a_saved_session_that_never_answers(make, clock):
    channel = FakeChannel(session=True)
    sup, _ = make(channel)
    await sup.start()
    assert sup.status is St.CONNECTING
    clock.advance(181)
    await wait_until(lambda: sup.status is St.DISCONNECTED)
    assert sup.retry_in_s is not None and channel.stops == 1
    await sup.close()


async def test_pairing_code_is_published_and_status_is_pairing(make, bus):
    rec = Recorder(bus)
    channel = FakeChannel()
    sup, _ = make(channel)
    code = await sup.request_pairing_code("(11) 98765-4321")
    await settle(sup)
    assert code == "ABCD-EFGH"
    assert rec.of(PairingCodeChanged)[-1].code == "ABCD-EFGH"
    assert sup.status is St.PAIRING
    await sup.close()


async def test_network_loss_after_a_qr_link_is_retried_not_timed_out(make, clock):
    channel = FakeChannel()
    sup, _ = make(channel)
    await sup.start()
    channel.emit(QRCodeEvent("2@abc", clock.now()))
    channel.emit(PairedEvent(JID))
    channel.emit(ConnectedEvent(JID))
    channel.emit(DisconnectedEvent("network lost", will_retry=True))
    await settle(sup)
    clock.advance(181)  # the transport never came back by itself
    await wait_until(lambda: sup.retry_in_s is not None)
    assert sup.status is St.DISCONNECTED and channel.stops == 1  # restarting, not TIMEOUT
    await sup.close()

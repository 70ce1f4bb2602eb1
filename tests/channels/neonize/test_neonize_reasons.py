"""Through the real neonize adapter (fake Go handle) and the supervisor, a failure reaches the
UI as a reason code, never as Go's or our prose; the status history keeps it readable."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import neonize.proto.Neonize_pb2 as N
import pytest
from neonize_factories import FakeGo, connect, deliver

from whatdesk.channels.neonize import NeonizeChannel
from whatdesk.domain.clock import VirtualClock
from whatdesk.domain.enums import ConnectionStatus as S
from whatdesk.domain.reasons import Reason
from whatdesk.engine.backoff import Backoff
from whatdesk.engine.bus import EventBus
from whatdesk.engine.events import ConnectionStatusChanged
from whatdesk.engine.supervisor import ConnectionSupervisor
from whatdesk.store import Database, connection_status_history, create_connection, sqlite_url


class Supervised:
    def __init__(self, supervisor: ConnectionSupervisor, statuses: list[ConnectionStatusChanged],
                 db: Database, cid: int) -> None:
        self.supervisor, self.statuses, self.db, self.cid = supervisor, statuses, db, cid

    def history(self) -> list[str]:
        return [e.detail for e in self.db.read_sync(
            lambda s: connection_status_history(s, self.cid, 50))]


@pytest.fixture
async def supervised(tmp_path: Path, clock: VirtualClock, fake_go: FakeGo
                     ) -> AsyncIterator[Supervised]:
    db = Database.open(sqlite_url(tmp_path / "whatdesk.db"))
    cid = db.write_sync(lambda s: create_connection(s, "Loja", channel="neonize")).id
    bus = EventBus()
    statuses: list[ConnectionStatusChanged] = []
    bus.subscribe(ConnectionStatusChanged, statuses.append)
    channel = NeonizeChannel(tmp_path / "sessions" / "1.db", "conn-1", clock=clock)
    channel.client._NewAClient__client = fake_go  # type: ignore[attr-defined]
    channel.register_grace_s = 0
    sup = ConnectionSupervisor(cid, channel, db, bus, clock, None, None,
                               Backoff(initial=30.0, jitter=0.0))
    yield Supervised(sup, statuses, db, cid)
    await sup.close()
    db.close()


async def _until(predicate: Callable[[], Any]) -> None:
    for _ in range(500):
        if predicate():
            return
        await asyncio.sleep(0.01)
    raise AssertionError("timed out")


async def test_no_internet_from_go_becomes_no_internet_with_the_raw_text_as_detail(
        supervised: Supervised, fake_go: FakeGo) -> None:
    fake_go.connect_error = (b"failed to dial whatsapp server: dial tcp: lookup "
                             b"web.whatsapp.com on 127.0.0.53:53: no such host")
    await supervised.supervisor.start()
    await _until(lambda: supervised.supervisor.status is S.DISCONNECTED)
    await supervised.supervisor.drain()
    last = supervised.statuses[-1]
    assert last.status is S.DISCONNECTED and last.reason is Reason.NO_INTERNET
    assert last.retry_in_s == 30.0 and "no such host" in last.detail
    assert supervised.history()[0].startswith("no_internet: ")  # readable in the history


@pytest.mark.parametrize(("event", "status", "reason"), [
    (N.LoggedOut(OnConnect=False, Reason=N.LOGGED_OUT), S.LOGGED_OUT, Reason.LOGGED_OUT_BY_PHONE),
    (N.StreamReplaced(), S.DISCONNECTED, Reason.REPLACED),
    (N.ClientOutdated(), S.DISCONNECTED, Reason.OUTDATED),
    (N.TemporaryBan(Code=N.TemporaryBan.SEND_TO_TOO_MANY_PEOPLE, Expire=7200), S.DISCONNECTED,
     Reason.BANNED),
    (N.Disconnected(status=True), S.DISCONNECTED, Reason.CONNECTION_LOST),
    (N.KeepAliveTimeout(ErrorCount=2, LastSuccess=0), S.DISCONNECTED, Reason.NO_RESPONSE),
], ids=["logged-out", "replaced", "outdated", "banned", "lost", "keepalive"])
async def test_whatsapp_lifecycle_events_carry_reason_codes(
        supervised: Supervised, event: Any, status: S, reason: Reason) -> None:
    sup = supervised.supervisor
    await sup.start()
    await connect(sup.channel)
    await _until(lambda: sup.status is S.CONNECTED)
    await deliver(sup.channel, event)
    await _until(lambda: sup.status is status)
    await sup.drain()
    assert supervised.statuses[-1].reason is reason


async def test_logging_out_in_the_app_is_not_reported_as_the_phone(
        supervised: Supervised, fake_go: FakeGo) -> None:
    sup = supervised.supervisor
    await sup.start()
    await connect(sup.channel)
    await _until(lambda: sup.status is S.CONNECTED)
    await sup.logout()
    assert supervised.statuses[-1].status is S.LOGGED_OUT
    assert supervised.statuses[-1].reason is Reason.LOGGED_OUT_BY_USER
    assert supervised.history()[0] == "logged_out_by_user"


async def test_a_never_linked_connection_does_not_start_at_launch(
        supervised: Supervised, fake_go: FakeGo) -> None:
    await supervised.supervisor.resume()
    assert "Neonize" not in fake_go.names()  # no QR codes generated for nobody
    assert supervised.statuses[-1].status is S.STOPPED
    assert supervised.statuses[-1].reason is Reason.NOT_LINKED

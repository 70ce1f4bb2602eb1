"""The runtime: channel factory, start/close of every client."""

from __future__ import annotations

import asyncio

from engine_helpers import wait_until

from whatdesk.channels.neonize import NeonizeChannel
from whatdesk.channels.sandbox import SandboxChannel, SandboxNetwork
from whatdesk.domain.clock import VirtualClock
from whatdesk.domain.enums import ConnectionStatus
from whatdesk.services.runtime import EXECUTOR_THREADS, Runtime
from whatdesk.store import create_connection


async def test_factory_gives_each_connection_its_own_transport_and_session_path(tmp_path):
    rt = Runtime.open(tmp_path / "data", clock=VirtualClock(), sandbox=SandboxNetwork(seed=1))
    try:
        real = rt.db.write_sync(lambda s: create_connection(s, "Real", channel="neonize"))
        fake = rt.db.write_sync(lambda s: create_connection(s, "Demo", channel="sandbox"))
        neonize = rt.make_channel(real)  # constructing does no I/O and no network
        sandbox = rt.make_channel(fake)
        assert isinstance(neonize, NeonizeChannel)
        sessions = (tmp_path / "data" / "sessions").resolve()
        assert neonize.session_path == sessions / f"{real.id}-{real.session_token}.db"
        assert isinstance(sandbox, SandboxChannel)
        assert sandbox.session_dir == sessions / f"sandbox-{fake.id}-{fake.session_token}"
        assert sandbox.network is rt.sandbox
    finally:
        await rt.close()


async def test_start_connects_all_but_user_disconnected_and_close_stops_them(tmp_path):
    network = SandboxNetwork(seed=1)
    rt = Runtime.open(tmp_path / "data", clock=VirtualClock(), sandbox=network,
                      sandbox_auto_link=True)
    on = rt.db.write_sync(lambda s: create_connection(s, "A", channel="sandbox"))
    off = rt.db.write_sync(lambda s: create_connection(s, "B", channel="sandbox",
                                                       user_disconnected=True))
    await rt.start()
    loop = asyncio.get_running_loop()
    assert loop._default_executor._max_workers == EXECUTOR_THREADS  # type: ignore[attr-defined]
    await wait_until(lambda: rt.handle(on.id).supervisor.status is ConnectionStatus.CONNECTED)
    assert rt.handle(off.id).supervisor.status is ConnectionStatus.STOPPED
    channel = rt.handle(on.id).channel
    await rt.close()
    assert not channel.is_connected
    assert rt.db.closed

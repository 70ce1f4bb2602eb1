"""The real Runtime on a SQLite file, linked to a sandbox network on virtual time."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from engine_helpers import Recorder, wait_until

from whatdesk.channels.sandbox import SandboxNetwork
from whatdesk.domain.clock import VirtualClock
from whatdesk.domain.enums import ConnectionStatus
from whatdesk.services.runtime import Runtime, sandbox_account_phone


@dataclass
class App:
    runtime: Runtime
    network: SandboxNetwork
    clock: VirtualClock
    connection_id: int
    phone: str
    events: Recorder
    data_dir: Path

    def read(self, fn: Callable[[Any], Any]) -> Any:
        return self.runtime.db.read_sync(fn)

    async def advance_until(self, cond: Callable[[], bool], step: float = 0.5,
                            max_s: float = 600) -> None:
        """Move virtual time forward in small steps until cond() holds."""
        moved = 0.0
        while not cond():
            if moved > max_s:
                raise AssertionError("condition not reached within the simulated time")
            await asyncio.sleep(0.005)
            await self.runtime.drain()
            if cond():
                return
            self.clock.advance(step)
            moved += step


async def open_app(data_dir: Path, network: SandboxNetwork, clock: VirtualClock,
                   create: bool = True, wait_connected: bool = True, **fields: Any) -> App:
    runtime = Runtime.open(data_dir, clock=clock, sandbox=network, sandbox_auto_link=True)
    events = Recorder(runtime.bus)
    if create:
        row = await runtime.connections.create("Loja", channel="sandbox", **fields)
        cid = row.id
    else:
        cid = (await runtime.connections.list())[0].id
    await runtime.start()
    if wait_connected:
        sup = runtime.handle(cid).supervisor
        await wait_until(lambda: sup.status is ConnectionStatus.CONNECTED)
    return App(runtime, network, clock, cid, sandbox_account_phone(cid), events, data_dir)

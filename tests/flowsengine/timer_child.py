"""Run by test_timer_crash.py in a subprocess: runs waiting on delay timers, killed and resumed.

    python timer_child.py DATA_DIR setup N      -> prints WAITING once N runs wait on a timer
    python timer_child.py DATA_DIR resume N     -> prints READY, then DONE when no run waits

The clock is virtual (the test harness's own, not the app's): `setup` starts at T, `resume`
one hour later, so every timer is overdue when the app comes back.
"""

from __future__ import annotations

import asyncio
import logging
import os
import sqlite3
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from whatdesk.channels.sandbox import SandboxNetwork
from whatdesk.domain.clock import VirtualClock
from whatdesk.domain.enums import ConnectionStatus
from whatdesk.services.runtime import Runtime, sandbox_account_phone

T0 = datetime(2025, 1, 6, 12, 0, tzinfo=UTC)
FLOW = {
    "format": "whatdesk.flow", "schema": 1, "id": "timer-flow", "name": "Espera",
    "nodes": [
        {"id": "start", "type": "start", "x": 0, "y": 0, "config": {}},
        {"id": "hello", "type": "message", "x": 200, "y": 0, "config": {"text": "aguarde"}},
        {"id": "wait", "type": "delay", "x": 400, "y": 0, "config": {"seconds": 60}},
        {"id": "fired", "type": "message", "x": 600, "y": 0, "config": {"text": "disparou"}},
        {"id": "end", "type": "end", "x": 800, "y": 0, "config": {}},
    ],
    "edges": [{"from": "start", "port": "next", "to": "hello"},
              {"from": "hello", "port": "next", "to": "wait"},
              {"from": "wait", "port": "next", "to": "fired"},
              {"from": "fired", "port": "next", "to": "end"}],
}


def waiting_runs(data_dir: Path) -> int:
    with sqlite3.connect(f"file:{data_dir / 'whatdesk.db'}?mode=ro", uri=True, timeout=5) as db:
        return db.execute("SELECT count(*) FROM flow_runs WHERE status = 'waiting_timer'"
                          ).fetchone()[0]


async def main(data_dir: Path, phase: str, n: int) -> None:
    clock = VirtualClock(start=T0 if phase == "setup" else T0 + timedelta(hours=1))
    # A new seed per process: the sandbox's message ids are a seeded sequence, and a restart
    # must not generate the ids the previous process already stored.
    network = SandboxNetwork(seed=os.getpid(), clock=clock)
    runtime = Runtime.open(data_dir, clock=clock, sandbox=network, sandbox_auto_link=True)
    if phase == "resume-slow":
        # The process the test kills mid-firing: each write waits a little first, so the
        # firing lasts seconds and the kill lands inside it even on a loaded machine.
        write = runtime.db.write
        one_at_a_time = asyncio.Lock()  # timers fire concurrently: queue their writes

        async def slow_write(*args: object, **kwargs: object) -> object:
            async with one_at_a_time:
                await asyncio.sleep(0.005)
                return await write(*args, **kwargs)

        runtime.db.write = slow_write  # type: ignore[method-assign]
    if phase == "setup":
        row = await runtime.connections.create("Timers", channel="sandbox", min_gap_ms=0)
        await runtime.flows.save_draft(FLOW)
        await runtime.flows.publish("timer-flow")
        await runtime.flows.set_welcome_flow(row.id, "timer-flow")
    await runtime.start()
    cid = (await runtime.connections.list())[0].id
    supervisor = runtime.handle(cid).supervisor
    while supervisor.status is not ConnectionStatus.CONNECTED:
        await asyncio.sleep(0.01)
    if phase == "setup":
        network.burst(sandbox_account_phone(cid), n, n, deliver=True)
        await runtime.drain()
        while waiting_runs(data_dir) < n:
            await asyncio.sleep(0.05)
        print("WAITING", flush=True)
        await asyncio.sleep(3600)  # the test kills us here
        return
    print("READY", flush=True)
    while waiting_runs(data_dir) > 0:
        await asyncio.sleep(0.02)
    await runtime.drain()
    print("DONE", flush=True)
    await runtime.close()


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING)
    asyncio.run(main(Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])))

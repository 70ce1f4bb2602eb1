"""Run by test_crash.py in a subprocess: the real runtime takes a sandbox burst into SQLite.

    python crash_child.py DATA_DIR MESSAGES CONTACTS

Prints READY once connected, then DONE when every message of the burst is committed. The
network is seeded and the clock virtual, so each run replays the very same messages (same
WhatsApp ids), the way WhatsApp redelivers what it never saw acknowledged.
"""

from __future__ import annotations

import asyncio
import logging
import sys
from pathlib import Path

from whatdesk.channels.sandbox import SandboxNetwork
from whatdesk.domain.clock import VirtualClock
from whatdesk.domain.enums import ConnectionStatus
from whatdesk.services.runtime import Runtime, sandbox_account_phone


async def main(data_dir: Path, n_messages: int, n_contacts: int) -> None:
    clock = VirtualClock()
    network = SandboxNetwork(seed=5, clock=clock)
    runtime = Runtime.open(data_dir, clock=clock, sandbox=network, sandbox_auto_link=True)
    if not await runtime.connections.list():
        await runtime.connections.create("Crash", channel="sandbox")
    await runtime.start()
    cid = (await runtime.connections.list())[0].id
    supervisor = runtime.handle(cid).supervisor
    while supervisor.status is not ConnectionStatus.CONNECTED:
        await asyncio.sleep(0.01)
    print("READY", flush=True)
    network.burst(sandbox_account_phone(cid), n_messages, n_contacts, deliver=True)
    await runtime.drain()
    print("DONE", flush=True)
    await runtime.close()


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING)
    asyncio.run(main(Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])))

"""Run by test_accept_race.py: one desktop clicking Accept at an agreed instant.

    python accept_child.py DATA_DIR DATABASE_URL TICKET_ID AGENT_ID START_AT

Prints WON, or LOST followed by the name the service gives for the winner.
"""

from __future__ import annotations

import asyncio
import sys
import time
from pathlib import Path

from whatdesk.services.runtime import Runtime
from whatdesk.services.tickets import TakenByAnother


async def main(data_dir: Path, url: str, ticket_id: int, agent_id: int, start_at: float) -> None:
    runtime = Runtime.open(data_dir, url)
    try:
        await runtime.tickets.get(ticket_id)  # connected and warm before the instant
        await asyncio.sleep(max(0.0, start_at - time.time()))
        try:
            await runtime.tickets.accept(ticket_id, agent_id)
            print("WON", flush=True)
        except TakenByAnother as exc:
            print(f"LOST {exc.agent_name}", flush=True)
    finally:
        await runtime.close()


if __name__ == "__main__":
    asyncio.run(main(Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]), int(sys.argv[4]),
                     float(sys.argv[5])))

"""Run by test_neonize_outbound_queue.py in a subprocess: the outbound queue of one
connection sends through NeonizeChannel to a fake Go handle.

    python outbound_crash_child.py DATA_DIR CONNECTION_ID SENDS_LOG kill|finish

Every SendMessage that reaches "Go" appends the text to SENDS_LOG (fsynced) before it
answers. With ``kill`` the process SIGKILLs itself right there: WhatsApp has the message,
our database has not recorded it. With ``finish`` it waits until nothing is pending and exits.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from neonize.proto.waE2E import WAWebProtobufsE2E_pb2 as E  # noqa: E402
from neonize_factories import FakeGo, connect  # noqa: E402

from whatdesk.channels.neonize import NeonizeChannel  # noqa: E402
from whatdesk.domain.clock import VirtualClock  # noqa: E402
from whatdesk.engine.bus import EventBus  # noqa: E402
from whatdesk.engine.outbound import OutboundSender  # noqa: E402
from whatdesk.store import Database, pending_outbound, sqlite_url  # noqa: E402


class LoggingGo(FakeGo):
    def __init__(self, log_path: Path, kill: bool) -> None:
        super().__init__()
        self._log_path = log_path
        self._kill = kill

    async def SendMessage(self, uuid: bytes, to: bytes, to_len: int, msg: bytes,
                          msg_len: int) -> bytes:
        answer = await super().SendMessage(uuid, to, to_len, msg, msg_len)
        with open(self._log_path, "a", encoding="utf-8") as fh:
            fh.write(E.Message.FromString(msg).conversation + "\n")
            fh.flush()
            os.fsync(fh.fileno())
        if self._kill:
            os.kill(os.getpid(), signal.SIGKILL)
        return answer


async def main(data_dir: Path, cid: int, log_path: Path, kill: bool) -> None:
    db = Database.open(sqlite_url(data_dir / "whatdesk.db"))
    clock = VirtualClock(autoadvance=True)
    channel = NeonizeChannel(data_dir / "sessions" / f"{cid}.db", f"conn-{cid}", clock=clock)
    channel.client._NewAClient__client = LoggingGo(log_path, kill)  # type: ignore[attr-defined]
    channel.register_grace_s = 0
    channel.set_sink(lambda event: None)
    await connect(channel)
    sender = OutboundSender(cid, channel, db, EventBus(), clock, min_gap_ms=0)
    sender.start()
    sender.set_connected(True)
    for _ in range(30_000):
        if not await db.read(lambda s: pending_outbound(s, cid)):
            break
        await asyncio.sleep(0.002)
    else:
        raise SystemExit("the queue never emptied")
    await sender.close()
    await channel.stop()
    db.close()


if __name__ == "__main__":
    asyncio.run(main(Path(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3]),
                     sys.argv[4] == "kill"))

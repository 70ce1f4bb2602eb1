"""Run by test_neonize_journal.py in a subprocess: the real runtime with one neonize connection
whose Go handle is faked; messages arrive through neonize's real ctypes dispatch.

    python journal_child.py DATA_DIR kill WA_ID...     deliver from a Go thread, then SIGKILL
    python journal_child.py DATA_DIR restart WA_ID...    start again (the journal replays)
    python journal_child.py DATA_DIR redeliver WA_ID...  start again; WhatsApp resends the ids

``kill`` blocks the loop thread while the "Go" thread delivers, so nothing of ours can commit
before the kill: it lands right after the callback has returned to Go, when whatsmeow would
send its receipt (so WhatsApp never redelivers them). The other modes print ``STORED <n>``
(messages with those ids) once every message is committed, or after 10 s.
"""

from __future__ import annotations

import asyncio
import ctypes
import logging
import os
import signal
import sqlite3
import sys
import threading
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

import neonize.aioze.client as neonize_client  # noqa: E402
from neonize.events import EVENT_TO_INT  # noqa: E402
from neonize.proto import Neonize_pb2 as N  # noqa: E402
from neonize.proto.waE2E.WAWebProtobufsE2E_pb2 import Message as WAMessage  # noqa: E402
from neonize_factories import FakeGo, message_ev  # noqa: E402

from whatdesk.services.runtime import Runtime  # noqa: E402


class _NoRealGo:
    """Any call into the real Go library from the child is a test failure."""

    def __getattr__(self, name: str) -> Any:
        raise AssertionError(f"the child reached the real Go {name}()")


def go_dispatch(channel: Any, ev: Any) -> None:
    """What whatsmeow does: call the ctypes event callback neonize handed to Go at connect
    (so a neonize that stops routing it through our journal fails these tests)."""
    fake_go = channel.client._NewAClient__client
    event_cb = fake_go.args("Neonize")[-1][8]  # Neonize(name, uuid, jid, size, new, log,
    # qr_cb, login_cb, event_cb, ...)
    data = ev.SerializePartialToString()
    buf = ctypes.create_string_buffer(data, len(data))
    event_cb(channel.client.uuid, ctypes.addressof(buf), len(data), EVENT_TO_INT[type(ev)])


def stored(db_path: Path, wa_ids: list[str]) -> int:
    marks = ",".join("?" * len(wa_ids))
    with sqlite3.connect(db_path) as db:
        return db.execute(f"SELECT count(*) FROM messages WHERE wa_id IN ({marks})",
                          wa_ids).fetchone()[0]


async def main(data_dir: Path, mode: str, wa_ids: list[str]) -> None:
    neonize_client.gocode = _NoRealGo()
    real_make_channel = Runtime.make_channel

    def make_channel(self: Runtime, row: Any) -> Any:
        channel = real_make_channel(self, row)
        channel.client._NewAClient__client = FakeGo()
        channel.register_grace_s = 0
        return channel

    Runtime.make_channel = make_channel  # type: ignore[method-assign]
    runtime = Runtime.open(data_dir)
    if not await runtime.connections.list():
        await runtime.connections.create("WhatsApp", channel="neonize")
    await runtime.start()
    cid = (await runtime.connections.list())[0].id
    # a connection with no saved session waits for the user to link it: link it
    await runtime.connections.connect(cid)
    channel = runtime.handle(cid).channel
    events = [message_ev(WAMessage(conversation=f"pedido {wa_id}"), msg_id=wa_id)
              for wa_id in wa_ids]

    if mode == "kill":
        def whatsmeow() -> None:
            for ev in events:
                go_dispatch(channel, ev)
            os.kill(os.getpid(), signal.SIGKILL)  # the receipt would go out now

        thread = threading.Thread(target=whatsmeow, name="go-dispatch")
        thread.start()
        thread.join()  # the loop thread waits here: nothing of ours runs before the kill
        raise AssertionError("not killed")

    go_dispatch(channel, N.Connected(status=True))
    if mode == "redeliver":  # WhatsApp sends the very same messages again
        thread = threading.Thread(target=lambda: [go_dispatch(channel, ev) for ev in events])
        thread.start()
        await asyncio.to_thread(thread.join)
    db_path = data_dir / "whatdesk.db"
    journal = getattr(channel, "journal", None)

    def pending() -> int:
        return journal.pending_count() if journal is not None else 0

    for _ in range(1000):
        await channel.flush()
        await runtime.drain()
        if stored(db_path, wa_ids) >= len(wa_ids) and pending() == 0:
            break
        await asyncio.sleep(0.01)
    await runtime.drain()
    print(f"STORED {stored(db_path, wa_ids)}", flush=True)
    print(f"PENDING {pending()}", flush=True)
    await runtime.close()


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING)
    asyncio.run(main(Path(sys.argv[1]), sys.argv[2], sys.argv[3:]))

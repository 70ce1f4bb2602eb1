"""Store failures never drop an inbound message: writes are retried with backoff, and a store
that keeps failing stops the connection (visibly) until it works again."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from pathlib import Path
from typing import Any

import pytest
from journal_child import go_dispatch
from neonize.proto import Neonize_pb2 as N
from neonize.proto.waE2E.WAWebProtobufsE2E_pb2 import Message as WAMessage
from neonize_factories import FakeGo, jid, message_ev, source

import whatdesk.engine.inbound as inbound_module
from whatdesk.domain.enums import ConnectionStatus
from whatdesk.domain.errors import StoreError
from whatdesk.engine.backoff import Backoff
from whatdesk.engine.events import ConnectionStatusChanged, ErrorRaised
from whatdesk.services.runtime import Runtime

CHATS = ["5511999990001", "5511999990002"]


class RestartableFakeGo(FakeGo):
    """A fake Go handle that can connect again after Stop (a resumed connection)."""

    async def Neonize(self, *args: Any) -> bytes:
        self.stopped.clear()
        return await super().Neonize(*args)


def stored_rows(data_dir: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(data_dir / "whatdesk.db") as db:
        return db.execute("SELECT wa_id, text FROM messages ORDER BY wa_id").fetchall()


@pytest.fixture
async def runtime(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    real_make_channel = Runtime.make_channel

    def make_channel(self: Runtime, row: Any) -> Any:
        channel = real_make_channel(self, row)
        channel.client._NewAClient__client = RestartableFakeGo()
        channel.register_grace_s = 0
        return channel

    monkeypatch.setattr(Runtime, "make_channel", make_channel)
    rt = Runtime.open(tmp_path / "data")
    # Real backoff, tiny delays: 50 failures take a fraction of a second.
    rt.pipeline.retry_backoff = lambda: Backoff(initial=0.001, factor=1.0, maximum=0.001,
                                                jitter=0.0)
    await rt.connections.create("WhatsApp", channel="neonize")
    yield rt
    await rt.close()


@pytest.mark.parametrize("failures", [1, 3, 50])
async def test_consecutive_write_failures_lose_nothing_and_double_nothing(
        runtime, tmp_path, monkeypatch, failures):
    real_record = inbound_module.record_inbound
    failed = 0

    def flaky_record_inbound(*args: Any, **kwargs: Any) -> Any:
        nonlocal failed
        if failed < failures:
            failed += 1
            raise StoreError("Erro de leitura/gravação no disco (simulado)")
        return real_record(*args, **kwargs)

    monkeypatch.setattr(inbound_module, "record_inbound", flaky_record_inbound)
    statuses: list[ConnectionStatusChanged] = []
    errors: list[ErrorRaised] = []
    runtime.bus.subscribe(ConnectionStatusChanged, statuses.append)
    runtime.bus.subscribe(ErrorRaised, errors.append)
    await runtime.start()
    [row] = await runtime.connections.list()
    await runtime.connections.connect(row.id)  # never linked: it waits for the user
    channel = runtime.handle(row.id).channel
    go_dispatch(channel, N.Connected(status=True))

    wa_ids = [f"3EB0FAIL{failures:02d}{n:012d}" for n in range(4)]
    events = [message_ev(WAMessage(conversation=f"mensagem {n}"), msg_id=wa_id,
                         src=source(jid(CHATS[n % 2])))
              for n, wa_id in enumerate(wa_ids)]
    whatsmeow = threading.Thread(target=lambda: [go_dispatch(channel, ev) for ev in events])
    whatsmeow.start()
    await asyncio.to_thread(whatsmeow.join)

    data_dir = tmp_path / "data"
    for _ in range(1000):
        await channel.flush()
        await runtime.drain()
        if len(stored_rows(data_dir)) >= len(wa_ids) and channel.journal.pending_count() == 0:
            break
        await asyncio.sleep(0.01)

    assert failed == failures
    assert stored_rows(data_dir) == [(w, f"mensagem {n}") for n, w in enumerate(wa_ids)]
    assert channel.journal.pending_count() == 0
    stopped = [s for s in statuses if s.status is ConnectionStatus.DISCONNECTED
               and "salvar" in s.detail]
    if failures >= inbound_module.STOP_AFTER_FAILURES:
        # The user saw why the connection stopped, and it came back once writes worked.
        assert stopped and "salvar as mensagens recebidas" in stopped[0].detail
        assert any("não estão sendo salvas" in e.message for e in errors)
        after = statuses[statuses.index(stopped[0]) + 1:]
        assert any(s.status is ConnectionStatus.CONNECTING for s in after)
    else:
        assert stopped == []  # a short hiccup is retried quietly

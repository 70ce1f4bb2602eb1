"""goneonize's client maps have no lock: no Go call that reads them may run while another
writes them. A fake Go library with one set of maps, called from worker threads exactly as
neonize calls the real one (asyncio.to_thread), records every overlap; events come back
through neonize's real ctypes dispatch."""

from __future__ import annotations

import asyncio
import ctypes
import gc
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import neonize.aioze.client as neonize_client
from neonize.events import EVENT_TO_INT
from neonize.proto import Neonize_pb2 as N
from neonize.proto.waE2E import WAWebProtobufsE2E_pb2 as E
from neonize_factories import CUSTOMER, OWN, jid

from whatdesk.channels.neonize import NeonizeChannel
from whatdesk.domain.enums import MessageKind
from whatdesk.domain.events import OutboundMessage, SendResult

CUSTOMER_JID = f"{CUSTOMER}@s.whatsapp.net"
IN_GO_S = 0.003  # how long each fake Go call stays inside the maps: widens every window


class GoMaps:
    """The Go library's global state: one ``clients`` map for every account, and a record of
    what would have crashed the process."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.clients: dict[bytes, threading.Event] = {}
        self.readers = 0
        self.writers = 0
        self.most_readers = 0
        self.crashes: list[str] = []
        self.wire: list[tuple[bytes, str]] = []  # (account uuid, text) as sent to WhatsApp

    @contextmanager
    def reading(self, what: str, uuid: bytes) -> Iterator[None]:
        with self._lock:
            if self.writers:
                self.crashes.append(f"{what}: concurrent map read and map write")
            if uuid not in self.clients:
                self.crashes.append(f"{what}: nil client (Go dropped {uuid!r})")
            self.readers += 1
            self.most_readers = max(self.most_readers, self.readers)
        try:
            time.sleep(IN_GO_S)
            yield
        finally:
            with self._lock:
                self.readers -= 1

    @contextmanager
    def writing(self, what: str) -> Iterator[None]:
        with self._lock:
            if self.readers or self.writers:
                self.crashes.append(f"{what}: map write during {self.readers} read(s) and "
                                    f"{self.writers} write(s)")
            self.writers += 1
        try:
            time.sleep(IN_GO_S)
            yield
        finally:
            with self._lock:
                self.writers -= 1


class ThreadedGo:
    """One account's view of the fake library (neonize's ``client._NewAClient__client``):
    every call runs in a worker thread, as neonize's ``asyncio.to_thread`` does."""

    def __init__(self, maps: GoMaps) -> None:
        self.maps = maps
        self.send_entered = threading.Event()
        self.hold_send: threading.Event | None = None  # a SendMessage waits for this
        self.second_send_releases = False  # the 2nd SendMessage in Go sets hold_send
        self.sends_entered = 0
        self._count_lock = threading.Lock()

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        impl = getattr(self, f"_{name}")
        return lambda *args: asyncio.to_thread(impl, *args)

    def _Neonize(self, db: bytes, uuid: bytes, *args: Any) -> bytes:
        event_cb = args[6]  # neonize's ctypes callback into client.event.execute
        stopped = threading.Event()
        with self.maps.writing("Neonize registering the client"):
            self.maps.clients[uuid] = stopped
        with self.maps.reading("Neonize before its first event", uuid):
            pass
        data = N.Connected(status=True).SerializeToString()
        buf = ctypes.create_string_buffer(data, len(data))
        event_cb(uuid, ctypes.addressof(buf), len(data), EVENT_TO_INT[N.Connected])
        stopped.wait()
        return b""

    def _Stop(self, uuid: bytes) -> None:
        with self.maps.writing("Stop"):
            stopped = self.maps.clients.pop(uuid, None)
        if stopped is not None:
            stopped.set()

    def _GetMe(self, uuid: bytes) -> bytes:
        with self.maps.reading("GetMe", uuid):
            return N.Device(JID=jid(OWN), LID=jid("999", "lid"), Platform="chrome",
                            BussinessName="", PushName="Loja", Initialized=True
                            ).SerializePartialToString()

    def _SendMessage(self, uuid: bytes, to: bytes, to_len: int, msg: bytes, msg_len: int) -> bytes:
        with self.maps.reading("SendMessage", uuid):
            with self._count_lock:
                self.sends_entered += 1
                nth = self.sends_entered
            self.send_entered.set()
            if self.hold_send is not None:
                if self.second_send_releases and nth >= 2:
                    self.hold_send.set()
                self.hold_send.wait(5)
            self.maps.wire.append((uuid, E.Message.FromString(msg).conversation))
        resp = N.SendResponse(ID="3EB0" + msg[-6:].hex().upper(), Timestamp=0, ServerID=0)
        return N.SendMessageReturnFunction(SendResponse=resp).SerializePartialToString()

    def _MarkRead(self, uuid: bytes, *args: Any) -> bytes:
        with self.maps.reading("MarkRead", uuid):
            return b""

    def _SendChatPresence(self, uuid: bytes, *args: Any) -> bytes:
        with self.maps.reading("SendChatPresence", uuid):
            return b""


def account(tmp_path: Any, name: str, maps: GoMaps) -> tuple[NeonizeChannel, ThreadedGo]:
    ch = NeonizeChannel(tmp_path / f"{name}.db", name)
    go = ThreadedGo(maps)
    ch.client._NewAClient__client = go  # type: ignore[attr-defined]
    ch.set_sink(lambda event: None)
    return ch, go


def text(body: str) -> OutboundMessage:
    return OutboundMessage(wa_id="3EB0OURS00000000000001", to=CUSTOMER_JID,
                           kind=MessageKind.TEXT, text=body)


async def until(predicate: Any, rounds: int = 500) -> None:
    for _ in range(rounds):
        if predicate():
            return
        await asyncio.sleep(0.01)
    raise AssertionError("condition never became true")


async def test_two_accounts_starting_and_stopping_while_both_send_never_race_in_go(tmp_path):
    maps = GoMaps()
    accepted: dict[str, list[str]] = {"a": [], "b": []}

    async def life(name: str) -> None:
        ch, _go = account(tmp_path, name, maps)
        for round_ in range(4):
            await ch.start()
            await until(lambda: ch.logged_in)
            bodies = [f"{name}-{round_}-{i}" for i in range(6)]
            results = await asyncio.gather(
                *(ch.send(text(body)) for body in bodies),
                ch.mark_read(CUSTOMER_JID, CUSTOMER_JID, ["3EB0CUSTOMER"]),
                ch.send_typing(CUSTOMER_JID, True))
            assert all(isinstance(r, SendResult) for r in results[:len(bodies)])
            accepted[name] += bodies
            await ch.stop()

    await asyncio.gather(life("a"), life("b"))

    assert maps.crashes == []
    assert maps.clients == {}  # both stopped: Go holds no client
    for name in ("a", "b"):
        on_wire = sorted(t for uuid, t in maps.wire if uuid == name.encode())
        assert on_wire == sorted(accepted[name]) and len(on_wire) == 24


async def test_go_calls_of_running_accounts_share_the_maps(tmp_path):
    """Readers do not exclude each other: a second send enters Go while the first is in it."""
    maps = GoMaps()
    ch, go = account(tmp_path, "a", maps)
    await ch.start()
    await until(lambda: ch.logged_in)
    go.hold_send = threading.Event()  # the first send waits in Go until the second arrives
    go.second_send_releases = True
    first = asyncio.create_task(ch.send(text("primeira")))
    await until(go.send_entered.is_set)
    await ch.send(text("segunda"))
    await first
    await ch.stop()
    assert maps.most_readers >= 2
    assert sorted(t for _, t in maps.wire) == ["primeira", "segunda"]


async def test_a_cancelled_send_keeps_other_accounts_out_until_go_returns(tmp_path):
    maps = GoMaps()
    a, go_a = account(tmp_path, "a", maps)
    b, _go_b = account(tmp_path, "b", maps)
    await a.start()
    await until(lambda: a.logged_in)
    go_a.hold_send = threading.Event()
    try:
        sending = asyncio.create_task(a.send(text("demorada")))
        await until(go_a.send_entered.is_set)
        sending.cancel()  # e.g. the sender gave up waiting; the Go thread is still in the map
        starting = asyncio.create_task(b.start())
        for _ in range(20):
            await asyncio.sleep(0.005)
        assert b"b" not in maps.clients  # B's start waits for A's Go call to return
        go_a.hold_send.set()
        await starting
        await until(lambda: b.logged_in)
    finally:
        go_a.hold_send.set()
        await a.stop()
        await b.stop()
    assert maps.crashes == []


async def test_a_dropped_client_never_calls_go_stop_from_the_garbage_collector(
        tmp_path, monkeypatch):
    """neonize's finalizer would call Stop (a map write) from whichever thread collects the
    client, outside the gate; stop() is the only way a client leaves Go."""
    calls: list[str] = []

    class Recorder:
        def __getattr__(self, name: str) -> Any:
            return lambda *args: calls.append(name)

    monkeypatch.setattr(neonize_client, "gocode", Recorder())
    ch = NeonizeChannel(tmp_path / "gone.db", "gone")
    del ch
    gc.collect()
    assert "Stop" not in calls


async def test_a_waiting_start_or_stop_is_not_starved_by_new_go_calls():
    from whatdesk.channels.neonize.gomap import GoMapGate

    gate = GoMapGate()
    order: list[str] = []
    first_in_go = asyncio.Event()
    release_first = asyncio.Event()

    async def long_read() -> None:
        first_in_go.set()
        await release_first.wait()
        order.append("long read")

    async def note(what: str) -> None:
        order.append(what)

    reading = asyncio.create_task(gate.read(long_read))
    await first_in_go.wait()
    writing = asyncio.create_task(gate.write(lambda: note("stop")))
    await asyncio.sleep(0)
    later_read = asyncio.create_task(gate.read(lambda: note("later read")))
    await asyncio.sleep(0.01)
    assert order == []  # the stop waits for the running call; the new call waits behind it
    release_first.set()
    await asyncio.gather(reading, writing, later_read)
    assert order == ["long read", "stop", "later read"]

"""Shared test helpers for the engine: a scriptable fake channel, an event recorder, polling."""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from whatdesk.domain.errors import ChannelError
from whatdesk.domain.events import DisconnectedEvent, OutboundMessage, SendResult
from whatdesk.engine.bus import EventBus


async def wait_until(cond: Callable[[], bool], timeout: float = 10.0) -> None:
    """Poll (real time) until cond() is true; fail the test with a clear message otherwise."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not cond():
        if loop.time() > deadline:
            raise AssertionError(f"condition not reached in time ({cond.__code__.co_firstlineno})")
        await asyncio.sleep(0.002)


class Recorder:
    """Every bus event, in publish order."""

    def __init__(self, bus: EventBus) -> None:
        self.events: list[Any] = []
        bus.subscribe(object, self.events.append)

    def of(self, kind: type) -> list[Any]:
        return [e for e in self.events if isinstance(e, kind)]


class FakeChannel:
    """A transport whose behaviour each test scripts: starts can fail, sends can fail."""

    kind = "fake"

    def __init__(self, *, session: bool = False, connect_on_start: bool = False) -> None:
        self.sink: Callable[[Any], None] | None = None
        self.session = session
        self.connect_on_start = connect_on_start
        self.start_failures = 0
        self.starts = 0
        self.stops = 0
        self.logouts = 0
        self.logout_error: Exception | None = None
        self.running = False
        self.sent: list[tuple[float, OutboundMessage]] = []
        self.send_errors: list[Exception] = []
        self.clock: Any = None
        self._ids = itertools.count(1)
        # Like neonize 0.5.2: WhatsApp's id for a sent message is not the one we generated.
        self.server_assigns_ids = False
        self._server_ids = itertools.count(1)

    def set_sink(self, sink: Callable[[Any], None]) -> None:
        self.sink = sink

    def emit(self, event: Any) -> None:
        assert self.sink is not None
        self.sink(event)

    async def has_session(self) -> bool:
        return self.session

    async def start(self) -> None:
        self.starts += 1
        if self.start_failures:
            self.start_failures -= 1
            raise ChannelError("rede indisponível")
        self.running = True
        if self.connect_on_start:
            from whatdesk.domain.events import ConnectedEvent

            self.emit(ConnectedEvent("5511900000001@s.whatsapp.net", "Loja"))

    async def stop(self) -> None:
        self.stops += 1
        if self.running:
            self.running = False
            # Like neonize: stopping the client reports a disconnect.
            self.emit(DisconnectedEvent("client stopped", will_retry=False))

    async def logout(self) -> None:
        self.logouts += 1
        if self.logout_error is not None:
            raise self.logout_error
        self.running = False
        self.session = False

    async def forget_session(self) -> None:
        self.running = False
        self.session = False

    async def request_pairing_code(self, phone: str) -> str:
        return "ABCD-EFGH"

    def new_message_id(self) -> str:
        return f"3EBFAKE{next(self._ids):06d}"

    async def send(self, message: OutboundMessage) -> SendResult:
        if self.send_errors:
            raise self.send_errors.pop(0)
        when = self.clock.monotonic() if self.clock is not None else 0.0
        self.sent.append((when, message))
        wa_id = f"3EBSERVER{next(self._server_ids):06d}" if self.server_assigns_ids \
            else message.wa_id
        return SendResult(wa_id, datetime(2025, 1, 6, 12, 0, tzinfo=UTC))

    async def mark_read(self, chat: str, sender: str, wa_ids: list[str]) -> None:
        return None

    async def send_typing(self, chat: str, typing: bool, recording: bool = False) -> None:
        return None

    async def profile_picture(self, jid: str) -> bytes | None:
        return None

    async def set_blocked(self, jid: str, blocked: bool) -> None:
        return None

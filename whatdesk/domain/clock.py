"""The clock: real time in the app, virtual time in tests, the sandbox and `flow run`."""

from __future__ import annotations

import asyncio
import heapq
import itertools
import time
from datetime import UTC, datetime, timedelta
from typing import Protocol

DEFAULT_TIMEZONE = "America/Sao_Paulo"
"""A connection's timezone until its owner picks one (most of our users are in Brazil)."""


class Clock(Protocol):
    def now(self) -> datetime:
        """Aware UTC datetime."""
        ...

    def monotonic(self) -> float: ...

    async def sleep(self, seconds: float) -> None: ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)

    def monotonic(self) -> float:
        return time.monotonic()

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(max(0.0, seconds))


class VirtualClock:
    """Deterministic clock: time moves only through `advance()` (or `sleep` with auto-advance).

    With ``autoadvance=True`` a sleeper that is the earliest waiter makes time jump to its
    wake-up moment as soon as the loop is otherwise idle — delays complete at once.
    """

    def __init__(self, start: datetime | None = None, autoadvance: bool = False) -> None:
        self._now = start or datetime(2025, 1, 6, 12, 0, tzinfo=UTC)
        self._mono = 0.0
        self._sleepers: list[tuple[float, int, asyncio.Future[None]]] = []
        self._seq = itertools.count()
        self.autoadvance = autoadvance

    def now(self) -> datetime:
        return self._now

    def monotonic(self) -> float:
        return self._mono

    async def sleep(self, seconds: float) -> None:
        fut: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        heapq.heappush(self._sleepers, (self._mono + max(0.0, seconds), next(self._seq), fut))
        if self.autoadvance:
            asyncio.get_running_loop().call_soon(self._auto_step)
        await fut

    def _auto_step(self) -> None:
        if self._sleepers:
            when = self._sleepers[0][0]
            self._set(when)

    def advance(self, seconds: float) -> None:
        self._set(self._mono + seconds)

    def _set(self, mono: float) -> None:
        if mono > self._mono:
            self._now += timedelta(seconds=mono - self._mono)
            self._mono = mono
        while self._sleepers and self._sleepers[0][0] <= self._mono:
            _, _, fut = heapq.heappop(self._sleepers)
            if not fut.done():
                fut.set_result(None)

    @property
    def pending_sleepers(self) -> int:
        return sum(1 for _, _, f in self._sleepers if not f.done())

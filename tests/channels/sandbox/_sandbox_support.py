"""Helpers shared by the sandbox channel tests: settling the loop, moving virtual time, a sink."""

from __future__ import annotations

import asyncio

from whatdesk.domain.clock import VirtualClock
from whatdesk.domain.events import ChannelEvent

ACCOUNT = "5511911112222"


async def settle(rounds: int = 20) -> None:
    """Let every ready task run (virtual time does not move)."""
    for _ in range(rounds):
        await asyncio.sleep(0)


async def advance(clock: VirtualClock, seconds: float) -> None:
    await settle()
    clock.advance(seconds)
    await settle()


class Recorder:
    """A sink that keeps every event, like the engine's supervisor queue would."""

    def __init__(self) -> None:
        self.events: list[ChannelEvent] = []

    def __call__(self, event: ChannelEvent) -> None:
        self.events.append(event)

    def of(self, kind: type) -> list:
        return [e for e in self.events if isinstance(e, kind)]

    def clear(self) -> None:
        self.events.clear()

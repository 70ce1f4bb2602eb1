"""KeyedLocks: one asyncio lock per key (a chat, a ticket), kept only while it is in use."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Hashable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)


@dataclass
class _Entry:
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    users: int = 0  # holding or waiting


class KeyedLocks(Generic[K]):
    """``async with locks.hold(key):`` runs one holder per key at a time, in arrival order
    (asyncio locks are FIFO and nothing is awaited before the lock is asked for). A key's lock
    is dropped once nobody holds or waits for it, so a long-running app does not keep one per
    chat or ticket it ever saw; a waiter that is cancelled is counted out as well."""

    def __init__(self) -> None:
        self._entries: dict[K, _Entry] = {}

    @asynccontextmanager
    async def hold(self, key: K) -> AsyncIterator[None]:
        entry = self._entries.get(key)
        if entry is None:
            entry = self._entries[key] = _Entry()
        entry.users += 1
        try:
            async with entry.lock:
                yield
        finally:
            entry.users -= 1
            if entry.users == 0 and self._entries.get(key) is entry:
                del self._entries[key]

    def __len__(self) -> int:
        """Keys whose lock is held or awaited right now."""
        return len(self._entries)

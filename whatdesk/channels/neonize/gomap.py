"""A readers-writer gate around goneonize's client maps: Go calls share, lifecycle is alone."""

from __future__ import annotations

import asyncio
import collections
import contextlib
import weakref
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any, TypeVar

T = TypeVar("T")


class GoMapGate:
    """Keeps every Go call that reads goneonize's client maps apart from every call that
    writes them, while letting the readers run at the same time.

    goneonize (neonize 0.5.2's Go side) keeps its clients in plain Go maps (``clients``,
    ``StopSignal``, ``eventChannel``) with no lock. A map read that meets a map write from
    another thread kills the whole process ("concurrent map read and map write"). Who does
    what to those maps:

    * **writers**: ``Neonize`` (neonize's ``connect()``) stores the new client in all three
      maps a few milliseconds after it begins (after opening the session database), and then
      keeps running for the whole session; ``Stop`` deletes the entries (also for a uuid it
      does not know: ``delete`` on a non-empty Go map is a write).
    * **readers**: every other call (``SendMessage``, ``Upload``, ``DownloadAny``,
      ``MarkRead``, ``SendChatPresence``, ``PairPhone``, ``GetMe``, ``Logout``, ...) looks
      its client up in ``clients``; so does ``Neonize`` itself once more, right before it
      dispatches its first event (``ConnectedEv`` with a saved session).

    Every call goes through neonize's ``asyncio.to_thread``, so the Python side knows when a
    Go call starts and ends, except for the long ``Neonize`` call. Hence:

    * a reader holds the gate *shared* for exactly as long as its Go call runs (see
      :meth:`read`: even if the awaiting coroutine is cancelled, the slot is released only
      when the worker thread comes back);
    * ``start()`` holds it *exclusive* from ``connect()`` until the client's first sign of
      life (its first QR code, any event, or the end of the ``Neonize`` call), which comes
      after the registration writes and, with a saved session, after Neonize's own read;
      bounded by ``NeonizeChannel.register_grace_s`` so a silent network cannot freeze the
      other accounts' sends forever;
    * ``stop()`` holds it exclusive only while ``Stop`` runs (waiting for the blocking
      ``Neonize`` call to return needs no gate: it touches no map on its way out).

    Writers are preferred: once a lifecycle change waits, new readers queue behind it, so
    a busy account cannot starve another account's start or stop. The price: a start or
    stop waits for the Go calls already running (a long upload or download included; Go
    looks the client up only at the beginning of such a call, but Python cannot see when),
    and every account's new calls wait with it. Starts and stops are rare; a crash is not
    an acceptable alternative.

    What this cannot cover: after a QR login, ``Neonize`` reads the maps once more at the
    moment the phone scans (whatsmeow gives Python no signal before that read). That is one
    map lookup per pairing, and only another account's start/stop at that same instant can
    meet it. neonize's own fallbacks that call ``Stop`` outside any lock (the finalizer of a
    garbage-collected client, the cancellation of a running ``connect()`` task) are switched
    off or avoided by NeonizeChannel.

    One gate per event loop, shared by every NeonizeChannel on it (see :func:`go_map_gate`).
    """

    def __init__(self) -> None:
        self._readers = 0
        self._writing = False
        # queued (exclusive?, future) in arrival order; a queued writer holds back later readers
        self._queue: collections.deque[tuple[bool, asyncio.Future[None]]] = collections.deque()

    def _free_for(self, exclusive: bool) -> bool:
        return not self._writing and (not exclusive or self._readers == 0)

    async def _acquire(self, exclusive: bool) -> None:
        if not self._queue and self._free_for(exclusive):
            self._take(exclusive)
            return
        waiter: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        entry = (exclusive, waiter)
        self._queue.append(entry)
        try:
            await waiter
        except asyncio.CancelledError:
            if waiter.done() and not waiter.cancelled():
                self._release(exclusive)  # granted just as we were cancelled
            else:
                with contextlib.suppress(ValueError):  # _grant may have dropped it already
                    self._queue.remove(entry)
                self._grant()
            raise

    def _take(self, exclusive: bool) -> None:
        if exclusive:
            self._writing = True
        else:
            self._readers += 1

    def _release(self, exclusive: bool) -> None:
        if exclusive:
            self._writing = False
        else:
            self._readers -= 1
        self._grant()

    def _grant(self) -> None:
        """Admit waiters in order: one writer, or every reader up to the next writer."""
        while self._queue:
            exclusive, waiter = self._queue[0]
            if waiter.done():  # cancelled; its owner removes it, skip it meanwhile
                self._queue.popleft()
                continue
            if not self._free_for(exclusive):
                return
            self._queue.popleft()
            self._take(exclusive)
            waiter.set_result(None)
            if exclusive:
                return

    async def read(self, call: Callable[[], Awaitable[T]]) -> T:
        """Run one Go call that reads the maps. ``call`` is invoked once the gate is shared,
        so a check it makes first (is the client still registered?) cannot go stale."""
        return await self._run(call, exclusive=False)

    async def write(self, call: Callable[[], Awaitable[T]]) -> T:
        """Run one Go call that writes the maps (``Stop``), alone."""
        return await self._run(call, exclusive=True)

    async def _run(self, call: Callable[[], Awaitable[T]], exclusive: bool) -> T:
        await self._acquire(exclusive)
        try:
            task = asyncio.ensure_future(call())
        except BaseException:
            self._release(exclusive)
            raise

        def done(t: asyncio.Future[Any]) -> None:
            self._release(exclusive)
            if not t.cancelled():
                t.exception()  # retrieved here when the caller gave up waiting

        # The Go call keeps running in its thread even if our caller is cancelled: the slot
        # is given back when the call really ends, not when the caller stops waiting.
        task.add_done_callback(done)
        return await asyncio.shield(task)

    @contextlib.asynccontextmanager
    async def exclusive(self) -> AsyncIterator[None]:
        """Hold the maps alone for a whole block (start: connect, then wait for Go to
        register the client)."""
        await self._acquire(exclusive=True)
        try:
            yield
        finally:
            self._release(exclusive=True)


_GATES: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, GoMapGate] = (
    weakref.WeakKeyDictionary()
)


def go_map_gate() -> GoMapGate:
    """The gate of the running loop (asyncio primitives belong to one loop)."""
    loop = asyncio.get_running_loop()
    gate = _GATES.get(loop)
    if gate is None:
        gate = _GATES[loop] = GoMapGate()
    return gate

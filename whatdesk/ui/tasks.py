"""Run service coroutines from Qt slots as asyncio tasks (never blocking the UI thread) and
route their errors to whoever shows them to the user."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar


from whatdesk.domain.errors import WhatdeskError
from whatdesk.ui.reasons import UserMessage, error_message

log = logging.getLogger(__name__)
T = TypeVar("T")

ErrorHandler = Callable[[str], None]

_running: set[asyncio.Task[Any]] = set()  # strong references: asyncio keeps only weak ones
_default_error_handler: ErrorHandler | None = None


def set_error_handler(handler: ErrorHandler | None) -> None:
    """Where errors of tasks without their own handler go (the main window installs one)."""
    global _default_error_handler
    _default_error_handler = handler


def readable_error(exc: BaseException) -> UserMessage:
    """The text a user sees for an exception, translated from its reason code; the raw
    text rides along as ``.details`` for a "Details" area."""
    return error_message(exc)


def spawn(
    coro: Coroutine[Any, Any, T],
    *,
    on_success: Callable[[T], None] | None = None,
    on_error: ErrorHandler | None = None,
) -> asyncio.Task[T]:
    """Schedule ``coro`` on the running (qasync) loop and return at once.

    ``on_success(result)`` runs on the UI thread when it completes; a failure is logged and its
    readable text goes to ``on_error`` (or the window's default handler).
    """
    task = asyncio.ensure_future(coro)
    _running.add(task)

    def done(t: asyncio.Task[T]) -> None:
        _running.discard(t)
        if t.cancelled():
            return
        exc = t.exception()
        if exc is None:
            if on_success is not None:
                try:
                    on_success(t.result())
                except Exception:  # a broken UI callback must not kill the loop
                    log.exception("UI callback after %r failed", coro)
            return
        if isinstance(exc, WhatdeskError):
            log.warning("%s", exc)
        else:
            log.error("task failed", exc_info=exc)
        handler = on_error or _default_error_handler
        if handler is not None:
            handler(readable_error(exc))

    task.add_done_callback(done)
    return task


def running_tasks() -> int:
    return len(_running)


async def cancel_all(timeout_s: float = 5.0) -> None:
    """Cancel what is still running (window closing) and let it unwind, for ``timeout_s`` at
    most: a task stuck on work that can no longer finish (a database already closed) must
    not hang the exit."""
    loop = asyncio.get_running_loop()
    _running.difference_update([t for t in _running if t.get_loop() is not loop])  # old loops
    tasks = [t for t in _running if not t.done()]
    for t in tasks:
        t.cancel()
    if tasks:
        await asyncio.wait(tasks, timeout=timeout_s)
    _running.difference_update(tasks)  # one still stuck is given up on with its loop

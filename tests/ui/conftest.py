"""UI fixtures: a qasync loop on pytest-qt's QApplication, and coroutines run inside it.

Pattern: every test body that touches services is an ``async def`` run with ``arun(...)``;
inside it, ``await wait_until(predicate)`` lets both Qt and asyncio make progress (the qasync
loop *is* the Qt event loop). After each test the tasks are cancelled, the runtime closed and
the loop closed, so nothing leaks into the next test.
"""

from __future__ import annotations

import asyncio
import gc
from collections.abc import Callable, Coroutine, Iterator
from pathlib import Path
from typing import Any

import pytest

LOOP_TIMEOUT_S = 60.0


@pytest.fixture
def qloop(qapp: Any) -> Iterator[asyncio.AbstractEventLoop]:
    import qasync

    qapp.setQuitOnLastWindowClosed(False)  # a closing window must not end the qasync loop
    loop = qasync.QEventLoop(qapp)
    asyncio.set_event_loop(loop)
    # In the app the qasync loop runs for the whole session, so a task step always sees its
    # running loop. Tests also spin Qt outside run_until_complete (qtbot clicks, pytest-qt's
    # teardown), where a task woken then would find no running loop and die; keep it set.
    asyncio.events._set_running_loop(loop)
    try:
        yield loop
    finally:
        from whatdesk.ui import tasks

        asyncio.events._set_running_loop(None)
        if not loop.is_closed():
            loop.run_until_complete(tasks.cancel_all())
            loop.close()
        asyncio.set_event_loop(None)
        del loop
        # collect the loop's Qt timers here, on the GUI thread, not later on a worker thread
        gc.collect()


@pytest.fixture
def arun(qloop: asyncio.AbstractEventLoop) -> Callable[[Coroutine[Any, Any, Any]], Any]:
    """Run a coroutine to completion on the qasync loop (with a hard timeout: no hangs)."""

    def run(coro: Coroutine[Any, Any, Any]) -> Any:
        # Not qloop.run_until_complete: after its run_forever it processes Qt events once
        # more with no running loop set, and a task woken there (a sender's Event.wait) binds
        # to "no loop" and fails later with "bound to a different event loop".
        future = asyncio.ensure_future(asyncio.wait_for(coro, LOOP_TIMEOUT_S), loop=qloop)
        future.add_done_callback(lambda _f: qloop.stop())
        try:
            qloop.run_forever()
        finally:
            asyncio.events._set_running_loop(qloop)  # run_forever cleared it on its way out
        if not future.done():
            raise RuntimeError("the loop stopped before the coroutine finished")
        return future.result()

    return run


@pytest.fixture
def settings(tmp_path: Path) -> Any:
    from PySide6.QtCore import QSettings

    return QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def network() -> Any:
    from whatdesk.channels.sandbox import SandboxNetwork

    return SandboxNetwork(seed=7, delivered_after_s=0.05, read_after_s=0.1)


@pytest.fixture
def runtime(tmp_path: Path, network: Any, arun: Callable[..., Any]) -> Iterator[Any]:
    """The real engine: SQLite file in tmp_path, sandbox channel, started; closed afterwards."""
    from whatdesk.services.runtime import Runtime

    rt = Runtime.open(tmp_path / "data", None, sandbox=network)
    arun(rt.start())
    try:
        yield rt
    finally:
        arun(rt.close())


@pytest.fixture
def window(runtime: Any, settings: Any, qtbot: Any, qapp: Any, arun: Callable[..., Any]) -> Any:
    from whatdesk.ui.main_window import MainWindow

    qapp.setQuitOnLastWindowClosed(False)  # closing a window must not stop the qasync loop
    win = MainWindow.for_runtime(runtime, settings=settings)
    qtbot.addWidget(win)
    win.show()
    arun(win.load())
    yield win
    win.close()

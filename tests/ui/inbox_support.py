"""Helpers for the inbox tests: a linked sandbox connection and a window open on the inbox."""

from __future__ import annotations

from typing import Any

from whatdesk.domain.enums import ConnectionStatus
from whatdesk.services.runtime import sandbox_account_phone

from ui_helpers import wait_until


async def linked_sandbox(runtime: Any, network: Any, name: str = "Loja") -> tuple[int, str]:
    """A sandbox connection, linked (its QR scanned); returns (connection id, its phone)."""
    row = await runtime.connections.create(name, "sandbox")
    phone = sandbox_account_phone(row.id)
    network.account(phone, name)
    network.account(phone).phone_scans_qr_after_s = 0.05
    await runtime.connections.connect(row.id)
    await wait_until(lambda: runtime.connections.live_status(row.id)[0]
                     is ConnectionStatus.CONNECTED, what="sandbox linked")
    return row.id, phone


async def inbox_window(runtime: Any, settings: Any, qtbot: Any) -> Any:
    from whatdesk.ui.main_window import MainWindow

    win = MainWindow.for_runtime(runtime, settings=settings)
    qtbot.addWidget(win)
    win.resize(1180, 720)
    win.show()
    await win.load()
    return win


def pane(win: Any) -> Any:
    return win.inbox_page.tickets


def names(win: Any) -> list[str]:
    model = pane(win).model
    return [model.index(i).data() for i in range(model.rowCount())]


async def settled(win: Any, runtime: Any) -> None:
    """Everything received is stored and the list has read every change."""
    await runtime.drain()
    await wait_until(lambda: not pane(win).model.busy, what="list settled")

"""Inbox keys: the agent moves, searches, closes and attaches without the mouse."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenu

from whatdesk.domain.enums import MessageKind, TicketStatus
from whatdesk.domain.events import InboundMessage
from whatdesk.store import create_connection, get_ticket, record_inbound, ticket_events
from whatdesk.ui.bridge import Bridge
from whatdesk.ui.inbox import page as page_module
from whatdesk.ui.inbox.chat import ChatPane
from whatdesk.ui.inbox.composer import Composer
from whatdesk.ui.inbox.context import InboxContext
from whatdesk.ui.inbox.shortcuts import ShortcutsDialog, install
from whatdesk.ui.inbox.ticket_list import TicketListPane

from ui_helpers import wait_until

T0 = datetime(2026, 11, 30, 13, 0, tzinfo=UTC)


class ListWithOrder(TicketListPane):
    """The list helper's API over a fixed order of tickets (what the agent sees selected)."""

    def __init__(self, ctx: InboxContext) -> None:
        super().__init__(ctx)
        self.order: list[int] = []
        self.current: int | None = None
        self.search_shown = False

    def _select(self, step: int) -> None:
        if not self.order:
            return
        i = self.order.index(self.current) + step if self.current in self.order else 0
        self.current = self.order[max(0, min(len(self.order) - 1, i))]
        self.ticket_selected.emit(self.current)

    def select_next(self) -> None:
        self._select(1)

    def select_previous(self) -> None:
        self._select(-1)

    def show_search(self) -> None:
        self.search_shown = True


class ComposerWithFiles(Composer):
    def __init__(self, ctx: InboxContext) -> None:
        super().__init__(ctx)
        self.file_dialogs = 0

    def attach(self) -> None:
        self.file_dialogs += 1


class ChatWithFiles(ChatPane):
    def __init__(self, ctx: InboxContext) -> None:
        super().__init__(ctx)
        self.composer = ComposerWithFiles(ctx)


@pytest.fixture
def page(runtime: Any, settings: Any, qtbot: Any, arun: Callable[..., Any],
         monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setattr(page_module, "TicketListPane", ListWithOrder)
    monkeypatch.setattr(page_module, "ChatPane", ChatWithFiles)
    agent = arun(runtime.agents.ensure_first_admin())
    inbox = page_module.InboxPage(InboxContext(runtime, Bridge(runtime.bus), agent, settings))
    qtbot.addWidget(inbox)
    inbox.resize(1100, 700)
    inbox.show()
    inbox.activateWindow()
    qtbot.waitActive(inbox)
    inbox.help_menu = QMenu()
    inbox.help_menu.addAction("User guide")
    install(inbox, inbox.help_menu)
    return inbox


def _tickets(runtime: Any, arun: Callable[..., Any], n: int) -> list[int]:
    async def make() -> list[int]:
        cid = await runtime.db.write(lambda s: create_connection(s, "Loja", channel="sandbox").id)
        out = []
        for i in range(n):
            phone = f"551198765430{i}"
            msg = InboundMessage(wa_id=f"W{i}", chat=f"{phone}@s.whatsapp.net",
                                 sender=f"{phone}@s.whatsapp.net",
                                 timestamp=T0 + timedelta(minutes=i), kind=MessageKind.TEXT,
                                 sender_phone=phone, push_name=f"Cliente {i}", text="oi")
            res = await runtime.db.write(lambda s, m=msg: record_inbound(s, cid, m))
            out.append(res.ticket_id)
        return out

    return arun(make())


def key(qtbot: Any, page: Any, k: Qt.Key, mods: Qt.KeyboardModifier) -> None:
    target = page.focusWidget() or page
    qtbot.keyClick(target, k, mods)


def test_alt_j_and_alt_k_move_between_conversations_and_ctrl_k_searches(
        page: Any, runtime: Any, qtbot: Any, arun: Callable[..., Any]) -> None:
    a, b, c = _tickets(runtime, arun, 3)
    page.tickets.order = [a, b, c]
    alt = Qt.KeyboardModifier.AltModifier
    key(qtbot, page, Qt.Key.Key_K, alt)
    assert page.chat.ticket_id == a
    key(qtbot, page, Qt.Key.Key_K, alt)
    key(qtbot, page, Qt.Key.Key_K, alt)
    assert page.chat.ticket_id == c
    key(qtbot, page, Qt.Key.Key_J, alt)
    assert page.chat.ticket_id == b
    key(qtbot, page, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert page.tickets.search_shown


def test_alt_e_closes_the_open_conversation_and_ctrl_alt_e_moves_on(
        page: Any, runtime: Any, qtbot: Any, arun: Callable[..., Any]) -> None:
    a, b = _tickets(runtime, arun, 2)
    page.tickets.order = [a, b]
    alt = Qt.KeyboardModifier.AltModifier
    key(qtbot, page, Qt.Key.Key_E, alt)  # nothing open: nothing happens

    async def scenario() -> None:
        page.tickets.current = a
        page.open_ticket(a)
        key(qtbot, page, Qt.Key.Key_E, alt | Qt.KeyboardModifier.ControlModifier)
        assert page.chat.ticket_id == b
        await wait_until(lambda: closed(a), what="ticket a closed")
        events = await runtime.db.read(lambda s: ticket_events(s, a))
        assert events[-1].actor == f"agent:{page.ctx.agent.id}"  # as the header's Close
        key(qtbot, page, Qt.Key.Key_E, alt)
        await wait_until(lambda: closed(b), what="ticket b closed")
        assert page.chat.ticket_id == b  # Alt+E alone stays on the closed conversation

    statuses: dict[int, TicketStatus] = {}

    def closed(tid: int) -> bool:
        return statuses.get(tid) == TicketStatus.CLOSED

    async def poll() -> None:
        for tid in (a, b):
            statuses[tid] = (await runtime.db.read(lambda s, t=tid: get_ticket(s, t))).status

    async def run() -> None:
        import asyncio

        async def keep_polling() -> None:
            while True:
                await poll()
                await asyncio.sleep(0.02)

        poller = asyncio.ensure_future(keep_polling())
        try:
            await scenario()
        finally:
            poller.cancel()

    arun(run())


def test_alt_a_attaches_only_with_a_conversation_open(
        page: Any, runtime: Any, qtbot: Any, arun: Callable[..., Any]) -> None:
    [a] = _tickets(runtime, arun, 1)
    key(qtbot, page, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)
    assert page.chat.composer.file_dialogs == 0
    page.open_ticket(a)
    key(qtbot, page, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)
    assert page.chat.composer.file_dialogs == 1


def test_ctrl_slash_and_the_help_menu_list_every_shortcut(
        page: Any, qtbot: Any) -> None:
    menu = page.help_menu
    shortcuts = page.shortcuts
    assert [a.text() for a in menu.actions()] == ["&Keyboard shortcuts", "User guide"]
    key(qtbot, page, Qt.Key.Key_Slash, Qt.KeyboardModifier.ControlModifier)
    dialog = shortcuts.dialog
    assert isinstance(dialog, ShortcutsDialog) and dialog.isVisible()
    rows = dict(dialog.rows())
    assert rows["Alt+J"] == "Previous conversation" and rows["Alt+K"] == "Next conversation"
    assert rows["Ctrl+Alt+E"] == "Close the conversation and open the next one"
    assert rows["Ctrl+K"] == "Search messages and contacts" and "Alt+A" in rows
    dialog.grab().save("/tmp/i7search-shortcuts.png")
    dialog.close()
    qtbot.waitUntil(lambda: shortcuts.dialog is None)
    menu.actions()[0].trigger()
    assert shortcuts.dialog is not None and shortcuts.dialog.isVisible()
    shortcuts.dialog.close()

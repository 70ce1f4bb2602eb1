"""Inbox keyboard shortcuts (Chatwoot's set) and the dialog that lists them (Ctrl+/)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMenu,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from whatdesk.domain.enums import TicketStatus
from whatdesk.ui import tasks

if TYPE_CHECKING:
    from .page import InboxPage

log = logging.getLogger(__name__)

HELP_KEYS = "Ctrl+/"  # F1 already opens the user guide


translate = QCoreApplication.translate  # lupdate finds calls named "translate"


def _bindings() -> list[tuple[str, str, str]]:
    """(name, keys, what it does) for every inbox shortcut, in the order the help lists them."""
    return [
        ("previous", "Alt+J", translate("InboxShortcuts", "Previous conversation")),
        ("next", "Alt+K", translate("InboxShortcuts", "Next conversation")),
        ("search", "Ctrl+K", translate("InboxShortcuts", "Search messages and contacts")),
        ("close", "Alt+E", translate("InboxShortcuts", "Close the conversation")),
        ("close_next", "Ctrl+Alt+E", translate("InboxShortcuts", "Close the conversation and open the next one")),
        ("attach", "Alt+A", translate("InboxShortcuts", "Attach a file")),
        ("help", HELP_KEYS, translate("InboxShortcuts", "Show the keyboard shortcuts")),
    ]


def _other_keys() -> list[tuple[str, str]]:
    """Keys handled by the widgets themselves, listed so the help is complete."""
    return [
        ("Enter", translate("InboxShortcuts", "Send the message")),
        ("Shift+Enter", translate("InboxShortcuts", "New line in the message")),
        ("Esc", translate("InboxShortcuts", "Cancel the reply being quoted, or leave the search")),
        ("Down / Enter", translate("InboxShortcuts", "In the search field: go to the results / open the first one")),
        ("F1", translate("InboxShortcuts", "Open the user guide")),
    ]


def native(keys: str) -> str:
    """How this platform writes a key combination (⌥⌘ on macOS)."""
    return QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText) or keys


class ShortcutsDialog(QDialog):
    """A read-only table of the inbox shortcuts."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle(translate("InboxShortcuts", "Keyboard shortcuts"))
        rows = [(native(k), d) for _n, k, d in _bindings()] + \
               [(native(k) if "/" not in k else k, d) for k, d in _other_keys()]
        self.table = QTableWidget(len(rows), 2)
        self.table.setObjectName("shortcutsTable")
        self.table.setHorizontalHeaderLabels([translate("InboxShortcuts", "Keys"), translate("InboxShortcuts", "Action")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        for r, (keys, what) in enumerate(rows):
            key_item = QTableWidgetItem(keys)
            font = key_item.font()
            font.setBold(True)
            key_item.setFont(font)
            self.table.setItem(r, 0, key_item)
            self.table.setItem(r, 1, QTableWidgetItem(what))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addWidget(self.table)
        column.addWidget(buttons)
        self.table.verticalHeader().setDefaultSectionSize(30)
        rows_height = sum(self.table.rowHeight(r) for r in range(len(rows)))
        self.table.setMinimumHeight(rows_height + header.sizeHint().height() + 4)
        self.resize(540, self.sizeHint().height())

    def rows(self) -> list[tuple[str, str]]:
        return [(self.table.item(r, 0).text(), self.table.item(r, 1).text())
                for r in range(self.table.rowCount())]


class InboxShortcuts:
    """The inbox's keys, active while the inbox page is visible in its window.

    Uses the panes' public API: ``page.tickets.select_previous()/select_next()/show_search()``,
    ``page.chat.ticket_id``, ``page.chat.composer.attach()``; closing goes through
    ``runtime.tickets.close`` as the signed-in agent.
    """

    def __init__(self, page: InboxPage, help_menu: QMenu | None = None) -> None:
        self.page = page
        self.dialog: ShortcutsDialog | None = None
        actions: dict[str, Callable[[], None]] = {
            "previous": lambda: self._call(page.tickets, "select_previous"),
            "next": lambda: self._call(page.tickets, "select_next"),
            "search": lambda: self._call(page.tickets, "show_search"),
            "close": lambda: self.close_ticket(open_next=False),
            "close_next": lambda: self.close_ticket(open_next=True),
            "attach": self.attach,
            "help": self.show_help,
        }
        self.shortcuts: dict[str, QShortcut] = {}
        for name, keys, _what in _bindings():
            shortcut = QShortcut(QKeySequence(keys), page)
            shortcut.setObjectName(f"shortcut_{name}")
            # anywhere in the window, including the composer and the search field
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(actions[name])
            self.shortcuts[name] = shortcut
        self.help_action: QAction | None = None
        if help_menu is not None:
            self.help_action = QAction(translate("InboxShortcuts", "&Keyboard shortcuts"), help_menu)
            self.help_action.setObjectName("action_shortcuts")
            self.help_action.setShortcut(QKeySequence(HELP_KEYS))
            # the QShortcut above already answers Ctrl+/ on this page; the menu only shows it
            self.help_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            self.help_action.triggered.connect(self.show_help)
            help_menu.insertAction(help_menu.actions()[0] if help_menu.actions() else None,
                                   self.help_action)

    @staticmethod
    def _call(target: Any, method: str) -> None:
        fn = getattr(target, method, None)
        if fn is None:  # a pane without that action yet: nothing to do, never a crash
            log.debug("%s has no %s()", type(target).__name__, method)
            return
        fn()

    def close_ticket(self, open_next: bool) -> None:
        """Close the ticket on screen (the customer gets the connection's farewell);
        ``open_next`` moves to the next conversation first, so the list order is kept."""
        ticket_id = getattr(self.page.chat, "ticket_id", None)
        if ticket_id is None:
            return
        if open_next:
            self._call(self.page.tickets, "select_next")
        tasks.spawn(self._close(ticket_id))

    async def _close(self, ticket_id: int) -> None:
        rt = self.page.ctx.runtime
        ticket = await rt.tickets.get(ticket_id)
        if ticket.status == TicketStatus.CLOSED:
            return
        # as the header's Close: the customer gets the connection's farewell
        await rt.tickets.close_with_farewell(ticket_id, self.page.ctx.agent.id)

    def attach(self) -> None:
        if getattr(self.page.chat, "ticket_id", None) is None:
            return
        self._call(self.page.chat.composer, "attach")

    def show_help(self) -> None:
        if self.dialog is not None:
            self.dialog.raise_()
            self.dialog.activateWindow()
            return
        self.dialog = ShortcutsDialog(self.page.window())
        self.dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog.destroyed.connect(self._dialog_closed)
        self.dialog.open()

    def _dialog_closed(self) -> None:
        self.dialog = None


def install(page: InboxPage, help_menu: QMenu | None = None) -> InboxShortcuts:
    """Give ``page`` its shortcuts (and ``help_menu`` a "Keyboard shortcuts" entry)."""
    shortcuts = InboxShortcuts(page, help_menu)
    page.shortcuts = shortcuts  # type: ignore[attr-defined]  (kept alive with the page)
    return shortcuts

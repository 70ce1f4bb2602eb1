"""The Connections screen: the live list, its actions, and the dialogs they open."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QColor, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QLabel,
    QListView,
    QMenu,
    QMessageBox,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from whatdesk.domain.enums import ConnectionStatus
from whatdesk.engine.events import ConnectionsChanged, ConnectionStatusChanged
from whatdesk.ui import theme
from whatdesk.ui.bridge import Bridge
from whatdesk.ui.tasks import spawn

from .connection_dialog import ConnectionDialog
from .delegate import ConnectionDelegate
from .link_dialogs import PairingCodeDialog, QrDialog
from .model import ConnectionListModel, Role
from .status import ConnectionState, allowed_actions
from .vault_dialogs import UnlockDialog

log = logging.getLogger(__name__)

DESTRUCTIVE_BUTTON_STYLE = (
    "QPushButton { background: #d93025; color: white; border: 1px solid #b3261e;"
    " border-radius: 5px; padding: 5px 16px; font-weight: bold; }"
    "QPushButton:hover { background: #b3261e; }"
    "QPushButton:focus { border: 2px solid #8c1d18; }")


class ConnectionsPage(QWidget):
    """``service`` is whatdesk.services.connections.ConnectionService (all calls awaited)."""

    message = Signal(str)  # a short success note for the status bar
    error = Signal(object)  # a readable error (str, or UserMessage with .details) to show
    health_changed = Signal()  # some connection's state changed (status bar summary)

    def __init__(self, service: Any, bridge: Bridge, *,
                 now: Callable[[], datetime] | None = None,
                 flows: Callable[[], Awaitable[list[Any]]] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self._flows = flows
        self.bridge = bridge
        self._now = now
        self.model = ConnectionListModel(self)
        self.dialog: Any = None  # the dialog currently open (tests and screenshots look at it)

        title = QLabel(self.tr("Connections"))
        title.setObjectName("pageTitle")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        title.setFont(font)
        subtitle = QLabel(self.tr("WhatsApp accounts this computer serves. Link each one by "
                                  "scanning a QR code with the phone."))
        subtitle.setWordWrap(True)
        subtitle.setStyleSheet(f"color: {theme.palette().text_secondary};")

        self.view = QListView()
        self.view.setObjectName("connectionList")
        self.view.setModel(self.model)
        self.view.setItemDelegate(ConnectionDelegate(self.view))
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setMouseTracking(True)
        self.view.setUniformItemSizes(True)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.view.doubleClicked.connect(lambda _i: self.edit_selected())

        self.empty = QLabel(self.tr("No connections yet.\nClick “Add connection” to link a "
                                    "WhatsApp account."))
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet(f"color: {theme.palette().text_secondary}; font-size: 13pt;")

        # actions: one QAction each, shared by the buttons and the context menu
        self.act_add = self._action(self.tr("Add connection"), self.add,
                                    QKeySequence.StandardKey.New)
        self.act_edit = self._action(self.tr("Edit…"), self.edit_selected)
        self.act_qr = self._action(self.tr("Link by QR code"), self.link_by_qr)
        self.act_code = self._action(self.tr("Link by phone number"), self.link_by_code)
        self.act_disconnect = self._action(self.tr("Disconnect"), self.disconnect_selected)
        self.act_reconnect = self._action(self.tr("Reconnect"), self.reconnect_selected)
        self.act_logout = self._action(self.tr("Log out"), self.logout_selected)
        self.act_delete = self._action(self.tr("Delete…"), self.delete_selected,
                                       QKeySequence.StandardKey.Delete)
        self.act_unlock = self._action(self.tr("Unlock…"), self.unlock_selected)
        self.act_unlock.setToolTip(self.tr("Open the locked session with the passphrase it "
                                           "was saved with"))
        self.act_link_again = self._action(self.tr("Link again…"), self.link_again_selected)
        self.act_link_again.setToolTip(self.tr("Keep the locked session aside and link this "
                                               "connection with a new QR code"))
        self.act_logout.setToolTip(self.tr("Unlink this computer from the WhatsApp account"))
        self.act_disconnect.setToolTip(self.tr("Stop this connection until you reconnect it"))

        # A toolbar, not a row of buttons: on a narrow screen what does not fit moves into
        # the » overflow menu instead of widening the window.
        self.toolbar = QToolBar()
        self.toolbar.setObjectName("connectionActions")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        pal = theme.palette()  # the same accent, tints and red as the other pages
        self.toolbar.setStyleSheet(
            "QToolBar { border: none; spacing: 4px; padding: 0; }"
            f"QToolButton[action_button=true] {{ border: 1px solid {pal.divider};"
            " border-radius: 5px; padding: 4px 7px; background: palette(base); }"
            f"QToolButton[action_button=true]:hover {{ background: {pal.hover}; }}"
            f"QToolButton[action_button=true]:disabled {{ color: {pal.text_secondary}; }}"
            f"QToolButton#button_add {{ background: {pal.accent}; color: white;"
            f" border-color: {pal.accent}; font-weight: bold; }}"
            f"QToolButton#button_add:hover {{ background: {QColor(pal.accent).darker(110).name()}; }}"
            f"QToolButton#button_delete:enabled {{ color: {pal.failed}; }}")
        self.buttons: dict[str, QToolButton] = {}
        for key, act in (("add", self.act_add), ("edit", self.act_edit),
                         ("unlock", self.act_unlock), ("link_again", self.act_link_again),
                         ("qr", self.act_qr),
                         ("code", self.act_code), ("disconnect", self.act_disconnect),
                         ("reconnect", self.act_reconnect), ("logout", self.act_logout),
                         ("delete", self.act_delete)):
            self.toolbar.addAction(act)
            button = self.toolbar.widgetForAction(act)
            assert isinstance(button, QToolButton)
            button.setObjectName(f"button_{key}")
            button.setProperty("action_button", True)  # styled; the » overflow button is not
            self.buttons[key] = button
            if key in ("add", "code"):
                self.toolbar.addSeparator()

        # the user chose to store sessions unencrypted (no keyring): say so where they live
        self.unencrypted_warning = QLabel(self.tr(
            "The WhatsApp sessions are stored unencrypted: anyone who copies the data folder "
            "can read and send messages as your business."))
        self.unencrypted_warning.setObjectName("unencryptedWarning")
        self.unencrypted_warning.setWordWrap(True)
        self.unencrypted_warning.setStyleSheet(  # the theme's note colour: right in dark too
            f"background: {pal.note}; color: {pal.text}; border: 1px solid {pal.divider};"
            " border-radius: 5px; padding: 6px 8px;")
        self.unencrypted_warning.setVisible(
            getattr(service, "sessions_encrypted", True) is False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 12)
        layout.addWidget(title)
        layout.addWidget(subtitle)
        layout.addWidget(self.unencrypted_warning)
        layout.addSpacing(6)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty, 1)

        self.view.selectionModel().currentChanged.connect(lambda *_: self._update_actions())
        self.model.dataChanged.connect(lambda *_: self._update_actions())
        self.model.rowsInserted.connect(lambda *_: self._after_rows_changed())
        self.model.rowsRemoved.connect(lambda *_: self._after_rows_changed())
        bridge.connection_status_changed.connect(self._on_status)
        bridge.connections_changed.connect(self._on_connections_changed)
        self._after_rows_changed()

    # ---- loading ------------------------------------------------------------------------
    async def reload(self) -> None:
        """Fetch the list from the service and merge it into the model."""
        rows = await self.service.list()
        self.model.set_rows(rows)
        live = getattr(self.service, "live_state", None)
        for row in rows:  # the supervisor knows more than the row (retry countdown)
            if live is None:
                continue
            try:
                state = live(row.id)
            except Exception:  # noqa: BLE001 — live status is a nicety, the row has the truth
                continue
            if state is None:
                continue
            if (state.status is not ConnectionStatus.STOPPED
                    or row.status is ConnectionStatus.STOPPED):
                self.model.apply_status(state)
        if self.selected_id() is None and self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(0))
        self._after_rows_changed()

    def _on_connections_changed(self, _event: ConnectionsChanged) -> None:
        spawn(self.reload(), on_error=self.error.emit)

    def _on_status(self, event: ConnectionStatusChanged) -> None:
        self.model.apply_status(event)
        self.health_changed.emit()
        if event.status in (ConnectionStatus.CONNECTED, ConnectionStatus.LOGGED_OUT):
            # the account behind the row changed (number, name): fetch the row again
            spawn(self.reload(), on_error=self.error.emit)

    def _after_rows_changed(self) -> None:
        has_rows = self.model.rowCount() > 0
        self.view.setVisible(has_rows)
        self.empty.setVisible(not has_rows)
        self._update_actions()
        self.health_changed.emit()

    # ---- selection and enabled actions --------------------------------------------------
    def selected_id(self) -> int | None:
        index = self.view.currentIndex()
        return index.data(Role.ID) if index.isValid() else None

    def select(self, connection_id: int) -> None:
        index = self.model.index_of(connection_id)
        if index.isValid():
            self.view.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect)

    def selected_state(self) -> ConnectionState | None:
        index = self.view.currentIndex()
        return index.data(Role.STATE) if index.isValid() else None

    def _update_actions(self) -> None:
        state = self.selected_state()
        has = state is not None
        allowed = allowed_actions(state) if state is not None else None
        self.act_edit.setEnabled(has)
        self.act_delete.setEnabled(has)
        self.act_qr.setEnabled(bool(allowed and allowed.link))
        self.act_code.setEnabled(bool(allowed and allowed.link))
        self.act_disconnect.setEnabled(bool(allowed and allowed.disconnect))
        self.act_reconnect.setEnabled(bool(allowed and allowed.reconnect))
        self.act_logout.setEnabled(bool(allowed and allowed.logout))
        # shown only for a locked session, so the toolbar does not grow for the rare case
        self.act_unlock.setVisible(bool(allowed and allowed.unlock))
        self.act_link_again.setVisible(bool(allowed and allowed.link_again))

    def _action(self, text: str, slot: Callable[[], None],
                shortcut: QKeySequence.StandardKey | None = None) -> QAction:
        act = QAction(text, self)
        act.triggered.connect(lambda _checked=False: slot())
        if shortcut is not None:
            act.setShortcut(QKeySequence(shortcut))
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(act)
        return act

    def _context_menu(self, pos: QPoint) -> None:
        index = self.view.indexAt(pos)
        if index.isValid():
            self.view.setCurrentIndex(index)
        menu = QMenu(self)
        if index.isValid():
            for act in (self.act_unlock, self.act_link_again, self.act_qr, self.act_code, None,
                        self.act_disconnect,
                        self.act_reconnect, self.act_logout, None, self.act_edit,
                        self.act_delete):
                if act is None:
                    menu.addSeparator()
                else:
                    menu.addAction(act)
        else:
            menu.addAction(self.act_add)
        menu.popup(self.view.viewport().mapToGlobal(pos))

    # ---- actions ------------------------------------------------------------------------
    def add(self) -> None:
        async def save(values: dict[str, Any]) -> Any:
            values = dict(values)
            channel = values.pop("channel")
            name = values.pop("name")
            row = await self.service.create(name, channel, **values)
            await self.reload()
            self.select(row.id)
            self.message.emit(self.tr("Connection “{name}” created. Link it to start "
                                      "serving customers.").format(name=row.name))
            return row

        self._open_form(save, None)

    def edit_selected(self) -> None:
        cid = self.selected_id()
        row = self.model.row_data(cid) if cid is not None else None
        if row is None:
            return

        async def save(values: dict[str, Any]) -> Any:
            values = dict(values)
            values.pop("channel", None)
            updated = await self.service.update(cid, **values)
            await self.reload()
            self.message.emit(self.tr("Connection “{name}” saved.").format(name=updated.name))
            return updated

        self._open_form(save, row)

    def _open_form(self, save: Callable[[dict[str, Any]], Awaitable[Any]], row: Any) -> None:
        """Open the add/edit form at once; the welcome-flow choices arrive when loaded."""
        dialog = ConnectionDialog(
            save, row, self, sandbox_available=bool(getattr(self.service, "sandbox_available",
                                                            False)))
        self._open(dialog)
        if self._flows is not None:
            def fill(flows: list[Any]) -> None:
                dialog.set_flow_choices(
                    [(f.id, f.name) for f in flows if f.published_version is not None])

            spawn(self._flows(), on_success=fill,
                  on_error=lambda text: log.warning("flows not listed: %s", text))

    def link_by_qr(self) -> None:
        cid = self.selected_id()
        if cid is None:
            return
        row = self.model.row_data(cid)
        kwargs = {"now": self._now} if self._now is not None else {}
        dialog = QrDialog(cid, row.name, self.bridge, lambda: self.service.connect(cid),
                          parent=self, **kwargs)
        dialog.accepted.connect(lambda: self.message.emit(
            self.tr("“{name}” is connected.").format(name=row.name)))
        self._open(dialog)
        last = self.bridge.last_qr(cid)
        state = self.selected_state()
        if last is not None and state is not None and state.status is ConnectionStatus.QR_WAITING:
            dialog.on_qr(last)  # already showing codes: show the current one, don't restart
        else:
            dialog.start()

    def link_by_code(self) -> None:
        cid = self.selected_id()
        if cid is None:
            return
        row = self.model.row_data(cid)
        dialog = PairingCodeDialog(cid, row.name, self.bridge,
                                   lambda phone: self.service.request_pairing_code(cid, phone),
                                   parent=self)
        dialog.accepted.connect(lambda: self.message.emit(
            self.tr("“{name}” is connected.").format(name=row.name)))
        self._open(dialog)

    def unlock_selected(self) -> None:
        cid = self.selected_id()
        if cid is None:
            return
        row = self.model.row_data(cid)
        dialog = UnlockDialog(row.name, lambda phrase: self.service.unlock(cid, phrase),
                              parent=self)

        def unlocked() -> None:
            self.message.emit(self.tr("“{name}” unlocked.").format(name=row.name))
            spawn(self.reload(), on_error=self.error.emit)

        dialog.accepted.connect(unlocked)
        self._open(dialog)

    def link_again_selected(self) -> None:
        cid = self.selected_id()
        if cid is None:
            return
        row = self.model.row_data(cid)

        def confirmed() -> None:
            def linked_again(_result: object) -> None:
                spawn(self.reload(), on_error=self.error.emit)
                self.select(cid)
                self.link_by_qr()

            spawn(self.service.link_again(cid), on_success=linked_again,
                  on_error=self.error.emit)

        box = self._confirm(
            self.tr("Link again"),
            self.tr("Link “{name}” again with a new QR code? The locked session is kept in "
                    "the data folder, renamed, in case its key turns up.").format(name=row.name),
            self.tr("Link again"), confirmed)
        box.setObjectName("linkAgainConfirm")
        self._open(box)

    def disconnect_selected(self) -> None:
        self._call(lambda cid: self.service.disconnect(cid))

    def reconnect_selected(self) -> None:
        self._call(lambda cid: self.service.reconnect(cid))

    def logout_selected(self) -> None:
        cid = self.selected_id()
        if cid is None:
            return
        row = self.model.row_data(cid)
        question = self.tr("Log out “{name}” from WhatsApp? You will need to scan a new QR "
                           "code to use it again.").format(name=row.name)
        box = self._confirm(self.tr("Log out"), question, self.tr("Log out"),
                            lambda: self._call(lambda c: self.service.logout(c), cid))
        box.setObjectName("logoutConfirm")
        self._open(box)

    def delete_selected(self) -> None:
        cid = self.selected_id()
        if cid is None:
            return
        row = self.model.row_data(cid)
        also_conversations = QCheckBox(self.tr("Also delete its conversations"))
        also_conversations.setChecked(False)

        def confirmed() -> None:
            keep = not also_conversations.isChecked()

            def said(unlinked: object) -> str:
                if unlinked is False:  # deleted here, but the phone still lists the device
                    return self.tr(
                        "Connection “{name}” deleted, but WhatsApp could not be reached to "
                        "unlink it: on the phone, open Linked devices and remove this "
                        "computer.").format(name=row.name)
                return self.tr("Connection “{name}” deleted.").format(name=row.name)

            self._call(lambda c: self.service.delete(c, keep_conversations=keep), cid,
                       done=said)

        box = self._confirm(self.tr("Delete connection"),
                            self.tr("Delete the connection “{name}”? It will be disconnected "
                                    "and removed from this computer.").format(name=row.name),
                            self.tr("Delete"), confirmed)
        box.setObjectName("deleteConfirm")
        box.setCheckBox(also_conversations)
        self._open(box)

    def _confirm(self, title: str, text: str, action: str,
                 confirmed: Callable[[], None]) -> QMessageBox:
        """A question before a destructive action: plain text buttons (no stock icons), the
        action in red, Cancel the default so Enter never destroys anything."""
        box = QMessageBox(QMessageBox.Icon.NoIcon, title, text, QMessageBox.StandardButton.NoButton,
                          self)
        go = box.addButton(action, QMessageBox.ButtonRole.DestructiveRole)
        go.setObjectName("destructiveButton")
        go.setIcon(QIcon())
        go.setStyleSheet(DESTRUCTIVE_BUTTON_STYLE)
        cancel = box.addButton(self.tr("Cancel"), QMessageBox.ButtonRole.RejectRole)
        cancel.setIcon(QIcon())
        box.setDefaultButton(cancel)
        box.setEscapeButton(cancel)
        box.buttonClicked.connect(lambda b: b is go and confirmed())
        return box

    # ---- helpers ------------------------------------------------------------------------
    def _call(self, fn: Callable[[int], Any], cid: int | None = None,
              done: str | Callable[[Any], str] = "") -> None:
        """Run a service call for a connection; ``done`` is what to say when it worked (or
        makes that sentence from the call's result)."""
        cid = self.selected_id() if cid is None else cid
        if cid is None:
            return

        def ok(result: object) -> None:
            text = done(result) if callable(done) else done
            if text:
                self.message.emit(text)
            spawn(self.reload(), on_error=self.error.emit)

        spawn(fn(cid), on_success=ok, on_error=self.error.emit)

    def _open(self, dialog: Any) -> None:
        """Window-modal, non-blocking: the asyncio loop keeps running behind the dialog."""
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _r, d=dialog: self._closed(d))
        dialog.open()

    def _closed(self, dialog: Any) -> None:
        if self.dialog is dialog:
            self.dialog = None
        self.view.setFocus()

"""The bar above the chat: who the customer is and the ticket's actions."""

from __future__ import annotations

import asyncio
from typing import Any

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QAction, QColor, QFont, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from whatdesk.domain.enums import TicketStatus
from whatdesk.domain.phone import display_phone
from whatdesk.services.tickets import TakenByAnother
from whatdesk.ui import tasks, theme
from whatdesk.ui.resources import icon
from whatdesk.ui.widgets import ElidedLabel

from .context import InboxContext
from .ticket_dialogs import NewConversationDialog, TransferDialog
from .toast import Toast

HEADER_HEIGHT = 60


class Avatar(QWidget):
    """Initials on the contact's colour (the photo is the contact panel's business)."""

    def __init__(self, size: int = 40, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFixedSize(size, size)
        self.key: int | str = 0
        self.initials = ""

    def set_contact(self, key: int | str, name: str) -> None:
        self.key = key
        words = [w for w in name.split() if w[:1].isalnum()]
        self.initials = "".join(w[0] for w in words[:2]).upper() or "#"
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(theme.avatar_color(self.key))
        p.drawEllipse(QRectF(self.rect()))
        font = QFont(self.font())
        font.setPixelSize(int(self.height() * 0.38))
        font.setBold(True)
        p.setFont(font)
        p.setPen(QColor("#FFFFFF"))
        p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.initials)


def _icon_button(name: str, tip: str) -> QToolButton:
    b = QToolButton()
    b.setIcon(icon(name, theme.palette().text_secondary))
    b.setIconSize(QSize(22, 22))
    b.setToolTip(tip)
    b.setAccessibleName(tip)
    b.setAutoRaise(True)
    b.setFixedSize(38, 38)
    b.setCursor(Qt.CursorShape.PointingHandCursor)
    return b


class TicketHeader(QWidget):
    # the agent started (or reopened) a conversation that should be shown now
    open_ticket_requested = Signal(int)

    def __init__(self, ctx: InboxContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("ticketHeader")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setFixedHeight(HEADER_HEIGHT)
        self.ticket_id: int | None = None
        self.ticket: Any = None
        self._seq = 0
        self._toast: Toast | None = None
        self._agents: dict[int, str] = {}
        self._queues: dict[int, str] = {}

        self.avatar = Avatar()
        self.name = ElidedLabel()  # a long name ends in "…" instead of running under Accept
        self.name.setObjectName("headerName")
        self.subtitle = ElidedLabel()
        self.subtitle.setObjectName("headerSubtitle")
        names = QVBoxLayout()
        names.setSpacing(0)
        names.addStretch(1)
        names.addWidget(self.name)
        names.addWidget(self.subtitle)
        names.addStretch(1)

        self.accept_button = QPushButton(self.tr("Accept"))
        self.accept_button.setObjectName("acceptButton")
        self.accept_button.setToolTip(self.tr("Take this conversation and reply"))
        self.reopen_button = QPushButton(self.tr("Reopen"))
        self.reopen_button.setObjectName("reopenButton")
        self.reopen_button.setToolTip(self.tr("Open this conversation again, as yours"))
        self.return_button = _icon_button("return-queue", self.tr("Return to the waiting queue"))
        self.transfer_button = _icon_button("transfer", self.tr("Transfer to a queue or agent"))
        self.resolve_button = _icon_button("resolve", self.tr("Close the conversation"))
        self.new_button = _icon_button("new-chat", self.tr("New conversation with any number"))
        self.more_button = _icon_button("more", self.tr("More actions"))
        self.more_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.more_menu = QMenu(self)
        self.more_button.setMenu(self.more_menu)
        self.tag_menu = QMenu(self.tr("Tags"), self)
        grey = theme.palette().text_secondary
        self.tag_menu.setIcon(icon("tag", grey))
        self.unread_action = QAction(icon("unread", grey), self.tr("Mark as unread"), self)
        self.bot_action = QAction(icon("bot", grey), self.tr("Hand back to the bot"), self)
        self.bot_action.setToolTip(self.tr("Restart the connection's welcome flow"))

        row = QHBoxLayout(self)
        row.setContentsMargins(16, 0, 10, 0)
        row.setSpacing(6)
        row.addWidget(self.avatar)
        row.addSpacing(6)
        row.addLayout(names, 1)
        for w in (self.accept_button, self.reopen_button, self.return_button,
                  self.transfer_button, self.resolve_button, self.new_button, self.more_button):
            row.addWidget(w)

        self.accept_button.clicked.connect(self.accept)
        self.reopen_button.clicked.connect(self.reopen)
        self.return_button.clicked.connect(self.return_to_queue)
        self.transfer_button.clicked.connect(self.open_transfer)
        self.resolve_button.clicked.connect(self.close_ticket)
        self.new_button.clicked.connect(self.open_new_conversation)
        self.unread_action.triggered.connect(self.mark_unread)
        self.bot_action.triggered.connect(self.hand_to_bot)
        self.more_menu.aboutToShow.connect(self._fill_more_menu)
        ctx.bridge.ticket_changed.connect(self._on_ticket_changed)
        self._apply_style()
        self.set_ticket(None)

    # ---- public -------------------------------------------------------------------------

    def set_ticket(self, ticket_id: int | None) -> None:
        """Show this ticket's name, status and the actions that apply to it."""
        self.ticket_id = ticket_id
        self.ticket = None
        self._seq += 1
        if ticket_id is None:
            self.avatar.hide()
            self.name.setText("")
            self.subtitle.setText("")
            self._show_actions()
            return
        self.avatar.show()
        self._reload()

    def toast(self) -> Toast:
        if self._toast is None:
            host = self.parentWidget() or self
            # above the composer when the chat pane has one: never over what is typed
            self._toast = Toast(host, above=host.findChild(QWidget, "composer"))
        return self._toast

    # ---- actions --------------------------------------------------------------------------

    def accept(self) -> None:
        tid, me = self.ticket_id, self.ctx.agent.id
        if tid is None:
            return
        self.accept_button.setEnabled(False)  # one click, one attempt

        async def run() -> str | None:
            """None when we got it; else who did (the loser is told, not an error)."""
            try:
                await self.ctx.runtime.tickets.accept(tid, me)
            except TakenByAnother as exc:
                if exc.agent_name:
                    return self.tr("{name} accepted this conversation first.").format(
                        name=exc.agent_name)
                return self.tr("This conversation is no longer waiting.")
            return None

        def finished(lost: str | None) -> None:
            self.accept_button.setEnabled(True)
            self._done(tid, lost or self.tr("You accepted this conversation."))

        tasks.spawn(run(), on_success=finished, on_error=self._error)

    def return_to_queue(self) -> None:
        tid, me = self.ticket_id, self.ctx.agent.id
        if tid is None:
            return

        def undo() -> None:
            tasks.spawn(self.ctx.runtime.tickets.accept(tid, me),
                        on_success=lambda _r: self._reload(tid), on_error=self._error)

        tasks.spawn(self.ctx.runtime.tickets.return_to_queue(tid, me),
                    on_success=lambda _r: self._done(
                        tid, self.tr("Returned to the waiting queue."), undo),
                    on_error=self._error)

    def close_ticket(self) -> None:
        tid, me = self.ticket_id, self.ctx.agent.id
        if tid is None:
            return

        def closed(_r: Any) -> None:
            def undo() -> None:
                tasks.spawn(self.ctx.runtime.tickets.reopen(tid, me),
                            on_success=lambda _t: self._reload(tid), on_error=self._error)
            self._done(tid, self.tr("Conversation closed."), undo)

        def go() -> None:
            tasks.spawn(self.ctx.runtime.tickets.close_with_farewell(tid, me),
                        on_success=closed, on_error=self._error)

        def ask(farewell: str) -> None:
            if not farewell:
                go()
                return
            # the farewell cannot be taken back: this one is confirmed, in red
            box = QMessageBox(QMessageBox.Icon.Question, self.tr("Close conversation"),
                              self.tr("Close this conversation? The customer receives the "
                                      "farewell message:\n\n{text}").format(text=farewell),
                              QMessageBox.StandardButton.Cancel, self)
            yes = box.addButton(self.tr("Close and send"), QMessageBox.ButtonRole.AcceptRole)
            yes.setObjectName("confirmClose")
            yes.setStyleSheet(f"background: {theme.palette().failed}; color: white;"
                              " padding: 6px 14px; border-radius: 4px;")
            box.setDefaultButton(QMessageBox.StandardButton.Cancel)
            box.finished.connect(lambda _r: go() if box.clickedButton() is yes else None)
            self.confirm_box = box
            box.open()

        tasks.spawn(self.ctx.runtime.tickets.farewell_of(tid), on_success=ask,
                    on_error=self._error)

    def reopen(self) -> None:
        tid, me = self.ticket_id, self.ctx.agent.id
        if tid is None:
            return
        tasks.spawn(self.ctx.runtime.tickets.reopen(tid, me),
                    on_success=lambda _r: self._done(tid, self.tr("Conversation reopened.")),
                    on_error=self._error)

    def mark_unread(self) -> None:
        tid = self.ticket_id
        if tid is None:
            return
        tasks.spawn(self.ctx.runtime.tickets.mark_unread(tid),
                    on_success=lambda _r: self._done(tid, self.tr("Marked as unread.")),
                    on_error=self._error)

    def hand_to_bot(self) -> None:
        tid, me = self.ticket_id, self.ctx.agent.id
        if tid is None:
            return

        def done(started: bool) -> None:
            self._done(tid, self.tr("The bot has the conversation again.") if started else
                       self.tr("The bot did not take the conversation (the welcome flow "
                               "ended at once or was removed)."))

        tasks.spawn(self.ctx.runtime.tickets.hand_to_bot(tid, me), on_success=done,
                    on_error=self._error)

    def set_tag(self, tag_id: int, on: bool) -> None:
        tid = self.ticket_id
        if tid is None:
            return
        tasks.spawn(self.ctx.runtime.tickets.set_tag(tid, tag_id, on), on_error=self._error)

    def open_transfer(self) -> None:
        tid = self.ticket_id
        if tid is None:
            return

        async def load() -> tuple[list[Any], list[Any]]:
            queues, agents = await asyncio.gather(self.ctx.runtime.tickets.queues(),
                                                  self.ctx.runtime.agents.list())
            return queues, agents

        def show(data: tuple[list[Any], list[Any]]) -> None:
            if self.ticket_id != tid or self.ticket is None:
                return
            dialog = TransferDialog(data[0], data[1], self.ticket.queue_id, self.ctx.agent.id,
                                    self)
            self.transfer_dialog = dialog
            dialog.accepted.connect(lambda: self._transfer(tid, dialog))
            dialog.open()

        tasks.spawn(load(), on_success=show, on_error=self._error)

    def _transfer(self, tid: int, dialog: TransferDialog) -> None:
        queue_id, agent_id, note = dialog.queue_id(), dialog.agent_id(), dialog.note_text()
        target = dialog.agent.currentText() if agent_id is not None else dialog.queue.currentText()
        tasks.spawn(self.ctx.runtime.tickets.transfer(
            tid, queue_id=queue_id, to_agent_id=agent_id, note=note,
            by_agent_id=self.ctx.agent.id),
            on_success=lambda _r: self._done(
                tid, self.tr("Transferred to {target}.").format(target=target)),
            on_error=self._error)

    def open_new_conversation(self) -> None:
        def show(connections: list[Any]) -> None:
            dialog = NewConversationDialog(connections, self)
            self.new_dialog = dialog
            dialog.accepted.connect(lambda: self._start(dialog))
            dialog.open()

        tasks.spawn(self.ctx.runtime.connections.list(), on_success=show, on_error=self._error)

    def _start(self, dialog: NewConversationDialog) -> None:
        digits = dialog.digits()
        if digits is None:
            return
        tasks.spawn(self.ctx.runtime.tickets.start_conversation(
            digits, self.ctx.agent.id, dialog.connection_id(), dialog.contact_name()),
            on_success=lambda t: self.open_ticket_requested.emit(t.id), on_error=self._error)

    # ---- state ----------------------------------------------------------------------------

    def _done(self, tid: int, message: str, undo: Any = None) -> None:
        self.toast().show_message(message, undo)
        self._reload(tid)

    def _error(self, message: str) -> None:
        self.toast().show_message(str(message))
        self._reload()

    def _reload(self, tid: int | None = None) -> None:
        tid = self.ticket_id if tid is None else tid
        if tid is None or tid != self.ticket_id:
            return
        self._seq += 1
        seq = self._seq

        async def load() -> Any:
            ticket = await self.ctx.runtime.tickets.get(tid)
            if not self._agents or (ticket.agent_id and ticket.agent_id not in self._agents):
                self._agents = {a.id: a.name for a in await self.ctx.runtime.agents.list()}
            if ticket.queue_id and ticket.queue_id not in self._queues:
                self._queues = {q.id: q.name for q in await self.ctx.runtime.tickets.queues()}
            return ticket

        tasks.spawn(load(), on_success=lambda t: self._show(seq, t), on_error=self._error)

    def _show(self, seq: int, ticket: Any) -> None:
        if seq != self._seq or ticket.id != self.ticket_id:
            return
        self.ticket = ticket
        self.avatar.set_contact(ticket.contact_id, ticket.contact_name or ticket.contact_phone
                                or "")
        self.name.setText(ticket.contact_name or display_phone(ticket.contact_phone))
        parts = []
        if ticket.contact_name and ticket.contact_phone:
            parts.append(display_phone(ticket.contact_phone))
        parts.append(self._status_text(ticket))
        if ticket.queue_id in self._queues:
            parts.append(self._queues[ticket.queue_id])
        self.subtitle.setText(" · ".join(parts))
        self._show_actions()

    def _status_text(self, ticket: Any) -> str:
        status = ticket.status
        if status == TicketStatus.OPEN:
            if ticket.agent_id == self.ctx.agent.id:
                return self.tr("with you")
            return self.tr("with {name}").format(name=self._agents.get(ticket.agent_id, "?"))
        return {TicketStatus.PENDING: self.tr("waiting"), TicketStatus.BOT: self.tr("with the bot"),
                TicketStatus.CLOSED: self.tr("closed")}.get(status, status.value)

    def _show_actions(self) -> None:
        t = self.ticket
        status = t.status if t is not None else None
        self.accept_button.setVisible(status in (TicketStatus.PENDING, TicketStatus.BOT))
        self.accept_button.setEnabled(True)
        self.reopen_button.setVisible(status == TicketStatus.CLOSED)
        is_open = status == TicketStatus.OPEN
        for b in (self.return_button, self.transfer_button):
            b.setVisible(is_open)
        self.resolve_button.setVisible(status in (TicketStatus.OPEN, TicketStatus.PENDING,
                                                  TicketStatus.BOT))
        self.more_button.setVisible(t is not None)

    def _fill_more_menu(self) -> None:
        menu = self.more_menu
        menu.clear()
        t = self.ticket
        if t is None:
            return
        menu.addMenu(self.tag_menu)
        self.tag_menu.clear()
        loading = self.tag_menu.addAction(self.tr("Loading…"))
        loading.setEnabled(False)
        tid = t.id

        def fill_tags(data: tuple[list[Any], set[int]]) -> None:
            if self.ticket_id != tid:
                return
            self.tag_menu.clear()
            tags, mine = data
            if not tags:
                none = self.tag_menu.addAction(self.tr("No tags yet (create them in Settings)"))
                none.setEnabled(False)
            for tag in tags:
                action = self.tag_menu.addAction(tag.name)
                action.setCheckable(True)
                action.setChecked(tag.id in mine)
                action.toggled.connect(lambda on, tag_id=tag.id: self.set_tag(tag_id, on))

        tasks.spawn(self.ctx.runtime.tickets.tags(tid), on_success=fill_tags,
                    on_error=self._error)
        if t.status != TicketStatus.CLOSED:
            menu.addAction(self.unread_action)
        if t.status in (TicketStatus.PENDING, TicketStatus.OPEN):
            # offered only when the connection has a welcome flow to restart
            menu.addAction(self.bot_action)
            self.bot_action.setVisible(False)

            def show_bot(has_flow: bool) -> None:
                if self.ticket_id == tid:
                    self.bot_action.setVisible(has_flow)

            tasks.spawn(self.ctx.runtime.tickets.has_welcome_flow(tid), on_success=show_bot,
                        on_error=self._error)

    def _on_ticket_changed(self, event: Any) -> None:
        if event.ticket_id == self.ticket_id:
            self._reload()

    def _apply_style(self) -> None:
        pal = theme.palette()
        self.setStyleSheet(
            f"#ticketHeader {{ background: {pal.background}; border-bottom: 1px solid"
            f" {pal.divider}; }}"
            f"#headerName {{ color: {pal.text}; font-size: 15px; font-weight: 600; }}"
            f"#headerSubtitle {{ color: {pal.text_secondary}; font-size: 12px; }}"
            f"#acceptButton {{ background: {pal.accent}; color: white; border: none;"
            " border-radius: 15px; min-height: 30px; padding: 0 18px; font-weight: 600; }"
            f"#reopenButton {{ background: transparent; color: {pal.accent}; border: 1px solid"
            f" {pal.accent}; border-radius: 15px; min-height: 28px; padding: 0 16px;"
            " font-weight: 600; }"
            "QToolButton::menu-indicator { image: none; width: 0; }")

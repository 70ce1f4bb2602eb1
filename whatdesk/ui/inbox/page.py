"""The inbox page: ticket lists | chat | contact panel, side by side."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QSplitter, QWidget

from whatdesk.domain.enums import TicketStatus
from whatdesk.ui import tasks
from whatdesk.ui.theme import METRICS

from .chat import ChatPane
from .contact_panel import ContactPanel
from .context import InboxContext
from .ticket_list import TicketListPane


class InboxPage(QWidget):
    def __init__(self, ctx: InboxContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("inboxPage")
        self.tickets = TicketListPane(ctx)
        self.chat = ChatPane(ctx)
        self.contact = ContactPanel(ctx)
        self.tickets.setMinimumWidth(METRICS.list_min_width)
        self.contact.setFixedWidth(METRICS.contact_panel_width)
        self.splitter = QSplitter()
        self.splitter.setChildrenCollapsible(False)
        for pane in (self.tickets, self.chat, self.contact):
            self.splitter.addWidget(pane)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(2, 0)
        self.splitter.setSizes([380, 760, METRICS.contact_panel_width])  # the list ~30%
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.splitter)
        self.tickets.ticket_selected.connect(self.open_ticket)
        # a contact hit has no message (0): open that chat at its newest message
        self.tickets.search.result_opened.connect(
            lambda ticket_id, message_id: self.open_ticket(ticket_id, message_id or None))
        ctx.bridge.contact_changed.connect(lambda ev: self.tickets.contact_changed(ev.contact_id))
        # the contact panel hides with its ×; Alt+I (contact Info) shows or hides it
        self.contact_shortcut = QShortcut(QKeySequence("Alt+I"), self,
                                          self.contact.toggle_collapsed)
        # a conversation the agent started from the header opens at once
        self.chat.header.open_ticket_requested.connect(self.open_ticket)

    def open_ticket(self, ticket_id: int | None, message_id: int | None = None) -> None:
        self.tickets.show_ticket(ticket_id)
        self.chat.open_ticket(ticket_id, message_id)
        self.contact.show_ticket(ticket_id)
        if ticket_id is not None:
            tasks.spawn(self._mark_read(ticket_id))

    async def _mark_read(self, ticket_id: int) -> None:
        """Opening a conversation reads it (blue ticks for the customer), except a peek at a
        waiting one: it stays unread for whoever accepts it."""
        runtime = self.ctx.runtime
        ticket = await runtime.tickets.get(ticket_id)
        if ticket.status != TicketStatus.PENDING and ticket.unread_count:
            await runtime.messages.mark_read(ticket_id)

    async def load(self) -> None:
        await self.tickets.load()

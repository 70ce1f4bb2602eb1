"""The chat pane: the ticket header, the message list and the composer, top to bottom."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from .composer import Composer
from .context import InboxContext
from .ticket_header import TicketHeader


class ChatPane(QWidget):
    def __init__(self, ctx: InboxContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("chatPane")
        self.ticket_id: int | None = None
        self.header = TicketHeader(ctx)
        self.composer = Composer(ctx)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.header)
        column.addStretch(1)  # the message list goes here
        column.addWidget(self.composer)

    def open_ticket(self, ticket_id: int | None, message_id: int | None = None) -> None:
        """Show this ticket at its newest message, or centred on message_id (search hits)."""
        self.ticket_id = ticket_id
        self.header.set_ticket(ticket_id)
        self.composer.set_ticket(ticket_id)

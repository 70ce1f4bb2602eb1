"""The bar above the chat: who the customer is and the ticket's actions."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QWidget

from .context import InboxContext


class TicketHeader(QWidget):
    def __init__(self, ctx: InboxContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("ticketHeader")
        QHBoxLayout(self)

    def set_ticket(self, ticket_id: int | None) -> None:
        """Show this ticket's name, status and the actions that apply to it."""

"""The ticket lists (tabs Mine, Waiting, Bot, Closed, Search) with their filters."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from .context import InboxContext


class TicketListPane(QWidget):
    ticket_selected = Signal(int)  # ticket id; also emitted by keyboard navigation

    def __init__(self, ctx: InboxContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("ticketListPane")
        QVBoxLayout(self)

    async def load(self) -> None:
        """Fill the lists from the store (first page of each tab, counts)."""

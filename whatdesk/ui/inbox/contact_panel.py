"""The panel on the right: the contact of the open ticket, editable in place."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from .context import InboxContext


class ContactPanel(QWidget):
    def __init__(self, ctx: InboxContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("contactPanel")
        QVBoxLayout(self)

    def show_ticket(self, ticket_id: int | None) -> None:
        """Show the contact behind this ticket (nothing for None)."""

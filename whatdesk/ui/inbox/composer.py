"""Where the agent writes: text, quick replies, emoji, attachments, notes."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from .context import InboxContext


class Composer(QWidget):
    message_sent = Signal(int)  # the new message row's id

    def __init__(self, ctx: InboxContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("composer")
        QVBoxLayout(self)

    def set_ticket(self, ticket_id: int | None) -> None:
        """Write to this ticket from now on (drafts are kept per ticket)."""

    def quote(self, message_id: int) -> None:
        """Reply to this message: show it above the field until sent or Esc."""

"""The Search tab of the ticket list (built by the search work; this is its contract)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from .context import InboxContext


class SearchPane(QWidget):
    result_opened = Signal(int, int)  # ticket id, message id: open the chat at that message

    def __init__(self, ctx: InboxContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("searchPane")
        column = QVBoxLayout(self)
        hint = QLabel(self.tr("Search is not available in this build."))
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        hint.setWordWrap(True)
        column.addWidget(hint)

"""A stand-in for FlowEditor in the flows-page tests (the real editor is another module's)."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget


class StandInEditor(QWidget):
    """Tests only: what the page needs of FlowEditor (the real one is another module's)."""

    def __init__(self, flow: Any, read_only: bool = False) -> None:
        super().__init__()
        self.flow = flow
        self.read_only = read_only
        self.undo_stack = QUndoStack(self)
        self.analytics: Any = None
        self.diff: Any = None

    def set_analytics(self, data: Any) -> None:
        self.analytics = data

    def set_diff(self, diff: Any) -> None:
        self.diff = diff

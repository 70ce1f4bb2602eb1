"""A collapsed "Details" area: the raw words behind a message, for support, never up front."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QPlainTextEdit, QToolButton, QVBoxLayout, QWidget


class DetailsExpander(QWidget):
    """A "Details" toggle and, when opened, the raw text (selectable, read-only).

    Hidden altogether while there is nothing to show."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.toggle = QToolButton()
        self.toggle.setObjectName("detailsToggle")
        self.toggle.setText(self.tr("Details"))
        self.toggle.setCheckable(True)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.toggle.setAutoRaise(True)
        self.toggle.setStyleSheet("QToolButton { border: none; color: #54656f; }")
        self.text = QPlainTextEdit()
        self.text.setObjectName("detailsText")
        self.text.setReadOnly(True)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.text.setMaximumHeight(90)
        self.text.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.toggle, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.text)
        self.toggle.toggled.connect(self._open)
        self.hide()

    def set_details(self, text: str) -> None:
        self.text.setPlainText(text.strip())
        self.setVisible(bool(text.strip()))
        if not text.strip():
            self.toggle.setChecked(False)

    def details(self) -> str:
        return self.text.toPlainText() if self.isVisibleTo(self.parentWidget()) else ""

    def _open(self, opened: bool) -> None:
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if opened else Qt.ArrowType.RightArrow)
        self.text.setVisible(opened)

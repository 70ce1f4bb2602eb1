"""Small widgets shared by several screens."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QLabel, QSizePolicy


def plain_label(text: str = "") -> QLabel:
    """A label for text a customer controls (a name, a message): always shown as typed. A
    plain QLabel guesses rich text, so a name like "<img src=...>" would be rendered."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


class ElidedLabel(QLabel):
    """A one-line label that ends in "…" when the window is too narrow (full text as tooltip)."""

    def __init__(self) -> None:
        super().__init__()
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(80)

    def setText(self, text: str) -> None:  # noqa: N802 (Qt override)
        super().setText(text)
        self.setToolTip(text)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        painter = QPainter(self)
        metrics = self.fontMetrics()
        rect = self.contentsRect()
        painter.drawText(rect, int(self.alignment()) | Qt.AlignmentFlag.AlignVCenter,
                         metrics.elidedText(self.text(), Qt.TextElideMode.ElideRight,
                                            rect.width()))
        painter.end()

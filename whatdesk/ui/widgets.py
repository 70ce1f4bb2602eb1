"""Small widgets shared by several screens."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QSizePolicy

from whatdesk.domain.errors import InvalidPhone
from whatdesk.domain.phone import normalize_phone

translate = QCoreApplication.translate  # lupdate finds calls named "translate"


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


class PhoneEdit(QLineEdit):
    """A phone number as people type it (Brazilian numbers as dialled, others with + and the
    country code); ``digits()`` is the number to store, or None while it is not one."""

    def __init__(self) -> None:
        super().__init__()
        self.setMaxLength(40)
        self.setPlaceholderText(translate("PhoneEdit", "e.g. (11) 98765-4321 or +351 912 345 678"))
        # the example is the help: wide enough to be read whole, in either language
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance(self.placeholderText()) + 24)

    def digits(self) -> str | None:
        try:
            return normalize_phone(self.text())
        except InvalidPhone:
            return None

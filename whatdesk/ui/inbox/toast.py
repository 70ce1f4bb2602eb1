"""A snackbar at the bottom of a widget: what just happened, with an optional Undo."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from whatdesk.ui import theme
from whatdesk.ui.widgets import plain_label

TOAST_MS = 6000


class Toast(QWidget):
    """Shown over the bottom of ``host`` (routine actions never open a modal)."""

    def __init__(self, host: QWidget, above: QWidget | None = None) -> None:
        super().__init__(host)
        self.host = host
        self.above = above  # a widget at the bottom of host the toast must not cover
        self.setObjectName("toast")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        pal = theme.palette()
        self.setStyleSheet(
            "#toast { background: #323739; border-radius: 6px; }"
            "#toast QLabel { color: #FFFFFF; }"
            f"#toast QPushButton {{ color: {pal.accent}; background: transparent; border: none;"
            " font-weight: 600; padding: 4px 8px; }")
        self.label = plain_label()
        self.label.setWordWrap(True)
        self.undo_button = QPushButton(self.tr("Undo"))
        self.undo_button.setCursor(Qt.CursorShape.PointingHandCursor)
        row = QHBoxLayout(self)
        row.setContentsMargins(14, 8, 8, 8)
        row.addWidget(self.label, 1)
        row.addWidget(self.undo_button)
        self._undo: Callable[[], None] | None = None
        self.undo_button.clicked.connect(self._on_undo)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.hide)
        host.installEventFilter(self)
        self.hide()

    def show_message(self, text: str, undo: Callable[[], None] | None = None,
                     ms: int = TOAST_MS) -> None:
        self.label.setText(text)
        self._undo = undo
        self.undo_button.setVisible(undo is not None)
        self._place()
        self.show()
        self.raise_()
        self._timer.start(ms)

    def text(self) -> str:
        return self.label.text() if self.isVisible() else ""

    def _on_undo(self) -> None:
        undo, self._undo = self._undo, None
        self.hide()
        if undo is not None:
            undo()

    def _place(self) -> None:
        width = min(480, max(240, self.host.width() - 48))
        self.setFixedWidth(width)
        self.adjustSize()
        bottom = self.host.height()
        if self.above is not None and self.above.isVisible():
            bottom = self.above.mapTo(self.host, self.above.rect().topLeft()).y()
        self.move((self.host.width() - width) // 2, bottom - self.height() - 16)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.host and event.type() == QEvent.Type.Resize and self.isVisible():
            self._place()
        return False

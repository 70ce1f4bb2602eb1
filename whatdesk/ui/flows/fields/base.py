"""What every inspector field widget shares: the editing protocol, its context, the look."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPalette, QPixmap
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from whatdesk.flows.registry import FieldSpec, Text
from whatdesk.ui.theme import palette

translate = QCoreApplication.translate


def ui_locale() -> str:
    """"pt" or "en": the language registry texts and validation messages are shown in."""
    return "pt" if QLocale().language() == QLocale.Language.Portuguese else "en"


@dataclass
class FieldContext:
    """What field widgets may ask of the inspector."""

    locale: str = "pt"
    variables: Callable[[], list[str]] = field(default=list)  # for {{ completion
    flow_names: Callable[[], list[str]] = field(default=list)  # for go_to_flow
    media_root: Path | None = None  # <data>/flow-media
    # Called with every text widget a field creates: the inspector routes Ctrl+Z / Ctrl+Y
    # there to the flow's undo stack (a text widget's own undo would bypass it).
    guard: Callable[[QWidget], None] = field(default=lambda _w: None)

    def text(self, value: Text | None) -> str:
        return value(self.locale) if value is not None else ""


class FieldEditor(QWidget):
    """One widget per FieldKind. ``edited(value, detail)`` fires only for the user's own
    changes; ``set_value`` (the document changed, e.g. undo) never fires it and leaves focus
    and the cursor where they are. ``detail`` names a part of the field (a row) for the undo
    text; "" for the field itself."""

    edited = Signal(object, str)
    inline_title = False  # True: the widget shows its own title (a check box)

    def __init__(self, spec: FieldSpec, ctx: FieldContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.ctx = ctx
        self.read_only = False

    def value(self) -> Any:
        raise NotImplementedError

    def set_value(self, value: Any) -> None:
        raise NotImplementedError

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        self.setEnabled(not read_only)


def secondary_label(text: str = "", *, small: bool = True) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    if small:
        font = QFont(label.font())
        font.setPointSizeF(font.pointSizeF() * 0.9)
        label.setFont(font)
    label.setStyleSheet(f"color: {palette().text_secondary};")
    return label


def problem_label() -> QLabel:
    """An inline message under a field (bad regex, unknown date), hidden when empty."""
    label = QLabel()
    label.setWordWrap(True)
    label.setObjectName("fieldProblem")
    label.setStyleSheet(f"color: {palette().failed};")
    label.hide()
    return label


def show_problem(label: QLabel, text: str | None) -> None:
    label.setText(text or "")
    label.setVisible(bool(text))


def title_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    font = QFont(label.font())
    font.setWeight(QFont.Weight.DemiBold)
    label.setFont(font)
    return label


def empty_state(title: str, about: str, picture: QPixmap | None = None
                ) -> tuple[QWidget, QLabel]:
    """A side panel's "nothing here yet": an optional picture, a bold title and a sentence
    saying what would appear, centred. Returns the widget and its title label."""
    widget = QWidget()
    column = QVBoxLayout(widget)
    column.setContentsMargins(24, 24, 24, 24)
    column.addStretch(1)
    if picture is not None:
        image = QLabel()
        image.setPixmap(picture)
        image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        column.addWidget(image)
    heading = QLabel(title)
    heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
    font = QFont(heading.font())
    font.setBold(True)
    heading.setFont(font)
    column.addWidget(heading)
    text = secondary_label(about, small=False)
    text.setAlignment(Qt.AlignmentFlag.AlignCenter)
    column.addWidget(text)
    column.addStretch(2)
    return widget, heading


def panel_background(widget: QWidget) -> QWidget:
    """Paint a side panel (inspector page, problems, variables) in the theme's panel colour."""
    widget.setAutoFillBackground(True)
    colors = widget.palette()
    colors.setColor(QPalette.ColorRole.Window, QColor(palette().panel))
    colors.setColor(QPalette.ColorRole.Base, QColor(palette().panel))
    widget.setPalette(colors)
    return widget

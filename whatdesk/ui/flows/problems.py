"""The problems panel: every validation finding of the flow, kept current as it is edited
(re-validated off the keystroke path); clicking one selects its node."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import shiboken6
from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QRectF,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QLabel,
    QListView,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from whatdesk.flows import registry
from whatdesk.flows.document import Flow
from whatdesk.flows.validation import ERROR, Finding, Validator

from ..theme import palette
from .fields.base import empty_state, panel_background, ui_locale

DEBOUNCE_MS = 250
WARNING_COLOR = "#E9A23B"
Index = QModelIndex | QPersistentModelIndex
NodeRole = Qt.ItemDataRole.UserRole + 1
CaptionRole = Qt.ItemDataRole.UserRole + 2


def node_caption(flow: Flow, node_id: str | None, locale: str) -> str:
    """How a node is named in lists: its type and the start of its text."""
    if node_id is None:
        return "Fluxo" if locale == "pt" else "Flow"
    node = flow.node(node_id)
    if node is None:
        return node_id[:40]
    node_type = registry.get(node.type)
    title = node_type.title(locale) if node_type is not None else node.type
    text = node.config.get("text")
    if isinstance(text, str) and text.strip():
        first = text.strip().splitlines()[0]
        return f"{title} · {first[:40]}{'…' if len(first) > 40 else ''}"
    return title


def ok_icon(size: int = 32) -> QIcon:
    """The accent-coloured ✓ disc of the "No problems" state."""
    return _disc(palette().accent, "✓", size)


def severity_icon(severity: str, size: int = 16) -> QIcon:
    """A red × disc for errors, an amber ! disc for warnings (the canvas badges' colours)."""
    return _disc(palette().failed if severity == ERROR else WARNING_COLOR,
                 "×" if severity == ERROR else "!", size)


def _disc(color: str, glyph: str, size: int) -> QIcon:
    pixmap = QPixmap(size * 2, size * 2)
    pixmap.setDevicePixelRatio(2.0)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(color))
    painter.drawEllipse(QRectF(1, 1, size - 2, size - 2))
    painter.setPen(QColor("white"))
    font = QFont()
    font.setBold(True)
    font.setPixelSize(int(size * 0.7))
    painter.setFont(font)
    painter.drawText(QRectF(0, 0, size, size), Qt.AlignmentFlag.AlignCenter, glyph)
    painter.end()
    return QIcon(pixmap)


@dataclass(frozen=True)
class Row:
    finding: Finding
    caption: str


class FindingsModel(QAbstractListModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[Row] = []
        self.locale = "pt"
        self._icons = {ERROR: severity_icon(ERROR), "warning": severity_icon("warning")}

    def set_rows(self, rows: list[Row]) -> None:
        if rows == self.rows:
            return
        if [r.finding for r in rows] == [r.finding for r in self.rows]:
            # the same findings (typing in a node's text changes only its caption): the
            # changed rows are redrawn, the list keeps its layout, scroll and selection
            changed = [i for i, (new, old) in enumerate(zip(rows, self.rows, strict=True))
                       if new != old]
            self.rows = rows
            for i in changed:
                index = self.index(i, 0)
                self.dataChanged.emit(index, index)
            return
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            message = row.finding.message(self.locale)
            return message[:1].upper() + message[1:]
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{row.caption}\n{row.finding.message(self.locale)}\n({row.finding.code})"
        if role == Qt.ItemDataRole.DecorationRole:
            return self._icons.get(row.finding.severity, self._icons["warning"])
        if role == NodeRole:
            return row.finding.node
        if role == CaptionRole:
            return row.caption
        return None


class FindingDelegate(QStyledItemDelegate):
    """Two lines: the message, then the node it is about (secondary colour)."""

    PAD = 8

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        # a big flow repeats the same few messages hundreds of times: each wrapped height
        # is measured once per width and font
        self._heights: dict[tuple[str, int, str], int] = {}

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        metrics = option.fontMetrics
        width = max(option.rect.width(), 200) - 16 - 3 * self.PAD
        text = str(index.data())
        key = (text, width, option.font.key())
        height = self._heights.get(key)
        if height is None:
            if len(self._heights) > 5000:
                self._heights.clear()
            height = self._heights[key] = metrics.boundingRect(
                0, 0, width, 10_000, int(Qt.TextFlag.TextWordWrap), text).height()
        return QSize(width, height + metrics.height() + 2 * self.PAD + 2)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        pal = palette()
        painter.save()
        if option.state & QStyle.StateFlag.State_Selected:
            painter.fillRect(option.rect, QColor(pal.selected))
        elif option.state & QStyle.StateFlag.State_MouseOver:
            painter.fillRect(option.rect, QColor(pal.hover))
        rect = option.rect.adjusted(self.PAD, self.PAD, -self.PAD, -self.PAD)
        icon = index.data(Qt.ItemDataRole.DecorationRole)
        if isinstance(icon, QIcon):
            icon.paint(painter, rect.left(), rect.top() + 1, 16, 16)
        text_rect = rect.adjusted(16 + self.PAD, 0, 0, 0)
        metrics = option.fontMetrics
        message = metrics.boundingRect(text_rect.left(), text_rect.top(), text_rect.width(),
                                       10_000, int(Qt.TextFlag.TextWordWrap), str(index.data()))
        painter.setPen(QColor(pal.text))
        painter.drawText(message, int(Qt.TextFlag.TextWordWrap), str(index.data()))
        painter.setPen(QColor(pal.text_secondary))
        caption = metrics.elidedText(str(index.data(CaptionRole)), Qt.TextElideMode.ElideRight,
                                     text_rect.width())
        painter.drawText(text_rect.left(), message.bottom() + 2, text_rect.width(),
                         metrics.height(), int(Qt.AlignmentFlag.AlignLeft), caption)
        painter.restore()


class ProblemsPanel(QWidget):
    """Errors first, then warnings; ``node_activated(node_id)`` when one about a node is
    clicked. Re-validates DEBOUNCE_MS after the last change, never inside a keystroke."""

    node_activated = Signal(str)

    def __init__(self, flow: Flow, parent: QWidget | None = None, *,
                 validate: bool = True) -> None:
        """With validate=False the panel shows the reports it is given (show_report): the
        editor's canvas already validates (once the user pauses), once for both."""
        super().__init__(parent)
        self.setObjectName("flowProblems")
        self.flow = flow
        self.model = FindingsModel(self)
        self.summary = QLabel()
        self.summary.setObjectName("problemsSummary")
        self.summary.setContentsMargins(8, 6, 8, 2)
        self.view = QListView()
        self.view.setModel(self.model)
        self.view.setItemDelegate(FindingDelegate(self.view))
        self.view.setWordWrap(True)
        self.view.setUniformItemSizes(False)
        self.view.setMouseTracking(True)
        self.view.setFrameShape(QListView.Shape.NoFrame)
        self.view.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        # hundreds of findings are laid out a batch at a time, between events
        self.view.setLayoutMode(QListView.LayoutMode.Batched)
        self.view.setBatchSize(100)
        self.view.clicked.connect(self._clicked)
        self.view.activated.connect(self._clicked)
        self.empty, self.empty_title = empty_state(
            self.tr("No problems"),
            self.tr("Errors that stop the flow from running, and warnings, are listed here as "
                    "you edit."), ok_icon(32).pixmap(32, 32))
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.view)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.summary)
        layout.addWidget(self.stack, 1)
        panel_background(self)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.revalidate)
        self.report = None
        self._validator = Validator()  # re-checks only the nodes edited since the last run
        if validate:
            flow.flow_changed.connect(self._on_flow_changed)
            self.destroyed.connect(lambda _o=None, f=flow, s=self._on_flow_changed:
                                   _forget(f.flow_changed, s))
            self.revalidate()

    def _on_flow_changed(self) -> None:
        if shiboken6.isValid(self):
            self.timer.start()  # restarted by every change: validation runs once typing pauses

    def revalidate(self) -> None:
        self.show_report(self._validator.validate(self.flow))

    def show_report(self, report: Any) -> None:
        if not shiboken6.isValid(self):
            return
        locale = ui_locale()
        self.model.locale = locale
        self.report = report
        rows = [Row(f, node_caption(self.flow, f.node, locale))
                for f in (*report.errors, *report.warnings)]
        self.model.set_rows(rows)
        errors, warnings = len(report.errors), len(report.warnings)
        self.stack.setCurrentWidget(self.view if rows else self.empty)
        self.summary.setVisible(bool(rows))
        self.summary.setText(self.tr("Errors: {n}").format(n=errors) + "  ·  "
                             + self.tr("Warnings: {n}").format(n=warnings))

    def _clicked(self, index: QModelIndex) -> None:
        node_id = index.data(NodeRole)
        if node_id:
            self.node_activated.emit(node_id)


def _forget(signal: Any, slot: Any) -> None:
    try:
        signal.disconnect(slot)
    except ValueError:
        pass

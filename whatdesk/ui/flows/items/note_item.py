"""Sticky notes and group frames (a note whose extra "kind" is "group": a titled frame)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QFont,
    QKeyEvent,
    QPainter,
    QPen,
    QTextOption,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsTextItem,
    QStyleOptionGraphicsItem,
    QWidget,
)

from whatdesk.flows.document import Note
from whatdesk.ui import theme

from . import style

NOTE_Z = 3.0
GROUP_Z = 1.0
GROUP_KIND = "group"
RESIZE_HANDLE = 14.0
MIN_SIZE = (80.0, 40.0)
_NOTE_FONT = style.font(9)
_GROUP_FONT = style.font(10, QFont.Weight.DemiBold)


def is_group(note: Note) -> bool:
    return note.extra.get("kind") == GROUP_KIND


class _NoteEditor(QGraphicsTextItem):
    """In-place text editing; Escape or clicking elsewhere ends it."""

    def __init__(self, parent: NoteItem, text: str) -> None:
        super().__init__(text, parent)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextEditorInteraction)
        self.setFont(_GROUP_FONT if parent.group else _NOTE_FONT)
        self.setDefaultTextColor(QColor(theme.palette().text))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.clearFocus()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        parent = self.parentItem()
        if isinstance(parent, NoteItem):
            parent.finish_editing(self.toPlainText())


class NoteItem(QGraphicsItem):
    def __init__(self, note: Note) -> None:
        super().__init__()
        self.note_id = note.id
        self.on_edited: Callable[[str, str], None] | None = None  # (note id, new text)
        self._editor: _NoteEditor | None = None
        self.search_hit = False
        self.setFlags(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.refresh(note)

    def refresh(self, note: Note) -> None:
        self.group = is_group(note)
        self.text = note.text
        self.setZValue(GROUP_Z if self.group else NOTE_Z)
        self.prepareGeometryChange()
        self.w, self.h = max(note.w, MIN_SIZE[0]), max(note.h, MIN_SIZE[1])
        self.setPos(note.x, note.y)
        self.update()

    def rect(self) -> QRectF:
        return QRectF(0, 0, self.w, self.h)

    def boundingRect(self) -> QRectF:
        return self.rect().adjusted(-3, -3, 3, 3)

    def in_resize_handle(self, scene_pos: QPointF) -> bool:
        local = self.mapFromScene(scene_pos)
        return (self.w - RESIZE_HANDLE <= local.x() <= self.w + 2
                and self.h - RESIZE_HANDLE <= local.y() <= self.h + 2)

    def in_title(self, scene_pos: QPointF) -> bool:
        """Groups are grabbed by their title bar, so clicks inside reach the cards and canvas."""
        return not self.group or self.mapFromScene(scene_pos).y() <= 30

    # -- editing --------------------------------------------------------------------------
    def start_editing(self) -> None:
        if self._editor is not None:
            return
        self._editor = _NoteEditor(self, self.text)
        self._editor.setPos(6, 4)
        self._editor.setTextWidth(self.w - 12)
        self._editor.setFocus(Qt.FocusReason.MouseFocusReason)
        cursor = self._editor.textCursor()
        cursor.movePosition(cursor.MoveOperation.End)
        self._editor.setTextCursor(cursor)
        self.update()

    def finish_editing(self, text: str) -> None:
        editor, self._editor = self._editor, None
        if editor is None:
            return
        editor.setParentItem(None)
        if self.scene() is not None:
            self.scene().removeItem(editor)
        self.update()
        if text != self.text and self.on_edited is not None:
            self.on_edited(self.note_id, text)

    @property
    def editing(self) -> bool:
        return self._editor is not None

    # -- painting -------------------------------------------------------------------------
    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        pal = theme.palette()
        rect = self.rect()
        selected = self.isSelected()
        if self.group:
            fill = QColor(pal.accent)
            fill.setAlpha(18)
            painter.setBrush(fill)
            painter.setPen(QPen(QColor(pal.accent) if selected else QColor(style.EDGE_COLOR),
                                2 if selected else 1.2, Qt.PenStyle.DashLine))
            painter.drawRoundedRect(rect, 10, 10)
            font = _GROUP_FONT
            text_rect = QRectF(12, 6, self.w - 24, 22)
            flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        else:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(0, 0, 0, 20))
            painter.drawRoundedRect(rect.translated(0, 2), 6, 6)
            painter.setBrush(QColor(pal.note))
            painter.setPen(QPen(QColor(pal.accent), 2) if selected else QPen(QColor("#E8D98A"), 1))
            painter.drawRoundedRect(rect, 6, 6)
            font = _NOTE_FONT
            text_rect = rect.adjusted(10, 8, -10, -8)
            flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
        if self.search_hit:
            painter.setPen(QPen(QColor(style.WARNING_COLOR), 2, Qt.PenStyle.DashLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(rect.adjusted(-3, -3, 3, 3), 8, 8)
        if not self.editing:
            painter.setPen(QColor(pal.text))
            painter.setFont(font)
            option_ = QTextOption(flags)
            option_.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
            painter.save()
            painter.setClipRect(text_rect)
            painter.drawText(text_rect, self.text, option_)
            painter.restore()
        # resize grip
        painter.setPen(QPen(QColor(pal.text_secondary), 1.2))
        for step in (4, 8):
            painter.drawLine(QPointF(self.w - step, self.h - 2), QPointF(self.w - 2, self.h - step))

"""The list of quick replies shown above the composer while the agent types ``/prefix``."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import QListView, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from whatdesk.store.quick_replies import QuickReplyRow
from whatdesk.ui import theme

RowRole = Qt.ItemDataRole.UserRole + 1
ROW_HEIGHT = 52
MAX_VISIBLE = 5


class QuickReplyModel(QAbstractListModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[QuickReplyRow] = []

    def set_rows(self, rows: list[QuickReplyRow]) -> None:
        # a new search result is a new list (a few dozen rows at most): reset is right here
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"/{row.shortcut}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.text
        if role == RowRole:
            return row
        return None


class QuickReplyDelegate(QStyledItemDelegate):
    """Two lines: ``/shortcut`` (bold, with "personal" when it is the agent's own) and the
    text, elided."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
                 ) -> QSize:
        return QSize(option.rect.width(), ROW_HEIGHT)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        row: QuickReplyRow = index.data(RowRole)
        pal = theme.palette()
        painter.save()
        if option.state & QStyle.StateFlag.State_Selected:
            painter.fillRect(option.rect, pal.color("selected"))
        elif option.state & QStyle.StateFlag.State_MouseOver:
            painter.fillRect(option.rect, pal.color("hover"))
        r = option.rect.adjusted(14, 6, -14, -6)
        bold = QFont(option.font)
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(pal.color("text"))
        top = QRect(r.left(), r.top(), r.width(), r.height() // 2)
        title = f"/{row.shortcut}"
        painter.drawText(top, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, title)
        if row.agent_id is not None:
            painter.setFont(option.font)
            painter.setPen(pal.color("accent"))
            x = r.left() + QFontMetrics(bold).horizontalAdvance(title) + 8
            painter.drawText(QRect(x, top.top(), r.width(), top.height()),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             self.tr("personal"))
        painter.setFont(option.font)
        painter.setPen(pal.color("text_secondary"))
        bottom = QRect(r.left(), top.bottom(), r.width(), r.height() - top.height())
        text = " ".join(row.text.split()) or (self.tr("(file)") if row.media_path else "")
        painter.drawText(bottom, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         QFontMetrics(option.font).elidedText(text, Qt.TextElideMode.ElideRight,
                                                              bottom.width()))
        painter.restore()


class QuickReplyList(QListView):
    """Inline (not a popup window: the field keeps the keyboard focus, the composer
    forwards Up/Down/Enter/Tab/Esc to it)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("quickReplyList")
        self.model_ = QuickReplyModel(self)
        self.setModel(self.model_)
        self.setItemDelegate(QuickReplyDelegate(self))
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setUniformItemSizes(True)
        pal = theme.palette()
        self.setStyleSheet(f"#quickReplyList {{ background: {pal.panel}; border: none;"
                           f" border-top: 1px solid {pal.divider}; }}")
        self.hide()

    def show_rows(self, rows: list[QuickReplyRow]) -> None:
        self.model_.set_rows(rows)
        if not rows:
            self.hide()
            return
        self.setFixedHeight(min(len(rows), MAX_VISIBLE) * ROW_HEIGHT + 2)
        self.setCurrentIndex(self.model_.index(0, 0))
        self.show()

    def move_selection(self, step: int) -> None:
        n = self.model_.rowCount()
        if not n:
            return
        current = self.currentIndex().row() if self.currentIndex().isValid() else 0
        self.setCurrentIndex(self.model_.index((current + step) % n, 0))

    def current_row(self) -> QuickReplyRow | None:
        index = self.currentIndex()
        return index.data(RowRole) if index.isValid() else None

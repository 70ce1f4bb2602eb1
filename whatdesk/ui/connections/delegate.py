"""Paints one connection row: status dot, name, default star, channel/account, status text."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from whatdesk.ui import theme

from .model import Role

_PAD = 12
_DOT = 12


class ConnectionDelegate(QStyledItemDelegate):
    def sizeHint(self, option: QStyleOptionViewItem,  # noqa: N802 (Qt override)
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        fm = QFontMetrics(option.font)
        return QSize(320, _PAD * 2 + fm.height() * 2 + 6)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect: QRect = option.rect
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        pal = theme.palette()  # the same tints as the ticket list, light or dark
        if selected:
            painter.fillRect(rect, pal.color("selected"))
        elif option.state & QStyle.StateFlag.State_MouseOver:
            painter.fillRect(rect, pal.color("hover"))
        text_color = pal.color("text")
        muted = pal.color("text_secondary")

        # separator line between rows
        painter.setPen(pal.color("divider"))
        painter.drawLine(rect.left() + _PAD, rect.bottom(), rect.right() - _PAD, rect.bottom())

        font = QFont(option.font)
        fm = QFontMetrics(font)
        line_h = fm.height()
        top = rect.top() + _PAD

        # status dot, vertically centred on the first line
        color: QColor = index.data(Role.STATUS_COLOR) or QColor("#9aa0a6")
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(color)
        dot_y = top + (line_h - _DOT) // 2
        painter.drawEllipse(rect.left() + _PAD, dot_y, _DOT, _DOT)
        x = rect.left() + _PAD + _DOT + 10
        right = rect.right() - _PAD

        # status text on the right of the first line
        status = index.data(Role.STATUS_TEXT) or ""
        status_w = min(fm.horizontalAdvance(status) + 4, (right - x) * 3 // 5)
        painter.setPen(color.darker(115))
        bold = QFont(font)
        bold.setBold(True)
        painter.setFont(font)
        painter.drawText(QRect(right - status_w, top, status_w, line_h),
                         Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                         fm.elidedText(status, Qt.TextElideMode.ElideRight, status_w))

        # name (bold) + default star
        name_max = right - status_w - 16 - x
        bfm = QFontMetrics(bold)
        name = bfm.elidedText(index.data(Qt.ItemDataRole.DisplayRole) or "",
                              Qt.TextElideMode.ElideRight, max(0, name_max - 24))
        painter.setFont(bold)
        painter.setPen(text_color)
        painter.drawText(QRect(x, top, name_max, line_h),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, name)
        if index.data(Role.IS_DEFAULT):
            star_x = x + bfm.horizontalAdvance(name) + 6
            painter.setPen(QColor("#f2b01e"))
            painter.drawText(QRect(star_x, top, 20, line_h),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, "★")

        # second line: channel · account
        painter.setFont(font)
        painter.setPen(muted)
        second = index.data(Role.CHANNEL_TEXT) or ""
        account = index.data(Role.ACCOUNT_TEXT)
        if account:
            second = f"{second} · {account}"
        painter.drawText(QRect(x, top + line_h + 6, right - x, line_h),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         fm.elidedText(second, Qt.TextElideMode.ElideRight, right - x))
        painter.restore()

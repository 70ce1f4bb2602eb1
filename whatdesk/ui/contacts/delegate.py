"""Paints one contact row: avatar, name, last conversation, number and e-mail, tags."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import (
    QCoreApplication,
    QLocale,
    QModelIndex,
    QRectF,
    QSize,
    Qt,
)
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QStyleOptionViewItem, QWidget

from whatdesk.domain.phone import display_phone
from whatdesk.store.contact_list import ContactListRow
from whatdesk.store.privacy import is_anonymized
from whatdesk.ui import theme
from whatdesk.ui.avatars import AvatarCache
from whatdesk.ui.inbox.ticket_delegate import TicketRowDelegate, list_time

from .model import ROW_ROLE

PAD = 12

translate = QCoreApplication.translate  # lupdate finds calls named "translate"


def phone_text(row: ContactListRow) -> str:
    if row.phone and is_anonymized(row.phone):
        return translate("ContactList", "Anonymized (LGPD)")
    return display_phone(row.phone) if row.phone else ""


def row_tooltip(row: ContactListRow) -> str:
    parts = [row.name]
    for extra in (phone_text(row), row.email or ""):
        if extra:
            parts.append(extra)
    if row.tags:
        parts.append(translate("ContactList", "Tags: {names}").format(
            names=", ".join(t.name for t in row.tags) + (" …" if row.more_tags else "")))
    if row.last_activity_at is not None:
        parts.append(translate("ContactList", "Last conversation: {when}").format(
            when=QLocale().toString(row.last_activity_at.astimezone(),
                                    QLocale.FormatType.ShortFormat)))
    return "\n".join(parts)


class ContactRowDelegate(TicketRowDelegate):
    """Rows as tall as the ticket list's, drawn with the same avatar and tag pills."""

    def __init__(self, avatars: AvatarCache, now: Callable[[], datetime],
                 parent: QWidget | None = None) -> None:
        super().__init__(avatars, now, parent)

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        return QSize(option.rect.width(), theme.METRICS.ticket_row_height)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex) -> None:
        row: ContactListRow | None = index.data(ROW_ROLE)
        if row is None:
            return
        pal = theme.palette()
        rect, left, right = self.paint_frame(painter, option, row.contact_id, row.name,
                                             row.avatar_path)

        base = QFont(option.font)
        name_font = QFont(base)
        name_font.setPixelSize(16)
        name_font.setWeight(QFont.Weight.Medium)
        small = QFont(base)
        small.setPixelSize(12)
        line1 = QRectF(left, rect.top() + 12, right - left, 22)
        line2 = QRectF(left, rect.top() + 38, right - left, 22)

        # line 1: name ... last conversation (or "Blocked")
        corner = (list_time(row.last_activity_at, self._now())
                  if row.last_activity_at is not None else "")
        painter.setFont(small)
        corner_w = QFontMetrics(small).horizontalAdvance(corner) + 2 if corner else 0
        painter.setPen(pal.color("text_secondary"))
        painter.drawText(QRectF(right - corner_w, line1.top(), corner_w, line1.height()),
                         Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, corner)
        name_w = line1.width() - corner_w - 8
        if row.blocked:
            label = translate("ContactList", "Blocked")
            bw = QFontMetrics(small).horizontalAdvance(label) + 12
            name_w -= bw + 6
        painter.setFont(name_font)
        painter.setPen(pal.color("text"))
        name = QFontMetrics(name_font).elidedText(row.name, Qt.TextElideMode.ElideRight,
                                                  int(name_w))
        painter.drawText(QRectF(left, line1.top(), name_w, line1.height()),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, name)
        if row.blocked:
            x = left + QFontMetrics(name_font).horizontalAdvance(name) + 8
            pill = QRectF(x, line1.center().y() - 8, bw, 16)
            painter.setPen(QPen(pal.color("failed"), 1))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(pill, 4, 4)
            painter.setFont(small)
            painter.setPen(pal.color("failed"))
            painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, label)

        # line 2, right: tag pills (right to left), "+N" for the rest
        x = right
        cy = line2.center().y()
        tag_font = QFont(small)
        tag_font.setPixelSize(11)
        if row.more_tags:
            more = f"+{row.more_tags}"
            mw = QFontMetrics(tag_font).horizontalAdvance(more) + 4
            painter.setFont(tag_font)
            painter.setPen(pal.color("text_secondary"))
            painter.drawText(QRectF(x - mw, line2.top(), mw, line2.height()),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, more)
            x -= mw + 4
        for tag in reversed(row.tags):
            x = self._tag_pill(painter, x, cy, tag.name, tag.color, tag_font) - 4

        # line 2, left: the number as people read it, then the e-mail
        detail = "  ·  ".join(p for p in (phone_text(row), row.email or "") if p)
        detail_font = QFont(base)
        detail_font.setPixelSize(14)
        painter.setFont(detail_font)
        painter.setPen(pal.color("text_secondary"))
        width = max(0.0, x - left - 8)
        painter.drawText(QRectF(left, line2.top(), width, line2.height()),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         QFontMetrics(detail_font).elidedText(detail,
                                                              Qt.TextElideMode.ElideRight,
                                                              int(width)))
        painter.restore()

"""Paints one ticket row: avatar, name, time, ticks, kind icon, preview, unread, queue, tags."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import (
    QCoreApplication,
    QLocale,
    QModelIndex,
    QPointF,
    QRectF,
    QSize,
    Qt,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QPainterPath,
    QPen,
    QPixmap,
)
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from whatdesk.domain.enums import Ack, MessageKind
from whatdesk.services.inbox import InboxRow
from whatdesk.ui import theme
from whatdesk.ui.avatars import AvatarCache, paint_avatar
from whatdesk.ui.resources import icon

from .ticket_model import ROW_ROLE, WAITING_ROLE

PAD = 12
ICON = 16


translate = QCoreApplication.translate  # lupdate finds calls named "translate"


def list_time(when: datetime, now: datetime) -> str:
    """WhatsApp's list clock: today HH:MM, "Yesterday", the weekday within a week, else the
    date, all in local time."""
    local, today = when.astimezone(), now.astimezone()
    days = (today.date() - local.date()).days
    locale = QLocale()
    if days <= 0:
        return f"{local.hour:02d}:{local.minute:02d}"
    if days == 1:
        return translate("TicketList", "Yesterday")
    if days < 7:
        return locale.dayName(local.isoweekday(), QLocale.FormatType.LongFormat).capitalize()
    return locale.toString(local.date(), QLocale.FormatType.ShortFormat)


def wait_text(since: datetime, now: datetime) -> str:
    """How long a ticket has waited: "now", "12 min", "3 h", "2 d"."""
    seconds = max(0.0, (now - since).total_seconds())
    if seconds < 60:
        return translate("TicketList", "now")
    if seconds < 3600:
        return translate("TicketList", "{n} min").format(n=int(seconds // 60))
    if seconds < 86400:
        return translate("TicketList", "{n} h").format(n=int(seconds // 3600))
    return translate("TicketList", "{n} d").format(n=int(seconds // 86400))


_KIND_ICONS = {
    MessageKind.IMAGE: "kind-image", MessageKind.VIDEO: "kind-video",
    MessageKind.AUDIO: "kind-audio", MessageKind.VOICE: "kind-voice",
    MessageKind.DOCUMENT: "kind-document", MessageKind.LOCATION: "kind-location",
    MessageKind.CONTACT: "kind-contact", MessageKind.STICKER: "kind-sticker",
}


def kind_label(kind: MessageKind) -> str:
    """What a message without text is called in the list."""
    return {
        MessageKind.IMAGE: translate("TicketList", "Photo"), MessageKind.VIDEO: translate("TicketList", "Video"),
        MessageKind.AUDIO: translate("TicketList", "Audio"), MessageKind.VOICE: translate("TicketList", "Voice message"),
        MessageKind.DOCUMENT: translate("TicketList", "Document"), MessageKind.LOCATION: translate("TicketList", "Location"),
        MessageKind.CONTACT: translate("TicketList", "Contact"), MessageKind.STICKER: translate("TicketList", "Sticker"),
        MessageKind.UNSUPPORTED: translate("TicketList", "Unsupported message"),
    }.get(kind, "")


def preview_text(row: InboxRow) -> str:
    """Line 2 of a row: the last message's text, or what kind of message it was."""
    if row.last_kind is None:
        return " ".join(row.preview.split())
    if row.last_deleted:
        return translate("TicketList", "This message was deleted")
    text = " ".join(row.last_text.split())
    if row.last_kind == MessageKind.DOCUMENT and not text:
        text = row.last_filename or ""
    if row.last_kind == MessageKind.CONTACT and text:
        return text
    return text or kind_label(row.last_kind)


class TicketRowDelegate(QStyledItemDelegate):
    """Paints rows METRICS.ticket_row_height high (see shared/notes/ui.md, ticket list rows)."""

    def __init__(self, avatars: AvatarCache, now: Callable[[], datetime],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._avatars = avatars
        self._now = now
        self._tinted: dict[tuple[str, str], QPixmap] = {}

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802
        return QSize(option.rect.width(), theme.METRICS.ticket_row_height)

    # ---- painting -----------------------------------------------------------------------

    def paint_frame(self, painter: QPainter, option: QStyleOptionViewItem, contact_id: int,
                    name: str, avatar_path: str | None) -> tuple[QRectF, float, float]:
        """What every person row shares (tickets, contacts): the selected/hover background,
        the avatar, the divider under the text. Saves the painter (the caller restores it);
        returns the row and the text column's left and right edges."""
        pal = theme.palette()
        rect = QRectF(option.rect)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        if option.state & QStyle.StateFlag.State_Selected:
            painter.fillRect(rect, pal.color("selected"))
        elif option.state & QStyle.StateFlag.State_MouseOver:
            painter.fillRect(rect, pal.color("hover"))
        size = theme.METRICS.avatar
        avatar = QRectF(rect.left() + PAD, rect.center().y() - size / 2, size, size)
        paint_avatar(painter, avatar, contact_id, name, self._avatars.pixmap(avatar_path))
        left = avatar.right() + PAD
        painter.setPen(QPen(pal.color("divider"), 1))
        bottom = rect.bottom() - 0.5
        painter.drawLine(QPointF(left, bottom), QPointF(rect.right(), bottom))
        return rect, left, rect.right() - PAD

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex) -> None:
        row: InboxRow | None = index.data(ROW_ROLE)
        if row is None:
            return
        pal = theme.palette()
        rect, left, right = self.paint_frame(painter, option, row.contact_id, row.contact_name,
                                             row.avatar_path)

        base = QFont(option.font)
        name_font = QFont(base)
        name_font.setPixelSize(16)
        name_font.setWeight(QFont.Weight.DemiBold if row.unread_count else QFont.Weight.Medium)
        small = QFont(base)
        small.setPixelSize(12)
        line1 = QRectF(left, rect.top() + 12, right - left, 22)
        line2 = QRectF(left, rect.top() + 38, right - left, 22)

        # line 1: name ... time (or, waiting: position and wait)
        now = self._now()
        waiting = index.data(WAITING_ROLE)
        if waiting is not None:
            since, position = waiting
            corner = translate("TicketList", "#{n} · {wait}").format(n=position, wait=wait_text(since, now))
        else:
            corner = list_time(row.last_message_at, now)
        painter.setFont(small)
        corner_w = QFontMetrics(small).horizontalAdvance(corner) + 2
        painter.setPen(pal.color("accent") if row.unread_count else pal.color("text_secondary"))
        painter.drawText(QRectF(right - corner_w, line1.top(), corner_w, line1.height()),
                         Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, corner)
        painter.setFont(name_font)
        painter.setPen(pal.color("text"))
        name_w = line1.width() - corner_w - 8
        painter.drawText(QRectF(left, line1.top(), name_w, line1.height()),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         QFontMetrics(name_font).elidedText(row.contact_name,
                                                            Qt.TextElideMode.ElideRight,
                                                            int(name_w)))

        # line 2, right side first: unread pill, queue dot, tag pills (right to left)
        x = right
        cy = line2.center().y()
        if row.unread_count:
            x = self._unread_pill(painter, x, cy, row.unread_count, small) - 6
        if row.queue_color:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(row.queue_color))
            painter.drawEllipse(QPointF(x - 5, cy), 5, 5)
            x -= 16
        tag_font = QFont(small)
        tag_font.setPixelSize(11)
        for tag in reversed(row.tags):
            x = self._tag_pill(painter, x, cy, tag.name, tag.color, tag_font) - 4

        # line 2, left: ticks for our last message, kind icon, preview
        px = left
        preview_font = QFont(base)
        preview_font.setPixelSize(14)
        if row.last_from_me and row.last_ack is not None and not row.last_deleted:
            px = self._ticks(painter, px, cy, row.last_ack, pal) + 4
        icon_name = ("kind-deleted" if row.last_deleted
                     else _KIND_ICONS.get(row.last_kind) if row.last_kind else None)
        if icon_name:
            painter.drawPixmap(QRectF(px, cy - ICON / 2, ICON, ICON).toRect(),
                               self._tinted_icon(icon_name, pal.text_secondary))
            px += ICON + 4
        text = preview_text(row)
        preview_font.setItalic(row.last_deleted)
        painter.setFont(preview_font)
        painter.setPen(pal.color("text") if row.unread_count else pal.color("text_secondary"))
        width = max(0.0, x - px - 8)
        painter.drawText(QRectF(px, line2.top(), width, line2.height()),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         QFontMetrics(preview_font).elidedText(text, Qt.TextElideMode.ElideRight,
                                                               int(width)))
        painter.restore()

    def _unread_pill(self, painter: QPainter, right: float, cy: float, count: int,
                     font: QFont) -> float:
        text = "99+" if count > 99 else str(count)
        bold = QFont(font)
        bold.setBold(True)
        h = 20.0
        w = max(h, QFontMetrics(bold).horizontalAdvance(text) + 12)
        pill = QRectF(right - w, cy - h / 2, w, h)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(theme.palette().color("unread_badge"))
        painter.drawRoundedRect(pill, h / 2, h / 2)
        painter.setFont(bold)
        painter.setPen(QColor("white"))
        painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, text)
        return pill.left()

    def _tag_pill(self, painter: QPainter, right: float, cy: float, name: str, color: str,
                  font: QFont) -> float:
        metrics = QFontMetrics(font)
        text = metrics.elidedText(name, Qt.TextElideMode.ElideRight, 64)
        w = metrics.horizontalAdvance(text) + 10
        h = 16.0
        pill = QRectF(right - w, cy - h / 2, w, h)
        fill = QColor(color)
        fill.setAlpha(40)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(fill)
        painter.drawRoundedRect(pill, 4, 4)
        painter.setFont(font)
        ink = QColor(color)
        if theme.is_dark():
            ink = ink.lighter(150)
        painter.setPen(ink)
        painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, text)
        return pill.left()

    def _ticks(self, painter: QPainter, x: float, cy: float, ack: Ack,
               pal: theme.Palette) -> float:
        """Clock (queued), one tick (server), two grey (delivered), two blue (read/played),
        a red mark (failed). Returns the right edge."""
        painter.save()
        if ack == Ack.FAILED:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(pal.color("failed"))
            painter.drawEllipse(QPointF(x + 7, cy), 7, 7)
            painter.setPen(QPen(QColor("white"), 2, cap=Qt.PenCapStyle.RoundCap))
            painter.drawLine(QPointF(x + 7, cy - 3.5), QPointF(x + 7, cy + 0.5))
            painter.drawPoint(QPointF(x + 7, cy + 3.5))
            painter.restore()
            return x + 14
        color = pal.color("tick_read") if ack >= Ack.READ else pal.color("text_secondary")
        pen = QPen(color, 1.6, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                   Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if ack == Ack.PENDING:
            painter.drawEllipse(QPointF(x + 7, cy), 6, 6)
            painter.drawLine(QPointF(x + 7, cy), QPointF(x + 7, cy - 3.5))
            painter.drawLine(QPointF(x + 7, cy), QPointF(x + 9.5, cy + 1.5))
            painter.restore()
            return x + 14
        def tick(dx: float) -> None:
            path = QPainterPath(QPointF(x + dx, cy))
            path.lineTo(x + dx + 3.5, cy + 3.5)
            path.lineTo(x + dx + 10, cy - 4)
            painter.drawPath(path)
        if ack == Ack.SERVER:
            tick(1)
            painter.restore()
            return x + 12
        tick(0)
        tick(5)
        painter.restore()
        return x + 16

    def _tinted_icon(self, name: str, color: str) -> QPixmap:
        key = (name, color)
        cached = self._tinted.get(key)
        if cached is None:
            ratio = 2.0
            source = icon(name).pixmap(QSize(ICON, ICON), ratio)
            cached = QPixmap(source.size())
            cached.setDevicePixelRatio(source.devicePixelRatio())
            cached.fill(Qt.GlobalColor.transparent)
            p = QPainter(cached)
            p.drawPixmap(0, 0, source)
            p.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceIn)
            p.fillRect(cached.rect(), QColor(color))
            p.end()
            self._tinted[key] = cached
        return cached


def row_tooltip(row: InboxRow) -> str:
    """Name, number, queue, every tag and when the last message came."""
    parts = [row.contact_name]
    if row.contact_phone:
        parts.append(f"+{row.contact_phone}")
    if row.queue_name:
        parts.append(translate("TicketList", "Queue: {name}").format(name=row.queue_name))
    if row.tags or row.more_tags:
        parts.append(translate("TicketList", "Tags: {names}").format(names=", ".join(t.name for t in row.tags)
                                                  + (" …" if row.more_tags else "")))
    parts.append(QLocale().toString(row.last_message_at.astimezone(),
                                    QLocale.FormatType.ShortFormat))
    return "\n".join(parts)

"""Paints the chat's rows: bubbles with their quote, media, text, time and ticks; day pills and
system lines. Layouts are computed once per row, version and width, then only drawn."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QPainterPath,
    QPen,
    QPixmap,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem, QWidget

from whatdesk.domain.enums import Ack
from whatdesk.ui import theme

from .chat_model import DayItem, ItemRole, LineItem, MessageItem, day_label, kind_label, line_text
from .playback import PlayState, clock_text

SIDE_MARGIN = 18  # room for the tail outside the bubble
TAIL = 8
NOTE_LABEL = {False: "#9A7B00", True: "#E0C36A"}  # light / dark: readable on the note
MEDIA_KINDS = ("image", "video", "audio", "voice", "document", "sticker")


translate = QCoreApplication.translate  # lupdate finds calls named "translate"


@dataclass
class Op:
    """One thing to draw, in row coordinates."""

    kind: str
    rect: QRect
    text: str = ""
    font: str = "body"  # body | small | bold | small_bold | italic
    color: str = "text"  # a palette role, or "#rrggbb"
    flags: int = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    layout: QTextLayout | None = None
    extra: Any = None


@dataclass
class RowLayout:
    height: int
    bubble: QRect | None = None
    bubble_color: str = "bubble_in"
    tail: str = ""  # "left" | "right" | ""
    ops: list[Op] = field(default_factory=list)
    hits: list[tuple[str, QRect]] = field(default_factory=list)  # (action, rect)

    def hit(self, x: int, y: int) -> str | None:
        found = self.hit_rect(x, y)
        return found[0] if found else None

    def hit_rect(self, x: int, y: int) -> tuple[str, QRect] | None:
        for name, rect in self.hits:
            if rect.contains(x, y):
                return name, rect
        return None


def _clock(ms: datetime) -> str:
    return ms.astimezone().strftime("%H:%M")


def _size_text(size: int | None) -> str:
    if not size:
        return ""
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024  # type: ignore[assignment]
    return ""


def _duration(seconds: Any) -> str:
    try:
        s = max(0, int(seconds))
    except (TypeError, ValueError):
        return ""
    return f"{s // 60}:{s % 60:02d}"


def _vcard_people(row: Any) -> list[tuple[str, str]]:
    people = []
    for c in (row.payload or {}).get("contacts") or []:
        if isinstance(c, dict):
            people.append((str(c.get("name") or ""), str(c.get("phone") or "")))
    if not people and isinstance((row.payload or {}).get("contact"), dict):
        c = row.payload["contact"]
        people.append((str(c.get("name") or ""), str(c.get("phone") or "")))
    if not people and row.text:
        people.append((row.text, ""))
    return people


class ChatDelegate(QStyledItemDelegate):
    """Cheap to call: sizeHint and paint read a cached RowLayout."""

    def __init__(self, view: QWidget, thumbnail: Callable[[MessageItem, QSize], QPixmap | None],
                 today: Callable[[], Any],
                 playback: Callable[[int], PlayState | None] = lambda _id: None) -> None:
        super().__init__(view)
        self._view = view
        self._thumbnail = thumbnail
        self._playback = playback
        self._today = today
        self._cache: OrderedDict[tuple[Any, ...], RowLayout] = OrderedDict()
        self._fonts: dict[str, QFont] = {}
        self._metrics: dict[str, QFontMetrics] = {}
        self.update_fonts(view.font())

    def update_fonts(self, base: QFont) -> None:
        body = QFont(base)
        small = QFont(base)
        small.setPointSizeF(max(7.0, base.pointSizeF() * 0.8))
        bold = QFont(body)
        bold.setWeight(QFont.Weight.DemiBold)
        small_bold = QFont(small)
        small_bold.setWeight(QFont.Weight.DemiBold)
        italic = QFont(body)
        italic.setItalic(True)
        self._fonts = {"body": body, "small": small, "bold": bold, "small_bold": small_bold,
                       "italic": italic}
        self._metrics = {k: QFontMetrics(f) for k, f in self._fonts.items()}
        self._cache.clear()

    def invalidate(self) -> None:
        self._cache.clear()

    # ---- Qt -----------------------------------------------------------------------------

    def sizeHint(self, option: QStyleOptionViewItem,
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        layout = self.layout_for(index)
        return QSize(self._width(), layout.height)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        item = index.data(ItemRole)
        if item is None:
            return
        layout = self.layout_for(index)
        pal = theme.palette()
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.translate(option.rect.topLeft())
        if isinstance(item, MessageItem) and item.highlighted:
            glow = QColor(pal.accent)
            glow.setAlpha(50)
            painter.fillRect(QRect(0, 0, option.rect.width(), layout.height), glow)
        if layout.bubble is not None:
            self._paint_bubble(painter, layout, pal)
        for op in layout.ops:
            self._paint_op(painter, op, item, pal)
        painter.restore()

    # ---- layout -------------------------------------------------------------------------

    def _width(self) -> int:
        return max(200, self._view.viewport().width())  # type: ignore[attr-defined]

    def layout_for(self, index: QModelIndex | QPersistentModelIndex) -> RowLayout:
        return self.layout_of(index.data(ItemRole))

    def layout_of(self, item: Any) -> RowLayout:
        """The row's layout, computed once per item version, width and theme (then cached):
        calling it before a row is inserted moves the work out of the insertion's frame."""
        width = self._width()
        if item is None:
            return RowLayout(0)
        extra = item.continues if isinstance(item, MessageItem) else False
        key = (item.key, item.version, width, extra, theme.is_dark())
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        if isinstance(item, DayItem):
            layout = self._pill_layout(day_label(item.day, self._today()), width, 12, 4)
        elif isinstance(item, LineItem):
            layout = self._pill_layout(line_text(item.line), width, 6, 2)
        else:
            layout = self._message_layout(item, width)
        self._cache[key] = layout
        if len(self._cache) > 4000:
            self._cache.popitem(last=False)
        return layout

    def _pill_layout(self, text: str, width: int, top: int, bottom: int) -> RowLayout:
        fm = self._metrics["small"]
        text = fm.elidedText(text, Qt.TextElideMode.ElideRight, width - 80)
        w = fm.horizontalAdvance(text) + 24
        h = fm.height() + 10
        rect = QRect((width - w) // 2, top, w, h)
        return RowLayout(top + h + bottom, ops=[
            Op("pill", rect, text, "small", "text_secondary",
               int(Qt.AlignmentFlag.AlignCenter))])

    def _text_layout(self, text: str, font: str, width: int) -> tuple[QTextLayout, int, int, float]:
        """A wrapped layout: (layout, height, natural width, last line width)."""
        # QTextLayout breaks lines only at U+2028; a message's "\n" would be drawn as nothing
        tl = QTextLayout(text.replace("\r\n", "\n").replace("\n", "\u2028"), self._fonts[font])
        opt = QTextOption()
        opt.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        tl.setTextOption(opt)
        tl.beginLayout()
        y = 0.0
        natural = 0.0
        last = 0.0
        while True:
            line = tl.createLine()
            if not line.isValid():
                break
            line.setLineWidth(width)
            line.setPosition(QPointF(0, y))
            y += line.height()
            last = line.naturalTextWidth()
            natural = max(natural, last)
        tl.endLayout()
        return tl, int(y + 0.999), int(natural + 0.999), last

    def _message_layout(self, item: MessageItem, width: int) -> RowLayout:
        m = theme.METRICS
        msg = item.msg
        r = msg.row
        ph, pv = m.bubble_padding_h, m.bubble_padding_v
        max_bubble = max(160, int(width * m.bubble_max_width))
        cw_max = max_bubble - 2 * ph
        fm = self._metrics["body"]
        fs = self._metrics["small"]
        out = r.from_me
        top = m.bubble_gap_same_sender if item.continues else m.bubble_gap
        ops: list[Op] = []  # bubble-relative until placed
        hits: list[tuple[str, QRect]] = []
        stretch: list[Op] = []  # blocks that take the bubble's final inner width
        y = pv
        need = 0  # natural inner width
        last_line: float | None = None  # width of the body's last line (the time may fit)

        def line(text: str, font: str, color: str) -> None:
            nonlocal y, need
            f = self._metrics[font]
            text = f.elidedText(text, Qt.TextElideMode.ElideRight, cw_max)
            w = f.horizontalAdvance(text)
            ops.append(Op("text", QRect(0, y, w + 2, f.height()), text, font, color))
            need = max(need, w)
            y += f.height()

        if r.is_private_note:
            line(translate("ChatView", "Private note"), "small_bold", NOTE_LABEL[theme.is_dark()])
            y += 2
        elif not out and r.sender_name and not item.continues:
            key = r.sender_jid or r.sender_name
            line(r.sender_name, "small_bold", theme.avatar_color(key).name())
            y += 2
        elif out and msg.agent_name and not item.continues:
            line(msg.agent_name, "small_bold", "accent")
            y += 2

        if r.deleted:
            line(translate("ChatView", "This message was deleted"), "italic", "text_secondary")
        else:
            if msg.quote is not None:
                q = msg.quote
                qname = (translate("ChatView", "You") if q.from_me else (q.sender_name or translate("ChatView", "Customer")))
                label = kind_label(q.kind)
                qtext = q.text or q.filename or label or translate("ChatView", "Message")
                if label and q.text:
                    qtext = f"{label} · {q.text}"
                qtext = " ".join(qtext.split())
                h = fs.height() + fm.height() + 10
                op = Op("quote", QRect(0, y, 0, h), qtext, extra=(qname, q.from_me))
                need = max(need, min(cw_max, 16 + max(fs.horizontalAdvance(qname),
                                                          fm.horizontalAdvance(qtext))))
                need = max(need, 140)
                ops.append(op)
                stretch.append(op)
                if q.message_id is not None:
                    hits.append(("quote", op.rect))
                y += h + 4
            if r.kind in ("button_reply", "list_reply"):
                line("\u21A9 " + kind_label(r.kind), "small", "text_secondary")
            y, need = self._media_block(item, y, need, cw_max, ops, hits, stretch)
            body = r.text
            if r.kind in ("location", "contact", "unsupported"):
                body = ""
            if r.kind == "unsupported":
                line(translate("ChatView", "Unsupported message: open WhatsApp on the phone to see it"),
                     "italic", "text_secondary")
            if body:
                if y > pv:
                    y += 2
                tl, th, tw, last = self._text_layout(body, "body", cw_max)
                ops.append(Op("layout", QRect(0, y, tw, th), layout=tl))
                need = max(need, tw)
                y += th
                last_line = last
            y = self._interactive_block(r, y, cw_max, ops, stretch)
            if r.kind in ("buttons", "list"):
                last_line = None

        # footer: [edited] time [ticks], inside at the bottom right
        footer = []
        if r.edited and not r.deleted:
            footer.append(translate("ChatView", "edited"))
        footer.append(_clock(r.created_at))
        ftext = "  ".join(footer)
        ticks = out and not r.is_private_note
        fw = fs.horizontalAdvance(ftext) + (20 if ticks else 0)
        fh = fs.height()
        last_w = None if r.deleted else last_line
        if last_w is not None and last_w + fw + 12 <= cw_max and not (
                r.kind in ("location", "contact", "buttons", "list")):
            need = max(need, int(last_w) + fw + 12)
            fy = y - fh
        else:
            need = max(need, fw)
            fy = y + 2
            y += fh + 2
        y += pv
        inner = min(cw_max, max(need, 40))
        bubble_w = inner + 2 * ph
        bubble_h = y
        sticker = r.kind == "sticker" and not r.deleted
        bx = width - SIDE_MARGIN - bubble_w if out else SIDE_MARGIN
        bubble = QRect(bx, top, bubble_w, bubble_h)
        for op in stretch:
            op.rect.setWidth(inner)
        placed: list[Op] = []
        for op in ops:
            op.rect.translate(bx + ph, top)
            placed.append(op)
        fx = bx + ph + inner - fw
        placed.append(Op("footer", QRect(fx, top + fy, fw, fh), ftext, "small",
                         "text_secondary", extra=(r.ack if ticks else None, sticker)))
        hits = [(name, rect.translated(bx + ph, top)) for name, rect in hits]
        height = top + bubble_h
        if msg.reactions:
            emojis: list[str] = []
            for emoji, _ in msg.reactions:
                if emoji not in emojis:
                    emojis.append(emoji)
            text = "".join(emojis[:3]) + (f" {len(msg.reactions)}" if len(msg.reactions) > 1 else "")
            w = fm.horizontalAdvance(text) + 16
            h = fm.height() + 4
            rx = bubble.right() - w - 8 if out else bubble.left() + 8
            placed.append(Op("reaction", QRect(rx, height - 4, w, h), text, "body", "text",
                             int(Qt.AlignmentFlag.AlignCenter)))
            height += h - 2
        if r.ack == Ack.FAILED and out and not r.is_private_note:
            text = translate("ChatView", "Not sent.") + " " + translate("ChatView", "Retry")
            w = fs.horizontalAdvance(text) + 4
            rect = QRect(bubble.right() - w, height + 2, w, fs.height())
            placed.append(Op("failed", rect, text, "small_bold", "failed"))
            hits.append(("retry", rect))
            height += fs.height() + 4
        color = "note" if r.is_private_note else ("bubble_out" if out else "bubble_in")
        return RowLayout(height, None if sticker else bubble, color,
                         "" if item.continues or sticker else ("right" if out else "left"),
                         placed, hits)

    def _media_block(self, item: MessageItem, y: int, need: int, cw_max: int, ops: list[Op],
                     hits: list[tuple[str, QRect]], stretch: list[Op]) -> tuple[int, int]:
        r = item.msg.row
        fm, fs = self._metrics["body"], self._metrics["small"]
        k = r.kind
        if k in ("image", "sticker"):
            w, h = (150, 150) if k == "sticker" else (min(cw_max, 280), min(cw_max, 280) * 3 // 4)
            op = Op("image", QRect(0, y, w, h), extra=k)
            ops.append(op)
            hits.append(("media", op.rect))
            return y + h + 2, max(need, w)
        if k == "video":
            w = min(cw_max, 280)
            h = w * 9 // 16
            dur = _duration((r.payload or {}).get("duration_s"))
            op = Op("video", QRect(0, y, w, h), dur)
            ops.append(op)
            hits.append(("media", op.rect))
            return y + h + 2, max(need, w)
        if k in ("audio", "voice"):
            w = min(cw_max, 260)
            h = 44
            dur = _duration((r.payload or {}).get("duration_s"))
            name = kind_label(k) if k == "voice" else (r.media_filename or kind_label(k))
            op = Op("audio", QRect(0, y, w, h), fm.elidedText(name, Qt.TextElideMode.ElideRight,
                                                              w - 60), extra=(k, dur))
            ops.append(op)
            # play/pause on the round button, seek on the waveform, speed on the right (voice)
            hits.append(("play", QRect(0, y, 42, h)))
            hits.append(("seek", QRect(48, y + fm.height() + 4, w - 100, h - fm.height() - 4)))
            if k == "voice":
                hits.append(("speed", QRect(w - 46, y, 46, fm.height() + 4)))
            return y + h + 2, max(need, w)
        if k == "document":
            w = min(cw_max, 280)
            h = 56
            name = r.media_filename or kind_label(k)
            ext = (name.rsplit(".", 1)[-1].upper() if "." in name else "")[:4] or "FILE"
            info = " · ".join(x for x in (ext, _size_text(r.media_size)) if x)
            op = Op("document", QRect(0, y, w, h),
                    fm.elidedText(name, Qt.TextElideMode.ElideMiddle, w - 90), extra=(ext, info))
            ops.append(op)
            stretch.append(op)
            hits.append(("save", QRect(w - 34, y + 12, 30, 32)))
            hits.append(("media", QRect(0, y, w - 36, h)))
            return y + h + 2, max(need, w)
        if k == "location":
            w = min(cw_max, 260)
            h = 110
            op = Op("map", QRect(0, y, w, h), extra=(r.latitude, r.longitude))
            ops.append(op)
            hits.append(("map", op.rect))
            y += h + 4
            for text, font, color in ((r.location_name, "bold", "text"),
                                      (r.location_address, "small", "text_secondary")):
                if text:
                    f = self._metrics[font]
                    t = f.elidedText(" ".join(text.split()), Qt.TextElideMode.ElideRight, w)
                    ops.append(Op("text", QRect(0, y, w, f.height()), t, font, color))
                    y += f.height()
            return y, max(need, w)
        if k == "contact":
            w = min(cw_max, 250)
            for name, phone in _vcard_people(r)[:5]:
                phone_text = f"+{phone}" if phone and phone.isdigit() else phone
                op = Op("contact", QRect(0, y, w, 52), fm.elidedText(
                    " ".join(name.split()) or phone_text, Qt.TextElideMode.ElideRight, w - 56),
                    extra=phone_text)
                ops.append(op)
                y += 52
                if phone:
                    btn = QRect(0, y, w, fm.height() + 12)
                    ops.append(Op("button", btn, translate("ChatView", "Add to contacts"), "bold", "accent",
                                  int(Qt.AlignmentFlag.AlignCenter)))
                    hits.append((f"add_contact:{len(hits)}", btn))
                    y += btn.height()
            return y + 2, max(need, w)
        return y, need

    def _interactive_block(self, r: Any, y: int, cw_max: int, ops: list[Op],
                           stretch: list[Op]) -> int:
        fm, fs = self._metrics["body"], self._metrics["small"]
        p = r.payload or {}
        # the accent green vanishes on the dark outgoing bubble: blue there, as WhatsApp does
        link = "tick_read" if theme.is_dark() else "accent"
        if r.kind == "buttons" or p.get("buttons"):
            if p.get("footer"):
                ops.append(Op("text", QRect(0, y, cw_max, fs.height()), fs.elidedText(
                    str(p["footer"]), Qt.TextElideMode.ElideRight, cw_max), "small",
                    "text_secondary"))
                y += fs.height()
            for b in (p.get("buttons") or [])[:10]:
                label = fm.elidedText(str(b.get("label", "")), Qt.TextElideMode.ElideRight,
                                      cw_max)
                op = Op("button", QRect(0, y + 4, 0, fm.height() + 10), label, "body", link,
                        int(Qt.AlignmentFlag.AlignCenter))
                ops.append(op)
                stretch.append(op)
                y += fm.height() + 14
        if r.kind == "list" or p.get("list_rows"):
            head = fm.elidedText("\u2630 " + str(p.get("list_button") or translate("ChatView", "Options")),
                                 Qt.TextElideMode.ElideRight, cw_max)
            op = Op("button", QRect(0, y + 4, 0, fm.height() + 10), head, "body", link,
                    int(Qt.AlignmentFlag.AlignCenter))
            ops.append(op)
            stretch.append(op)
            y += fm.height() + 16
            for row in (p.get("list_rows") or [])[:10]:
                t = fs.elidedText("• " + str(row.get("title", "")), Qt.TextElideMode.ElideRight,
                                  cw_max)
                ops.append(Op("text", QRect(0, y, cw_max, fs.height()), t, "small",
                              "text_secondary"))
                y += fs.height()
        return y

    # ---- painting -----------------------------------------------------------------------

    def _color(self, name: str, pal: theme.Palette) -> QColor:
        return QColor(name) if name.startswith("#") else pal.color(name)

    def _paint_bubble(self, painter: QPainter, layout: RowLayout, pal: theme.Palette) -> None:
        rect = QRectF(layout.bubble)  # type: ignore[arg-type]
        radius = theme.METRICS.bubble_radius
        path = QPainterPath()
        path.addRoundedRect(rect, radius, radius)
        if layout.tail == "left":
            tail = QPainterPath()
            tail.moveTo(rect.left() + radius, rect.top())
            tail.lineTo(rect.left() - TAIL, rect.top())
            tail.lineTo(rect.left(), rect.top() + TAIL + 2)
            tail.closeSubpath()
            path = path.united(tail)
        elif layout.tail == "right":
            tail = QPainterPath()
            tail.moveTo(rect.right() - radius, rect.top())
            tail.lineTo(rect.right() + TAIL, rect.top())
            tail.lineTo(rect.right(), rect.top() + TAIL + 2)
            tail.closeSubpath()
            path = path.united(tail)
        shadow = QColor(0, 0, 0, 28)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(shadow)
        painter.drawPath(path.translated(0, 1))
        painter.setBrush(pal.color(layout.bubble_color))
        painter.drawPath(path)

    def _paint_op(self, painter: QPainter, op: Op, item: Any, pal: theme.Palette) -> None:
        k = op.kind
        if k == "text":
            painter.setFont(self._fonts[op.font])
            painter.setPen(self._color(op.color, pal))
            painter.drawText(op.rect, op.flags, op.text)
        elif k == "layout" and op.layout is not None:
            painter.setPen(pal.color("text"))
            op.layout.draw(painter, QPointF(op.rect.topLeft()))
        elif k == "pill":
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(pal.color("panel"))
            painter.drawRoundedRect(op.rect, 7, 7)
            painter.setFont(self._fonts["small"])
            painter.setPen(pal.color("text_secondary"))
            painter.drawText(op.rect, op.flags, op.text)
        elif k == "footer":
            self._paint_footer(painter, op, pal)
        elif k == "quote":
            self._paint_quote(painter, op, pal)
        elif k == "image":
            self._paint_image(painter, op, item, pal)
        elif k == "video":
            self._paint_video(painter, op, item, pal)
        elif k == "audio":
            self._paint_audio(painter, op, self._playback(item.msg.id), pal)
        elif k == "document":
            self._paint_document(painter, op, pal)
        elif k == "map":
            self._paint_map(painter, op, pal)
        elif k == "contact":
            self._paint_contact(painter, op, pal)
        elif k == "button":
            pen = QColor(pal.text_secondary)
            pen.setAlpha(60)
            painter.setPen(pen)
            painter.drawLine(op.rect.topLeft(), op.rect.topRight())
            painter.setFont(self._fonts[op.font])
            painter.setPen(self._color(op.color, pal))
            painter.drawText(op.rect, op.flags, op.text)
        elif k == "reaction":
            painter.setPen(QPen(pal.color("chat_wallpaper"), 2))
            painter.setBrush(pal.color("panel"))
            painter.drawRoundedRect(op.rect, op.rect.height() / 2, op.rect.height() / 2)
            painter.setFont(self._fonts["body"])
            painter.setPen(pal.color("text"))
            painter.drawText(op.rect, op.flags, op.text)
        elif k == "failed":
            painter.setFont(self._fonts[op.font])
            painter.setPen(pal.color("failed"))
            painter.drawText(op.rect, int(Qt.AlignmentFlag.AlignRight), op.text)

    def _paint_footer(self, painter: QPainter, op: Op, pal: theme.Palette) -> None:
        ack, sticker = op.extra
        rect = op.rect
        if sticker:
            bg = QColor(pal.panel)
            bg.setAlpha(220)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(bg)
            painter.drawRoundedRect(rect.adjusted(-6, -1, 4, 1), 8, 8)
        painter.setFont(self._fonts["small"])
        painter.setPen(pal.color("text_secondary"))
        text_rect = rect.adjusted(0, 0, -20 if ack is not None else 0, 0)
        painter.drawText(text_rect, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                         op.text)
        if ack is not None:
            draw_ack(painter, QRectF(rect.right() - 17, rect.top(), 17, rect.height()),
                     Ack(ack), pal)

    def _paint_quote(self, painter: QPainter, op: Op, pal: theme.Palette) -> None:
        name, from_me = op.extra
        rect = op.rect
        bar = pal.color("accent") if from_me else QColor("#6BCBEF")
        bg = QColor(0, 0, 0, 40 if theme.is_dark() else 14)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(bg)
        painter.drawRoundedRect(rect, 6, 6)
        path = QPainterPath()
        path.addRoundedRect(QRectF(rect), 6, 6)
        painter.save()
        painter.setClipPath(path)
        painter.fillRect(QRect(rect.left(), rect.top(), 4, rect.height()), bar)
        painter.restore()
        fs, fm = self._metrics["small_bold"], self._metrics["body"]
        inner = rect.adjusted(12, 5, -8, -5)
        painter.setFont(self._fonts["small_bold"])
        painter.setPen(bar)
        painter.drawText(QRect(inner.left(), inner.top(), inner.width(), fs.height()),
                         int(Qt.AlignmentFlag.AlignLeft), fs.elidedText(
                             name, Qt.TextElideMode.ElideRight, inner.width()))
        painter.setFont(self._fonts["body"])
        painter.setPen(pal.color("text_secondary"))
        painter.drawText(QRect(inner.left(), inner.top() + fs.height(), inner.width(),
                               fm.height()), int(Qt.AlignmentFlag.AlignLeft),
                         fm.elidedText(op.text, Qt.TextElideMode.ElideRight, inner.width()))

    def _media_frame(self, painter: QPainter, rect: QRect, pal: theme.Palette) -> None:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(0, 0, 0, 50 if theme.is_dark() else 18))
        painter.drawRoundedRect(rect, 6, 6)

    def _paint_image(self, painter: QPainter, op: Op, item: MessageItem,
                     pal: theme.Palette) -> None:
        rect = op.rect
        pix = self._thumbnail(item, rect.size())
        if pix is not None and not pix.isNull():
            path = QPainterPath()
            path.addRoundedRect(QRectF(rect), 6, 6)
            painter.save()
            if op.extra != "sticker":
                painter.setClipPath(path)
            target = QRect(rect)
            if op.extra == "sticker":  # keep its shape: fit, centred, no crop
                size = pix.deviceIndependentSize().toSize()
                size.scale(rect.size(), Qt.AspectRatioMode.KeepAspectRatio)
                target = QRect(0, 0, size.width(), size.height())
                target.moveCenter(rect.center())
            painter.drawPixmap(target, pix)
            painter.restore()
            return
        self._media_frame(painter, rect, pal)
        painter.setFont(self._fonts["small"])
        painter.setPen(pal.color("text_secondary"))
        label = kind_label(op.extra) if pix is None else translate("ChatView", "Not available")
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), label)

    def _paint_video(self, painter: QPainter, op: Op, item: MessageItem,
                     pal: theme.Palette) -> None:
        rect = op.rect
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#1F2C33"))
        painter.drawRoundedRect(rect, 6, 6)
        c = QPointF(rect.center())
        painter.setBrush(QColor(0, 0, 0, 120))
        painter.drawEllipse(c, 24, 24)
        tri = QPainterPath()
        tri.moveTo(c.x() - 7, c.y() - 11)
        tri.lineTo(c.x() + 12, c.y())
        tri.lineTo(c.x() - 7, c.y() + 11)
        tri.closeSubpath()
        painter.setBrush(QColor("white"))
        painter.drawPath(tri)
        painter.setFont(self._fonts["small"])
        painter.setPen(QColor("white"))
        label = op.text or kind_label("video")
        painter.drawText(rect.adjusted(8, 0, -8, -6),
                         int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom), label)

    def _paint_audio(self, painter: QPainter, op: Op, state: PlayState | None,
                     pal: theme.Palette) -> None:
        rect = op.rect
        kind, dur = op.extra
        c = QPointF(rect.left() + 20, rect.center().y())
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(pal.color("accent") if kind == "voice" else QColor("#FF9F43"))
        painter.drawEllipse(c, 18, 18)
        painter.setBrush(QColor("white"))
        if state is not None and state.playing:  # pause: two bars
            painter.drawRoundedRect(QRectF(c.x() - 6, c.y() - 7, 4, 14), 1, 1)
            painter.drawRoundedRect(QRectF(c.x() + 2, c.y() - 7, 4, 14), 1, 1)
        else:
            tri = QPainterPath()
            tri.moveTo(c.x() - 5, c.y() - 8)
            tri.lineTo(c.x() + 9, c.y())
            tri.lineTo(c.x() - 5, c.y() + 8)
            tri.closeSubpath()
            painter.drawPath(tri)
        x = rect.left() + 48
        fm = self._metrics["body"]
        painter.setFont(self._fonts["body"])
        painter.setPen(pal.color("text"))
        name_width = rect.width() - 52 - (48 if state is not None and kind == "voice" else 0)
        painter.drawText(QRect(x, rect.top() + 2, name_width, fm.height()),
                         int(Qt.AlignmentFlag.AlignLeft),
                         fm.elidedText(op.text, Qt.TextElideMode.ElideRight, name_width))
        # a flat "waveform": evenly spaced bars of a fixed pattern (no decoding on paint);
        # the part already played takes the accent colour, with a knob where it is
        played = state.fraction if state is not None else 0.0
        idle = QColor(pal.text_secondary)
        idle.setAlpha(140)
        done = pal.color("tick_read") if kind == "voice" else QColor("#FF9F43")
        base = rect.top() + fm.height() + 14
        count = max(0, (rect.width() - 100) // 5)
        for i in range(count):
            h = (3, 7, 5, 10, 4, 8, 6)[i % 7]
            painter.setBrush(done if state is not None and (i + 0.5) / count <= played else idle)
            painter.drawRoundedRect(QRectF(x + i * 5, base - h / 2, 3, h), 1, 1)
        if state is not None and count:
            painter.setBrush(done)
            painter.drawEllipse(QPointF(x + played * (count * 5 - 2), base), 5, 5)
        painter.setFont(self._fonts["small"])
        painter.setPen(pal.color("text_secondary"))
        shown = dur
        if state is not None and (state.playing or state.position_ms > 0):
            shown = clock_text(state.position_ms)
        elif state is not None and not dur and state.duration_ms > 0:
            shown = clock_text(state.duration_ms)
        painter.drawText(QRect(rect.right() - 44, base - 8, 44, 16),
                         int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), shown)
        if state is not None and kind == "voice":  # the speed pill, where WhatsApp puts it
            pill = QRectF(rect.right() - 42, rect.top() + 2, 40, fm.height())
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(0, 0, 0, 60 if theme.is_dark() else 30))
            painter.drawRoundedRect(pill, pill.height() / 2, pill.height() / 2)
            painter.setFont(self._fonts["small_bold"])
            painter.setPen(pal.color("text"))
            painter.drawText(pill, int(Qt.AlignmentFlag.AlignCenter), speed_text(state.speed))

    def _paint_document(self, painter: QPainter, op: Op, pal: theme.Palette) -> None:
        rect = op.rect
        ext, info = op.extra
        self._media_frame(painter, rect, pal)
        icon = QRect(rect.left() + 10, rect.top() + 10, 30, 36)
        painter.setBrush(QColor("#E2574C") if ext == "PDF" else QColor("#5B8DEF"))
        painter.drawRoundedRect(icon, 4, 4)
        painter.setFont(self._fonts["small_bold"])
        painter.setPen(QColor("white"))
        painter.drawText(icon, int(Qt.AlignmentFlag.AlignCenter), ext[:4])
        fm, fs = self._metrics["body"], self._metrics["small"]
        x = icon.right() + 10
        painter.setFont(self._fonts["body"])
        painter.setPen(pal.color("text"))
        painter.drawText(QRect(x, rect.top() + 9, rect.width() - 96, fm.height()),
                         int(Qt.AlignmentFlag.AlignLeft), op.text)
        painter.setFont(self._fonts["small"])
        painter.setPen(pal.color("text_secondary"))
        painter.drawText(QRect(x, rect.top() + 11 + fm.height(), rect.width() - 96,
                               fs.height()), int(Qt.AlignmentFlag.AlignLeft), info)
        # the save-as arrow at the right
        c = QPointF(rect.right() - 19, rect.center().y())
        painter.setPen(QPen(pal.color("text_secondary"), 1.6))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(c, 13, 13)
        painter.drawLine(QPointF(c.x(), c.y() - 6), QPointF(c.x(), c.y() + 5))
        painter.drawLine(QPointF(c.x() - 4, c.y() + 1), QPointF(c.x(), c.y() + 5))
        painter.drawLine(QPointF(c.x() + 4, c.y() + 1), QPointF(c.x(), c.y() + 5))

    def _paint_map(self, painter: QPainter, op: Op, pal: theme.Palette) -> None:
        rect = op.rect
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#DDEBD5") if not theme.is_dark() else QColor("#23362B"))
        painter.drawRoundedRect(rect, 6, 6)
        painter.setPen(QPen(QColor(255, 255, 255, 170), 5))
        painter.drawLine(rect.left() + 10, rect.bottom() - 30, rect.right() - 20, rect.top() + 20)
        painter.drawLine(rect.left() + 40, rect.top(), rect.left() + 90, rect.bottom())
        c = QPointF(rect.center().x(), rect.center().y() - 6)
        pin = QPainterPath()
        pin.addEllipse(c, 10, 10)
        tip = QPainterPath()
        tip.moveTo(c.x() - 8, c.y() + 6)
        tip.lineTo(c.x(), c.y() + 20)
        tip.lineTo(c.x() + 8, c.y() + 6)
        tip.closeSubpath()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#EA4335"))
        painter.drawPath(pin.united(tip))
        painter.setBrush(QColor("white"))
        painter.drawEllipse(c, 4, 4)
        lat, lon = op.extra
        if isinstance(lat, float) and isinstance(lon, float):
            painter.setFont(self._fonts["small"])
            painter.setPen(QColor("#3B4A54"))
            painter.drawText(rect.adjusted(6, 0, -6, -4),
                             int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom),
                             f"{lat:.5f}, {lon:.5f}")

    def _paint_contact(self, painter: QPainter, op: Op, pal: theme.Palette) -> None:
        rect = op.rect
        c = QPointF(rect.left() + 22, rect.top() + 24)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#CFD7DC"))
        painter.drawEllipse(c, 20, 20)
        painter.setBrush(QColor("white"))
        painter.drawEllipse(QPointF(c.x(), c.y() - 5), 7, 7)
        painter.drawChord(QRectF(c.x() - 13, c.y() + 4, 26, 22), 0, 180 * 16)
        fm, fs = self._metrics["bold"], self._metrics["small"]
        x = rect.left() + 52
        painter.setFont(self._fonts["bold"])
        painter.setPen(pal.color("text"))
        painter.drawText(QRect(x, rect.top() + 6, rect.width() - 56, fm.height()),
                         int(Qt.AlignmentFlag.AlignLeft), op.text)
        painter.setFont(self._fonts["small"])
        painter.setPen(pal.color("text_secondary"))
        painter.drawText(QRect(x, rect.top() + 8 + fm.height(), rect.width() - 56, fs.height()),
                         int(Qt.AlignmentFlag.AlignLeft), op.extra or "")


def speed_text(speed: float) -> str:
    return f"{speed:g}×"


def draw_ack(painter: QPainter, rect: QRectF, ack: Ack, pal: theme.Palette) -> None:
    """The delivery mark: clock (pending), one tick, two grey, two blue, red "!" (failed)."""
    painter.save()
    cy = rect.center().y()
    x = rect.left()
    if ack == Ack.FAILED:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(pal.color("failed"))
        painter.drawEllipse(QPointF(x + 8, cy), 6.5, 6.5)
        painter.setPen(QPen(QColor("white"), 1.8))
        painter.drawLine(QPointF(x + 8, cy - 3.5), QPointF(x + 8, cy + 0.8))
        painter.drawPoint(QPointF(x + 8, cy + 3.2))
    elif ack == Ack.PENDING:
        painter.setPen(QPen(pal.color("text_secondary"), 1.3))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(QPointF(x + 8, cy), 5.5, 5.5)
        painter.drawLine(QPointF(x + 8, cy), QPointF(x + 8, cy - 3.5))
        painter.drawLine(QPointF(x + 8, cy), QPointF(x + 10.5, cy + 1.5))
    else:
        color = pal.color("tick_read") if ack >= Ack.READ else pal.color("text_secondary")
        pen = QPen(color, 1.6)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)

        def tick(dx: float, short: bool) -> None:
            path = QPainterPath()
            if short:
                path.moveTo(x + dx, cy + 0.5)
                path.lineTo(x + dx + 3, cy + 3.5)
            else:
                path.moveTo(x + dx - 3, cy + 0.5)
                path.lineTo(x + dx, cy + 3.5)
            path.lineTo(x + dx + 7, cy - 4)
            painter.drawPath(path)

        if ack == Ack.SERVER:
            tick(5, False)
        else:
            tick(3, False)
            # the second tick's short leg hides behind the first: draw only its long stroke
            path = QPainterPath()
            path.moveTo(x + 6.5, cy + 3.5)
            path.lineTo(x + 14, cy - 4)
            painter.drawPath(path)
    painter.restore()

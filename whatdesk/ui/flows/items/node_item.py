"""A node card: category-tinted header with icon and title, a summary line, one port per exit."""

from __future__ import annotations

import functools
import itertools
import math
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPen,
    QPixmap,
    QPixmapCache,
    QStaticText,
    QTextOption,
    QTransform,
)
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from whatdesk.flows import registry
from whatdesk.flows.document import Node
from whatdesk.ui import theme

from . import style
from .summary import summarize

if TYPE_CHECKING:
    from .edge_item import EdgeItem

NODE_Z = 10.0
_TITLE_FONT = style.font(9, QFont.Weight.DemiBold)
_SUMMARY_FONT = style.font(8.5)
_PORT_FONT = style.font(8)
_PILL_FONT = style.font(7.5, QFont.Weight.DemiBold)
MARGIN = 26.0  # room around the card for the highlight ring, badge and analytics pills
# A card is painted into a pixmap at the view's exact scale, which pan frames blit. While the
# user is zooming, a frame instead draws (scaled down) a pixmap kept at one of a few fixed
# scales, so a zoom step re-renders a card only when it first appears at that bucket; the
# exact-scale pixmaps are made once zooming stops (FlowScene.zooming).
CACHE_SCALES = (0.5, 0.75, 1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0)
_serials = itertools.count(1)  # a card's content version, unique across cards


def cache_scale(device_scale: float) -> float:
    """The fixed scale a card's zooming pixmap is kept at for a zoom × device pixel ratio:
    the first one at least as fine (scaling down stays sharp; up would blur)."""
    for scale in CACHE_SCALES:
        if scale >= device_scale - 1e-6:
            return scale
    return CACHE_SCALES[-1]


def _port_rect(centre: QPointF) -> QRectF:
    r = style.PORT_RADIUS + 1
    return QRectF(centre.x() - r, centre.y() - r, 2 * r, 2 * r)


def _static(text: str, font: QFont, width: float | None = None) -> QStaticText:
    """A pre-laid-out line, elided to ``width`` (cheap to draw on every frame)."""
    if width is not None:
        text = QFontMetricsF(font).elidedText(text, Qt.TextElideMode.ElideRight, width)
    static = QStaticText(text)
    static.setTextFormat(Qt.TextFormat.PlainText)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.NoWrap)
    static.setTextOption(option)
    static.prepare(font=font)
    return static


class NodeItem(QGraphicsItem):
    """Draws one document node; holds only what it needs to paint (the document owns the rest)."""

    def __init__(self, node: Node) -> None:
        super().__init__()
        self.node_id = node.id
        self.edges: list[EdgeItem] = []  # attached edges, told when this card moves
        self.connected_ports: set[str] = set()
        self.highlighted = False
        self.search_hit = False
        self.diff_state: str | None = None  # "added" | "removed" | "changed"
        self.entered: int | None = None
        self.stopped: int | None = None
        self._ports: list[tuple[str, QStaticText]] = []
        self._port_index: dict[str, int] = {}
        self.height = 0.0
        self._card_rect = QRectF()
        self._bounds = QRectF()
        self._serial = 0
        self.setFlags(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
                      | QGraphicsItem.GraphicsItemFlag.ItemSendsGeometryChanges)
        self.setZValue(NODE_Z)
        self.setAcceptHoverEvents(False)
        self.refresh(node)
        self.setPos(node.x, node.y)

    # -- contents -------------------------------------------------------------------------
    def refresh(self, node: Node) -> None:
        """Re-read type, title, summary and ports from the node (after a config edit)."""
        loc = style.locale()
        node_type = registry.get(node.type)
        self.type_name = node.type
        self.category = node_type.category if node_type else None
        self.has_input = node.type != "start"
        title = node_type.title(loc) if node_type else node.type
        self.title = title
        self.summary = summarize(node_type, node.config, loc) if node_type else node.type
        inner = style.CARD_WIDTH - 20
        self._title_text = _static(title, _TITLE_FONT, inner - 30)
        self._summary_text = _static(self.summary, _SUMMARY_FONT, inner)
        ports = node_type.ports_for(node.config) if node_type else []
        old_ports = [pid for pid, _t in self._ports]
        port_ids = [p.id for p in ports]
        self._ports = [(p.id, _static(p.title(loc), _PORT_FONT, inner - 10)) for p in ports]
        self._port_index = {pid: i for i, (pid, _t) in enumerate(self._ports)}
        self.icon_name = node_type.icon if node_type else "flow"
        height = style.HEADER_HEIGHT + style.SUMMARY_HEIGHT + len(self._ports) * style.PORT_ROW \
            + style.BOTTOM_PAD
        ports_moved = height != self.height
        if height != self.height:
            self.prepareGeometryChange()
            self.height = height
            self._card_rect = QRectF(0, 0, style.CARD_WIDTH, height)
            self._bounds = self._card_rect.adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN)
        self._serial = next(_serials)  # the pixmaps of the old content are never used again
        self._card = QPainterPath()
        self._card.addRoundedRect(self.card_rect(), style.CARD_RADIUS, style.CARD_RADIUS)
        header = QPainterPath()
        header.addRoundedRect(QRectF(0, 0, style.CARD_WIDTH, style.HEADER_HEIGHT + style.CARD_RADIUS),
                              style.CARD_RADIUS, style.CARD_RADIUS)
        clip = QPainterPath()
        clip.addRect(QRectF(0, 0, style.CARD_WIDTH, style.HEADER_HEIGHT))
        self._header = header.intersected(clip)
        self.update()
        if ports_moved or port_ids != old_ports:  # a typed letter moves no edge
            for edge in self.edges:
                edge.adjust()

    def port_ids(self) -> list[str]:
        return [pid for pid, _t in self._ports]

    # -- geometry -------------------------------------------------------------------------
    def card_rect(self) -> QRectF:
        return QRectF(self._card_rect)

    def boundingRect(self) -> QRectF:
        return self._bounds  # Qt asks for it thousands of times a frame: kept, not built

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        path.addRect(self.card_rect().adjusted(-style.PORT_RADIUS - 3, 0, style.PORT_RADIUS + 3, 0))
        return path

    def _port_local(self, index: int) -> QPointF:
        y = style.HEADER_HEIGHT + style.SUMMARY_HEIGHT + index * style.PORT_ROW + style.PORT_ROW / 2
        return QPointF(style.CARD_WIDTH, y)

    def port_pos(self, port_id: str) -> QPointF | None:
        """Scene position of an output port's circle (None: no such port any more)."""
        index = self._port_index.get(port_id)
        return None if index is None else self.mapToScene(self._port_local(index))

    def input_pos(self) -> QPointF:
        return self.mapToScene(QPointF(0, style.HEADER_HEIGHT / 2))

    def port_at(self, scene_pos: QPointF) -> str | None:
        """The output port under a scene point (generous hit area: the whole port row's end)."""
        local = self.mapFromScene(scene_pos)
        if local.x() < style.CARD_WIDTH - 24 or local.x() > style.CARD_WIDTH + style.PORT_RADIUS + 6:
            return None
        top = style.HEADER_HEIGHT + style.SUMMARY_HEIGHT
        index = int((local.y() - top) // style.PORT_ROW)
        if local.y() >= top and 0 <= index < len(self._ports):
            return self._ports[index][0]
        return None

    def itemChange(self, change: QGraphicsItem.GraphicsItemChange, value: Any) -> Any:
        if change == QGraphicsItem.GraphicsItemChange.ItemPositionHasChanged:
            for edge in self.edges:
                edge.adjust()
        return super().itemChange(change, value)

    # -- painting -------------------------------------------------------------------------
    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        world = painter.worldTransform()
        lod = option.levelOfDetailFromTransform(world)
        if lod < style.LOW_DETAIL:
            self._draw(painter, lod)
            return
        ratio = painter.device().devicePixelRatioF() if painter.device() is not None else 1.0
        exact = round(lod * ratio, 4)  # (a zoom reached in steps or at once: the same picture)
        state = hash((self.isSelected(), self.highlighted, self.search_hit, self.diff_state,
                      self.entered, self.stopped, tuple(sorted(self.connected_ports)),
                      theme.is_dark(), theme.palette().panel))
        prefix = f"whatdesk-card:{self._serial}:{state}:"
        bounds = self._bounds
        pixmap = QPixmapCache.find(f"{prefix}{exact}")
        scale = exact
        if pixmap is None and getattr(self.scene(), "zooming", False):
            bucket = CACHE_SCALES.index(cache_scale(exact))
            for scale in CACHE_SCALES[bucket:bucket + 3]:  # one already made, if any
                pixmap = QPixmapCache.find(f"{prefix}{scale}")
                if pixmap is not None:
                    break
            else:
                scale = CACHE_SCALES[bucket]
        if pixmap is None or pixmap.isNull():
            scene = self.scene()
            if scene is not None and scene.over_budget():
                # this frame has rendered enough cards: a plain block now, the card itself
                # in one of the next frames (the view repaints until every card is drawn)
                self._draw(painter, 0.0)
                return
            pixmap = self._render(scale, ratio)
            QPixmapCache.insert(f"{prefix}{scale}", pixmap)
        source = QRectF(0, 0, bounds.width() * scale, bounds.height() * scale)
        if scale == exact and world.type().value <= QTransform.TransformationType.TxScale.value:
            # at its own scale: blitted on whole device pixels, as crisp as drawn directly
            corner = world.map(bounds.topLeft())
            painter.save()
            painter.resetTransform()
            painter.drawPixmap(QPointF(round(corner.x() * ratio) / ratio,
                                       round(corner.y() * ratio) / ratio), pixmap, source)
            painter.restore()
        else:
            painter.drawPixmap(bounds, pixmap, source)

    def _render(self, scale: float, ratio: float) -> QPixmap:
        """The card drawn at `scale` device pixels per scene unit."""
        bounds = self._bounds
        pixmap = QPixmap(max(1, math.ceil(bounds.width() * scale)),
                         max(1, math.ceil(bounds.height() * scale)))
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHints(QPainter.RenderHint.Antialiasing
                               | QPainter.RenderHint.TextAntialiasing
                               | QPainter.RenderHint.SmoothPixmapTransform)
        painter.scale(scale, scale)
        painter.translate(-bounds.left(), -bounds.top())
        self._draw(painter, scale)
        painter.end()
        pixmap.setDevicePixelRatio(ratio)  # blitted unscaled onto a screen of that ratio
        return pixmap

    def _draw(self, painter: QPainter, lod: float) -> None:
        pal = theme.palette()
        color = style.category_color(self.category)
        selected = self.isSelected()
        if lod < style.LOW_DETAIL:  # zoomed far out: a coloured block is all one can read
            painter.setPen(QPen(QColor(pal.accent), 6) if selected or self.highlighted
                           else Qt.PenStyle.NoPen)
            painter.setBrush(QColor(pal.panel))
            painter.drawRect(self.card_rect())
            painter.fillRect(QRectF(0, 0, style.CARD_WIDTH, style.HEADER_HEIGHT), color)
            if self.diff_state:
                painter.setPen(QPen(QColor(style.DIFF_COLORS[self.diff_state]), 8))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRect(self.card_rect())
            return
        rect = self.card_rect()
        if self.highlighted:
            painter.setPen(QPen(QColor(pal.accent), 3))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(rect.adjusted(-6, -6, 6, 6), style.CARD_RADIUS + 5,
                                    style.CARD_RADIUS + 5)
        if self.search_hit:
            painter.setPen(QPen(QColor(style.WARNING_COLOR), 2, Qt.PenStyle.DashLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(rect.adjusted(-4, -4, 4, 4), style.CARD_RADIUS + 3,
                                    style.CARD_RADIUS + 3)
        # card and border in one path, then the header (no shadow: it costs more than the card)
        if self.diff_state:
            border = QPen(QColor(style.DIFF_COLORS[self.diff_state]), 2.5)
        elif selected:
            border = QPen(QColor(pal.accent), 2)
        else:
            border = QPen(QColor(pal.divider if not theme.is_dark() else "#33414A"), 1)
        painter.setPen(border)
        painter.setBrush(QColor(pal.panel))
        painter.drawPath(self._card)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(style.header_tint(self.category))
        painter.drawPath(self._header)
        # icon chip and title
        chip = QRectF(8, 5, 20, 20)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(color)
        painter.drawRoundedRect(chip, 5, 5)
        painter.drawPixmap(chip.adjusted(3, 3, -3, -3).toRect(),
                           style.node_icon_pixmap(self.icon_name, "#FFFFFF"))
        painter.setPen(QColor(pal.text))
        painter.setFont(_TITLE_FONT)
        painter.drawStaticText(QPointF(36, (style.HEADER_HEIGHT - self._title_text.size().height()) / 2),
                               self._title_text)
        painter.setPen(QColor(pal.text_secondary))
        painter.setFont(_SUMMARY_FONT)
        painter.drawStaticText(QPointF(10, style.HEADER_HEIGHT + (style.SUMMARY_HEIGHT
                                       - self._summary_text.size().height()) / 2),
                               self._summary_text)
        # exits: label right-aligned next to the port circle
        painter.setFont(_PORT_FONT)
        for index, (port_id, label) in enumerate(self._ports):
            centre = self._port_local(index)
            size = label.size()
            painter.setPen(QColor(pal.text_secondary))
            painter.drawStaticText(QPointF(centre.x() - 12 - size.width(),
                                           centre.y() - size.height() / 2), label)
            dot = style.port_pixmap(color.name(), port_id in self.connected_ports)
            painter.drawPixmap(_port_rect(centre), dot, QRectF(dot.rect()))
        if self.has_input:
            dot = style.port_pixmap(style.EDGE_COLOR, False)
            painter.drawPixmap(_port_rect(QPointF(0, style.HEADER_HEIGHT / 2)), dot,
                               QRectF(dot.rect()))
        if self.entered is not None:
            self._pill(painter, QPointF(0, -22), f"▶ {self._count(self.entered)}",
                       QColor(pal.accent))
        if self.stopped:
            self._pill(painter, QPointF(0, self.height + 4), f"■ {self._count(self.stopped)}",
                       QColor(style.ERROR_COLOR))

    @staticmethod
    def _count(value: int) -> str:
        from PySide6.QtCore import QLocale

        return QLocale().toString(int(value))

    @staticmethod
    def _pill(painter: QPainter, at: QPointF, text: str, color: QColor) -> None:
        painter.setFont(_PILL_FONT)
        width = QFontMetricsF(_PILL_FONT).horizontalAdvance(text) + 14
        rect = QRectF(at.x(), at.y(), width, 18)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(color)
        painter.drawRoundedRect(rect, 9, 9)
        painter.setPen(QColor("#FFFFFF"))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)


class BadgeItem(QGraphicsItem):
    """The error/warning dot on a card's top-right corner; its tooltip is the message."""

    RADIUS = 9.0

    def __init__(self, parent: NodeItem) -> None:
        super().__init__(parent)
        self.severity = "error"
        self.findings: tuple[str, list[str]] | None = None
        self.setPos(style.CARD_WIDTH - 4, 4)
        self.setZValue(1)
        self.setAcceptHoverEvents(True)  # for the tooltip

    def set_findings(self, severity: str, messages: list[str]) -> None:
        self.findings = (severity, messages)
        self.severity = severity
        self.setToolTip("\n".join(messages))
        self.update()

    def boundingRect(self) -> QRectF:
        r = self.RADIUS + 1
        return QRectF(-r, -r, 2 * r, 2 * r)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        ratio = painter.device().devicePixelRatioF() if painter.device() is not None else 1.0
        scale = cache_scale(option.levelOfDetailFromTransform(painter.worldTransform()) * ratio)
        pixmap = _badge_pixmap(self.severity, theme.is_dark(), scale)
        painter.drawPixmap(self.boundingRect(), pixmap, QRectF(pixmap.rect()))


@functools.cache
def _badge_pixmap(severity: str, dark: bool, scale: float) -> QPixmap:
    """The badge drawn once per severity, theme and scale (dozens show at a time)."""
    r = BadgeItem.RADIUS + 1
    size = math.ceil(2 * r * scale)
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.scale(size / (2 * r), size / (2 * r))
    painter.translate(r, r)
    color = QColor(style.ERROR_COLOR if severity == "error" else style.WARNING_COLOR)
    painter.setPen(QPen(QColor(theme.palette().panel), 2))
    painter.setBrush(QBrush(color))
    painter.drawEllipse(QPointF(0, 0), BadgeItem.RADIUS, BadgeItem.RADIUS)
    pen = QPen(QColor("#FFFFFF"), 2.2)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    painter.setPen(pen)
    painter.drawLine(QPointF(0, -4.5), QPointF(0, 1))
    painter.drawPoint(QPointF(0, 4.5))
    painter.end()
    return pixmap

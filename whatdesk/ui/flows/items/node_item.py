"""A node card: category-tinted header with icon and title, a summary line, one port per exit."""

from __future__ import annotations

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
    QStaticText,
    QTextOption,
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
            # Qt keeps the painted card as a pixmap at the current zoom: a pan frame blits it
            # instead of drawing paths and text again (a zoom step repaints, once).
            self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
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
        pal = theme.palette()
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
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
        color = QColor(style.ERROR_COLOR if self.severity == "error" else style.WARNING_COLOR)
        painter.setPen(QPen(QColor(theme.palette().panel), 2))
        painter.setBrush(QBrush(color))
        painter.drawEllipse(QPointF(0, 0), self.RADIUS, self.RADIUS)
        pen = QPen(QColor("#FFFFFF"), 2.2)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        painter.drawLine(QPointF(0, -4.5), QPointF(0, 1))
        painter.drawPoint(QPointF(0, 4.5))

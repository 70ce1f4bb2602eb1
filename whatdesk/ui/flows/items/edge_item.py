"""An edge: a cubic Bézier from a card's output port to another card's input."""

from __future__ import annotations

from PySide6.QtCore import QLocale, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPen,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsSceneHoverEvent,
    QStyleOptionGraphicsItem,
    QWidget,
)

from whatdesk.ui import theme

from . import style
from .node_item import NodeItem

EDGE_Z = 5.0
_LABEL_FONT = style.font(7.5, QFont.Weight.DemiBold)


def curve(start: QPointF, end: QPointF) -> QPainterPath:
    """The Bézier every edge (and the edge being dragged) follows."""
    dx = max(50.0, abs(end.x() - start.x()) / 2)
    if end.x() < start.x():  # a loop back: swing out further so it does not cut the cards
        dx = max(dx, 120.0)
    path = QPainterPath(start)
    path.cubicTo(QPointF(start.x() + dx, start.y()), QPointF(end.x() - dx, end.y()), end)
    return path


class EdgeItem(QGraphicsItem):
    def __init__(self, source: NodeItem, port: str, target: NodeItem) -> None:
        super().__init__()
        self.source, self.port, self.target = source, port, target
        self.count: int | None = None  # analytics: how many runs left through this exit
        self.diff_state: str | None = None
        self._hover = False
        self._path = QPainterPath()
        self._shape: QPainterPath | None = None
        self._rect = QRectF()
        self.setFlags(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setAcceptHoverEvents(True)
        self.setZValue(EDGE_Z)
        source.edges.append(self)
        if target is not source:
            target.edges.append(self)
        self.adjust()

    @property
    def key(self) -> tuple[str, str]:
        return (self.source.node_id, self.port)

    def detach(self) -> None:
        for item in (self.source, self.target):
            if self in item.edges:
                item.edges.remove(self)

    def adjust(self) -> None:
        start = self.source.port_pos(self.port)
        if start is None:  # the port went away (a menu option was removed)
            start = self.source.mapToScene(QPointF(style.CARD_WIDTH, style.HEADER_HEIGHT / 2))
        path = curve(start, self.target.input_pos())
        self.prepareGeometryChange()
        self._path = path
        self._shape = None
        self._rect = path.boundingRect().adjusted(-30, -14, 30, 14)

    def path(self) -> QPainterPath:
        return self._path

    def boundingRect(self) -> QRectF:
        return self._rect

    def shape(self) -> QPainterPath:
        if self._shape is None:
            stroker = QPainterPathStroker()
            stroker.setWidth(10)
            self._shape = stroker.createStroke(self._path)
        return self._shape

    def hoverEnterEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        self._hover = True
        self.update()

    def hoverLeaveEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        self._hover = False
        self.update()

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        pal = theme.palette()
        if self.diff_state:
            color = QColor(style.DIFF_COLORS[self.diff_state])
        elif self.isSelected() or self._hover:
            color = QColor(pal.accent)
        else:
            color = QColor(style.EDGE_COLOR)
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        line = Qt.PenStyle.DashLine if self.diff_state == "removed" else Qt.PenStyle.SolidLine
        if lod < style.LOW_DETAIL:
            # far out: a 1-device-pixel line without antialiasing is ten times cheaper
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
            painter.setPen(QPen(color, 0, line))
            painter.setBrush(Qt.BrushStyle.NoBrush)  # the view does not reset painter state
            painter.drawPath(self._path)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            return
        width = 3.0 if self.isSelected() else 2.0
        painter.setPen(QPen(color, width, line))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(self._path)
        if self.count is not None and lod >= style.LOW_DETAIL:
            text = QLocale().toString(int(self.count))
            mid = self._path.pointAtPercent(0.5)
            width = QFontMetricsF(_LABEL_FONT).horizontalAdvance(text) + 12
            rect = QRectF(mid.x() - width / 2, mid.y() - 9, width, 18)
            painter.setPen(QPen(color, 1))
            painter.setBrush(QColor(pal.panel))
            painter.drawRoundedRect(rect, 9, 9)
            painter.setPen(QColor(pal.text))
            painter.setFont(_LABEL_FONT)
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)


class DraggedEdgeItem(QGraphicsItem):
    """The curve following the mouse while a new edge is dragged out of a port."""

    def __init__(self, start: QPointF) -> None:
        super().__init__()
        self.start = start
        self._path = curve(start, start)
        self.setZValue(100)

    def set_end(self, end: QPointF) -> None:
        self.prepareGeometryChange()
        self._path = curve(self.start, end)

    def boundingRect(self) -> QRectF:
        return self._path.boundingRect().adjusted(-4, -4, 4, 4)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        painter.setPen(QPen(QColor(theme.palette().accent), 2, Qt.PenStyle.DashLine))
        painter.drawPath(self._path)

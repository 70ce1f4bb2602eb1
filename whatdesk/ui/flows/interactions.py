"""Mouse modes of the canvas, one small class each (after orange-canvas-core's interactions).

The scene picks one on a mouse press and hands it every mouse event until it ends. An
interaction previews on the canvas and, when it finishes, pushes ONE undo command; the
document changes only through that command, and the scene redraws from the document.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsRectItem, QGraphicsSceneMouseEvent

from . import commands
from .items import style
from .items.edge_item import DraggedEdgeItem
from .items.node_item import NodeItem
from .items.note_item import MIN_SIZE, NoteItem

if TYPE_CHECKING:
    from .scene import FlowScene

translate = QCoreApplication.translate


class Interaction:
    """Base: receives mouse events from the scene until it calls ``end()``."""

    def __init__(self, scene: FlowScene) -> None:
        self.scene = scene

    def mouse_move(self, event: QGraphicsSceneMouseEvent) -> None:
        pass

    def mouse_release(self, event: QGraphicsSceneMouseEvent) -> None:
        self.end()

    def cancel(self) -> None:
        """Escape or focus loss: undo the preview, push nothing."""
        self.end()

    def end(self) -> None:
        self.scene.interaction_ended(self)


class MoveSelection(Interaction):
    """Drag the selected cards and notes (and the cards inside a dragged group frame)."""

    def __init__(self, scene: FlowScene, press: QPointF, clicked: Any = None) -> None:
        super().__init__(scene)
        self.press = press
        self.moved = False
        self.clicked = clicked  # pressed inside a selection: a click without a drag selects it alone
        items = [i for i in scene.selectedItems() if isinstance(i, (NodeItem, NoteItem))]
        for group in [i for i in items if isinstance(i, NoteItem) and i.group]:
            frame = group.sceneBoundingRect()
            items += [n for n in scene.node_items.values()
                      if n not in items and frame.contains(n.sceneBoundingRect().center())]
        self.start = {item: item.pos() for item in items}

    def mouse_move(self, event: QGraphicsSceneMouseEvent) -> None:
        delta = event.scenePos() - self.press
        if not self.moved and delta.manhattanLength() < 3:
            return
        self.moved = True
        if self.scene.snap_to_grid and self.start:
            # snap one card (a frame or note when no card moves); the rest keep their offsets
            anchor = next((o for i, o in self.start.items() if isinstance(i, NodeItem)),
                          next(iter(self.start.values())))
            target = anchor + delta
            snapped = QPointF(round(target.x() / style.GRID) * style.GRID,
                              round(target.y() / style.GRID) * style.GRID)
            delta = snapped - anchor
        for item, origin in self.start.items():
            item.setPos(origin + delta)

    def mouse_release(self, event: QGraphicsSceneMouseEvent) -> None:
        if self.moved:
            positions = {self.scene.item_id(item): (item.x(), item.y()) for item in self.start}
            self.scene.push(commands.MoveNodes(
                self.scene.flow, positions,
                translate("FlowEditor", "Move %n item(s)", "", len(positions))))
        elif self.clicked is not None:
            self.scene.clearSelection()
            self.clicked.setSelected(True)
        self.end()

    def cancel(self) -> None:
        for item, origin in self.start.items():
            item.setPos(origin)
        self.end()


class NewEdge(Interaction):
    """Drag from an output port: drop on a card to connect it, on empty canvas for the quick menu."""

    def __init__(self, scene: FlowScene, source: NodeItem, port: str) -> None:
        super().__init__(scene)
        self.source, self.port = source, port
        start = source.port_pos(port) or source.scenePos()
        self.preview = DraggedEdgeItem(start)
        scene.addItem(self.preview)

    def mouse_move(self, event: QGraphicsSceneMouseEvent) -> None:
        self.preview.set_end(event.scenePos())

    def mouse_release(self, event: QGraphicsSceneMouseEvent) -> None:
        pos = event.scenePos()
        self._remove_preview()
        target = self.scene.node_item_at(pos)
        if target is not None:
            if target.node_id != self.source.node_id or target.port_at(pos) is None:
                self.scene.push(commands.Connect(self.scene.flow, self.source.node_id, self.port,
                                                 target.node_id,
                                                 translate("FlowEditor", "Connect nodes")))
        elif (pos - self.preview.start).manhattanLength() > 10:
            self.scene.quick_menu_requested.emit(pos, (self.source.node_id, self.port))
        self.end()

    def cancel(self) -> None:
        self._remove_preview()
        self.end()

    def _remove_preview(self) -> None:
        if self.preview.scene() is not None:
            self.scene.removeItem(self.preview)


class RubberBand(Interaction):
    """Drag on empty canvas: select what the rectangle touches (Ctrl/Shift adds to the selection)."""

    def __init__(self, scene: FlowScene, press: QPointF, add: bool) -> None:
        super().__init__(scene)
        self.press = press
        self.add = add
        self.before = list(scene.selectedItems()) if add else []
        self.rect_item = QGraphicsRectItem()
        accent = QColor(style.CATEGORY_COLORS["ticket"])
        fill = QColor(accent)
        fill.setAlpha(30)
        self.rect_item.setPen(QPen(accent, 0))
        self.rect_item.setBrush(fill)
        self.rect_item.setZValue(200)
        self.rect_item.setVisible(False)
        scene.addItem(self.rect_item)

    def mouse_move(self, event: QGraphicsSceneMouseEvent) -> None:
        rect = QRectF(self.press, event.scenePos()).normalized()
        self.rect_item.setRect(rect)
        self.rect_item.setVisible(True)
        path = QPainterPath()
        path.addRect(rect)
        self.scene.setSelectionArea(path, Qt.ItemSelectionOperation.ReplaceSelection,
                                    Qt.ItemSelectionMode.IntersectsItemShape)
        for item in self.before:
            item.setSelected(True)

    def mouse_release(self, event: QGraphicsSceneMouseEvent) -> None:
        self.scene.removeItem(self.rect_item)
        self.end()

    cancel = mouse_release  # type: ignore[assignment]


class ResizeNote(Interaction):
    """Drag a note's (or group's) bottom-right corner; one UpdateNote on release."""

    def __init__(self, scene: FlowScene, item: NoteItem, press: QPointF) -> None:
        super().__init__(scene)
        self.item, self.press = item, press
        self.size = (item.w, item.h)

    def mouse_move(self, event: QGraphicsSceneMouseEvent) -> None:
        delta = event.scenePos() - self.press
        self.item.prepareGeometryChange()
        self.item.w = max(MIN_SIZE[0], self.size[0] + delta.x())
        self.item.h = max(MIN_SIZE[1], self.size[1] + delta.y())
        self.item.update()

    def mouse_release(self, event: QGraphicsSceneMouseEvent) -> None:
        if (self.item.w, self.item.h) != self.size:
            self.scene.push(commands.UpdateNote(self.scene.flow, self.item.note_id,
                                                {"w": self.item.w, "h": self.item.h},
                                                translate("FlowEditor", "Resize note")))
        self.end()

    def cancel(self) -> None:
        self.item.prepareGeometryChange()
        self.item.w, self.item.h = self.size
        self.end()


class Pan:
    """Middle-button drag, or Space + drag: move the view over the canvas (no document change)."""

    def __init__(self, view: Any, press: QPoint) -> None:
        self.view = view
        self.last = press
        view.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)

    def mouse_move(self, pos: QPoint) -> None:
        delta = pos - self.last
        self.last = pos
        hbar, vbar = self.view.horizontalScrollBar(), self.view.verticalScrollBar()
        hbar.setValue(hbar.value() - delta.x())
        vbar.setValue(vbar.value() - delta.y())

    def end(self) -> None:
        self.view.viewport().unsetCursor()

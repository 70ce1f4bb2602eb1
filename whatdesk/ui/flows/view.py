"""FlowView: the canvas viewport — wheel zoom, fit, 100 %, pan, a minimap and palette drops."""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPixmap,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QFrame, QGraphicsView, QWidget

from whatdesk.ui import theme

from .interactions import Pan
from .items import style
from .scene import FlowScene

NODE_MIME = "application/x-whatdesk-node-type"
MIN_ZOOM, MAX_ZOOM = 0.1, 2.5
OVERVIEW_ZOOM = 0.5  # below this, a big flow is drawn as an overview (scene.set_overview)
OVERVIEW_MIN_NODES = 150  # smaller flows stay fully interactive at every zoom
ZOOM_SETTLE_MS = 180  # after the last zoom step, cards are rendered at the exact zoom


class FlowView(QGraphicsView):
    zoom_changed = Signal(float)
    quick_menu_requested = Signal(QPointF, object)  # Tab: at the cursor (scene pos), no edge
    node_dropped = Signal(str, QPointF)  # a node type dragged from the palette, scene pos

    def __init__(self, scene: FlowScene, parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        self.flow_scene = scene
        self._pan: Pan | None = None
        self._space = False
        self.setRenderHints(QPainter.RenderHint.Antialiasing
                            | QPainter.RenderHint.TextAntialiasing
                            | QPainter.RenderHint.SmoothPixmapTransform)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setOptimizationFlags(QGraphicsView.OptimizationFlag.DontSavePainterState
                                  | QGraphicsView.OptimizationFlag.DontAdjustForAntialiasing)
        self.setCacheMode(QGraphicsView.CacheModeFlag.CacheBackground)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setDragMode(QGraphicsView.DragMode.NoDrag)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setAcceptDrops(not scene.read_only)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.minimap = Minimap(self)
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(ZOOM_SETTLE_MS)
        self._settle.timeout.connect(self._zoom_settled)

    # -- zoom -----------------------------------------------------------------------------
    def zoom(self) -> float:
        return self.transform().m11()

    def set_zoom(self, factor: float, anchor_under_mouse: bool = False) -> None:
        factor = max(MIN_ZOOM, min(MAX_ZOOM, factor))
        current = self.zoom()
        if abs(factor - current) < 1e-4:
            return
        if not anchor_under_mouse:
            self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.flow_scene.zooming = True  # cards draw from kept pixmaps until it settles
        self._settle.start()
        self.scale(factor / current, factor / current)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self._update_overview()
        self.zoom_changed.emit(self.zoom())
        self.refresh_minimap()

    def _zoom_settled(self) -> None:
        """Zooming paused: repaint, so cards are drawn sharp at the exact zoom again (a few
        at a time, see paintEvent)."""
        self.flow_scene.zooming = False
        self.flow_scene.refining = True
        self.viewport().update()

    def paintEvent(self, event: QPaintEvent) -> None:
        scene = self.flow_scene
        scene.paint_started = time.perf_counter()
        scene.unfinished = False
        super().paintEvent(event)
        if scene.unfinished:  # some cards were left as blocks: draw them in the next frame
            QTimer.singleShot(0, self.viewport().update)
        elif not scene.zooming:
            scene.refining = False

    def _update_overview(self) -> None:
        scene = self.flow_scene
        scene.set_overview(self.zoom() < OVERVIEW_ZOOM
                           and len(scene.node_items) > OVERVIEW_MIN_NODES)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if self.flow_scene.overview:  # the overview's cards are not clickable: zoom in there
            target = self.mapToScene(event.position().toPoint())
            self.set_zoom(1.0)
            self.centerOn(target)
            event.accept()
            return
        super().mouseDoubleClickEvent(event)

    def zoom_in(self) -> None:
        self.set_zoom(self.zoom() * 1.2)

    def zoom_out(self) -> None:
        self.set_zoom(self.zoom() / 1.2)

    def zoom_reset(self) -> None:
        """Ctrl+1: 100 %, keeping the centre."""
        self.set_zoom(1.0)

    def fit(self) -> None:
        """Ctrl+0: the whole flow in view (never above 100 %)."""
        rect = self.flow_scene.content_rect()
        if rect.isNull():
            self.zoom_reset()
            return
        rect = rect.adjusted(-40, -40, 40, 40)
        viewport = self.viewport().rect()
        factor = min(viewport.width() / rect.width(), viewport.height() / rect.height(), 1.0)
        self.set_zoom(factor)
        self.centerOn(rect.center())
        self.refresh_minimap()

    def set_minimap_wanted(self, wanted: bool) -> None:
        """The toolbar's switch; the minimap also hides while the whole flow is in view."""
        self.minimap_wanted = wanted
        self.refresh_minimap()

    def refresh_minimap(self) -> None:
        scene = self.scene()
        if scene is None:
            return
        # sizes only: panning cannot make a flow fit, so a pan step never needs this check
        content = scene.itemsBoundingRect()
        visible = self.mapToScene(self.viewport().rect()).boundingRect()
        show = getattr(self, "minimap_wanted", True) and not (
            content.isNull() or (content.width() <= visible.width()
                                 and content.height() <= visible.height()))
        if show != self.minimap.isVisible():
            self.minimap.setVisible(show)
        if show:
            self.minimap.update()

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            super().wheelEvent(event)  # Shift+wheel scrolls sideways
            return
        steps = event.angleDelta().y() / 120.0
        if steps:
            self.set_zoom(self.zoom() * (1.15 ** steps), anchor_under_mouse=True)
        event.accept()

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        super().scrollContentsBy(dx, dy)
        self.minimap.update()

    # -- pan ------------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.MiddleButton or (
                self._space and event.button() == Qt.MouseButton.LeftButton):
            self._pan = Pan(self, event.position().toPoint())
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._pan is not None:
            self._pan.mouse_move(event.position().toPoint())
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._pan is not None:
            self._pan.end()
            self._pan = None
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat() \
                and not self._scene_has_text_focus():
            self._space = True
            self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
            event.accept()
            return
        if event.key() == Qt.Key.Key_Tab and not self._scene_has_text_focus():
            if not self.flow_scene.read_only:
                self.quick_menu_requested.emit(self.cursor_scene_pos(), None)
            event.accept()
            return
        super().keyPressEvent(event)

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat() and self._space:
            self._space = False
            self.viewport().unsetCursor()
            event.accept()
            return
        super().keyReleaseEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and self._scene_has_text_focus():
            event.accept()  # typing in a note: Delete, Ctrl+C, Tab... belong to the text
            return True
        return super().event(event)

    def focusNextPrevChild(self, next: bool) -> bool:
        if self._scene_has_text_focus():
            return super().focusNextPrevChild(next)
        return False  # Tab opens the quick menu on the canvas

    def _scene_has_text_focus(self) -> bool:
        return self.flow_scene.focusItem() is not None

    def cursor_scene_pos(self) -> QPointF:
        """The mouse position on the canvas, or the view's centre when it is outside."""
        from PySide6.QtGui import QCursor

        local = self.viewport().mapFromGlobal(QCursor.pos())
        if not self.viewport().rect().contains(local):
            local = self.viewport().rect().center()
        return self.mapToScene(local)

    def centre_scene_pos(self) -> QPointF:
        return self.mapToScene(self.viewport().rect().center())

    # -- palette drops --------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasFormat(NODE_MIME) and not self.flow_scene.read_only:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if event.mimeData().hasFormat(NODE_MIME) and not self.flow_scene.read_only:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        data = event.mimeData()
        if not data.hasFormat(NODE_MIME) or self.flow_scene.read_only:
            event.ignore()
            return
        type_name = bytes(data.data(NODE_MIME).data()).decode("utf-8", "replace")[:100]
        self.node_dropped.emit(type_name, self.mapToScene(event.position().toPoint()))
        event.acceptProposedAction()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.minimap.place()
        self.refresh_minimap()


class Minimap(QWidget):
    """A small overview in the bottom-right corner; click or drag in it to move the view."""

    SIZE = QSize(200, 130)

    def __init__(self, view: FlowView) -> None:
        super().__init__(view)
        self.view = view
        self.setObjectName("flowMinimap")
        self.resize(self.SIZE)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self._pixmap: QPixmap | None = None
        self._world = QRectF()
        self._dirty = QTimer(self)
        self._dirty.setSingleShot(True)
        self._dirty.setInterval(250)
        self._dirty.timeout.connect(self.invalidate)
        scene = view.flow_scene
        flow = scene.flow
        for signal in (flow.node_added, flow.node_removed, flow.node_moved, flow.note_added,
                       flow.note_removed, flow.note_changed):
            scene.listen(signal, self._schedule)
        self.place()

    def _schedule(self, *_args: Any) -> None:
        self._dirty.start()

    def place(self) -> None:
        viewport = self.view.viewport().geometry()
        self.move(viewport.right() - self.width() - 12, viewport.bottom() - self.height() - 12)

    def invalidate(self) -> None:
        self._pixmap = None
        self.update()

    def _transform(self) -> tuple[float, QPointF]:
        world = self._world
        scale = min((self.width() - 12) / max(world.width(), 1.0),
                    (self.height() - 12) / max(world.height(), 1.0))
        offset = QPointF((self.width() - world.width() * scale) / 2 - world.left() * scale,
                         (self.height() - world.height() * scale) / 2 - world.top() * scale)
        return scale, offset

    def _render(self) -> QPixmap:
        """The cards as coloured blocks, drawn once per change (not on every pan frame)."""
        scene = self.view.flow_scene
        self._world = scene.content_rect().adjusted(-200, -200, 200, 200)
        ratio = self.devicePixelRatioF()
        pixmap = QPixmap(self.size() * ratio)
        pixmap.setDevicePixelRatio(ratio)
        pal = theme.palette()
        pixmap.fill(QColor(pal.panel))
        painter = QPainter(pixmap)
        scale, offset = self._transform()
        for note in scene.note_items.values():
            rect = note.sceneBoundingRect()
            painter.fillRect(QRectF(rect.left() * scale + offset.x(), rect.top() * scale
                                    + offset.y(), rect.width() * scale, rect.height() * scale),
                             QColor(pal.note))
        for item in scene.node_items.values():
            pos = item.pos()
            painter.fillRect(QRectF(pos.x() * scale + offset.x(), pos.y() * scale + offset.y(),
                                    max(2.0, style.CARD_WIDTH * scale),
                                    max(2.0, item.height * scale)),
                             style.category_color(item.category))
        painter.end()
        return pixmap

    def paintEvent(self, event: QPaintEvent) -> None:
        if self._pixmap is None:
            self._pixmap = self._render()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.drawPixmap(0, 0, self._pixmap)
        scale, offset = self._transform()
        visible = self.view.mapToScene(self.view.viewport().rect()).boundingRect()
        frame = QRectF(visible.left() * scale + offset.x(), visible.top() * scale + offset.y(),
                       visible.width() * scale, visible.height() * scale)
        accent = QColor(theme.palette().accent)
        painter.setPen(QPen(accent, 1.5))
        fill = QColor(accent)
        fill.setAlpha(25)
        painter.setBrush(fill)
        painter.drawRect(frame.intersected(QRectF(self.rect())))
        painter.setPen(QPen(QColor(theme.palette().divider), 1))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5), 6, 6)

    def _centre_at(self, pos: QPoint) -> None:
        scale, offset = self._transform()
        self.view.centerOn(QPointF((pos.x() - offset.x()) / scale, (pos.y() - offset.y()) / scale))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._centre_at(event.position().toPoint())
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._centre_at(event.position().toPoint())
        event.accept()

"""FlowScene: draws a flow document and follows its signals; it never changes the document itself."""

from __future__ import annotations

import logging
import math
import time
from typing import Any

from PySide6.QtCore import QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QKeyEvent,
    QPainter,
    QPainterPath,
    QPen,
    QUndoCommand,
    QUndoStack,
)
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene, QGraphicsSceneMouseEvent

from whatdesk.flows import validation
from whatdesk.flows.document import Edge, Flow, Node, Note
from whatdesk.ui import theme

from . import interactions
from .items import style
from .items.edge_item import EdgeItem
from .items.node_item import BadgeItem, NodeItem
from .items.note_item import NoteItem

VALIDATE_DELAY_MS = 400  # validation waits for a pause in typing
SCENE_MARGIN = 3000.0
RENDER_BUDGET_S = 0.010  # card rendering per frame while zooming (see FlowScene.over_budget)


def _edge_key(edge: Any) -> tuple[str, str] | None:
    """(source, port) of an Edge or a (source, port, target) tuple, as a FlowDiff may hold."""
    if isinstance(edge, Edge):
        return (edge.source, edge.port)
    if isinstance(edge, (tuple, list)) and len(edge) >= 2:
        return (str(edge[0]), str(edge[1]))
    return None


log = logging.getLogger(__name__)


def disconnect_all(connections: list[tuple[Any, Any]]) -> None:
    """Remove (signal, slot) pairs from document signals; safe to call twice."""
    while connections:
        signal, slot = connections.pop()
        try:
            signal.disconnect(slot)
        except ValueError:
            pass


class FlowScene(QGraphicsScene):
    quick_menu_requested = Signal(QPointF, object)  # scene pos, (node id, port) to connect or None
    node_activated = Signal(str)  # a card was double-clicked
    validated = Signal(object)  # the validation Report, after each debounced run

    def __init__(self, flow: Flow, undo_stack: QUndoStack, read_only: bool = False,
                 parent: Any = None) -> None:
        super().__init__(parent)
        self.flow = flow
        self.undo_stack = undo_stack
        self.read_only = read_only
        self.snap_to_grid = True
        self.node_items: dict[str, NodeItem] = {}
        self.edge_items: dict[tuple[str, str], EdgeItem] = {}
        self.note_items: dict[str, NoteItem] = {}
        self.badges: dict[str, BadgeItem] = {}
        self.report: validation.Report | None = None
        self._interaction: interactions.Interaction | None = None
        self._highlight: str | None = None
        self._bounds = QRectF()
        self.overview = False
        self.zooming = False  # the view is mid-zoom: cards may draw from scaled pixmaps
        # While zooming, and while cards catch up after it, one frame renders cards for at
        # most RENDER_BUDGET_S; the others show as blocks and the view paints again.
        self.refining = False
        self.paint_started = 0.0
        self.unfinished = False
        self._overview_paths: tuple[QPainterPath, dict[str | None, QPainterPath]] | None = None
        self._validate_timer = QTimer(self)
        self._validate_timer.setSingleShot(True)
        self._validate_timer.setInterval(VALIDATE_DELAY_MS)
        self._validate_timer.timeout.connect(self._validate)
        # each node's own checks are kept between runs: after a pause in typing only the
        # edited card is checked again, plus the flow-level checks (~10 ms for 1,000 nodes),
        # so validation runs here on the UI thread, in the pause
        self._validator = validation.Validator()
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)
        self._build()
        self._connections: list[tuple[Any, Any]] = []
        for signal, slot in ((flow.node_added, self._on_node_added),
                             (flow.node_removed, self._on_node_removed),
                             (flow.node_moved, self._on_node_moved),
                             (flow.node_config_changed, self._on_node_config_changed),
                             (flow.edge_added, self._on_edge_added),
                             (flow.edge_removed, self._on_edge_removed),
                             (flow.note_added, self._on_note_added),
                             (flow.note_removed, self._on_note_removed),
                             (flow.note_changed, self._on_note_changed),
                             (flow.flow_changed, self.schedule_validation)):
            self.listen(signal, slot)

    def listen(self, signal: Any, slot: Any) -> None:
        """Connect to a document signal; ``detach()`` undoes every such connection."""
        signal.connect(slot)
        self._connections.append((signal, slot))

    def detach(self) -> None:
        """Stop following the document (the editor is closing; the flow may live on)."""
        disconnect_all(self._connections)
        self._validate_timer.stop()

    # -- building from the document --------------------------------------------------------
    def _build(self) -> None:
        for note in self.flow.notes:
            self._on_note_added(note)
        for node in self.flow.nodes:
            self._add_node_item(node)
        for edge in self.flow.edges:
            self._on_edge_added(edge)
        QTimer.singleShot(0, self.schedule_validation)  # badges come after the first paint

    def _grow(self, rect: QRectF) -> None:
        """Keep the scene rect a margin beyond every item (O(1) per change)."""
        bounds = self._bounds.united(rect) if not self._bounds.isNull() else rect
        if bounds != self._bounds:
            self._bounds = bounds
            self.setSceneRect(bounds.adjusted(-SCENE_MARGIN, -SCENE_MARGIN, SCENE_MARGIN,
                                              SCENE_MARGIN))

    def content_rect(self) -> QRectF:
        """What "fit" shows: every card and note (margin included)."""
        rect = QRectF()
        for item in (*self.node_items.values(), *self.note_items.values()):
            rect = rect.united(item.sceneBoundingRect())
        return rect

    def _add_card_or_edge(self, item: QGraphicsItem) -> None:
        """Cards and edges are top-level items: a repaint then walks only the items the
        index finds in the exposed area (under a common parent, every paint and every
        card update visited all 3,000 children of a big flow)."""
        if self.overview:
            item.setVisible(False)
        self.addItem(item)

    def _add_node_item(self, node: Node) -> NodeItem:
        item = NodeItem(node)
        self.node_items[node.id] = item
        self._add_card_or_edge(item)
        self._overview_paths = None
        self._grow(item.sceneBoundingRect())
        return item

    def over_budget(self) -> bool:
        """Whether a card still to be rendered in this frame should wait for the next one."""
        if not (self.zooming or self.refining):
            return False
        if time.perf_counter() - self.paint_started < RENDER_BUDGET_S:
            return False
        self.unfinished = True
        return True

    # -- document signals -----------------------------------------------------------------
    def _on_node_added(self, node: Node) -> None:
        self._add_node_item(node)

    def _on_node_removed(self, node: Node) -> None:
        item = self.node_items.pop(node.id, None)
        self.badges.pop(node.id, None)
        self._overview_paths = None
        if item is not None:
            self.removeItem(item)

    def _on_node_moved(self, node: Node) -> None:
        item = self.node_items.get(node.id)
        if item is not None and (item.x(), item.y()) != (node.x, node.y):
            item.setPos(node.x, node.y)
        self._overview_paths = None
        if item is not None:
            self._grow(item.sceneBoundingRect())

    def _on_node_config_changed(self, node: Node) -> None:
        item = self.node_items.get(node.id)
        if item is not None:
            item.refresh(node)
        self._overview_paths = None

    def _on_edge_added(self, edge: Edge) -> None:
        source, target = self.node_items.get(edge.source), self.node_items.get(edge.target)
        if source is None or target is None:
            return  # an edge to a missing node: validation reports it, nothing to draw
        old = self.edge_items.pop((edge.source, edge.port), None)
        if old is not None:
            old.detach()
            self.removeItem(old)
        item = EdgeItem(source, edge.port, target)
        self.edge_items[item.key] = item
        source.connected_ports.add(edge.port)
        source.update()
        self._add_card_or_edge(item)
        self._overview_paths = None

    def _on_edge_removed(self, edge: Edge) -> None:
        item = self.edge_items.pop((edge.source, edge.port), None)
        self._overview_paths = None
        if item is not None:
            item.detach()
            item.source.connected_ports.discard(edge.port)
            item.source.update()
            self.removeItem(item)

    def _on_note_added(self, note: Note) -> None:
        item = NoteItem(note)
        item.on_edited = self._note_edited
        self.note_items[note.id] = item
        self.addItem(item)
        self._grow(item.sceneBoundingRect())

    def _on_note_removed(self, note: Note) -> None:
        item = self.note_items.pop(note.id, None)
        if item is not None:
            self.removeItem(item)

    def _on_note_changed(self, note: Note) -> None:
        item = self.note_items.get(note.id)
        if item is not None:
            item.refresh(note)

    def _note_edited(self, note_id: str, text: str) -> None:
        from . import commands
        from .interactions import translate

        if self.read_only or self.flow.note(note_id) is None:
            self.note_items[note_id].update()
            return
        self.push(commands.UpdateNote(self.flow, note_id, {"text": text},
                                      translate("FlowEditor", "Edit note")))

    # -- validation badges ----------------------------------------------------------------
    def schedule_validation(self) -> None:
        self._validate_timer.start()  # restarts: typing keeps postponing it

    def _validate(self) -> None:
        try:
            report = self._validator.validate(self.flow)
        except Exception:  # a bug in a node type's check must not take the editor down
            log.exception("flow validation failed")
            return
        self._apply_report(report)

    def validate_now(self) -> None:
        """Validate now and redraw the badges (tests, explicit checks, the editor opening)."""
        self._validate_timer.stop()
        self._validate()

    def _apply_report(self, report: validation.Report) -> None:
        self.report = report
        loc = style.locale()
        found: dict[str, tuple[str, list[str]]] = {}
        for finding in report.errors:
            if finding.node in self.node_items:
                found.setdefault(finding.node, ("error", []))[1].append(finding.message(loc))
        for finding in report.warnings:
            if finding.node in self.node_items:
                entry = found.setdefault(finding.node, ("warning", []))
                entry[1].append(finding.message(loc))
        for node_id in list(self.badges):
            if node_id not in found:
                badge = self.badges.pop(node_id)
                if badge.scene() is not None:
                    self.removeItem(badge)
        for node_id, (severity, messages) in found.items():
            badge = self.badges.get(node_id)
            if badge is None:
                badge = self.badges[node_id] = BadgeItem(self.node_items[node_id])
            if badge.findings != (severity, messages):
                badge.set_findings(severity, messages)
        self.validated.emit(report)

    # -- decorations the editor sets --------------------------------------------------------
    def set_highlight(self, node_id: str | None) -> None:
        old = self.node_items.get(self._highlight or "")
        if old is not None:
            old.highlighted = False
            old.update()
        self._highlight = node_id
        item = self.node_items.get(node_id or "")
        if item is not None:
            item.highlighted = True
            item.update()

    def set_analytics(self, data: Any) -> None:
        if data is not None and not any((getattr(data, "entered", None) or {}).values()):
            data = None  # nothing went through in the period: no wall of zeros (the bar says so)
        entered = getattr(data, "entered", None) or {}
        exits = getattr(data, "exits", None) or {}
        stopped = getattr(data, "stopped", None) or {}
        for node_id, item in self.node_items.items():
            item.entered = int(entered.get(node_id, 0)) if data is not None else None
            item.stopped = int(stopped.get(node_id, 0)) if data is not None else None
            item.update()
        for key, edge in self.edge_items.items():
            edge.count = int(exits.get(key, 0)) if data is not None else None
            edge.update()

    def set_diff(self, diff: Any) -> None:
        added = set(getattr(diff, "added", ()) or ())
        removed = set(getattr(diff, "removed", ()) or ())
        changed = set(getattr(diff, "changed", ()) or ())
        for node_id, item in self.node_items.items():
            item.diff_state = ("added" if node_id in added else "removed" if node_id in removed
                               else "changed" if node_id in changed else None)
            item.update()
        edges_added = {_edge_key(e) for e in getattr(diff, "edges_added", ()) or ()}
        edges_removed = {_edge_key(e) for e in getattr(diff, "edges_removed", ()) or ()}
        for key, edge in self.edge_items.items():
            edge.diff_state = ("added" if key in edges_added else "removed"
                               if key in edges_removed else None)
            edge.update()

    def set_search_hits(self, ids: set[str]) -> None:
        for item_id, item in (*self.node_items.items(), *self.note_items.items()):
            hit = item_id in ids
            if item.search_hit != hit:
                item.search_hit = hit
                item.update()

    # -- helpers --------------------------------------------------------------------------
    def push(self, command: QUndoCommand) -> None:
        if not self.read_only:
            self.undo_stack.push(command)

    def item_id(self, item: QGraphicsItem) -> str:
        if isinstance(item, NodeItem):
            return item.node_id
        if isinstance(item, NoteItem):
            return item.note_id
        raise TypeError(item)

    def node_item_at(self, pos: QPointF) -> NodeItem | None:
        for item in self.items(pos):
            if isinstance(item, NodeItem):
                return item
            if isinstance(item, BadgeItem):
                return item.parentItem()  # type: ignore[return-value]
        return None

    def selected_ids(self) -> tuple[list[str], list[str], list[tuple[str, str, str]]]:
        """(node ids, note ids, edges) selected, in document order for stable copies."""
        nodes, notes, edges = [], [], []
        for item in self.selectedItems():
            if isinstance(item, NodeItem):
                nodes.append(item.node_id)
            elif isinstance(item, NoteItem):
                notes.append(item.note_id)
            elif isinstance(item, EdgeItem):
                edges.append((item.source.node_id, item.port, item.target.node_id))
        order = {n.id: i for i, n in enumerate(self.flow.nodes)}
        nodes.sort(key=lambda i: order.get(i, 0))
        return nodes, notes, edges

    def select_all(self) -> None:
        path = QPainterPath()
        path.addRect(self.sceneRect())
        self.setSelectionArea(path)

    def select_only(self, ids: list[str]) -> None:
        self.clearSelection()
        for item_id in ids:
            item = self.node_items.get(item_id) or self.note_items.get(item_id)
            if item is not None:
                item.setSelected(True)

    # -- mouse: pick an interaction, then feed it ------------------------------------------
    def interaction_ended(self, interaction: interactions.Interaction) -> None:
        if self._interaction is interaction:
            self._interaction = None

    def cancel_interaction(self) -> None:
        if self._interaction is not None:
            self._interaction.cancel()

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self._interaction is not None:
            event.accept()
            return
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        pos = event.scenePos()
        top = self._top_item(pos)
        focus = self.focusItem()
        if focus is not None and not (isinstance(top, NoteItem) and top.editing):
            focus.clearFocus()  # a click elsewhere ends a note's text editing
        if not self.read_only:
            if isinstance(top, NodeItem):
                port = top.port_at(pos)
                if port is not None:
                    self._interaction = interactions.NewEdge(self, top, port)
                    event.accept()
                    return
            if isinstance(top, NoteItem) and top.in_resize_handle(pos):
                self._interaction = interactions.ResizeNote(self, top, pos)
                event.accept()
                return
        if isinstance(top, NoteItem) and top.editing:
            super().mousePressEvent(event)
            return
        if top is None:
            add = bool(event.modifiers() & (Qt.KeyboardModifier.ControlModifier
                                            | Qt.KeyboardModifier.ShiftModifier))
            if not add:
                self.clearSelection()
            self._interaction = interactions.RubberBand(self, pos, add)
            event.accept()
            return
        plain = not event.modifiers() & (Qt.KeyboardModifier.ControlModifier
                                         | Qt.KeyboardModifier.ShiftModifier)
        keep = plain and top.isSelected() and len(self.selectedItems()) > 1
        if not plain:
            top.setSelected(not top.isSelected())  # Ctrl/Shift+click toggles
        elif not keep:
            self.clearSelection()
            top.setSelected(True)
        # (keep: a press on a selected card drags the whole selection)
        event.accept()
        if not self.read_only and isinstance(top, (NodeItem, NoteItem)):
            self._interaction = interactions.MoveSelection(self, pos,
                                                           top if keep else None)

    def _top_item(self, pos: QPointF) -> QGraphicsItem | None:
        for item in self.items(pos):
            if isinstance(item, BadgeItem):
                return item.parentItem()
            if isinstance(item, NoteItem) and not item.in_title(pos) and not item.editing \
                    and not item.in_resize_handle(pos):
                continue  # a group frame's inside belongs to the canvas
            if isinstance(item, (NodeItem, NoteItem, EdgeItem)):
                return item
        return None

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self._interaction is not None:
            self._interaction.mouse_move(event)
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self._interaction is not None:
            self._interaction.mouse_release(event)
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        pos = event.scenePos()
        top = self._top_item(pos)
        if isinstance(top, NoteItem) and not self.read_only:
            top.start_editing()
            event.accept()
        elif isinstance(top, NodeItem):
            self.node_activated.emit(top.node_id)
            event.accept()
        elif top is None and not self.read_only:
            self.quick_menu_requested.emit(pos, None)
            event.accept()
        else:
            super().mouseDoubleClickEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self._interaction is not None:
            self._interaction.cancel()
            event.accept()
            return
        super().keyPressEvent(event)

    # -- overview: a big flow far zoomed out ------------------------------------------------
    def set_overview(self, on: bool) -> None:
        """Below ~40 % on a big flow, cards are unreadable and painting 1,000 cards and 2,000
        curves one by one takes far longer than a frame: hide them all and draw
        coloured blocks and one path of edges instead."""
        if on == self.overview:
            return
        self.overview = on
        for item in (*self.node_items.values(), *self.edge_items.values()):
            item.setVisible(not on)
        self.update()

    def _overview(self) -> tuple[QPainterPath, dict[str | None, QPainterPath]]:
        if self._overview_paths is None:
            edges = QPainterPath()
            for edge in self.edge_items.values():
                edges.addPath(edge.path())
            blocks: dict[str | None, QPainterPath] = {}
            for item in self.node_items.values():
                path = blocks.setdefault(item.category, QPainterPath())
                path.addRect(QRectF(item.pos(), item.card_rect().size()))
            self._overview_paths = (edges, blocks)
        return self._overview_paths

    def drawForeground(self, painter: QPainter, rect: QRectF) -> None:
        if not self.overview:
            return
        edges, blocks = self._overview()
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.setPen(QPen(QColor(style.EDGE_COLOR), 0))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(edges)
        painter.setPen(Qt.PenStyle.NoPen)
        for category, path in blocks.items():
            painter.setBrush(style.category_color(category))
            painter.drawPath(path)
        marked = [(i, QColor(theme.palette().accent)) for i in self.selectedItems()
                  if isinstance(i, NodeItem)]
        if self._highlight in self.node_items:
            marked.append((self.node_items[self._highlight], QColor(theme.palette().accent)))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for item, color in marked:
            painter.setPen(QPen(color, 0))
            painter.drawRect(QRectF(item.pos(), item.card_rect().size()).adjusted(-8, -8, 8, 8))
        painter.restore()

    # -- background -----------------------------------------------------------------------
    def drawBackground(self, painter: QPainter, rect: QRectF) -> None:
        painter.fillRect(rect, QColor(theme.palette().canvas))
        scale = painter.worldTransform().m11()
        if scale < 0.5:
            return
        # one dashed line per grid row, each dash a dot: a few dozen calls into Qt instead
        # of building thousands of points in Python on every zoom step
        pen = QPen(QColor("#CBD2DC" if not theme.is_dark() else "#2A303A"), 1)
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        step = style.GRID
        pen.setDashPattern([1.0, step - 1.0])
        painter.setPen(pen)
        left = math.floor(rect.left() / step) * step - 0.5
        right = rect.right() + step
        y = math.floor(rect.top() / step) * step
        while y < rect.bottom() + 1:
            painter.drawLine(QPointF(left, y), QPointF(right, y))
            y += step

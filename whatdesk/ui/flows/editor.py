"""FlowEditor: the node-graph editor widget — canvas, palette, toolbar, search and side panels."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QGuiApplication,
    QKeySequence,
    QPixmapCache,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSplitter,
    QTabWidget,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from whatdesk.flows import document, registry
from whatdesk.flows.document import Flow, FlowFormatError, Node, Note
from whatdesk.ui import theme

from . import clipboard, commands
from .items import style
from .items.note_item import GROUP_KIND
from .palette import NodePalette
from .quick_menu import QuickMenu
from .scene import FlowScene, disconnect_all
from .view import FlowView

translate = QCoreApplication.translate
GROUP_MARGIN = 40.0
STATUS_MS = 4000
PIXMAP_CACHE_KB = 64 * 1024  # cards are cached as pixmaps; Qt's default 10 MB holds ~50


def _layout_function() -> Callable[[Flow], dict[str, tuple[float, float]]] | None:
    """flows/layout.layered_layout when that module is installed (the action hides otherwise)."""
    try:
        module = importlib.import_module("whatdesk.flows.layout")
    except ImportError:
        return None
    return getattr(module, "layered_layout", None)


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return [f"{value:g}"]
    return []


class SearchBar(QFrame):
    """Ctrl+F: find cards by title or any text in their config (and notes); Enter = next."""

    def __init__(self, editor: FlowEditor) -> None:
        super().__init__(editor)
        self.editor = editor
        self.setObjectName("flowSearchBar")
        self.field = QLineEdit(self)
        self.field.setPlaceholderText(translate("FlowEditor", "Find in this flow"))
        self.field.setClearButtonEnabled(True)
        self.count = QLabel(self)
        self.count.setMinimumWidth(70)
        self.prev_button = self._button("up", translate("FlowEditor", "Previous match (Shift+Enter)"))
        self.next_button = self._button("down", translate("FlowEditor", "Next match (Enter)"))
        self.close_button = self._button("close", translate("FlowEditor", "Close search (Esc)"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.setSpacing(4)
        layout.addWidget(self.field, 1)
        layout.addWidget(self.count)
        for button in (self.prev_button, self.next_button, self.close_button):
            layout.addWidget(button)
        self.matches: list[str] = []
        self.index = -1
        self.field.textChanged.connect(self._search)
        self.field.returnPressed.connect(self.next)
        self.prev_button.clicked.connect(self.previous)
        self.next_button.clicked.connect(self.next)
        self.close_button.clicked.connect(self.close_search)
        self.hide()

    def _button(self, icon: str, tip: str) -> QToolButton:
        button = QToolButton(self)
        button.setIcon(style.editor_icon(icon))
        button.setToolTip(tip)
        button.setAutoRaise(True)
        return button

    def open(self) -> None:
        self.show()
        self.field.setFocus()
        self.field.selectAll()
        self._search(self.field.text())

    def close_search(self) -> None:
        self.hide()
        self.editor.scene.set_search_hits(set())
        self.editor.view.setFocus()

    def keyPressEvent(self, event: Any) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close_search()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and \
                event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self.previous()
            return
        super().keyPressEvent(event)

    def _search(self, text: str) -> None:
        self.matches = find(self.editor.flow, text)
        self.index = -1
        self.editor.scene.set_search_hits(set(self.matches))
        self._show_count()
        if self.matches:
            self.next()

    def _show_count(self) -> None:
        if not self.field.text().strip():
            self.count.setText("")
        elif not self.matches:
            self.count.setText(translate("FlowEditor", "No matches"))
        else:
            self.count.setText(translate("FlowEditor", "{index} of {total}").format(
                index=self.index + 1, total=len(self.matches)))

    def next(self) -> None:
        self._go(1)

    def previous(self) -> None:
        self._go(-1)

    def _go(self, step: int) -> None:
        if not self.matches:
            return
        self.index = (self.index + step) % len(self.matches)
        self.editor.select_node(self.matches[self.index])
        self._show_count()
        self.field.setFocus()


def find(flow: Flow, text: str) -> list[str]:
    """Ids of nodes (then notes) whose title, id or any config text holds every typed word."""
    words = style.fold(text).split()
    if not words:
        return []
    hits = []
    for node in flow.nodes:
        node_type = registry.get(node.type)
        titles = [node_type.title("pt"), node_type.title("en")] if node_type else [node.type]
        haystack = style.fold(" ".join([*titles, node.id, *_strings(node.config)]))
        if all(w in haystack for w in words):
            hits.append(node.id)
    for note in flow.notes:
        if all(w in style.fold(note.text) for w in words):
            hits.append(note.id)
    return hits


class FlowEditor(QWidget):
    selection_changed = Signal(list)  # selected node ids
    modified = Signal()

    def __init__(self, flow: Flow, *, read_only: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("flowEditor")
        if QPixmapCache.cacheLimit() < PIXMAP_CACHE_KB:
            QPixmapCache.setCacheLimit(PIXMAP_CACHE_KB)
        self.flow = flow
        self.read_only = read_only
        self.undo_stack = QUndoStack(self)
        self.scene = FlowScene(flow, self.undo_stack, read_only, self)
        self.view = FlowView(self.scene, self)
        self.palette = NodePalette(self)
        self.quick_menu = QuickMenu(self)
        self.search_bar = SearchBar(self)
        self.panels = QTabWidget(self)
        self.panels.setObjectName("flowPanels")
        self.panels.setDocumentMode(True)
        self.panels.hide()
        self._layout = _layout_function()
        self._pending_connect: tuple[QPointF, tuple[str, str] | None] | None = None
        self.status = QLabel(self)
        self.status.setObjectName("flowEditorStatus")
        self._status_timer = QTimer(self)
        self._status_timer.setSingleShot(True)
        self._status_timer.timeout.connect(self.status.clear)
        self.toolbar = QToolBar(self)
        self.toolbar.setObjectName("flowToolbar")
        self._build_actions()
        self._build_layout()
        self.scene.listen(flow.flow_changed, self.modified.emit)
        connections = self.scene._connections  # disconnect even if Python drops us first
        self.destroyed.connect(lambda *_a: disconnect_all(connections))
        self.scene.selectionChanged.connect(self._selection_changed)
        self.scene.quick_menu_requested.connect(self.show_quick_menu)
        self.view.quick_menu_requested.connect(self.show_quick_menu)
        self.view.node_dropped.connect(self.add_node)
        self.palette.activated.connect(lambda t: self.add_node(t, self.view.centre_scene_pos()))
        self.quick_menu.picked.connect(self._quick_menu_picked)
        self.view.zoom_changed.connect(self._show_zoom)
        self.palette.setVisible(not read_only)
        QTimer.singleShot(0, self.view.fit)

    # -- building -------------------------------------------------------------------------
    def _action(self, name: str, text: str, slot: Callable[[], Any], shortcut: Any = None,
                icon: str | None = None, on_canvas: bool = False, edits: bool = False) -> QAction:
        """An action; ``on_canvas`` ones (Delete, Ctrl+C...) only fire while the canvas has
        focus, so the same keys keep working in text fields of the side panels."""
        action = QAction(text, self)
        action.setObjectName(name)
        if icon:
            action.setIcon(style.editor_icon(icon))
        if shortcut is not None:
            shortcuts = shortcut if isinstance(shortcut, list) else [shortcut]
            action.setShortcuts([QKeySequence(s) for s in shortcuts])
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut if on_canvas
                                      else Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(lambda _checked=False: slot())
        (self.view if on_canvas else self).addAction(action)
        if edits and self.read_only:
            action.setEnabled(False)
            action.setVisible(False)
        return action

    def _build_actions(self) -> None:
        self.undo_action = self.undo_stack.createUndoAction(self, translate("FlowEditor", "Undo"))
        self.undo_action.setIcon(style.editor_icon("undo"))
        self.undo_action.setShortcuts(QKeySequence.StandardKey.Undo)
        self.redo_action = self.undo_stack.createRedoAction(self, translate("FlowEditor", "Redo"))
        self.redo_action.setIcon(style.editor_icon("redo"))
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        for action in (self.undo_action, self.redo_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)
            action.setVisible(not self.read_only)
        self.zoom_in_action = self._action("zoomIn", translate("FlowEditor", "Zoom in"), self.view.zoom_in,
                                           QKeySequence.StandardKey.ZoomIn, "zoom-in")
        self.zoom_out_action = self._action("zoomOut", translate("FlowEditor", "Zoom out"), self.view.zoom_out,
                                            QKeySequence.StandardKey.ZoomOut, "zoom-out")
        self.fit_action = self._action("fit", translate("FlowEditor", "Fit the flow in view (Ctrl+0)"), self.view.fit,
                                       "Ctrl+0", "fit")
        self.zoom_reset_action = self._action("zoom100", translate("FlowEditor", "Zoom to 100% (Ctrl+1)"),
                                              self.view.zoom_reset, "Ctrl+1")
        self.search_action = self._action("find", translate("FlowEditor", "Find (Ctrl+F)"), self.search_bar.open,
                                          QKeySequence.StandardKey.Find, "search")
        self.layout_action = self._action("autoLayout", translate("FlowEditor", "Arrange automatically"),
                                          self.auto_layout, None, "layout", edits=True)
        self.layout_action.setVisible(self._layout is not None and not self.read_only)
        self.note_action = self._action("addNote", translate("FlowEditor", "Add a sticky note"), self.add_note,
                                        None, "note", edits=True)
        self.group_action = self._action("addGroup", translate("FlowEditor", "Frame the selection in a group"),
                                         self.add_group, None, "group", edits=True)
        self.snap_action = self._action("snap", translate("FlowEditor", "Snap to grid"), lambda: None, None, "grid",
                                        edits=True)
        self.snap_action.setCheckable(True)
        self.snap_action.setChecked(self.scene.snap_to_grid)
        self.snap_action.toggled.connect(lambda on: setattr(self.scene, "snap_to_grid", on))
        self.minimap_action = self._action("minimap", translate("FlowEditor", "Show the minimap"), lambda: None,
                                           None, "minimap")
        self.minimap_action.setCheckable(True)
        self.minimap_action.setChecked(True)
        self.minimap_action.toggled.connect(self.view.set_minimap_wanted)
        # canvas-only editing keys
        self.delete_action = self._action("delete", translate("FlowEditor", "Delete"), self.delete_selection,
                                          [QKeySequence.StandardKey.Delete, "Backspace"],
                                          on_canvas=True, edits=True)
        self.duplicate_action = self._action("duplicate", translate("FlowEditor", "Duplicate"), self.duplicate,
                                             "Ctrl+D", on_canvas=True, edits=True)
        self.copy_action = self._action("copy", translate("FlowEditor", "Copy"), self.copy,
                                        QKeySequence.StandardKey.Copy, on_canvas=True)
        self.cut_action = self._action("cut", translate("FlowEditor", "Cut"), self.cut, QKeySequence.StandardKey.Cut,
                                       on_canvas=True, edits=True)
        self.paste_action = self._action("paste", translate("FlowEditor", "Paste"), self.paste,
                                         QKeySequence.StandardKey.Paste, on_canvas=True,
                                         edits=True)
        self.select_all_action = self._action("selectAll", translate("FlowEditor", "Select all"),
                                              self.scene.select_all,
                                              QKeySequence.StandardKey.SelectAll, on_canvas=True)
        self.escape_action = self._action("cancel", translate("FlowEditor", "Cancel"), self.scene.cancel_interaction,
                                          "Esc", on_canvas=True)

    def _build_layout(self) -> None:
        bar = self.toolbar
        bar.setIconSize(bar.iconSize().scaled(20, 20, Qt.AspectRatioMode.KeepAspectRatio))
        bar.setMovable(False)
        for action in (self.undo_action, self.redo_action):
            bar.addAction(action)
        bar.addSeparator()
        bar.addAction(self.zoom_out_action)
        self.zoom_label = QToolButton(self)
        self.zoom_label.setObjectName("flowZoomLabel")
        self.zoom_label.setAutoRaise(True)
        self.zoom_label.setToolTip(self.zoom_reset_action.text())
        self.zoom_label.clicked.connect(self.view.zoom_reset)
        self.zoom_label.setMinimumWidth(52)
        bar.addWidget(self.zoom_label)
        bar.addAction(self.zoom_in_action)
        bar.addAction(self.fit_action)
        bar.addAction(self.minimap_action)
        bar.addSeparator()
        for action in (self.layout_action, self.snap_action, self.note_action,
                       self.group_action):
            bar.addAction(action)
        bar.addSeparator()
        bar.addAction(self.search_action)
        spacer = QWidget(self)
        spacer.setSizePolicy(spacer.sizePolicy().horizontalPolicy().Expanding,
                             spacer.sizePolicy().verticalPolicy())
        bar.addWidget(spacer)
        bar.addWidget(self.status)
        if self.read_only:
            badge = QLabel(translate("FlowEditor", "Read only"), self)
            badge.setObjectName("flowReadOnly")
            bar.addWidget(badge)
        self._show_zoom(self.view.zoom())

        centre = QWidget(self)
        centre_layout = QVBoxLayout(centre)
        centre_layout.setContentsMargins(0, 0, 0, 0)
        centre_layout.setSpacing(0)
        centre_layout.addWidget(self.search_bar)
        centre_layout.addWidget(self.view, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.palette)
        self.splitter.addWidget(centre)
        self.splitter.addWidget(self.panels)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setCollapsible(1, False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(bar)
        layout.addWidget(self.splitter, 1)
        pal = theme.palette()
        self.setStyleSheet(
            f"#flowToolbar {{ background: {pal.panel}; border: none;"
            f" border-bottom: 1px solid {pal.divider}; padding: 2px 6px; spacing: 2px; }}"
            f"#flowToolbar QToolButton {{ color: {pal.text}; }}"
            f"#flowToolbar::separator {{ background: {pal.divider}; width: 1px; margin: 6px 4px; }}"
            f"#flowPalette, #flowSearchBar {{ background: {pal.panel}; }}"
            f"#flowSearchBar {{ border-bottom: 1px solid {pal.divider}; }}"
            f"#flowPalette QTreeWidget {{ background: {pal.panel}; }}"
            f"#flowPalette QTreeWidget::item {{ padding: 3px 2px; }}"
            f"#flowEditorStatus {{ color: {pal.text_secondary}; padding-right: 8px; }}"
            f"#flowReadOnly {{ color: {pal.text_secondary}; border: 1px solid {pal.divider};"
            f" border-radius: 9px; padding: 1px 8px; }}"
            f"#flowQuickMenu {{ background: {pal.panel}; border: 1px solid {pal.divider};"
            f" border-radius: 8px; }}")

    # -- public API -----------------------------------------------------------------------
    def select_node(self, node_id: str) -> None:
        """Select one card (or note) and bring it to the centre of the view."""
        item = self.scene.node_items.get(node_id) or self.scene.note_items.get(node_id)
        if item is None:
            return
        self.scene.select_only([node_id])
        self.view.centerOn(item.sceneBoundingRect().center())

    def add_panel(self, title: str, widget: QWidget, object_name: str) -> None:
        widget.setObjectName(object_name)
        self.panels.addTab(widget, title)
        self.panels.show()
        if self.splitter.sizes()[2] == 0:
            sizes = self.splitter.sizes()
            self.splitter.setSizes([sizes[0], max(sizes[1] - 320, 200), 320])

    def set_highlight(self, node_id: str | None) -> None:
        self.scene.set_highlight(node_id)
        item = self.scene.node_items.get(node_id or "")
        if item is not None:
            self.view.ensureVisible(item.sceneBoundingRect(), 40, 40)

    def set_analytics(self, data: Any) -> None:
        self.scene.set_analytics(data)

    def set_diff(self, diff: Any) -> None:
        self.scene.set_diff(diff)

    def auto_layout(self) -> None:
        if self._layout is None or self.read_only:
            return
        positions = {node_id: self._snap(QPointF(x, y))
                     for node_id, (x, y) in self._layout(self.flow).items()}
        changed = {node_id: (float(x), float(y)) for node_id, (x, y) in positions.items()
                   if (node := self.flow.node(node_id)) is not None and (node.x, node.y) != (x, y)}
        if not changed:
            return
        try:  # comments and frames go along with their cards
            from whatdesk.flows.layout import notes_after_layout
        except ImportError:
            notes = {}
        else:
            notes = notes_after_layout(self.flow, positions)
        text = translate("FlowEditor", "Arrange automatically")
        self.undo_stack.beginMacro(text)  # one undo step
        self.undo_stack.push(commands.MoveNodes(self.flow, changed, text))
        for note_id, (x, y, w, h) in notes.items():
            self.undo_stack.push(commands.UpdateNote(self.flow, note_id,
                                                     {"x": x, "y": y, "w": w, "h": h}, text))
        self.undo_stack.endMacro()
        self.view.fit()

    def selected_node_ids(self) -> list[str]:
        return self.scene.selected_ids()[0]

    # -- adding ---------------------------------------------------------------------------
    def _snap(self, pos: QPointF) -> tuple[float, float]:
        if not self.scene.snap_to_grid:
            return (pos.x(), pos.y())
        return (round(pos.x() / style.GRID) * style.GRID, round(pos.y() / style.GRID) * style.GRID)

    def add_node(self, type_name: str, pos: QPointF,
                 connect_from: tuple[str, str] | None = None) -> str | None:
        """Add a node of a registered type with its input at ``pos`` (one undo step, with
        the edge from ``connect_from`` when the user dropped a dragged edge)."""
        node_type = registry.get(type_name)
        if node_type is None or self.read_only:
            return None
        if node_type.unique and self.flow.find_by_type(type_name):
            self.show_status(translate("FlowEditor", "This flow already has that node."))
            return None
        x, y = self._snap(QPointF(pos.x(), pos.y() - style.HEADER_HEIGHT / 2))
        node = Node(document.new_id(), type_name, x, y, registry.new_node_config(type_name))
        edges = []
        if connect_from is not None and self.flow.node(connect_from[0]) is not None:
            edges.append((connect_from[0], connect_from[1], node.id))
        self.undo_stack.push(commands.AddItems(
            self.flow, translate("FlowEditor", "Add {node}").format(node=node_type.title(style.locale())),
            nodes=[node], edges=edges))
        self.scene.select_only([node.id])
        return node.id

    def show_quick_menu(self, scene_pos: QPointF, connect_from: Any = None) -> None:
        if self.read_only:
            return
        self._pending_connect = (scene_pos, connect_from)
        global_pos = self.view.viewport().mapToGlobal(self.view.mapFromScene(scene_pos))
        self.quick_menu.popup(global_pos)

    def _quick_menu_picked(self, type_name: str) -> None:
        if self._pending_connect is None:
            return
        pos, connect_from = self._pending_connect
        self._pending_connect = None
        self.add_node(type_name, pos, connect_from)
        self.view.setFocus()

    def add_note(self) -> None:
        if self.read_only:
            return
        x, y = self._snap(self.view.centre_scene_pos() - QPointF(110, 45))
        note = Note(document.new_id(), x, y, 220, 90, "")
        self.undo_stack.push(commands.AddItems(self.flow, translate("FlowEditor", "Add note"),
                                               notes=[note]))
        self.scene.select_only([note.id])
        self.scene.note_items[note.id].start_editing()

    def add_group(self) -> None:
        """A titled frame around the selected cards (a note with "kind": "group")."""
        if self.read_only:
            return
        rect = QRectF()
        for item in self.scene.selectedItems():
            rect = rect.united(item.sceneBoundingRect())
        if rect.isNull():
            centre = self.view.centre_scene_pos()
            rect = QRectF(centre.x() - 200, centre.y() - 150, 400, 300)
        else:
            rect = rect.adjusted(-GROUP_MARGIN + 26, -GROUP_MARGIN - 10, GROUP_MARGIN - 26,
                                 GROUP_MARGIN - 26)
        note = Note(document.new_id(), rect.x(), rect.y(), rect.width(), rect.height(),
                    translate("FlowEditor", "Group"), {"kind": GROUP_KIND})
        self.undo_stack.push(commands.AddItems(self.flow, translate("FlowEditor", "Add group"),
                                               notes=[note]))

    # -- selection edits ------------------------------------------------------------------
    def delete_selection(self) -> None:
        nodes, notes, edges = self.scene.selected_ids()
        if self.read_only or not (nodes or notes or edges):
            return
        self.undo_stack.push(commands.RemoveItems(
            self.flow, translate("FlowEditor", "Delete"), node_ids=nodes, note_ids=notes,
            edges=edges))

    def copy(self) -> bool:
        nodes, notes, _edges = self.scene.selected_ids()
        if not nodes and not notes:
            return False
        QGuiApplication.clipboard().setText(clipboard.to_text(self.flow, nodes, notes))
        return True

    def cut(self) -> None:
        if self.copy():
            self.delete_selection()

    def paste(self, text: str | None = None) -> None:
        if self.read_only:
            return
        if text is None:
            text = QGuiApplication.clipboard().text()
        try:
            fragment = clipboard.parse(text)
        except FlowFormatError as err:
            self.show_status(err.message(style.locale()))
            return
        at = None
        if self.view.underMouse():
            cursor = self.view.cursor_scene_pos()
            at = self._snap(cursor)
        self._add_fragment(fragment, at, translate("FlowEditor", "Paste"))

    def duplicate(self) -> None:
        nodes, notes, _edges = self.scene.selected_ids()
        if self.read_only or not (nodes or notes):
            return
        fragment = clipboard.parse(clipboard.to_text(self.flow, nodes, notes))
        self._add_fragment(fragment, None, translate("FlowEditor", "Duplicate"))

    def _add_fragment(self, fragment: Flow, at: tuple[float, float] | None, text: str) -> None:
        nodes, edges, notes = clipboard.prepare(fragment, self.flow, at)
        if not nodes and not notes:
            self.show_status(translate("FlowEditor", "Nothing to paste."))
            return
        self.undo_stack.push(commands.AddItems(self.flow, text, nodes=nodes, edges=edges,
                                               notes=notes))
        self.scene.select_only([n.id for n in nodes] + [n.id for n in notes])

    # -- small things ---------------------------------------------------------------------
    def show_status(self, text: str) -> None:
        self.status.setText(text)
        self._status_timer.start(STATUS_MS)

    def _show_zoom(self, zoom: float) -> None:
        self.zoom_label.setText(f"{round(zoom * 100)} %")

    def _selection_changed(self) -> None:
        try:
            self.selection_changed.emit(self.selected_node_ids())
        except RuntimeError:
            pass  # the editor is being destroyed

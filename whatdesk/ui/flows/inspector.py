"""The inspector: the selected node's settings, as a form generated from its registry fields;
every edit is one SetNodeConfig on the editor's undo stack."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QFont, QKeyEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from whatdesk.flows import registry, templates, validation
from whatdesk.flows.document import Flow, Node
from whatdesk.flows.registry import NodeType

from . import commands
from .fields import FieldContext, editor_for, ui_locale
from .fields.base import panel_background, secondary_label
from .fields.form import FieldRow, apply_visibility
from .flow_form import APP_FLOW_FIELDS, flow_fields, flow_values


def known_variables(flow: Flow) -> list[str]:
    """Names `{{` completion offers: declared, written by a node, used in a template, and the
    built-ins the interpreter fills in."""
    names = set(flow.variables) | set(templates.BUILTINS) | set(templates.RUNTIME_VARIABLES)
    for node in flow.nodes:
        reads, writes = validation.node_variables(node)
        names.update(n for n in (*reads, *writes) if templates.VARIABLE_NAME.match(n))
    return sorted(names, key=lambda n: (n in templates.BUILTINS, n.lower()))


class Inspector(QWidget):
    """``set_target(flow, node_id | None, undo_stack)``: show that node's form. With
    ``undo_stack=None`` the form is read-only. The form follows the document (undo, redo,
    other views) in place, without taking focus or moving the cursor. With no node selected
    it shows the flow's own properties named in ``flow_fields`` (see flow_form)."""

    def __init__(self, parent: QWidget | None = None, *, media_root: Path | None = None,
                 flow_fields: tuple[str, ...] = APP_FLOW_FIELDS) -> None:
        super().__init__(parent)
        self.setObjectName("flowInspector")
        self.media_root = media_root
        self.flow_fields = flow_fields
        self.flow: Flow | None = None
        self.node_id: str | None = None
        self.undo_stack: QUndoStack | None = None
        self.rows: dict[str, FieldRow] = {}
        self._flow_names: Callable[[], list[str]] = list
        self._variables: list[str] | None = None
        self._undo_keys = _UndoKeys(self)
        self._variables_timer = QTimer(self)
        self._variables_timer.setSingleShot(True)
        self._variables_timer.setInterval(250)
        self._variables_timer.timeout.connect(self._reread_variables)

        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll)
        self.setMinimumWidth(300)
        self._show_empty()
        self.destroyed.connect(lambda _obj=None: self._disconnect())

    # -- public API
    def set_target(self, flow: Flow | None, node_id: str | None,
                   undo_stack: QUndoStack | None) -> None:
        if flow is self.flow and node_id == self.node_id and undo_stack is self.undo_stack \
                and node_id is not None:
            return  # the same selection again: keep the form, its focus and cursor
        if flow is not self.flow:
            self._disconnect()
            self.flow = flow
            self._variables = None  # read at the first `{{`, or once the timer fires
            self._variables_timer.start()
            if flow is not None:
                flow.node_config_changed.connect(self._on_config_changed)
                flow.node_removed.connect(self._on_node_removed)
                flow.flow_changed.connect(self._on_flow_changed)
        self.undo_stack = undo_stack
        node = flow.node(node_id) if flow is not None and node_id is not None else None
        self.node_id = node.id if node is not None else None
        if node is None and flow is not None and self.flow_fields:
            self._build_flow(flow)
        elif node is None:
            self._show_empty()
        else:
            self._build(node)

    def set_flow_names(self, names: Callable[[], list[str]]) -> None:
        """Where go_to_flow's completion gets the other flows' names."""
        self._flow_names = names

    @property
    def read_only(self) -> bool:
        return self.undo_stack is None

    def editor(self, field_name: str) -> Any:
        """The widget editing one field (for tests and the editor's "focus this field")."""
        row = self.rows.get(field_name)
        return row.editor if row is not None else None

    # -- building
    def _context(self) -> FieldContext:
        return FieldContext(locale=ui_locale(), variables=self._known_variables,
                            flow_names=lambda: self._flow_names(), media_root=self.media_root,
                            guard=lambda widget: widget.installEventFilter(self._undo_keys))

    def _known_variables(self) -> list[str]:
        if self._variables is None:
            self._variables = known_variables(self.flow) if self.flow is not None else []
        return self._variables

    def _replace_page(self, page: QWidget) -> None:
        old = self.scroll.takeWidget()
        if old is not None:
            old.deleteLater()
        self.scroll.setWidget(page)

    def _show_empty(self) -> None:
        self.rows = {}
        page = _panel_page()
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        label = secondary_label(self.tr("Select a node on the canvas to edit its settings."),
                                small=False)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(label)
        layout.addStretch(2)
        self._replace_page(page)

    def _build_flow(self, flow: Flow) -> None:
        """The flow's own properties, with a hint that a selected node shows its settings."""
        ctx = self._context()
        page = _panel_page()
        page.setObjectName("inspectorFlowPage")
        layout = QVBoxLayout(page)
        layout.setContentsMargins(16, 14, 16, 16)
        layout.setSpacing(14)
        header = QVBoxLayout()
        header.setSpacing(2)
        title = QLabel(self.tr("Flow"))
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        title.setFont(font)
        title.setObjectName("inspectorTitle")
        header.addWidget(title)
        header.addWidget(secondary_label(
            self.tr("Select a node on the canvas to edit its settings."), small=False))
        layout.addLayout(header)
        self.rows = {}
        values = flow_values(flow)
        for spec in flow_fields(self.flow_fields):
            row = FieldRow(spec, editor_for(spec, ctx), ctx)
            row.editor.set_value(values[spec.name])
            row.editor.set_read_only(self.read_only)
            row.editor.edited.connect(
                lambda value, detail, s=spec: self._flow_edited(s, value, detail))
            self.rows[spec.name] = row
            layout.addWidget(row)
        layout.addStretch(1)
        self._replace_page(page)

    def _build(self, node: Node) -> None:
        ctx = self._context()
        node_type = registry.get(node.type)
        page = _panel_page()
        page.setObjectName("inspectorPage")
        layout = QVBoxLayout(page)
        layout.setContentsMargins(16, 14, 16, 16)
        layout.setSpacing(14)
        header = QVBoxLayout()
        header.setSpacing(2)
        title = QLabel(node_type.title(ctx.locale) if node_type is not None else node.type)
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        title.setFont(font)
        title.setObjectName("inspectorTitle")
        header.addWidget(title)
        if node_type is not None:
            header.addWidget(secondary_label(node_type.description(ctx.locale), small=False))
        if self.read_only:
            badge = secondary_label(self.tr("Read-only: this version cannot be edited."))
            badge.setObjectName("readOnlyNote")
            header.addWidget(badge)
        layout.addLayout(header)
        self.rows = {}
        if node_type is None:
            layout.addWidget(secondary_label(
                self.tr("Unknown node type: its settings are kept as they are."), small=False))
        elif not node_type.fields:
            layout.addWidget(secondary_label(self.tr("This node has no settings."), small=False))
        else:
            config = node_type.effective_config(node.config)
            for spec in node_type.fields:
                row = FieldRow(spec, editor_for(spec, ctx, node.type), ctx)
                row.editor.set_value(config.get(spec.name))
                row.editor.set_read_only(self.read_only)
                row.editor.edited.connect(
                    lambda value, detail, s=spec, t=node_type: self._edited(t, s.name, value,
                                                                            detail))
                self.rows[spec.name] = row
                layout.addWidget(row)
            self._update_visibility(config)
        layout.addStretch(1)
        self._replace_page(page)

    def _update_visibility(self, config: dict[str, Any]) -> None:
        apply_visibility(self.rows, config)

    # -- edits
    def _edited(self, node_type: NodeType, name: str, value: Any, detail: str) -> None:
        flow, stack = self.flow, self.undo_stack
        node = flow.node(self.node_id) if flow is not None and self.node_id else None
        if node is None or stack is None or flow is None:
            return
        if node.config.get(name, _MISSING) == value and name in node.config:
            return
        config = copy.deepcopy(node.config)
        config[name] = value
        spec = node_type.field(name)
        field = spec.title(ui_locale()) if spec is not None else name
        if detail:
            field = f"{field} › {detail}"
        text = self.tr("Edit “{field}”").format(field=field)
        stack.push(commands.SetNodeConfig(flow, node.id, config, text))

    def _flow_edited(self, spec: registry.FieldSpec, value: Any, detail: str) -> None:
        flow, stack = self.flow, self.undo_stack
        if flow is None or stack is None or self.node_id is not None \
                or getattr(flow, spec.name) == value:
            return
        field = spec.title(ui_locale())
        if detail:
            field = f"{field} › {detail}"
        stack.push(commands.SetFlowProperties(flow, {spec.name: value},
                                              self.tr("Edit “{field}”").format(field=field)))

    # -- following the document
    def _alive(self) -> bool:
        return shiboken6.isValid(self)

    def _on_config_changed(self, node: Node) -> None:
        if not self._alive():
            return
        if node.id != self.node_id:
            return
        node_type = registry.get(node.type)
        if node_type is None:
            return
        config = node_type.effective_config(node.config)
        for name, row in self.rows.items():
            row.editor.set_value(config.get(name))
        self._update_visibility(config)

    def _on_node_removed(self, node: Node) -> None:
        if self._alive() and node.id == self.node_id:
            self.set_target(self.flow, None, self.undo_stack)

    def _on_flow_changed(self) -> None:
        if not self._alive():
            return
        self._variables_timer.start()  # re-read once edits pause: never on the keystroke path
        if self.node_id is None and self.flow is not None and self.rows:
            values = flow_values(self.flow)  # the flow form follows undo and redo
            for name, row in self.rows.items():
                row.editor.set_value(values[name])

    def _reread_variables(self) -> None:
        self._variables = known_variables(self.flow) if self.flow is not None else []

    def _disconnect(self) -> None:
        if self.flow is None:
            return
        for signal, slot in ((self.flow.node_config_changed, self._on_config_changed),
                             (self.flow.node_removed, self._on_node_removed),
                             (self.flow.flow_changed, self._on_flow_changed)):
            try:
                signal.disconnect(slot)
            except ValueError:
                pass


_MISSING = object()


class _UndoKeys(QObject):
    """Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y in a field undo the flow edit, not the widget's text:
    the window's Undo shortcut gets the key, or the stack is called directly."""

    def __init__(self, inspector: Inspector) -> None:
        super().__init__(inspector)
        self.inspector = inspector

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            return False
        assert isinstance(event, QKeyEvent)
        undo = event.matches(QKeySequence.StandardKey.Undo)
        redo = event.matches(QKeySequence.StandardKey.Redo)
        if not (undo or redo):
            return False
        if kind == QEvent.Type.ShortcutOverride:
            return True  # not accepted: a window shortcut may take it
        stack = self.inspector.undo_stack
        if stack is not None:
            (stack.undo if undo else stack.redo)()
        return True


def _panel_page() -> QWidget:
    return panel_background(QWidget())

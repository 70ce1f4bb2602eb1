"""The variables panel: each variable the flow declares or uses, and where (which nodes read
or write it); clicking a use selects that node."""

from __future__ import annotations

from dataclasses import dataclass, field

import shiboken6
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QShowEvent
from PySide6.QtWidgets import (
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from whatdesk.flows import templates, validation
from whatdesk.flows.document import Flow

from ..theme import palette
from .fields.base import empty_state, panel_background, ui_locale
from .problems import DEBOUNCE_MS, _forget, node_caption

NodeRole = Qt.ItemDataRole.UserRole + 1


@dataclass
class VariableInfo:
    name: str
    declared: bool = False
    builtin: bool = False
    reads: list[str] = field(default_factory=list)  # node ids, in flow order
    writes: list[str] = field(default_factory=list)


def collect(flow: Flow) -> list[VariableInfo]:
    """Declared variables and every name a node reads or writes, sorted by name."""
    found: dict[str, VariableInfo] = {}

    def info(name: str) -> VariableInfo:
        if name not in found:
            found[name] = VariableInfo(name, builtin=name in templates.BUILTINS
                                       or name in templates.RUNTIME_VARIABLES)
        return found[name]

    for name in flow.variables:
        info(name).declared = True
    for node in flow.nodes:
        reads, writes = validation.node_variables(node)
        for name in dict.fromkeys(reads):
            info(name).reads.append(node.id)
        for name in dict.fromkeys(writes):
            info(name).writes.append(node.id)
    return sorted(found.values(), key=lambda v: (v.builtin, v.name.lower()))


class VariablesPanel(QWidget):
    """``node_activated(node_id)`` when a use is clicked. Refreshed after edits pause."""

    node_activated = Signal(str)

    def __init__(self, flow: Flow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("flowVariables")
        self.flow = flow
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setFrameShape(QTreeWidget.Shape.NoFrame)
        self.tree.setIndentation(16)
        self.tree.itemClicked.connect(self._clicked)
        self.tree.itemActivated.connect(self._clicked)
        self.empty, _title = empty_state(
            self.tr("No variables yet"),
            self.tr("A Question's answer, a Set variable node or {{name}} in a text adds one "
                    "here."))
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.tree)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        panel_background(self)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self._refresh_if_shown)
        flow.flow_changed.connect(self._on_flow_changed)
        self.destroyed.connect(lambda _o=None, f=flow, s=self._on_flow_changed:
                               _forget(f.flow_changed, s))
        self.variables: list[VariableInfo] = []
        self._stale = False
        self.refresh()

    def _on_flow_changed(self) -> None:
        if shiboken6.isValid(self):
            self.timer.start()

    def _refresh_if_shown(self) -> None:
        """A panel in a hidden tab catches up when it is shown, not after every pause."""
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self.refresh()
        super().showEvent(event)

    def refresh(self) -> None:
        self._stale = False
        locale = ui_locale()
        variables = collect(self.flow)
        if variables == self.variables and self.tree.topLevelItemCount() == len(variables):
            self._recaption(locale)  # the same uses: only a node's caption may have changed
            return
        self.variables = variables
        expanded = {self.tree.topLevelItem(i).text(0)
                    for i in range(self.tree.topLevelItemCount())
                    if self.tree.topLevelItem(i).isExpanded()}
        self.tree.clear()
        secondary = QColor(palette().text_secondary)
        bold = QFont(self.tree.font())
        bold.setBold(True)
        for var in variables:
            item = QTreeWidgetItem([f"{{{{{var.name}}}}}  {self._kind(var)}"])
            item.setFont(0, bold)
            item.setData(0, Qt.ItemDataRole.UserRole, var.name)
            if var.builtin:
                item.setForeground(0, secondary)
            elif not var.declared and not var.writes:
                item.setForeground(0, QColor(palette().failed))
                item.setToolTip(0, self.tr("Never set: it renders empty."))
            for node_id in var.writes:
                self._use(item, node_id, self.tr("set in {node}"), locale)
            for node_id in var.reads:
                self._use(item, node_id, self.tr("used in {node}"), locale)
            if not var.reads and not var.writes:
                unused = QTreeWidgetItem([self.tr("not used")])
                unused.setForeground(0, secondary)
                unused.setFlags(Qt.ItemFlag.ItemIsEnabled)
                item.addChild(unused)
            self.tree.addTopLevelItem(item)
            item.setExpanded(var.name in expanded or len(variables) <= 12)
        self.stack.setCurrentWidget(self.tree if variables else self.empty)

    def _recaption(self, locale: str) -> None:
        """Rewrite the "set in / used in <node>" lines in place (keeps scroll and expansion)."""
        for i, var in enumerate(self.variables):
            item = self.tree.topLevelItem(i)
            uses = [(node_id, self.tr("set in {node}")) for node_id in var.writes]
            uses += [(node_id, self.tr("used in {node}")) for node_id in var.reads]
            for j, (node_id, how) in enumerate(uses):
                child = item.child(j)
                text = how.format(node=node_caption(self.flow, node_id, locale))
                if child is not None and child.text(0) != text:
                    child.setText(0, text)

    def _kind(self, var: VariableInfo) -> str:
        if var.builtin:
            return self.tr("(built-in)")
        if var.declared:
            return self.tr("(declared)")
        return ""

    def _use(self, parent: QTreeWidgetItem, node_id: str, how: str, locale: str) -> None:
        child = QTreeWidgetItem([how.format(node=node_caption(self.flow, node_id, locale))])
        child.setData(0, NodeRole, node_id)
        child.setToolTip(0, node_id)
        parent.addChild(child)

    def _clicked(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        node_id = item.data(0, NodeRole)
        if node_id:
            self.node_activated.emit(node_id)

    def uses(self, name: str) -> list[str]:
        """The shown uses of one variable (for tests): "set in / used in <node>" lines."""
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            if item.data(0, Qt.ItemDataRole.UserRole) == name:
                return [item.child(j).text(0) for j in range(item.childCount())]
        return []

"""Version history of a flow: who published what and when, open, compare, restore."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from whatdesk.flows.diff import FlowDiff, diff
from whatdesk.ui import tasks
from whatdesk.ui.settings.common import Column, RowsModel, confirm
from whatdesk.ui.theme import palette

translate = QCoreApplication.translate


def diff_text(result: FlowDiff) -> str:
    """One sentence: what the draft changes compared with the version."""
    if result.is_empty and result.moved:
        return translate("FlowHistory", "The draft is the same as this version (only "
                         "positions differ).")
    if result.is_empty:
        return translate("FlowHistory", "The draft is the same as this version.")
    parts = []
    for count, one, many in (
            (len(result.added), translate("FlowHistory", "1 node added"),
             translate("FlowHistory", "{n} nodes added")),
            (len(result.removed), translate("FlowHistory", "1 node removed"),
             translate("FlowHistory", "{n} nodes removed")),
            (len(result.changed), translate("FlowHistory", "1 node changed"),
             translate("FlowHistory", "{n} nodes changed")),
            (len(result.edges_added), translate("FlowHistory", "1 connection added"),
             translate("FlowHistory", "{n} connections added")),
            (len(result.edges_removed), translate("FlowHistory", "1 connection removed"),
             translate("FlowHistory", "{n} connections removed"))):
        if count:
            parts.append(one if count == 1 else many.format(n=count))
    if result.settings_changed:
        parts.append(translate("FlowHistory", "settings changed ({names})").format(
            names=", ".join(result.settings_changed)))
    if result.notes_changed:
        parts.append(translate("FlowHistory", "notes changed"))
    return translate("FlowHistory", "The draft, compared with this version: {parts}.").format(
        parts="; ".join(parts))


class HistoryDialog(QDialog):
    """The published versions of one flow, newest first."""

    def __init__(self, page: Any, row: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent or page)
        self.setObjectName("flowHistory")
        self.page = page
        self.flow_id = row.id
        self.flow_name = row.name
        self.setWindowTitle(translate("FlowHistory", "History of “{name}”").format(name=row.name))
        self.resize(680, 420)
        self.model = RowsModel([
            Column(translate("FlowHistory", "Version"), lambda v: f"v{v.version}"),
            Column(translate("FlowHistory", "Published"),
                   lambda v: v.published_at.astimezone().strftime("%d/%m/%Y %H:%M")),
            Column(translate("FlowHistory", "By"), lambda v: v.published_by or "—"),
            Column(translate("FlowHistory", "Note"), lambda v: v.note or "—"),
        ], self)
        self.table = QTableView()
        self.table.setObjectName("historyTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setShowGrid(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.empty = QLabel(translate("FlowHistory", "Not published yet: each publish adds a "
                                      "version here, with its author and note."))
        self.empty.setObjectName("historyEmpty")
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet(f"color: {palette().text_secondary};")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)  # in the table's place
        self.empty.hide()
        self.result = QLabel()
        self.result.setObjectName("historyResult")
        self.result.setWordWrap(True)
        self.open_button = QPushButton(translate("FlowHistory", "Open (read-only)"))
        self.open_button.setObjectName("historyOpen")
        self.open_button.setVisible(page.editor_factory is not None)
        self.compare_button = QPushButton(translate("FlowHistory", "Compare with the draft"))
        self.compare_button.setObjectName("historyCompare")
        self.restore_button = QPushButton(translate("FlowHistory", "Restore as the draft…"))
        self.restore_button.setObjectName("historyRestore")
        self.open_button.clicked.connect(lambda: self._spawn(self.open_selected()))
        self.compare_button.clicked.connect(lambda: self._spawn(self.compare_selected()))
        self.restore_button.clicked.connect(lambda: self._spawn(self.restore_selected()))
        self.actions = QWidget()  # the version actions: hidden while there is no version
        buttons = QHBoxLayout(self.actions)
        buttons.setContentsMargins(0, 0, 0, 0)
        for b in (self.open_button, self.compare_button, self.restore_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addWidget(self.table, 1)
        column.addWidget(self.empty, 1)
        column.addWidget(self.actions)
        column.addWidget(self.result)
        column.addWidget(close)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update())
        self._update()

    def _spawn(self, coro: Any) -> None:
        tasks.spawn(coro, on_error=self.result.setText)

    async def reload(self) -> None:
        versions = await self.page.flows.versions(self.flow_id)
        self.model.set_rows(versions)
        self.table.setVisible(bool(versions))
        self.empty.setVisible(not versions)
        self.actions.setVisible(bool(versions))  # no disabled buttons for versions not there
        if not versions:
            self.resize(520, 220)  # one sentence: no big empty box around it
        if versions:
            self.table.selectRow(0)
        self._update()

    def selected(self) -> Any:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0]) if rows else None

    def _update(self) -> None:
        on = self.selected() is not None
        for b in (self.open_button, self.compare_button, self.restore_button):
            b.setEnabled(on)

    async def _diff(self, version: int) -> tuple[Any, FlowDiff]:
        old = await self.page.flows.document(self.flow_id, version)
        draft = await self.page.flows.document(self.flow_id, "draft")
        return old, diff(old, draft)

    async def compare_selected(self) -> FlowDiff | None:
        item = self.selected()
        if item is None:
            return None
        _old, result = await self._diff(item.version)
        self.result.setText(translate("FlowHistory", "v{n}: ").format(n=item.version)
                            + diff_text(result))
        return result

    async def open_selected(self) -> Any:
        item = self.selected()
        if item is None:
            return None
        old, result = await self._diff(item.version)
        self.accept()
        return self.page.open_version(self.flow_id, self.flow_name, old, result)

    async def restore_selected(self) -> None:
        item = self.selected()
        if item is None:
            return
        if not await confirm(self, translate("FlowHistory", "Restore version"), translate(
                "FlowHistory", "Make version {n} the draft of “{name}”? The current draft is "
                "replaced (Undo brings it back). Nothing is published until you publish.")
                .format(n=item.version, name=self.flow_name),
                translate("FlowHistory", "Restore")):
            return
        _row, previous = await self.page.flows.restore_version(self.flow_id, item.version)
        self.page.list.offer_undo(self.flow_id, previous, translate(
            "FlowHistory", "Version {n} of “{name}” is the draft now.").format(
            n=item.version, name=self.flow_name))
        self.result.setText(translate("FlowHistory", "Version {n} restored as the draft.")
                            .format(n=item.version))
        await self.page.reload()

"""Building blocks of the admin screens: a table model over row values, a section with its
toolbar and empty state, a dialog that saves asynchronously, a colour button, a check list."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QFont, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QColorDialog,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from whatdesk.domain.errors import WhatdeskError
from whatdesk.ui import tasks
from whatdesk.ui.theme import palette

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    title: str
    text: Callable[[Any], str]
    color: Callable[[Any], str | None] | None = None  # a swatch before the text
    muted: Callable[[Any], bool] | None = None  # grey text (e.g. an inactive agent)


class RowsModel(QAbstractTableModel):
    """A short reference list (agents, queues, tags, quick replies): a few hundred rows at
    most, replaced whole when the section reloads after an edit."""

    def __init__(self, columns: Sequence[Column], parent: Any = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self.rows: list[Any] = []

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].title
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = self.rows[index.row()], self.columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return column.text(row)
        if role == Qt.ItemDataRole.DecorationRole and column.color is not None:
            value = column.color(row)
            return QColor(value) if value else None
        if role == Qt.ItemDataRole.ForegroundRole and column.muted and column.muted(row):
            return QColor(palette().text_secondary)
        return None

    def row_at(self, index: Index) -> Any:
        return self.rows[index.row()] if index.isValid() else None


def danger_button(text: str) -> QPushButton:
    """A destructive action: red, never the default button."""
    button = QPushButton(text)
    button.setAutoDefault(False)
    button.setStyleSheet(
        f"QPushButton {{ color: white; background: {palette().failed}; border: none;"
        " border-radius: 6px; padding: 6px 14px; }"
        " QPushButton:disabled { background: #f3a3b5; }")
    return button


def primary_button(text: str) -> QPushButton:
    button = QPushButton(text)
    button.setStyleSheet(
        f"QPushButton {{ color: white; background: {palette().accent}; border: none;"
        " border-radius: 6px; padding: 6px 14px; font-weight: bold; }"
        " QPushButton:disabled { background: #9fd9c9; }")
    return button


class Section(QWidget):
    """Title, one-line purpose, a toolbar, the table, and an empty state offering the one
    action that fills it. Subclasses fill ``model`` in ``reload()``."""

    def __init__(self, title: str, purpose: str, columns: Sequence[Column], empty_text: str,
                 add_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = RowsModel(columns, self)
        heading = QLabel(title)
        font = QFont(heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        heading.setFont(font)
        about = QLabel(purpose)
        about.setWordWrap(True)
        about.setStyleSheet(f"color: {palette().text_secondary};")

        self.add_button = primary_button(add_text)
        self.add_button.setObjectName("sectionAdd")
        self.toolbar_widget = QWidget()
        self.toolbar = QHBoxLayout(self.toolbar_widget)
        self.toolbar.setContentsMargins(0, 0, 0, 0)
        self.toolbar.addWidget(self.add_button)
        self.toolbar.addStretch(1)

        self.table = QTableView()
        self.table.setObjectName("sectionTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setDefaultAlignment(
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().setDefaultSectionSize(36)
        pal = palette()  # room between columns, and the same tints as the ticket list
        accent = QColor(pal.accent)
        tint = f"rgba({accent.red()}, {accent.green()}, {accent.blue()}, 0.16)"
        self.table.setStyleSheet(
            f"QTableView {{ background: {pal.panel}; alternate-background-color: {pal.hover};"
            f" border: 1px solid {pal.divider}; border-radius: 6px; }}"
            " QTableView::item { padding: 0 14px 0 10px; border: none; }"
            f" QTableView::item:selected {{ background: {tint}; color: {pal.text}; }}"
            f" QHeaderView::section {{ background: {pal.panel}; color: {pal.text_secondary};"
            f" padding: 8px 14px 8px 10px; border: none;"
            f" border-bottom: 1px solid {pal.divider}; font-weight: 600; }}")
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())

        empty = QWidget()
        empty.setObjectName("emptyState")
        box = QVBoxLayout(empty)
        box.addStretch(1)
        self.empty_label = QLabel(empty_text)
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.empty_label.setStyleSheet(f"color: {palette().text_secondary};")
        self.empty_button = primary_button(add_text)
        self.empty_button.setObjectName("emptyAdd")
        self.empty_button.clicked.connect(self.add)
        box.addWidget(self.empty_label)
        box.addWidget(self.empty_button, 0, Qt.AlignmentFlag.AlignHCenter)
        box.addStretch(2)
        self.body = QStackedWidget()
        self.body.addWidget(self.table)
        self.body.addWidget(empty)

        self.status = QLabel()
        self.status.setObjectName("sectionStatus")
        self.status.setWordWrap(True)
        self.status.setStyleSheet(f"color: {palette().failed};")
        self.status.hide()

        column = QVBoxLayout(self)
        column.setContentsMargins(24, 20, 24, 16)
        column.setSpacing(10)
        column.addWidget(heading)
        column.addWidget(about)
        column.addWidget(self.toolbar_widget)
        column.addWidget(self.status)
        column.addWidget(self.body, 1)
        self.add_button.clicked.connect(self.add)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self.update_actions())

    def selected(self) -> Any:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0]) if rows else None

    def select_id(self, row_id: int) -> None:
        for i, row in enumerate(self.model.rows):
            if getattr(row, "id", None) == row_id:
                self.table.selectRow(i)
                return

    def show_rows(self, rows: Sequence[Any]) -> None:
        keep = getattr(self.selected(), "id", None)
        self.model.set_rows(rows)
        self.body.setCurrentIndex(0 if rows else 1)
        self.toolbar_widget.setVisible(bool(rows))  # the empty state has its own button
        if keep is not None:
            self.select_id(keep)
        self.update_actions()

    def show_error(self, text: str) -> None:
        self.status.setText(text)
        self.status.setVisible(bool(text))

    def run(self, coro: Awaitable[Any]) -> None:
        """A change from a toolbar button: errors appear above the table."""
        self.show_error("")

        async def go() -> None:
            await coro
            await self.reload()

        tasks.spawn(go(), on_error=self.show_error)

    def add_row_buttons(self, edit_text: str, delete_text: str, name: str) -> None:
        """Edit (next to Add) and a red Delete, for the selected row."""
        self.edit_button = QPushButton(edit_text)
        self.edit_button.setObjectName(f"{name}Edit")
        self.delete_button = danger_button(delete_text)
        self.delete_button.setObjectName(f"{name}Delete")
        self.toolbar.insertWidget(self.toolbar.count() - 1, self.edit_button)
        self.toolbar.addWidget(self.delete_button)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)

    def open_form(self, dialog: FormDialog, write: Callable[[], Awaitable[Any]]) -> None:
        """Open a form whose Save runs ``write`` (create or update), then shows that row."""
        async def save() -> Any:
            row = await write()
            await self.reload()
            self.select_id(row.id)
            return row

        dialog.save = save
        dialog.open()

    # ---- for subclasses ----------------------------------------------------------------
    async def reload(self) -> None:
        raise NotImplementedError

    def add(self) -> None:
        raise NotImplementedError

    def edit_selected(self) -> None:
        raise NotImplementedError

    def delete_selected(self) -> None:
        raise NotImplementedError

    def update_actions(self) -> None:
        """Edit and Delete act on the selected row: enabled only with one."""
        on = self.selected() is not None
        for button in (getattr(self, "edit_button", None), getattr(self, "delete_button", None)):
            if button is not None:
                button.setEnabled(on)


SaveFn = Callable[[], Awaitable[Any]]


class FormDialog(QDialog):
    """A multi-field edit: fields in a form, an error line, Save runs ``save`` and closes on
    success (the error stays in the dialog otherwise, nothing lost)."""

    saved = Signal(object)

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(440)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.error = QLabel()
        self.error.setObjectName("dialogError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(f"color: {palette().failed};")
        self.error.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("dialogSave")
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addLayout(self.form)
        column.addWidget(self.error)
        column.addWidget(self.buttons)
        self.save: SaveFn | None = None

    def fail(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    def check(self) -> str:
        """A problem with the fields, said before anything is saved ("" when fine)."""
        return ""

    def _save(self) -> None:
        problem = self.check()
        if problem:
            self.fail(problem)
            return
        if self.save is None:
            self.accept()
            return
        self.save_button.setEnabled(False)
        save = self.save

        async def go() -> None:
            try:
                result = await save()
            except WhatdeskError:
                raise
            finally:
                self.save_button.setEnabled(True)
            self.saved.emit(result)
            self.accept()

        tasks.spawn(go(), on_error=self.fail)


class ColorButton(QPushButton):
    """Shows a colour; a click opens the colour picker."""

    def __init__(self, color: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("colorButton")
        self.color = QColor(color)
        self.clicked.connect(self.pick)
        self._paint()

    def set_color(self, color: str) -> None:
        self.color = QColor(color)
        self._paint()

    def name(self) -> str:
        return self.color.name()

    def pick(self) -> None:
        chosen = QColorDialog.getColor(self.color, self, self.tr("Choose a colour"))
        if chosen.isValid():
            self.set_color(chosen.name())

    def _paint(self) -> None:
        text = "#ffffff" if self.color.lightness() < 150 else "#111b21"
        self.setText(self.color.name().upper())
        self.setStyleSheet(f"QPushButton {{ background: {self.color.name()}; color: {text};"
                           " border: 1px solid #d1d7db; border-radius: 6px; padding: 5px 12px; }")


class CheckList(QListView):
    """Pick several of a short list (queues of an agent, agents of a queue)."""

    def __init__(self, items: Sequence[tuple[int, str]], checked: Sequence[int],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.items = QStandardItemModel(self)
        chosen = set(checked)
        for item_id, text in items:
            item = QStandardItem(text)
            item.setCheckable(True)
            item.setEditable(False)
            item.setData(item_id, Qt.ItemDataRole.UserRole)
            item.setCheckState(Qt.CheckState.Checked if item_id in chosen
                               else Qt.CheckState.Unchecked)
            self.items.appendRow(item)
        self.setModel(self.items)
        self.setMaximumHeight(min(160, 28 * max(2, len(items)) + 6))

    def checked_ids(self) -> tuple[int, ...]:
        return tuple(int(self.items.item(i).data(Qt.ItemDataRole.UserRole))
                     for i in range(self.items.rowCount())
                     if self.items.item(i).checkState() == Qt.CheckState.Checked)

    def set_checked(self, item_id: int, on: bool) -> None:
        for i in range(self.items.rowCount()):
            item = self.items.item(i)
            if int(item.data(Qt.ItemDataRole.UserRole)) == item_id:
                item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)


async def confirm(parent: QWidget, title: str, text: str, action: str, *,
                  red_text: bool = False) -> bool:
    """Ask before a destructive change; the red button says what it does (``red_text``: the
    question itself in red too, for what cannot be undone)."""
    import asyncio

    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.NoButton,
                      parent)
    box.setObjectName("confirmBox")
    if red_text:
        box.setStyleSheet(f"QLabel#qt_msgbox_label {{ color: {palette().failed}; }}")
    yes = danger_button(action)
    yes.setObjectName("confirmYes")
    box.addButton(yes, QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    done = asyncio.get_running_loop().create_future()
    box.finished.connect(lambda _code: done.done() or done.set_result(box.clickedButton()))
    box.open()
    try:
        return await done is yes
    finally:
        box.deleteLater()

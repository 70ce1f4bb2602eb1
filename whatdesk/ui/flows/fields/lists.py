"""Field widgets for rows: reorderable object lists (menu options, rules, branches) and
name → value tables (HTTP headers)."""

from __future__ import annotations

import copy
from typing import Any

from PySide6.QtCore import QMimeData, QPoint, Qt, Signal
from PySide6.QtGui import (
    QDrag,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QMouseEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from whatdesk.flows.registry import FieldSpec
from whatdesk.ui.resources import icon
from whatdesk.ui.theme import palette

from .base import FieldContext, FieldEditor, secondary_label, translate
from .completion import TemplateLineEdit
from .form import FieldRow, apply_visibility, field_row


def _tool(text: str, tip: str) -> QToolButton:
    button = QToolButton()
    button.setText(text)
    button.setToolTip(tip)
    button.setAccessibleName(tip)
    button.setAutoRaise(True)
    button.setCursor(Qt.CursorShape.PointingHandCursor)
    return button


def card_style(name: str) -> str:
    """A group of fields (a list row, an attachment): tinted, no border."""
    return (f"QFrame#{name} {{ background: {palette().background}; border: none;"
            " border-radius: 8px; }")


def add_button(text: str) -> QPushButton:
    button = QPushButton("+ " + text)
    button.setCursor(Qt.CursorShape.PointingHandCursor)
    button.setStyleSheet(
        f"QPushButton {{ color: {palette().accent}; border: 1px dashed {palette().accent};"
        " border-radius: 6px; padding: 5px 10px; background: transparent; }"
        f" QPushButton:disabled {{ color: {palette().text_secondary};"
        f" border-color: {palette().divider}; }}")
    return button


ROW_MIME = "application/x-whatdesk-inspector-row"


class _DragHandle(QLabel):
    """"⠿ #n" at the top of a row: drag it to move the row."""

    def __init__(self, card: _RowCard) -> None:
        super().__init__()
        self.card = card
        self.setStyleSheet(f"color: {palette().text_secondary};")
        self.setCursor(Qt.CursorShape.OpenHandCursor)
        self.setToolTip(translate("ObjectListEditor", "Drag to reorder"))
        self._pressed_at: QPoint | None = None

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._pressed_at = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        editor = self.card.parent_list
        if self._pressed_at is None or editor is None or editor.read_only or \
                (event.position().toPoint() - self._pressed_at).manhattanLength() \
                < QApplication.startDragDistance():
            return
        self._pressed_at = None
        drag = QDrag(self)
        drag.setMimeData(editor.drag_data(self.card))
        drag.setPixmap(self.card.grab())
        drag.exec(Qt.DropAction.MoveAction)

    def setText(self, text: str) -> None:
        super().setText(f"⠿  {text}")


class _RowCard(QFrame):
    """One row of an object list: its number, move/remove buttons and the row's fields."""

    changed = Signal(object, str)  # (row dict, sub-field title)

    def __init__(self, spec: FieldSpec, ctx: FieldContext, row: dict[str, Any]) -> None:
        super().__init__()
        self.setObjectName("rowCard")
        self.setStyleSheet(card_style("rowCard"))
        self.row = copy.deepcopy(row)
        self.parent_list: ObjectListEditor | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 10)
        layout.setSpacing(6)
        header = QHBoxLayout()
        header.setSpacing(0)
        self.number = _DragHandle(self)
        header.addWidget(self.number)
        header.addStretch(1)
        self.up = _tool("▲", translate("ObjectListEditor", "Move up"))
        self.down = _tool("▼", translate("ObjectListEditor", "Move down"))
        self.remove = _tool("", translate("ObjectListEditor", "Remove"))
        self.remove.setIcon(icon("close"))
        for button in (self.up, self.down, self.remove):
            header.addWidget(button)
        layout.addLayout(header)
        self.fields: dict[str, FieldRow] = {}
        for sub in spec.item_fields:
            field = field_row(sub, ctx)
            self.fields[sub.name] = field
            field.editor.set_value(self.row.get(sub.name, sub.default_value()))
            field.editor.edited.connect(
                lambda value, _detail, s=sub: self._sub_edited(s, value))
            layout.addWidget(field)
        self._ctx = ctx
        self._visibility()

    def _visibility(self) -> None:
        defaults = {name: f.spec.default for name, f in self.fields.items()}
        apply_visibility(self.fields, {**defaults, **self.row})

    def _sub_edited(self, sub: FieldSpec, value: Any) -> None:
        self.row = {**self.row, sub.name: value}
        self._visibility()
        self.changed.emit(self.row, self._ctx.text(sub.title))

    def set_row(self, row: dict[str, Any]) -> None:
        self.row = copy.deepcopy(row)
        for name, field in self.fields.items():
            field.editor.set_value(row.get(name, field.spec.default_value()))
        self._visibility()

    def set_read_only(self, read_only: bool) -> None:
        for field in self.fields.values():
            field.editor.set_read_only(read_only)
        for button in (self.up, self.down, self.remove):
            button.setVisible(not read_only)


class ObjectListEditor(FieldEditor):
    """FieldKind.OBJECT_LIST: rows built from ``item_fields``; add, remove, move up/down.
    Rows keep keys the form does not know. A node's ports follow its rows (their order
    and ids), so edges stay on the option they were drawn from."""

    def __init__(self, spec: FieldSpec, ctx: FieldContext, parent: QWidget | None = None) -> None:
        super().__init__(spec, ctx, parent)
        self.cards: list[_RowCard] = []
        self.setAcceptDrops(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self.rows_layout = QVBoxLayout()
        self.rows_layout.setSpacing(6)
        layout.addLayout(self.rows_layout)
        self.empty = secondary_label(translate("ObjectListEditor", "No rows yet."))
        layout.addWidget(self.empty)
        self.add = add_button(translate("ObjectListEditor", "Add"))
        self.add.setToolTip(translate("ObjectListEditor", "Add a row to {field}").format(
            field=ctx.text(spec.title)))
        self.add.clicked.connect(self._add)
        layout.addWidget(self.add, 0, Qt.AlignmentFlag.AlignLeft)
        self._rows: list[dict[str, Any]] = []

    def value(self) -> Any:
        return copy.deepcopy(self._rows)

    def set_value(self, value: Any) -> None:
        rows = [r for r in value if isinstance(r, dict)] if isinstance(value, list) else []
        if rows == self._rows and len(self.cards) == len(rows):
            return
        self._rows = copy.deepcopy(rows)
        if len(rows) == len(self.cards):
            for card, row in zip(self.cards, rows, strict=True):
                card.set_row(row)  # in place: the field being typed in keeps focus
        else:
            self._rebuild()

    def _rebuild(self) -> None:
        for card in self.cards:
            card.setParent(None)
            card.deleteLater()
        self.cards = []
        for row in self._rows:
            card = _RowCard(self.spec, self.ctx, row)
            card.parent_list = self
            card.changed.connect(lambda r, title, c=card: self._row_changed(c, r, title))
            card.up.clicked.connect(lambda _=False, c=card: self._move(c, -1))
            card.down.clicked.connect(lambda _=False, c=card: self._move(c, +1))
            card.remove.clicked.connect(lambda _=False, c=card: self._remove(c))
            card.set_read_only(self.read_only)
            self.cards.append(card)
            self.rows_layout.addWidget(card)
        self._renumber()

    def _renumber(self) -> None:
        for index, card in enumerate(self.cards):
            card.number.setText(f"#{index + 1}")
            card.up.setEnabled(index > 0)
            card.down.setEnabled(index < len(self.cards) - 1)
        self.empty.setVisible(not self.cards)

    def _row_changed(self, card: _RowCard, row: dict[str, Any], title: str) -> None:
        index = self.cards.index(card)
        self._rows[index] = copy.deepcopy(row)
        self.edited.emit(self.value(), f"{index + 1} › {title}")

    def _add(self) -> None:
        if self.spec.new_item is not None:
            row = self.spec.new_item(copy.deepcopy(self._rows))
        else:
            row = {sub.name: sub.default_value() for sub in self.spec.item_fields}
        self._rows.append(row)
        self._rebuild()
        first = self.cards[-1].fields.get(self.spec.item_fields[0].name) if self.spec.item_fields \
            else None
        self.edited.emit(self.value(), translate("ObjectListEditor", "row added"))
        if first is not None:
            first.editor.setFocus()

    def _remove(self, card: _RowCard) -> None:
        index = self.cards.index(card)
        del self._rows[index]
        self._rebuild()
        self.edited.emit(self.value(), translate("ObjectListEditor", "row {n} removed").format(
            n=index + 1))

    def _move(self, card: _RowCard, step: int) -> None:
        index = self.cards.index(card)
        if self.move_row(index, index + step + (1 if step > 0 else 0)):
            other = index + step
            button = self.cards[other].up if step < 0 else self.cards[other].down
            if button.isEnabled():
                button.setFocus()

    def move_row(self, source: int, before: int) -> bool:
        """Move row `source` to just before row `before` (len: to the end); one edit."""
        if not 0 <= source < len(self._rows) or not 0 <= before <= len(self._rows) \
                or before in (source, source + 1):
            return False
        row = self._rows.pop(source)
        self._rows.insert(before - 1 if before > source else before, row)
        for card, value in zip(self.cards, self._rows, strict=True):
            card.set_row(value)  # the cards stay; their contents follow the rows
        self.edited.emit(self.value(), translate("ObjectListEditor", "row {n} moved").format(
            n=source + 1))
        return True

    # -- dragging a row by its "⠿ #n" handle
    def drag_data(self, card: _RowCard) -> QMimeData:
        data = QMimeData()
        data.setData(ROW_MIME, f"{id(self)}:{self.cards.index(card)}".encode())
        return data

    def _dragged_row(self, event: QDropEvent | QDragEnterEvent | QDragMoveEvent) -> int | None:
        if self.read_only or not event.mimeData().hasFormat(ROW_MIME):
            return None
        owner, _, index = bytes(event.mimeData().data(ROW_MIME).data()).decode().partition(":")
        return int(index) if owner == str(id(self)) and index.isdigit() else None

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._dragged_row(event) is not None:
            event.acceptProposedAction()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if self._dragged_row(event) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        source = self._dragged_row(event)
        if source is None:
            return
        y = event.position().y()
        before = next((i for i, card in enumerate(self.cards)
                       if y < card.geometry().center().y()), len(self.cards))
        self.move_row(source, before)
        event.acceptProposedAction()

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        for card in self.cards:
            card.set_read_only(read_only)
        self.add.setVisible(not read_only)


class KeyValueEditor(FieldEditor):
    """FieldKind.KEY_VALUE: name → template rows (HTTP headers). A row without a name is
    kept on screen but not stored."""

    def __init__(self, spec: FieldSpec, ctx: FieldContext, parent: QWidget | None = None) -> None:
        super().__init__(spec, ctx, parent)
        self.lines: list[tuple[QWidget, QLineEdit, TemplateLineEdit, QToolButton]] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.rows_layout = QVBoxLayout()
        self.rows_layout.setSpacing(4)
        layout.addLayout(self.rows_layout)
        self.empty = secondary_label(translate("KeyValueEditor", "None."))
        layout.addWidget(self.empty)
        self.add = add_button(translate("KeyValueEditor", "Add"))
        self.add.clicked.connect(self._add)
        layout.addWidget(self.add, 0, Qt.AlignmentFlag.AlignLeft)

    def value(self) -> Any:
        out: dict[str, str] = {}
        for _w, name, value, _b in self.lines:
            if name.text().strip():
                out[name.text().strip()] = value.text()
        return out

    def set_value(self, value: Any) -> None:
        pairs = list(value.items()) if isinstance(value, dict) else []
        if self.value() == dict(pairs):
            return
        if len(pairs) == len(self.lines):
            for (_w, name, text, _b), (k, v) in zip(self.lines, pairs, strict=True):
                _set_keeping_cursor(name, str(k))
                _set_keeping_cursor(text, v if isinstance(v, str) else str(v))
            return
        for widget, *_ in self.lines:
            widget.setParent(None)
            widget.deleteLater()
        self.lines = []
        for k, v in pairs:
            self._append(str(k), v if isinstance(v, str) else str(v))
        self.empty.setVisible(not self.lines)

    def _append(self, key: str, text: str) -> tuple[QLineEdit, TemplateLineEdit]:
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        name = QLineEdit(key)
        name.setPlaceholderText(translate("KeyValueEditor", "Name"))
        value = TemplateLineEdit(self.ctx.variables)
        value.setText(text)
        value.setPlaceholderText(translate("KeyValueEditor", "Value"))
        remove = _tool("", translate("KeyValueEditor", "Remove"))
        remove.setIcon(icon("close"))
        self.ctx.guard(name)
        self.ctx.guard(value)
        layout.addWidget(name, 2)
        layout.addWidget(value, 3)
        layout.addWidget(remove)
        entry = (row, name, value, remove)
        name.textEdited.connect(lambda _t: self._changed(name.text()))
        value.textEdited.connect(lambda _t: self._changed(name.text()))
        remove.clicked.connect(lambda _=False: self._remove(entry))
        for widget in (name, value):
            widget.setReadOnly(self.read_only)
        remove.setVisible(not self.read_only)
        self.lines.append(entry)
        self.rows_layout.addWidget(row)
        return name, value

    def _changed(self, name: str) -> None:
        self.edited.emit(self.value(), name.strip())

    def _add(self) -> None:
        name, _value = self._append("", "")
        self.empty.hide()
        name.setFocus()

    def _remove(self, entry: tuple[QWidget, QLineEdit, TemplateLineEdit, QToolButton]) -> None:
        self.lines.remove(entry)
        entry[0].setParent(None)
        entry[0].deleteLater()
        self.empty.setVisible(not self.lines)
        self.edited.emit(self.value(), translate("KeyValueEditor", "row removed"))

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        for _w, name, value, remove in self.lines:
            name.setReadOnly(read_only)
            value.setReadOnly(read_only)
            remove.setVisible(not read_only)
        self.add.setVisible(not read_only)


def _set_keeping_cursor(line: QLineEdit, text: str) -> None:
    if line.text() == text:
        return
    position = line.cursorPosition()
    line.setText(text)
    line.setCursorPosition(min(position, len(text)))


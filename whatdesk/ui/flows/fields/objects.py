"""Field widgets for optional objects: a location, a contact card, a media attachment."""

from __future__ import annotations

import copy
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from whatdesk.flows.registry import FieldSpec

from .base import FieldContext, FieldEditor, problem_label, show_problem, translate
from .form import FieldRow, apply_visibility
from .lists import add_button, card_style


class ObjectEditor(FieldEditor):
    """FieldKind.LOCATION / CONTACT (and the base of MEDIA): "+ Add" while it is null,
    then the object's fields in a card with a Remove button. Unknown keys are kept."""

    def __init__(self, spec: FieldSpec, ctx: FieldContext, parent: QWidget | None = None) -> None:
        super().__init__(spec, ctx, parent)
        self._value: dict[str, Any] | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self.add = add_button(translate("ObjectEditor", "Add"))
        self.add.setToolTip(ctx.text(spec.title))
        self.add.clicked.connect(self._add)
        layout.addWidget(self.add, 0, Qt.AlignmentFlag.AlignLeft)
        self.card = QFrame()
        self.card.setObjectName("objectCard")
        self.card.setStyleSheet(card_style("objectCard"))
        card_layout = QVBoxLayout(self.card)
        card_layout.setContentsMargins(10, 8, 10, 10)
        card_layout.setSpacing(6)
        self.fields: dict[str, FieldRow] = {}
        for sub in spec.item_fields:
            row = self.make_row(sub)
            self.fields[sub.name] = row
            row.editor.edited.connect(lambda value, _d, s=sub: self._sub_edited(s, value))
            card_layout.addWidget(row)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.remove = QPushButton(translate("ObjectEditor", "Remove"))
        self.remove.clicked.connect(self._remove)
        buttons.addWidget(self.remove)
        card_layout.addLayout(buttons)
        layout.addWidget(self.card)
        self.card.hide()
        self.problem = problem_label()
        layout.addWidget(self.problem)

    def make_row(self, sub: FieldSpec) -> FieldRow:
        from .form import field_row

        return field_row(sub, self.ctx)

    def new_object(self) -> dict[str, Any] | None:
        return {sub.name: sub.default_value() for sub in self.spec.item_fields}

    def value(self) -> Any:
        return copy.deepcopy(self._value)

    def set_value(self, value: Any) -> None:
        value = value if isinstance(value, dict) and value else None
        if value == self._value:
            return
        self._value = copy.deepcopy(value)
        self._show()

    def _show(self) -> None:
        present = self._value is not None
        self.card.setVisible(present)
        self.add.setVisible(not present and not self.read_only)
        if present:
            assert self._value is not None
            for name, row in self.fields.items():
                row.editor.set_value(self._value.get(name, row.spec.default_value()))
            apply_visibility(self.fields, self._value)

    def _sub_edited(self, sub: FieldSpec, value: Any) -> None:
        self._value = {**(self._value or {}), sub.name: value}
        apply_visibility(self.fields, self._value)
        self.edited.emit(self.value(), self.ctx.text(sub.title))

    def _add(self) -> None:
        created = self.new_object()
        if created is None:
            return
        show_problem(self.problem, None)
        self._value = created
        self._show()
        self.edited.emit(self.value(), "")
        first = next(iter(self.fields.values()), None)
        if first is not None:
            first.editor.setFocus()

    def _remove(self) -> None:
        self._value = None
        self._show()
        self.edited.emit(None, "")

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        for row in self.fields.values():
            row.editor.set_read_only(read_only)
        self.remove.setVisible(not read_only)
        self._show()

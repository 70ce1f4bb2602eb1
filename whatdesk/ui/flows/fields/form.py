"""A titled field row (title above the widget, help under it): the inspector's building block,
also used inside list rows and objects."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QVBoxLayout, QWidget

from whatdesk.flows.registry import FieldSpec

from .base import FieldContext, FieldEditor, secondary_label, title_label


class FieldRow(QWidget):
    """Title, editor and help of one field; hidden as a whole when ``visible_when`` says so."""

    def __init__(self, spec: FieldSpec, editor: FieldEditor, ctx: FieldContext,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.editor = editor
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.title = None
        if not editor.inline_title:
            text = ctx.text(spec.title) + (" *" if spec.required else "")
            self.title = title_label(text)
            self.title.setBuddy(editor)
            layout.addWidget(self.title)
        layout.addWidget(editor)
        self.help = None
        if spec.help is not None:
            self.help = secondary_label(ctx.text(spec.help))
            layout.addWidget(self.help)


def field_row(spec: FieldSpec, ctx: FieldContext, parent: QWidget | None = None) -> FieldRow:
    from . import editor_for

    return FieldRow(spec, editor_for(spec, ctx), ctx, parent)


def apply_visibility(rows: dict[str, FieldRow], values: dict[str, Any]) -> None:
    """Show each row whose ``visible_when`` holds for these values (a form, a list row)."""
    for row in rows.values():
        rule = row.spec.visible_when
        if rule is not None:
            row.setVisible(values.get(rule[0]) in rule[1])

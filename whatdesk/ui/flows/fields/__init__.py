"""Inspector field widgets, one per FieldKind; a node type needing something special
registers one custom widget for its field here, and needs no other inspector code."""

from __future__ import annotations

from whatdesk.flows.registry import FieldKind, FieldSpec

from .base import FieldContext, FieldEditor, ui_locale
from .hours import HoursEditor
from .lists import KeyValueEditor, ObjectListEditor
from .media import MediaEditor
from .objects import ObjectEditor
from .simple import (
    BoolEditor,
    ChoiceEditor,
    DateListEditor,
    FlowRefEditor,
    MultilineEditor,
    NumberEditor,
    RegexEditor,
    StringListEditor,
    TemplateEditor,
    TemplateOrListEditor,
    TextEditor,
    TimezoneEditor,
    VariableEditor,
)

EDITORS: dict[FieldKind, type[FieldEditor]] = {
    FieldKind.TEXT: TextEditor,
    FieldKind.TEMPLATE: TemplateEditor,
    FieldKind.MULTILINE: MultilineEditor,
    FieldKind.NUMBER: NumberEditor,
    FieldKind.INTEGER: NumberEditor,
    FieldKind.BOOL: BoolEditor,
    FieldKind.CHOICE: ChoiceEditor,
    FieldKind.VARIABLE: VariableEditor,
    FieldKind.REGEX: RegexEditor,
    FieldKind.TIMEZONE: TimezoneEditor,
    FieldKind.FLOW_REF: FlowRefEditor,
    FieldKind.MEDIA: MediaEditor,
    FieldKind.LOCATION: ObjectEditor,
    FieldKind.CONTACT: ObjectEditor,
    FieldKind.KEY_VALUE: KeyValueEditor,
    FieldKind.STRING_LIST: StringListEditor,
    FieldKind.DATE_LIST: DateListEditor,
    FieldKind.HOURS: HoursEditor,
    FieldKind.OBJECT_LIST: ObjectListEditor,
    FieldKind.TEMPLATE_OR_LIST: TemplateOrListEditor,
}
CUSTOM: dict[tuple[str, str], type[FieldEditor]] = {}  # (node type, field name) -> widget


def register_custom(node_type: str, field_name: str, editor: type[FieldEditor]) -> None:
    """One special widget for one field of one node type (the only inspector code a new
    node type may need)."""
    CUSTOM[(node_type, field_name)] = editor


def editor_for(spec: FieldSpec, ctx: FieldContext, node_type: str = "") -> FieldEditor:
    cls = CUSTOM.get((node_type, spec.name)) or EDITORS.get(spec.kind, TextEditor)
    return cls(spec, ctx)


__all__ = ["CUSTOM", "EDITORS", "FieldContext", "FieldEditor", "editor_for", "register_custom",
           "ui_locale"]

"""A node's one-line summary, derived from its type's field declarations (no per-type code)."""

from __future__ import annotations

from typing import Any

from whatdesk.flows import registry
from whatdesk.flows.registry import FieldKind, NodeType

_TEXT_KINDS = (FieldKind.MULTILINE, FieldKind.TEMPLATE, FieldKind.TEXT, FieldKind.FLOW_REF,
               FieldKind.REGEX, FieldKind.VARIABLE, FieldKind.TEMPLATE_OR_LIST)
MAX_CHARS = 120


def _scalar(value: Any) -> str:
    if isinstance(value, bool) or value is None:
        return ""
    if isinstance(value, (int, float)):
        return f"{value:g}"
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, list):
        return ", ".join(s for s in (_scalar(v) for v in value) if s)
    return ""


def _rows(value: Any) -> str:
    if not isinstance(value, list):
        return ""
    parts = []
    for row in value:
        if isinstance(row, dict):
            text = " ".join(s for s in (_scalar(v) for v in row.values()) if s)
            if text:
                parts.append(text)
    return " · ".join(parts)


def summarize(node_type: NodeType | None, config: dict[str, Any], locale: str) -> str:
    """The first text the node would say or use; else its first set value, titled."""
    if node_type is None:
        return ""
    text = ""
    for spec in node_type.fields:  # pass 1: what the node says or stores
        if spec.kind in _TEXT_KINDS:
            text = _scalar(config.get(spec.name))
            if text:
                break
    if not text:
        for spec in node_type.fields:  # pass 2: anything set, with its field title
            value = config.get(spec.name, spec.default)
            if spec.kind == FieldKind.OBJECT_LIST:
                text = _rows(value)
            elif spec.kind == FieldKind.CHOICE:
                text = next((t(locale) for key, t in spec.choices if key == value), "")
            elif spec.kind == FieldKind.HOURS and value == "connection":
                text = spec.title(locale)
            elif spec.kind in (FieldKind.NUMBER, FieldKind.INTEGER):
                number = _scalar(value)
                text = f"{spec.title(locale)}: {number}" if number else ""
            elif spec.kind in (FieldKind.STRING_LIST, FieldKind.DATE_LIST):
                text = _scalar(value)
            elif spec.kind in registry.OBJECT_KINDS and isinstance(value, dict):
                text = " ".join(s for s in (_scalar(v) for v in value.values()) if s)
            if text:
                break
    if not text:
        text = node_type.description(locale)
    line = " ".join(text.split())  # one line: newlines and runs of spaces become one space
    return line[:MAX_CHARS]

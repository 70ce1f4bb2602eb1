"""Node types, declared once: the palette, inspector forms, validator, interpreter and CLI derive from here."""

from __future__ import annotations

import copy
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .document import Node
    from .runtime import Outcome, Step
    from .validation import Checker
    from .validators import Answer


@dataclass(frozen=True)
class Text:
    """A user-visible string in both shipped languages."""

    pt: str
    en: str

    def __call__(self, locale: str = "pt") -> str:
        return self.en if locale.startswith("en") else self.pt


class FieldKind(StrEnum):
    TEXT = "text"  # one line, not a template (ids, names)
    TEMPLATE = "template"  # one line with {{variables}}
    MULTILINE = "multiline"  # a message body with {{variables}}
    NUMBER = "number"
    INTEGER = "integer"
    BOOL = "bool"
    CHOICE = "choice"  # one of `choices`
    VARIABLE = "variable"  # a variable name the node writes
    REGEX = "regex"
    TIMEZONE = "timezone"  # IANA name
    FLOW_REF = "flow_ref"  # another flow, by name or id
    MEDIA = "media"  # object {path, kind, caption, filename} (item_fields)
    LOCATION = "location"  # object {latitude, longitude, name, address}
    CONTACT = "contact"  # object {name, phone}
    KEY_VALUE = "key_value"  # {name: template} (HTTP headers)
    STRING_LIST = "string_list"  # ["a", "b"] (tags, keywords)
    DATE_LIST = "date_list"  # ["YYYY-MM-DD"]
    HOURS = "hours"  # "connection" or {"mon": [["09:00", "18:00"]], ...}
    OBJECT_LIST = "object_list"  # rows described by item_fields (options, rules, branches...)
    TEMPLATE_OR_LIST = "template_or_list"  # a template, or a list of them (condition `in`)


OBJECT_KINDS = frozenset({FieldKind.MEDIA, FieldKind.LOCATION, FieldKind.CONTACT})
TEMPLATE_KINDS = frozenset({FieldKind.TEMPLATE, FieldKind.MULTILINE, FieldKind.TEMPLATE_OR_LIST,
                            FieldKind.KEY_VALUE})


@dataclass(frozen=True)
class FieldSpec:
    name: str
    kind: FieldKind
    title: Text
    default: Any = None
    required: bool = False
    required_code: str = "missing_required"  # the validation code when a required field is empty
    nullable: bool = False  # null is a meaningful value ("wait forever", "no queue")
    minimum: float | None = None
    maximum: float | None = None
    choices: tuple[tuple[str, Text], ...] = ()
    item_fields: tuple[FieldSpec, ...] = ()  # OBJECT_LIST rows and MEDIA/LOCATION/CONTACT objects
    help: Text | None = None
    visible_when: tuple[str, tuple[str, ...]] | None = None  # (other field, values) for forms
    new_item: Callable[[list[dict[str, Any]]], dict[str, Any]] | None = None  # editor "+ add"

    def default_value(self) -> Any:
        return copy.deepcopy(self.default)


@dataclass(frozen=True)
class PortSpec:
    id: str
    title: Text


Execute = Callable[["Step"], Awaitable["Outcome"]]
OnInput = Callable[["Step", "Answer"], Awaitable["Outcome"]]
OnTimer = Callable[["Step"], Awaitable["Outcome"]]
Check = Callable[["Node", dict[str, Any], "Checker"], None]


@dataclass(frozen=True)
class NodeType:
    name: str
    title: Text
    category: str
    icon: str
    description: Text
    execute: Execute
    fields: tuple[FieldSpec, ...] = ()
    ports: tuple[PortSpec, ...] = ()  # static ports, after the dynamic ones
    dynamic_ports: Callable[[dict[str, Any]], list[PortSpec]] | None = None
    waits: bool = False  # stops the run until input or a timer
    terminal: bool = False
    unique: bool = False  # at most one per flow (start)
    on_input: OnInput | None = None
    on_timer: OnTimer | None = None
    check: Check | None = None

    def field(self, name: str) -> FieldSpec | None:
        return next((f for f in self.fields if f.name == name), None)

    def default_config(self) -> dict[str, Any]:
        return {f.name: f.default_value() for f in self.fields}

    def effective_config(self, config: dict[str, Any], copy_defaults: bool = True
                         ) -> dict[str, Any]:
        """The node's config with defaults filled in for missing (not for null) keys."""
        out = dict(config)
        for spec in self.fields:
            if spec.name not in out:
                out[spec.name] = spec.default_value() if copy_defaults else spec.default
        return out

    def ports_for(self, config: dict[str, Any]) -> list[PortSpec]:
        ports: list[PortSpec] = []
        if self.dynamic_ports is not None:
            try:
                ports.extend(self.dynamic_ports(self.effective_config(config, False)))
            except (TypeError, AttributeError, KeyError, ValueError):
                pass  # malformed config: the validator reports it
        ports.extend(self.ports)
        return ports

    def port_ids(self, config: dict[str, Any]) -> list[str]:
        return [p.id for p in self.ports_for(config)]


@dataclass(frozen=True)
class Category:
    id: str
    title: Text
    icon: str


CATEGORIES: tuple[Category, ...] = (
    Category("flow", Text("Fluxo", "Flow"), "flow"),
    Category("messages", Text("Mensagens", "Messages"), "message"),
    Category("input", Text("Perguntas", "Input"), "question"),
    Category("logic", Text("Lógica", "Logic"), "logic"),
    Category("ticket", Text("Atendimento", "Ticket"), "ticket"),
    Category("integrations", Text("Integrações", "Integrations"), "http"),
)

_TYPES: dict[str, NodeType] = {}


def register(node_type: NodeType) -> NodeType:
    if node_type.name in _TYPES:
        raise ValueError(f"node type {node_type.name!r} registered twice")
    if node_type.category not in {c.id for c in CATEGORIES}:
        raise ValueError(f"node type {node_type.name!r}: unknown category {node_type.category!r}")
    _TYPES[node_type.name] = node_type
    return node_type


def _ensure_loaded() -> None:
    if not _TYPES:
        from . import nodes  # noqa: F401  (each module registers its type on import)


def get(name: str) -> NodeType | None:
    _ensure_loaded()
    return _TYPES.get(name)


def all_types() -> list[NodeType]:
    _ensure_loaded()
    return list(_TYPES.values())


def by_category() -> Iterator[tuple[Category, list[NodeType]]]:
    """For the palette: categories in order, each with its node types."""
    types = all_types()
    for category in CATEGORIES:
        members = [t for t in types if t.category == category.id]
        if members:
            yield category, members


def new_node_config(type_name: str) -> dict[str, Any]:
    node_type = get(type_name)
    if node_type is None:
        raise KeyError(type_name)
    return node_type.default_config()


@dataclass(frozen=True)
class FieldValue:
    """One value found by walking a config through its field specs (for scanning templates)."""

    spec: FieldSpec
    value: Any
    path: str


def walk_fields(fields: tuple[FieldSpec, ...], config: dict[str, Any],
                prefix: str = "") -> Iterator[FieldValue]:
    for spec, value, path in iter_values(fields, config, prefix):
        yield FieldValue(spec, value, path)


def iter_values(fields: tuple[FieldSpec, ...], config: dict[str, Any],
                prefix: str = "") -> Iterator[tuple[FieldSpec, Any, str]]:
    """(spec, value, path) for every field, descending into lists of rows and objects."""
    for spec in fields:
        value = config.get(spec.name, spec.default)
        path = prefix + spec.name
        yield spec, value, path
        if spec.item_fields:
            if spec.kind == FieldKind.OBJECT_LIST and isinstance(value, list):
                for index, row in enumerate(value):
                    if isinstance(row, dict):
                        yield from iter_values(spec.item_fields, row, f"{path}.{index}.")
            elif spec.kind in OBJECT_KINDS and isinstance(value, dict):
                yield from iter_values(spec.item_fields, value, f"{path}.")

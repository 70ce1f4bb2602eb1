"""The flow's own properties (name, description, variables, keyword triggers), declared as
field specs so the inspector shows them with the same widgets as a node's settings when
nothing is selected."""

from __future__ import annotations

from typing import Any

from whatdesk.flows.document import Flow
from whatdesk.flows.registry import FieldKind, FieldSpec, Text

FLOW_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("name", FieldKind.TEXT, Text("Nome", "Name"), default=""),
    FieldSpec("description", FieldKind.TEXT, Text("Descrição", "Description"), default=""),
    FieldSpec("variables", FieldKind.KEY_VALUE, Text("Variáveis", "Variables"), default={},
              help=Text("Declaradas com o valor inicial de cada conversa.",
                        "Declared with the value each conversation starts with.")),
    FieldSpec("triggers", FieldKind.OBJECT_LIST,
              Text("Palavras-chave que iniciam o fluxo", "Keywords that start this flow"),
              default=[], item_fields=(
                  FieldSpec("keyword", FieldKind.TEXT, Text("Palavra-chave", "Keyword"),
                            default=""),
                  FieldSpec("match", FieldKind.CHOICE, Text("Quando a mensagem", "When the message"),
                            default="contains", choices=(
                                ("contains", Text("contém", "contains it")),
                                ("exact", Text("é exatamente", "is exactly it")))),
              ),
              new_item=lambda _rows: {"keyword": "", "match": "contains"}),
)
FLOW_FIELD_NAMES = tuple(spec.name for spec in FLOW_FIELDS)
# In the app the flows page names a flow and sets its triggers (they live in the database
# too); only the file editor (`whatdesk flow edit`) edits them in the document.
APP_FLOW_FIELDS = ("variables",)


def flow_fields(names: tuple[str, ...]) -> tuple[FieldSpec, ...]:
    return tuple(spec for spec in FLOW_FIELDS if spec.name in names)


def flow_values(flow: Flow) -> dict[str, Any]:
    return {name: getattr(flow, name) for name in FLOW_FIELD_NAMES}

"""`set_variable`: assign variables from templates."""

from __future__ import annotations

from ..registry import FieldKind, FieldSpec, NodeType, Text, register
from ..runtime import Goto, Outcome, Step
from ._common import NEXT


async def execute(step: Step) -> Outcome:
    rows = step.config.get("assignments")
    for row in rows if isinstance(rows, list) else []:
        if isinstance(row, dict) and isinstance(row.get("name"), str) and row["name"].strip():
            step.set_var(row["name"].strip(), step.render(row.get("value")))
    return Goto("next")


NODE_TYPE = register(NodeType(
    name="set_variable", title=Text("Definir variável", "Set variable"), category="logic",
    icon="variable",
    description=Text("Guarda valores em variáveis.", "Stores values in variables."),
    fields=(FieldSpec(
        "assignments", FieldKind.OBJECT_LIST, Text("Atribuições", "Assignments"),
        default=[{"name": "", "value": ""}],
        item_fields=(
            FieldSpec("name", FieldKind.VARIABLE, Text("Variável", "Variable"), default="",
                      required=True),
            FieldSpec("value", FieldKind.TEMPLATE, Text("Valor", "Value"), default=""),
        )),),
    execute=execute, ports=(NEXT,),
))

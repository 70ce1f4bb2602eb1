"""`go_to_flow`: continue at the start of another flow, keeping the variables."""

from __future__ import annotations

from ..registry import FieldKind, FieldSpec, NodeType, Text, register
from ..runtime import Jump, Outcome, Step


async def execute(step: Step) -> Outcome:
    return Jump(str(step.config.get("flow") or ""))


NODE_TYPE = register(NodeType(
    name="go_to_flow", title=Text("Ir para fluxo", "Go to flow"), category="flow",
    icon="flow-jump",
    description=Text("Continua no início de outro fluxo, mantendo as variáveis.",
                     "Continues at the start of another flow, keeping the variables."),
    fields=(FieldSpec("flow", FieldKind.FLOW_REF, Text("Fluxo", "Flow"), default="",
                      required=True, required_code="go_to_flow_no_flow"),),
    execute=execute, terminal=True,
))

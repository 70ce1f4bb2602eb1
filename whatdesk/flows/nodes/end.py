"""`end`: the run ends; the contact's next message starts the flow again."""

from __future__ import annotations

from ..registry import NodeType, Text, register
from ..runtime import Outcome, RunStatus, Step, Stop


async def execute(step: Step) -> Outcome:
    return Stop(RunStatus.ENDED)


NODE_TYPE = register(NodeType(
    name="end", title=Text("Fim", "End"), category="flow", icon="stop",
    description=Text("Encerra o fluxo; a próxima mensagem do contato recomeça do início.",
                     "Ends the run; the contact's next message starts the flow again."),
    execute=execute, terminal=True,
))

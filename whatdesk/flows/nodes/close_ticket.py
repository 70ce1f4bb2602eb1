"""`close_ticket`: optional farewell, then the ticket is closed and the bot stops."""

from __future__ import annotations

from ..registry import FieldKind, FieldSpec, NodeType, Text, register
from ..runtime import Outcome, RunStatus, Step, Stop


async def execute(step: Step) -> Outcome:
    await step.ctx.sink.close(step.render(step.config.get("text")))
    return Stop(RunStatus.CLOSED)


NODE_TYPE = register(NodeType(
    name="close_ticket", title=Text("Encerrar atendimento", "Close ticket"), category="ticket",
    icon="ticket-close",
    description=Text("Envia a despedida (opcional) e fecha o atendimento.",
                     "Sends an optional farewell and closes the ticket."),
    fields=(FieldSpec("text", FieldKind.MULTILINE, Text("Despedida", "Farewell"), default=""),),
    execute=execute, terminal=True,
))

"""`transfer`: hand the ticket to a queue (pending) or an agent (open); the bot stops."""

from __future__ import annotations

from ..registry import FieldKind, FieldSpec, NodeType, Text, register
from ..runtime import MessageSpec, Outcome, RunStatus, Step, Stop


def _name(value: object) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


async def execute(step: Step) -> Outcome:
    text = step.render(step.config.get("text"))
    if text.strip():
        await step.ctx.sink.send(MessageSpec(text=text))
    await step.ctx.sink.transfer(_name(step.config.get("queue")), _name(step.config.get("agent")))
    return Stop(RunStatus.TRANSFERRED)


NODE_TYPE = register(NodeType(
    name="transfer", title=Text("Transferir", "Transfer"), category="ticket", icon="transfer",
    description=Text("Passa a conversa para uma fila ou um atendente; o robô para.",
                     "Hands the conversation to a queue or an agent; the bot stops."),
    fields=(
        FieldSpec("queue", FieldKind.TEXT, Text("Fila", "Queue"), default=None, nullable=True),
        FieldSpec("agent", FieldKind.TEXT, Text("Atendente (nome ou e-mail)", "Agent (name or e-mail)"),
                  default=None, nullable=True),
        FieldSpec("text", FieldKind.MULTILINE, Text("Mensagem antes", "Message first"), default=""),
    ),
    execute=execute, terminal=True,
))

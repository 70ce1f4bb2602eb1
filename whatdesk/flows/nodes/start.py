"""`start`: where every run begins; exactly one per flow."""

from __future__ import annotations

from ..registry import NodeType, Text, register
from ..runtime import Goto, Outcome, Step
from ._common import NEXT


async def execute(step: Step) -> Outcome:
    return Goto("next")


NODE_TYPE = register(NodeType(
    name="start", title=Text("Início", "Start"), category="flow", icon="play",
    description=Text("Onde a conversa começa.", "Where the conversation begins."),
    execute=execute, ports=(NEXT,), unique=True,
))

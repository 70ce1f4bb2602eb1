"""`delay`: wait some seconds without blocking anything else (the engine's timer wakes the run)."""

from __future__ import annotations

from ..registry import FieldKind, FieldSpec, NodeType, Text, register
from ..runtime import Goto, Outcome, Step, Wait
from ._common import NEXT, later, number


async def execute(step: Step) -> Outcome:
    return Wait("timer", later(step, number(step.config, "seconds", 5)))


async def on_timer(step: Step) -> Outcome:
    return Goto("next")


NODE_TYPE = register(NodeType(
    name="delay", title=Text("Aguardar", "Delay"), category="logic", icon="timer",
    description=Text("Espera alguns segundos antes de seguir.", "Waits some seconds, then goes on."),
    fields=(FieldSpec("seconds", FieldKind.NUMBER, Text("Segundos", "Seconds"), default=5,
                      minimum=0, maximum=30 * 86400),),
    execute=execute, on_timer=on_timer, ports=(NEXT,), waits=True,
))

"""Pieces several node types share: common fields, ports, the ask-validate-retry loop."""

from __future__ import annotations

import math
from datetime import datetime, timedelta
from typing import Any

from ..registry import FieldKind, FieldSpec, PortSpec, Text
from ..runtime import Goto, MessageSpec, Outcome, Step, Wait

NEXT = PortSpec("next", Text("Próximo", "Next"))
INVALID = PortSpec("invalid", Text("Inválido", "Invalid"))
TIMEOUT = PortSpec("timeout", Text("Sem resposta", "Timeout"))

MAX_RETRIES = FieldSpec(
    "max_retries", FieldKind.INTEGER, Text("Tentativas", "Retries"), default=3,
    minimum=0, maximum=20,
    help=Text("Respostas inválidas aceitas antes de seguir pela saída Inválido.",
              "Invalid replies allowed before taking the Invalid exit."))
TIMEOUT_S = FieldSpec(
    "timeout_s", FieldKind.NUMBER, Text("Esperar no máximo (s)", "Wait at most (s)"),
    default=None, nullable=True, minimum=1, maximum=30 * 86400,
    help=Text("Vazio: espera para sempre.", "Empty: wait forever."))


def number(config: dict[str, Any], name: str, default: float) -> float:
    value = config.get(name)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return default
    try:
        result = float(value)
    except OverflowError:  # an integer too big for a float
        return default
    return result if math.isfinite(result) else default


MAX_WAIT_S = 365 * 86400  # an absurd timeout in a hand-edited file waits a year, never crashes


def later(step: Step, seconds: float) -> datetime:
    return step.now() + timedelta(seconds=min(max(seconds, 0.0), MAX_WAIT_S))


def wait_for_input(step: Step) -> Wait:
    timeout = number(step.config, "timeout_s", 0)
    return Wait("input", later(step, timeout) if timeout > 0 else None)


async def retry_or_give_up(step: Step, invalid_text: str, ask_again: MessageSpec) -> Outcome:
    """After an unusable reply: ask again, or leave by `invalid` once retries run out."""
    step.state.retries += 1
    limit = int(number(step.config, "max_retries", 3))
    if step.state.retries >= limit:  # "after max_retries invalid replies"
        return Goto("invalid")
    if invalid_text:
        await step.ctx.sink.send(MessageSpec(text=invalid_text))
    await step.ctx.sink.send(ask_again)
    return wait_for_input(step)

"""The flow interpreter: advances a run node by node on input and timers; side effects go to the sink."""

from __future__ import annotations

import logging
import random
from collections.abc import Awaitable, Callable
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from . import registry
from .document import Flow, Node
from .runtime import (
    ActionSink, ConnectionInfo, ContactInfo, FlowResolver, Goto, Jump, MenuOption, MessageSpec,
    Outcome, RunContext, RunState, RunStatus, Services, Step, Stop, Wait,
)
from .regexes import UnusableRegex
from .validators import Answer

if TYPE_CHECKING:
    import httpx

log = logging.getLogger(__name__)

MAX_STEPS = 50  # nodes executed for one incoming message or timer

ERROR_MESSAGES: dict[str, tuple[str, str]] = {  # code -> (pt, en)
    "loop_limit": ("o fluxo executou mais de 50 passos seguidos sem esperar o contato",
                   "the flow ran more than 50 steps in a row without waiting for the contact"),
    "start_missing": ("o fluxo não tem um nó Início", "the flow has no Start node"),
    "flow_not_found": ("fluxo de destino não encontrado", "target flow not found"),
    "missing_node": ("uma ligação aponta para um nó inexistente",
                     "an edge points to a node that does not exist"),
    "unknown_node_type": ("tipo de nó desconhecido", "unknown node type"),
    "node_failed": ("um nó falhou ao executar", "a node failed"),
    "invalid_regex": ("expressão regular inutilizável", "unusable regular expression"),
    "media_path_invalid": ("arquivo de mídia fora da pasta flow-media",
                           "media file outside the flow-media folder"),
    "media_not_found": ("arquivo de mídia não encontrado", "media file not found"),
}

__all__ = [
    "ActionSink", "Answer", "ConnectionInfo", "ContactInfo", "FlowResolver", "Interpreter",
    "MAX_STEPS", "MenuOption", "MessageSpec", "RunContext", "RunState", "RunStatus",
]


class Interpreter:
    """Stateless between calls: everything about a run is in its RunState."""

    def __init__(self, resolver: FlowResolver | None = None,
                 http_client: httpx.AsyncClient | None = None,
                 rng: random.Random | None = None, max_steps: int = MAX_STEPS,
                 media_root: Path | None = None) -> None:
        self.services = Services(resolver, http_client, rng or random.Random(), media_root)
        self.max_steps = max_steps

    # ---- public API ---------------------------------------------------------------------
    async def start(self, flow: Flow, ctx: RunContext, first_input: Answer | None = None,
                    variables: dict[str, str] | None = None) -> RunState:
        """A new run for a conversation; `first_input` is the message that started it."""
        state = RunState(flow_id=flow.id, flow_version=flow.version,
                         variables={**flow.variables, **(variables or {})},
                         last_input=first_input.text if first_input else "")
        return await self._enter_start(flow, state, ctx, budget=[self.max_steps])

    async def start_at(self, flow: Flow, node_id: str, ctx: RunContext,
                       variables: dict[str, str] | None = None) -> RunState:
        """A new run that begins at `node_id` instead of Start (the editor's "test from here")."""
        state = RunState(flow_id=flow.id, flow_version=flow.version,
                         variables={**flow.variables, **(variables or {})})
        node = flow.node(node_id)
        if node is None:
            return await self._fail(state, ctx, "missing_node", node_id)
        return await self._enter(flow, state, ctx, node, budget=[self.max_steps])

    async def on_input(self, flow: Flow, state: RunState, answer: Answer,
                       ctx: RunContext) -> RunState:
        """The contact sent a message. An ended run starts again; a stopped bot stays quiet.

        `flow` must be the flow named by `state.flow_id` (a go_to_flow moves the run).
        """
        if state.status == RunStatus.ENDED:  # "the next message starts the flow again", afresh
            return await self.start(flow, ctx, answer)
        if state.status != RunStatus.WAITING_INPUT:
            if answer.text:
                state = replace(state, last_input=answer.text)
            return state  # waiting on a timer, or the bot has stopped for this ticket
        state = replace(state, variables=dict(state.variables), last_input=answer.text)
        node, node_type = self._current(flow, state)
        if node is None or node_type is None or node_type.on_input is None:
            return await self._fail(state, ctx, "missing_node", str(state.node))
        state.status = RunStatus.RUNNING
        step = self._step(flow, node, state, ctx)
        return await self._drive(flow, state, ctx, node, partial(node_type.on_input, step, answer),
                                 budget=[self.max_steps - 1])

    async def on_timer(self, flow: Flow, state: RunState, ctx: RunContext) -> RunState:
        """A delay or an input timeout may be due; does nothing when it is not yet."""
        if not state.status.is_waiting or state.wake_at is None \
                or ctx.clock.now() < state.wake_at:
            return state
        state = replace(state, variables=dict(state.variables))
        node, node_type = self._current(flow, state)
        if node is None or node_type is None or node_type.on_timer is None:
            return await self._fail(state, ctx, "missing_node", str(state.node))
        state.status = RunStatus.RUNNING
        step = self._step(flow, node, state, ctx)
        return await self._drive(flow, state, ctx, node, partial(node_type.on_timer, step),
                                 budget=[self.max_steps - 1])

    # ---- the loop -----------------------------------------------------------------------
    def _current(self, flow: Flow, state: RunState
                 ) -> tuple[Node | None, registry.NodeType | None]:
        node = flow.node(state.node) if state.node else None
        return node, registry.get(node.type) if node else None

    def _step(self, flow: Flow, node: Node, state: RunState, ctx: RunContext) -> Step:
        cache = flow.run_cache
        if cache is not None:  # a published version: never edited, its configs can be kept
            hit = cache.get(node.id)
            if hit is None or hit[0] is not node:
                node_type = registry.get(node.type)
                hit = cache[node.id] = (node, node_type.effective_config(node.config)
                                        if node_type else dict(node.config))
            return Step(flow, node, dict(hit[1]), state, ctx, self.services)
        node_type = registry.get(node.type)
        config = node_type.effective_config(node.config) if node_type else dict(node.config)
        return Step(flow, node, config, state, ctx, self.services)

    async def _enter_start(self, flow: Flow, state: RunState, ctx: RunContext,
                           budget: list[int]) -> RunState:
        starts = flow.start_nodes()
        if len(starts) != 1:
            return await self._fail(state, ctx, "start_missing", flow.name)
        return await self._enter(flow, state, ctx, starts[0], budget)

    async def _enter(self, flow: Flow, state: RunState, ctx: RunContext, node: Node,
                     budget: list[int]) -> RunState:
        if budget[0] <= 0:
            return await self._fail(state, ctx, "loop_limit", node.id)
        budget[0] -= 1
        state.node, state.retries, state.waiting, state.wake_at = node.id, 0, None, None
        state.status = RunStatus.RUNNING
        node_type = registry.get(node.type)
        if node_type is None:
            return await self._fail(state, ctx, "unknown_node_type", node.type)
        step = self._step(flow, node, state, ctx)
        return await self._drive(flow, state, ctx, node, partial(node_type.execute, step), budget)

    async def _drive(self, flow: Flow, state: RunState, ctx: RunContext, node: Node,
                     run_node: Callable[[], Awaitable[Outcome]], budget: list[int]) -> RunState:
        """Run one node's handler, then follow outcomes until the run waits or stops."""
        while True:
            try:
                outcome = await run_node()
            except UnusableRegex as err:  # e.g. a pattern rendered from a variable
                _trace(ctx, node.id, "error")
                return await self._fail(state, ctx, "invalid_regex", f"{node.id}: {err}")
            except Exception as err:  # a node must never take the engine down
                log.exception("flow %s node %s failed", flow.id, node.id)
                _trace(ctx, node.id, "error")
                return await self._fail(state, ctx, "node_failed",
                                        f"{node.id}: {type(err).__name__}: {err}")
            if not isinstance(outcome, Wait):
                _trace(ctx, node.id, outcome.port if isinstance(outcome, Goto) else "")
            if isinstance(outcome, Wait):
                state.waiting = outcome.kind
                state.wake_at = outcome.wake_at
                state.status = (RunStatus.WAITING_INPUT if outcome.kind == "input"
                                else RunStatus.WAITING_TIMER)
                return state
            if isinstance(outcome, Stop):
                return await self._stop(state, ctx, outcome)
            if isinstance(outcome, Jump):
                await ctx.sink.go_to_flow(outcome.flow)
                target = await self._resolve(outcome.flow)
                if target is None:
                    return await self._fail(state, ctx, "flow_not_found", outcome.flow)
                flow = target
                state.flow_id = target.id
                state.flow_version = target.version
                for name, value in target.variables.items():
                    state.variables.setdefault(name, value)
                starts = target.start_nodes()
                if len(starts) != 1:
                    return await self._fail(state, ctx, "start_missing", target.name)
                next_node = starts[0]
            else:
                assert isinstance(outcome, Goto)
                edge = flow.edge_from(node.id, outcome.port)
                if edge is None:  # an unconnected exit ends the run like `end`
                    return await self._stop(state, ctx, Stop(RunStatus.ENDED))
                found = flow.node(edge.target)
                if found is None:
                    return await self._fail(state, ctx, "missing_node", edge.target)
                next_node = found
            if budget[0] <= 0:
                state.node = next_node.id
                return await self._fail(state, ctx, "loop_limit", next_node.id)
            budget[0] -= 1
            node = next_node
            state.node, state.retries, state.waiting, state.wake_at = node.id, 0, None, None
            node_type = registry.get(node.type)
            if node_type is None:
                return await self._fail(state, ctx, "unknown_node_type", node.type)
            step = self._step(flow, node, state, ctx)
            run_node = partial(node_type.execute, step)

    async def _resolve(self, ref: str) -> Flow | None:
        if self.services.resolver is None or not ref:
            return None
        try:
            return await self.services.resolver.resolve(ref)
        except Exception:  # a broken resolver is a missing flow, not a crash
            log.exception("flow resolver failed for %r", ref)
            return None

    async def _stop(self, state: RunState, ctx: RunContext, stop: Stop) -> RunState:
        if stop.status == RunStatus.ERROR:
            return await self._fail(state, ctx, stop.error or "node_failed", stop.detail or "")
        state.status, state.waiting, state.wake_at = stop.status, None, None
        if stop.status == RunStatus.ENDED:
            await ctx.sink.end()
        return state

    async def _fail(self, state: RunState, ctx: RunContext, code: str, detail: str) -> RunState:
        state.status, state.error, state.error_detail = RunStatus.ERROR, code, detail[:300]
        state.waiting, state.wake_at = None, None
        pt, en = ERROR_MESSAGES.get(code, (code, code))
        message = en if ctx.locale.startswith("en") else pt
        try:
            await ctx.sink.error(code, f"{message}: {detail}" if detail else message)
        except Exception:
            log.exception("sink.error failed")
        return state


def _trace(ctx: RunContext, node_id: str, port: str) -> None:
    if ctx.on_node is not None:
        try:
            ctx.on_node(node_id, port)
        except Exception:  # counting must never change what the bot does
            log.exception("on_node callback failed")

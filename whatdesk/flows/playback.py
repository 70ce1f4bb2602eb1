"""One conversation played against a flow on virtual time: `whatdesk flow run` and the editor's test chat."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from whatdesk.domain.clock import VirtualClock

from .document import Flow
from .interpreter import Interpreter
from .runtime import ContactInfo, FlowResolver, RunContext, RunState, RunStatus
from .validators import Answer

MAX_AUTO_TIMERS = 200  # delays fired back to back for one input (a delay loop must not spin)
DEFAULT_CONTACT = ContactInfo("Maria Silva", "5511999990000")  # who a test conversation is


class Conversation:
    """The production interpreter driven by a tester: messages in, time moved by hand.

    Delays (`delay` nodes) complete at once; input timeouts fire only when `wait` moves the
    clock past them. `flows(flow_id)` finds the flow a go_to_flow moved the run to.
    """

    def __init__(self, flow: Flow, ctx: RunContext, clock: VirtualClock,
                 interpreter: Interpreter, variables: dict[str, str] | None = None,
                 flows: Callable[[str], Flow | None] | None = None) -> None:
        self.flow, self.ctx, self.clock = flow, ctx, clock
        self.interpreter = interpreter
        self.variables = dict(variables or {})
        self.state: RunState | None = None
        self._flows = flows

    def flow_of(self, state: RunState) -> Flow:
        """The flow the run is in now (a go_to_flow may have moved it to another one)."""
        if state.flow_id != self.flow.id and self._flows is not None:
            found = self._flows(state.flow_id)
            if found is not None:
                return found
        return self.flow

    async def _settle(self) -> None:
        """Delays complete at once: fire due timers of `delay` nodes back to back."""
        for _ in range(MAX_AUTO_TIMERS):
            state = self.state
            if state is None or state.status != RunStatus.WAITING_TIMER or state.wake_at is None:
                return
            if state.wake_at > self.clock.now():
                self.clock.advance((state.wake_at - self.clock.now()).total_seconds())
            self.state = await self.interpreter.on_timer(self.flow_of(state), state, self.ctx)

    async def begin(self, first: Answer | None = None) -> None:
        """Start the run afresh at the Start node (`first` is the message that started it)."""
        self.state = await self.interpreter.start(self.flow, self.ctx, first, self.variables)
        await self._settle()

    async def begin_at(self, node_id: str) -> None:
        """Start the run afresh at another node ("test from here")."""
        self.state = await self.interpreter.start_at(self.flow, node_id, self.ctx,
                                                     self.variables)
        await self._settle()

    async def send(self, answer: Answer) -> None:
        """The contact sent a message (the first one starts the flow)."""
        if self.state is None:
            await self.begin(answer)
            return
        self.state = await self.interpreter.on_input(self.flow_of(self.state), self.state,
                                                     answer, self.ctx)
        await self._settle()

    async def wait(self, seconds: float) -> None:
        """Let `seconds` of virtual time pass, firing the timeouts and delays due meanwhile."""
        target = self.clock.now() + timedelta(seconds=seconds)
        for _ in range(MAX_AUTO_TIMERS):
            state = self.state
            if state is None or not state.status.is_waiting or state.wake_at is None \
                    or state.wake_at > target:
                break
            if state.wake_at > self.clock.now():
                self.clock.advance((state.wake_at - self.clock.now()).total_seconds())
            self.state = await self.interpreter.on_timer(self.flow_of(state), state, self.ctx)
            await self._settle()
        if target > self.clock.now():
            self.clock.advance((target - self.clock.now()).total_seconds())


class RememberingResolver:
    """A FlowResolver that keeps every flow it found, so that a run a go_to_flow moved can
    be continued (`Conversation(flows=resolver.flows.get)`)."""

    def __init__(self, inner: FlowResolver) -> None:
        self.inner = inner
        self.flows: dict[str, Flow] = {}

    async def resolve(self, ref: str) -> Flow | None:
        found = await self.inner.resolve(ref)
        if found is not None:
            self.flows[found.id] = found
        return found

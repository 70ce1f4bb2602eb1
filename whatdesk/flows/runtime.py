"""What a running flow is made of: its serialisable state, its context, the action sink, outcomes."""

from __future__ import annotations

import random
from collections.abc import Awaitable, Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from whatdesk.domain.clock import DEFAULT_TIMEZONE, Clock, SystemClock

from . import templates

if TYPE_CHECKING:
    import httpx

    from .document import Flow, Node

DEFAULT_BUSINESS_HOURS: dict[str, list[list[str]]] = {
    day: [["09:00", "18:00"]] for day in ("mon", "tue", "wed", "thu", "fri")
}


class RunStatus(StrEnum):
    RUNNING = "running"  # only while a step is being processed; never persisted
    WAITING_INPUT = "waiting_input"
    WAITING_TIMER = "waiting_timer"
    ENDED = "ended"
    TRANSFERRED = "transferred"
    CLOSED = "closed"
    ERROR = "error"

    @property
    def is_waiting(self) -> bool:
        return self in (RunStatus.WAITING_INPUT, RunStatus.WAITING_TIMER)

    @property
    def bot_stopped(self) -> bool:
        """The bot hands over for good (a human or nobody continues)."""
        return self in (RunStatus.TRANSFERRED, RunStatus.CLOSED, RunStatus.ERROR)


@dataclass
class RunState:
    """One ticket's run: persisted by the engine (to_dict/from_dict) so a restart resumes it."""

    flow_id: str
    flow_version: int | None = None
    node: str | None = None
    variables: dict[str, str] = field(default_factory=dict)
    retries: int = 0
    waiting: str | None = None  # "input" | "timer" | None
    wake_at: datetime | None = None  # aware UTC: when on_timer is due (delay, or input timeout)
    status: RunStatus = RunStatus.RUNNING
    error: str | None = None  # a validation-style code: loop_limit, flow_not_found, ...
    error_detail: str | None = None
    last_input: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "flow_id": self.flow_id, "flow_version": self.flow_version, "node": self.node,
            "variables": dict(self.variables), "retries": self.retries, "waiting": self.waiting,
            "wake_at": self.wake_at.isoformat() if self.wake_at else None,
            "status": self.status.value, "error": self.error, "error_detail": self.error_detail,
            "last_input": self.last_input,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RunState:
        """Raises ValueError on anything that is not a state this code wrote."""
        if not isinstance(data, dict) or not isinstance(data.get("flow_id"), str):
            raise ValueError("estado de execução inválido")
        wake_at = data.get("wake_at")
        when = datetime.fromisoformat(wake_at) if isinstance(wake_at, str) else None
        if when is not None and when.tzinfo is None:
            raise ValueError("estado de execução inválido: wake_at sem fuso horário")
        variables = data.get("variables") or {}
        if not isinstance(variables, dict):
            raise ValueError("estado de execução inválido: variables")
        version = data.get("flow_version")
        retries = data.get("retries") or 0
        if isinstance(retries, bool) or not isinstance(retries, int):
            raise ValueError("estado de execução inválido: retries")
        return cls(
            flow_id=data["flow_id"],
            flow_version=version if isinstance(version, int) else None,
            node=data.get("node") if isinstance(data.get("node"), str) else None,
            variables={str(k): str(v) for k, v in variables.items()},
            retries=retries,
            waiting=data.get("waiting") if data.get("waiting") in ("input", "timer") else None,
            wake_at=when,
            status=RunStatus(data.get("status", "running")),
            error=data.get("error") if isinstance(data.get("error"), str) else None,
            error_detail=data.get("error_detail") if isinstance(data.get("error_detail"), str)
            else None,
            last_input=str(data.get("last_input") or ""),
        )


@dataclass(frozen=True)
class ContactInfo:
    name: str = ""
    number: str = ""  # E.164 digits


@dataclass(frozen=True)
class ConnectionInfo:
    name: str = ""
    timezone: str = DEFAULT_TIMEZONE
    business_hours: dict[str, list[list[str]]] = field(
        default_factory=lambda: {k: [list(v) for v in vs]
                                 for k, vs in DEFAULT_BUSINESS_HOURS.items()})


# ---- what the bot does to the outside world --------------------------------------------

@dataclass(frozen=True)
class MenuOption:
    id: str
    label: str


@dataclass(frozen=True)
class MessageSpec:
    """One outgoing message. A menu is a text message with `options` and a `style`."""

    kind: str = "text"  # text, image, video, audio, voice, document, sticker, location, contact
    text: str = ""  # body, or caption of a media message
    media_path: str | None = None
    filename: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    location_name: str | None = None
    location_address: str | None = None
    contact_name: str | None = None
    contact_phone: str | None = None
    options: tuple[MenuOption, ...] = ()
    style: str = "text"  # text | buttons | list (menus)
    fallback_text: str = ""  # a menu as numbered text, for channels without buttons/lists


class ActionSink(Protocol):
    """Side effects of a run; the engine implements it per ticket, `flow run` records them."""

    async def send(self, message: MessageSpec) -> None: ...

    async def typing(self, ms: int) -> None:
        """Show "typing..." for `ms` before the next send (pacing is the sink's job)."""
        ...

    async def tag(self, add: list[str], remove: list[str]) -> None: ...

    async def transfer(self, queue: str | None, agent: str | None) -> None: ...

    async def close(self, text: str) -> None: ...

    async def go_to_flow(self, flow: str) -> None: ...

    async def end(self) -> None: ...

    async def http(self, method: str, url: str, status: int | None) -> None: ...

    async def error(self, code: str, message: str) -> None: ...


class FlowResolver(Protocol):
    async def resolve(self, ref: str) -> Flow | None:
        """The flow named or identified by `ref`, or None."""
        ...


@dataclass
class RunContext:
    """Everything about the conversation a run needs besides its state."""

    sink: ActionSink
    clock: Clock = field(default_factory=SystemClock)
    contact: ContactInfo = field(default_factory=ContactInfo)
    connection: ConnectionInfo = field(default_factory=ConnectionInfo)
    ticket_id: str = ""
    queue_name: str = ""
    locale: str = "pt"
    # Told (node id, port taken) each time a node finishes; "" for a terminal node, "error"
    # when it raised. The engine counts executions per exit with it; must not raise.
    on_node: Callable[[str, str], None] | None = None
    # What this step is processing, the same when a crash makes it run again (the engine:
    # "m<message id>" or "t<wake-up time>"): with the ticket, the flow and the node it makes
    # the Idempotency-Key of an http_request. "" = no replay is possible (a random key).
    step_key: str = ""
    http_calls: int = 0  # http_request calls made in this context so far


# ---- outcomes of one node --------------------------------------------------------------

@dataclass(frozen=True)
class Goto:
    port: str


@dataclass(frozen=True)
class Wait:
    kind: str  # "input" | "timer"
    wake_at: datetime | None = None


@dataclass(frozen=True)
class Stop:
    status: RunStatus
    error: str | None = None
    detail: str | None = None


@dataclass(frozen=True)
class Jump:
    flow: str  # another flow's name or id


Outcome = Goto | Wait | Stop | Jump


@dataclass
class Services:
    """Shared by every run of one interpreter."""

    resolver: FlowResolver | None = None
    http_client: httpx.AsyncClient | None = None
    rng: random.Random = field(default_factory=random.Random)
    media_root: Path | None = None  # <data>/flow-media: the only place a flow's files come from


@dataclass
class Step:
    """What a node's execute/on_input/on_timer sees."""

    flow: Flow
    node: Node
    config: dict[str, Any]  # with defaults filled in
    state: RunState
    ctx: RunContext
    services: Services

    def now(self) -> datetime:
        return self.ctx.clock.now()

    def values(self) -> dict[str, str]:
        builtins = templates.builtin_values(
            contact_name=self.ctx.contact.name, contact_number=self.ctx.contact.number,
            ticket_id=self.ctx.ticket_id, connection_name=self.ctx.connection.name,
            queue_name=self.ctx.queue_name, now=self.now(),
            timezone=self.ctx.connection.timezone, locale=self.ctx.locale,
            last_input=self.state.last_input)
        return {**builtins, **self.state.variables}

    def render(self, template: Any, escape: str | None = None) -> str:
        if template is None:
            return ""
        if not isinstance(template, str):
            template = str(template)
        if "{{" not in template:
            return template
        return templates.render(template, _TemplateValues(self), escape=escape)

    def set_var(self, name: str, value: str) -> None:
        if name:
            self.state.variables[name] = value

    def text(self, pt: str, en: str) -> str:
        return en if self.ctx.locale.startswith("en") else pt


NodeHandler = Callable[[Step], Awaitable[Outcome]]


_BUILTIN_NAMES = frozenset(templates.BUILTINS)


class _TemplateValues(Mapping[str, str]):
    """Step.values() as render sees it, computed lazily: variables first, and the built-in
    names (time zone, greeting...) only when a template asks for one of them."""

    __slots__ = ("_step", "_builtins")

    def __init__(self, step: Step) -> None:
        self._step = step
        self._builtins: dict[str, str] | None = None

    def _all(self) -> dict[str, str]:
        return self._step.values()

    def get(self, name: str, default: Any = None) -> Any:
        variables = self._step.state.variables
        if name in variables:
            return variables[name]
        if name not in _BUILTIN_NAMES:
            return default
        if self._builtins is None:
            self._builtins = self._all()
        return self._builtins.get(name, default)

    def __getitem__(self, name: str) -> str:
        value = self.get(name, _MISSING)
        if value is _MISSING:
            raise KeyError(name)
        return value  # type: ignore[no-any-return]

    def __iter__(self) -> Iterator[str]:
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._all())


_MISSING = object()

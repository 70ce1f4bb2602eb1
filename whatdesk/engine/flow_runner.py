"""The flow runner: starts and resumes each ticket's chatbot run and commits every step once."""

from __future__ import annotations

import asyncio
import contextlib
import heapq
import itertools
import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from types import SimpleNamespace
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import httpx

from whatdesk.domain.clock import DEFAULT_TIMEZONE, Clock
from whatdesk.domain.enums import Direction, MessageKind, TicketStatus
from whatdesk.domain.events import (
    Button, ContactCard, InboundMessage, ListRow, Location, OutboundMessage,
)
from whatdesk.domain.vcard import build_vcard
from whatdesk.flows import (
    Answer, ConnectionInfo, ContactInfo, Flow, FlowFormatError, Interpreter, MessageSpec,
    RunContext, RunState, RunStatus, load, trigger_matches,
)
from whatdesk.flows.matching import fold
from whatdesk.flows.nodes.business_hours import is_open
from whatdesk.store import (
    ConnectionRow, NodeExecution, PublishedFlow, StepResult, StepWrite, apply_flow_step,
    get_contact, get_flow_version, get_ticket, list_connections, live_runs,
    published_flows, stop_bot, unanswered_inbound,
)

from .bus import EventBus
from .events import ConnectionsChanged, ErrorRaised, MessageCreated, TicketChanged
from .locks import KeyedLocks

log = logging.getLogger(__name__)

# A connection with no schedule attends at any time: its business-hours nodes say "open",
# as its out-of-hours message stays silent.
ALWAYS_OPEN: dict[str, list[list[str]]] = {
    day: [["00:00", "24:00"]] for day in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}

HTTP_TIMEOUT = httpx.Timeout(10.0, connect=5.0)
_IGNORED_KINDS = (MessageKind.REACTION, MessageKind.EDIT, MessageKind.REVOKE)
_BUTTON_KINDS = (MessageKind.BUTTON_REPLY, MessageKind.LIST_REPLY)
_KINDS = {kind.value: kind for kind in MessageKind}


@dataclass
class _Live:
    """A ticket's run as the runner keeps it between steps (the store has the same)."""

    state: RunState
    contact: ContactInfo | None = None
    chat: str | None = None
    last_message_id: int | None = None  # a message seen while a delay ran (not an answer)


@dataclass
class BufferingSink:
    """The ActionSink of a live conversation: it only RECORDS what the run does; the runner
    applies it all in one write after the step, so a crash never half-applies a step."""

    messages: list[tuple[MessageSpec, int]] = field(default_factory=list)  # (spec, typing_ms)
    tags_add: list[str] = field(default_factory=list)
    tags_remove: list[str] = field(default_factory=list)
    transfer_to: tuple[str | None, str | None] | None = None
    closed: bool = False
    close_text: str = ""
    errors: list[tuple[str, str]] = field(default_factory=list)
    jumps: list[str] = field(default_factory=list)
    _typing: int = 0

    async def send(self, message: MessageSpec) -> None:
        self.messages.append((message, self._typing))
        self._typing = 0

    async def typing(self, ms: int) -> None:
        self._typing = max(0, int(ms))

    async def tag(self, add: list[str], remove: list[str]) -> None:
        self.tags_add += [str(t) for t in add]
        self.tags_remove += [str(t) for t in remove]

    async def transfer(self, queue: str | None, agent: str | None) -> None:
        self.transfer_to = (queue, agent)

    async def close(self, text: str) -> None:
        self.closed = True
        self.close_text = text or ""

    async def go_to_flow(self, flow: str) -> None:
        self.jumps.append(flow)

    async def end(self) -> None:
        pass

    async def http(self, method: str, url: str, status: int | None) -> None:
        log.debug("flow http %s %s -> %s", method, url, status)

    async def error(self, code: str, message: str) -> None:
        self.errors.append((code, message))


class FlowRunner:
    """Subscribed to the inbound pipeline's commits; owns the timers of waiting runs.

    Per ticket, steps run one at a time in arrival order. Every step's effects (run state,
    bot messages, ticket status, tags, node counts) go to the store in ONE write; the write
    is skipped when a human took the ticket meanwhile.
    """

    def __init__(self, db: Any, bus: EventBus, clock: Clock,
                 handle_of: Callable[[int], Any | None], locale: str = "pt",
                 media_root: Path | None = None) -> None:
        self._db = db
        self._bus = bus
        self._clock = clock
        self._handle_of = handle_of
        self.locale = locale
        self._http: httpx.AsyncClient | None = None
        self.interpreter = Interpreter(resolver=self, media_root=media_root)
        self._published: dict[str, PublishedFlow] = {}
        self._triggers: list[tuple[str, str, str]] = []  # (flow_id, keyword, match)
        self._documents: dict[tuple[str, int], Flow] = {}
        self._connections: dict[int, ConnectionRow] = {}
        self._runs: dict[int, _Live] = {}
        self._conn_of_ticket: dict[int, int] = {}
        self._id_prefix = uuid.uuid4().hex[:10].upper()
        self._id_seq = itertools.count(1)
        self._conn_info: dict[int, ConnectionInfo] = {}
        self._timers: list[tuple[datetime, int]] = []
        self._locks: KeyedLocks[int] = KeyedLocks()  # one step at a time per ticket
        self._tasks: set[asyncio.Task[Any]] = set()
        self._rearm = asyncio.Event()
        self._scheduler: asyncio.Task[None] | None = None
        self._unsubscribe: Callable[[], None] | None = None
        self._started = False
        self._stale = False

    # ---- lifecycle ----------------------------------------------------------------------

    async def start(self) -> None:
        """Load flows, connections and every waiting run; arm the timers (overdue ones fire
        once, now)."""
        if self._started:
            return
        self._started = True
        self._http = httpx.AsyncClient(timeout=HTTP_TIMEOUT, follow_redirects=True)
        self.interpreter.services.http_client = self._http
        await self.refresh()
        for row in await self._db.read(live_runs):
            try:
                state = RunState.from_dict(row.state)
            except ValueError:
                log.warning("ticket %s: unreadable run state ignored", row.ticket_id)
                continue
            self._runs[row.ticket_id] = _Live(state)
            self._arm(row.ticket_id, state)
        self._unsubscribe = self._bus.subscribe(ConnectionsChanged, self._on_connections_changed)
        self._scheduler = asyncio.get_running_loop().create_task(self._schedule())
        await self._replay_unanswered()

    async def _replay_unanswered(self) -> None:
        """A customer message committed just before the app stopped, whose bot step was
        not: answer it now (the step's own write never happened, so nothing repeats)."""
        try:
            pending = await self._db.read(unanswered_inbound)
        except Exception:
            log.exception("could not look for unanswered messages")
            return
        for ticket, row in pending:
            tid, cid = ticket.id, ticket.connection_id
            live = self._runs.get(tid)
            result = SimpleNamespace(
                ticket_id=tid, connection_id=cid, message_id=row.id, duplicate=False,
                ticket_status=TicketStatus.BOT.value, ticket_created=live is None,
                media_path=row.media_path)
            location = (Location(row.latitude, row.longitude)
                        if row.latitude is not None and row.longitude is not None else None)
            msg = InboundMessage(
                wa_id=row.wa_id, chat=row.chat_jid or "", sender=row.chat_jid or "",
                timestamp=row.created_at, kind=MessageKind(row.kind), text=row.text or "",
                location=location, reply_id=(row.payload or {}).get("reply_id"),
                push_name=ticket.contact_name if ticket.contact_name != f"+{ticket.contact_phone}"
                else "", sender_phone=ticket.contact_phone)
            if msg.chat:
                self._spawn(self._locked(tid, self._on_message(result, msg)))

    async def close(self) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
        task, self._scheduler = self._scheduler, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        await self.drain()
        if self._http is not None:
            await self._http.aclose()
            self._http = None

    async def drain(self) -> None:
        """Wait until every step started so far is committed."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)

    async def refresh(self) -> None:
        """Reload published flows and connections (after a publish, delete or settings change)."""
        self._stale = False
        flows = await self._db.read(published_flows)
        connections = await self._db.read(list_connections)
        self._published = {p.flow_id: p for p in flows}
        self._triggers = []
        for p in flows:
            for trigger in p.document.get("triggers") or []:
                if isinstance(trigger, dict) and isinstance(trigger.get("keyword"), str):
                    match = trigger.get("match") if trigger.get("match") in ("exact", "contains") \
                        else "exact"
                    self._triggers.append((p.flow_id, trigger["keyword"], match))
        self._connections = {c.id: c for c in connections}
        self._conn_info = {}

    def _on_connections_changed(self, _event: Any) -> None:
        # The change is committed already; the next step reloads before it reads settings.
        self._stale = True

    # ---- choosing a flow ----------------------------------------------------------------

    def choose_flow(self, connection_id: int, text: str) -> PublishedFlow | None:
        """A keyword-triggered flow if one matches, else the connection's welcome flow."""
        if text:
            for flow_id, keyword, match in self._triggers:
                if trigger_matches(keyword, match, text):
                    return self._published.get(flow_id)
        conn = self._connections.get(connection_id)
        if conn is not None and conn.welcome_flow_id:
            return self._published.get(conn.welcome_flow_id)
        return None

    def new_ticket_status(self, connection_id: int, msg: InboundMessage) -> TicketStatus | None:
        """For the pipeline, before the commit: a new ticket starts `bot` when a flow will
        take it. None: the pipeline's default."""
        if msg.from_me or msg.is_group or msg.chat.endswith("@g.us"):
            return None
        if self.choose_flow(connection_id, msg.text) is not None:
            return TicketStatus.BOT
        return TicketStatus.PENDING

    async def resolve(self, ref: str) -> Flow | None:
        """FlowResolver for go_to_flow: a published flow by id or name."""
        found = self._published.get(ref)
        if found is None:
            wanted = fold(ref)
            found = next((p for p in self._published.values() if fold(p.name) == wanted), None)
        if found is None:
            return None
        return await self._flow(found.flow_id, found.version)

    async def _flow(self, flow_id: str, version: int | None) -> Flow | None:
        if version is not None:
            cached = self._documents.get((flow_id, version))
            if cached is not None:
                return cached
        row = await self._db.read(lambda s: get_flow_version(s, flow_id, version))
        if row is None:
            return None
        try:
            flow = load(row.document)
        except FlowFormatError:
            log.exception("flow %s version %s cannot be loaded", flow_id, row.version)
            return None
        flow.version = row.version
        flow.run_cache = {}  # a published version never changes
        self._documents[(flow_id, row.version)] = flow
        return flow

    # ---- inbound messages ---------------------------------------------------------------

    async def on_message_committed(self, result: Any, msg: InboundMessage) -> None:
        """The pipeline's hook: queue the ticket's step (runs after this returns)."""
        if result.duplicate or msg.kind in _IGNORED_KINDS:
            return
        if msg.is_group or msg.chat.endswith("@g.us"):
            return
        if getattr(result, "contact_blocked", False) and not msg.from_me:
            return  # blocked: stored, but no flow, greeting or out-of-hours message
        self._spawn(self._locked(result.ticket_id, self._on_message(result, msg)))

    def _spawn(self, coro: Any) -> asyncio.Task[Any]:
        task = asyncio.get_running_loop().create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    async def _locked(self, ticket_id: int, coro: Any) -> Any:
        """One step at a time per ticket, in the order they were queued (asyncio locks are
        FIFO and tasks start in creation order). A failing step is contained here."""
        async with self._locks.hold(ticket_id):
            try:
                return await coro
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                log.exception("ticket %s: flow step failed", ticket_id)
                await self._contain(ticket_id, exc)
                return None

    async def _on_message(self, result: Any, msg: InboundMessage) -> None:
        tid = result.ticket_id
        cid = int(result.connection_id)
        status = TicketStatus(result.ticket_status)
        if msg.from_me:  # a human answered from the phone: the bot stops at once
            if status == TicketStatus.BOT:
                await self._stop(tid, TicketStatus.OPEN, "phone",
                                 "respondido pelo celular: o bot parou")
            return
        if self._stale or cid not in self._connections:
            await self.refresh()
        live = self._runs.get(tid)
        contact = ContactInfo(name=msg.push_name or "", number=_number_of(msg))
        answer = _answer_of(msg, result)
        if status == TicketStatus.BOT and live is not None and live.state.status.is_waiting:
            live.contact, live.chat = contact, msg.chat
            flow = await self._flow(live.state.flow_id, live.state.flow_version)
            if flow is None:
                await self._commit_failure(tid, cid, live.state, "flow_not_found",
                                           "a versão do fluxo desta conversa sumiu")
                return
            if live.state.status == RunStatus.WAITING_TIMER:  # a delay is running: just noted
                live.last_message_id = result.message_id
                live.state = await self.interpreter.on_input(flow, live.state, answer,
                                                             self._ctx(BufferingSink(), tid, cid,
                                                                       contact))
                return
            await self._advance(tid, cid, msg.chat, contact, flow, live.state,
                                lambda ctx: self.interpreter.on_input(flow, live.state, answer,
                                                                      ctx),
                                last_message_id=result.message_id,
                                step_key=f"m{result.message_id}")
            return
        if status == TicketStatus.BOT or (result.ticket_created
                                          and status == TicketStatus.PENDING):
            chosen = self.choose_flow(cid, msg.text)
            flow = await self._flow(chosen.flow_id, chosen.version) if chosen else None
            if flow is not None:
                await self._advance(tid, cid, msg.chat, contact, flow, None,
                                    lambda ctx: self.interpreter.start(flow, ctx, answer),
                                    last_message_id=result.message_id,
                                    enter_bot=status != TicketStatus.BOT,
                                    step_key=f"m{result.message_id}")
                return
            await self._no_flow(tid, cid, msg.chat, status, result.ticket_created)
            return
        if status == TicketStatus.PENDING:
            await self._no_flow(tid, cid, msg.chat, status, False)

    async def _no_flow(self, tid: int, cid: int, chat: str, status: TicketStatus,
                       created: bool) -> None:
        """No flow takes the conversation: pending, with the greeting (new conversation) or
        the out-of-hours message (once per conversation)."""
        conn = self._connections.get(cid)
        if conn is None:
            return
        closed = bool(conn.out_of_hours_message.strip()) and not self._connection_open(conn)
        write = StepWrite(tid, cid, require_status=None)
        if status == TicketStatus.BOT:
            write.outcome = ("pending", "nenhum fluxo para esta conversa")
            write.require_status = ("bot",)
        if closed:
            notice = MessageSpec(text=conn.out_of_hours_message)
            write.outbound = [self._outbound(cid, chat, notice)]
            write.out_of_hours_once = True
        elif created and conn.greeting.strip():
            write.outbound = [self._outbound(cid, chat, MessageSpec(text=conn.greeting))]
        if not write.outbound and write.outcome is None:
            return
        await self._apply(write)

    def _connection_open(self, conn: ConnectionRow) -> bool:
        """Inside the connection's business hours (no schedule set: always open)."""
        table = conn.business_hours or {}
        if not any(table.values()):
            return True
        try:
            zone = ZoneInfo(conn.timezone or DEFAULT_TIMEZONE)
        except (ZoneInfoNotFoundError, ValueError):
            zone = ZoneInfo(DEFAULT_TIMEZONE)
        return is_open(table, self._clock.now().astimezone(zone), set())

    # ---- timers -------------------------------------------------------------------------

    def _arm(self, ticket_id: int, state: RunState) -> None:
        if state.status.is_waiting and state.wake_at is not None:
            heapq.heappush(self._timers, (state.wake_at, ticket_id))
            self._rearm.set()

    async def _schedule(self) -> None:
        while True:
            self._rearm.clear()
            now = self._clock.now()
            while self._timers and self._timers[0][0] <= now:
                when, tid = heapq.heappop(self._timers)
                live = self._runs.get(tid)
                if live is not None and live.state.wake_at == when:
                    self._spawn(self._locked(tid, self._on_timer(tid)))
            if not self._timers:
                await self._rearm.wait()
                continue
            delay = max(0.0, (self._timers[0][0] - now).total_seconds())
            sleeper = asyncio.ensure_future(self._clock.sleep(delay))
            waker = asyncio.ensure_future(self._rearm.wait())
            try:
                await asyncio.wait({sleeper, waker}, return_when=asyncio.FIRST_COMPLETED)
            finally:
                sleeper.cancel()
                waker.cancel()

    async def _on_timer(self, tid: int) -> None:
        live = self._runs.get(tid)
        if live is None or not live.state.status.is_waiting or live.state.wake_at is None \
                or live.state.wake_at > self._clock.now():
            return
        if live.contact is None:
            ticket = await self._db.read(lambda s: get_ticket(s, tid))
            if ticket.status != TicketStatus.BOT:
                self._runs.pop(tid, None)
                return
            live.contact = ContactInfo(ticket.contact_name, ticket.contact_phone or "")
            contact_row = await self._db.read(lambda s: get_contact(s, ticket.contact_id))
            live.chat = contact_row.jid
            self._conn_of_ticket[tid] = ticket.connection_id
        cid = self._conn_of_ticket.get(tid)
        if cid is None:
            ticket = await self._db.read(lambda s: get_ticket(s, tid))
            cid = self._conn_of_ticket[tid] = ticket.connection_id
        state = live.state
        flow = await self._flow(state.flow_id, state.flow_version)
        if flow is None:
            await self._commit_failure(tid, cid, state, "flow_not_found",
                                       "a versão do fluxo desta conversa sumiu")
            return
        await self._advance(tid, cid, live.chat or "", live.contact, flow, state,
                            lambda ctx: self.interpreter.on_timer(flow, state, ctx),
                            last_message_id=live.last_message_id,
                            step_key=f"t{state.wake_at.isoformat()}")

    # ---- one step -----------------------------------------------------------------------

    def _ctx(self, sink: BufferingSink, tid: int, cid: int, contact: ContactInfo,
             on_node: Callable[[str, str], None] | None = None,
             step_key: str = "") -> RunContext:
        info = self._conn_info.get(cid)
        if info is None:
            conn = self._connections.get(cid)
            info = self._conn_info[cid] = ConnectionInfo(
                name=conn.name if conn else "", timezone=(conn.timezone if conn else "")
                or DEFAULT_TIMEZONE,
                business_hours=(conn.business_hours if conn and any(conn.business_hours.values())
                                else ALWAYS_OPEN))
        return RunContext(sink=sink, clock=self._clock, contact=contact, connection=info,
                          ticket_id=str(tid), locale=self.locale, on_node=on_node,
                          step_key=step_key)

    async def _advance(self, tid: int, cid: int, chat: str, contact: ContactInfo,
                       flow: Flow, before: RunState | None, run: Callable[[RunContext], Any],
                       last_message_id: int | None = None, enter_bot: bool = False,
                       step_key: str = "") -> None:
        sink = BufferingSink()
        traced: list[tuple[int, str, str]] = []  # (flow segment, node, port)
        now = self._clock.now()

        def on_node(node_id: str, port: str) -> None:
            traced.append((len(sink.jumps), node_id, port))

        state: RunState = await run(self._ctx(sink, tid, cid, contact, on_node, step_key))
        segments: list[Flow | None] = [flow]
        for ref in sink.jumps:  # a go_to_flow moved the run: count those nodes there
            segments.append(await self.resolve(ref))
        executions = [NodeExecution(f.id, f.version or 0, node_id, port, tid, now)
                      for seg, node_id, port in traced
                      if (f := segments[min(seg, len(segments) - 1)]) is not None]
        write = StepWrite(tid, cid, run=state.to_dict(), run_status=state.status.value,
                          flow_id=state.flow_id, flow_version=state.flow_version,
                          node=state.node, wake_at=state.wake_at,
                          last_error=(f"{state.error}: {state.error_detail or ''}"
                                      if state.error else None),
                          last_message_id=last_message_id, executions=executions,
                          tags_add=sink.tags_add, tags_remove=sink.tags_remove,
                          enter_bot=enter_bot,
                          require_status=("bot", "pending") if enter_bot else ("bot",))
        outs = [self._outbound(cid, chat, spec, typing) for spec, typing in sink.messages]
        if state.status == RunStatus.TRANSFERRED:
            queue, agent = sink.transfer_to or (None, None)
            write.outcome = ("transfer", queue, agent)
        elif state.status == RunStatus.CLOSED:
            conn = self._connections.get(cid)
            farewell = sink.close_text.strip() or (conn.farewell.strip() if conn else "")
            if farewell:
                outs.append(self._outbound(cid, chat, MessageSpec(text=farewell)))
            write.outcome = ("close", "encerrado pelo fluxo")
        elif state.status == RunStatus.ERROR:
            write.outcome = ("pending", f"erro no fluxo: {state.error} {state.error_detail or ''}")
        write.outbound = outs
        result = await self._apply(write)
        if not result.applied:
            self._runs.pop(tid, None)  # a human has the ticket now
            return
        for warning in result.warnings:
            log.warning("ticket %s: %s", tid, warning)
        if state.status == RunStatus.ERROR:
            # The detail may quote what the customer typed: only at DEBUG (the ticket's
            # event log keeps it for the agents).
            log.warning("ticket %s: flow %s stopped with error %s", tid, state.flow_id,
                        state.error)
            log.debug("ticket %s: flow error detail: %s", tid, state.error_detail)
        if result.status_after == TicketStatus.BOT:
            self._runs[tid] = _Live(state, contact, chat)
            self._conn_of_ticket[tid] = cid
            self._arm(tid, state)
        else:
            self._runs.pop(tid, None)

    def _outbound(self, cid: int, chat: str, spec: MessageSpec, typing_ms: int = 0
                  ) -> OutboundMessage:
        handle = self._handle_of(cid)
        wa_id = handle.channel.new_message_id() if handle is not None \
            else f"WD{self._id_prefix}{next(self._id_seq):08X}"  # connection not loaded
        kind = _KINDS.get(spec.kind, MessageKind.TEXT)
        fields: dict[str, Any] = {"text": spec.text, "typing_ms": typing_ms}
        if spec.options and spec.style == "buttons":
            kind = MessageKind.BUTTONS
            fields["buttons"] = tuple(Button(o.id, o.label) for o in spec.options)
            fields["fallback_text"] = spec.fallback_text
        elif spec.options and spec.style == "list":
            kind = MessageKind.LIST
            fields["list_rows"] = tuple(ListRow(o.id, o.label) for o in spec.options)
            fields["list_button"] = "Opções" if not self.locale.startswith("en") else "Options"
            fields["fallback_text"] = spec.fallback_text
        if kind.is_media:
            fields["media_path"] = spec.media_path
            fields["filename"] = spec.filename
        elif kind == MessageKind.LOCATION and spec.latitude is not None \
                and spec.longitude is not None:
            fields["location"] = Location(spec.latitude, spec.longitude, spec.location_name,
                                          spec.location_address)
        elif kind == MessageKind.CONTACT:
            phone = "".join(ch for ch in spec.contact_phone or "" if ch.isdigit()) or None
            name = spec.contact_name or ""
            fields["contact"] = ContactCard(name, phone, build_vcard(name, phone))
            fields["text"] = name
        return OutboundMessage(wa_id=wa_id, to=chat or "", kind=kind, **fields)

    async def _apply(self, write: StepWrite) -> StepResult:
        # One atomic write per step; the store's writer group-commits it with the other
        # steps and messages queued at the same moment.
        now = self._clock.now()
        result: StepResult = await self._db.write(lambda s: apply_flow_step(s, write, now))
        if not result.applied:
            return result
        for message_id, out in zip(result.message_ids, write.outbound, strict=False):
            self._bus.publish(MessageCreated(
                message_id=message_id, ticket_id=write.ticket_id,
                contact_id=result.contact_id or 0,
                connection_id=write.connection_id, direction=Direction.OUT, kind=out.kind,
                text=out.text, from_me=True, ticket_created=False))
        if result.status_after is not None and result.status_after != result.status_before:
            self._bus.publish(TicketChanged(write.ticket_id, result.status_after,
                                            result.status_before))
        if result.message_ids:
            handle = self._handle_of(write.connection_id)
            if handle is not None:
                handle.sender.wake()
        return result

    async def _commit_failure(self, tid: int, cid: int, state: RunState, code: str,
                              detail: str) -> None:
        state.status, state.error, state.error_detail = RunStatus.ERROR, code, detail
        state.waiting, state.wake_at = None, None
        await self._apply(StepWrite(tid, cid, run=state.to_dict(), run_status=state.status.value,
                                    flow_id=state.flow_id, flow_version=state.flow_version,
                                    node=state.node, last_error=f"{code}: {detail}",
                                    outcome=("pending", f"erro no fluxo: {code}")))
        self._runs.pop(tid, None)

    async def _contain(self, tid: int, exc: BaseException) -> None:
        """An unexpected failure of one ticket's step: that ticket goes to a human."""
        self._runs.pop(tid, None)
        detail = f"{type(exc).__name__}: {exc}"[:300]
        try:
            cid = self._conn_of_ticket.get(tid)
            if cid is None:
                cid = (await self._db.read(lambda s: get_ticket(s, tid))).connection_id
            await self._apply(StepWrite(tid, cid, run_status="error", last_error=detail,
                                        outcome=("pending", f"erro no fluxo: {detail}")))
        except Exception:
            log.exception("ticket %s: could not hand the ticket over after a flow failure", tid)
        self._bus.publish(ErrorRaised(f"O fluxo do atendimento {tid} falhou e foi passado a um "
                                      f"atendente: {detail}"))

    # ---- humans take over -----------------------------------------------------------------

    async def _stop(self, tid: int, to: TicketStatus, actor: str, reason: str) -> None:
        before = TicketStatus.BOT
        after = await self._db.write(lambda s: stop_bot(s, tid, to, actor, reason))
        self.forget(tid)
        if after is not None:
            self._bus.publish(TicketChanged(tid, after, before))

    async def restart_welcome(self, ticket_id: int, connection_id: int, chat: str,
                              contact_name: str = "", number: str = "") -> bool:
        """An agent hands a waiting ticket back to the bot: the connection's welcome flow
        starts over for it (the ticket must be pending). False when there is no welcome
        flow or someone took the ticket meanwhile."""
        if self._stale or connection_id not in self._connections:
            await self.refresh()
        conn = self._connections.get(connection_id)
        chosen = (self._published.get(conn.welcome_flow_id)
                  if conn is not None and conn.welcome_flow_id else None)
        flow = await self._flow(chosen.flow_id, chosen.version) if chosen else None
        if flow is None:
            return False
        contact = ContactInfo(name=contact_name, number=number)
        key = f"handback{ticket_id}-{self._clock.now().timestamp()}"
        await self._locked(ticket_id, self._advance(
            ticket_id, connection_id, chat, contact, flow, None,
            lambda ctx: self.interpreter.start(flow, ctx, None),
            enter_bot=True, step_key=key))
        return ticket_id in self._runs

    def forget(self, ticket_id: int) -> None:
        """The bot no longer has this ticket (a human took it): drop its run and timer."""
        self._runs.pop(ticket_id, None)

    @property
    def live_runs(self) -> int:
        return len(self._runs)


def _number_of(msg: InboundMessage) -> str:
    if msg.sender_phone:
        return msg.sender_phone
    head = msg.chat.split("@", 1)[0]
    return head if msg.chat.endswith("@s.whatsapp.net") and head.isdigit() else ""


def _answer_of(msg: InboundMessage, result: Any) -> Answer:
    reply_id = msg.reply_id if msg.kind in _BUTTON_KINDS else None
    kind = "button_reply" if reply_id else msg.kind.value
    loc = msg.location
    return Answer(text=msg.text or "", kind=kind, reply_id=reply_id,
                  media_path=getattr(result, "media_path", None),
                  latitude=loc.latitude if loc else None,
                  longitude=loc.longitude if loc else None)

"""Flows in the database: drafts, published versions, runs per ticket, node execution records."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from dataclasses import replace as dc_replace
from datetime import datetime, timedelta
from typing import Any, NamedTuple

from sqlalchemy import and_, bindparam, delete, func, select, update
from sqlalchemy.orm import Session

from whatdesk.domain.enums import TicketEventKind, TicketStatus
from whatdesk.domain.errors import ConflictError, NotFound

from ._sql import (
    Prepared,
    conn_of,
    connections_t,
    contacts_t,
    dialect_upsert,
    events_t,
    flow_node_counts_t,
    flow_node_hourly_t,
    flow_node_log_t,
    flow_runs_t,
    flow_versions_t,
    flows_t,
    messages_t,
    now_or,
    tickets_t,
)
from .assignment import auto_assign
from .contacts import get_contact
from .directory import ensure_tag, find_agent, find_queue, find_tag, tag_contact, untag_contact
from .outbound import enqueue_outbound, touch_for_outbound
from .tickets import (
    accept_ticket,
    add_ticket_event,
    close_ticket,
    get_message,
    get_ticket,
    set_ticket_status,
)
from .types import UTCDateTime

_f = flows_t.c
_v = flow_versions_t.c
_r = flow_runs_t.c
_n = flow_node_counts_t.c
_l = flow_node_log_t.c
_h = flow_node_hourly_t.c

NODE_LOG_KEEP = 1000  # newest node executions kept per flow
NODE_LOG_TRIM_EVERY = 200  # trim a flow's log after about this many new rows
HOURLY_KEEP_DAYS = 90  # per-hour exit counts kept (the editor shows at most 30 days)

# Run statuses stored in flow_runs.status: RunStatus values plus "stopped" (a human took over).
RUN_STOPPED = "stopped"
RUN_WAITING = ("waiting_input", "waiting_timer")


@dataclass(frozen=True)
class FlowRow:
    id: str
    name: str
    description: str
    draft: dict[str, Any]
    draft_updated_at: datetime
    published_version: int | None
    created_at: datetime


@dataclass(frozen=True)
class FlowVersionRow:
    flow_id: str
    version: int
    document: dict[str, Any]
    published_at: datetime
    published_by: str
    note: str = ""


@dataclass(frozen=True)
class PublishedFlow:
    """A flow conversations can start on: its current published version."""

    flow_id: str
    name: str
    version: int
    document: dict[str, Any]


@dataclass(frozen=True)
class RunRow:
    ticket_id: int
    flow_id: str
    flow_version: int | None
    state: dict[str, Any]
    status: str
    node: str | None
    wake_at: datetime | None
    last_error: str | None
    last_message_id: int | None
    updated_at: datetime


class NodeExecution(NamedTuple):
    """One node finished (a tuple: a run records one per node it passes, so it is cheap)."""

    flow_id: str
    version: int
    node_id: str
    port: str
    ticket_id: int
    at: datetime


def _flow_from(m: Any) -> FlowRow:
    return FlowRow(m["id"], m["name"], m["description"], dict(m["draft"] or {}),
                   m["draft_updated_at"], m["published_version"], m["created_at"])


def _run_from(m: Any) -> RunRow:
    return RunRow(m["ticket_id"], m["flow_id"], m["flow_version"], dict(m["state"] or {}),
                  m["status"], m["node"], m["wake_at"], m["last_error"], m["last_message_id"],
                  m["updated_at"])


# ---- flows ----------------------------------------------------------------------------

def _alive() -> Any:
    return _f.deleted_at.is_(None)


def get_flow(s: Session, flow_id: str) -> FlowRow:
    row = conn_of(s).execute(select(flows_t).where(_f.id == flow_id, _alive())).first()
    if row is None:
        raise NotFound(f"Fluxo {flow_id} não encontrado.")
    return _flow_from(row._mapping)


def find_flow(s: Session, ref: str) -> FlowRow | None:
    """A live flow by id, else by name (case-insensitive)."""
    conn = conn_of(s)
    row = conn.execute(select(flows_t).where(_f.id == ref, _alive())).first()
    if row is None:
        row = conn.execute(select(flows_t).where(func.lower(_f.name) == ref.strip().lower(),
                                                 _alive())).first()
    return None if row is None else _flow_from(row._mapping)


def flow_id_exists(s: Session, flow_id: str) -> bool:
    """True when any flow, even a deleted one, has this id (ids are never reused)."""
    return conn_of(s).execute(select(_f.id).where(_f.id == flow_id)).first() is not None


def list_flows(s: Session) -> list[FlowRow]:
    rows = conn_of(s).execute(select(flows_t).where(_alive()).order_by(_f.name)).all()
    return [_flow_from(r._mapping) for r in rows]


def save_flow_draft(s: Session, flow_id: str, name: str, description: str,
                    document: dict[str, Any], now: datetime | None = None) -> FlowRow:
    """Create the flow or replace its draft. Names are unique among live flows."""
    conn = conn_of(s)
    when = now_or(now)
    clean = " ".join(str(name or "").split())
    if not clean:
        raise ConflictError("Dê um nome ao fluxo.")
    other = conn.execute(select(_f.id).where(func.lower(_f.name) == clean.lower(), _alive(),
                                             _f.id != flow_id)).first()
    if other is not None:
        raise ConflictError(f"Já existe um fluxo chamado “{clean}”.")
    existing = conn.execute(select(_f.id, _f.deleted_at).where(_f.id == flow_id)).first()
    if existing is None:
        conn.execute(flows_t.insert().values(
            id=flow_id, name=clean, description=description or "", draft=document,
            draft_updated_at=when, published_version=None, created_at=when, deleted_at=None))
    elif existing.deleted_at is not None:
        raise ConflictError(f"O fluxo {flow_id} foi excluído; importe-o com outro id.")
    else:
        conn.execute(update(flows_t).where(_f.id == flow_id).values(
            name=clean, description=description or "", draft=document, draft_updated_at=when))
    return get_flow(s, flow_id)


def delete_flow(s: Session, flow_id: str, now: datetime | None = None) -> None:
    """Hide the flow (its versions stay for runs still on them); connections forget it."""
    conn = conn_of(s)
    result = conn.execute(update(flows_t).where(_f.id == flow_id, _alive())
                          .values(deleted_at=now_or(now)))
    if result.rowcount != 1:
        raise NotFound(f"Fluxo {flow_id} não encontrado.")
    conn.execute(update(connections_t).where(connections_t.c.welcome_flow_id == flow_id)
                 .values(welcome_flow_id=None))


def publish_flow(s: Session, flow_id: str, document: dict[str, Any], published_by: str = "",
                 now: datetime | None = None, note: str = "") -> int:
    """Store `document` as the flow's next version and make it the published one."""
    conn = conn_of(s)
    when = now_or(now)
    get_flow(s, flow_id)
    last = conn.execute(select(func.max(_v.version)).where(_v.flow_id == flow_id)).scalar()
    version = int(last or 0) + 1
    conn.execute(flow_versions_t.insert().values(
        flow_id=flow_id, version=version, document=document, published_at=when,
        published_by=(published_by or "")[:120], note=note or ""))
    conn.execute(update(flows_t).where(_f.id == flow_id).values(published_version=version))
    return version


def get_flow_version(s: Session, flow_id: str, version: int | None = None
                     ) -> FlowVersionRow | None:
    """One published version (None: the current published one), even of a deleted flow."""
    conn = conn_of(s)
    if version is None:
        version = conn.execute(select(_f.published_version).where(
            _f.id == flow_id, _alive())).scalar()
        if version is None:
            return None
    row = conn.execute(select(flow_versions_t).where(_v.flow_id == flow_id,
                                                     _v.version == version)).first()
    if row is None:
        return None
    m = row._mapping
    return FlowVersionRow(m["flow_id"], m["version"], dict(m["document"]), m["published_at"],
                          m["published_by"], m["note"] or "")


def list_flow_versions(s: Session, flow_id: str) -> list[FlowVersionRow]:
    """Every published version of a flow, newest first, without their documents (``{}``):
    the history lists them; get_flow_version reads the one opened."""
    rows = conn_of(s).execute(
        select(_v.flow_id, _v.version, _v.published_at, _v.published_by, _v.note)
        .where(_v.flow_id == flow_id).order_by(_v.version.desc())).all()
    return [FlowVersionRow(r.flow_id, r.version, {}, r.published_at, r.published_by,
                           r.note or "") for r in rows]


def published_flows(s: Session) -> list[PublishedFlow]:
    """Every live flow with a published version (keyword triggers, welcome flows, go_to_flow)."""
    rows = conn_of(s).execute(
        select(_f.id, _f.name, _v.version, _v.document)
        .join(flow_versions_t, and_(_v.flow_id == _f.id, _v.version == _f.published_version))
        .where(_alive()).order_by(_f.name)).all()
    return [PublishedFlow(r[0], r[1], int(r[2]), dict(r[3])) for r in rows]


def set_welcome_flow(s: Session, connection_id: int, flow_id: str | None) -> None:
    conn = conn_of(s)
    if flow_id is not None:
        get_flow(s, flow_id)
    result = conn.execute(update(connections_t).where(connections_t.c.id == connection_id)
                          .values(welcome_flow_id=flow_id))
    if result.rowcount != 1:
        raise NotFound(f"Conexão {connection_id} não encontrada.")


# ---- runs -----------------------------------------------------------------------------

def load_run(s: Session, ticket_id: int) -> RunRow | None:
    row = conn_of(s).execute(select(flow_runs_t).where(_r.ticket_id == ticket_id)).first()
    return None if row is None else _run_from(row._mapping)


_UPSERT_RUN = Prepared(dialect_upsert(flow_runs_t, ["ticket_id"], lambda ex: {
    "flow_id": ex.flow_id, "flow_version": ex.flow_version, "state": ex.state,
    "status": ex.status, "node": ex.node, "wake_at": ex.wake_at, "last_error": ex.last_error,
    "last_message_id": func.coalesce(ex.last_message_id, _r.last_message_id),
    "updated_at": ex.updated_at}))


def save_run(s: Session, ticket_id: int, state: dict[str, Any], status: str,
             flow_id: str, flow_version: int | None, node: str | None,
             wake_at: datetime | None, last_error: str | None,
             last_message_id: int | None = None, now: datetime | None = None) -> None:
    """Insert or replace the ticket's run (last_message_id only ever moves on)."""
    _UPSERT_RUN.rows(conn_of(s), {
        "ticket_id": ticket_id, "flow_id": flow_id, "flow_version": flow_version,
        "state": state, "status": status, "node": node, "wake_at": wake_at,
        "last_error": last_error, "last_message_id": last_message_id,
        "updated_at": now_or(now)})


def delete_run(s: Session, ticket_id: int) -> None:
    conn_of(s).execute(delete(flow_runs_t).where(_r.ticket_id == ticket_id))


def stop_run(s: Session, ticket_id: int, reason: str, now: datetime | None = None) -> bool:
    """A human took over: the run is marked stopped (kept for the record). True if it was live."""
    result = conn_of(s).execute(
        update(flow_runs_t).where(_r.ticket_id == ticket_id,
                                  _r.status.in_([*RUN_WAITING, "ended", "running"]))
        .values(status=RUN_STOPPED, wake_at=None, last_error=reason, updated_at=now_or(now)))
    return result.rowcount == 1


def due_runs(s: Session, now: datetime, limit: int = 500) -> list[RunRow]:
    """Waiting runs whose wake-up time has come, oldest first."""
    rows = conn_of(s).execute(
        select(flow_runs_t).where(_r.wake_at.is_not(None), _r.wake_at <= now,
                                  _r.status.in_(RUN_WAITING))
        .order_by(_r.wake_at).limit(limit)).all()
    return [_run_from(r._mapping) for r in rows]


def live_runs(s: Session) -> list[RunRow]:
    """Runs of tickets still with the bot (waiting, or ended and ready to start again)."""
    rows = conn_of(s).execute(
        select(flow_runs_t).join(tickets_t, tickets_t.c.id == _r.ticket_id)
        .where(tickets_t.c.status == TicketStatus.BOT.value,
               _r.status.in_([*RUN_WAITING, "ended"]))).all()
    return [_run_from(r._mapping) for r in rows]


# ---- node executions ------------------------------------------------------------------

_trim_counter: dict[str, int] = {}


_UPSERT_COUNT = Prepared(dialect_upsert(
    flow_node_counts_t, ["flow_id", "version", "node_id", "port"],
    lambda ex: {"count": _n.count + ex.count}))
_UPSERT_HOURLY = Prepared(dialect_upsert(
    flow_node_hourly_t, ["flow_id", "hour", "node_id", "port"],
    lambda ex: {"count": _h.count + ex.count}))
_INSERT_LOG = Prepared(lambda _d: flow_node_log_t.insert())


def record_node_executions(s: Session, batch: Iterable[NodeExecution]) -> None:
    """Add a batch of executions: per-exit counters upserted, the recent log appended and
    trimmed to the newest NODE_LOG_KEEP rows per flow."""
    items = list(batch)
    if not items:
        return
    conn = conn_of(s)
    totals: dict[tuple[str, int, str, str], int] = {}
    for e in items:
        key = (e.flow_id, e.version, e.node_id, e.port)
        totals[key] = totals.get(key, 0) + 1
    _UPSERT_COUNT.many(conn, [{"flow_id": k[0], "version": k[1], "node_id": k[2],
                               "port": k[3], "count": n} for k, n in totals.items()])
    hourly: dict[tuple[str, datetime, str, str], int] = {}
    for e in items:
        hkey = (e.flow_id, e.at.replace(minute=0, second=0, microsecond=0), e.node_id, e.port)
        hourly[hkey] = hourly.get(hkey, 0) + 1
    _UPSERT_HOURLY.many(conn, [{"flow_id": k[0], "hour": k[1], "node_id": k[2], "port": k[3],
                                "count": n} for k, n in hourly.items()])
    _INSERT_LOG.many(conn, [{"flow_id": e.flow_id, "flow_version": e.version,
                             "node_id": e.node_id, "port": e.port, "ticket_id": e.ticket_id,
                             "at": e.at} for e in items])
    for flow_id in {e.flow_id for e in items}:
        seen = _trim_counter.get(flow_id, 0) + sum(1 for e in items if e.flow_id == flow_id)
        if seen < NODE_LOG_TRIM_EVERY:
            _trim_counter[flow_id] = seen
            continue
        _trim_counter[flow_id] = 0
        trim_node_log(s, flow_id)
        newest = max(e.at for e in items if e.flow_id == flow_id)
        conn.execute(delete(flow_node_hourly_t).where(
            _h.flow_id == flow_id, _h.hour < newest - timedelta(days=HOURLY_KEEP_DAYS)))


_LOG_CUTOFF = Prepared(lambda _d: select(_l.id).where(_l.flow_id == bindparam("p_flow"))
                       .order_by(_l.id.desc()).offset(bindparam("p_keep")).limit(1))
_LOG_TRIM = Prepared(lambda _d: delete(flow_node_log_t).where(
    _l.flow_id == bindparam("p_flow"), _l.id <= bindparam("p_cutoff")))


def trim_node_log(s: Session, flow_id: str, keep: int = NODE_LOG_KEEP) -> None:
    conn = conn_of(s)
    cutoff = _LOG_CUTOFF.scalar(conn, {"p_flow": flow_id, "p_keep": keep})
    if cutoff is not None:
        _LOG_TRIM.rows(conn, {"p_flow": flow_id, "p_cutoff": cutoff})


def node_counts(s: Session, flow_id: str, version: int | None = None
                ) -> dict[tuple[str, str], int]:
    """{(node_id, port): count} for one version (None: every version added up)."""
    q = select(_n.node_id, _n.port, func.sum(_n.count)).where(_n.flow_id == flow_id)
    if version is not None:
        q = q.where(_n.version == version)
    rows = conn_of(s).execute(q.group_by(_n.node_id, _n.port)).all()
    return {(r[0], r[1]): int(r[2]) for r in rows}


def node_counts_between(s: Session, flow_id: str, since: datetime, until: datetime
                        ) -> dict[tuple[str, str], int]:
    """{(node_id, port): count} of the hours starting in [since, until), all versions."""
    since_hour = since.replace(minute=0, second=0, microsecond=0)
    rows = conn_of(s).execute(
        select(_h.node_id, _h.port, func.sum(_h.count))
        .where(_h.flow_id == flow_id, _h.hour >= since_hour, _h.hour < until)
        .group_by(_h.node_id, _h.port)).all()
    return {(r[0], r[1]): int(r[2]) for r in rows}


def runs_stopped_at(s: Session, flow_id: str, since: datetime, until: datetime
                    ) -> dict[str, int]:
    """{node_id: runs} of this flow last seen in [since, until) at a node they did not leave:
    waiting for the customer, taken over by a human, or failed."""
    rows = conn_of(s).execute(
        select(_r.node, func.count())
        .where(_r.flow_id == flow_id, _r.node.is_not(None), _r.updated_at >= since,
               _r.updated_at < until,
               _r.status.in_([*RUN_WAITING, RUN_STOPPED, "error"]))
        .group_by(_r.node)).all()
    return {str(r[0]): int(r[1]) for r in rows}


def welcome_flow_users(s: Session) -> dict[str, list[str]]:
    """{flow_id: [connection names]} of the connections that start new conversations on it."""
    c = connections_t.c
    rows = conn_of(s).execute(select(c.welcome_flow_id, c.name)
                              .where(c.welcome_flow_id.is_not(None), c.deleted_at.is_(None)).order_by(c.name)).all()
    users: dict[str, list[str]] = {}
    for flow_id, name in rows:
        users.setdefault(str(flow_id), []).append(str(name))
    return users


def recent_node_log(s: Session, flow_id: str, limit: int = 100) -> list[NodeExecution]:
    rows = conn_of(s).execute(select(flow_node_log_t).where(_l.flow_id == flow_id)
                              .order_by(_l.id.desc()).limit(limit)).all()
    return [NodeExecution(r.flow_id, r.flow_version, r.node_id, r.port, r.ticket_id, r.at)
            for r in rows]


# ---- tickets: the out-of-hours reply --------------------------------------------------

def claim_out_of_hours_notice(s: Session, ticket_id: int, now: datetime | None = None) -> bool:
    """True exactly once per ticket: the caller sends the out-of-hours message then."""
    result = conn_of(s).execute(
        update(tickets_t).where(tickets_t.c.id == ticket_id,
                                tickets_t.c.out_of_hours_notified_at.is_(None))
        .values(out_of_hours_notified_at=now_or(now)))
    return result.rowcount == 1


# ---- one step of the bot, applied atomically --------------------------------------------

@dataclass
class StepWrite:
    """Everything one bot step changes, written in ONE transaction (or not at all).

    ``outbound`` messages may leave ``to`` empty: the contact's address is read here.
    ``outcome``: None (the ticket stays as it is), ("transfer", queue, agent),
    ("close", detail), ("pending", detail) — a human takes it from here.
    """

    ticket_id: int
    connection_id: int
    run: dict[str, Any] | None = None  # RunState.to_dict(); None leaves the run untouched
    run_status: str = ""
    flow_id: str = ""
    flow_version: int | None = None
    node: str | None = None
    wake_at: datetime | None = None
    last_error: str | None = None
    last_message_id: int | None = None
    outbound: list[Any] = field(default_factory=list)  # OutboundMessage
    tags_add: list[str] = field(default_factory=list)
    tags_remove: list[str] = field(default_factory=list)
    outcome: tuple[Any, ...] | None = None
    executions: list[NodeExecution] = field(default_factory=list)
    require_status: tuple[str, ...] | None = ("bot",)  # skip everything if the ticket moved
    enter_bot: bool = False  # a pending ticket is taken by the bot
    out_of_hours_once: bool = False  # send `outbound` only the first time for this ticket


@dataclass(frozen=True)
class StepResult:
    applied: bool
    message_ids: tuple[int, ...] = ()
    status_before: TicketStatus | None = None
    status_after: TicketStatus | None = None
    warnings: tuple[str, ...] = ()
    contact_id: int | None = None


_SELECT_TICKET = Prepared(lambda _d: select(tickets_t.c.status, tickets_t.c.contact_id)
                          .where(tickets_t.c.id == bindparam("p_id")))


def apply_flow_step(s: Session, w: StepWrite, now: datetime | None = None) -> StepResult:
    conn = conn_of(s)
    when = now_or(now)
    found = _SELECT_TICKET.first(conn, {"p_id": w.ticket_id})
    if found is None:
        return StepResult(False)
    before, contact_id = TicketStatus(found[0]), found[1]
    if w.require_status is not None and before.value not in w.require_status:
        return StepResult(False, status_before=before, status_after=before)
    warnings: list[str] = []
    if w.enter_bot and before != TicketStatus.BOT:
        set_ticket_status(s, w.ticket_id, TicketStatus.BOT, "bot", "fluxo iniciado", when)
    if w.run is not None:
        save_run(s, w.ticket_id, w.run, w.run_status, w.flow_id, w.flow_version, w.node,
                 w.wake_at, w.last_error, w.last_message_id, when)
    message_ids: list[int] = []
    send = not w.out_of_hours_once or claim_out_of_hours_notice(s, w.ticket_id, when)
    last_out = None
    if w.outbound and send:
        to = None
        for out in w.outbound:
            if not out.to:
                if to is None:
                    contact = get_contact(s, contact_id)
                    to = contact.jid if contact is not None else None
                if not to:
                    warnings.append("contato sem endereço de WhatsApp: mensagem do bot "
                                    "não enviada")
                    break
                out = dc_replace(out, to=to)
            message_ids.append(enqueue_outbound(s, w.connection_id, w.ticket_id, out, when,
                                                ticket_known=True, touch=False))
            last_out = out
        if last_out is not None:
            touch_for_outbound(s, w.ticket_id, last_out, when)
    after = _step_extras(s, conn, w, before, contact_id, when, warnings)
    if w.executions:
        record_node_executions(s, w.executions)
    return StepResult(True, tuple(message_ids), before, after, tuple(warnings), contact_id)


def _step_extras(s: Session, conn: Any, w: StepWrite, before: TicketStatus,
                 contact_id: int, when: datetime, warnings: list[str]) -> TicketStatus:
    """Tags and the hand-over of one step. Returns the ticket's status after the step."""
    for name in w.tags_add:
        if str(name or "").strip():
            tag_contact(s, contact_id, ensure_tag(s, name).id)
    for name in w.tags_remove:
        tag = find_tag(s, name)
        if tag is not None:
            untag_contact(s, contact_id, tag.id)
    after = TicketStatus.BOT if w.enter_bot else before
    if w.outcome is not None:
        kind = w.outcome[0]
        current = after
        if kind == "transfer":
            queue_name, agent_ref = w.outcome[1], w.outcome[2]
            queue_id = agent_id = None
            if queue_name:
                queue = find_queue(s, queue_name)
                if queue is None:
                    warnings.append(f"fila “{queue_name}” não existe: o atendimento ficou "
                                    "aguardando sem fila")
                else:
                    queue_id = queue.id
            if agent_ref:
                agent = find_agent(s, agent_ref)
                if agent is None:
                    warnings.append(f"agente “{agent_ref}” não existe: o atendimento ficou "
                                    "aguardando")
                else:
                    agent_id = agent.id
            after = TicketStatus.OPEN if agent_id is not None else TicketStatus.PENDING
            parts = ([f"queue:{queue_id}"] if queue_id is not None else []) + \
                ([f"agent:{agent_id}"] if agent_id is not None else [])
            after = _handover(conn, w.ticket_id, current, after, queue_id, agent_id, when,
                              TicketEventKind.TRANSFER,
                              " ".join([*parts, "transferido pelo fluxo"]),
                              "transferido pelo fluxo")
        elif kind == "close":
            after = close_ticket(s, w.ticket_id, "bot", str(w.outcome[1] or ""), when).status
            _INSERT_EVENT.many(conn, [_event(w.ticket_id, TicketEventKind.BOT_STOPPED, None,
                                             None, str(w.outcome[1] or "encerrado"), when)])
        elif kind == "pending":
            after = TicketStatus.PENDING
            detail = str(w.outcome[1] or "")[:500]
            after = _handover(conn, w.ticket_id, current, after, None, None, when,
                              TicketEventKind.STATUS, detail, detail)
    return after


_HANDOVER = Prepared(lambda _d: update(tickets_t).where(
    tickets_t.c.id == bindparam("p_id"), tickets_t.c.status == bindparam("p_from")).values(
    status=bindparam("p_to"), agent_id=bindparam("p_agent"),
    queue_id=func.coalesce(bindparam("p_queue"), tickets_t.c.queue_id),
    updated_at=bindparam("p_at", type_=UTCDateTime())))
_INSERT_EVENT = Prepared(lambda _d: events_t.insert())


def _event(ticket_id: int, kind: Any, from_status: TicketStatus | None,
           to_status: TicketStatus | None, detail: str, when: datetime) -> dict[str, Any]:
    return {"ticket_id": ticket_id, "kind": str(kind),
            "from_status": from_status.value if from_status else None,
            "to_status": to_status.value if to_status else None, "actor": "bot",
            "detail": detail, "at": when}


def _handover(conn: Any, ticket_id: int, current: TicketStatus, to: TicketStatus,
              queue_id: int | None, agent_id: int | None, when: datetime, kind: Any,
              detail: str, stopped_detail: str) -> TicketStatus:
    """The bot hands the ticket to humans: status (and queue/agent) + the two log entries.
    Returns the status it ends in (open when auto-assignment gave it to an agent)."""
    _HANDOVER.rows(conn, {"p_id": ticket_id, "p_from": current.value, "p_to": to.value,
                          "p_agent": agent_id, "p_queue": queue_id, "p_at": when})
    _INSERT_EVENT.many(conn, [
        _event(ticket_id, kind, current, to, detail, when),
        _event(ticket_id, TicketEventKind.BOT_STOPPED, None, None, stopped_detail, when)])
    if to == TicketStatus.PENDING and auto_assign(conn, ticket_id, when) is not None:
        return TicketStatus.OPEN
    return to


def stop_bot(s: Session, ticket_id: int, to: TicketStatus, actor: str, reason: str,
             agent_id: int | None = None, now: datetime | None = None) -> TicketStatus | None:
    """A human took over a ticket the bot had: its run stops and the ticket moves to `to`
    (open, with the agent when known). Returns the new status, or None if it was not the bot's."""
    when = now_or(now)
    current = get_ticket(s, ticket_id)
    if current.status != TicketStatus.BOT:
        stop_run(s, ticket_id, reason, when)
        return None
    stop_run(s, ticket_id, reason, when)
    if to == TicketStatus.OPEN and agent_id is not None:
        status = accept_ticket(s, ticket_id, agent_id, when).status
    else:
        status = set_ticket_status(s, ticket_id, to, actor, reason, when).status
    add_ticket_event(s, ticket_id, TicketEventKind.BOT_STOPPED, actor, None, None, reason, when)
    return status


def unanswered_inbound(s: Session, limit: int = 10_000) -> list[tuple[Any, Any]]:
    """(TicketRow, MessageRow) of bot tickets (of contacts not blocked) whose newest customer message
    no committed bot step has consumed (the app stopped between the two commits)."""
    conn = conn_of(s)
    m = messages_t.c
    # Only bot tickets are looked at; their newest customer message through the
    # (ticket_id, id) index, not a scan of every message.
    newest = (select(func.max(m.id))
              .where(m.ticket_id == tickets_t.c.id, m.direction == "in", m.from_me.is_(False),
                     m.kind.not_in(["reaction", "edit", "revoke"]))
              .correlate(tickets_t).scalar_subquery())
    candidates = conn.execute(
        select(tickets_t.c.id, tickets_t.c.connection_id, newest,
               func.coalesce(_r.last_message_id, 0), func.coalesce(_r.status, ""))
        .outerjoin(flow_runs_t, _r.ticket_id == tickets_t.c.id)
        .join(contacts_t, contacts_t.c.id == tickets_t.c.contact_id)
        .where(tickets_t.c.status == TicketStatus.BOT.value,
               contacts_t.c.blocked.is_(False))).all()  # a blocked contact gets no bot
    rows = [r for r in candidates
            if r[2] is not None and r[3] < r[2] and r[4] != "waiting_timer"][:limit]
    return [(get_ticket(s, r[0]), get_message(s, r[2])) for r in rows]

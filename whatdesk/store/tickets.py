"""Tickets: lifecycle transitions (each logged), inbox listing with keyset pages, counts."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import and_, bindparam, case, func, insert, or_, select, update
from sqlalchemy.engine import Connection as SAConnection
from sqlalchemy.orm import Session

from whatdesk.domain.enums import Ack, Direction, TicketEventKind, TicketStatus
from whatdesk.domain.errors import ConflictError, NotFound, StoreError

from ._sql import (
    Prepared,
    conn_of,
    contacts_t,
    dialect_insert_ignore,
    event_from,
    events_t,
    message_from,
    messages_t,
    now_or,
    ticket_columns,
    ticket_from,
    tickets_t,
)
from .assignment import auto_assign
from .rows import Counts, MessageRow, TicketEventRow, TicketRow

_t = tickets_t.c
_m = messages_t.c
_ACTIVE_CONFLICT = ("Este contato já tem outro atendimento em andamento nesta conexão; "
                    "feche-o antes de reabrir este.")


def _ticket_query() -> Any:
    return select(*ticket_columns()).join_from(tickets_t, contacts_t,
                                               _t.contact_id == contacts_t.c.id)


def get_ticket(s: Session, ticket_id: int) -> TicketRow:
    row = conn_of(s).execute(_ticket_query().where(_t.id == ticket_id)).first()
    if row is None:
        raise NotFound(f"Atendimento {ticket_id} não encontrado.")
    return ticket_from(row)


def add_ticket_event(s: Session, ticket_id: int, kind: TicketEventKind | str, actor: str,
                     from_status: TicketStatus | None = None,
                     to_status: TicketStatus | None = None, detail: str = "",
                     now: datetime | None = None) -> TicketEventRow:
    conn = conn_of(s)
    new_id = conn.execute(events_t.insert().returning(events_t.c.id), {
        "ticket_id": ticket_id, "kind": str(kind),
        "from_status": from_status.value if from_status else None,
        "to_status": to_status.value if to_status else None,
        "actor": actor, "detail": detail, "at": now_or(now)}).scalar_one()
    row = conn.execute(select(events_t).where(events_t.c.id == new_id)).one()
    return event_from(row)


def ticket_events(s: Session, ticket_id: int) -> list[TicketEventRow]:
    rows = conn_of(s).execute(select(events_t).where(events_t.c.ticket_id == ticket_id)
                              .order_by(events_t.c.id)).all()
    return [event_from(r) for r in rows]


def _transition(s: Session, ticket_id: int, to: TicketStatus, actor: str, detail: str,
                kind: TicketEventKind, now: datetime | None, allowed_from: set[TicketStatus],
                **extra: Any) -> TicketRow:
    """Conditional UPDATE from the status we read: a concurrent change makes it fail loudly
    instead of being overwritten."""
    conn = conn_of(s)
    when = now_or(now)
    current = get_ticket(s, ticket_id)
    if current.status not in allowed_from:
        raise ConflictError(f"O atendimento {ticket_id} está “{current.status.value}” e não "
                            f"pode passar para “{to.value}”.")
    values: dict[str, Any] = {"status": to.value, "updated_at": when, **extra}
    if to == TicketStatus.CLOSED:
        values.setdefault("closed_at", when)
        values.setdefault("unread_count", 0)
    elif current.status == TicketStatus.CLOSED:
        values["closed_at"] = None
    stmt = (update(tickets_t)
            .where(_t.id == ticket_id, _t.status == current.status.value).values(**values))
    if current.status == TicketStatus.CLOSED and to != TicketStatus.CLOSED:
        # Reopening may collide with a newer active ticket of the same contact.
        nested = s.begin_nested()
        try:
            result = conn.execute(stmt)
            nested.commit()
        except Exception as exc:
            nested.rollback()
            if "unique" in str(exc).lower() or "integrity" in type(exc).__name__.lower():
                raise ConflictError(_ACTIVE_CONFLICT) from exc
            raise
    else:
        result = conn.execute(stmt)
    if result.rowcount != 1:
        raise ConflictError("O atendimento foi alterado por outra pessoa; atualize e tente "
                            "de novo.")
    add_ticket_event(s, ticket_id, kind, actor, current.status, to, detail, when)
    if to == TicketStatus.PENDING:
        auto_assign(s, ticket_id, when)  # back in a queue that hands tickets out
    return get_ticket(s, ticket_id)


def accept_ticket(s: Session, ticket_id: int, agent_id: int,
                  now: datetime | None = None) -> TicketRow:
    """An agent takes a waiting ticket (or one a bot is handling). Two agents at once: the
    first wins, the other gets ConflictError."""
    conn = conn_of(s)
    when = now_or(now)
    before = conn.execute(select(_t.status).where(_t.id == ticket_id)).scalar()
    if before is None:
        raise NotFound(f"Atendimento {ticket_id} não encontrado.")
    result = conn.execute(
        update(tickets_t)
        .where(_t.id == ticket_id,
               _t.status.in_([TicketStatus.PENDING.value, TicketStatus.BOT.value]))
        .values(status=TicketStatus.OPEN.value, agent_id=agent_id, updated_at=when))
    if result.rowcount != 1:
        current = get_ticket(s, ticket_id)
        if current.status == TicketStatus.OPEN and current.agent_id == agent_id:
            return current  # a double click by the same agent
        raise ConflictError("Este atendimento já foi aceito por outro agente")
    add_ticket_event(s, ticket_id, TicketEventKind.ACCEPT, f"agent:{agent_id}",
                     TicketStatus(before), TicketStatus.OPEN, "", when)
    return get_ticket(s, ticket_id)


def set_ticket_status(s: Session, ticket_id: int, to: TicketStatus, actor: str,
                      detail: str = "", now: datetime | None = None) -> TicketRow:
    to = TicketStatus(to)
    kind = {TicketStatus.CLOSED: TicketEventKind.CLOSE}.get(to, TicketEventKind.STATUS)
    extra: dict[str, Any] = {}
    if to in (TicketStatus.PENDING, TicketStatus.BOT):
        extra["agent_id"] = None  # back to the queue / the bot: nobody owns it
    current = get_ticket(s, ticket_id)
    if current.status == to:
        return current
    if current.status == TicketStatus.CLOSED:
        kind = TicketEventKind.REOPEN
    return _transition(s, ticket_id, to, actor, detail, kind, now, set(TicketStatus), **extra)


def close_ticket(s: Session, ticket_id: int, actor: str, detail: str = "",
                 now: datetime | None = None) -> TicketRow:
    return _transition(s, ticket_id, TicketStatus.CLOSED, actor, detail,
                       TicketEventKind.CLOSE, now,
                       {TicketStatus.BOT, TicketStatus.PENDING, TicketStatus.OPEN})


def reopen(s: Session, ticket_id: int, actor: str, agent_id: int | None = None,
           detail: str = "", now: datetime | None = None) -> TicketRow:
    """Reopen a closed ticket: to the agent when given, otherwise back to pending."""
    to = TicketStatus.OPEN if agent_id is not None else TicketStatus.PENDING
    return _transition(s, ticket_id, to, actor, detail, TicketEventKind.REOPEN, now,
                       {TicketStatus.CLOSED}, agent_id=agent_id)


def transfer(s: Session, ticket_id: int, actor: str, queue_id: int | None = None,
             agent_id: int | None = None, detail: str = "",
             now: datetime | None = None) -> TicketRow:
    """Move a ticket to a queue (waiting again) and/or straight to an agent (open)."""
    conn = conn_of(s)
    when = now_or(now)
    current = get_ticket(s, ticket_id)
    if current.status == TicketStatus.CLOSED:
        raise ConflictError("Não é possível transferir um atendimento encerrado; reabra-o "
                            "primeiro.")
    to = TicketStatus.OPEN if agent_id is not None else TicketStatus.PENDING
    result = conn.execute(
        update(tickets_t).where(_t.id == ticket_id, _t.status == current.status.value)
        .values(status=to.value, agent_id=agent_id,
                queue_id=queue_id if queue_id is not None else current.queue_id,
                updated_at=when))
    if result.rowcount != 1:
        raise ConflictError("O atendimento foi alterado por outra pessoa; atualize e tente "
                            "de novo.")
    parts = []
    if queue_id is not None:
        parts.append(f"queue:{queue_id}")
    if agent_id is not None:
        parts.append(f"agent:{agent_id}")
    text = " ".join(parts) + (f" {detail}" if detail else "")
    add_ticket_event(s, ticket_id, TicketEventKind.TRANSFER, actor, current.status, to,
                     text.strip(), when)
    if to == TicketStatus.PENDING:
        auto_assign(s, ticket_id, when)
    return get_ticket(s, ticket_id)


def mark_ticket_read(s: Session, ticket_id: int, now: datetime | None = None) -> list[str]:
    """Zero the unread count; return the wa_ids of incoming messages now read (for the
    channel's read receipts)."""
    conn = conn_of(s)
    when = now_or(now)
    rows = conn.execute(select(_m.id, _m.wa_id).where(
        _m.ticket_id == ticket_id, _m.direction == Direction.IN.value,
        _m.ack < int(Ack.READ), _m.ack >= 0)).all()
    if rows:
        ids = [r.id for r in rows]
        for chunk in _chunks(ids):
            conn.execute(update(messages_t).where(_m.id.in_(chunk)).values(ack=int(Ack.READ)))
    conn.execute(update(tickets_t).where(_t.id == ticket_id, _t.unread_count != 0)
                 .values(unread_count=0, updated_at=when))
    return [r.wa_id for r in rows]


_SELECT_ACTIVE_TICKET = Prepared(lambda _d: (
    select(_t.id, _t.status)
    .where(_t.contact_id == bindparam("p_contact"), _t.connection_id == bindparam("p_conn"),
           _t.status != TicketStatus.CLOSED.value)
))
_INSERT_TICKET = Prepared(dialect_insert_ignore(tickets_t))
_INSERT_EVENT = Prepared(lambda _d: insert(events_t))


def active_ticket_or_new(conn: SAConnection, connection_id: int, contact_id: int,
                         status: TicketStatus, last_message_at: datetime, now: datetime,
                         actor: str = "system") -> tuple[int, TicketStatus, bool]:
    """The one find-or-create of a ticket: the contact's active (not closed) ticket on this
    connection, or a new one in ``status`` with its CREATED event.
    Returns (ticket id, its status, created)."""
    key = {"p_contact": contact_id, "p_conn": connection_id}
    row = _SELECT_ACTIVE_TICKET.first(conn, key)
    if row is not None:
        return row[0], TicketStatus(row[1]), False
    # The partial unique index makes a second active ticket impossible even if another
    # process inserts one between our SELECT and this INSERT: then we read theirs.
    new_id = _INSERT_TICKET.scalar(conn, {
        "connection_id": connection_id, "contact_id": contact_id, "status": status.value,
        "queue_id": None, "agent_id": None, "unread_count": 0, "last_message_preview": "",
        "last_message_at": last_message_at, "created_at": now, "updated_at": now,
        "closed_at": None,
    })
    if new_id is None:
        row = _SELECT_ACTIVE_TICKET.first(conn, key)
        if row is None:  # the conflict was not the active-ticket index: nothing to read
            raise StoreError(f"O atendimento do contato {contact_id} não pôde ser criado "
                             "nem encontrado; tente de novo.")
        return row[0], TicketStatus(row[1]), False
    _INSERT_EVENT.rows(conn, {
        "ticket_id": new_id, "kind": TicketEventKind.CREATED.value, "from_status": None,
        "to_status": status.value, "actor": actor, "detail": "", "at": now})
    return int(new_id), status, True


_SELECT_LATEST_TICKET = Prepared(lambda _d: (
    select(_t.id, _t.status)
    .where(_t.contact_id == bindparam("p_contact"), _t.connection_id == bindparam("p_conn"))
    .order_by(_t.id.desc()).limit(1)
))


def ticket_for_blocked(conn: SAConnection, connection_id: int, contact_id: int,
                       last_message_at: datetime, now: datetime) -> tuple[int, TicketStatus, bool]:
    """Where a blocked contact's message is kept (never lost, nobody asked to answer it):
    their active ticket if one is still open, else their latest ticket, left closed, else a
    new ticket created closed. Returns (ticket id, its status, created)."""
    key = {"p_contact": contact_id, "p_conn": connection_id}
    row = _SELECT_ACTIVE_TICKET.first(conn, key) or _SELECT_LATEST_TICKET.first(conn, key)
    if row is not None:
        return row[0], TicketStatus(row[1]), False
    new_id = _INSERT_TICKET.scalar(conn, {
        "connection_id": connection_id, "contact_id": contact_id,
        "status": TicketStatus.CLOSED.value, "queue_id": None, "agent_id": None,
        "unread_count": 0, "last_message_preview": "", "last_message_at": last_message_at,
        "created_at": now, "updated_at": now, "closed_at": now,
    })
    if new_id is None:
        raise StoreError(f"O atendimento do contato {contact_id} não pôde ser criado; "
                         "tente de novo.")
    _INSERT_EVENT.rows(conn, {
        "ticket_id": new_id, "kind": TicketEventKind.CREATED.value, "from_status": None,
        "to_status": TicketStatus.CLOSED.value, "actor": "system",
        "detail": "contato bloqueado", "at": now})
    return int(new_id), TicketStatus.CLOSED, True


def find_or_create_ticket(s: Session, connection_id: int, contact_id: int,
                          status: TicketStatus = TicketStatus.PENDING,
                          actor: str = "system",
                          now: datetime | None = None) -> tuple[TicketRow, bool]:
    """The contact's active ticket on this connection, or a new one (e.g. an agent starts a
    conversation). Returns (ticket, created)."""
    when = now_or(now)
    ticket_id, _status, created = active_ticket_or_new(
        conn_of(s), connection_id, contact_id, TicketStatus(status), when, when, actor)
    return get_ticket(s, ticket_id), created


def list_tickets(s: Session, status: TicketStatus | None = None,
                 connection_id: int | None = None, queue_id: int | None = None,
                 agent_id: int | None = None, limit: int = 50,
                 before: tuple[datetime, int] | None = None) -> list[TicketRow]:
    """Newest activity first. ``before`` = (last_message_at, id) of the last row already
    shown: the next page starts right after it (keyset pagination, served by an index)."""
    q = _ticket_query()
    if status is not None:
        q = q.where(_t.status == TicketStatus(status).value)
    if connection_id is not None:
        q = q.where(_t.connection_id == connection_id)
    if queue_id is not None:
        q = q.where(_t.queue_id == queue_id)
    if agent_id is not None:
        q = q.where(_t.agent_id == agent_id)
    if before is not None:
        at, last_id = before
        q = q.where(or_(_t.last_message_at < at,
                        and_(_t.last_message_at == at, _t.id < last_id)))
    q = q.order_by(_t.last_message_at.desc(), _t.id.desc()).limit(max(1, min(limit, 500)))
    return [ticket_from(r) for r in conn_of(s).execute(q).all()]


def list_messages(s: Session, ticket_id: int, limit: int = 50,
                  before_id: int | None = None) -> list[MessageRow]:
    """A page of a ticket's messages, oldest first, ending just before ``before_id``."""
    q = select(messages_t).where(_m.ticket_id == ticket_id)
    if before_id is not None:
        q = q.where(_m.id < before_id)
    q = q.order_by(_m.id.desc()).limit(max(1, min(limit, 1000)))
    rows = conn_of(s).execute(q).all()
    return [message_from(r) for r in reversed(rows)]


def get_message(s: Session, message_id: int) -> MessageRow:
    row = conn_of(s).execute(select(messages_t).where(_m.id == message_id)).first()
    if row is None:
        raise NotFound(f"Mensagem {message_id} não encontrada.")
    return message_from(row)


def has_message(s: Session, connection_id: int, wa_id: str) -> bool:
    """Whether this connection already stores a message with this WhatsApp id (a
    redelivery or replay of it needs nothing downloaded again)."""
    return conn_of(s).execute(select(_m.id).where(
        _m.connection_id == connection_id, _m.wa_id == wa_id)).first() is not None


def counts(s: Session, connection_id: int | None = None) -> Counts:
    """Badge numbers for the inbox tabs."""
    active = _t.status != TicketStatus.CLOSED.value
    q = select(
        func.coalesce(func.sum(case((_t.status == TicketStatus.PENDING.value, 1), else_=0)), 0),
        func.coalesce(func.sum(_t.unread_count), 0),  # messages, not tickets
        func.coalesce(func.sum(case((_t.status == TicketStatus.BOT.value, 1), else_=0)), 0),
        func.coalesce(func.sum(case((_t.status == TicketStatus.OPEN.value, 1), else_=0)), 0),
    ).where(active)
    if connection_id is not None:
        q = q.where(_t.connection_id == connection_id)
    waiting, unread, bot, open_ = conn_of(s).execute(q).one()
    return Counts(int(waiting), int(unread), int(bot), int(open_))


def _chunks(items: list[Any], size: int = 500) -> list[list[Any]]:
    return [items[i:i + size] for i in range(0, len(items), size)]




def mark_ticket_unread(s: Session, ticket_id: int, now: datetime | None = None) -> None:
    """The agent wants to come back to this ticket: it shows as unread (at least 1) again."""
    result = conn_of(s).execute(update(tickets_t).where(_t.id == ticket_id).values(
        unread_count=case((_t.unread_count > 0, _t.unread_count), else_=1),
        updated_at=now_or(now)))
    if result.rowcount != 1:
        raise NotFound(f"Atendimento {ticket_id} não encontrado.")

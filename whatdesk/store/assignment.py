"""Auto-assignment: a ticket waiting in an auto-assign queue goes to the least-busy online
agent of that queue who is within capacity, inside the write that made it wait."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, func, select, update
from sqlalchemy.orm import Session

from whatdesk.domain.enums import TicketEventKind, TicketStatus

from ._sql import agent_queues_t, agents_t, conn_of, events_t, now_or, queues_t, tickets_t

_t = tickets_t.c
_a = agents_t.c


def _conn(s: Session | Connection) -> Connection:
    return s if isinstance(s, Connection) else conn_of(s)


def pick_agent(s: Session | Connection, queue_id: int) -> tuple[int, str] | None:
    """(id, name) of the active, online agent of the queue with the fewest open tickets,
    among those below their capacity (0: no cap); ties go to the lower id."""
    conn = _conn(s)
    open_count = (select(func.count()).select_from(tickets_t)
                  .where(_t.agent_id == _a.id, _t.status == TicketStatus.OPEN.value)
                  .correlate(agents_t).scalar_subquery())
    query = (select(_a.id, _a.name, open_count.label("busy"))
             .join(agent_queues_t, agent_queues_t.c.agent_id == _a.id)
             .where(agent_queues_t.c.queue_id == queue_id, _a.active.is_(True),
                    _a.presence == "online",
                    (_a.capacity == 0) | (open_count < _a.capacity))
             .order_by(open_count, _a.id).limit(1))
    if conn.dialect.name == "postgresql":
        # Two desktops assigning at once: the chosen agent's row is locked until commit, so
        # the second one counts the first one's ticket (capacity is never overshot).
        query = query.with_for_update(of=agents_t)
    row = conn.execute(query).first()
    return None if row is None else (int(row.id), str(row.name))


def auto_assign(s: Session | Connection, ticket_id: int, now: datetime | None = None) -> int | None:
    """Give a pending ticket in an auto-assign queue to an agent (status open) and log
    "assigned to X". Returns the agent id, or None when nothing was done. Call it inside the
    transaction that made the ticket pending: nobody sees it waiting in between."""
    conn = _conn(s)
    row = conn.execute(
        select(_t.status, _t.queue_id, queues_t.c.auto_assign)
        .join(queues_t, queues_t.c.id == _t.queue_id).where(_t.id == ticket_id)).first()
    if row is None or row.status != TicketStatus.PENDING.value or not row.auto_assign:
        return None
    chosen = pick_agent(conn, int(row.queue_id))
    if chosen is None:
        return None  # nobody online with room: it waits in the queue
    agent_id, name = chosen
    when = now_or(now)
    result = conn.execute(update(tickets_t).where(
        _t.id == ticket_id, _t.status == TicketStatus.PENDING.value).values(
        status=TicketStatus.OPEN.value, agent_id=agent_id, updated_at=when))
    if result.rowcount != 1:
        return None
    conn.execute(events_t.insert().values(
        ticket_id=ticket_id, kind=TicketEventKind.ASSIGN.value,
        from_status=TicketStatus.PENDING.value, to_status=TicketStatus.OPEN.value,
        actor="system", detail=f"agent:{agent_id} atribuído a {name}", at=when))
    return agent_id


def assign_waiting(s: Session | Connection, agent_id: int, limit: int = 200,
                   now: datetime | None = None) -> list[int]:
    """An agent came online: the tickets already waiting in their auto-assign queues (oldest
    first) are handed out again, each to whoever is least busy then. Returns the ticket ids
    that were assigned."""
    conn = _conn(s)
    waiting = conn.execute(
        select(_t.id).join(queues_t, queues_t.c.id == _t.queue_id)
        .join(agent_queues_t, agent_queues_t.c.queue_id == _t.queue_id)
        .where(agent_queues_t.c.agent_id == agent_id, queues_t.c.auto_assign.is_(True),
               _t.status == TicketStatus.PENDING.value)
        .order_by(_t.updated_at, _t.id).limit(limit)).scalars().all()
    assigned = []
    for ticket_id in waiting:
        if auto_assign(conn, int(ticket_id), now) is None:
            break  # nobody has room any more
        assigned.append(int(ticket_id))
    return assigned

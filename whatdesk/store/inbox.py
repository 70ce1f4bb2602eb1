"""Inbox lists: one keyset page of a tab (filtered), rows of given tickets, tab counts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import and_, bindparam, case, exists, func, or_, select, tuple_
from sqlalchemy.orm import Session

from whatdesk.domain.enums import Ack, MessageKind, TicketStatus

from ._sql import (
    conn_of,
    contact_display,
    contact_tags_t,
    contacts_t,
    events_t,
    messages_t,
    queues_t,
    tags_t,
    tickets_t,
)
from .types import UTCDateTime

_t = tickets_t.c
_m = messages_t.c
_c = contacts_t.c

PAGE_SIZE = 50
NO_QUEUE = -1  # queue filter value: tickets that are in no queue
MAX_TAGS_PER_ROW = 2
# Messages that act on another one (and notes) are never "the last message" of a chat.
_NOT_LAST = (MessageKind.REACTION.value, MessageKind.EDIT.value, MessageKind.REVOKE.value)


class InboxTab(StrEnum):
    MINE = "mine"  # open, owned by the viewer (or by the agent an admin filters on)
    WAITING = "waiting"  # pending in the viewer's queues (admins: all)
    BOT = "bot"  # a flow is talking
    CLOSED = "closed"


_TAB_STATUS = {InboxTab.MINE: TicketStatus.OPEN, InboxTab.WAITING: TicketStatus.PENDING,
               InboxTab.BOT: TicketStatus.BOT, InboxTab.CLOSED: TicketStatus.CLOSED}


@dataclass(frozen=True)
class InboxQuery:
    """Which tickets a list shows: the tab, who is looking, and the filters."""

    tab: InboxTab
    viewer_id: int
    viewer_is_admin: bool = False
    viewer_queue_ids: tuple[int, ...] = ()
    queue_id: int | None = None  # NO_QUEUE: tickets without a queue
    connection_id: int | None = None
    tag_id: int | None = None
    agent_id: int | None = None  # admins only: Mine/Closed of this agent instead
    unread_only: bool = False


@dataclass(frozen=True)
class RowTag:
    name: str
    color: str


@dataclass(frozen=True)
class InboxRow:
    """Everything one line of the ticket list draws."""

    ticket_id: int
    status: TicketStatus
    connection_id: int
    contact_id: int
    contact_name: str
    contact_phone: str | None
    is_group: bool
    avatar_path: str | None
    queue_id: int | None
    queue_name: str | None
    queue_color: str | None
    agent_id: int | None
    unread_count: int
    last_message_at: datetime
    preview: str  # the stored one-line preview (fallback when no message is found)
    last_message_id: int | None = None
    last_kind: MessageKind | None = None
    last_text: str = ""
    last_filename: str | None = None
    last_from_me: bool = False
    last_ack: Ack | None = None
    last_deleted: bool = False
    tags: tuple[RowTag, ...] = ()
    more_tags: int = 0  # tags beyond the ones shown

    @property
    def sort_key(self) -> tuple[datetime, int]:
        """Lists are ordered by this, largest first (newest activity)."""
        return (self.last_message_at, self.ticket_id)


@dataclass(frozen=True)
class InboxPage:
    rows: list[InboxRow]
    cursor: tuple[datetime, int] | None  # pass back as ``after`` for the next page
    exhausted: bool  # no more rows after this page


@dataclass(frozen=True)
class TabCounts:
    mine: int
    waiting: int
    bot: int


def visible_tickets(viewer_id: int, is_admin: bool, queue_ids: tuple[int, ...],
                    tickets: Any = tickets_t) -> Any:
    """The one rule for which tickets an agent may see (lists, counts, search): a non-admin
    sees their own tickets, their queues' and those in no queue (nobody else would see
    those); an admin sees everything (None: no condition). ``tickets``: the table or an
    alias of it."""
    if is_admin:
        return None
    c = tickets.c
    conds = [c.queue_id.is_(None), c.agent_id == int(viewer_id)]
    if queue_ids:
        conds.append(c.queue_id.in_([int(q) for q in queue_ids]))
    return or_(*conds)


def _visible_to(q: InboxQuery) -> Any:
    return visible_tickets(q.viewer_id, q.viewer_is_admin, q.viewer_queue_ids)


def _mine_agent(q: InboxQuery) -> int:
    if q.viewer_is_admin and q.agent_id is not None:
        return q.agent_id
    return q.viewer_id


def _filters(q: InboxQuery) -> list[Any]:
    """The filter bar's conditions (tab-independent)."""
    conds: list[Any] = []
    if q.queue_id == NO_QUEUE:
        conds.append(_t.queue_id.is_(None))
    elif q.queue_id is not None:
        conds.append(_t.queue_id == q.queue_id)
    if q.connection_id is not None:
        conds.append(_t.connection_id == q.connection_id)
    if q.tag_id is not None:
        conds.append(exists().where(contact_tags_t.c.contact_id == _t.contact_id,
                                    contact_tags_t.c.tag_id == q.tag_id))
    if q.unread_only:
        conds.append(_t.unread_count > 0)
    return conds


def tab_conditions(q: InboxQuery) -> list[Any]:
    """WHERE of one tab with its filters."""
    conds = [_t.status == _TAB_STATUS[q.tab].value, *_filters(q)]
    if q.tab == InboxTab.MINE:
        conds.append(_t.agent_id == _mine_agent(q))
    else:
        visible = _visible_to(q)
        if visible is not None:
            conds.append(visible)
        if q.tab == InboxTab.CLOSED and q.viewer_is_admin and q.agent_id is not None:
            conds.append(_t.agent_id == q.agent_id)
    return conds


def _row_query(q: InboxQuery) -> Any:
    last_id = (select(_m.id)
               .where(_m.ticket_id == _t.id, _m.kind.not_in(_NOT_LAST),
                      _m.is_private_note.is_(False))
               .order_by(_m.id.desc()).limit(1).correlate(tickets_t).scalar_subquery())
    return (select(_t.id, _t.status, _t.connection_id, _t.contact_id, _t.queue_id,
                   _t.agent_id, _t.unread_count, _t.last_message_at,
                   _t.last_message_preview, _c.name, _c.push_name, _c.phone, _c.lid,
                   _c.group_jid, _c.is_group, _c.avatar_path,
                   queues_t.c.name.label("q_name"), queues_t.c.color.label("q_color"),
                   last_id.label("last_id"))
            .select_from(tickets_t.join(contacts_t, _c.id == _t.contact_id)
                         .outerjoin(queues_t, queues_t.c.id == _t.queue_id))
            .where(*tab_conditions(q)))


_CURSOR = tuple_(bindparam("c_at", type_=UTCDateTime()), bindparam("c_id"))


def list_page(s: Session, q: InboxQuery, after: tuple[datetime, int] | None = None,
              limit: int = PAGE_SIZE) -> InboxPage:
    """Newest activity first; ``after`` is the cursor of the previous page (keyset: the
    (status|queue|connection, last_message_at, id) indexes serve every page alike)."""
    limit = max(1, min(int(limit), 500))
    stmt = _row_query(q)
    params: dict[str, Any] = {}
    if after is not None:
        stmt = stmt.where(tuple_(_t.last_message_at, _t.id) < _CURSOR)
        params = {"c_at": after[0], "c_id": int(after[1])}
    stmt = stmt.order_by(_t.last_message_at.desc(), _t.id.desc()).limit(limit + 1)
    raw = conn_of(s).execute(stmt, params).all()
    exhausted = len(raw) <= limit
    rows = _complete(s, q, raw[:limit])
    cursor = rows[-1].sort_key if rows else after
    return InboxPage(rows, cursor, exhausted)


def rows_for(s: Session, q: InboxQuery, ticket_ids: list[int] | tuple[int, ...] | set[int]
             ) -> dict[int, InboxRow | None]:
    """The current row of each ticket as this list shows it, or None where the ticket does
    not (or no longer) belong in it. What a change notification re-reads."""
    ids = sorted({int(i) for i in ticket_ids})
    out: dict[int, InboxRow | None] = dict.fromkeys(ids)
    for start in range(0, len(ids), 400):
        chunk = ids[start:start + 400]
        raw = conn_of(s).execute(_row_query(q).where(_t.id.in_(chunk))).all()
        for row in _complete(s, q, raw):
            out[row.ticket_id] = row
    return out


def _complete(s: Session, q: InboxQuery, raw: list[Any]) -> list[InboxRow]:
    """Ticket rows plus their last message and tags."""
    if not raw:
        return []
    conn = conn_of(s)
    last_ids = [r.last_id for r in raw if r.last_id is not None]
    last: dict[int, Any] = {}
    if last_ids:
        for m in conn.execute(select(_m.id, _m.kind, _m.text, _m.media_filename, _m.from_me,
                                     _m.ack, _m.deleted).where(_m.id.in_(last_ids))).all():
            last[m.id] = m
    contact_ids = sorted({r.contact_id for r in raw})
    tags: dict[int, list[RowTag]] = {}
    for cid, name, color in conn.execute(
            select(contact_tags_t.c.contact_id, tags_t.c.name, tags_t.c.color)
            .join(tags_t, tags_t.c.id == contact_tags_t.c.tag_id)
            .where(contact_tags_t.c.contact_id.in_(contact_ids))
            .order_by(contact_tags_t.c.contact_id, tags_t.c.name)).all():
        tags.setdefault(cid, []).append(RowTag(name, color))
    rows = []
    for r in raw:
        m = last.get(r.last_id) if r.last_id is not None else None
        contact_tags = tags.get(r.contact_id, [])
        rows.append(InboxRow(
            ticket_id=r.id, status=TicketStatus(r.status), connection_id=r.connection_id,
            contact_id=r.contact_id,
            contact_name=contact_display(r.name, r.push_name, r.phone, r.lid, r.group_jid),
            contact_phone=r.phone, is_group=bool(r.is_group), avatar_path=r.avatar_path,
            queue_id=r.queue_id, queue_name=r.q_name, queue_color=r.q_color,
            agent_id=r.agent_id, unread_count=int(r.unread_count),
            last_message_at=r.last_message_at, preview=r.last_message_preview or "",
            last_message_id=m.id if m is not None else None,
            last_kind=_kind(m.kind) if m is not None else None,
            last_text=(m.text or "") if m is not None else "",
            last_filename=m.media_filename if m is not None else None,
            last_from_me=bool(m.from_me) if m is not None else False,
            last_ack=Ack(m.ack) if m is not None else None,
            last_deleted=bool(m.deleted) if m is not None else False,
            tags=tuple(contact_tags[:MAX_TAGS_PER_ROW]),
            more_tags=max(0, len(contact_tags) - MAX_TAGS_PER_ROW)))
    return rows


def _kind(value: str) -> MessageKind:
    try:
        return MessageKind(value)
    except ValueError:
        return MessageKind.UNSUPPORTED


def waiting_since_expr() -> Any:
    """When a pending ticket (last) entered the queue: its newest transition to pending in
    the event log (every transition is logged there), else its creation."""
    entered = (select(func.max(events_t.c.at))
               .where(events_t.c.ticket_id == _t.id,
                      events_t.c.to_status == TicketStatus.PENDING.value)
               .correlate(tickets_t).scalar_subquery())
    return func.coalesce(entered, _t.created_at, type_=UTCDateTime())


def waiting_positions(s: Session, ticket_ids: list[int] | tuple[int, ...] | set[int]
                      ) -> dict[int, tuple[datetime, int]]:
    """(waiting since, position in its queue) of those of these tickets that are pending:
    first come, first served among every pending ticket of the same queue (no queue is one
    queue too). Kept apart from the rows: it reads the whole queue, so the list paints first
    and the positions follow."""
    ids = sorted({int(i) for i in ticket_ids})
    if not ids:
        return {}
    conn = conn_of(s)
    queue_ids: set[int | None] = set()
    for start in range(0, len(ids), 400):
        queue_ids.update(q for (q,) in conn.execute(
            select(_t.queue_id).where(_t.id.in_(ids[start:start + 400]),
                                      _t.status == TicketStatus.PENDING.value).distinct()))
    if not queue_ids:
        return {}
    conds = []
    named = [qid for qid in queue_ids if qid is not None]
    if named:
        conds.append(_t.queue_id.in_(named))
    if None in queue_ids:
        conds.append(_t.queue_id.is_(None))
    # Ranked in SQL so only these tickets' rows come back, however long the queues are.
    since = waiting_since_expr()
    ranked = (select(_t.id.label("tid"), since.label("since"),
                     func.row_number().over(partition_by=_t.queue_id,
                                            order_by=(since, _t.id)).label("pos"))
              .where(_t.status == TicketStatus.PENDING.value, or_(*conds)).subquery())
    out: dict[int, tuple[datetime, int]] = {}
    for start in range(0, len(ids), 400):
        for tid, at, pos in conn.execute(select(ranked.c.tid, ranked.c.since, ranked.c.pos)
                                         .where(ranked.c.tid.in_(ids[start:start + 400]))):
            out[int(tid)] = (at, int(pos))
    return out


def tab_counts(s: Session, q: InboxQuery) -> TabCounts:
    """How many tickets Mine, Waiting and Bot hold with these filters (``q.tab`` ignored)."""
    visible = _visible_to(q)
    mine = and_(_t.status == TicketStatus.OPEN.value, _t.agent_id == _mine_agent(q))

    def tab(status: TicketStatus) -> Any:
        cond = _t.status == status.value
        return cond if visible is None else and_(cond, visible)

    stmt = select(
        func.coalesce(func.sum(case((mine, 1), else_=0)), 0),
        func.coalesce(func.sum(case((tab(TicketStatus.PENDING), 1), else_=0)), 0),
        func.coalesce(func.sum(case((tab(TicketStatus.BOT), 1), else_=0)), 0),
    ).where(_t.status.in_([TicketStatus.OPEN.value, TicketStatus.PENDING.value,
                           TicketStatus.BOT.value]), *_filters(q))
    mine_n, waiting_n, bot_n = conn_of(s).execute(stmt).one()
    return TabCounts(int(mine_n), int(waiting_n), int(bot_n))

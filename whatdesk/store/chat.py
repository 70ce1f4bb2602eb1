"""Reads for the chat view: keyset pages of a ticket's messages, their quotes, reactions and
the ticket events between them."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import and_, select
from sqlalchemy.orm import Session

from whatdesk.domain.enums import MessageKind

from ._sql import agents_t, conn_of, event_from, events_t, message_from, messages_t, queues_t
from .rows import MessageRow, TicketEventRow

_m = messages_t.c
_e = events_t.c
MAX_PAGE = 500
# Rows that act on another message (their effect is stored on the target): never a bubble.
ACTION_KINDS = (MessageKind.REACTION.value, MessageKind.EDIT.value, MessageKind.REVOKE.value)


def _shown(ticket_id: int) -> Any:
    return select(messages_t).where(_m.ticket_id == ticket_id, _m.kind.not_in(ACTION_KINDS))


def _limit(limit: int) -> int:
    return max(1, min(int(limit), MAX_PAGE))


def messages_before(s: Session, ticket_id: int, before_id: int | None = None,
                    limit: int = 60) -> list[MessageRow]:
    """Up to ``limit`` shown messages older than ``before_id`` (the newest when None), oldest
    first. Keyset on (ticket_id, id): ix_messages_ticket serves it at any depth."""
    q = _shown(ticket_id)
    if before_id is not None:
        q = q.where(_m.id < before_id)
    rows = conn_of(s).execute(q.order_by(_m.id.desc()).limit(_limit(limit))).all()
    return [message_from(r) for r in reversed(rows)]


def messages_after(s: Session, ticket_id: int, after_id: int,
                   limit: int = 60) -> list[MessageRow]:
    """Up to ``limit`` shown messages newer than ``after_id``, oldest first."""
    q = _shown(ticket_id).where(_m.id > after_id).order_by(_m.id).limit(_limit(limit))
    return [message_from(r) for r in conn_of(s).execute(q).all()]


def messages_around(s: Session, ticket_id: int, message_id: int,
                    before: int = 30, after: int = 30) -> list[MessageRow]:
    """The message itself with up to ``before`` older and ``after`` newer ones, oldest first
    (empty when the message is not in this ticket)."""
    conn = conn_of(s)
    centre = conn.execute(_shown(ticket_id).where(_m.id == message_id)).first()
    if centre is None:
        return []
    older = messages_before(s, ticket_id, message_id, before)
    newer = messages_after(s, ticket_id, message_id, after)
    return [*older, message_from(centre), *newer]


def messages_by_wa_id(s: Session, connection_id: int,
                      wa_ids: Iterable[str]) -> dict[str, MessageRow]:
    """The stored messages with these WhatsApp ids (quoted originals), by wa_id."""
    wanted = sorted({w for w in wa_ids if w})
    found: dict[str, MessageRow] = {}
    for i in range(0, len(wanted), 500):
        q = select(messages_t).where(_m.connection_id == connection_id,
                                     _m.wa_id.in_(wanted[i:i + 500]))
        for r in conn_of(s).execute(q).all():
            row = message_from(r)
            found[row.wa_id] = row
    return found


def reactions_for(s: Session, ticket_id: int, wa_ids: Iterable[str],
                  since_id: int) -> dict[str, list[tuple[str, bool]]]:
    """Current reactions on these messages: target wa_id -> [(emoji, from_me)], one per
    reacting person (their latest; an empty emoji removed it). A reaction always comes after
    its target, so only rows from ``since_id`` on are read."""
    wanted = {w for w in wa_ids if w}
    if not wanted:
        return {}
    q = (select(_m.target_wa_id, _m.reaction, _m.text, _m.from_me, _m.contact_id, _m.sender_jid)
         .where(_m.ticket_id == ticket_id, _m.id >= since_id,
                _m.kind == MessageKind.REACTION.value)
         .order_by(_m.id))
    latest: dict[str, dict[tuple[Any, ...], str]] = {}
    for r in conn_of(s).execute(q).all():
        if r.target_wa_id not in wanted:
            continue
        who = (bool(r.from_me), r.contact_id, r.sender_jid)
        latest.setdefault(r.target_wa_id, {})[who] = r.reaction or r.text or ""
    return {target: [(emoji, who[0]) for who, emoji in people.items() if emoji]
            for target, people in latest.items()
            if any(people.values())}


def events_between(s: Session, ticket_id: int, start: datetime | None,
                   end: datetime | None) -> list[TicketEventRow]:
    """The ticket's events with start <= at < end (either bound open when None), by time."""
    q = select(events_t).where(_e.ticket_id == ticket_id)
    if start is not None:
        q = q.where(_e.at >= start)
    if end is not None:
        q = q.where(_e.at < end)
    return [event_from(r) for r in conn_of(s).execute(q.order_by(_e.at, _e.id)).all()]


def names_of(s: Session, agent_ids: Iterable[int],
             queue_ids: Iterable[int]) -> tuple[dict[int, str], dict[int, str]]:
    """Agent and queue names for system lines ("accepted by Bia", "transferred to Vendas")."""
    conn = conn_of(s)
    a_ids, q_ids = sorted(set(agent_ids)), sorted(set(queue_ids))
    agents = ({r.id: r.name for r in conn.execute(
        select(agents_t.c.id, agents_t.c.name).where(agents_t.c.id.in_(a_ids))).all()}
        if a_ids else {})
    queues = ({r.id: r.name for r in conn.execute(
        select(queues_t.c.id, queues_t.c.name).where(queues_t.c.id.in_(q_ids))).all()}
        if q_ids else {})
    return agents, queues


def message_agents(s: Session, message_ids: Iterable[int]) -> dict[int, int]:
    """message id -> the agent who wrote it (outgoing messages and notes)."""
    ids = sorted(set(message_ids))
    out: dict[int, int] = {}
    for i in range(0, len(ids), 500):
        q = select(_m.id, _m.agent_id).where(and_(_m.id.in_(ids[i:i + 500]),
                                                  _m.agent_id.is_not(None)))
        out.update({r.id: r.agent_id for r in conn_of(s).execute(q).all()})
    return out

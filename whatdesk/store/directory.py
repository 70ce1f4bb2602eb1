"""Queues, agents, tags and settings: the small reference tables."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from whatdesk.domain.errors import ConflictError, WhatdeskError

from ._sql import (
    agent_queues_t,
    agents_t,
    conn_of,
    contact_tags_t,
    dialect_insert,
    insert_or_ignore,
    now_or,
    queues_t,
    settings_t,
    tags_t,
)
from .rows import AgentRow, QueueRow, TagRow


class InvalidName(WhatdeskError, ValueError):
    pass


def _name(text: str, what: str) -> str:
    clean = " ".join(str(text or "").split())
    if not clean:
        raise InvalidName(f"Dê um nome {what}.")
    return clean


def create_queue(s: Session, name: str, color: str = "#1976d2", greeting: str = "",
                 now: datetime | None = None) -> QueueRow:
    conn = conn_of(s)
    clean = _name(name, "à fila")
    new_id = conn.execute(insert_or_ignore(conn.dialect.name, queues_t), {
        "name": clean, "color": color, "greeting": greeting,
        "created_at": now_or(now)}).scalar()
    if new_id is None:
        raise ConflictError(f"Já existe uma fila chamada “{clean}”.")
    return QueueRow(int(new_id), clean, color, greeting)


def list_queues(s: Session) -> list[QueueRow]:
    rows = conn_of(s).execute(select(queues_t).order_by(queues_t.c.name)).all()
    return [QueueRow(r.id, r.name, r.color, r.greeting) for r in rows]


def create_agent(s: Session, name: str, email: str | None = None, is_admin: bool = False,
                 queue_ids: tuple[int, ...] | list[int] = (),
                 now: datetime | None = None) -> AgentRow:
    conn = conn_of(s)
    clean = _name(name, "ao agente")
    email = (email or "").strip().lower() or None
    new_id = conn.execute(insert_or_ignore(conn.dialect.name, agents_t), {
        "name": clean, "email": email, "is_admin": is_admin, "active": True,
        "created_at": now_or(now)}).scalar()
    if new_id is None:
        raise ConflictError(f"Já existe um agente com o e-mail {email}.")
    for qid in dict.fromkeys(queue_ids):
        conn.execute(agent_queues_t.insert().values(agent_id=new_id, queue_id=qid))
    return AgentRow(int(new_id), clean, email, is_admin, True, tuple(dict.fromkeys(queue_ids)))


def list_agents(s: Session) -> list[AgentRow]:
    conn = conn_of(s)
    links: dict[int, list[int]] = {}
    for a_id, q_id in conn.execute(select(agent_queues_t.c.agent_id, agent_queues_t.c.queue_id)
                                   .order_by(agent_queues_t.c.queue_id)).all():
        links.setdefault(a_id, []).append(q_id)
    rows = conn.execute(select(agents_t).order_by(agents_t.c.name)).all()
    return [AgentRow(r.id, r.name, r.email, bool(r.is_admin), bool(r.active),
                     tuple(links.get(r.id, ()))) for r in rows]


def create_tag(s: Session, name: str, color: str = "#607d8b") -> TagRow:
    conn = conn_of(s)
    clean = _name(name, "à etiqueta")
    new_id = conn.execute(insert_or_ignore(conn.dialect.name, tags_t),
                          {"name": clean, "color": color}).scalar()
    if new_id is None:
        raise ConflictError(f"Já existe uma etiqueta chamada “{clean}”.")
    return TagRow(int(new_id), clean, color)


def list_tags(s: Session) -> list[TagRow]:
    rows = conn_of(s).execute(select(tags_t).order_by(tags_t.c.name)).all()
    return [TagRow(r.id, r.name, r.color) for r in rows]


def tag_contact(s: Session, contact_id: int, tag_id: int) -> None:
    conn = conn_of(s)
    conn.execute(insert_or_ignore(conn.dialect.name, contact_tags_t, returning_id=False),
                 {"contact_id": contact_id, "tag_id": tag_id})


def untag_contact(s: Session, contact_id: int, tag_id: int) -> None:
    conn_of(s).execute(delete(contact_tags_t).where(contact_tags_t.c.contact_id == contact_id,
                                                    contact_tags_t.c.tag_id == tag_id))


def contact_tags(s: Session, contact_id: int) -> list[TagRow]:
    rows = conn_of(s).execute(
        select(tags_t).join(contact_tags_t, contact_tags_t.c.tag_id == tags_t.c.id)
        .where(contact_tags_t.c.contact_id == contact_id).order_by(tags_t.c.name)).all()
    return [TagRow(r.id, r.name, r.color) for r in rows]


def get_setting(s: Session, key: str, default: Any = None) -> Any:
    row = conn_of(s).execute(select(settings_t.c.value).where(settings_t.c.key == key)).first()
    return default if row is None else row.value


def set_setting(s: Session, key: str, value: Any) -> None:
    # One statement (an upsert): two desktops sharing a PostgreSQL server may set the same
    # new key at the same moment, and neither may fail.
    conn = conn_of(s)
    stmt = dialect_insert(conn.dialect.name, settings_t).values(key=key, value=value)
    conn.execute(stmt.on_conflict_do_update(index_elements=[settings_t.c.key],
                                            set_={"value": stmt.excluded.value}))


def find_queue(s: Session, name: str) -> QueueRow | None:
    """A queue by name, ignoring case and surrounding spaces."""
    clean = " ".join(str(name or "").split()).lower()
    for row in list_queues(s):
        if row.name.lower() == clean:
            return row
    return None


def find_agent(s: Session, ref: str) -> AgentRow | None:
    """An active agent by e-mail or by name (case ignored)."""
    clean = " ".join(str(ref or "").split()).lower()
    if not clean:
        return None
    agents = [a for a in list_agents(s) if a.active]
    for agent in agents:
        if agent.email and agent.email.lower() == clean:
            return agent
    for agent in agents:
        if agent.name.lower() == clean:
            return agent
    return None


def ensure_tag(s: Session, name: str) -> TagRow:
    """The tag with this name (case ignored), created when missing."""
    clean = _name(name, "à etiqueta")
    row = conn_of(s).execute(select(tags_t).where(tags_t.c.name == clean)).first()
    if row is None:
        for tag in list_tags(s):
            if tag.name.lower() == clean.lower():
                return tag
        return create_tag(s, clean)
    return TagRow(row.id, row.name, row.color)


def find_tag(s: Session, name: str) -> TagRow | None:
    clean = " ".join(str(name or "").split()).lower()
    for tag in list_tags(s):
        if tag.name.lower() == clean:
            return tag
    return None

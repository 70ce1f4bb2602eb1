"""Queues, agents, tags and settings: the small reference tables."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from whatdesk.domain.errors import ConflictError, NotFound, WhatdeskError

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
    tickets_t,
)
from .rows import AgentRow, QueueRow, TagRow


class InvalidName(WhatdeskError, ValueError):
    pass


def _name(text: str, what: str) -> str:
    clean = " ".join(str(text or "").split())
    if not clean:
        raise InvalidName(f"Dê um nome {what}.")
    return clean


def _taken(conn: Any, table: Any, name: str, exclude_id: int | None = None) -> str | None:
    """The existing name equal to ``name`` ignoring case ("VIP" blocks "vip"), if any."""
    query = select(table.c.name).where(func.lower(table.c.name) == name.lower())
    if exclude_id is not None:
        query = query.where(table.c.id != exclude_id)
    return conn.execute(query.limit(1)).scalar()


_COLOR = re.compile(r"#[0-9a-fA-F]{6}")


def _color(value: str, default: str) -> str:
    """A #rrggbb colour (stored as given by a colour picker; anything else: the default)."""
    value = str(value or "").strip()
    return value if _COLOR.fullmatch(value) else default


def create_queue(s: Session, name: str, color: str = "#1976d2", greeting: str = "",
                 now: datetime | None = None, auto_assign: bool = False) -> QueueRow:
    conn = conn_of(s)
    clean = _name(name, "à fila")
    color = _color(color, "#1976d2")
    if (taken := _taken(conn, queues_t, clean)) is not None:
        raise ConflictError(f"Já existe uma fila chamada “{taken}”.",
                            en=f"A queue called “{taken}” already exists.")
    new_id = conn.execute(insert_or_ignore(conn.dialect.name, queues_t), {
        "name": clean, "color": color, "greeting": greeting, "auto_assign": bool(auto_assign),
        "created_at": now_or(now)}).scalar()
    if new_id is None:
        raise ConflictError(f"Já existe uma fila chamada “{clean}”.",
                            en=f"A queue called “{clean}” already exists.")
    return QueueRow(int(new_id), clean, color, greeting, bool(auto_assign))


def list_queues(s: Session) -> list[QueueRow]:
    rows = conn_of(s).execute(select(queues_t).order_by(queues_t.c.name)).all()
    return [QueueRow(r.id, r.name, r.color, r.greeting, bool(r.auto_assign)) for r in rows]


def get_queue(s: Session, queue_id: int) -> QueueRow:
    r = conn_of(s).execute(select(queues_t).where(queues_t.c.id == queue_id)).first()
    if r is None:
        raise NotFound(f"Fila {queue_id} não encontrada.")
    return QueueRow(r.id, r.name, r.color, r.greeting, bool(r.auto_assign))


def update_queue(s: Session, queue_id: int, *, name: str, color: str, greeting: str,
                 auto_assign: bool, agent_ids: tuple[int, ...] | list[int] | None = None
                 ) -> QueueRow:
    """Edit a queue; ``agent_ids`` (when given) replaces who serves it."""
    conn = conn_of(s)
    clean = _name(name, "à fila")
    if (taken := _taken(conn, queues_t, clean, queue_id)) is not None:
        raise ConflictError(f"Já existe uma fila chamada “{taken}”.",
                            en=f"A queue called “{taken}” already exists.")
    result = conn.execute(update(queues_t).where(queues_t.c.id == queue_id).values(
        name=clean, color=_color(color, "#1976d2"), greeting=greeting or "",
        auto_assign=bool(auto_assign)))
    if result.rowcount != 1:
        raise NotFound(f"Fila {queue_id} não encontrada.")
    if agent_ids is not None:
        set_queue_agents(s, queue_id, agent_ids)
    return get_queue(s, queue_id)


def queue_agent_ids(s: Session, queue_id: int) -> tuple[int, ...]:
    return tuple(conn_of(s).execute(
        select(agent_queues_t.c.agent_id).where(agent_queues_t.c.queue_id == queue_id)
        .order_by(agent_queues_t.c.agent_id)).scalars())


def set_queue_agents(s: Session, queue_id: int, agent_ids: tuple[int, ...] | list[int]) -> None:
    conn = conn_of(s)
    conn.execute(delete(agent_queues_t).where(agent_queues_t.c.queue_id == queue_id))
    for aid in dict.fromkeys(agent_ids):
        conn.execute(agent_queues_t.insert().values(agent_id=aid, queue_id=queue_id))


def delete_queue(s: Session, queue_id: int) -> None:
    """Remove a queue: its tickets stay, without a queue (the foreign key sets NULL)."""
    conn = conn_of(s)
    conn.execute(update(tickets_t).where(tickets_t.c.queue_id == queue_id).values(queue_id=None))
    conn.execute(delete(agent_queues_t).where(agent_queues_t.c.queue_id == queue_id))
    conn.execute(delete(queues_t).where(queues_t.c.id == queue_id))


def _email(value: str | None) -> str | None:
    email = (value or "").strip().lower() or None
    if email is not None and ("@" not in email or " " in email):
        raise InvalidName(f"E-mail inválido: {email}", en=f"Invalid e-mail: {email}")
    return email


def create_agent(s: Session, name: str, email: str | None = None, is_admin: bool = False,
                 queue_ids: tuple[int, ...] | list[int] = (),
                 now: datetime | None = None, capacity: int = 0,
                 password_hash: str | None = None) -> AgentRow:
    conn = conn_of(s)
    clean = _name(name, "ao agente")
    email = _email(email)
    new_id = conn.execute(insert_or_ignore(conn.dialect.name, agents_t), {
        "name": clean, "email": email, "is_admin": is_admin, "active": True,
        "capacity": max(0, int(capacity)), "password_hash": password_hash,
        "created_at": now_or(now)}).scalar()
    if new_id is None:
        raise ConflictError(f"Já existe um agente com o e-mail {email}.",
                            en=f"An agent with the e-mail {email} already exists.")
    for qid in dict.fromkeys(queue_ids):
        conn.execute(agent_queues_t.insert().values(agent_id=new_id, queue_id=qid))
    return get_agent(s, int(new_id))


def _agent_row(r: Any, queue_ids: tuple[int, ...]) -> AgentRow:
    return AgentRow(r.id, r.name, r.email, bool(r.is_admin), bool(r.active), queue_ids,
                    int(r.capacity or 0), r.presence or "offline", r.password_hash is not None,
                    bool(r.sign_messages))


def list_agents(s: Session) -> list[AgentRow]:
    conn = conn_of(s)
    links: dict[int, list[int]] = {}
    for a_id, q_id in conn.execute(select(agent_queues_t.c.agent_id, agent_queues_t.c.queue_id)
                                   .order_by(agent_queues_t.c.queue_id)).all():
        links.setdefault(a_id, []).append(q_id)
    rows = conn.execute(select(agents_t).order_by(agents_t.c.name)).all()
    return [_agent_row(r, tuple(links.get(r.id, ()))) for r in rows]


def get_agent(s: Session, agent_id: int) -> AgentRow:
    conn = conn_of(s)
    r = conn.execute(select(agents_t).where(agents_t.c.id == agent_id)).first()
    if r is None:
        raise NotFound(f"Agente {agent_id} não encontrado.")
    queue_ids = tuple(conn.execute(
        select(agent_queues_t.c.queue_id).where(agent_queues_t.c.agent_id == agent_id)
        .order_by(agent_queues_t.c.queue_id)).scalars())
    return _agent_row(r, queue_ids)


def _other_active_admins(s: Session, agent_id: int) -> int:
    return int(conn_of(s).execute(select(func.count()).select_from(agents_t).where(
        agents_t.c.is_admin.is_(True), agents_t.c.active.is_(True),
        agents_t.c.id != agent_id)).scalar_one())


_LAST_ADMIN = "Este é o único administrador ativo: promova outro agente antes."
_LAST_ADMIN_EN = "This is the only active administrator: make another agent an administrator first."


def update_agent(s: Session, agent_id: int, *, name: str, email: str | None, is_admin: bool,
                 queue_ids: tuple[int, ...] | list[int], capacity: int,
                 sign_messages: bool | None = None) -> AgentRow:
    """Edit an agent. The last active administrator cannot lose the role (nobody could
    administer the desktop afterwards)."""
    conn = conn_of(s)
    current = get_agent(s, agent_id)
    clean = _name(name, "ao agente")
    email = _email(email)
    if current.is_admin and current.active and not is_admin and not _other_active_admins(
            s, agent_id):
        raise ConflictError(_LAST_ADMIN, en=_LAST_ADMIN_EN)
    if email is not None and conn.execute(select(agents_t.c.id).where(
            agents_t.c.email == email, agents_t.c.id != agent_id)).first() is not None:
        raise ConflictError(f"Já existe um agente com o e-mail {email}.",
                            en=f"An agent with the e-mail {email} already exists.")
    values: dict[str, Any] = {"name": clean, "email": email, "is_admin": bool(is_admin),
                              "capacity": max(0, int(capacity))}
    if sign_messages is not None:
        values["sign_messages"] = bool(sign_messages)
    conn.execute(update(agents_t).where(agents_t.c.id == agent_id).values(**values))
    conn.execute(delete(agent_queues_t).where(agent_queues_t.c.agent_id == agent_id))
    for qid in dict.fromkeys(queue_ids):
        conn.execute(agent_queues_t.insert().values(agent_id=agent_id, queue_id=qid))
    return get_agent(s, agent_id)


def set_agent_active(s: Session, agent_id: int, active: bool) -> AgentRow:
    """Deactivate (cannot sign in, gets no tickets, "remember me" forgotten) or reactivate."""
    current = get_agent(s, agent_id)
    if not active and current.is_admin and current.active and not _other_active_admins(
            s, agent_id):
        raise ConflictError(_LAST_ADMIN, en=_LAST_ADMIN_EN)
    values: dict[str, Any] = {"active": bool(active)}
    if not active:
        values.update(presence="offline", remember_token_hash=None)
    conn_of(s).execute(update(agents_t).where(agents_t.c.id == agent_id).values(**values))
    return get_agent(s, agent_id)


def agent_secrets(s: Session, agent_id: int) -> tuple[str | None, str | None]:
    """(password_hash, remember_token_hash) of an agent: hashes only, never a secret."""
    r = conn_of(s).execute(select(agents_t.c.password_hash, agents_t.c.remember_token_hash)
                           .where(agents_t.c.id == agent_id)).first()
    if r is None:
        raise NotFound(f"Agente {agent_id} não encontrado.")
    return r.password_hash, r.remember_token_hash


def set_agent_secrets(s: Session, agent_id: int, **hashes: str | None) -> None:
    """Set ``password_hash`` and/or ``remember_token_hash`` (already hashed by the caller)."""
    allowed = {"password_hash", "remember_token_hash"}
    if not hashes or set(hashes) - allowed:
        raise ValueError(f"only {sorted(allowed)}")
    conn_of(s).execute(update(agents_t).where(agents_t.c.id == agent_id).values(**hashes))


PRESENCES = ("online", "away", "offline")


def set_presence(s: Session, agent_id: int, presence: str) -> None:
    if presence not in PRESENCES:
        raise ValueError(f"presence {presence!r}")
    conn_of(s).execute(update(agents_t).where(agents_t.c.id == agent_id)
                       .values(presence=presence))


def create_tag(s: Session, name: str, color: str = "#607d8b") -> TagRow:
    conn = conn_of(s)
    clean = _name(name, "à etiqueta")
    color = _color(color, "#607d8b")
    if (taken := _taken(conn, tags_t, clean)) is not None:
        raise ConflictError(f"Já existe uma etiqueta chamada “{taken}”.",
                            en=f"A tag called “{taken}” already exists.")
    new_id = conn.execute(insert_or_ignore(conn.dialect.name, tags_t),
                          {"name": clean, "color": color}).scalar()
    if new_id is None:
        raise ConflictError(f"Já existe uma etiqueta chamada “{clean}”.",
                            en=f"A tag called “{clean}” already exists.")
    return TagRow(int(new_id), clean, color)


def update_tag(s: Session, tag_id: int, name: str, color: str) -> TagRow:
    conn = conn_of(s)
    clean = _name(name, "à etiqueta")
    if (taken := _taken(conn, tags_t, clean, tag_id)) is not None:
        raise ConflictError(f"Já existe uma etiqueta chamada “{taken}”.",
                            en=f"A tag called “{taken}” already exists.")
    color = _color(color, "#607d8b")
    result = conn.execute(update(tags_t).where(tags_t.c.id == tag_id).values(
        name=clean, color=color))
    if result.rowcount != 1:
        raise NotFound(f"Etiqueta {tag_id} não encontrada.")
    return TagRow(tag_id, clean, color)


def delete_tag(s: Session, tag_id: int) -> None:
    """Remove a tag and take it off every contact."""
    conn = conn_of(s)
    conn.execute(delete(contact_tags_t).where(contact_tags_t.c.tag_id == tag_id))
    conn.execute(delete(tags_t).where(tags_t.c.id == tag_id))


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


def settings_with_prefix(s: Session, prefix: str) -> dict[str, Any]:
    """Every setting whose key starts with ``prefix`` (our own constant: no wildcard in it)."""
    rows = conn_of(s).execute(select(settings_t.c.key, settings_t.c.value).where(
        settings_t.c.key.startswith(prefix, autoescape=True)))
    return {r.key: r.value for r in rows}


def delete_setting(s: Session, key: str) -> None:
    conn_of(s).execute(delete(settings_t).where(settings_t.c.key == key))


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

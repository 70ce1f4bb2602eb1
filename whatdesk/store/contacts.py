"""Contacts: upsert by phone and/or LID (merging the two identities), groups, tags."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, delete, or_, select, update
from sqlalchemy.engine import Connection as SAConnection
from sqlalchemy.orm import Session

from whatdesk.domain.enums import TicketEventKind, TicketStatus
from whatdesk.domain.errors import NotFound, WhatdeskError

from ._sql import (
    agents_t,
    conn_of,
    contact_from,
    contact_tags_t,
    Prepared,
    contacts_t,
    dialect_insert_ignore,
    events_t,
    messages_t,
    now_or,
    queues_t,
    tickets_t,
)
from .rows import ContactRow, ContactTicketRow

_c = contacts_t.c

_SELECT_PERSON = Prepared(lambda _d: (
    select(_c.id, _c.phone, _c.lid, _c.push_name)
    .where(or_(_c.phone == bindparam("p_phone"), _c.lid == bindparam("p_lid")))
    .order_by(_c.id)
))
_SELECT_GROUP = Prepared(lambda _d: select(_c.id).where(_c.group_jid == bindparam("p_group")))
_INSERT_CONTACT = Prepared(dialect_insert_ignore(contacts_t))


def _new_contact_values(now: datetime, **fields: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "phone": None, "lid": None, "group_jid": None, "name": "", "push_name": "",
        "is_group": False, "email": None, "custom_fields": {}, "created_at": now,
        "updated_at": now,
    }
    values.update(fields)
    return values


def find_or_create_person(conn: SAConnection, phone: str | None, lid: str | None,
                          push_name: str, now: datetime,
                          found: list[tuple[Any, ...]] | None = None) -> int:
    """The contact id of a person known by phone and/or LID; merges two contacts into one
    when a message reveals they are the same person. ``found``: rows (id, phone, lid,
    push_name) the caller already selected by this phone/LID in this transaction."""
    if phone is None and lid is None:
        raise ValueError("a contact needs a phone or a LID")
    if found is not None:
        rows = found
    else:
        rows = _SELECT_PERSON.rows(conn, {"p_phone": phone, "p_lid": lid})
    if not rows:
        new_id = _INSERT_CONTACT.scalar(conn, _new_contact_values(
            now, phone=phone, lid=lid, push_name=push_name))
        if new_id is not None:
            return int(new_id)
        rows = _SELECT_PERSON.rows(conn, {"p_phone": phone, "p_lid": lid})
    if len(rows) > 1:
        keep_id, drop_id = rows[0][0], rows[1][0]
        _merge_contacts(conn, keep_id, drop_id, now)
        changes: dict[str, Any] = {"updated_at": now}
        if phone:
            changes["phone"] = phone
        if lid:
            changes["lid"] = lid
        if push_name:
            changes["push_name"] = push_name
        conn.execute(update(contacts_t).where(_c.id == keep_id).values(**changes))
        return int(keep_id)
    row_id, row_phone, row_lid, row_push = rows[0]
    changes = {}
    if phone and row_phone != phone:
        changes["phone"] = phone
    if lid and row_lid != lid:
        changes["lid"] = lid
    if push_name and row_push != push_name:
        changes["push_name"] = push_name
    if changes:
        changes["updated_at"] = now
        conn.execute(update(contacts_t).where(_c.id == row_id).values(**changes))
    return int(row_id)


def find_or_create_group(conn: SAConnection, group_jid: str, now: datetime) -> int:
    found = _SELECT_GROUP.scalar(conn, {"p_group": group_jid})
    if found is not None:
        return int(found)
    new_id = _INSERT_CONTACT.scalar(conn, _new_contact_values(
        now, group_jid=group_jid, is_group=True))
    if new_id is None:
        new_id = _SELECT_GROUP.scalar(conn, {"p_group": group_jid})
    return int(new_id)


def _merge_contacts(conn: SAConnection, keep_id: int, drop_id: int, now: datetime) -> None:
    """Fold contact ``drop_id`` into ``keep_id``: tickets, messages, tags, missing fields.

    Where both have a ticket still active on the same connection, the messages of the
    dropped one move into the kept one, so the inbox shows one conversation."""
    t = tickets_t.c
    keep = conn.execute(select(contacts_t).where(_c.id == keep_id)).one()
    drop = conn.execute(select(contacts_t).where(_c.id == drop_id)).one()
    active = select(t.id, t.connection_id, t.unread_count, t.last_message_at,
                    t.last_message_preview).where(t.status != TicketStatus.CLOSED.value)
    kept_active = {r.connection_id: r for r in
                   conn.execute(active.where(t.contact_id == keep_id)).all()}
    for dropped in conn.execute(active.where(t.contact_id == drop_id)).all():
        target = kept_active.get(dropped.connection_id)
        if target is None:
            continue
        conn.execute(update(messages_t).where(messages_t.c.ticket_id == dropped.id)
                     .values(ticket_id=target.id))
        conn.execute(update(events_t).where(events_t.c.ticket_id == dropped.id)
                     .values(ticket_id=target.id))
        changes: dict[str, Any] = {"unread_count": t.unread_count + dropped.unread_count,
                                   "updated_at": now}
        if dropped.last_message_at > target.last_message_at:
            changes["last_message_at"] = dropped.last_message_at
            changes["last_message_preview"] = dropped.last_message_preview
        conn.execute(update(tickets_t).where(t.id == target.id).values(**changes))
        conn.execute(events_t.insert().values(
            ticket_id=target.id, kind=TicketEventKind.NOTE.value, from_status=None,
            to_status=None, actor="system", detail=f"merged ticket #{dropped.id}", at=now))
        conn.execute(delete(tickets_t).where(t.id == dropped.id))
    conn.execute(update(tickets_t).where(t.contact_id == drop_id).values(contact_id=keep_id))
    conn.execute(update(messages_t).where(messages_t.c.contact_id == drop_id)
                 .values(contact_id=keep_id))
    kept_tags = set(conn.execute(select(contact_tags_t.c.tag_id)
                                 .where(contact_tags_t.c.contact_id == keep_id)).scalars())
    for tag_id in conn.execute(select(contact_tags_t.c.tag_id)
                               .where(contact_tags_t.c.contact_id == drop_id)).scalars():
        if tag_id not in kept_tags:
            conn.execute(contact_tags_t.insert().values(contact_id=keep_id, tag_id=tag_id))
    fields = dict(drop.custom_fields or {})
    fields.update(keep.custom_fields or {})
    conn.execute(delete(contacts_t).where(_c.id == drop_id))
    conn.execute(update(contacts_t).where(_c.id == keep_id).values(
        name=keep.name or drop.name, email=keep.email or drop.email,
        push_name=keep.push_name or drop.push_name, custom_fields=fields, updated_at=now))


# ---- public API -----------------------------------------------------------------------

def upsert_contact(s: Session, phone: str | None = None, lid: str | None = None,
                   name: str | None = None, now: datetime | None = None) -> ContactRow:
    """Find (or create) the person with this phone / LID; set ``name`` when given."""
    conn = conn_of(s)
    when = now_or(now)
    contact_id = find_or_create_person(conn, phone, lid, "", when)
    if name is not None:
        conn.execute(update(contacts_t).where(_c.id == contact_id)
                     .values(name=name.strip(), updated_at=when))
    return get_contact(s, contact_id)


def get_contact(s: Session, contact_id: int) -> ContactRow:
    row = conn_of(s).execute(select(contacts_t).where(_c.id == contact_id)).first()
    if row is None:
        raise NotFound(f"Contato {contact_id} não encontrado.")
    return contact_from(row)


def find_contact(s: Session, phone: str | None = None, lid: str | None = None,
                 group_jid: str | None = None) -> ContactRow | None:
    conds = []
    if phone:
        conds.append(_c.phone == phone)
    if lid:
        conds.append(_c.lid == lid)
    if group_jid:
        conds.append(_c.group_jid == group_jid)
    if not conds:
        return None
    row = conn_of(s).execute(select(contacts_t).where(or_(*conds)).order_by(_c.id)).first()
    return contact_from(row) if row else None


_CONTACT_FIELDS = {"name", "email", "custom_fields"}


def update_contact(s: Session, contact_id: int, now: datetime | None = None,
                   **fields: Any) -> ContactRow:
    unknown = set(fields) - _CONTACT_FIELDS
    if unknown:
        raise TypeError(f"unknown contact fields: {sorted(unknown)}")
    get_contact(s, contact_id)
    if fields:
        conn_of(s).execute(update(contacts_t).where(_c.id == contact_id)
                           .values(**fields, updated_at=now_or(now)))
    return get_contact(s, contact_id)


# ---- the contact panel: validated edits, notes, blocking, history ----------------------

NAME_MAX = 200
EMAIL_MAX = 200
NOTES_MAX_BYTES = 10 * 1024
CUSTOM_FIELDS_MAX = 30
CUSTOM_KEY_MAX = 60
CUSTOM_VALUE_MAX = 500
# Deliberately simple: one @, no spaces, a dot in the domain. Full RFC 5322 would accept
# things no agent means ("a@b"), and a stricter one refuses real addresses.
_EMAIL_RE = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s.]+")


class InvalidContactField(WhatdeskError, ValueError):
    """An edit of the contact panel that cannot be stored; ``field`` names the input."""

    def __init__(self, field: str, pt: str, en: str) -> None:
        super().__init__(pt, en=en)
        self.field = field


def clean_contact_name(text: str | None) -> str:
    """One line, inner runs of spaces folded; "" clears it (the WhatsApp name shows again)."""
    clean = " ".join(str(text or "").split())
    if len(clean) > NAME_MAX:
        raise InvalidContactField(
            "name", f"O nome pode ter no máximo {NAME_MAX} caracteres.",
            f"The name can have at most {NAME_MAX} characters.")
    return clean


def clean_email(text: str | None) -> str | None:
    """A plausible e-mail address, or None for an empty one."""
    clean = str(text or "").strip()
    if not clean:
        return None
    if len(clean) > EMAIL_MAX:
        raise InvalidContactField(
            "email", f"O e-mail pode ter no máximo {EMAIL_MAX} caracteres.",
            f"The e-mail can have at most {EMAIL_MAX} characters.")
    if not _EMAIL_RE.fullmatch(clean):
        raise InvalidContactField(
            "email", "E-mail inválido: use o formato nome@empresa.com.br.",
            "Invalid e-mail: use the form name@company.com.")
    return clean


def clean_notes(text: str | None) -> str:
    clean = str(text or "").replace("\r\n", "\n").strip()
    if len(clean.encode("utf-8")) > NOTES_MAX_BYTES:
        raise InvalidContactField(
            "notes", f"As notas podem ter no máximo {NOTES_MAX_BYTES // 1024} KB.",
            f"Notes can be at most {NOTES_MAX_BYTES // 1024} KB.")
    return clean


def clean_custom_fields(fields: dict[str, Any]) -> dict[str, str]:
    """Keys one line and unique (case ignored), values text; counts and sizes capped."""
    if not isinstance(fields, dict):
        raise InvalidContactField("custom_fields", "Campos personalizados inválidos.",
                                  "Invalid custom fields.")
    if len(fields) > CUSTOM_FIELDS_MAX:
        raise InvalidContactField(
            "custom_fields", f"Um contato pode ter no máximo {CUSTOM_FIELDS_MAX} campos.",
            f"A contact can have at most {CUSTOM_FIELDS_MAX} fields.")
    clean: dict[str, str] = {}
    seen: set[str] = set()
    for key, value in fields.items():
        k = " ".join(str(key or "").split())
        v = str("" if value is None else value).strip()
        if not k:
            raise InvalidContactField("custom_fields", "Dê um nome ao campo.",
                                      "Give the field a name.")
        if len(k) > CUSTOM_KEY_MAX:
            raise InvalidContactField(
                "custom_fields",
                f"O nome de um campo pode ter no máximo {CUSTOM_KEY_MAX} caracteres.",
                f"A field name can have at most {CUSTOM_KEY_MAX} characters.")
        if len(v) > CUSTOM_VALUE_MAX:
            raise InvalidContactField(
                "custom_fields",
                f"O valor de um campo pode ter no máximo {CUSTOM_VALUE_MAX} caracteres.",
                f"A field value can have at most {CUSTOM_VALUE_MAX} characters.")
        if k.lower() in seen:
            raise InvalidContactField("custom_fields", f"Já existe um campo “{k}”.",
                                      f"There is already a field “{k}”.")
        seen.add(k.lower())
        clean[k] = v
    return clean


def edit_contact(s: Session, contact_id: int, now: datetime | None = None,
                 **fields: Any) -> ContactRow:
    """Validate and store what the agent edited: name, email, notes, custom_fields, blocked.
    Nothing is written unless every given field is valid."""
    cleaners = {"name": clean_contact_name, "email": clean_email, "notes": clean_notes,
                "custom_fields": clean_custom_fields, "blocked": bool}
    unknown = set(fields) - set(cleaners)
    if unknown:
        raise TypeError(f"unknown contact fields: {sorted(unknown)}")
    values = {key: cleaners[key](value) for key, value in fields.items()}
    get_contact(s, contact_id)
    if values:
        conn_of(s).execute(update(contacts_t).where(_c.id == contact_id)
                           .values(**values, updated_at=now_or(now)))
    return get_contact(s, contact_id)


def contact_of_ticket(s: Session, ticket_id: int) -> ContactRow:
    contact_id = conn_of(s).execute(
        select(tickets_t.c.contact_id).where(tickets_t.c.id == ticket_id)).scalar()
    if contact_id is None:
        raise NotFound(f"Atendimento {ticket_id} não encontrado.")
    return get_contact(s, int(contact_id))


def contact_ticket_ids(s: Session, contact_id: int) -> list[int]:
    return list(conn_of(s).execute(select(tickets_t.c.id).where(
        tickets_t.c.contact_id == contact_id).order_by(tickets_t.c.id)).scalars())


def set_contact_avatar(s: Session, contact_id: int, path: str | None) -> bool:
    """Store where the contact's profile picture is cached (a path inside the data dir,
    written by the avatar service only); True when it changed."""
    result = conn_of(s).execute(update(contacts_t).where(
        contacts_t.c.id == contact_id,
        contacts_t.c.avatar_path.is_distinct_from(path)).values(
        avatar_path=path))
    return bool(result.rowcount)


def contact_connection_ids(s: Session, contact_id: int) -> list[int]:
    """The connections (WhatsApp accounts) this contact has talked to."""
    return list(conn_of(s).execute(select(tickets_t.c.connection_id).where(
        tickets_t.c.contact_id == contact_id).distinct().order_by(
        tickets_t.c.connection_id)).scalars())


def contact_history(s: Session, contact_id: int, limit: int = 50) -> list[ContactTicketRow]:
    """The contact's tickets, newest activity first, with the agent and queue names."""
    t = tickets_t.c
    q = (select(t.id, t.status, t.connection_id, t.created_at, t.last_message_at, t.closed_at,
                t.last_message_preview, agents_t.c.name.label("agent_name"),
                queues_t.c.name.label("queue_name"))
         .select_from(tickets_t.outerjoin(agents_t, agents_t.c.id == t.agent_id)
                      .outerjoin(queues_t, queues_t.c.id == t.queue_id))
         .where(t.contact_id == contact_id)
         .order_by(t.last_message_at.desc(), t.id.desc()).limit(max(1, min(limit, 500))))
    return [ContactTicketRow(
        id=r.id, status=TicketStatus(r.status), connection_id=r.connection_id,
        created_at=r.created_at, last_message_at=r.last_message_at, closed_at=r.closed_at,
        agent_name=r.agent_name, queue_name=r.queue_name,
        last_message_preview=r.last_message_preview or "")
        for r in conn_of(s).execute(q).all()]

"""Contacts: upsert by phone and/or LID (merging the two identities), groups, tags."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, delete, or_, select, update
from sqlalchemy.engine import Connection as SAConnection
from sqlalchemy.orm import Session

from whatdesk.domain.enums import TicketEventKind, TicketStatus
from whatdesk.domain.errors import NotFound

from ._sql import (
    conn_of,
    contact_from,
    contact_tags_t,
    Prepared,
    contacts_t,
    dialect_insert_ignore,
    events_t,
    messages_t,
    now_or,
    tickets_t,
)
from .rows import ContactRow

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

"""LGPD: read everything about a contact, erase it (anonymize), and let freed pages go.

Where a contact's data lives, and what each function here does to it:

- ``contacts``: name, push name, phone, LID, e-mail, custom fields, notes, avatar.
- ``messages`` of the contact's tickets, and the contact's own messages in groups: text and
  captions, vCards, locations, reactions, media columns, the ``payload`` (quoted text copies,
  the first text of an edited message, shared contacts), chat/sender JIDs and names.
- copies of the contact's text quoted by *other* messages (``payload.quoted_text``).
- ``tickets.last_message_preview``, ``ticket_events.detail``, ``flow_runs`` (flow answers),
  pending outbound rows (the queue is the messages table).
- the search index: SQLite FTS5 tables (kept by triggers, then ``optimize`` so the old
  segments holding the tokens are rewritten) and PostgreSQL's GIN expression indexes.

Files (media, avatar, inbound journals) and ``VACUUM`` are the service's job: they happen
after the commit (see ``whatdesk.services.privacy``).
"""

from __future__ import annotations

import json
import logging
import time
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Text, cast, delete, func, or_, select, update
from sqlalchemy.engine import Connection as SAConnection
from sqlalchemy.orm import Session

from whatdesk.domain.enums import Ack, Direction, TicketEventKind, TicketStatus
from whatdesk.domain.errors import NotFound, WhatdeskError

from ._sql import (
    agents_t,
    conn_of,
    contact_tags_t,
    contacts_t,
    driver_of,
    events_t,
    flow_runs_t,
    messages_t,
    now_or,
    queues_t,
    quick_replies_t,
    settings_t,
    tags_t,
    tickets_t,
)
from .search_schema import SEARCH_TABLES

_c = contacts_t.c
_m = messages_t.c
_t = tickets_t.c

log = logging.getLogger(__name__)

CHECKPOINT_TRIES = 20
ANON_PREFIX = "anon-"  # contacts.phone of an anonymized contact: never a phone number
ANON_NAME = "Contato anonimizado"
EXPORT_FORMAT = 1
ANONYMIZED_ERROR = "contact_anonymized"  # the error of outbound rows that will never go


class ContactIsGroup(WhatdeskError, ValueError):
    def __init__(self) -> None:
        super().__init__("Grupos não podem ser exportados nem anonimizados; escolha uma pessoa.",
                         en="Groups cannot be exported or anonymized; pick a person.")


def is_anonymized(phone: str | None) -> bool:
    return bool(phone) and str(phone).startswith(ANON_PREFIX)


def anonymous_phone(contact_id: int) -> str:
    """Unique (the id is) and not a phone: letters, so no code mistakes it for a number."""
    return f"{ANON_PREFIX}{int(contact_id)}"


# ---- export -----------------------------------------------------------------------------

@dataclass(frozen=True)
class ContactExport:
    """``data``: JSON-ready (datetimes as ISO text); ``media``: stored path -> name in the
    zip (``media/<file>``), for the files to copy in."""

    contact_id: int
    data: dict[str, Any]
    media: dict[str, str] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime) else value


def _plain(row: Any, skip: tuple[str, ...] = ()) -> dict[str, Any]:
    return {k: _iso(v) for k, v in row._mapping.items() if k not in skip}


def _person(conn: SAConnection, contact_id: int) -> Any:
    row = conn.execute(select(contacts_t).where(_c.id == contact_id)).first()
    if row is None:
        raise NotFound(f"Contato {contact_id} não encontrado.", en=f"Contact {contact_id} not found.")
    if row.is_group:
        raise ContactIsGroup()
    return row


def _contact_messages(contact_id: int) -> Any:
    """Messages of the contact's tickets, and what the contact wrote in groups."""
    return or_(_m.ticket_id.in_(select(_t.id).where(_t.contact_id == contact_id)),
               _m.contact_id == contact_id)


def export_contact(s: Session, contact_id: int) -> ContactExport:
    """Everything stored about a person: profile, tags, tickets with their events, messages
    (private notes included), flow answers, and the media files to add."""
    conn = conn_of(s)
    contact = _person(conn, contact_id)
    tags = [r.name for r in conn.execute(
        select(tags_t.c.name).join(contact_tags_t, contact_tags_t.c.tag_id == tags_t.c.id)
        .where(contact_tags_t.c.contact_id == contact_id).order_by(tags_t.c.name)).all()]
    tickets = conn.execute(
        select(tickets_t, queues_t.c.name.label("queue_name"),
               agents_t.c.name.label("agent_name"))
        .select_from(tickets_t.outerjoin(queues_t, queues_t.c.id == _t.queue_id)
                     .outerjoin(agents_t, agents_t.c.id == _t.agent_id))
        .where(_t.contact_id == contact_id).order_by(_t.id)).all()
    ticket_ids = [t.id for t in tickets]
    events: dict[int, list[dict[str, Any]]] = {}
    runs: dict[int, dict[str, Any]] = {}
    if ticket_ids:
        for e in conn.execute(select(events_t).where(events_t.c.ticket_id.in_(ticket_ids))
                              .order_by(events_t.c.id)).all():
            events.setdefault(e.ticket_id, []).append(_plain(e, ("ticket_id",)))
        for r in conn.execute(select(flow_runs_t)
                              .where(flow_runs_t.c.ticket_id.in_(ticket_ids))).all():
            runs[r.ticket_id] = _plain(r, ("ticket_id",))
    media: dict[str, str] = {}
    messages: list[dict[str, Any]] = []
    for m in conn.execute(select(messages_t, agents_t.c.name.label("agent_name"))
                          .select_from(messages_t.outerjoin(agents_t, agents_t.c.id == _m.agent_id))
                          .where(_contact_messages(contact_id)).order_by(_m.id)).all():
        item = _plain(m, ("send_attempts", "agent_id"))
        if m.media_path:
            name = media.get(m.media_path)
            if name is None:
                base = m.media_path.replace("\\", "/").rsplit("/", 1)[-1]
                name = media[m.media_path] = f"media/{len(media) + 1:05d}-{base}"[:200]
            item["media_file"] = name
        item.pop("media_path", None)
        messages.append(item)
    by_ticket: dict[int, list[dict[str, Any]]] = {}
    for item in messages:
        by_ticket.setdefault(item["ticket_id"], []).append(item)
    profile = _plain(contact, ("avatar_path",))
    data = {
        "format": EXPORT_FORMAT,
        "contact": profile,
        "tags": tags,
        "tickets": [{**_plain(t), "events": events.get(t.id, []),
                     "flow_run": runs.get(t.id),
                     "messages": by_ticket.pop(t.id, [])} for t in tickets],
        # what the contact wrote in groups (those tickets belong to the group)
        "group_messages": [item for items in by_ticket.values() for item in items],
    }
    if contact.avatar_path:
        media[contact.avatar_path] = "media/avatar-" + \
            contact.avatar_path.replace("\\", "/").rsplit("/", 1)[-1][:120]
        profile["avatar_file"] = media[contact.avatar_path]
    counts = {"tickets": len(tickets), "messages": len(messages), "media_files": len(media)}
    return ContactExport(contact_id, data, media, counts)


# ---- erasing ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Erased:
    """What an erase did; ``media``: stored files the erased rows referred to (delete those
    no other row still refers to, see ``unreferenced_files``)."""

    ticket_ids: tuple[int, ...] = ()
    closed: tuple[tuple[int, TicketStatus], ...] = ()  # (ticket, status before) closed now
    media: tuple[str, ...] = ()
    messages: int = 0
    contacts: tuple[int, ...] = ()  # anonymized contacts


_ERASED_MESSAGE = {
    "text": "", "media_path": None, "media_size": None, "media_sha256": None,
    "media_filename": None, "latitude": None, "longitude": None, "location_name": None,
    "location_address": None, "vcard": None, "payload": None, "reaction": None,
    "sender_name": None, "sender_jid": None,
}


def _erase_messages(conn: SAConnection, where: Any, chat_too: Any = None) -> tuple[int, list[str]]:
    """Empty the content of the messages matching ``where``; returns (count, media paths)."""
    rows = conn.execute(select(_m.id, _m.connection_id, _m.wa_id, _m.media_path)
                        .where(where)).all()
    if not rows:
        return 0, []
    media = sorted({r.media_path for r in rows if r.media_path})
    # outbound rows still waiting would be sent with their text gone: they never go
    conn.execute(update(messages_t).where(where, _m.direction == Direction.OUT.value,
                                          _m.ack == int(Ack.PENDING))
                 .values(ack=int(Ack.FAILED), error=ANONYMIZED_ERROR))
    conn.execute(update(messages_t).where(where).values(**_ERASED_MESSAGE))
    if chat_too is not None:
        conn.execute(update(messages_t).where(chat_too).values(chat_jid=None))
    _drop_quoted_copies(conn, {(r.connection_id, r.wa_id) for r in rows})
    return len(rows), media


def _drop_quoted_copies(conn: SAConnection, erased: set[tuple[int, str]]) -> None:
    """Other messages keep a copy of the text they quote (payload.quoted_text)."""
    if not erased:
        return
    wa_ids = sorted({wa for _c_id, wa in erased})
    for start in range(0, len(wa_ids), 500):
        chunk = wa_ids[start:start + 500]
        for row in conn.execute(select(_m.id, _m.connection_id, _m.quoted_wa_id, _m.payload)
                                .where(_m.quoted_wa_id.in_(chunk))).all():
            if (row.connection_id, row.quoted_wa_id) not in erased or not row.payload:
                continue
            payload = {k: v for k, v in dict(row.payload).items()
                       if k not in ("quoted_text", "quoted_sender")}
            conn.execute(update(messages_t).where(_m.id == row.id)
                         .values(payload=payload or None))


def _erase_tickets(conn: SAConnection, ticket_ids: list[int]) -> None:
    for start in range(0, len(ticket_ids), 500):
        chunk = ticket_ids[start:start + 500]
        conn.execute(update(tickets_t).where(_t.id.in_(chunk)).values(last_message_preview=""))
        conn.execute(update(events_t).where(events_t.c.ticket_id.in_(chunk)).values(detail=""))
        conn.execute(delete(flow_runs_t).where(flow_runs_t.c.ticket_id.in_(chunk)))
        # composer drafts kept for these tickets (services/drafts.py: "draft:<agent>:<ticket>")
        conn.execute(delete(settings_t).where(or_(*(
            settings_t.c.key.like(f"draft:%:{int(tid)}") for tid in chunk))))


def _close_active(conn: SAConnection, contact_id: int, actor: str,
                  now: datetime) -> list[tuple[int, TicketStatus]]:
    active = conn.execute(select(_t.id, _t.status).where(
        _t.contact_id == contact_id, _t.status != TicketStatus.CLOSED.value)).all()
    for row in active:
        conn.execute(update(tickets_t).where(_t.id == row.id).values(
            status=TicketStatus.CLOSED.value, closed_at=now, unread_count=0, updated_at=now))
        conn.execute(events_t.insert().values(
            ticket_id=row.id, kind=TicketEventKind.CLOSE.value, from_status=row.status,
            to_status=TicketStatus.CLOSED.value, actor=actor[:64], detail="", at=now))
    return [(row.id, TicketStatus(row.status)) for row in active]


def anonymize_contact(s: Session, contact_id: int, *, actor: str = "system",
                      now: datetime | None = None) -> Erased:
    """Replace the person's identity by a placeholder and erase every text, answer and
    media reference about them; tickets and message rows stay (counts, dates, statuses,
    directions, kinds) for the statistics. Open conversations are closed first."""
    conn = conn_of(s)
    when = now_or(now)
    contact = _person(conn, contact_id)
    closed = _close_active(conn, contact_id, actor, when)
    ticket_ids = list(conn.execute(select(_t.id).where(_t.contact_id == contact_id)
                                   .order_by(_t.id)).scalars())
    own_tickets = _m.ticket_id.in_(select(_t.id).where(_t.contact_id == contact_id))
    count, media = _erase_messages(conn, _contact_messages(contact_id), chat_too=own_tickets)
    _erase_tickets(conn, ticket_ids)
    if contact.avatar_path:
        media = sorted({*media, contact.avatar_path})
    _replace_number_elsewhere(conn, contact, anonymous_phone(contact_id))
    conn.execute(update(contacts_t).where(_c.id == contact_id).values(
        phone=anonymous_phone(contact_id), lid=None, name=ANON_NAME, push_name="",
        email=None, custom_fields={}, notes="", avatar_path=None, blocked=False,
        updated_at=when))
    purge_search_index(conn)
    return Erased(tuple(ticket_ids), tuple(closed), tuple(media), count, (contact_id,))


def _replace_number_elsewhere(conn: SAConnection, contact: Any, placeholder: str) -> None:
    """Other people's messages may carry the number too: a group mention ("@5511..." in the
    text, the JID in ``payload.mentions``) or a contact card someone shared. The number (and
    the LID) is replaced there by the placeholder; the rest of their message stays."""
    identities = [str(x).split("@", 1)[0] for x in (contact.phone, contact.lid) if x]
    for ident in identities:
        if len(ident) < 6:  # too short to be anyone's number: would hit unrelated digits
            continue
        pattern = f"%{ident}%"
        conn.execute(update(messages_t).where(_m.text.like(pattern))
                     .values(text=func.replace(_m.text, ident, placeholder)))
        conn.execute(update(messages_t).where(_m.vcard.like(pattern))
                     .values(vcard=func.replace(_m.vcard, ident, placeholder)))
        for row in conn.execute(select(_m.id, _m.payload).where(
                cast(_m.payload, Text).like(pattern))).all():
            payload = json.loads(json.dumps(row.payload).replace(ident, placeholder))
            conn.execute(update(messages_t).where(_m.id == row.id).values(payload=payload))


# ---- retention --------------------------------------------------------------------------

def expired_tickets(s: Session, cutoff: datetime, *, limit: int = 500,
                    with_content_only: bool = False) -> list[int]:
    """Closed tickets of people closed before ``cutoff`` (oldest first); with
    ``with_content_only``, only those whose messages still hold something to erase."""
    q = (select(_t.id).join(contacts_t, _c.id == _t.contact_id)
         .where(_t.status == TicketStatus.CLOSED.value, _t.closed_at.is_not(None),
                _t.closed_at < cutoff, _c.is_group.is_(False)))
    if with_content_only:
        has_content = select(_m.id).where(
            _m.ticket_id == _t.id,
            or_(_m.text != "", _m.media_path.is_not(None), _m.payload.is_not(None),
                _m.vcard.is_not(None), _m.location_name.is_not(None),
                _m.latitude.is_not(None), _m.chat_jid.is_not(None))).exists()
        q = q.where(or_(has_content, _t.last_message_preview != ""))
    q = q.order_by(_t.closed_at, _t.id).limit(limit)
    return list(conn_of(s).execute(q).scalars())


def erase_conversations(s: Session, ticket_ids: list[int], *, actor: str = "system",
                        now: datetime | None = None) -> Erased:
    """Retention "anonymize": the conversations' content goes; a person whose every
    conversation is now erased and closed is anonymized as well."""
    conn = conn_of(s)
    if not ticket_ids:
        return Erased()
    count, media = 0, set()
    contact_ids: set[int] = set()
    for start in range(0, len(ticket_ids), 500):
        chunk = ticket_ids[start:start + 500]
        contact_ids.update(conn.execute(select(_t.contact_id).where(_t.id.in_(chunk)))
                           .scalars())
        n, paths = _erase_messages(conn, _m.ticket_id.in_(chunk), chat_too=_m.ticket_id.in_(chunk))
        count += n
        media.update(paths)
    _erase_tickets(conn, ticket_ids)
    anonymized: list[int] = []
    chosen = set(ticket_ids)
    for contact_id in sorted(contact_ids):
        row = conn.execute(select(_c.phone, _c.is_group).where(_c.id == contact_id)).first()
        if row is None or row.is_group or is_anonymized(row.phone):
            continue
        others = set(conn.execute(select(_t.id).where(_t.contact_id == contact_id)).scalars())
        if others <= chosen:
            erased = anonymize_contact(s, contact_id, actor=actor, now=now)
            media.update(erased.media)
            count += erased.messages
            anonymized.append(contact_id)
    purge_search_index(conn)
    return Erased(tuple(ticket_ids), (), tuple(sorted(media)), count, tuple(anonymized))


def delete_conversations(s: Session, ticket_ids: list[int]) -> Erased:
    """Retention "delete": the tickets go with their messages, events and flow runs."""
    conn = conn_of(s)
    if not ticket_ids:
        return Erased()
    media: set[str] = set()
    count = 0
    for start in range(0, len(ticket_ids), 500):
        chunk = ticket_ids[start:start + 500]
        where = _m.ticket_id.in_(chunk)
        rows = conn.execute(select(_m.connection_id, _m.wa_id, _m.media_path)
                            .where(where)).all()
        media.update(r.media_path for r in rows if r.media_path)
        _drop_quoted_copies(conn, {(r.connection_id, r.wa_id) for r in rows})
        count += len(rows)
        # children first: the same on a database whose foreign keys do not cascade
        conn.execute(delete(messages_t).where(where))
        conn.execute(delete(events_t).where(events_t.c.ticket_id.in_(chunk)))
        conn.execute(delete(flow_runs_t).where(flow_runs_t.c.ticket_id.in_(chunk)))
        # composer drafts kept for these tickets (services/drafts.py: "draft:<agent>:<ticket>")
        conn.execute(delete(settings_t).where(or_(*(
            settings_t.c.key.like(f"draft:%:{int(tid)}") for tid in chunk))))
        conn.execute(delete(tickets_t).where(_t.id.in_(chunk)))
    purge_search_index(conn)
    return Erased(tuple(ticket_ids), (), tuple(sorted(media)), count)


# ---- files and pages --------------------------------------------------------------------

def unreferenced_files(s: Session, paths: list[str] | tuple[str, ...]) -> list[str]:
    """Of ``paths`` (stored media / avatar paths), those no row refers to any more: media is
    content-addressed, so another contact's message may share a file."""
    conn = conn_of(s)
    left = set(paths)
    for start in range(0, len(paths), 500):
        chunk = list(paths[start:start + 500])
        for table, column in ((messages_t, _m.media_path),
                              (quick_replies_t, quick_replies_t.c.media_path),
                              (contacts_t, _c.avatar_path)):
            left -= set(conn.execute(select(column).where(column.in_(chunk))).scalars())
    return sorted(left)


def purge_search_index(conn: SAConnection) -> None:
    """Rewrite the SQLite FTS5 segments: an external-content index forgets a row through a
    "delete" marker in a new segment, and the old segment keeps the words until merged.
    (PostgreSQL: the GIN index loses the old entries when the table is vacuumed.)"""
    if conn.dialect.name != "sqlite":
        return
    raw = driver_of(conn)
    for table in SEARCH_TABLES:
        raw.execute(f"INSERT INTO {table}({table}) VALUES ('optimize')")


def scrub_freed_pages(conn: SAConnection, *, block_writers: bool = True) -> None:
    """Outside a transaction: leave no copy of erased rows in the database files.

    SQLite: VACUUM (rewrites every page; ``secure_delete`` zeroes what is freed meanwhile)
    and a WAL checkpoint that truncates the -wal file (tried again while a reader holds it).
    PostgreSQL: VACUUM FULL of the tables that held the data (rewrites them and rebuilds
    their indexes, the search ones included; it locks them while it runs, so the daily
    retention job passes ``block_writers=False`` and gets a plain VACUUM, which frees the
    dead rows and index entries for reuse without rewriting the files)."""
    if conn.dialect.name == "sqlite":
        raw = driver_of(conn)
        raw.execute("PRAGMA secure_delete = ON")
        raw.execute("VACUUM")
        for attempt in range(CHECKPOINT_TRIES):
            busy = raw.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            if not busy or not busy[0]:
                return
            time.sleep(0.05 * (attempt + 1))  # a reader still holds the old frames
        log.warning("the WAL could not be truncated after an erase: a reader kept it open")
    else:
        how = "VACUUM FULL" if block_writers else "VACUUM"
        for table in ("messages", "contacts", "tickets", "ticket_events", "flow_runs"):
            conn.exec_driver_sql(f"{how} {table}")

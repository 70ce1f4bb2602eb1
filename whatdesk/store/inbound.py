"""record_inbound: one message seen on an account, stored in one atomic, idempotent unit."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import and_, bindparam, case, or_, select, update
from sqlalchemy.engine import Connection as SAConnection
from sqlalchemy.orm import Session

from whatdesk.domain.enums import Ack, Direction, MessageKind, TicketStatus
from whatdesk.domain.errors import InvalidJid, MalformedEvent, StoreError
from whatdesk.domain.events import InboundMessage
from whatdesk.domain.phone import Jid, mask_phone

from ._sql import (
    Prepared,
    conn_of,
    contacts_t,
    dialect_insert_ignore,
    messages_t,
    now_or,
    tickets_t,
)
from .contacts import find_or_create_group, find_or_create_person
from .tickets import active_ticket_or_new, ticket_for_blocked
from .rows import InboundResult, StoredMedia
from .types import UTCDateTime

_m = messages_t.c
_t = tickets_t.c

_SELECT_EXISTING = Prepared(lambda _d: (
    select(_m.id, _m.ticket_id, _t.contact_id, _t.status)
    .join_from(messages_t, tickets_t, _m.ticket_id == _t.id)
    .where(_m.connection_id == bindparam("p_conn"), _m.wa_id == bindparam("p_wa"))
))
_SELECT_TARGET = (
    select(_m.id, _m.ticket_id, _m.text, _m.payload, _m.edited)
    .where(_m.connection_id == bindparam("p_conn"), _m.wa_id == bindparam("p_wa"))
)
_SELECT_PERSON_AND_TICKET = Prepared(lambda _d: (
    select(contacts_t.c.id, contacts_t.c.phone, contacts_t.c.lid, contacts_t.c.push_name,
           _t.id, _t.status, contacts_t.c.blocked)
    .select_from(contacts_t.outerjoin(tickets_t, and_(
        _t.contact_id == contacts_t.c.id, _t.connection_id == bindparam("p_conn"),
        _t.status != TicketStatus.CLOSED.value)))
    .where(or_(contacts_t.c.phone == bindparam("p_phone"),
               contacts_t.c.lid == bindparam("p_lid")))
    .order_by(contacts_t.c.id)
))
_SELECT_BLOCKED = select(contacts_t.c.blocked).where(contacts_t.c.id == bindparam("p_id"))
_SELECT_TICKET_STATUS = select(_t.status).where(_t.id == bindparam("p_id"))
_INSERT_MESSAGE = Prepared(dialect_insert_ignore(messages_t))


def _build_touch_ticket(_dialect: str) -> Any:
    # Messages can arrive out of order (history sync, retries): the ticket's "last message"
    # only moves forward in time, while unread always counts.
    newer = _t.last_message_at <= bindparam("p_at", type_=UTCDateTime())
    return update(tickets_t).where(_t.id == bindparam("p_id")).values(
        last_message_preview=case((newer, bindparam("p_preview")),
                                  else_=_t.last_message_preview),
        last_message_at=case((newer, bindparam("p_at", type_=UTCDateTime())),
                             else_=_t.last_message_at),
        unread_count=_t.unread_count + bindparam("p_inc"),
        updated_at=bindparam("p_now", type_=UTCDateTime()))


_TOUCH_TICKET = Prepared(_build_touch_ticket)

_ACTIONS = (MessageKind.REACTION, MessageKind.EDIT, MessageKind.REVOKE)

# PostgreSQL refuses NUL characters in text and strings longer than their VARCHAR (SQLite
# takes both). Whatever the network hands us is made to fit, on every database alike, so a
# message is never lost over a long push name or a stray NUL.
_MAX_LEN = {c.name: c.type.length for c in messages_t.c if getattr(c.type, "length", None)}
_PUSH_NAME_LEN = contacts_t.c.push_name.type.length


def _fit(value: str | None, limit: int | None = None) -> str | None:
    if not value:
        return value
    if "\x00" in value:
        value = value.replace("\x00", "")
    if limit is not None and len(value) > limit:
        value = value[:limit]
    return value

PREVIEW_CHARS = 120
_PREVIEW_LABELS = {
    MessageKind.IMAGE: "📷 Imagem",
    MessageKind.VIDEO: "🎥 Vídeo",
    MessageKind.AUDIO: "🎵 Áudio",
    MessageKind.VOICE: "🎤 Mensagem de voz",
    MessageKind.DOCUMENT: "📄 Documento",
    MessageKind.STICKER: "Figurinha",
    MessageKind.LOCATION: "📍 Localização",
    MessageKind.CONTACT: "👤 Contato",
    MessageKind.UNSUPPORTED: "Mensagem não suportada",
}


def preview_of(kind: MessageKind, text: str, filename: str | None = None) -> str:
    """The one line the ticket list shows for a message."""
    body = " ".join(text.split())
    label = _PREVIEW_LABELS.get(kind)
    if kind == MessageKind.DOCUMENT and filename and not body:
        body = filename
    if label and body:
        out = f"{label}: {body}"
    else:
        out = body or label or ""
    return out[:PREVIEW_CHARS]


def _parse(jid: str) -> Jid:
    try:
        return Jid.parse(jid)
    except InvalidJid as exc:
        raise MalformedEvent(f"Mensagem com endereço inválido: {mask_phone(jid[:64])}") from exc


def _customer_identity(msg: InboundMessage) -> tuple[str | None, str | None]:
    """(phone, lid) of the person a one-to-one chat is with."""
    chat = _parse(msg.chat)
    phone = chat.phone
    lid = str(chat) if chat.is_lid else None
    if not msg.from_me:  # the sender is the customer: their other identity may come along
        phone = phone or msg.sender_phone
        lid = lid or msg.sender_lid
    return phone, lid


def _sender_identity(msg: InboundMessage) -> tuple[str | None, str | None]:
    sender = _parse(msg.sender)
    phone = sender.phone or msg.sender_phone
    lid = str(sender) if sender.is_lid else msg.sender_lid
    return phone, lid


def _message_values(connection_id: int, ticket_id: int, contact_id: int | None,
                    msg: InboundMessage, media: StoredMedia | None,
                    is_group: bool) -> dict[str, Any]:
    payload: dict[str, Any] = {}
    if msg.mentions:
        payload["mentions"] = list(msg.mentions)
    if msg.reply_id:
        payload["reply_id"] = msg.reply_id
    if msg.raw_type:
        payload["raw_type"] = msg.raw_type
    if msg.truncated:
        payload["truncated"] = True
    if msg.contacts:
        payload["contacts"] = [{"name": c.name, "phone": c.phone} for c in msg.contacts]
    if msg.media is not None and msg.media.duration_s is not None:
        payload["duration_s"] = msg.media.duration_s
    info = msg.media
    loc = msg.location
    vcard = "\n".join(c.vcard for c in msg.contacts if c.vcard) or None
    n = _MAX_LEN
    return {
        "connection_id": connection_id, "wa_id": msg.wa_id, "ticket_id": ticket_id,
        "contact_id": contact_id, "chat_jid": msg.chat,
        "sender_jid": msg.sender if is_group else None,
        "sender_name": _fit(msg.push_name or None, n["sender_name"]) if is_group else None,
        "direction": (Direction.OUT if msg.from_me else Direction.IN).value,
        "from_me": msg.from_me, "kind": msg.kind.value,
        "text": _fit(msg.text) if msg.kind != MessageKind.REACTION else (msg.reaction or ""),
        "media_path": media.path if media else None,
        "media_mime": _fit(media.mime if media else (info.mime if info else None),
                           n["media_mime"]),
        "media_size": media.size if media else (info.size if info else None),
        "media_sha256": media.sha256 if media else None,
        "media_filename": _fit(media.filename if media and media.filename
                               else (info.filename if info else None), n["media_filename"]),
        "latitude": loc.latitude if loc else None,
        "longitude": loc.longitude if loc else None,
        "location_name": _fit(loc.name) if loc else None,
        "location_address": _fit(loc.address) if loc else None,
        "vcard": _fit(vcard), "quoted_wa_id": msg.quoted_id, "target_wa_id": msg.target_id,
        "payload": payload or None,
        # Sent from our phone: already on the server. Received: delivered to us.
        "ack": int(Ack.SERVER if msg.from_me else Ack.DELIVERED),
        "error": None, "edited": False, "deleted": False, "is_private_note": False,
        "reaction": (_fit(msg.reaction, n["reaction"]) if msg.kind == MessageKind.REACTION
                     else None),
        "created_at": msg.timestamp, "sent_at": msg.timestamp if msg.from_me else None,
    }


def _apply_action(conn: SAConnection, target_id: int, msg: InboundMessage,
                  old_text: str, old_payload: dict[str, Any] | None, was_edited: bool) -> None:
    if msg.kind == MessageKind.REACTION:
        changes: dict[str, Any] = {"reaction": _fit(msg.reaction, _MAX_LEN["reaction"]) or None}
    elif msg.kind == MessageKind.EDIT:
        changes = {"text": _fit(msg.text), "edited": True}
        if not was_edited:  # keep what was first written; the edit rows keep the rest
            changes["payload"] = {**(old_payload or {}), "original_text": old_text}
    else:
        changes = {"deleted": True}
    conn.execute(update(messages_t).where(_m.id == target_id).values(**changes))


def record_inbound(s: Session, connection_id: int, msg: InboundMessage,
                   media: StoredMedia | None = None,
                   new_ticket_status: TicketStatus = TicketStatus.PENDING,
                   now: datetime | None = None) -> InboundResult:
    """Store one message: contact upsert, ticket find-or-create, message insert, ticket
    last message/unread, and reaction/edit/revoke applied to their target.

    A replay of a message already stored (same connection and wa_id) changes nothing and
    returns ``duplicate=True``.
    """
    conn = conn_of(s)
    when = now_or(now)
    existing = _SELECT_EXISTING.first(conn, {"p_conn": connection_id, "p_wa": msg.wa_id})
    if existing is not None:
        return _result(connection_id, existing[0], existing[1], existing[2], False, True,
                       TicketStatus(existing[3]), None)

    is_group = msg.is_group or msg.chat.endswith("@g.us")
    active: tuple[int, TicketStatus] | None = None
    blocked: bool | None = None  # the customer's whatdesk block (None: not read yet)
    if is_group:
        owner_id = find_or_create_group(conn, str(_parse(msg.chat)), when)
        sender_id: int | None = None
        if not msg.from_me:
            phone, lid = _sender_identity(msg)
            if phone or lid:
                sender_id = find_or_create_person(
                    conn, phone, lid, _fit(msg.push_name, _PUSH_NAME_LEN) or "", when)
    else:
        phone, lid = _customer_identity(msg)
        if phone is None and lid is None:
            raise MalformedEvent(
                f"Mensagem sem remetente identificável: {mask_phone(msg.chat[:64])}")
        push_name = "" if msg.from_me else (_fit(msg.push_name, _PUSH_NAME_LEN) or "")
        # Common case in one query: a known contact, nothing new about them, and their
        # active ticket (if any). Anything else takes the general path.
        known = _SELECT_PERSON_AND_TICKET.rows(
            conn, {"p_conn": connection_id, "p_phone": phone, "p_lid": lid})
        if (len(known) == 1 and (not phone or known[0][1] == phone)
                and (not lid or known[0][2] == lid)
                and (not push_name or known[0][3] == push_name)):
            owner_id = known[0][0]
            blocked = bool(known[0][6])
            if known[0][4] is not None:
                active = (known[0][4], TicketStatus(known[0][5]))
        else:
            owner_id = find_or_create_person(conn, phone, lid, push_name, when,
                                             found=[row[:4] for row in known])
        if blocked is None:
            blocked = bool(conn.execute(_SELECT_BLOCKED, {"p_id": owner_id}).scalar())
        sender_id = None if msg.from_me else owner_id

    target = None
    if msg.kind in _ACTIONS and msg.target_id:
        target = conn.execute(_SELECT_TARGET,
                              {"p_conn": connection_id, "p_wa": msg.target_id}).first()
    if target is not None:
        ticket_id = target.ticket_id
        status = TicketStatus(conn.execute(_SELECT_TICKET_STATUS,
                                           {"p_id": ticket_id}).scalar_one())
        created = False
    elif active is not None:
        ticket_id, status = active
        created = False
    elif blocked and not msg.from_me:  # stored, but no new conversation for anyone
        ticket_id, status, created = ticket_for_blocked(
            conn, connection_id, owner_id, msg.timestamp, when)
    else:
        ticket_id, status, created = active_ticket_or_new(
            conn, connection_id, owner_id, new_ticket_status, msg.timestamp, when)

    message_id = _INSERT_MESSAGE.scalar(
        conn, _message_values(connection_id, ticket_id, sender_id, msg, media, is_group))
    if message_id is None:  # another process stored it a moment ago
        again = _SELECT_EXISTING.first(conn, {"p_conn": connection_id, "p_wa": msg.wa_id})
        if again is None:  # the conflict was another constraint: nothing of ours to return
            raise StoreError(f"A mensagem {msg.wa_id[:64]!r} não pôde ser gravada nem "
                             "encontrada; tente de novo.")
        return _result(connection_id, again[0], again[1], again[2], False, True,
                       TicketStatus(again[3]), None)

    if target is not None:
        _apply_action(conn, target.id, msg, target.text, target.payload, bool(target.edited))
        return _result(connection_id, int(message_id), ticket_id, owner_id, created, False,
                       status, target.id)
    if msg.kind in _ACTIONS:
        # Acts on a message we never stored: kept for the record, but it is not news.
        return _result(connection_id, int(message_id), ticket_id, owner_id, created, False,
                       status, None)

    filename = media.filename if media else (msg.media.filename if msg.media else None)
    _TOUCH_TICKET.rows(conn, {
        "p_id": ticket_id, "p_preview": preview_of(msg.kind, _fit(msg.text) or "",
                                                    _fit(filename)),
        "p_at": msg.timestamp,
        "p_inc": 0 if msg.from_me or status is TicketStatus.CLOSED else 1, "p_now": when})
    return _result(connection_id, int(message_id), ticket_id, owner_id, created, False,
                   status, None, media.path if media else None, blocked=bool(blocked))


def _result(connection_id: int, *args: Any, blocked: bool = False) -> InboundResult:
    """Every result names its connection (the flow runner needs it)."""
    return InboundResult(*args, connection_id=connection_id, contact_blocked=blocked)

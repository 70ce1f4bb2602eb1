"""The outbound queue: pending rows of the messages table, their sending state and acks."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, select, update
from sqlalchemy.orm import Session

from whatdesk.domain.enums import Ack, Direction, MessageKind
from whatdesk.domain.errors import ConflictError, NotFound
from whatdesk.domain.events import Button, ContactCard, ListRow, Location, OutboundMessage

from ._sql import Prepared, conn_of, dialect_insert_ignore, messages_t, now_or, tickets_t
from .inbound import preview_of
from .rows import AckChange, PendingOut
from .types import UTCDateTime

_m = messages_t.c
_t = tickets_t.c


def _payload_of(out: OutboundMessage) -> dict[str, Any] | None:
    p: dict[str, Any] = {}
    if out.buttons:
        p["buttons"] = [{"id": b.id, "label": b.label} for b in out.buttons]
    if out.list_rows:
        p["list_rows"] = [{"id": r.id, "title": r.title, "description": r.description}
                          for r in out.list_rows]
    if out.list_button:
        p["list_button"] = out.list_button
    if out.footer:
        p["footer"] = out.footer
    if out.mentions:
        p["mentions"] = list(out.mentions)
    if out.quoted_sender:
        p["quoted_sender"] = out.quoted_sender
    if out.quoted_text:
        p["quoted_text"] = out.quoted_text
    if out.contact is not None:
        p["contact"] = {"name": out.contact.name, "phone": out.contact.phone}
    if out.typing_ms:
        p["typing_ms"] = int(out.typing_ms)
    if out.fallback_text:
        p["fallback_text"] = out.fallback_text
    return p or None


def _row_values(connection_id: int, ticket_id: int, out: OutboundMessage,
                when: datetime) -> dict[str, Any]:
    loc = out.location
    return {
        "connection_id": connection_id, "wa_id": out.wa_id, "ticket_id": ticket_id,
        "contact_id": None, "chat_jid": out.to, "sender_jid": None, "sender_name": None,
        "direction": Direction.OUT.value, "from_me": True, "kind": MessageKind(out.kind).value,
        "text": out.text if out.kind != MessageKind.REACTION else (out.reaction or ""),
        "media_path": out.media_path, "media_mime": out.mime, "media_size": None,
        "media_sha256": None, "media_filename": out.filename,
        "latitude": loc.latitude if loc else None, "longitude": loc.longitude if loc else None,
        "location_name": loc.name if loc else None,
        "location_address": loc.address if loc else None,
        "vcard": out.contact.vcard if out.contact else None,
        "quoted_wa_id": out.quoted_id, "target_wa_id": out.target_id,
        "payload": _payload_of(out), "ack": int(Ack.PENDING), "send_attempts": 0,
        "error": None,
        "edited": False, "deleted": False, "is_private_note": False,
        "reaction": out.reaction if out.kind == MessageKind.REACTION else None,
        "created_at": when, "sent_at": None,
    }


_INSERT_OUT = Prepared(dialect_insert_ignore(messages_t))
_TOUCH_FOR_OUT = Prepared(lambda _d: update(tickets_t).where(_t.id == bindparam("p_id")).values(
    last_message_preview=bindparam("p_preview"),
    last_message_at=bindparam("p_at", type_=UTCDateTime()),
    updated_at=bindparam("p_at", type_=UTCDateTime())))


def enqueue_outbound(s: Session, connection_id: int, ticket_id: int, out: OutboundMessage,
                     now: datetime | None = None, ticket_known: bool = False,
                     touch: bool = True) -> int:
    """Write the reply as a pending row (ack 0) before anything is sent; returns its id.
    A wa_id this connection already has (another reply, or a received message) is refused
    with ConflictError: quietly returning the other row would leave this reply unsent, or
    have the sender mark a customer's message as ours. ``ticket_known``: the caller already
    checked the ticket exists; ``touch=False``: the caller updates the ticket's last
    message itself (the bot's hot path, once for several messages)."""
    conn = conn_of(s)
    when = now_or(now)
    if not ticket_known:
        ticket = conn.execute(select(_t.contact_id).where(_t.id == ticket_id)).first()
        if ticket is None:
            raise NotFound(f"Atendimento {ticket_id} não encontrado.")
    new_id = _INSERT_OUT.scalar(conn, _row_values(connection_id, ticket_id, out, when))
    if new_id is None:
        raise ConflictError(f"Identificador de mensagem repetido nesta conexão: {out.wa_id}")
    if touch:
        touch_for_outbound(s, ticket_id, out, when)
    return int(new_id)


def touch_for_outbound(s: Session, ticket_id: int, out: OutboundMessage, when: datetime) -> None:
    """The ticket's last message becomes this reply (preview and time)."""
    if out.kind != MessageKind.REACTION:
        _TOUCH_FOR_OUT.rows(conn_of(s), {
            "p_id": ticket_id,
            "p_preview": preview_of(MessageKind(out.kind), out.text, out.filename),
            "p_at": when})


def _outbound_from(m: Any) -> OutboundMessage:
    p = m["payload"] or {}
    loc = None
    if m["latitude"] is not None and m["longitude"] is not None:
        loc = Location(m["latitude"], m["longitude"], m["location_name"],
                       m["location_address"])
    contact = None
    if "contact" in p:
        contact = ContactCard(p["contact"]["name"], p["contact"].get("phone"), m["vcard"])
    kind = MessageKind(m["kind"])
    return OutboundMessage(
        wa_id=m["wa_id"], to=m["chat_jid"] or "", kind=kind,
        text=m["text"] if kind != MessageKind.REACTION else "",
        quoted_id=m["quoted_wa_id"], quoted_sender=p.get("quoted_sender"),
        quoted_text=p.get("quoted_text"), mentions=tuple(p.get("mentions", ())),
        media_path=m["media_path"], mime=m["media_mime"], filename=m["media_filename"],
        location=loc, contact=contact,
        buttons=tuple(Button(b["id"], b["label"]) for b in p.get("buttons", ())),
        list_button=p.get("list_button", ""),
        list_rows=tuple(ListRow(r["id"], r["title"], r.get("description", ""))
                        for r in p.get("list_rows", ())),
        footer=p.get("footer", ""), target_id=m["target_wa_id"],
        reaction=m["reaction"] if kind == MessageKind.REACTION else None,
        typing_ms=int(p.get("typing_ms") or 0), fallback_text=p.get("fallback_text", ""),
    )


def pending_outbound(s: Session, connection_id: int, limit: int = 100) -> list[PendingOut]:
    """Messages still to send on this connection, oldest first (a restart resumes them)."""
    rows = conn_of(s).execute(
        select(messages_t).where(_m.connection_id == connection_id,
                                 _m.direction == Direction.OUT.value,
                                 _m.ack == int(Ack.PENDING), _m.is_private_note.is_(False))
        .order_by(_m.id).limit(limit)).all()
    return [PendingOut(r.id, r.ticket_id, r.connection_id, _outbound_from(r._mapping),
                       r.created_at, r.send_attempts) for r in rows]


def begin_send(s: Session, message_id: int) -> int:
    """Record, before the channel is called, that a send of this pending row begins.

    Returns the attempt number (1 for the first), or 0 when the row is no longer pending
    (sent, failed or deleted meanwhile: do not send). A restart that finds a pending row
    with attempts left over knows its send was interrupted and may have reached WhatsApp."""
    conn = conn_of(s)
    result = conn.execute(update(messages_t)
                          .where(_m.id == message_id, _m.ack == int(Ack.PENDING))
                          .values(send_attempts=_m.send_attempts + 1))
    if result.rowcount != 1:
        return 0
    return int(conn.execute(select(_m.send_attempts).where(_m.id == message_id)).scalar_one())


def cancel_send(s: Session, message_id: int) -> None:
    """The channel refused before anything reached WhatsApp (e.g. not logged in): the
    attempt recorded by begin_send did not happen."""
    conn_of(s).execute(update(messages_t)
                       .where(_m.id == message_id, _m.ack == int(Ack.PENDING),
                              _m.send_attempts > 0)
                       .values(send_attempts=_m.send_attempts - 1))


def mark_sent(s: Session, message_id: int, sent_at: datetime, wa_id: str | None = None,
              sent_as_text: str | None = None) -> None:
    """The server took it: ack becomes at least SERVER (a receipt may already be higher).

    ``wa_id`` is the id WhatsApp actually used when the transport could not send under the
    pre-generated one (neonize 0.5.2); receipts and quotes refer to it from now on.
    ``sent_as_text``: the channel refused the buttons/list and this plain text went instead;
    the row becomes that text message, so the chat shows what the customer really got."""
    conn = conn_of(s)
    now_or(sent_at)
    values: dict[str, object] = {"sent_at": sent_at, "error": None}
    if wa_id:
        values["wa_id"] = wa_id
    if sent_as_text is not None:
        values["text"] = sent_as_text
        values["kind"] = MessageKind.TEXT.value
    conn.execute(update(messages_t).where(_m.id == message_id).values(**values))
    conn.execute(update(messages_t).where(_m.id == message_id, _m.ack < int(Ack.SERVER))
                 .values(ack=int(Ack.SERVER)))


def mark_failed(s: Session, message_id: int, error: str) -> None:
    """Sending failed for good (only a message not yet sent can fail)."""
    conn_of(s).execute(update(messages_t)
                       .where(_m.id == message_id, _m.ack == int(Ack.PENDING))
                       .values(ack=int(Ack.FAILED), error=error))


def retry_failed(s: Session, message_id: int) -> bool:
    """Put a failed message back in the queue; False if it was not failed."""
    result = conn_of(s).execute(update(messages_t)
                                .where(_m.id == message_id, _m.ack == int(Ack.FAILED))
                                .values(ack=int(Ack.PENDING), error=None, send_attempts=0))
    return result.rowcount == 1


def apply_ack(s: Session, connection_id: int, wa_ids: list[str] | tuple[str, ...],
              ack: Ack | int) -> list[AckChange]:
    """Raise the ack of these messages; never lowers it (FAILED only from PENDING).
    Returns only the messages that actually changed."""
    level = Ack(ack)
    conn = conn_of(s)
    changes: list[AckChange] = []
    ids = list(dict.fromkeys(wa_ids))
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        cond = _m.ack == int(Ack.PENDING) if level == Ack.FAILED else _m.ack < int(level)
        rows = conn.execute(select(_m.id, _m.ticket_id).where(
            _m.connection_id == connection_id, _m.wa_id.in_(chunk), cond)).all()
        if not rows:
            continue
        conn.execute(update(messages_t).where(_m.id.in_([r.id for r in rows]), cond)
                     .values(ack=int(level)))
        changes.extend(AckChange(r.id, r.ticket_id, level) for r in rows)
    return changes


def set_message_error(s: Session, message_id: int, error: str | None) -> None:
    """Note why a stored message is incomplete (e.g. its media could not be downloaded)
    without touching its ack; ``None`` clears it."""
    result = conn_of(s).execute(update(messages_t).where(_m.id == message_id)
                                .values(error=error))
    if result.rowcount != 1:
        raise NotFound(f"Mensagem {message_id} não encontrada.")

"""What agents do to messages besides sending them: private notes, the agent's signature,
and reactions / edits / deletions applied to the message they act on."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from whatdesk.domain.enums import Ack, Direction, MessageKind
from whatdesk.domain.errors import NotFound

from ._sql import agents_t, conn_of, messages_t, now_or, tickets_t
from .inbound import preview_of

_m = messages_t.c
_t = tickets_t.c


def agent_signature(s: Session, agent_id: int | None) -> str | None:
    """The name to sign replies with, or None when the agent does not sign."""
    if agent_id is None:
        return None
    row = conn_of(s).execute(select(agents_t.c.name, agents_t.c.sign_messages)
                             .where(agents_t.c.id == agent_id)).first()
    if row is None or not row.sign_messages:
        return None
    return str(row.name)


def set_agent_signs(s: Session, agent_id: int, sign: bool) -> None:
    result = conn_of(s).execute(update(agents_t).where(agents_t.c.id == agent_id)
                                .values(sign_messages=bool(sign)))
    if result.rowcount != 1:
        raise NotFound(f"Agente {agent_id} não encontrado.")


def set_message_agent(s: Session, message_id: int, agent_id: int | None) -> None:
    """Who wrote this reply (shown in the chat and in reports)."""
    conn_of(s).execute(update(messages_t).where(_m.id == message_id).values(agent_id=agent_id))


def add_private_note(s: Session, connection_id: int, ticket_id: int, text: str,
                     agent_id: int | None, now: datetime | None = None) -> int:
    """A note only agents see: stored in the ticket, never queued (pending_outbound skips
    notes), so no channel ever sends it."""
    when = now_or(now)
    new_id = conn_of(s).execute(messages_t.insert().returning(_m.id), {
        "connection_id": connection_id, "wa_id": f"note-{uuid.uuid4().hex}",
        "ticket_id": ticket_id, "contact_id": None, "chat_jid": None, "sender_jid": None,
        "sender_name": None, "direction": Direction.OUT.value, "from_me": True,
        "kind": MessageKind.TEXT.value, "text": text, "ack": int(Ack.PENDING),
        "send_attempts": 0, "is_private_note": True, "agent_id": agent_id,
        "edited": False, "deleted": False, "created_at": when,
    }).scalar_one()
    return int(new_id)


def apply_own_action(s: Session, target_id: int, kind: MessageKind, *, text: str = "",
                     reaction: str | None = None) -> None:
    """Mirror on the target row what our reaction / edit / deletion does on the phone, in
    the same transaction that queues it (as record_inbound does for the customer's)."""
    conn = conn_of(s)
    target = conn.execute(select(_m.text, _m.payload, _m.edited, _m.ticket_id, _m.kind,
                                 _m.media_filename).where(_m.id == target_id)).first()
    if target is None:
        raise NotFound(f"Mensagem {target_id} não encontrada.")
    changes: dict[str, Any]
    if kind == MessageKind.REACTION:
        changes = {"reaction": reaction or None}
    elif kind == MessageKind.EDIT:
        changes = {"text": text, "edited": True}
        if not target.edited:
            changes["payload"] = {**(target.payload or {}), "original_text": target.text}
    else:
        changes = {"deleted": True}
    conn.execute(update(messages_t).where(_m.id == target_id).values(**changes))
    if kind == MessageKind.EDIT:
        # the list preview follows an edit of the ticket's newest message
        newest = conn.execute(select(_m.id).where(
            _m.ticket_id == target.ticket_id, _m.is_private_note.is_(False),
            _m.kind.notin_([MessageKind.REACTION.value, MessageKind.EDIT.value,
                            MessageKind.REVOKE.value])).order_by(_m.id.desc()).limit(1)).scalar()
        if newest == target_id:
            conn.execute(update(tickets_t).where(_t.id == target.ticket_id).values(
                last_message_preview=preview_of(MessageKind(target.kind), text,
                                                target.media_filename)))

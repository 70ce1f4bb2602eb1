"""Frozen dataclasses the store returns: plain values, safe to pass between threads."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from whatdesk.domain.enums import Ack, ConnectionStatus, TicketStatus
from whatdesk.domain.events import OutboundMessage



@dataclass(frozen=True)
class ConnectionRow:
    id: int
    name: str
    channel: str
    is_default: bool
    status: ConnectionStatus
    jid: str | None
    push_name: str
    greeting: str
    farewell: str
    out_of_hours_message: str
    business_hours: dict[str, list[list[str]]]
    timezone: str
    rate_per_contact_per_min: int
    min_gap_ms: int
    welcome_flow_id: str | None
    user_disconnected: bool
    created_at: datetime
    status_detail: str = ""
    session_token: str | None = None  # names its session file; None: made before 0003


@dataclass(frozen=True)
class ConnectionStatusEntry:
    status: ConnectionStatus
    detail: str
    at: datetime


@dataclass(frozen=True)
class StoredMedia:
    path: str
    mime: str
    size: int
    sha256: str
    filename: str | None = None


@dataclass(frozen=True)
class InboundResult:
    message_id: int
    ticket_id: int
    contact_id: int
    ticket_created: bool
    duplicate: bool
    ticket_status: TicketStatus
    target_message_id: int | None = None
    media_path: str | None = None  # where a received file was stored
    connection_id: int | None = None
    contact_blocked: bool = False  # the customer is blocked in whatdesk: no bot, no alert


@dataclass(frozen=True)
class PendingOut:
    message_id: int
    ticket_id: int
    connection_id: int
    out: OutboundMessage
    created_at: datetime
    # Sends begun and never recorded: non-zero only after an interrupted send (see begin_send).
    send_attempts: int = 0


@dataclass(frozen=True)
class AckChange:
    message_id: int
    ticket_id: int
    ack: Ack


@dataclass(frozen=True)
class ContactRow:
    id: int
    phone: str | None
    lid: str | None
    group_jid: str | None
    name: str
    push_name: str
    is_group: bool
    email: str | None
    custom_fields: dict[str, Any]
    created_at: datetime
    notes: str = ""
    blocked: bool = False  # whatdesk-side block: messages stored, nobody notified
    avatar_path: str | None = None  # inside the data dir (content-addressed), never from a message

    @property
    def display_name(self) -> str:
        return self.name or self.push_name or (f"+{self.phone}" if self.phone else "") \
            or self.lid or self.group_jid or f"#{self.id}"

    @property
    def jid(self) -> str | None:
        """The address to write to: group, phone JID, or LID."""
        if self.group_jid:
            return self.group_jid
        if self.phone:
            return f"{self.phone}@s.whatsapp.net"
        return self.lid


@dataclass(frozen=True)
class ContactTicketRow:
    """One conversation of a contact, as the contact panel's history lists it."""

    id: int
    status: TicketStatus
    connection_id: int
    created_at: datetime
    last_message_at: datetime
    closed_at: datetime | None
    agent_name: str | None
    queue_name: str | None
    last_message_preview: str


@dataclass(frozen=True)
class TicketRow:
    id: int
    connection_id: int
    contact_id: int
    status: TicketStatus
    queue_id: int | None
    agent_id: int | None
    unread_count: int
    last_message_preview: str
    last_message_at: datetime
    created_at: datetime
    updated_at: datetime
    closed_at: datetime | None
    contact_name: str = ""
    contact_phone: str | None = None
    contact_is_group: bool = False


@dataclass(frozen=True)
class MessageRow:
    id: int
    connection_id: int
    ticket_id: int
    contact_id: int | None
    wa_id: str
    direction: str
    from_me: bool
    kind: str
    text: str
    ack: Ack
    created_at: datetime
    sent_at: datetime | None = None
    chat_jid: str | None = None
    sender_jid: str | None = None
    sender_name: str | None = None
    media_path: str | None = None
    media_mime: str | None = None
    media_size: int | None = None
    media_sha256: str | None = None
    media_filename: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    location_name: str | None = None
    location_address: str | None = None
    vcard: str | None = None
    quoted_wa_id: str | None = None
    target_wa_id: str | None = None
    payload: dict[str, Any] | None = None
    error: str | None = None
    edited: bool = False
    deleted: bool = False
    is_private_note: bool = False
    reaction: str | None = None


@dataclass(frozen=True)
class TicketEventRow:
    id: int
    ticket_id: int
    kind: str
    from_status: TicketStatus | None
    to_status: TicketStatus | None
    actor: str
    detail: str
    at: datetime


@dataclass(frozen=True)
class Counts:
    waiting: int  # pending tickets (in a queue, no agent yet)
    unread: int  # tickets that are not closed and have unread messages
    bot: int  # tickets a flow is handling
    open: int  # tickets an agent owns


@dataclass(frozen=True)
class QueueRow:
    id: int
    name: str
    color: str
    greeting: str
    auto_assign: bool = False


@dataclass(frozen=True)
class AgentRow:
    id: int
    name: str
    email: str | None
    is_admin: bool
    active: bool
    queue_ids: tuple[int, ...] = field(default=())
    capacity: int = 0  # open tickets at once; 0: no cap
    presence: str = "offline"  # online | away | offline
    has_password: bool = False
    sign_messages: bool = False


@dataclass(frozen=True)
class TagRow:
    id: int
    name: str
    color: str

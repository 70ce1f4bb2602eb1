"""Events the engine publishes on the bus (after the data they describe is committed)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from whatdesk.domain.enums import Ack, ConnectionStatus, Direction, MessageKind, TicketStatus
from whatdesk.domain.reasons import Reason


@dataclass(frozen=True)
class ConnectionStatusChanged:
    connection_id: int
    status: ConnectionStatus
    detail: str = ""  # the transport's raw words, for a "Details" area (may be empty)
    retry_in_s: float | None = None  # DISCONNECTED: next attempt in N seconds
    at: datetime | None = None
    reason: Reason = Reason.NONE  # why, as a code the UI translates


@dataclass(frozen=True)
class QRCodeChanged:
    connection_id: int
    payload: str
    expires_at: datetime


@dataclass(frozen=True)
class PairingCodeChanged:
    connection_id: int
    code: str


@dataclass(frozen=True)
class ConnectionsChanged:
    """A connection was added, edited or deleted."""

    connection_id: int | None = None


@dataclass(frozen=True)
class MessageCreated:
    message_id: int
    ticket_id: int
    contact_id: int
    connection_id: int
    direction: Direction
    kind: MessageKind
    text: str
    from_me: bool  # outgoing (sent by an agent, the bot, or from the phone)
    ticket_created: bool  # this message opened a new ticket


@dataclass(frozen=True)
class MessageUpdated:
    """Ack raised, edited, revoked, reaction changed, or send failed."""

    message_id: int
    ticket_id: int
    ack: Ack | None = None
    error: str | None = None


@dataclass(frozen=True)
class TicketChanged:
    ticket_id: int
    status: TicketStatus
    previous: TicketStatus | None = None


@dataclass(frozen=True)
class CountsChanged:
    """Status bar / tray totals."""

    waiting_tickets: int  # status pending
    unread_messages: int  # sum of unread over non-closed tickets
    bot_tickets: int = 0
    open_tickets: int = 0


@dataclass(frozen=True)
class ErrorRaised:
    """Something failed that a user should be told about (logged too)."""

    message: str  # readable prose (log, CLI); the UI shows ``reason`` translated when known
    connection_id: int | None = None
    reason: Reason = Reason.UNKNOWN


@dataclass(frozen=True)
class PresenceChanged:
    """A customer is typing / recording / stopped (shown as "digitando..." in the chat)."""

    connection_id: int
    chat: str
    state: str  # "composing", "recording", "paused", "available", "unavailable"


@dataclass(frozen=True)
class ContactChanged:
    """A contact's name, e-mail, notes, custom fields, tags or block were edited; the
    ticket list repaints the rows of ``ticket_ids``, the contact panel reloads."""

    contact_id: int
    ticket_ids: tuple[int, ...] = ()
    blocked: bool = False

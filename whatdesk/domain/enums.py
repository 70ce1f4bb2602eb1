"""Enumerations with one meaning across every channel, the store and the UI."""

from __future__ import annotations

from enum import IntEnum, StrEnum


class TicketStatus(StrEnum):
    BOT = "bot"
    PENDING = "pending"
    OPEN = "open"
    CLOSED = "closed"


class Ack(IntEnum):
    """Delivery level of a message; it only ever rises (except to FAILED from PENDING)."""

    FAILED = -1
    PENDING = 0
    SERVER = 1
    DELIVERED = 2
    READ = 3
    PLAYED = 4


class Direction(StrEnum):
    IN = "in"
    OUT = "out"


class MessageKind(StrEnum):
    TEXT = "text"
    IMAGE = "image"
    VIDEO = "video"
    AUDIO = "audio"
    VOICE = "voice"
    DOCUMENT = "document"
    STICKER = "sticker"
    LOCATION = "location"
    CONTACT = "contact"
    BUTTONS = "buttons"  # outgoing interactive buttons
    LIST = "list"  # outgoing interactive list
    BUTTON_REPLY = "button_reply"
    LIST_REPLY = "list_reply"
    REACTION = "reaction"
    EDIT = "edit"
    REVOKE = "revoke"
    UNSUPPORTED = "unsupported"

    @property
    def is_media(self) -> bool:
        return self in _MEDIA_KINDS


_MEDIA_KINDS = frozenset(
    {MessageKind.IMAGE, MessageKind.VIDEO, MessageKind.AUDIO, MessageKind.VOICE,
     MessageKind.DOCUMENT, MessageKind.STICKER}
)


class ConnectionStatus(StrEnum):
    """What a user sees of a connection (Whaticket's values plus ours)."""

    STOPPED = "stopped"  # not started (new, or disconnected by the user)
    CONNECTING = "connecting"
    QR_WAITING = "qrcode"  # showing a QR code to scan
    PAIRING = "pairing"  # waiting for the phone to enter a pairing code / finishing pairing
    CONNECTED = "connected"
    DISCONNECTED = "disconnected"  # lost; the supervisor retries (see retry_in_s)
    TIMEOUT = "timeout"  # QR/pairing expired without a scan; user must ask again
    LOGGED_OUT = "logged_out"  # device unlinked; needs a new QR


class TicketEventKind(StrEnum):
    CREATED = "created"
    STATUS = "status"  # from -> to
    TRANSFER = "transfer"
    ACCEPT = "accept"
    CLOSE = "close"
    REOPEN = "reopen"
    BOT_STOPPED = "bot_stopped"
    ASSIGN = "assign"  # auto-assignment gave a waiting ticket to an agent
    NOTE = "note"

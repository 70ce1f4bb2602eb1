"""Normalised events every channel emits, and the outbound message every channel sends.

Nothing above `channels/` knows which transport produced an event. All datetimes are aware
UTC. JIDs are strings in canonical form (``str(Jid)``): ``5511999990000@s.whatsapp.net``,
``123456789@lid``, ``1203630@g.us``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime

from .enums import Ack, MessageKind
from .reasons import Reason

MAX_TEXT_BYTES = 64 * 1024  # longer texts are truncated by the normaliser and flagged


# ---- connection lifecycle -------------------------------------------------------------

@dataclass(frozen=True)
class QRCodeEvent:
    payload: str  # the raw "2@..." string to render as a QR code
    expires_at: datetime  # when this code stops being scannable (a new one follows)


@dataclass(frozen=True)
class PairingCodeEvent:
    code: str  # "ABCD-EFGH", typed on the phone under "Link with phone number"


@dataclass(frozen=True)
class PairedEvent:
    """The phone accepted the QR/pairing code; `ConnectedEvent` follows."""

    jid: str


@dataclass(frozen=True)
class ConnectedEvent:
    jid: str  # our own account's phone JID
    push_name: str = ""


@dataclass(frozen=True)
class DisconnectedEvent:
    reason: str  # the transport's own words (kept for details and the log)
    will_retry: bool  # True when the transport reconnects by itself (network loss)
    code: Reason | None = None  # None: the supervisor classifies ``reason``


@dataclass(frozen=True)
class LoggedOutEvent:
    reason: str
    code: Reason | None = None


@dataclass(frozen=True)
class PairingTimeoutEvent:
    """No scan within the QR window: the channel stopped; the user must ask for a new code."""

    reason: str = "qr_timeout"


@dataclass(frozen=True)
class ConnectionFailedEvent:
    """Fatal transport failure (ban, outdated client, stream replaced by another login)."""

    reason: str
    retryable: bool
    code: Reason | None = None


# ---- messages -------------------------------------------------------------------------

@dataclass(frozen=True)
class MediaInfo:
    mime: str = "application/octet-stream"
    filename: str | None = None  # as the sender named it; display only, never a path
    size: int | None = None
    caption: str | None = None
    duration_s: int | None = None
    data: bytes | None = None  # present when the channel already has the bytes (sandbox)
    download: Callable[[], Awaitable[bytes]] | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Location:
    latitude: float
    longitude: float
    name: str | None = None
    address: str | None = None


@dataclass(frozen=True)
class ContactCard:
    name: str
    phone: str | None = None  # E.164 digits when one could be read from the vCard
    vcard: str | None = None


@dataclass(frozen=True)
class InboundMessage:
    """A message seen on the account: from a customer, or sent from our own phone (from_me)."""

    wa_id: str
    chat: str  # the conversation's JID (the customer, or a group)
    sender: str  # who wrote it: the customer's JID (phone or @lid), or ours when from_me
    timestamp: datetime
    kind: MessageKind
    from_me: bool = False
    is_group: bool = False
    sender_phone: str | None = None  # E.164 digits, resolved from a @lid when known
    sender_lid: str | None = None  # "123@lid" when the sender has one
    push_name: str = ""
    text: str = ""  # body, caption, or the new text of an edit
    truncated: bool = False  # text exceeded MAX_TEXT_BYTES and was cut
    media: MediaInfo | None = None
    location: Location | None = None
    contacts: tuple[ContactCard, ...] = ()
    quoted_id: str | None = None
    mentions: tuple[str, ...] = ()
    reply_id: str | None = None  # button / list reply: the selected id
    target_id: str | None = None  # reaction / edit / revoke: the message it acts on
    reaction: str | None = None  # emoji; "" = reaction removed
    raw_type: str | None = None  # for UNSUPPORTED: what it was
    # Set by a transport that journals what it acknowledged (neonize): the pipeline calls it
    # once the message is committed, or known never to be storable, so the journal entry is
    # retired. Not part of the message itself.
    on_stored: Callable[[], None] | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class AckEvent:
    wa_ids: tuple[str, ...]
    chat: str
    ack: Ack
    timestamp: datetime
    read_by_us: bool = False  # another of our devices read these incoming messages


@dataclass(frozen=True)
class PresenceEvent:
    chat: str
    sender: str
    state: str  # "composing", "recording", "paused", "available", "unavailable"


ChannelEvent = (
    QRCodeEvent | PairingCodeEvent | PairedEvent | ConnectedEvent | DisconnectedEvent
    | LoggedOutEvent | PairingTimeoutEvent | ConnectionFailedEvent | InboundMessage
    | AckEvent | PresenceEvent
)


# ---- outbound -------------------------------------------------------------------------

@dataclass(frozen=True)
class Button:
    id: str
    label: str


@dataclass(frozen=True)
class ListRow:
    id: str
    title: str
    description: str = ""


@dataclass(frozen=True)
class OutboundMessage:
    """What to send. `wa_id` is generated (channel.new_message_id) and stored before sending,
    so a resend after a crash reuses it and WhatsApp deduplicates."""

    wa_id: str
    to: str  # chat JID
    kind: MessageKind
    text: str = ""  # body / caption
    quoted_id: str | None = None
    quoted_sender: str | None = None
    quoted_text: str | None = None
    mentions: tuple[str, ...] = ()  # JIDs
    media_path: str | None = None  # absolute path of the file to send
    mime: str | None = None
    filename: str | None = None  # document name shown to the customer
    location: Location | None = None
    contact: ContactCard | None = None
    buttons: tuple[Button, ...] = ()
    list_button: str = ""  # label of the button that opens a list
    list_rows: tuple[ListRow, ...] = ()
    footer: str = ""
    target_id: str | None = None  # reaction target
    reaction: str | None = None  # emoji ("" removes)
    # Bot messages: show "typing..." this long before sending (the sender paces it).
    typing_ms: int = 0
    # Buttons/list: the same menu as numbered text, sent instead if the channel refuses them.
    fallback_text: str = ""


@dataclass(frozen=True)
class SendResult:
    wa_id: str
    timestamp: datetime

"""The protocol every WhatsApp transport implements; the engine talks only to this."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, runtime_checkable

from whatdesk.domain.events import ChannelEvent, OutboundMessage, SendResult

MAX_PROFILE_PICTURE_BYTES = 2 * 1024 * 1024  # WhatsApp serves them as ~640 px JPEGs (~100 KB)
PROFILE_PICTURE_TYPES = ("image/jpeg", "image/png", "image/webp")

EventSink = Callable[[ChannelEvent], None]
"""Called on the asyncio loop thread, once per normalised event, in arrival order.
Must not block; the engine's supervisor enqueues and processes serially."""


@runtime_checkable
class Channel(Protocol):
    """One WhatsApp account.

    Lifecycle: ``start()`` connects (with a saved session it emits ConnectedEvent; without one
    it emits QRCodeEvent every ~20 s, and may emit PairingTimeoutEvent when the transport
    itself gives up; the engine's supervisor times out a QR nobody scans either way). ``stop()``
    disconnects and keeps the session; ``logout()`` unlinks the device and forgets it.
    Every method raises ``whatdesk.domain.errors.ChannelError`` (or a subclass) on failure,
    never a transport-specific exception.
    """

    kind: str  # "neonize" | "sandbox"

    def set_sink(self, sink: EventSink) -> None: ...

    async def has_session(self) -> bool:
        """True when a linked session is stored (start() will not need a QR)."""
        ...

    async def start(self) -> None: ...

    async def stop(self) -> None: ...

    async def logout(self) -> None:
        """Unlink the device and delete the stored session; raise ChannelError (and keep
        the session, so the user can try again) when WhatsApp could not be told."""
        ...

    async def forget_session(self) -> None:
        """Stop and delete the stored session without telling WhatsApp (the connection is
        being deleted and unlinking failed or was not possible)."""
        ...

    async def request_pairing_code(self, phone: str) -> str:
        """Link by phone number instead of QR: returns "ABCD-EFGH" (also emitted as
        PairingCodeEvent). Only valid while not logged in."""
        ...

    def new_message_id(self) -> str:
        """A fresh WhatsApp message id, generated offline."""
        ...

    async def send(self, message: OutboundMessage) -> SendResult: ...

    async def mark_read(self, chat: str, sender: str, wa_ids: list[str]) -> None: ...

    async def send_typing(self, chat: str, typing: bool, recording: bool = False) -> None: ...

    async def profile_picture(self, jid: str) -> bytes | None:
        """The person's (or group's) current profile picture as the image file WhatsApp
        serves (at most MAX_PROFILE_PICTURE_BYTES, a declared image type), or None when
        there is none or they hide it from us. Untrusted bytes: the caller checks them.
        Raises NotLoggedIn while not connected, ChannelError when it could not be read."""
        ...

    async def set_blocked(self, jid: str, blocked: bool) -> None:
        """Block (or unblock) this person on the WhatsApp account itself: they can no longer
        write to it. Raises NotLoggedIn while not connected, ChannelError when refused."""
        ...

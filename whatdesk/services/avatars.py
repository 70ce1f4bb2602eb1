"""Contacts' profile pictures: asked of the channel at most once a day per contact (never on
the UI thread), checked (size, real image type: the bytes are untrusted) and cached
content-addressed under media/avatars/; the ticket list and the contact panel then draw them."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from whatdesk.channels.base import MAX_PROFILE_PICTURE_BYTES
from whatdesk.domain.enums import Direction
from whatdesk.domain.errors import ChannelError, NotFound, NotLoggedIn
from whatdesk.engine.events import ContactChanged, MessageCreated
from whatdesk.engine.media import MediaStore
from whatdesk.store import get_contact, get_setting, set_setting
from whatdesk.store.contacts import contact_ticket_ids, set_contact_avatar

if TYPE_CHECKING:
    from .runtime import Runtime

log = logging.getLogger(__name__)

AVATAR_FOLDER = Path("media") / "avatars"
REFRESH_AFTER = timedelta(days=1)
CHECKED_PREFIX = "avatar_checked:"  # settings key + contact id → when the channel was asked
CONCURRENT_FETCHES = 2


def image_type(data: bytes) -> str | None:
    """The image type the bytes really are (JPEG, PNG or WebP), whatever was declared."""
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if len(data) >= 12 and data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return None


class AvatarService:
    def __init__(self, runtime: Runtime) -> None:
        self._rt = runtime
        self._store = MediaStore(runtime.data_dir / AVATAR_FOLDER)
        self._checked: dict[int, datetime] = {}  # this process's view of the settings rows
        self._busy: set[int] = set()
        self._tasks: set[asyncio.Task[Any]] = set()
        self._slots: asyncio.Semaphore | None = None
        runtime.bus.subscribe(MessageCreated, self._on_message)

    def schedule(self, contact_id: int, connection_id: int) -> None:
        """Refresh the contact's picture in the background when it is due (cheap to call
        for every message: a contact checked less than a day ago is skipped at once)."""
        checked = self._checked.get(contact_id)
        if contact_id in self._busy or (
                checked is not None and self._rt.clock.now() - checked < REFRESH_AFTER):
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return
        self._busy.add(contact_id)
        task = loop.create_task(self._guarded(contact_id, connection_id))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def refresh(self, contact_id: int, connection_id: int,
                      force: bool = False) -> str | None:
        """Ask the channel for the picture (unless checked within a day, or ``force``) and
        store it; returns the contact's avatar path afterwards (inside the data dir)."""
        now = self._rt.clock.now()
        key = f"{CHECKED_PREFIX}{int(contact_id)}"
        contact = await self._rt.db.read(lambda s: get_contact(s, contact_id))
        if not force:
            stored = await self._rt.db.read(lambda s: get_setting(s, key))
            checked = _parse_time(stored)
            if checked is not None:
                self._checked[contact_id] = checked
                if now - checked < REFRESH_AFTER:
                    return contact.avatar_path
        jid = contact.jid
        if not jid or not self._rt.has_handle(connection_id):
            return contact.avatar_path
        handle = self._rt.handle(connection_id)
        if not handle.sender.connected:
            return contact.avatar_path  # asked again when online (not marked as checked)
        try:
            data = await handle.channel.profile_picture(jid)
        except NotLoggedIn:
            return contact.avatar_path
        except ChannelError as exc:
            log.info("contact %s: profile picture not read: %s", contact_id, exc)
            await self._mark(contact_id, key, now)  # tried today: not again every message
            return contact.avatar_path
        path: str | None = None
        if data is not None:
            kind = image_type(data)
            if kind is None or len(data) > MAX_PROFILE_PICTURE_BYTES:
                log.warning("contact %s: profile picture refused (not an image or too large)",
                            contact_id)
                await self._mark(contact_id, key, now)
                return contact.avatar_path
            saved = await self._store.save(connection_id, data, kind, now,
                                           max_bytes=MAX_PROFILE_PICTURE_BYTES)
            path = saved.path.relative_to(self._rt.data_dir).as_posix()

        def write(s: Any) -> tuple[bool, list[int], bool]:
            changed = set_contact_avatar(s, contact_id, path)
            set_setting(s, key, now.isoformat())
            return changed, contact_ticket_ids(s, contact_id), get_contact(s, contact_id).blocked

        changed, ticket_ids, blocked = await self._rt.db.write(write)
        self._checked[contact_id] = now
        if changed:
            self._rt.bus.publish(ContactChanged(contact_id, tuple(ticket_ids), blocked))
        return path

    async def drain(self) -> None:
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)

    async def close(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        with contextlib.suppress(Exception):
            await asyncio.gather(*list(self._tasks), return_exceptions=True)

    # ---- internals ------------------------------------------------------------------------

    def _on_message(self, event: MessageCreated) -> None:
        if event.direction == Direction.IN and not event.from_me and event.contact_id:
            self.schedule(event.contact_id, event.connection_id)

    async def _guarded(self, contact_id: int, connection_id: int) -> None:
        if self._slots is None:
            self._slots = asyncio.Semaphore(CONCURRENT_FETCHES)
        try:
            async with self._slots:
                await self.refresh(contact_id, connection_id)
        except NotFound:
            pass  # the contact was deleted meanwhile
        except Exception:
            log.exception("contact %s: profile picture refresh failed", contact_id)
        finally:
            self._busy.discard(contact_id)

    async def _mark(self, contact_id: int, key: str, now: datetime) -> None:
        await self._rt.db.write(lambda s: set_setting(s, key, now.isoformat()))
        self._checked[contact_id] = now


def _parse_time(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else None

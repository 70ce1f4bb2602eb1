"""The inbound pipeline: channel message → media saved → one atomic write → bus events."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import datetime
from typing import Any

from whatdesk.domain.enums import Direction, MessageKind, TicketStatus
from whatdesk.domain.errors import MalformedEvent, WhatdeskError
from whatdesk.domain.events import MAX_TEXT_BYTES, AckEvent, InboundMessage
from whatdesk.store import (
    StoredMedia,
    apply_ack,
    counts,
    mark_ticket_read,
    record_inbound,
    set_message_error,
)

from .bus import EventBus
from .events import CountsChanged, ErrorRaised, MessageCreated, MessageUpdated, TicketChanged
from .locks import KeyedLocks
from .media import MEDIA_UNAVAILABLE, MediaStore

log = logging.getLogger(__name__)

MEDIA_DOWNLOAD_TIMEOUT_S = 120.0
MAX_IN_FLIGHT = 256
COUNTS_DEBOUNCE_S = 0.05

CommittedHook = Callable[[Any, InboundMessage], Awaitable[None]]
"""``async def hook(result: InboundResult, msg: InboundMessage)``, called after the commit of
each new message (not of replays), in arrival order per chat while that chat is locked: a hook
must return quickly and start a task for anything slow (HTTP calls, waits)."""


class InboundPipeline:
    """Commits inbound messages and acks, in order per chat, many chats at once.

    ``submit()`` returns as soon as the event is scheduled (bounded by ``max_in_flight``), so
    concurrent writes can share one group commit in the store's writer. Nothing is published
    before its data is committed.
    """

    def __init__(
        self,
        db: Any,
        bus: EventBus,
        media: MediaStore,
        *,
        new_ticket_status: TicketStatus = TicketStatus.PENDING,
        max_in_flight: int = MAX_IN_FLIGHT,
    ) -> None:
        self._db = db
        self._bus = bus
        self._media = media
        self.new_ticket_status = new_ticket_status
        self.on_message_committed: list[CommittedHook] = []
        # Decides the status of a ticket this message would create (before the commit);
        # returning None keeps `new_ticket_status`.
        self.new_ticket_status_for: Callable[[int, InboundMessage], TicketStatus | None] | None \
            = None
        self._slots = asyncio.Semaphore(max_in_flight)
        self._locks: KeyedLocks[tuple[int, str]] = KeyedLocks()  # per (connection, chat)
        self._tasks: set[asyncio.Task[Any]] = set()
        self._counts_task: asyncio.Task[None] | None = None
        self._counts_dirty = False

    # ---- entry points -------------------------------------------------------------------

    async def submit(self, connection_id: int, event: InboundMessage | AckEvent) -> None:
        """Schedule ``event``; waits only when too many are already in flight."""
        await self._slots.acquire()
        if isinstance(event, AckEvent):
            coro: Awaitable[Any] = self.handle_ack(connection_id, event)
        else:
            coro = self.handle_message(connection_id, event)
        # The task's first step takes the chat lock; tasks start in creation order and
        # asyncio locks are FIFO, so one chat's events commit in arrival order.
        task = asyncio.get_running_loop().create_task(coro)  # type: ignore[arg-type]
        self._tasks.add(task)
        task.add_done_callback(self._task_done)

    def _task_done(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        self._slots.release()

    async def drain(self) -> None:
        """Wait until every submitted event is committed (or has failed)."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)
        if self._counts_task is not None:
            await asyncio.gather(self._counts_task, return_exceptions=True)

    async def handle_message(self, connection_id: int, msg: InboundMessage) -> Any | None:
        """Commit one message; returns the store's InboundResult (None when it was dropped)."""
        try:
            key = (connection_id, _chat_key(msg))
        except MalformedEvent as exc:
            self._report_malformed(connection_id, exc, msg)
            return None
        async with self._locks.hold(key):
            try:
                return await self._commit_message(connection_id, msg)
            except (MalformedEvent, ValueError, TypeError) as exc:
                self._report_malformed(connection_id, exc, msg)
            except WhatdeskError as exc:
                log.error("connection %s: message %r not saved: %s", connection_id,
                          getattr(msg, "wa_id", "?"), exc)
                self._bus.publish(ErrorRaised(f"Mensagem recebida não foi salva: {exc}",
                                              connection_id))
            except Exception as exc:
                log.exception("connection %s: message %r not saved", connection_id,
                              getattr(msg, "wa_id", "?"))
                self._bus.publish(ErrorRaised(
                    f"Mensagem recebida não foi salva: erro inesperado ({type(exc).__name__})",
                    connection_id))
        return None

    async def handle_ack(self, connection_id: int, ack: AckEvent) -> None:
        try:
            wa_ids = [str(w) for w in ack.wa_ids if w]
            level = ack.ack
            if not wa_ids:
                return
        except Exception as exc:
            self._report_malformed(connection_id, exc, ack)
            return
        def write(s: Any) -> list[Any]:
            changes = apply_ack(s, connection_id, wa_ids, level)
            if ack.read_by_us:  # read on the phone (or another device): nothing left unread
                for ticket_id in {c.ticket_id for c in changes}:
                    mark_ticket_read(s, ticket_id)
            return changes

        async with self._locks.hold((connection_id, str(ack.chat))):
            try:
                changes = await self._db.write(write)
            except Exception as exc:
                log.exception("connection %s: ack not applied", connection_id)
                self._bus.publish(ErrorRaised(f"Confirmação de leitura não foi salva: {exc}",
                                              connection_id))
                return
        for change in changes:
            self._bus.publish(MessageUpdated(change.message_id, change.ticket_id, ack=change.ack))
        if ack.read_by_us and changes:
            self._schedule_counts()

    # ---- internals ----------------------------------------------------------------------

    async def _commit_message(self, connection_id: int, msg: InboundMessage) -> Any | None:
        msg = _validated(msg)
        stored, media_error = await self._store_media(connection_id, msg)
        status = self.new_ticket_status
        if self.new_ticket_status_for is not None:  # e.g. `bot` when a flow will take it
            status = self.new_ticket_status_for(connection_id, msg) or status

        def write(s: Any) -> Any:
            result = record_inbound(s, connection_id, msg, stored, new_ticket_status=status)
            if media_error and not result.duplicate:
                set_message_error(s, result.message_id, media_error)
            return result

        result = await self._db.write(write)  # group-committed with other writes
        if result.duplicate:
            return result  # a replay: already committed and announced before
        self._announce(connection_id, msg, result)
        for hook in list(self.on_message_committed):
            try:
                await hook(result, msg)
            except Exception:
                log.exception("on_message_committed hook %r failed", hook)
        return result

    def _announce(self, connection_id: int, msg: InboundMessage, result: Any) -> None:
        if msg.kind in (MessageKind.REACTION, MessageKind.EDIT, MessageKind.REVOKE):
            target = getattr(result, "target_message_id", None)
            if target is not None:
                self._bus.publish(MessageUpdated(target, result.ticket_id))
        self._bus.publish(MessageCreated(
            message_id=result.message_id,
            ticket_id=result.ticket_id,
            contact_id=result.contact_id,
            connection_id=connection_id,
            direction=Direction.OUT if msg.from_me else Direction.IN,
            kind=msg.kind,
            text=msg.text,
            from_me=msg.from_me,
            ticket_created=result.ticket_created,
        ))
        status = TicketStatus(result.ticket_status)
        self._bus.publish(TicketChanged(result.ticket_id, status,
                                        None if result.ticket_created else status))
        self._schedule_counts()

    async def _store_media(self, connection_id: int, msg: InboundMessage) -> tuple[Any, str | None]:
        """Save the media bytes; on failure the message is still stored, flagged."""
        info = msg.media
        if info is None or not msg.kind.is_media:
            return None, None
        try:
            data = info.data
            if data is None:
                if info.download is None:
                    raise ValueError("no bytes and no download function")
                data = await asyncio.wait_for(info.download(), MEDIA_DOWNLOAD_TIMEOUT_S)
            if not isinstance(data, (bytes, bytearray, memoryview)):
                raise TypeError(f"media download returned {type(data).__name__}")
            saved = await self._media.save(connection_id, bytes(data), info.mime, msg.timestamp)
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            log.warning("connection %s: media of message %s unavailable: %s", connection_id,
                        msg.wa_id, exc)
            return None, MEDIA_UNAVAILABLE
        return StoredMedia(path=str(saved.path), mime=saved.mime, size=saved.size,
                           sha256=saved.sha256, filename=_display_name(info.filename)), None

    def _report_malformed(self, connection_id: int, exc: BaseException, event: object) -> None:
        # The event itself (text, push name, numbers) only at DEBUG: never in an INFO+ log.
        log.warning("connection %s: malformed %s dropped (%s)", connection_id,
                    type(event).__name__, exc)
        log.debug("connection %s: the malformed event: %r", connection_id, event)
        self._bus.publish(ErrorRaised(f"Evento inválido ignorado: {exc}", connection_id))

    def _schedule_counts(self) -> None:
        """Publish totals after a burst settles: one query for many messages, not one each."""
        self._counts_dirty = True
        if self._counts_task is None or self._counts_task.done():
            self._counts_task = asyncio.get_running_loop().create_task(self._publish_counts())

    async def _publish_counts(self) -> None:
        while self._counts_dirty:
            self._counts_dirty = False
            await asyncio.sleep(COUNTS_DEBOUNCE_S)  # a burst gets one query, not thousands
            try:
                c = await self._db.read(counts)
            except Exception:
                log.exception("counts refresh failed")
                return
            self._bus.publish(CountsChanged(c.waiting, c.unread, c.bot, c.open))


def _chat_key(msg: object) -> str:
    if not isinstance(msg, InboundMessage):
        raise MalformedEvent(f"não é uma mensagem: {type(msg).__name__}")
    chat = msg.chat
    if not isinstance(chat, str) or not chat:
        raise MalformedEvent("mensagem sem conversa (chat)")
    return chat


def _validated(msg: InboundMessage) -> InboundMessage:
    """Refuse what cannot be stored; cut a text over 64 KiB (flagged) instead of refusing it."""
    if not isinstance(msg.wa_id, str) or not msg.wa_id.strip():
        raise MalformedEvent("mensagem sem identificador")
    if not isinstance(msg.kind, MessageKind):
        raise MalformedEvent(f"tipo de mensagem desconhecido: {msg.kind!r}")
    if not isinstance(msg.text, str):
        raise MalformedEvent("texto da mensagem inválido")
    if not isinstance(msg.timestamp, datetime) or msg.timestamp.tzinfo is None:
        raise MalformedEvent("mensagem sem data válida")
    raw = msg.text.encode("utf-8")
    if len(raw) > MAX_TEXT_BYTES:
        clipped = raw[:MAX_TEXT_BYTES].decode("utf-8", errors="ignore")
        msg = replace(msg, text=clipped, truncated=True)
    return msg


def _display_name(name: str | None) -> str | None:
    """The sender's file name, for display only: no folders, no control characters."""
    if not name:
        return None
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(ch for ch in base if ch.isprintable()).strip()
    return base[:200] or None

"""The inbound pipeline: channel message → media saved → one atomic write → bus events."""

from __future__ import annotations

import asyncio
import contextlib
import errno
import logging
from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import datetime
from typing import Any

from whatdesk.domain.enums import Direction, MessageKind, TicketStatus
from whatdesk.domain.errors import MalformedEvent, MessageTooLarge, StoreError, WhatdeskError
from whatdesk.domain.events import MAX_TEXT_BYTES, AckEvent, InboundMessage
from whatdesk.store import (
    StoredMedia,
    apply_ack,
    counts,
    get_setting,
    has_message,
    mark_ticket_read,
    record_inbound,
    set_message_error,
)

from .backoff import Backoff
from .bus import EventBus
from .events import CountsChanged, ErrorRaised, MessageCreated, MessageUpdated, TicketChanged
from .locks import KeyedLocks
from .media import (
    MEDIA_LIMITS_SETTING,
    MEDIA_TOO_LARGE,
    MEDIA_UNAVAILABLE,
    MediaLimits,
    MediaStore,
)

log = logging.getLogger(__name__)

MEDIA_DOWNLOAD_TIMEOUT_S = 120.0
MAX_IN_FLIGHT = 256
COUNTS_DEBOUNCE_S = 0.05
# A message that cannot be written because the store fails is retried, never dropped. After
# this many failures in a row (about 8 s with the default backoff), or at once when the disk
# is full or read-only, its connection is stopped: WhatsApp must not be told we received what
# we cannot keep. A failure of one message alone (a bug, a constraint it breaks) is retried
# as many times and then left in the transport's journal for the next start.
STOP_AFTER_FAILURES = 5

StoreFailureHook = Callable[[int, str], None]
"""``hook(connection_id, reason)``: this connection's messages cannot be saved now."""
StoreRecoveredHook = Callable[[int], None]
"""``hook(connection_id)``: a message of this connection was saved again after failures."""

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
        # Store failures: retried with backoff; the runtime stops/resumes the connection.
        self.retry_backoff: Callable[[], Backoff] = lambda: Backoff(
            initial=0.5, factor=2.0, maximum=30.0)
        self.on_store_failing: list[StoreFailureHook] = []
        self.on_store_recovered: list[StoreRecoveredHook] = []
        self._failing: set[int] = set()  # connections told that their store is failing
        self._closing = asyncio.Event()

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
        """Wait until every submitted event is committed (or dropped as malformed)."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)
        if self._counts_task is not None:
            await asyncio.gather(self._counts_task, return_exceptions=True)

    async def close(self) -> None:
        """Stop retrying failed writes and wait for the rest. What is abandoned stays in its
        channel's journal (neonize) and is stored by the next start."""
        self._closing.set()
        await self.drain()

    async def handle_message(self, connection_id: int, msg: InboundMessage) -> Any | None:
        """Commit one message; returns the store's InboundResult (None when it was dropped)."""
        try:
            key = (connection_id, _chat_key(msg))
        except MalformedEvent as exc:
            self._report_malformed(connection_id, exc, msg)
            _retire(msg)
            return None
        async with self._locks.hold(key):
            try:
                return await self._commit_message(connection_id, msg)
            except (MalformedEvent, ValueError, TypeError) as exc:
                self._report_malformed(connection_id, exc, msg)
                _retire(msg)  # it can never be stored: replaying it would fail again
            except _Abandoned:
                log.warning("connection %s: message %s left for the next start (closing)",
                            connection_id, getattr(msg, "wa_id", "?"))
            except _Unstorable as exc:  # not retired: the journal keeps it for a later start
                log.error("connection %s: message %s could not be saved: %s", connection_id,
                          getattr(msg, "wa_id", "?"), _describe(exc.__cause__ or exc))
                self._bus.publish(ErrorRaised(
                    "Uma mensagem recebida não pôde ser salva; ela será tentada de novo na "
                    "próxima vez que o whatdesk iniciar.", connection_id))
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
                changes = await self._write_until_stored(
                    connection_id, f"ack {wa_ids[0]}", lambda: self._db.write(write))
            except (MalformedEvent, ValueError, TypeError) as exc:
                self._report_malformed(connection_id, exc, ack)
                return
            except (_Abandoned, _Unstorable):
                log.warning("connection %s: receipt for %d message(s) not applied",
                            connection_id, len(wa_ids))
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

        result = await self._write_until_stored(
            connection_id, f"message {msg.wa_id}", lambda: self._db.write(write))  # group-committed with other writes
        _retire(msg)
        if result.duplicate:
            return result  # a replay: already committed and announced before
        self._announce(connection_id, msg, result)
        for hook in list(self.on_message_committed):
            try:
                await hook(result, msg)
            except Exception:
                log.exception("on_message_committed hook %r failed", hook)
        return result

    async def _write_until_stored(self, connection_id: int, what: str,
                                  commit: Callable[[], Awaitable[Any]]) -> Any:
        """Run ``commit``, retrying store failures with backoff for as long as it takes."""
        backoff: Backoff | None = None
        failures = 0
        while True:
            try:
                result = await commit()
            except (MalformedEvent, ValueError, TypeError):
                raise  # the event itself is bad: retrying cannot help
            except Exception as exc:
                failures += 1
                if self._closing.is_set():
                    raise _Abandoned from exc
                if failures >= STOP_AFTER_FAILURES and not _is_store_wide(exc):
                    raise _Unstorable from exc
                backoff = backoff or self.retry_backoff()
                delay = backoff.next_delay()
                log.warning("connection %s: %s not saved yet (attempt %d, next in %.1f s): %s",
                            connection_id, what, failures, delay, _describe(exc))
                if (failures >= STOP_AFTER_FAILURES or _is_fatal(exc)) \
                        and _is_store_wide(exc) and connection_id not in self._failing:
                    self._store_failing(connection_id, exc)
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._closing.wait(), delay)
                continue
            if connection_id in self._failing:
                self._store_recovered(connection_id)
            return result

    def _store_failing(self, connection_id: int, exc: BaseException) -> None:
        self._failing.add(connection_id)
        reason = _describe(exc)
        log.error("connection %s: received messages cannot be saved; stopping it: %s",
                  connection_id, reason)
        self._bus.publish(ErrorRaised(
            f"As mensagens recebidas não estão sendo salvas ({reason}). A conexão foi parada "
            "para que nada se perca; ela volta sozinha quando o banco de dados voltar.",
            connection_id))
        for hook in list(self.on_store_failing):
            try:
                hook(connection_id, reason)
            except Exception:
                log.exception("on_store_failing hook %r failed", hook)

    def _store_recovered(self, connection_id: int) -> None:
        self._failing.discard(connection_id)
        log.warning("connection %s: received messages are being saved again", connection_id)
        for hook in list(self.on_store_recovered):
            try:
                hook(connection_id)
            except Exception:
                log.exception("on_store_recovered hook %r failed", hook)

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
        """Save the media bytes; on failure the message is still stored, flagged.

        Nothing is downloaded for a message already stored (a redelivery or a replay) or
        one whose declared size is over the cap for its kind; the bytes that do arrive are
        capped again while they are written (a sender can lie about the size)."""
        info = msg.media
        if info is None or not msg.kind.is_media:
            return None, None
        setting, known = await self._db.read(lambda s: (
            get_setting(s, MEDIA_LIMITS_SETTING), has_message(s, connection_id, msg.wa_id)))
        if known:
            return None, None  # record_inbound will see the duplicate and keep the stored row
        limit = MediaLimits.from_setting(setting).max_bytes(msg.kind)
        declared = info.size
        if isinstance(declared, int) and declared > limit:
            log.info("connection %s: media of message %s not downloaded: %d bytes declared, "
                     "limit %d", connection_id, msg.wa_id, declared, limit)
            return None, MEDIA_TOO_LARGE
        try:
            data = info.data
            if data is None:
                if info.download is None:
                    raise ValueError("no bytes and no download function")
                data = await asyncio.wait_for(info.download(), MEDIA_DOWNLOAD_TIMEOUT_S)
            if not isinstance(data, (bytes, bytearray, memoryview)):
                raise TypeError(f"media download returned {type(data).__name__}")
            saved = await self._media.save(connection_id, data, info.mime, msg.timestamp,
                                           max_bytes=limit)
        except asyncio.CancelledError:
            raise
        except MessageTooLarge:
            log.warning("connection %s: media of message %s is larger than it declared and "
                        "over the limit of %d bytes; discarded", connection_id, msg.wa_id, limit)
            return None, MEDIA_TOO_LARGE
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


class _Abandoned(Exception):
    """The pipeline is closing while a write still fails: the message is left unstored."""


class _Unstorable(Exception):
    """Only this event fails (the store works for others): retrying longer cannot help."""


def _is_store_wide(exc: BaseException) -> bool:
    """The store itself fails (disk, lock, server gone), not this one write."""
    if not isinstance(exc, (StoreError, OSError)):
        return False  # a bug in our code for this event
    seen: object = exc
    for _ in range(8):
        if "IntegrityError" in type(seen).__name__:
            return False  # a constraint this event breaks (a race resolves on the retry)
        seen = getattr(seen, "__cause__", None) or getattr(seen, "orig", None)
        if seen is None:
            break
    return True


def _retire(msg: object) -> None:
    """Tell the transport's journal the message needs no replay (stored or unstorable)."""
    on_stored = getattr(msg, "on_stored", None)
    if on_stored is None:
        return
    try:
        on_stored()
    except Exception:  # a missing done mark only costs an idempotent replay
        log.warning("could not retire a journal entry", exc_info=True)


def _is_fatal(exc: BaseException) -> bool:
    """Disk full or read-only: waiting a few seconds will not fix it, stop at once."""
    seen: object = exc
    for _ in range(8):  # the cause chain of a StoreError is short; never loop on a cycle
        if isinstance(seen, OSError) and seen.errno in (errno.ENOSPC, errno.EROFS,
                                                        getattr(errno, "EDQUOT", -1)):
            return True
        if getattr(seen, "sqlite_errorname", "") in ("SQLITE_FULL", "SQLITE_READONLY"):
            return True
        seen = getattr(seen, "__cause__", None) or getattr(seen, "orig", None)
        if seen is None:
            break
    return False


def _describe(exc: BaseException) -> str:
    if isinstance(exc, WhatdeskError):
        return str(exc)
    return f"{type(exc).__name__}: {exc}"


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

"""The outbound sender: the messages table is the queue; rows go out under the rate limits."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from whatdesk.domain.clock import Clock
from whatdesk.domain.enums import Ack, MessageKind
from whatdesk.domain.events import OutboundMessage
from whatdesk.domain.errors import ChannelError, NotLoggedIn, StoreError
from whatdesk.store import begin_send, cancel_send, mark_failed, mark_sent, pending_outbound

from .backoff import Backoff
from .bus import EventBus
from .events import ErrorRaised, MessageUpdated
from .ratelimit import SendRateLimiter

if TYPE_CHECKING:
    from whatdesk.channels.base import Channel

log = logging.getLogger(__name__)

NOT_LOGGED_IN_PAUSE_S = 5.0  # also the pause after an unexpected queue error
# A pending row with this many sends begun and none recorded is not sent again by itself:
# each of those sends may have reached the customer.
MAX_UNRECORDED_SENDS = 2
INTERRUPTED_TWICE = ("Envio interrompido duas vezes antes de ser confirmado; a mensagem pode "
                     "ter chegado ao cliente. Confira no celular antes de reenviar.")


def commit_backoff() -> Backoff:
    """Waits between attempts to record a send's outcome: 0.5 s doubling up to 30 s."""
    return Backoff(initial=0.5, factor=2.0, maximum=30.0)


class OutboundSender:
    """Sends a connection's pending rows (ack 0), oldest first, while it is connected.

    Every row already carries a WhatsApp id (generated before it was written). A transport
    that sends under that id (the sandbox) makes a resend after a crash a no-op at the
    receiver. neonize 0.5.2 cannot: whatsmeow picks its own id, which ``mark_sent`` stores.

    Before each send the row's attempt counter is committed (``begin_send``). After the
    channel answers, the outcome (sent with its WhatsApp id, or failed) is committed and
    that commit is retried with backoff until it succeeds: the send itself is never
    repeated for a database error. Only a process that dies (or a sender closed) between
    the send and that commit leaves a pending row with an attempt counted; the next start
    sends it once more (the customer may get it twice), and a row found with
    ``MAX_UNRECORDED_SENDS`` such attempts is marked failed instead of being sent a third
    time.
    """

    def __init__(
        self,
        connection_id: int,
        channel: Channel,
        db: Any,
        bus: EventBus,
        clock: Clock,
        *,
        rate_per_contact_per_min: int = 30,
        min_gap_ms: int = 1000,
        batch_size: int = 100,
    ) -> None:
        self.connection_id = connection_id
        self.channel = channel
        self._db = db
        self._bus = bus
        self._clock = clock
        self.limits = SendRateLimiter(clock, rate_per_contact_per_min, min_gap_ms)
        self._batch_size = batch_size
        self._connected = asyncio.Event()
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._typing_shown: set[int] = set()
        self.commit_backoff = commit_backoff  # a factory, like Runtime.backoff_factory

    # ---- control ------------------------------------------------------------------------

    def start(self) -> None:
        if self._task is None or self._task.done():
            self._task = asyncio.get_running_loop().create_task(self._run())

    async def close(self) -> None:
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    def set_connected(self, connected: bool) -> None:
        if connected:
            self._connected.set()
            self._wake.set()
        else:
            self._connected.clear()

    @property
    def connected(self) -> bool:
        return self._connected.is_set()

    def wake(self) -> None:
        """A row was enqueued or put back for retry."""
        self._wake.set()

    def configure(self, rate_per_contact_per_min: int, min_gap_ms: int) -> None:
        self.limits.configure(rate_per_contact_per_min, min_gap_ms)

    # ---- the loop -----------------------------------------------------------------------

    async def _run(self) -> None:
        cid = self.connection_id
        while True:
            await self._connected.wait()
            self._wake.clear()
            try:
                rows = await self._db.read(lambda s: pending_outbound(s, cid, self._batch_size))
            except StoreError as exc:
                log.error("connection %s: cannot read the outbound queue: %s", cid, exc)
                self._bus.publish(ErrorRaised(str(exc), cid))
                await self._clock.sleep(NOT_LOGGED_IN_PAUSE_S)
                continue
            if not rows:
                await self._wake.wait()
                continue
            try:
                wait = await self._send_rows(rows)
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # e.g. the database refused mark_sent: pause, try again
                log.exception("connection %s: outbound queue error", cid)
                self._bus.publish(ErrorRaised(
                    f"Erro na fila de envio: {exc}" if isinstance(exc, StoreError)
                    else f"Erro na fila de envio ({type(exc).__name__})", cid))
                wait = NOT_LOGGED_IN_PAUSE_S
            if wait is not None:
                await self._sleep_or_wake(wait)

    async def _sleep_or_wake(self, seconds: float) -> None:
        """Wait for a rate limit to pass, but look again at once when a new row arrives (a
        reply to another contact must not wait behind a contact that is at its limit)."""
        sleeper = asyncio.ensure_future(self._sleep_until(self._clock.monotonic() + seconds))
        waker = asyncio.ensure_future(self._wake.wait())
        try:
            await asyncio.wait({sleeper, waker}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            sleeper.cancel()
            waker.cancel()

    async def _sleep_until(self, deadline: float) -> None:
        # The deadline is fixed now; the sleeping task may only start after time moved on.
        remaining = deadline - self._clock.monotonic()
        if remaining > 0:
            await self._clock.sleep(remaining)

    async def _send_rows(self, rows: list[Any]) -> float | None:
        """Send what the limits allow; return how long to wait when nothing could be sent."""
        blocked: set[str] = set()
        soonest: float | None = None
        sent_any = False
        for row in rows:
            out = row.out
            if out.to in blocked:
                continue  # keep this contact's order: nothing of it jumps ahead
            typing_wait = await self._typing_wait(row)
            if typing_wait > 0:  # "typing..." is showing: this contact's next row waits
                blocked.add(out.to)
                soonest = typing_wait if soonest is None else min(soonest, typing_wait)
                continue
            contact_wait = self.limits.contact_wait(out.to)
            if contact_wait > 0:
                blocked.add(out.to)
                soonest = contact_wait if soonest is None else min(soonest, contact_wait)
                continue
            gap = self.limits.gap_wait()
            if gap > 0:
                await self._clock.sleep(gap)
            if not self._connected.is_set():
                return None
            outcome = await self._send_one(row)
            if outcome == "paused":
                return NOT_LOGGED_IN_PAUSE_S
            sent_any = True  # or failed, or no longer pending: either way look again
        return None if sent_any else soonest

    async def _typing_wait(self, row: Any) -> float:
        """Seconds until a bot message that asked for "typing..." may go (0: now). The
        indicator is sent once, best effort; after a restart an old row goes at once."""
        typing_ms = getattr(row.out, "typing_ms", 0)
        if not typing_ms:
            return 0.0
        due = row.created_at.timestamp() + typing_ms / 1000
        remaining = due - self._clock.now().timestamp()
        if remaining <= 0:
            self._typing_shown.discard(row.message_id)
            return 0.0
        if row.message_id not in self._typing_shown:
            self._typing_shown.add(row.message_id)
            try:
                await self.channel.send_typing(row.out.to, True)
            except Exception as exc:  # a courtesy; never block the queue on it
                log.debug("typing indicator not sent: %s", exc)
        return remaining

    async def _send_one(self, row: Any) -> str:
        out = row.out
        cid, message_id, ticket_id = self.connection_id, row.message_id, row.ticket_id
        if row.send_attempts >= MAX_UNRECORDED_SENDS:
            log.warning("connection %s: message %s: %d sends interrupted before they were "
                        "recorded; not sending it again", cid, message_id, row.send_attempts)
            return await self._fail(message_id, ticket_id, INTERRUPTED_TWICE)
        if row.send_attempts:
            log.warning("connection %s: message %s: its last send was interrupted before it "
                        "was recorded; sending it again (it may arrive twice)", cid, message_id)
        # Committed before the channel is called, so a crash after the send leaves the row
        # recognisable. A database error here raises: nothing was sent, the queue pauses.
        if not await self._db.write(lambda s: begin_send(s, message_id)):
            return "gone"  # sent, failed or deleted meanwhile
        self.limits.record(out.to)
        sent_as_text: str | None = None
        try:
            try:
                result = await self.channel.send(out)
            except ChannelError:
                if not (out.fallback_text and (out.buttons or out.list_rows)):
                    raise
                # The channel refused buttons/a list: the same menu as numbered text.
                log.info("connection %s: interactive message %s refused, sending as text",
                         cid, message_id)
                result = await self.channel.send(OutboundMessage(
                    wa_id=out.wa_id, to=out.to, kind=MessageKind.TEXT, text=out.fallback_text))
                sent_as_text = out.fallback_text
        except NotLoggedIn as exc:
            log.warning("connection %s: not logged in, message %s stays queued: %s",
                        cid, message_id, exc)
            # Refused before reaching WhatsApp: this attempt did not happen.
            await self._record(message_id, lambda s: cancel_send(s, message_id))
            return "paused"
        except ChannelError as exc:
            return await self._fail(message_id, ticket_id, str(exc) or "falha ao enviar")
        except Exception as exc:  # a transport bug must not wedge the queue on one row
            log.exception("connection %s: unexpected send failure for message %s",
                          cid, message_id)
            return await self._fail(message_id, ticket_id,
                                    f"erro inesperado ao enviar: {type(exc).__name__}")
        sent_at = result.timestamp or self._clock.now()
        # neonize cannot send under our pre-generated id: keep the one WhatsApp used, so
        # receipts, quotes and reactions find this row.
        await self._record(message_id,
                           lambda s: mark_sent(s, message_id, sent_at, wa_id=result.wa_id,
                                               sent_as_text=sent_as_text))
        self._bus.publish(MessageUpdated(message_id, ticket_id, ack=Ack.SERVER))
        return "sent"

    async def _fail(self, message_id: int, ticket_id: int, reason: str) -> str:
        await self._record(message_id, lambda s: mark_failed(s, message_id, reason))
        self._bus.publish(MessageUpdated(message_id, ticket_id, ack=Ack.FAILED, error=reason))
        return "failed"

    async def _record(self, message_id: int, fn: Callable[[Any], object]) -> None:
        """Commit what the channel answered, retrying with backoff until it succeeds.

        The send has happened (or has certainly not): repeating the commit, never the send,
        is what keeps a database hiccup from reaching the customer as a duplicate. The
        queue waits meanwhile (this contact's order, and the database is likely down)."""
        backoff = self.commit_backoff()
        reported = False
        while True:
            try:
                await self._db.write(fn)
                return
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                delay = backoff.next_delay()
                log.error("connection %s: message %s: the result of its send could not be "
                          "saved (%s); trying again in %.1f s", self.connection_id,
                          message_id, type(exc).__name__, delay)
                if not reported:
                    reported = True
                    detail = str(exc) if isinstance(exc, StoreError) else type(exc).__name__
                    self._bus.publish(ErrorRaised(
                        "Uma mensagem foi enviada mas o banco de dados não a registrou; "
                        f"tentando de novo sem reenviar: {detail}", self.connection_id))
                await self._clock.sleep(delay)

"""One supervisor per connection: starts the client, follows its state, reconnects, times out."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from whatdesk.domain.clock import Clock
from whatdesk.domain.enums import ConnectionStatus
from whatdesk.domain.errors import ChannelError, SessionLocked, StoreError, WhatdeskError
from whatdesk.domain.events import (
    AckEvent,
    ChannelEvent,
    ConnectedEvent,
    ConnectionFailedEvent,
    DisconnectedEvent,
    InboundMessage,
    LoggedOutEvent,
    PairedEvent,
    PairingCodeEvent,
    PairingTimeoutEvent,
    PresenceEvent,
    QRCodeEvent,
)
from whatdesk.domain.phone import normalize_phone
from whatdesk.domain.reasons import Reason, classify, reason_of
from whatdesk.store import record_connection_status

from .backoff import Backoff
from .bus import EventBus
from .events import (
    ConnectionStatusChanged,
    ErrorRaised,
    PairingCodeChanged,
    PresenceChanged,
    QRCodeChanged,
)

if TYPE_CHECKING:
    from whatdesk.channels.base import Channel

log = logging.getLogger(__name__)
_T = TypeVar("_T")

WATCHDOG_S = 180.0

# Lifecycle events are tagged with the "epoch" of the client run that produced them, so a
# DisconnectedEvent caused by our own stop() is not mistaken for a network loss.
_LIFECYCLE = (
    QRCodeEvent, PairingCodeEvent, PairedEvent, ConnectedEvent, DisconnectedEvent,
    LoggedOutEvent, PairingTimeoutEvent, ConnectionFailedEvent,
)


class InboundSink(Protocol):
    async def submit(self, connection_id: int, event: InboundMessage | AckEvent) -> None: ...


class SenderControl(Protocol):
    def set_connected(self, connected: bool) -> None: ...


class ConnectionSupervisor:
    """Drives one Channel and turns its events into the status a user sees.

    Channel events go through our own queue and are handled one at a time (the sink only
    enqueues). Inbound messages and acks are handed to the pipeline, which commits them
    concurrently while keeping per-contact order.
    """

    def __init__(
        self,
        connection_id: int,
        channel: Channel,
        db: Any,
        bus: EventBus,
        clock: Clock,
        pipeline: InboundSink | None,
        sender: SenderControl | None,
        backoff: Backoff | None = None,
        *,
        client_lock: asyncio.Lock | None = None,
        watchdog_s: float = WATCHDOG_S,
        session_gate: Callable[[], Awaitable[None]] | None = None,
    ) -> None:
        self.connection_id = connection_id
        self.channel = channel
        self._db = db
        self._bus = bus
        self._clock = clock
        self._pipeline = pipeline
        self._sender = sender
        self.backoff = backoff or Backoff()
        self._client_lock = client_lock or asyncio.Lock()
        self._watchdog_s = watchdog_s
        # Makes the session ready before the client may touch it (the session vault
        # decrypts it); raises SessionLocked when it cannot be opened.
        self._session_gate = session_gate
        self.status = ConnectionStatus.STOPPED
        self.reason = Reason.NONE
        self.detail = ""  # the transport's raw words behind ``reason`` (may be empty)
        self.retry_in_s: float | None = None
        self.jid: str | None = None
        self.push_name: str | None = None
        self._queue: asyncio.Queue[tuple[int, ChannelEvent]] = asyncio.Queue()
        self._epoch = 0
        self._running = False  # the client has been started and not stopped by us
        self._saw_qr = False
        self._consumer: asyncio.Task[None] | None = None
        self._retry_task: asyncio.Task[None] | None = None
        self._watchdog: asyncio.Task[None] | None = None
        self._closed = False
        self._halted_by_store = False
        channel.set_sink(self._on_channel_event)

    # ---- public control -----------------------------------------------------------------

    async def start(self) -> None:
        """Connect (with a saved session) or begin showing QR codes."""
        self._halted_by_store = False
        self._ensure_consumer()
        self._cancel_retry()
        if self._running and self.status not in (
            ConnectionStatus.TIMEOUT, ConnectionStatus.LOGGED_OUT, ConnectionStatus.STOPPED
        ):
            return  # already connecting or connected
        await self._start_client(Reason.CONNECTING)

    async def resume(self) -> None:
        """At launch: connect when a saved session exists; a connection that was never linked
        (or was logged out) waits for the user to link it instead of showing codes nobody
        looks at, or retrying forever with no internet."""
        if not await self._session_ready():
            return
        try:
            linked = await self.channel.has_session()
        except ChannelError:
            linked = True  # unreadable session: start() reports it properly
        if linked:
            await self.start()
        else:
            await self._set_status(ConnectionStatus.STOPPED, Reason.NOT_LINKED, jid="")

    async def retry_now(self) -> None:
        """The user does not want to wait for the next automatic attempt."""
        if self._retry_task is not None:
            self._cancel_retry()
            await self._start_client(Reason.RETRYING)
        else:
            await self.start()

    @property
    def retry_pending(self) -> bool:
        return self._retry_task is not None

    async def stop(self, reason: Reason = Reason.STOPPED_BY_USER) -> None:
        """Disconnect and keep the session; no automatic reconnect until start()."""
        self._halted_by_store = False
        self._cancel_retry()
        self._cancel_watchdog()
        await self._stop_client()
        await self._set_status(ConnectionStatus.STOPPED, reason)

    async def halt_for_store(self, reason: str) -> None:
        """Received messages cannot be saved: disconnect, so WhatsApp keeps (and later
        redelivers) what we could not store, and say so. ``resume_after_store()`` undoes it."""
        if self._closed or (not self._running and self._retry_task is None):
            return  # stopped by the user (or never started): nothing to hold back
        self._cancel_retry()  # a pending reconnect would only take more messages in
        self._cancel_watchdog()
        self._halted_by_store = True
        await self._stop_client()
        # DISCONNECTED (shown as a failure), not STOPPED (what a user's own stop looks like).
        await self._set_status(ConnectionStatus.DISCONNECTED, Reason.INBOUND_NOT_SAVED,
                               f"parado: não é possível salvar as mensagens recebidas ({reason})")

    async def resume_after_store(self) -> None:
        """The store works again: reconnect a connection that halt_for_store() stopped."""
        if not self._halted_by_store or self._closed:
            return
        self._halted_by_store = False
        await self.start()

    async def logout(self) -> None:
        """Unlink this device from the phone; the next start() shows a new QR code.

        Raises ChannelError when WhatsApp could not be told: the client is then stopped
        and the session kept, so that logging out can be tried again."""
        if self._session_gate is not None:
            await self._session_gate()  # unlinking needs the session; SessionLocked if not

        async def unlink() -> ChannelError | None:
            try:
                await self.channel.logout()
            except ChannelError as exc:
                log.warning("connection %s: logout failed: %s", self.connection_id, exc)
                with contextlib.suppress(ChannelError):
                    await self.channel.stop()
                return exc
            return None

        failure = await self._end_session(unlink)
        if failure is not None:
            await self._set_status(ConnectionStatus.STOPPED, Reason.LOGOUT_FAILED,
                                   f"não foi possível desvincular: {failure}")
            raise failure
        self.jid = None
        self.push_name = None
        # jid="": no account behind the connection any more (the UI offers to link it again)
        await self._set_status(ConnectionStatus.LOGGED_OUT, Reason.LOGGED_OUT_BY_USER, jid="")

    async def forget_session(self) -> None:
        """Stop the client and delete its stored session without telling WhatsApp (the
        connection is being deleted)."""
        await self._end_session(self.channel.forget_session)

    async def _end_session(self, end: Callable[[], Awaitable[_T]]) -> _T:
        """Stop retrying and sending, then run ``end`` (logout or forget) with the client
        lock held; any event of the old client that arrives later is stale (epoch)."""
        self._cancel_retry()
        self._cancel_watchdog()
        if self._sender is not None:
            self._sender.set_connected(False)
        async with self._client_lock:
            self._running = False
            try:
                return await end()
            finally:
                self._epoch += 1

    async def request_pairing_code(self, phone: str) -> str:
        """Link by phone number: returns the code to type on the phone ("ABCD-EFGH")."""
        digits = normalize_phone(phone)
        if not self._running or self.status in (
            ConnectionStatus.TIMEOUT, ConnectionStatus.LOGGED_OUT, ConnectionStatus.STOPPED,
            ConnectionStatus.DISCONNECTED,
        ):
            await self.start()
        if self.status is ConnectionStatus.CONNECTED:
            raise ChannelError(
                "Esta conexão já está conectada; desconecte antes de parear outro número.",
                reason=Reason.ALREADY_LINKED)
        code = await self.channel.request_pairing_code(digits)
        self._bus.publish(PairingCodeChanged(self.connection_id, code))
        await self._set_status(ConnectionStatus.PAIRING, Reason.TYPE_PAIRING_CODE)
        self._arm_watchdog()
        return code

    async def drain(self) -> None:
        """Wait until every event received so far has been handled."""
        await self._queue.join()

    async def close(self) -> None:
        """Stop the client, finish the events already received, then end the consumer."""
        self._cancel_retry()
        self._cancel_watchdog()
        await self._stop_client()
        self._closed = True
        if self._consumer is not None:
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(self._queue.join(), timeout=10)
            self._consumer.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._consumer
            self._consumer = None

    # ---- client start/stop --------------------------------------------------------------

    async def _session_ready(self) -> bool:
        """Run the session gate; a locked session stops here (no retries: only the user can
        unlock it or link again)."""
        if self._session_gate is None:
            return True
        try:
            await self._session_gate()
        except SessionLocked as exc:
            self._cancel_retry()
            self._cancel_watchdog()
            await self._set_status(ConnectionStatus.STOPPED, Reason.SESSION_LOCKED, str(exc))
            return False
        except ChannelError as exc:
            log.warning("connection %s: session not ready: %s", self.connection_id, exc)
            await self._schedule_retry(reason_of(exc), str(exc))
            return False
        return True

    async def _start_client(self, reason: Reason) -> None:
        if not await self._session_ready():
            return
        self._saw_qr = False
        await self._set_status(ConnectionStatus.CONNECTING, reason)
        async with self._client_lock:
            self._epoch += 1
            self._running = True
            try:
                await self.channel.start()
            except ChannelError as exc:
                self._running = False
                failure: ChannelError | None = exc
            else:
                failure = None
        if failure is not None:
            log.warning("connection %s: start failed: %s", self.connection_id, failure)
            await self._schedule_retry(reason_of(failure), str(failure))
            return
        if self.status in (ConnectionStatus.CONNECTING, ConnectionStatus.QR_WAITING,
                           ConnectionStatus.PAIRING):
            self._arm_watchdog()

    async def _stop_client(self) -> None:
        if self._sender is not None:
            self._sender.set_connected(False)
        async with self._client_lock:
            was_running = self._running
            self._running = False
            try:
                if was_running:
                    await self.channel.stop()
            except ChannelError as exc:
                log.warning("connection %s: stop failed: %s", self.connection_id, exc)
            finally:
                self._epoch += 1  # whatever the stop makes the client say is stale

    async def _schedule_retry(self, reason: Reason, raw: str = "") -> None:
        """Restart the client after a backoff delay; the user sees "retrying in N s"."""
        self._cancel_watchdog()
        if self._sender is not None:
            self._sender.set_connected(False)
        await self._stop_client()
        delay = self.backoff.next_delay()
        self._cancel_retry()
        # The countdown starts now, not after the status is saved.
        self._retry_task = asyncio.create_task(
            self._retry_after(self._clock.monotonic() + delay))
        await self._set_status(ConnectionStatus.DISCONNECTED, reason, raw, retry_in_s=delay)

    async def _retry_after(self, deadline: float) -> None:
        await self._sleep_until(deadline)
        self._retry_task = None
        if self._closed:
            return
        await self._start_client(Reason.RETRYING)

    def _cancel_retry(self) -> None:
        task, self._retry_task = self._retry_task, None
        if task is not None and task is not asyncio.current_task():
            task.cancel()

    # ---- watchdog -----------------------------------------------------------------------

    def _arm_watchdog(self) -> None:
        """(Re)start the countdown; QR refreshes are not progress, pairing steps are."""
        self._cancel_watchdog()
        deadline = self._clock.monotonic() + self._watchdog_s
        self._watchdog = asyncio.create_task(self._watchdog_fire(self._epoch, deadline))

    def _cancel_watchdog(self) -> None:
        task, self._watchdog = self._watchdog, None
        if task is not None and task is not asyncio.current_task():
            task.cancel()

    async def _watchdog_fire(self, epoch: int, deadline: float) -> None:
        await self._sleep_until(deadline)
        self._watchdog = None
        if epoch != self._epoch or self.status is ConnectionStatus.CONNECTED:
            return
        if self._saw_qr or self.status in (ConnectionStatus.QR_WAITING, ConnectionStatus.PAIRING):
            # Nobody scanned: the login socket is dead without telling us. Ask the user again.
            await self._stop_client()
            await self._set_status(ConnectionStatus.TIMEOUT, Reason.QR_EXPIRED)
        else:
            # A saved session that cannot get through: keep trying, do not strand the user.
            await self._schedule_retry(Reason.NO_RESPONSE)

    async def _sleep_until(self, deadline: float) -> None:
        # Deadlines are taken when a timer is armed, not when its task first runs.
        remaining = deadline - self._clock.monotonic()
        if remaining > 0:
            await self._clock.sleep(remaining)

    # ---- events -------------------------------------------------------------------------

    def _on_channel_event(self, event: ChannelEvent) -> None:
        self._queue.put_nowait((self._epoch, event))
        self._ensure_consumer()

    def _ensure_consumer(self) -> None:
        if self._consumer is None or self._consumer.done():
            self._consumer = asyncio.get_running_loop().create_task(self._consume())

    async def _consume(self) -> None:
        while True:
            epoch, event = await self._queue.get()
            try:
                await self._handle(epoch, event)
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # one bad event must never stop the connection
                log.exception("connection %s: failed handling %s", self.connection_id,
                              type(event).__name__)
                self._bus.publish(ErrorRaised(_user_text(exc), self.connection_id))
            finally:
                self._queue.task_done()

    async def _handle(self, epoch: int, event: ChannelEvent) -> None:
        if isinstance(event, (InboundMessage, AckEvent)):
            if self._pipeline is not None:
                await self._pipeline.submit(self.connection_id, event)
            return
        if isinstance(event, PresenceEvent):
            self._bus.publish(PresenceChanged(self.connection_id, event.chat, event.state))
            return
        if not isinstance(event, _LIFECYCLE):
            log.warning("connection %s: unknown event %s dropped", self.connection_id,
                        type(event).__name__)
            return
        if epoch != self._epoch or not self._running:
            log.debug("connection %s: stale %s ignored", self.connection_id, type(event).__name__)
            return
        match event:
            case QRCodeEvent():
                self._saw_qr = True
                self._bus.publish(QRCodeChanged(self.connection_id, event.payload, event.expires_at))
                if self.status is not ConnectionStatus.QR_WAITING:
                    await self._set_status(ConnectionStatus.QR_WAITING, Reason.SCAN_QR)
                if self._watchdog is None:
                    self._arm_watchdog()
            case PairingCodeEvent():
                self._bus.publish(PairingCodeChanged(self.connection_id, event.code))
                await self._set_status(ConnectionStatus.PAIRING, Reason.TYPE_PAIRING_CODE)
            case PairedEvent():
                self._arm_watchdog()  # progress: the phone accepted; give the login time
                await self._set_status(ConnectionStatus.PAIRING, Reason.PAIRED, jid=event.jid)
            case ConnectedEvent():
                self._cancel_watchdog()
                self._saw_qr = False  # linked: a later stall is a network problem, not a QR
                self.backoff.reset()
                self.jid = event.jid
                self.push_name = event.push_name
                await self._set_status(ConnectionStatus.CONNECTED, Reason.NONE, jid=event.jid,
                                       push_name=event.push_name)
                if self._sender is not None:
                    self._sender.set_connected(True)
            case DisconnectedEvent():
                if self._sender is not None:
                    self._sender.set_connected(False)
                reason = _code(event.code, event.reason, Reason.CONNECTION_LOST)
                if event.will_retry:
                    # The transport reconnects by itself; watch that it really does.
                    await self._set_status(ConnectionStatus.DISCONNECTED, reason, event.reason)
                    self._arm_watchdog()
                else:
                    await self._schedule_retry(reason, event.reason)
            case LoggedOutEvent():
                self._cancel_watchdog()
                await self._stop_client()
                self.jid = None
                # from the channel, so the phone (or WhatsApp) ended it, not our logout()
                await self._set_status(
                    ConnectionStatus.LOGGED_OUT,
                    _code(event.code, event.reason, Reason.LOGGED_OUT_BY_PHONE), event.reason,
                    jid="")
            case PairingTimeoutEvent():
                self._cancel_watchdog()
                await self._stop_client()
                await self._set_status(ConnectionStatus.TIMEOUT, Reason.QR_EXPIRED)
            case ConnectionFailedEvent():
                reason = _code(event.code, event.reason, Reason.UNKNOWN)
                if event.retryable:
                    await self._schedule_retry(reason, event.reason)
                else:
                    self._cancel_watchdog()
                    await self._stop_client()
                    await self._set_status(ConnectionStatus.DISCONNECTED, reason, event.reason)
                    self._bus.publish(ErrorRaised(
                        f"A conexão falhou e não será retomada automaticamente: {event.reason}",
                        self.connection_id, reason))

    # ---- status -------------------------------------------------------------------------

    async def _set_status(
        self,
        status: ConnectionStatus,
        reason: Reason,
        raw: str = "",
        *,
        retry_in_s: float | None = None,
        jid: str | None = None,
        push_name: str | None = None,
    ) -> None:
        self.status = status
        self.reason = reason
        self.detail = raw
        self.retry_in_s = retry_in_s
        cid = self.connection_id
        now = self._clock.now()
        stored = reason.encode(raw)  # "no_internet: dial tcp: lookup ...": readable and decodable
        try:
            await self._db.write(
                lambda s: record_connection_status(s, cid, status, stored, jid=jid,
                                                   push_name=push_name, now=now)
            )
        except (StoreError, WhatdeskError, OSError) as exc:
            log.error("connection %s: could not save status %s: %s", cid, status, exc)
            self._bus.publish(ErrorRaised(_user_text(exc), cid, reason_of(exc)))
        self._bus.publish(ConnectionStatusChanged(cid, status, raw, retry_in_s, now, reason))


def _code(given: Reason | None, text: str, fallback: Reason) -> Reason:
    """The channel's own code, else what its words say, else ``fallback``."""
    if given is not None and given is not Reason.UNKNOWN:
        return given
    found = classify(text)
    return fallback if found is Reason.UNKNOWN else found


def _user_text(exc: BaseException) -> str:
    if isinstance(exc, WhatdeskError):
        return str(exc)
    return f"Erro inesperado: {type(exc).__name__}: {exc}"

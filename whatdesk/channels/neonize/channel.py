"""NeonizeChannel: one WhatsApp account through neonize (whatsmeow), behind the Channel protocol."""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import dataclasses
import functools
import logging
import secrets
import threading
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import neonize.aioze.events as neonize_events
from neonize.aioze.client import ClientFactory, NewAClient
from neonize.aioze.events import (
    ChatPresenceEv,
    ClientOutdatedEv,
    ConnectedEv,
    ConnectFailureEv,
    DisconnectedEv,
    KeepAliveRestoredEv,
    KeepAliveTimeoutEv,
    LoggedOutEv,
    MessageEv,
    PairStatusEv,
    PresenceEv,
    ReceiptEv,
    StreamReplacedEv,
    TemporaryBanEv,
)
from neonize.events import EVENT_TO_INT
from neonize.exc import NeonizeError
from neonize.proto.Neonize_pb2 import (
    GetProfilePictureParams,
    PairStatus,
    UploadResponse,
)
from neonize.proto.waCompanionReg.WAWebProtobufsCompanionReg_pb2 import DeviceProps
from neonize.proto.waE2E.WAWebProtobufsE2E_pb2 import ContextInfo
from neonize.proto.waE2E.WAWebProtobufsE2E_pb2 import Message as WAMessage
from neonize.utils import build_jid
from neonize.utils.enum import (
    BlocklistAction,
    ChatPresence,
    ChatPresenceMedia,
    ClientName,
    ClientType,
    MediaType,
    ReceiptType,
)

from whatdesk.channels.base import EventSink
from whatdesk.domain.clock import Clock, SystemClock
from whatdesk.domain.enums import MessageKind
from whatdesk.domain.errors import ChannelError, MalformedEvent, NotLoggedIn
from whatdesk.domain.events import (
    ChannelEvent,
    ConnectedEvent,
    ConnectionFailedEvent,
    DisconnectedEvent,
    InboundMessage,
    LoggedOutEvent,
    OutboundMessage,
    PairedEvent,
    PairingCodeEvent,
    QRCodeEvent,
    SendResult,
)
from whatdesk.domain.phone import normalize_phone

from . import normalize as norm
from .gomap import go_map_gate
from .journal import InboundJournal, JournalClosed
from .outbound import MAX_BUTTONS, MAX_LIST_ROWS, build_message, canonical_jid
from .pictures import download_profile_picture

log = logging.getLogger(__name__)

FIRST_QR_VALIDITY_S = 60.0
NEXT_QR_VALIDITY_S = 20.0
DEVICE_NAME = "WhatDesk"
_MESSAGE_CODE = EVENT_TO_INT[MessageEv]
JOURNAL_RETRY_S = 1.0  # how often a Go thread retries a journal write that failed
# whatsmeow's words when a profile picture is not set or hidden from us (not a failure)
_NO_PICTURE = ("no profile picture", "hidden their profile picture", "item-not-found",
               "not-authorized", "401", "404")


@dataclass(frozen=True)
class _ResolveConnected:
    """Queued on ConnectedEv: the consumer asks Go who we are (safe only once logged in)."""

    ask_go: bool


class NeonizeChannel:
    """A WhatsApp account linked through neonize. See whatdesk.channels.base.Channel."""

    kind = "neonize"

    #: how long start() may keep every account's Go calls waiting while Go registers the
    #: client (see gomap.GoMapGate); it normally ends sooner, at the first QR code or event
    register_grace_s: float = 10.0
    #: how long request_pairing_code() waits for the login socket to be ready
    pairing_ready_timeout_s: float = 30.0
    #: how long stop() waits for the blocking Go connect call to return
    stop_timeout_s: float = 10.0
    #: how long a media download of a replayed message waits for the login
    replay_media_wait_s: float = 60.0

    def __init__(
        self,
        session_path: Path,
        uuid: str,
        clock: Clock = SystemClock(),  # stateless: a shared default is harmless
        journal_path: Path | None = None,
    ) -> None:
        self._session_path = Path(session_path).absolute()
        # Every MessageEv is written here before whatsmeow may acknowledge it to WhatsApp.
        self.journal = InboundJournal(
            Path(journal_path).absolute() if journal_path is not None
            else self._session_path.with_name(self._session_path.name + ".inbound-journal"))
        self._journal_replayed = False
        self._loop: asyncio.AbstractEventLoop | None = None
        self._go_release = threading.Event()  # set by stop(): a Go thread blocked on a
        # failing journal write gives up waiting
        self._uuid = uuid
        self._clock: Clock = clock
        self._sink: EventSink | None = None
        self._queue: asyncio.Queue[Any] = asyncio.Queue()
        self._unfinished = 0  # items enqueued and not yet handed to the sink
        self._consumer: asyncio.Task[None] | None = None
        self._connect_task: asyncio.Task[Any] | None = None
        self._started = False  # a Go client is (being) registered under our uuid
        self._stop_requested = False
        self.http_transport: Any = None  # httpx transport for profile pictures (tests: a mock)
        self._logged_in = False  # guards every Go call that dereferences the login
        self._paired = False
        self._qr_count = 0
        self._own_jid: str | None = None
        self._push_name = ""
        self._registered = asyncio.Event()
        self._qr_seen = asyncio.Event()
        self._connected = asyncio.Event()
        self._lifecycle = asyncio.Lock()  # this channel's start/stop, one at a time
        self.client = NewAClient(
            str(self._session_path),
            uuid=uuid,
            props=DeviceProps(os=DEVICE_NAME, platformType=DeviceProps.CHROME),
        )
        # neonize would call Go's Stop from whatever thread collects the client, outside the
        # map gate; stop() always stops a started client, so that fallback only adds risk.
        self.client._stop_finalizer.detach()
        self._register_handlers()
        # neonize binds its ctypes event callback to `client.event.execute` at connect time;
        # ours runs first, on the Go thread, so the journal write completes before Go goes on.
        self._neonize_execute = self.client.event.execute
        self.client.event.execute = self._on_go_event  # type: ignore[method-assign]

    # ---- public state -------------------------------------------------------------------

    @property
    def logged_in(self) -> bool:
        return self._logged_in

    @property
    def own_jid(self) -> str | None:
        return self._own_jid

    @property
    def session_path(self) -> Path:
        """The whatsmeow session database of this account (absolute)."""
        return self._session_path

    def set_sink(self, sink: EventSink) -> None:
        self._sink = sink

    async def flush(self) -> None:
        """Wait until every event received so far has been handed to the sink."""
        if self._unfinished:
            self._ensure_consumer()
            await self._queue.join()

    # ---- handlers (run on the loop thread; they only normalise and enqueue) -------------

    def _register_handlers(self) -> None:
        on = self.client.event
        self.client.qr(self._on_qr)
        table: dict[type, Callable[[Any], Any]] = {
            PairStatusEv: self._norm_pair_status,
            ConnectedEv: self._norm_connected,
            DisconnectedEv: lambda ev: DisconnectedEvent(
                "Conexão com o WhatsApp perdida; reconectando", will_retry=True),
            KeepAliveTimeoutEv: lambda ev: DisconnectedEvent(
                "O WhatsApp parou de responder; aguardando a conexão voltar", will_retry=True),
            KeepAliveRestoredEv: self._norm_keepalive_restored,
            LoggedOutEv: self._norm_logged_out,
            StreamReplacedEv: self._norm_stream_replaced,
            TemporaryBanEv: lambda ev: ConnectionFailedEvent(norm.temporary_ban_reason(ev), retryable=False),
            ConnectFailureEv: lambda ev: ConnectionFailedEvent(*norm.connect_failure_reason(ev)),
            ClientOutdatedEv: lambda ev: ConnectionFailedEvent(
                "Esta versão do WhatsDesk está desatualizada para o WhatsApp; atualize o aplicativo",
                retryable=False),
            MessageEv: self._norm_message,
            ReceiptEv: lambda ev: norm.normalize_receipt(ev, self._clock.now()),
            ChatPresenceEv: norm.normalize_chat_presence,
            PresenceEv: norm.normalize_presence,
        }
        for ev_type, normaliser in table.items():
            on(ev_type)(self._make_handler(f"{ev_type.__name__}Ev", normaliser))

    def _make_handler(
        self, name: str, normaliser: Callable[[Any], Any]
    ) -> Callable[[NewAClient, Any], Awaitable[None]]:
        async def handler(_client: NewAClient, ev: Any) -> None:
            self._registered.set()
            try:
                result = normaliser(ev)
            except MalformedEvent as exc:
                log.warning("neonize %s dropped (malformed): %s", name, exc)
                return
            except Exception:  # a normaliser bug must never take the channel down
                log.warning("neonize %s dropped: could not normalise", name, exc_info=True)
                return
            if result is not None:
                self._enqueue(result)

        return handler

    # ---- the inbound journal (Go thread first, then the loop) ----------------------------

    def _on_go_event(self, uuid: int, binary: int, size: int, code: int) -> None:
        """neonize's event callback, on whatsmeow's thread: whatsmeow sends its receipt for a
        message only after this returns, so the message is on disk before then."""
        if code != _MESSAGE_CODE:
            self._neonize_execute(uuid, binary, size, code)
            return
        try:
            raw = ctypes.string_at(binary, size)
            seq = self._append_to_journal(code, raw)
            ev = MessageEv.FromString(raw)
        except Exception:  # an exception here would vanish inside ctypes
            log.exception("neonize %s: inbound message could not be read", self._uuid)
            return
        loop = self._loop or neonize_events.event_global_loop
        if loop is None or loop.is_closed():
            log.error("neonize %s: no event loop; message kept in the journal", self._uuid)
            return
        loop.call_soon_threadsafe(self._accept_from_go, ev, seq)

    def _append_to_journal(self, code: int, raw: bytes) -> int | None:
        """Blocks the Go thread until the write succeeds: while it waits, whatsmeow sends no
        receipt. The connection is stopped meanwhile; after stop() the event is handed on in
        memory only (None) and WhatsApp, never answered, redelivers it."""
        reported = False
        while True:
            try:
                return self.journal.append(code, raw)
            except JournalClosed:  # Go never delivers before start(); be safe anyway
                log.error("neonize %s: message arrived with the journal closed", self._uuid)
                return None
            except OSError as exc:
                if not reported:
                    reported = True
                    log.error("neonize %s: inbound journal %s cannot be written: %s",
                              self._uuid, self.journal.path, exc)
                    self._call_on_loop(self._enqueue, ConnectionFailedEvent(
                        "Não é possível salvar as mensagens recebidas no disco "
                        f"({exc.strerror or exc}); conexão parada para não perder nada",
                        retryable=False))
            if self._go_release.wait(JOURNAL_RETRY_S):
                return None

    def _call_on_loop(self, fn: Callable[..., Any], *args: Any) -> None:
        loop = self._loop or neonize_events.event_global_loop
        if loop is not None and not loop.is_closed():
            loop.call_soon_threadsafe(fn, *args)

    def _accept_from_go(self, ev: Any, seq: int | None) -> None:
        self._registered.set()  # first sign of life from Go (see start())
        self._accept_message(ev, seq)

    def _accept_message(self, ev: Any, seq: int | None,
                        downloader: Callable[[WAMessage], Callable[[], Awaitable[bytes]]]
                        | None = None) -> None:
        """Normalise a journaled MessageEv and enqueue it; what can never become a message
        is retired from the journal at once, the rest when the pipeline has committed it."""
        retire = functools.partial(self.journal.mark_done, seq) if seq is not None else None
        try:
            result = norm.normalize_message(ev, downloader or self._downloader,
                                            self._clock.now(), self._own_jid)
        except MalformedEvent as exc:
            log.warning("neonize MessageEv dropped (malformed): %s", exc)
            result = None
        except Exception:  # kept in the journal: a fixed version can still read it
            log.warning("neonize MessageEv not read: could not normalise", exc_info=True)
            return
        if not isinstance(result, InboundMessage):
            if retire is not None:
                retire()
            return
        if retire is not None:
            result = dataclasses.replace(result, on_stored=retire)
        self._enqueue(result)

    def _norm_message(self, ev: Any) -> InboundMessage | None:
        """A MessageEv that reached the handler without the journal (tests, or a neonize
        that dispatches differently): normalised the same way."""
        return norm.normalize_message(ev, self._downloader, self._clock.now(), self._own_jid)

    async def _replay_journal(self) -> None:
        """Hand on what an earlier run received but never committed (once per process)."""
        try:
            entries = await asyncio.to_thread(self.journal.open)
        except OSError as exc:
            raise ChannelError(
                f"Não foi possível abrir o registro de mensagens recebidas "
                f"{self.journal.path.name}: {exc.strerror or exc}") from exc
        if self._journal_replayed:
            return
        self._journal_replayed = True
        if entries:
            log.info("neonize %s: replaying %d received message(s) not yet saved",
                     self._uuid, len(entries))
        for entry in entries:
            if entry.code != _MESSAGE_CODE:
                self.journal.mark_done(entry.seq)
                continue
            try:
                ev = MessageEv.FromString(entry.raw)
            except Exception:
                log.warning("neonize %s: unreadable journal entry %d kept", self._uuid,
                            entry.seq)
                continue
            self._accept_message(ev, entry.seq, self._replay_downloader)

    def _replay_downloader(self, message: WAMessage) -> Callable[[], Awaitable[bytes]]:
        """Replayed media are downloaded once the login is back (or fail as unavailable)."""
        download = self._downloader(message)

        async def after_login() -> bytes:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._connected.wait(), self.replay_media_wait_s)
            return await download()

        return after_login

    async def _on_qr(self, _client: NewAClient, data: bytes) -> None:
        self._registered.set()
        try:
            payload = data.decode("ascii").strip() if isinstance(data, bytes) else str(data)
            if not payload:
                raise MalformedEvent("QR code vazio")
        except (UnicodeDecodeError, MalformedEvent) as exc:
            log.warning("neonize QR dropped: %s", exc)
            return
        first = self._qr_count == 0
        self._qr_count += 1
        validity = FIRST_QR_VALIDITY_S if first else NEXT_QR_VALIDITY_S
        self._enqueue(QRCodeEvent(payload, self._clock.now() + timedelta(seconds=validity)))
        self._qr_seen.set()

    def _norm_pair_status(self, ev: PairStatus) -> ChannelEvent:
        if ev.Status == PairStatus.SUCCESS:
            jid = norm.jid_to_str(ev.ID) or ""
            self._paired = True
            self._own_jid = jid or self._own_jid
            return PairedEvent(jid)
        detail = (ev.Error or "erro desconhecido")[:200]
        return ConnectionFailedEvent(f"O pareamento falhou: {detail}", retryable=True)

    def _norm_connected(self, _ev: Any) -> _ResolveConnected:
        self._logged_in = True
        self._connected.set()
        return _ResolveConnected(ask_go=True)

    def _norm_keepalive_restored(self, _ev: Any) -> _ResolveConnected | None:
        return _ResolveConnected(ask_go=False) if self._logged_in else None

    def _norm_logged_out(self, ev: Any) -> LoggedOutEvent:
        self._logged_in = False
        self._connected.clear()
        return LoggedOutEvent(norm.logged_out_reason(ev))

    def _norm_stream_replaced(self, _ev: Any) -> ConnectionFailedEvent:
        self._logged_in = False
        self._connected.clear()
        return ConnectionFailedEvent(
            "Esta conta do WhatsApp foi aberta em outro computador ou aplicativo (sessão substituída)",
            retryable=False,
        )

    # ---- the serial consumer ------------------------------------------------------------

    def _enqueue(self, item: Any) -> None:
        self._unfinished += 1
        self._queue.put_nowait(item)
        self._ensure_consumer()

    def _ensure_consumer(self) -> None:
        if self._consumer is None or self._consumer.done():
            self._consumer = asyncio.get_running_loop().create_task(
                self._consume(), name=f"neonize-events-{self._uuid}")

    async def _consume(self) -> None:
        while True:
            item = await self._queue.get()
            try:
                event = await self._resolve(item)
                if event is None:
                    continue
                if self._sink is None:
                    log.warning("neonize %s: no sink set; %s dropped", self._uuid, type(event).__name__)
                    continue
                self._sink(event)
            except Exception:
                log.exception("neonize %s: delivering %s failed", self._uuid, type(item).__name__)
            finally:
                self._unfinished -= 1
                self._queue.task_done()

    async def _resolve(self, item: Any) -> ChannelEvent | None:
        if not isinstance(item, _ResolveConnected):
            return item  # type: ignore[no-any-return]
        if not self._logged_in:
            return None  # logged out again before we got here
        if item.ask_go:
            # Checked inside the gate: a stop() racing with us would leave Go without this
            # client, and GetMe would then crash the process.
            try:
                me = await self._go(self.client.get_me)
            except NotLoggedIn:
                return None  # logged out or stopped again before we got here
            except Exception:
                log.warning("neonize %s: could not read our own JID", self._uuid, exc_info=True)
            else:
                jid = norm.jid_to_str(me.JID)
                if jid:
                    self._own_jid = jid
                if me.PushName:
                    self._push_name = me.PushName
        return ConnectedEvent(self._own_jid or "", self._push_name)

    # ---- lifecycle ----------------------------------------------------------------------

    async def has_session(self) -> bool:
        path = self._session_path
        if not path.is_file():
            return False
        try:
            devices = await asyncio.to_thread(ClientFactory.get_all_devices_from_db, str(path))
        except Exception as exc:
            raise ChannelError(
                f"O arquivo de sessão do WhatsApp está ilegível ou corrompido: {path.name}") from exc
        return len(devices) > 0

    async def start(self) -> None:
        if self._started:
            return
        self._check_session_path()
        try:
            await asyncio.to_thread(self._session_path.parent.mkdir, parents=True, exist_ok=True)
        except OSError as exc:
            raise ChannelError(
                f"Não foi possível criar a pasta da sessão: {self._session_path.parent}") from exc
        async with self._lifecycle:
            if self._started:
                return
            self._reset_session_state()
            self._loop = asyncio.get_running_loop()
            self._go_release.clear()
            await self._replay_journal()  # before Go can deliver anything new
            self._ensure_consumer()
            stale = neonize_events.event_global_loop
            if stale is not None and stale.is_closed():
                # neonize keeps the first loop it saw; a closed one would swallow every event
                neonize_events.event_global_loop = None
            # Go writes its client maps while Neonize registers us: nobody else's Go call may
            # run until the first sign of life (see gomap.GoMapGate).
            async with go_map_gate().exclusive():
                try:
                    task = await self.client.connect()
                except Exception as exc:
                    raise ChannelError(f"Não foi possível iniciar o WhatsApp: {exc}") from exc
                self._connect_task = task
                self._started = True
                task.add_done_callback(self._on_connect_done)
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._registered.wait(), self.register_grace_s)

    def _check_session_path(self) -> None:
        text = str(self._session_path)
        if any(ch in text for ch in "?#\x00"):
            raise ChannelError(f"Caminho de sessão inválido (contém ? ou #): {text}")

    def _reset_session_state(self) -> None:
        self._stop_requested = False
        self._logged_in = False
        self._paired = False
        self._qr_count = 0
        self._registered.clear()
        self._qr_seen.clear()
        self._connected.clear()

    def _on_connect_done(self, task: asyncio.Task[Any]) -> None:
        self._registered.set()
        if task is not self._connect_task:
            return
        self._started = False
        self._logged_in = False
        self._connected.clear()
        if task.cancelled() or self._stop_requested:
            return
        exc = task.exception()
        if exc is not None:
            log.warning("neonize %s: client ended with an error: %s", self._uuid, exc)
            self._enqueue(ConnectionFailedEvent(f"O cliente do WhatsApp falhou: {exc}", retryable=True))
        else:
            self._enqueue(DisconnectedEvent("O cliente do WhatsApp foi encerrado", will_retry=False))

    async def stop(self) -> None:
        await self._stop_client()
        await self._finish_consumer()
        # Go is stopped: no more appends. Writes the done marks; start() reopens it.
        await asyncio.to_thread(self.journal.close)

    async def _stop_client(self) -> None:
        self._go_release.set()  # a Go thread waiting on the journal must not block Stop
        async with self._lifecycle:
            task = self._connect_task
            if not self._started and task is None:
                return
            self._stop_requested = True  # from here on no Go call of ours may start
            self._logged_in = False
            self._connected.clear()
            try:
                await go_map_gate().write(self.client.stop)
            except Exception as exc:
                log.warning("neonize %s: stop failed: %s", self._uuid, exc)
            if task is not None and not task.done():
                try:
                    await asyncio.wait_for(asyncio.shield(task), self.stop_timeout_s)
                except TimeoutError:
                    log.warning("neonize %s: Go client did not return within %.0f s",
                                self._uuid, self.stop_timeout_s)
                except Exception:
                    pass  # its failure is irrelevant once we asked it to stop
            self._started = False
            self._connect_task = None

    async def _finish_consumer(self) -> None:
        """Deliver what is already queued, then end the consumer task."""
        consumer = self._consumer
        if consumer is None or consumer is asyncio.current_task():
            return
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._queue.join(), timeout=5)
        consumer.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await consumer
        self._consumer = None

    async def logout(self) -> None:
        if not self._logged_in:
            if not await self.has_session():
                await self.stop()  # never linked: nothing to unlink
                await self._remove_session_files()
                return
            # Unlinking needs a live login: connect with the saved session first.
            await self.start()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._connected.wait(), self.pairing_ready_timeout_s)
            if not self._logged_in:
                await self.stop()
                raise NotLoggedIn(
                    "Não foi possível conectar ao WhatsApp para desvincular o aparelho; "
                    "verifique a internet e tente de novo")
        try:
            await self._go(self.client.logout)
        except NeonizeError as exc:
            raise ChannelError(f"O WhatsApp recusou a desvinculação: {exc}") from exc
        finally:
            self._own_jid = None
            await self.stop()
        await self._remove_session_files()

    async def forget_session(self) -> None:
        self._own_jid = None
        await self.stop()  # delivers what is queued: the journal holds nothing still wanted
        await self._remove_session_files()
        await asyncio.to_thread(self.journal.path.unlink, missing_ok=True)

    async def _remove_session_files(self) -> None:
        """Delete the session database with SQLite's companion files. A leftover (Windows
        keeps a file open by Go undeletable) is logged: its name, with the connection's
        token, is never given to another connection."""
        base = self._session_path
        paths = [base] + [base.with_name(base.name + suffix)
                          for suffix in ("-wal", "-shm", "-journal")]

        def remove() -> None:
            for path in paths:
                try:
                    path.unlink(missing_ok=True)
                except OSError as exc:
                    log.warning("neonize %s: could not delete the session file %s: %s",
                                self._uuid, path.name, exc)

        await asyncio.to_thread(remove)

    async def request_pairing_code(self, phone: str) -> str:
        digits = normalize_phone(phone)  # InvalidPhone with a readable message
        if self._logged_in:
            raise ChannelError("Esta conexão já está vinculada a um celular")
        if not self._started:
            await self.start()
        waiters = [asyncio.ensure_future(self._qr_seen.wait()),
                   asyncio.ensure_future(self._connected.wait())]
        try:
            done, _ = await asyncio.wait(waiters, timeout=self.pairing_ready_timeout_s,
                                         return_when=asyncio.FIRST_COMPLETED)
        finally:
            for waiter in waiters:
                waiter.cancel()
        if self._logged_in:
            raise ChannelError("Esta conexão já está vinculada a um celular")
        if not done or not self._qr_seen.is_set() or not self._started:
            raise ChannelError(
                "O WhatsApp ainda não está pronto para gerar o código; tente de novo em instantes")
        try:
            code = await self._go(lambda: self.client.PairPhone(
                digits, True, client_name=ClientName.LINUX, client_type=ClientType.CHROME),
                need_login=False)
        except NotLoggedIn:
            raise ChannelError(
                "O WhatsApp ainda não está pronto para gerar o código; tente de novo em instantes"
            ) from None
        except NeonizeError as exc:
            raise ChannelError(f"O WhatsApp recusou o pareamento por número: {exc}") from exc
        if not code:
            raise ChannelError("O WhatsApp não devolveu um código de pareamento")
        self._enqueue(PairingCodeEvent(code))
        return str(code)

    # ---- messages -----------------------------------------------------------------------

    def new_message_id(self) -> str:
        # whatsmeow's format ("3EB0" + 18 upper-case hex digits); its own generator needs a
        # live Go client, and this must work offline.
        return "3EB0" + secrets.token_hex(9).upper()

    def _require_logged_in(self) -> None:
        if not self._logged_in or not self._in_go_map():
            raise NotLoggedIn("O WhatsApp desta conexão não está conectado")

    def _in_go_map(self) -> bool:
        """Go has (or is registering) our client and no stop has begun to remove it."""
        return self._started and not self._stop_requested

    async def _go(self, call: Callable[[], Awaitable[Any]], *, need_login: bool = True) -> Any:
        """Run one Go call that looks our client up in goneonize's maps: shared with other
        such calls, never during a start/stop (gomap.GoMapGate), and only while Go still
        has our client (a lookup of a missing client is a nil dereference: a process crash)."""
        async def checked() -> Any:
            if need_login:
                self._require_logged_in()
            elif not self._in_go_map():
                raise NotLoggedIn("O WhatsApp desta conexão não está em execução")
            return await call()

        return await go_map_gate().read(checked)

    async def send(self, message: OutboundMessage) -> SendResult:
        self._require_logged_in()
        to = canonical_jid(message.to)
        now_ms = int(self._clock.now().timestamp() * 1000)
        wa_message = await build_message(
            message, self._upload, self._own_jid, now_ms, self._build_interactive)
        self._require_logged_in()  # reading and uploading the file took a while
        try:
            response = await self._go(
                lambda: self.client.send_message(build_jid(to.user, to.server), wa_message))
        except NotLoggedIn:
            raise
        except NeonizeError as exc:
            raise ChannelError(f"O WhatsApp recusou o envio: {exc}") from exc
        except Exception as exc:
            raise ChannelError(f"Falha inesperada ao enviar: {type(exc).__name__}: {exc}") from exc
        # neonize 0.5.2 cannot send with a caller-chosen id: WhatsApp knows the message by
        # the id whatsmeow generated, which receipts and quotes will reference.
        wa_id = response.ID or message.wa_id
        if response.Timestamp > 0:
            sent_at = norm.timestamp_to_datetime(response.Timestamp, self._clock.now())
        else:
            sent_at = self._clock.now()
        return SendResult(wa_id=wa_id, timestamp=sent_at)

    async def _upload(self, data: bytes, media_type: MediaType) -> UploadResponse:
        self._require_logged_in()
        try:
            uploaded: UploadResponse = await self._go(lambda: self.client.upload(data, media_type))
            return uploaded
        except NotLoggedIn:
            raise
        except NeonizeError as exc:
            raise ChannelError(f"Falha ao enviar o arquivo ao WhatsApp: {exc}") from exc
        except Exception as exc:
            raise ChannelError(f"Falha inesperada ao enviar o arquivo: {type(exc).__name__}: {exc}") from exc

    async def _build_interactive(self, out: OutboundMessage, ctx: ContextInfo | None) -> WAMessage:
        from neonize.ext.interactive_message import ButtonMessage

        builder = ButtonMessage().set_body(out.text)
        if out.footer:
            builder.set_footer(out.footer)
        if out.kind is MessageKind.BUTTONS:
            for button in out.buttons[:MAX_BUTTONS]:
                builder.add_reply(button.label, button.id)
        else:
            builder.add_selection(out.list_button or "Opções").add_section("")
            for row in out.list_rows[:MAX_LIST_ROWS]:
                builder.add_row(row.title, row.description, row.id)
        if ctx is not None:
            builder.set_context_info(ctx)
        try:
            return await builder.prepare_asend(self.client)  # no media: nothing is uploaded
        except Exception as exc:
            raise ChannelError(f"Não foi possível montar a mensagem interativa: {exc}") from exc

    def _downloader(self, message: WAMessage) -> Callable[[], Awaitable[bytes]]:
        snapshot = WAMessage()
        snapshot.CopyFrom(message)

        async def download() -> bytes:
            self._require_logged_in()
            try:
                data = await self._go(lambda: self.client.download_any(snapshot))
            except NotLoggedIn:
                raise
            except NeonizeError as exc:
                raise ChannelError(f"Falha ao baixar a mídia do WhatsApp: {exc}") from exc
            except Exception as exc:
                raise ChannelError(f"Falha inesperada ao baixar a mídia: {type(exc).__name__}: {exc}") from exc
            if not data:
                raise ChannelError("A mídia veio vazia (talvez já tenha expirado no celular)")
            return bytes(data)

        return download

    async def mark_read(self, chat: str, sender: str, wa_ids: list[str]) -> None:
        ids = [i for i in wa_ids if i]
        if not ids:
            return
        self._require_logged_in()
        chat_jid = canonical_jid(chat, "conversa")
        sender_jid = canonical_jid(sender, "remetente")
        try:
            await self._go(lambda: self.client.mark_read(
                *ids,
                chat=build_jid(chat_jid.user, chat_jid.server),
                sender=build_jid(sender_jid.user, sender_jid.server),
                receipt=ReceiptType.READ,
                timestamp=int(self._clock.now().timestamp()),
            ))
        except NeonizeError as exc:
            raise ChannelError(f"Não foi possível marcar como lida: {exc}") from exc

    async def profile_picture(self, jid: str) -> bytes | None:
        self._require_logged_in()
        target = canonical_jid(jid, "contato")
        try:
            info = await self._go(lambda: self.client.get_profile_picture(
                build_jid(target.user, target.server), GetProfilePictureParams(Preview=False)))
        except NotLoggedIn:
            raise
        except Exception as exc:
            words = str(exc).lower()
            if any(w in words for w in _NO_PICTURE):
                return None  # none set, or hidden from us by their privacy settings
            raise ChannelError(f"Não foi possível ler a foto do perfil: {exc}") from exc
        if not info.URL:
            return None
        return await download_profile_picture(info.URL, self.http_transport)

    async def set_blocked(self, jid: str, blocked: bool) -> None:
        self._require_logged_in()
        target = canonical_jid(jid, "contato")
        if target.server == "g.us":
            raise ChannelError("Um grupo não pode ser bloqueado no WhatsApp")
        action = BlocklistAction.BLOCK if blocked else BlocklistAction.UNBLOCK
        try:
            await self._go(lambda: self.client.update_blocklist(
                build_jid(target.user, target.server), action))
        except NotLoggedIn:
            raise
        except NeonizeError as exc:
            raise ChannelError(f"O WhatsApp recusou o bloqueio: {exc}") from exc
        except Exception as exc:
            raise ChannelError(
                f"Falha inesperada ao bloquear: {type(exc).__name__}: {exc}") from exc

    async def send_typing(self, chat: str, typing: bool, recording: bool = False) -> None:
        self._require_logged_in()
        jid = canonical_jid(chat, "conversa")
        state = ChatPresence.CHAT_PRESENCE_COMPOSING if typing else ChatPresence.CHAT_PRESENCE_PAUSED
        media = (ChatPresenceMedia.CHAT_PRESENCE_MEDIA_AUDIO if recording
                 else ChatPresenceMedia.CHAT_PRESENCE_MEDIA_TEXT)
        try:
            await self._go(lambda: self.client.send_chat_presence(
                build_jid(jid.user, jid.server), state, media))
        except NeonizeError as exc:
            raise ChannelError(f"Não foi possível enviar o status de digitação: {exc}") from exc


"""NeonizeChannel: one WhatsApp account through neonize (whatsmeow), behind the Channel protocol."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import secrets
import weakref
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
from neonize.exc import NeonizeError
from neonize.proto.Neonize_pb2 import PairStatus, UploadResponse
from neonize.proto.waCompanionReg.WAWebProtobufsCompanionReg_pb2 import DeviceProps
from neonize.proto.waE2E.WAWebProtobufsE2E_pb2 import ContextInfo
from neonize.proto.waE2E.WAWebProtobufsE2E_pb2 import Message as WAMessage
from neonize.utils import build_jid
from neonize.utils.enum import (
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
    LoggedOutEvent,
    OutboundMessage,
    PairedEvent,
    PairingCodeEvent,
    QRCodeEvent,
    SendResult,
)
from whatdesk.domain.phone import normalize_phone

from . import normalize as norm
from .outbound import MAX_BUTTONS, MAX_LIST_ROWS, build_message, canonical_jid

log = logging.getLogger(__name__)

FIRST_QR_VALIDITY_S = 60.0
NEXT_QR_VALIDITY_S = 20.0
DEVICE_NAME = "WhatDesk"

# whatsmeow keeps its clients in Go maps without locks: starting or stopping two clients at
# once can crash the whole process. One lock per event loop, shared by every channel.
_LIFECYCLE_LOCKS: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Lock] = (
    weakref.WeakKeyDictionary()
)


def lifecycle_lock() -> asyncio.Lock:
    loop = asyncio.get_running_loop()
    lock = _LIFECYCLE_LOCKS.get(loop)
    if lock is None:
        lock = _LIFECYCLE_LOCKS[loop] = asyncio.Lock()
    return lock


@dataclass(frozen=True)
class _ResolveConnected:
    """Queued on ConnectedEv: the consumer asks Go who we are (safe only once logged in)."""

    ask_go: bool


class NeonizeChannel:
    """A WhatsApp account linked through neonize. See whatdesk.channels.base.Channel."""

    kind = "neonize"

    #: how long start() holds the shared lifecycle lock while Go registers the client
    register_grace_s: float = 3.0
    #: how long request_pairing_code() waits for the login socket to be ready
    pairing_ready_timeout_s: float = 30.0
    #: how long stop() waits for the blocking Go connect call to return
    stop_timeout_s: float = 10.0

    def __init__(
        self,
        session_path: Path,
        uuid: str,
        clock: Clock = SystemClock(),  # stateless: a shared default is harmless
    ) -> None:
        self._session_path = Path(session_path).absolute()
        self._uuid = uuid
        self._clock: Clock = clock
        self._sink: EventSink | None = None
        self._queue: asyncio.Queue[Any] = asyncio.Queue()
        self._consumer: asyncio.Task[None] | None = None
        self._connect_task: asyncio.Task[Any] | None = None
        self._started = False  # a Go client is (being) registered under our uuid
        self._stop_requested = False
        self._logged_in = False  # guards every Go call that dereferences the login
        self._paired = False
        self._qr_count = 0
        self._own_jid: str | None = None
        self._push_name = ""
        self._registered = asyncio.Event()
        self._qr_seen = asyncio.Event()
        self._connected = asyncio.Event()
        self.client = NewAClient(
            str(self._session_path),
            uuid=uuid,
            props=DeviceProps(os=DEVICE_NAME, platformType=DeviceProps.CHROME),
        )
        self._register_handlers()

    # ---- public state -------------------------------------------------------------------

    @property
    def logged_in(self) -> bool:
        return self._logged_in

    @property
    def own_jid(self) -> str | None:
        return self._own_jid

    def set_sink(self, sink: EventSink) -> None:
        self._sink = sink

    async def flush(self) -> None:
        """Wait until every event received so far has been handed to the sink."""
        if self._queue.qsize() or self._queue._unfinished_tasks:  # type: ignore[attr-defined]
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
            MessageEv: lambda ev: norm.normalize_message(
                ev, self._downloader, self._clock.now(), self._own_jid),
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
                self._queue.task_done()

    async def _resolve(self, item: Any) -> ChannelEvent | None:
        if not isinstance(item, _ResolveConnected):
            return item  # type: ignore[no-any-return]
        if not self._logged_in:
            return None  # logged out again before we got here
        if item.ask_go:
            # Under the lifecycle lock, and re-checked inside it: a stop() racing with us
            # would leave Go without this client, and GetMe would then crash the process.
            async with lifecycle_lock():
                if not (self._logged_in and self._started):
                    return None
                try:
                    me = await self.client.get_me()
                    jid = norm.jid_to_str(me.JID)
                    if jid:
                        self._own_jid = jid
                    if me.PushName:
                        self._push_name = me.PushName
                except Exception:
                    log.warning("neonize %s: could not read our own JID", self._uuid, exc_info=True)
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
        async with lifecycle_lock():
            if self._started:
                return
            self._reset_session_state()
            self._ensure_consumer()
            stale = neonize_events.event_global_loop
            if stale is not None and stale.is_closed():
                # neonize keeps the first loop it saw; a closed one would swallow every event
                neonize_events.event_global_loop = None
            try:
                task = await self.client.connect()
            except Exception as exc:
                raise ChannelError(f"Não foi possível iniciar o WhatsApp: {exc}") from exc
            self._connect_task = task
            self._started = True
            task.add_done_callback(self._on_connect_done)
            # Hold the lock until Go has put the client in its maps (first sign of life).
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

    async def _stop_client(self) -> None:
        async with lifecycle_lock():
            task = self._connect_task
            if not self._started and task is None:
                return
            self._stop_requested = True
            self._logged_in = False
            self._connected.clear()
            try:
                await self.client.stop()
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
            await self.client.logout()
        except NeonizeError as exc:
            raise ChannelError(f"O WhatsApp recusou a desvinculação: {exc}") from exc
        finally:
            self._own_jid = None
            await self.stop()

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
            code = await self.client.PairPhone(
                digits, True, client_name=ClientName.LINUX, client_type=ClientType.CHROME)
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
        if not self._logged_in or not self._started:
            raise NotLoggedIn("O WhatsApp desta conexão não está conectado")

    async def send(self, message: OutboundMessage) -> SendResult:
        self._require_logged_in()
        to = canonical_jid(message.to)
        now_ms = int(self._clock.now().timestamp() * 1000)
        wa_message = await build_message(
            message, self._upload, self._own_jid, now_ms, self._build_interactive)
        self._require_logged_in()  # reading and uploading the file took a while
        try:
            response = await self.client.send_message(build_jid(to.user, to.server), wa_message)
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
            return await self.client.upload(data, media_type)
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
                data = await self.client.download_any(snapshot)
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
            await self.client.mark_read(
                *ids,
                chat=build_jid(chat_jid.user, chat_jid.server),
                sender=build_jid(sender_jid.user, sender_jid.server),
                receipt=ReceiptType.READ,
                timestamp=int(self._clock.now().timestamp()),
            )
        except NeonizeError as exc:
            raise ChannelError(f"Não foi possível marcar como lida: {exc}") from exc

    async def send_typing(self, chat: str, typing: bool, recording: bool = False) -> None:
        self._require_logged_in()
        jid = canonical_jid(chat, "conversa")
        state = ChatPresence.CHAT_PRESENCE_COMPOSING if typing else ChatPresence.CHAT_PRESENCE_PAUSED
        media = (ChatPresenceMedia.CHAT_PRESENCE_MEDIA_AUDIO if recording
                 else ChatPresenceMedia.CHAT_PRESENCE_MEDIA_TEXT)
        try:
            await self.client.send_chat_presence(build_jid(jid.user, jid.server), state, media)
        except NeonizeError as exc:
            raise ChannelError(f"Não foi possível enviar o status de digitação: {exc}") from exc


"""SandboxChannel: one of our accounts on the simulated network, behind the Channel protocol."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import threading
from collections.abc import Coroutine
from datetime import timedelta
from enum import Enum
from pathlib import Path
from typing import Any

from whatdesk.channels.base import EventSink
from whatdesk.domain.enums import Ack, MessageKind
from whatdesk.domain.errors import ChannelError, InvalidJid, InvalidPhone, NotLoggedIn
from whatdesk.domain.events import (
    AckEvent,
    ChannelEvent,
    ConnectedEvent,
    ConnectionFailedEvent,
    DisconnectedEvent,
    LoggedOutEvent,
    OutboundMessage,
    PairedEvent,
    PairingCodeEvent,
    PairingTimeoutEvent,
    QRCodeEvent,
    SendResult,
)
from whatdesk.domain.phone import GROUP_SERVER, Jid, mask_phone, normalize_phone
from whatdesk.domain.reasons import Reason

from .network import Customer, SandboxNetwork, Account

log = logging.getLogger(__name__)

SESSION_FILE = "sandbox-{phone}.json"  # one per account, so a shared folder cannot mix them up
QR_TTL_S = 20.0  # WhatsApp shows a new code about every 20 s ...
QR_CODES = 6  # ... and gives up after a handful of them

_MB = 1024 * 1024
# WhatsApp's own size limits, so a file the real app would refuse fails here too.
_MAX_MEDIA_BYTES = {
    MessageKind.IMAGE: 16 * _MB, MessageKind.VIDEO: 16 * _MB, MessageKind.AUDIO: 16 * _MB,
    MessageKind.VOICE: 16 * _MB, MessageKind.STICKER: 1 * _MB, MessageKind.DOCUMENT: 2048 * _MB,
}
_KEEP_IN_MEMORY_BYTES = 64 * _MB  # bigger files are only measured, not copied to the customer
_NOT_SENDABLE = (MessageKind.BUTTON_REPLY, MessageKind.LIST_REPLY, MessageKind.UNSUPPORTED)


class _State(Enum):
    STOPPED = "stopped"
    LINKING = "linking"  # showing QR codes / waiting for a pairing code
    CONNECTED = "connected"
    DISCONNECTED = "disconnected"  # linked, connection lost


class SandboxChannel:
    """A simulated WhatsApp device linked to ``account_phone`` on ``network``.

    The session is a small JSON file in ``session_dir``; with it, ``start()`` connects without
    a QR code. ``auto_link=True`` links at once on the first start (the demo).
    """

    kind = "sandbox"

    def __init__(self, network: SandboxNetwork, account_phone: str, session_dir: Path,
                 auto_link: bool = False) -> None:
        self.network = network
        self._account: Account = network.account(account_phone)
        self.account_phone = self._account.phone
        self.session_dir = Path(session_dir)
        self.auto_link = auto_link
        self._sink: EventSink | None = None
        self._state = _State.STOPPED
        self._tasks: set[asyncio.Task[Any]] = set()
        self._qr_task: asyncio.Task[Any] | None = None
        self._receipt_task: asyncio.Task[Any] | None = None
        self._reconnect_task: asyncio.Task[Any] | None = None
        self._receipt_wake: asyncio.Future[None] | None = None
        self._qr_payload: str | None = None
        self._pairing_code: str | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._loop_thread: int | None = None
        if self._account.channel is None:
            self._account.channel = self

    def __repr__(self) -> str:
        return f"SandboxChannel(+{self.account_phone}, {self._state.value})"

    @property
    def jid(self) -> str:
        return self._account.jid

    @property
    def is_connected(self) -> bool:
        return self._state is _State.CONNECTED and self._account.channel is self

    @property
    def session_file(self) -> Path:
        return self.session_dir / SESSION_FILE.format(phone=self.account_phone)

    # ---- Channel protocol --------------------------------------------------------------

    def set_sink(self, sink: EventSink) -> None:
        self._sink = sink

    async def has_session(self) -> bool:
        return self._read_session()

    async def start(self) -> None:
        if self._state in (_State.LINKING, _State.CONNECTED):
            return
        if self._state is _State.DISCONNECTED and self._reconnect_task is not None:
            return  # already reconnecting by itself
        self._loop = asyncio.get_running_loop()
        self._loop_thread = threading.get_ident()
        self._take_over_account()
        if self._read_session():
            if self._account.revoked:
                self._account.revoked = False
                self._forget_session()
                self._state = _State.STOPPED
                self._emit(LoggedOutEvent("o aparelho foi desconectado pelo celular",
                                          code=Reason.LOGGED_OUT_BY_PHONE))
                return
            self._connect()
        elif self.auto_link:
            self._link()
        else:
            self._state = _State.LINKING
            self._qr_task = self._spawn(self._show_qr_codes())

    async def stop(self) -> None:
        await self._halt(_State.STOPPED)

    async def logout(self) -> None:
        if self._read_session() and not self._account.online:
            raise ChannelError("Sem conexão com a internet: não foi possível desvincular o "
                               "aparelho agora. Tente de novo quando a conexão voltar.",
                               reason=Reason.NO_INTERNET)
        await self._halt(_State.STOPPED)
        self._forget_session()

    async def forget_session(self) -> None:
        await self._halt(_State.STOPPED)
        self._forget_session()

    async def request_pairing_code(self, phone: str) -> str:
        try:
            digits = normalize_phone(phone)
        except InvalidPhone as exc:
            raise ChannelError(str(exc), reason=Reason.INVALID_INPUT) from exc
        if self._state in (_State.CONNECTED, _State.DISCONNECTED):
            raise ChannelError("Esta conexão já está vinculada; desconecte antes de parear.",
                               reason=Reason.ALREADY_LINKED)
        if self._state is not _State.LINKING:
            raise NotLoggedIn("Inicie a conexão antes de pedir o código de pareamento.",
                              reason=Reason.NOT_READY)
        if digits != self.account_phone:
            raise ChannelError(f"O número +{digits} não é o desta conexão do sandbox "
                               f"(+{self.account_phone}).", reason=Reason.WRONG_NUMBER)
        self._pairing_code = self.network._pairing_code()
        self._emit(PairingCodeEvent(self._pairing_code))
        return self._pairing_code

    def new_message_id(self) -> str:
        return self.network._our_message_id()

    async def send(self, message: OutboundMessage) -> SendResult:
        self._require_connected()
        account = self._account
        if not isinstance(message.wa_id, str) or not message.wa_id:
            raise ChannelError("A mensagem não tem id; gere um com new_message_id().")
        already = account.sent.get(message.wa_id)
        if already is not None:
            return already  # WhatsApp deduplicates by id: the customer gets it only once
        self._require_online()
        if account.fail_reasons:
            raise ChannelError(account.fail_reasons.popleft())
        chat, customer = self._resolve_chat(message.to)
        _check_content(message)
        media: bytes | None = None
        if message.kind.is_media:
            media = await self._read_media(message)
            # The file read yielded to the loop: the world may have changed meanwhile.
            self._require_connected()
            self._require_online()
            already = account.sent.get(message.wa_id)
            if already is not None:
                return already
        result = SendResult(wa_id=message.wa_id, timestamp=self.network.clock.now())
        account.sent[message.wa_id] = result
        self.network._hand_over(account, customer, message, media, chat)
        return result

    async def mark_read(self, chat: str, sender: str, wa_ids: list[str]) -> None:
        self._require_connected()
        self._require_online()
        customer = self._customer_or_none(chat)
        if customer is not None:
            customer.read_by_business.extend(wa_ids)

    async def send_typing(self, chat: str, typing: bool, recording: bool = False) -> None:
        self._require_connected()
        self._require_online()
        customer = self._customer_or_none(chat)
        if customer is not None:
            state = ("recording" if recording else "composing") if typing else "paused"
            customer.business_presence = state
            customer.presence_log.append(state)

    async def profile_picture(self, jid: str) -> bytes | None:
        self._require_connected()
        self._require_online()
        customer = self._customer_or_none(jid)
        return customer.picture if customer is not None else None

    async def set_blocked(self, jid: str, blocked: bool) -> None:
        self._require_connected()
        self._require_online()
        try:
            parsed = Jid.parse(jid)
        except InvalidJid as exc:
            raise ChannelError(str(exc)) from exc
        if parsed.server == GROUP_SERVER:
            raise ChannelError("Um grupo não pode ser bloqueado no WhatsApp")
        customer = self.network._customer_for_chat(str(parsed), create=False)
        phone = customer.phone if customer is not None else parsed.user
        if blocked:
            self._account.blocked.add(phone)
        else:
            self._account.blocked.discard(phone)

    # ---- called by the network (things that happen on the phone / the wire) ------------

    @property
    def _is_linked_and_running(self) -> bool:
        return self._state in (_State.CONNECTED, _State.DISCONNECTED)

    def _linked_by_phone(self) -> None:
        self._link()

    def _qr_timed_out(self) -> None:
        self._cancel_tasks()
        self._state = _State.STOPPED
        self._qr_payload = None
        self._pairing_code = None
        self._emit(PairingTimeoutEvent())

    def _lost_connection(self, will_retry: bool, reason: str) -> None:
        self._cancel_tasks()
        self._state = _State.DISCONNECTED
        self._emit(DisconnectedEvent(reason=reason, will_retry=will_retry))
        if will_retry:
            self._reconnect_task = self._spawn(self._reconnect_later())

    def _removed_by_phone(self, reason: str) -> None:
        self._cancel_tasks()
        self._state = _State.STOPPED
        self._forget_session()
        self._emit(LoggedOutEvent(reason, code=Reason.LOGGED_OUT_BY_PHONE))

    def _wake_receipts(self) -> None:
        wake = self._receipt_wake
        if wake is not None and not wake.done():
            wake.set_result(None)

    def _emit(self, event: ChannelEvent) -> None:
        if self._loop is not None and self._loop_thread != threading.get_ident():
            self._loop.call_soon_threadsafe(self._emit_now, event)
        else:
            self._emit_now(event)

    # ---- internals -----------------------------------------------------------------------

    def _emit_now(self, event: ChannelEvent) -> None:
        sink = self._sink
        if sink is None:
            log.warning("sandbox %s: no sink set, %s dropped", mask_phone(self.account_phone),
                        type(event).__name__)
            return
        try:
            sink(event)
        except Exception:  # the engine's bug must not break the simulated network
            log.exception("sandbox %s: sink failed on %s", mask_phone(self.account_phone),
                          type(event).__name__)

    def _take_over_account(self) -> None:
        """This device becomes the account's active one; an older live copy is replaced."""
        previous = self._account.channel
        self._account.channel = self
        if previous is not None and previous is not self and previous._state is not _State.STOPPED:
            previous._cancel_tasks()
            previous._state = _State.STOPPED
            previous._emit(ConnectionFailedEvent(reason="stream_replaced", retryable=False,
                                                 code=Reason.REPLACED))

    def _link(self) -> None:
        self._write_session()
        self._account.revoked = False
        self._cancel_tasks()
        self._qr_payload = None
        self._pairing_code = None
        self._emit(PairedEvent(jid=self.jid))
        self._connect()

    def _connect(self) -> None:
        self._take_over_account()
        self._state = _State.CONNECTED
        self._reconnect_task = None
        self._emit(ConnectedEvent(jid=self.jid, push_name=self._account.push_name))
        if self._receipt_task is None:
            self._receipt_task = self._spawn(self._deliver_receipts())
        self.network._flush(self._account)

    async def _show_qr_codes(self) -> None:
        clock = self.network.clock
        for _ in range(QR_CODES):
            self._qr_payload = self.network._qr_payload(self._account)
            self._emit(QRCodeEvent(self._qr_payload, clock.now() + timedelta(seconds=QR_TTL_S)))
            scan_after = self._account.phone_scans_qr_after_s
            if scan_after is not None and scan_after < QR_TTL_S:
                await clock.sleep(scan_after)
                self._qr_task = None
                self._linked_by_phone()
                return
            await clock.sleep(QR_TTL_S)
        self._qr_task = None
        self._qr_timed_out()

    async def _reconnect_later(self) -> None:
        await self.network.clock.sleep(self.network.reconnect_after_s)
        self._reconnect_task = None
        if self._state is _State.DISCONNECTED:
            self._connect()

    async def _deliver_receipts(self) -> None:
        """Send the customers' receipts as they fall due, batched per chat and level."""
        clock = self.network.clock
        heap = self._account.receipts
        loop = asyncio.get_running_loop()
        while True:
            now = clock.monotonic()
            if heap and heap[0][0] <= now:
                batches: dict[tuple[str, Ack], list[str]] = {}
                while heap and heap[0][0] <= now:
                    _, _, chat, ack, wa_id = self.network._pop_receipt(heap)
                    batches.setdefault((chat, ack), []).append(wa_id)
                stamp = clock.now()
                for (chat, ack), ids in batches.items():
                    self.network._deliver(self._account, AckEvent(tuple(ids), chat, ack, stamp))
                continue
            self._receipt_wake = loop.create_future()
            try:
                if not heap:
                    await self._receipt_wake
                else:
                    sleeper = asyncio.ensure_future(clock.sleep(heap[0][0] - now))
                    try:
                        await asyncio.wait({sleeper, self._receipt_wake},
                                           return_when=asyncio.FIRST_COMPLETED)
                    finally:
                        sleeper.cancel()
            finally:
                self._receipt_wake = None

    def _spawn(self, coro: Coroutine[Any, Any, Any]) -> asyncio.Task[Any]:
        task = asyncio.get_running_loop().create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    def _cancel_tasks(self) -> list[asyncio.Task[Any]]:
        try:
            current = asyncio.current_task()
        except RuntimeError:  # called from plain code with no loop running
            current = None
        cancelled = []
        for task in list(self._tasks):
            if task is not current and not task.done():
                task.cancel()
                cancelled.append(task)
        self._qr_task = self._receipt_task = self._reconnect_task = None
        wake = self._receipt_wake
        if wake is not None and not wake.done():
            wake.cancel()
        return cancelled

    async def _halt(self, state: _State) -> None:
        cancelled = self._cancel_tasks()
        self._state = state
        self._qr_payload = None
        self._pairing_code = None
        if cancelled:
            await asyncio.gather(*cancelled, return_exceptions=True)

    def _require_connected(self) -> None:
        if self._state is _State.DISCONNECTED:
            raise ChannelError("Sem conexão com o WhatsApp no momento; tente de novo quando "
                               "a conexão voltar.")
        if not self.is_connected:
            raise NotLoggedIn("Esta conexão não está ativa: leia o QR code ou conecte-a antes "
                              "de enviar.")

    def _require_online(self) -> None:
        if not self._account.online:
            raise ChannelError("Sem conexão com a internet: a mensagem não foi enviada.")

    def _resolve_chat(self, to: str) -> tuple[str, Customer]:
        try:
            jid = Jid.parse(to)
        except InvalidJid as exc:
            raise ChannelError(str(exc)) from exc
        if jid.server == GROUP_SERVER:
            raise ChannelError("O sandbox ainda não simula grupos.")
        customer = self.network._customer_for_chat(str(jid), create=True)
        if customer is None:
            raise ChannelError(f"Destinatário desconhecido no WhatsApp: {to}")
        return str(jid), customer

    def _customer_or_none(self, chat: str) -> Customer | None:
        try:
            Jid.parse(chat)
        except InvalidJid as exc:
            raise ChannelError(str(exc)) from exc
        return self.network._customer_for_chat(chat, create=False)

    async def _read_media(self, message: OutboundMessage) -> bytes | None:
        if not message.media_path:
            raise ChannelError("Mensagem de mídia sem arquivo para enviar.")
        path = Path(message.media_path)

        def read() -> tuple[int, bytes | None]:
            size = path.stat().st_size
            limit = _MAX_MEDIA_BYTES[message.kind]
            if size > limit:
                raise ChannelError(f"O arquivo {path.name} tem {size / _MB:.1f} MB; o WhatsApp "
                                   f"aceita até {limit // _MB} MB para este tipo.")
            if size == 0:
                raise ChannelError(f"O arquivo {path.name} está vazio.")
            return size, path.read_bytes() if size <= _KEEP_IN_MEMORY_BYTES else None

        try:
            _, data = await asyncio.to_thread(read)
        except FileNotFoundError as exc:
            raise ChannelError(f"Arquivo não encontrado: {path}") from exc
        except OSError as exc:
            raise ChannelError(f"Não foi possível ler {path}: {exc.strerror or exc}") from exc
        return data

    # ---- session file ----------------------------------------------------------------------

    def _read_session(self) -> bool:
        try:
            data = json.loads(self.session_file.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return False
        except (OSError, ValueError) as exc:
            log.warning("sandbox session %s unreadable (%s); a new QR code will be needed",
                        self.session_file, exc)
            return False
        return isinstance(data, dict) and data.get("account") == self.account_phone

    def _write_session(self) -> None:
        data = {"account": self.account_phone, "jid": self.jid,
                "linked_at": self.network.clock.now().isoformat()}
        tmp = self.session_file.with_suffix(".tmp")
        try:
            self.session_dir.mkdir(parents=True, exist_ok=True)
            tmp.write_text(json.dumps(data), encoding="utf-8")
            os.replace(tmp, self.session_file)
        except OSError as exc:
            raise ChannelError(f"Não foi possível salvar a sessão em {self.session_dir}: "
                               f"{exc.strerror or exc}") from exc

    def _forget_session(self) -> None:
        with contextlib.suppress(FileNotFoundError):
            self.session_file.unlink()


def _check_content(message: OutboundMessage) -> None:
    """Refuse what WhatsApp itself would refuse, with a sentence the user can act on."""
    kind = message.kind
    if kind in _NOT_SENDABLE:
        raise ChannelError(f"Mensagens do tipo {kind.value} não podem ser enviadas.")
    if kind is MessageKind.TEXT and not message.text.strip():
        raise ChannelError("Não é possível enviar uma mensagem vazia.")
    if kind is MessageKind.LOCATION and message.location is None:
        raise ChannelError("Mensagem de localização sem coordenadas.")
    if kind is MessageKind.CONTACT and message.contact is None:
        raise ChannelError("Mensagem de contato sem o contato.")
    if kind is MessageKind.BUTTONS:
        if not 1 <= len(message.buttons) <= 3:
            raise ChannelError(f"O WhatsApp aceita de 1 a 3 botões; esta mensagem tem "
                               f"{len(message.buttons)}.")
        if not message.text.strip():
            raise ChannelError("Mensagem com botões precisa de um texto.")
    if kind is MessageKind.LIST:
        if not 1 <= len(message.list_rows) <= 10:
            raise ChannelError(f"O WhatsApp aceita de 1 a 10 opções numa lista; esta tem "
                               f"{len(message.list_rows)}.")
        if not message.text.strip():
            raise ChannelError("Mensagem com lista precisa de um texto.")
    acts_on_another = kind in (MessageKind.REACTION, MessageKind.EDIT, MessageKind.REVOKE)
    if acts_on_another and not message.target_id:
        raise ChannelError("Esta ação precisa da mensagem alvo (target_id).")
    if kind is MessageKind.REACTION and message.reaction is None:
        raise ChannelError("Reação sem emoji.")
    if kind is MessageKind.EDIT and not message.text.strip():
        raise ChannelError("A edição precisa de um novo texto.")

"""A simulated WhatsApp network in-process: our accounts, virtual customers, receipts, faults.

Everything random comes from ``random.Random`` streams seeded from ``seed``, and every delay runs
on the injected clock, so two networks with the same seed and the same script produce the same
events (use a ``VirtualClock`` for identical timestamps too).
"""

from __future__ import annotations

import asyncio
import base64
import heapq
import itertools
import logging
import math
import random
from collections import deque
from collections.abc import Callable, Sequence
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from whatdesk.domain.clock import Clock, SystemClock
from whatdesk.domain.enums import Ack, MessageKind
from whatdesk.domain.errors import InvalidJid, InvalidPhone, WhatdeskError
from whatdesk.domain.events import (
    MAX_TEXT_BYTES,
    ChannelEvent,
    ContactCard,
    InboundMessage,
    Location,
    MediaInfo,
    OutboundMessage,
    PresenceEvent,
    SendResult,
)
from whatdesk.domain.phone import LID_SERVER, USER_SERVER, Jid, normalize_phone
from whatdesk.domain.vcard import build_vcard

from .media import DEFAULT_MEDIA, SAMPLE_SECONDS, png_bytes, sample_media

if TYPE_CHECKING:
    from .channel import SandboxChannel

log = logging.getLogger(__name__)

OutboundListener = Callable[[str, "Customer", OutboundMessage], None]
"""Called as (account_phone, customer, message) each time our business delivers a message."""

_PAIRING_ALPHABET = "123456789ABCDEFGHJKLMNPQRSTVWXYZ"  # what WhatsApp uses: no 0/O/I/U
_BURST_TEXTS = (
    "Oi, tudo bem?", "Qual o valor?", "Vocês entregam hoje?", "Quero fazer um pedido",
    "Bom dia!", "Obrigado!", "Ainda tem disponível?", "Aceitam Pix?", "Qual o endereço?",
    "Pode me mandar o cardápio?", "Meu pedido ainda não chegou", "Boa noite, estão abertos?",
)
_BURST_NAMES = (
    "Ana", "João", "Maria", "Pedro", "Juliana", "Lucas", "Fernanda", "Rafael", "Camila",
    "Gabriel", "Beatriz", "Thiago", "Larissa", "Bruno", "Aline", "Marcos",
)


class SandboxError(WhatdeskError, ValueError):
    """The simulator was asked for something that cannot happen (a script/test mistake)."""


class Account:
    """One of our business numbers as the simulated WhatsApp server sees it."""

    def __init__(self, phone: str, push_name: str) -> None:
        self.phone = phone
        self.jid = f"{phone}@{USER_SERVER}"
        self.push_name = push_name
        self.channel: SandboxChannel | None = None  # the device currently attached
        self.revoked = False  # the phone removed our device while it was offline
        self.online = True
        self.fail_reasons: deque[str] = deque()
        self.backlog: deque[ChannelEvent] = deque()  # held by the server until we are connected
        # (due monotonic, seq, chat, ack, wa_id): receipts the customers' phones will send
        self.receipts: list[tuple[float, int, str, Ack, str]] = []
        self.sent: dict[str, SendResult] = {}  # wa_id -> first result (server-side dedup)
        # The demo: the owner's phone scans every QR code this account shows, this many
        # seconds after it appears (long enough to be seen). None: only scan_qr() scans.
        self.phone_scans_qr_after_s: float | None = None
        self.blocked: set[str] = set()  # customers' phones this account blocked on WhatsApp


class Customer:
    """A virtual WhatsApp user who writes to our business and reads what we send."""

    def __init__(self, network: SandboxNetwork, phone: str, name: str, lid: str | None) -> None:
        self._network = network
        self.phone = phone
        self.name = name
        self.undelivered: list[str] = []  # written while our account had them blocked
        self.picture: bytes | None = None  # their profile picture (None: none set)
        self.lid = lid
        self.inbox: list[OutboundMessage] = []  # what our business sent, in arrival order
        self.read_by_business: list[str] = []  # our mark_read calls: the blue ticks they see
        self.business_presence = "paused"  # "composing" / "recording" / "paused"
        self.presence_log: list[str] = []
        self.talking_to: str | None = None  # account phone of the last conversation
        # Receipt delays for messages we send them; None = never (phone off / never reads).
        self.delivered_after_s: float | None = network.delivered_after_s
        self.read_after_s: float | None = network.read_after_s
        self.played_after_s: float | None = network.played_after_s
        self.sent_ids: dict[str, MessageKind] = {}
        self._media: dict[str, bytes | Path] = {}
        self._cursor = 0
        self._waiters: list[asyncio.Future[None]] = []

    def __repr__(self) -> str:
        return f"Customer(+{self.phone}, {self.name!r})"

    @property
    def jid(self) -> str:
        """The phone-number JID."""
        return f"{self.phone}@{USER_SERVER}"

    @property
    def chat(self) -> str:
        """The JID their messages arrive from: the @lid when they have one (LID addressing)."""
        return self.lid or self.jid

    @property
    def texts(self) -> list[str]:
        return [m.text for m in self.inbox]

    def media_bytes(self, wa_id: str) -> bytes:
        """The bytes of a media message we sent them (as they received it)."""
        item = self._media.get(wa_id)
        if item is None:
            raise SandboxError(f"O cliente +{self.phone} não recebeu mídia com id {wa_id!r}")
        return item.read_bytes() if isinstance(item, Path) else item

    async def wait_for_message(self, timeout: float = 5.0) -> OutboundMessage:
        """The next message from our business this call has not returned yet.

        ``timeout`` is in real seconds (a safety net for tests, independent of the clock);
        raises TimeoutError when nothing arrives.
        """
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while self._cursor >= len(self.inbox):
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise TimeoutError(
                    f"O cliente +{self.phone} não recebeu nenhuma mensagem em {timeout:g} s")
            waiter: asyncio.Future[None] = loop.create_future()
            self._waiters.append(waiter)
            try:
                await asyncio.wait_for(waiter, remaining)
            except TimeoutError:
                pass
            finally:
                if waiter in self._waiters:
                    self._waiters.remove(waiter)
        message = self.inbox[self._cursor]
        self._cursor += 1
        return message

    # ---- what the customer does ------------------------------------------------------

    def send_text(self, text: str, quoted_id: str | None = None,
                  mentions: Sequence[str] = (), *, to: str | None = None) -> str:
        body, truncated = _clip_text(_require_text(text, "texto"))
        return self._send(MessageKind.TEXT, to, text=body, truncated=truncated,
                          quoted_id=quoted_id, mentions=tuple(mentions))

    def send_image(self, data: bytes | None = None, caption: str = "", filename: str | None = None,
                   mime: str | None = None, *, to: str | None = None) -> str:
        return self._send_media(MessageKind.IMAGE, data, caption, filename, mime, to)

    def send_video(self, data: bytes | None = None, caption: str = "", filename: str | None = None,
                   mime: str | None = None, *, to: str | None = None) -> str:
        return self._send_media(MessageKind.VIDEO, data, caption, filename, mime, to)

    def send_audio(self, data: bytes | None = None, caption: str = "", filename: str | None = None,
                   mime: str | None = None, *, to: str | None = None) -> str:
        return self._send_media(MessageKind.AUDIO, data, caption, filename, mime, to)

    def send_voice(self, data: bytes | None = None, caption: str = "", filename: str | None = None,
                   mime: str | None = None, *, to: str | None = None) -> str:
        return self._send_media(MessageKind.VOICE, data, caption, filename, mime, to)

    def send_document(self, data: bytes | None = None, caption: str = "",
                      filename: str | None = None, mime: str | None = None, *,
                      to: str | None = None) -> str:
        return self._send_media(MessageKind.DOCUMENT, data, caption, filename, mime, to)

    def send_sticker(self, data: bytes | None = None, caption: str = "",
                     filename: str | None = None, mime: str | None = None, *,
                     to: str | None = None) -> str:
        return self._send_media(MessageKind.STICKER, data, caption, filename, mime, to)

    def send_location(self, lat: float, lon: float, name: str | None = None,
                      address: str | None = None, *, to: str | None = None) -> str:
        if not (_finite(lat) and -90 <= lat <= 90 and _finite(lon) and -180 <= lon <= 180):
            raise SandboxError(f"Localização inválida: latitude {lat!r}, longitude {lon!r}")
        location = Location(float(lat), float(lon), name, address)
        return self._send(MessageKind.LOCATION, to, location=location)

    def send_contact(self, name: str, phone: str, *, to: str | None = None) -> str:
        _require_text(name, "nome do contato")
        digits = normalize_phone(phone)
        card = ContactCard(name=name, phone=digits, vcard=build_vcard(name, digits))
        return self._send(MessageKind.CONTACT, to, text=name, contacts=(card,))

    def press_button(self, button_id: str, *, to: str | None = None) -> str:
        """Tap a reply button of the most recent message from us that offered it."""
        for message in reversed(self.inbox):
            for button in message.buttons:
                if button.id == button_id:
                    return self._send(MessageKind.BUTTON_REPLY, to or self._sender_of(message),
                                      text=button.label, reply_id=button.id,
                                      quoted_id=message.wa_id)
        offered = sorted({b.id for m in self.inbox for b in m.buttons})
        raise SandboxError(f"O cliente +{self.phone} não recebeu nenhum botão com id "
                           f"{button_id!r} (botões recebidos: {offered or 'nenhum'})")

    def choose_list_row(self, row_id: str, *, to: str | None = None) -> str:
        """Pick a row of the most recent list message from us that offered it."""
        for message in reversed(self.inbox):
            for row in message.list_rows:
                if row.id == row_id:
                    return self._send(MessageKind.LIST_REPLY, to or self._sender_of(message),
                                      text=row.title, reply_id=row.id, quoted_id=message.wa_id)
        offered = sorted({r.id for m in self.inbox for r in m.list_rows})
        raise SandboxError(f"O cliente +{self.phone} não recebeu nenhuma lista com a opção "
                           f"{row_id!r} (opções recebidas: {offered or 'nenhuma'})")

    def react(self, wa_id: str, emoji: str, *, to: str | None = None) -> str:
        """React to one of our messages or one of theirs; ``""`` removes the reaction."""
        if not isinstance(emoji, str):
            raise SandboxError("A reação deve ser um emoji (ou vazia para remover)")
        if wa_id not in self.sent_ids and not any(m.wa_id == wa_id for m in self.inbox):
            raise SandboxError(f"O cliente +{self.phone} não conhece a mensagem {wa_id!r}")
        return self._send(MessageKind.REACTION, to, target_id=wa_id, reaction=emoji)

    def edit(self, wa_id: str, new_text: str, *, to: str | None = None) -> str:
        self._require_own(wa_id, "editar")
        body, truncated = _clip_text(_require_text(new_text, "novo texto"))
        return self._send(MessageKind.EDIT, to, target_id=wa_id, text=body, truncated=truncated)

    def revoke(self, wa_id: str, *, to: str | None = None) -> str:
        self._require_own(wa_id, "apagar")
        return self._send(MessageKind.REVOKE, to, target_id=wa_id)

    def type(self, composing: bool = True, *, recording: bool = False,
             to: str | None = None) -> None:
        """Show (or stop showing) "digitando..." / "gravando áudio..." to our business."""
        account = self._network._account_for(to or self.talking_to)
        state = ("recording" if recording else "composing") if composing else "paused"
        presence = PresenceEvent(chat=self.chat, sender=self.chat, state=state)
        self._network._deliver(account, presence)

    # ---- internals ---------------------------------------------------------------------

    def _send_media(self, kind: MessageKind, data: bytes | None, caption: str,
                    filename: str | None, mime: str | None, to: str | None) -> str:
        default_mime, default_name = DEFAULT_MEDIA[kind]
        sample = data is None
        if data is None:
            data = sample_media(kind, self._network._media_salt())
        elif not isinstance(data, (bytes, bytearray, memoryview)) or len(data) == 0:
            raise SandboxError("A mídia precisa de bytes não vazios (ou None para um exemplo)")
        if not isinstance(caption, str):
            raise SandboxError("A legenda deve ser texto")
        data = bytes(data)
        body, truncated = _clip_text(caption)
        duration = None
        if kind in (MessageKind.AUDIO, MessageKind.VOICE, MessageKind.VIDEO):
            duration = self._network._rng.randint(2, 45)
            if sample:
                duration = SAMPLE_SECONDS[kind]
        media = MediaInfo(mime=mime or default_mime, filename=filename or default_name,
                          size=len(data), caption=body or None, duration_s=duration, data=data)
        return self._send(kind, to, text=body, truncated=truncated, media=media)

    def _send(self, kind: MessageKind, to: str | None, **fields: object) -> str:
        network = self._network
        account = network._account_for(to or self.talking_to)
        wa_id = network._customer_message_id()
        if self.phone in account.blocked:  # WhatsApp never delivers it (one grey tick)
            self.sent_ids[wa_id] = kind
            self.undelivered.append(wa_id)
            return wa_id
        message = InboundMessage(
            wa_id=wa_id, chat=self.chat, sender=self.chat, timestamp=network.clock.now(),
            kind=kind, sender_phone=self.phone, sender_lid=self.lid, push_name=self.name,
            **fields,  # type: ignore[arg-type]
        )
        self.sent_ids[wa_id] = kind
        self.talking_to = account.phone
        network._deliver(account, message)
        return wa_id

    def _sender_of(self, message: OutboundMessage) -> str | None:
        return self._network._sender_of.get(message.wa_id)

    def _require_own(self, wa_id: str, verb: str) -> None:
        kind = self.sent_ids.get(wa_id)
        if kind is None or kind in (MessageKind.REACTION, MessageKind.EDIT, MessageKind.REVOKE):
            raise SandboxError(f"O cliente +{self.phone} só pode {verb} mensagens que ele "
                               f"mesmo enviou; {wa_id!r} não é uma delas")

    def _receive(self, account_phone: str, message: OutboundMessage,
                 media: bytes | Path | None) -> None:
        self.inbox.append(message)
        if media is not None:
            self._media[message.wa_id] = media
        self.talking_to = account_phone
        waiters, self._waiters = self._waiters, []
        for waiter in waiters:
            if not waiter.done():
                waiter.set_result(None)


class SandboxNetwork:
    """The simulated WhatsApp: accounts (our business numbers) and virtual customers."""

    def __init__(
        self,
        seed: int = 0,
        clock: Clock | None = None,
        delivered_after_s: float = 1.0,
        read_after_s: float = 3.0,
        media_dir: Path | None = None,
        *,
        played_after_s: float = 5.0,
        reconnect_after_s: float = 2.0,
    ) -> None:
        self.seed = seed
        self.clock: Clock = clock if clock is not None else SystemClock()
        self.delivered_after_s = delivered_after_s
        self.read_after_s = read_after_s
        self.played_after_s = played_after_s
        self.reconnect_after_s = reconnect_after_s
        self.media_dir = Path(media_dir) if media_dir is not None else None
        self._rng = random.Random(f"{seed}:network")
        # Message ids also depend on the start time, so a new run with the real clock never
        # reuses ids already stored by an earlier run (the store would drop them as replays).
        self._id_rng = random.Random(f"{seed}:{self.clock.now().isoformat()}:ids")
        self._qr_rng = random.Random(f"{seed}:qr")
        self._salt = itertools.count(1)
        self._seq = itertools.count()
        self._accounts: dict[str, Account] = {}
        self._customers: dict[str, Customer] = {}
        self._by_lid: dict[str, Customer] = {}
        self._sender_of: dict[str, str] = {}  # our wa_id -> account phone that sent it
        self._listeners: list[OutboundListener] = []

    # ---- population --------------------------------------------------------------------

    def account(self, phone: str, push_name: str = "") -> Account:
        """Create or get one of our business numbers (normally done by SandboxChannel)."""
        digits = _phone(phone)
        account = self._accounts.get(digits)
        if account is None:
            account = Account(digits, push_name or "Loja Sandbox")
            self._accounts[digits] = account
        elif push_name:
            account.push_name = push_name
        return account

    @property
    def accounts(self) -> list[str]:
        return list(self._accounts)

    @property
    def customers(self) -> list[Customer]:
        return list(self._customers.values())

    def customer(self, phone: str, name: str = "", lid: str | None = None, *,
                 to: str | None = None) -> Customer:
        """Create or get a customer; ``lid`` ("123@lid" or digits) turns on LID addressing.

        ``to`` picks the account they write to by default (otherwise the last account they
        talked with, else the first account).
        """
        digits = _phone(phone)
        target = self._account_for(to).phone if to is not None else None
        lid_jid = _lid(lid) if lid is not None else None
        existing = self._customers.get(digits)
        if lid_jid is not None:
            owner = self._by_lid.get(lid_jid)
            if owner is not None and owner.phone != digits:
                raise SandboxError(f"O LID {lid_jid} já pertence ao cliente +{owner.phone}")
            if existing is not None and existing.lid not in (None, lid_jid):
                raise SandboxError(f"O cliente +{digits} já tem o LID {existing.lid}")
        if existing is None:
            existing = Customer(self, digits, name, lid_jid)
            self._customers[digits] = existing
        else:
            if name:
                existing.name = name
            if lid_jid is not None:
                existing.lid = lid_jid
        if lid_jid is not None:
            self._by_lid[lid_jid] = existing
        if target is not None:
            existing.talking_to = target
        return existing

    def on_outbound(self, listener: OutboundListener) -> Callable[[], None]:
        """Watch every message our business delivers; returns a function that unsubscribes."""
        self._listeners.append(listener)

        def unsubscribe() -> None:
            if listener in self._listeners:
                self._listeners.remove(listener)

        return unsubscribe

    # ---- our own phone -----------------------------------------------------------------

    def phone_send(self, account_phone: str, to_customer_phone: str, text: str) -> str:
        """The owner answers from the phone: the account sees it (from_me); the customer gets it."""
        account = self._account_for(account_phone)
        customer = self.customer(to_customer_phone)
        body, truncated = _clip_text(_require_text(text, "texto"))
        wa_id = self._customer_message_id()
        now = self.clock.now()
        self._deliver(account, InboundMessage(
            wa_id=wa_id, chat=customer.chat, sender=account.jid, timestamp=now,
            kind=MessageKind.TEXT, from_me=True, sender_phone=account.phone,
            push_name=account.push_name, text=body, truncated=truncated,
        ))
        outbound = OutboundMessage(wa_id=wa_id, to=customer.chat, kind=MessageKind.TEXT, text=body)
        self._hand_over(account, customer, outbound, None, customer.chat)
        return wa_id

    # ---- account control (what happens on the phone / the network) ---------------------

    def scan_qr(self, account_phone: str, payload: str | None = None) -> None:
        """The phone scans the QR code on screen: PairedEvent then ConnectedEvent."""
        channel = self._channel_showing_qr(account_phone)
        if payload is not None and payload != channel._qr_payload:
            raise SandboxError("Este QR code já expirou; leia o código mais recente.")
        channel._linked_by_phone()

    def enter_pairing_code(self, account_phone: str, code: str) -> None:
        """The phone types the pairing code under "Conectar com número de telefone"."""
        account = self._account_for(account_phone)
        channel = account.channel
        if channel is None or channel._pairing_code is None:
            raise SandboxError(f"Nenhum código de pareamento foi pedido para +{account.phone}")
        if _code_key(code) != _code_key(channel._pairing_code):
            raise SandboxError("Código de pareamento incorreto.")
        channel._linked_by_phone()

    def disconnect(self, account_phone: str, will_retry: bool = True,
                   reason: str = "conexão com o WhatsApp perdida") -> None:
        """Network loss: DisconnectedEvent; with will_retry the device reconnects by itself."""
        account = self._account_for(account_phone)
        channel = account.channel
        if channel is None or not channel.is_connected:
            raise SandboxError(f"A conta +{account.phone} não está conectada")
        channel._lost_connection(will_retry, reason)

    def expire_qr(self, account_phone: str) -> None:
        """Nobody scanned in time: PairingTimeoutEvent, the channel stops."""
        self._channel_showing_qr(account_phone)._qr_timed_out()

    def logout(self, account_phone: str,
               reason: str = "o aparelho foi desconectado pelo celular") -> None:
        """The phone removed our device (Aparelhos conectados → Desconectar)."""
        account = self._account_for(account_phone)
        channel = account.channel
        if channel is not None and channel._is_linked_and_running:
            channel._removed_by_phone(reason)
        else:
            account.revoked = True  # the device learns it at its next start

    def fail_next_send(self, account_phone: str, reason: str = "falha simulada no envio") -> None:
        self._account_for(account_phone).fail_reasons.append(reason)

    def set_online(self, account_phone: str, online: bool) -> None:
        """Offline: sends raise ChannelError; incoming messages and receipts wait on the server."""
        account = self._account_for(account_phone)
        account.online = online
        if online:
            self._flush(account)

    # ---- scale -------------------------------------------------------------------------

    def burst(self, account_phone: str, n_messages: int, n_customers: int, *,
              deliver: bool = False, image_every: int = 0) -> list[InboundMessage]:
        """Many customer messages at once, cheaply and deterministically (for benchmarks).

        Every customer writes at least once (when n_messages >= n_customers); timestamps rise
        by 1 ms each. With ``deliver`` they also go to the account's channel, in order.
        ``image_every=N`` makes every Nth message a small image.
        """
        if n_messages < 0 or n_customers < 1:
            raise SandboxError("burst precisa de n_messages >= 0 e n_customers >= 1")
        account = self.account(account_phone)
        rng = random.Random(f"{self.seed}:burst:{next(self._salt)}")
        people = [self._burst_customer(i) for i in range(n_customers)]
        start = self.clock.now()
        image = png_bytes()
        out: list[InboundMessage] = []
        for i in range(n_messages):
            who = people[i] if i < n_customers else people[rng.randrange(n_customers)]
            wa_id = self._customer_message_id()
            stamp = start + timedelta(milliseconds=i)
            if image_every and i % image_every == image_every - 1:
                message = InboundMessage(
                    wa_id=wa_id, chat=who.chat, sender=who.chat, timestamp=stamp,
                    kind=MessageKind.IMAGE, sender_phone=who.phone, push_name=who.name,
                    media=MediaInfo(mime="image/png", size=len(image), data=image))
            else:
                message = InboundMessage(
                    wa_id=wa_id, chat=who.chat, sender=who.chat, timestamp=stamp,
                    kind=MessageKind.TEXT, sender_phone=who.phone, push_name=who.name,
                    text=rng.choice(_BURST_TEXTS))
            who.sent_ids[wa_id] = message.kind
            who.talking_to = account.phone
            out.append(message)
            if deliver:
                self._deliver(account, message)
        return out

    def _burst_customer(self, index: int) -> Customer:
        phone = f"55119{70000000 + index:08d}"  # valid São Paulo mobiles, no parsing needed
        found = self._customers.get(phone)
        if found is None:
            name = f"{_BURST_NAMES[index % len(_BURST_NAMES)]} {index + 1}"
            found = Customer(self, phone, name, None)
            self._customers[phone] = found
        return found

    # ---- internals used by Customer and SandboxChannel ----------------------------------

    def _account_for(self, phone: str | None) -> Account:
        if phone is None:
            if not self._accounts:
                raise SandboxError("Não há nenhuma conta no sandbox: crie um SandboxChannel")
            return next(iter(self._accounts.values()))
        known = self._accounts.get(phone)
        if known is not None:
            return known
        digits = _phone(phone)
        account = self._accounts.get(digits)
        if account is None:
            raise SandboxError(f"A conta +{digits} não existe neste sandbox")
        return account

    def _channel_showing_qr(self, account_phone: str) -> SandboxChannel:
        account = self._account_for(account_phone)
        channel = account.channel
        if channel is None or channel._qr_payload is None:
            raise SandboxError(f"Nenhum QR code está sendo exibido para +{account.phone}; "
                               "inicie a conexão primeiro")
        return channel

    def _customer_for_chat(self, chat: str, create: bool) -> Customer | None:
        try:
            jid = Jid.parse(chat)
        except InvalidJid:
            return None
        if jid.server == LID_SERVER:
            return self._by_lid.get(str(jid))
        if jid.server != USER_SERVER:
            return None
        found = self._customers.get(jid.user)
        if found is None and create:
            try:
                digits = normalize_phone(jid.user)
            except InvalidPhone:
                return None  # not a phone number anyone could have on WhatsApp
            found = self._customers.get(digits) or Customer(self, digits, "", None)
            self._customers[digits] = found
        return found

    def _customer_message_id(self) -> str:
        return f"3A{self._id_rng.getrandbits(72):018X}"

    def _our_message_id(self) -> str:
        return f"3EB0{self._id_rng.getrandbits(64):016X}"

    def _media_salt(self) -> int:
        return next(self._salt)

    def _qr_payload(self, account: Account) -> str:
        rng = self._qr_rng
        keys = ",".join(base64.b64encode(rng.randbytes(32)).decode() for _ in range(3))
        return f"2@sandbox-{rng.getrandbits(64):016x}{account.phone[-4:]},{keys}"

    def _pairing_code(self) -> str:
        letters = "".join(self._qr_rng.choice(_PAIRING_ALPHABET) for _ in range(8))
        return f"{letters[:4]}-{letters[4:]}"

    def _pop_receipt(self, heap: list[tuple[float, int, str, Ack, str]]
                     ) -> tuple[float, int, str, Ack, str]:
        return heapq.heappop(heap)

    def _deliver(self, account: Account, event: ChannelEvent) -> None:
        channel = account.channel
        if channel is not None and channel.is_connected and account.online:
            if account.backlog:  # keep arrival order behind what is still queued
                account.backlog.append(event)
                self._flush(account)
            else:
                channel._emit(event)
        elif not isinstance(event, PresenceEvent):  # presence is never queued by WhatsApp
            account.backlog.append(event)

    def _flush(self, account: Account) -> None:
        channel = account.channel
        while (account.backlog and channel is not None and channel.is_connected
               and account.online and account.channel is channel):
            channel._emit(account.backlog.popleft())

    def _hand_over(self, account: Account, customer: Customer, message: OutboundMessage,
                   media: bytes | None, chat: str) -> None:
        """The customer's phone receives our message; receipts are scheduled."""
        stored: bytes | Path | None = media
        if media is not None and self.media_dir is not None:
            folder = self.media_dir / customer.phone
            folder.mkdir(parents=True, exist_ok=True)
            stored = folder / message.wa_id  # our own id, never a name taken from a message
            stored.write_bytes(media)
        self._sender_of[message.wa_id] = account.phone
        customer._receive(account.phone, message, stored)
        if message.kind not in (MessageKind.REACTION, MessageKind.EDIT, MessageKind.REVOKE):
            self._schedule_receipts(account, customer, chat, message.wa_id, message.kind)
        for listener in list(self._listeners):
            try:
                listener(account.phone, customer, message)
            except Exception:  # a watcher's bug must not break the send
                log.exception("sandbox outbound listener failed")

    def _schedule_receipts(self, account: Account, customer: Customer, chat: str, wa_id: str,
                           kind: MessageKind) -> None:
        steps: list[tuple[float | None, Ack]] = [
            (customer.delivered_after_s, Ack.DELIVERED), (customer.read_after_s, Ack.READ)]
        if kind is MessageKind.VOICE:
            steps.append((customer.played_after_s, Ack.PLAYED))
        now = self.clock.monotonic()
        due = now
        previous_top = account.receipts[0][0] if account.receipts else math.inf
        for delay, ack in steps:
            if delay is None:
                break  # never delivered means never read either
            due = max(due, now + delay)
            heapq.heappush(account.receipts, (due, next(self._seq), chat, ack, wa_id))
        if account.receipts and account.receipts[0][0] < previous_top and account.channel:
            account.channel._wake_receipts()


def _phone(text: str) -> str:
    try:
        return normalize_phone(text)
    except InvalidPhone as exc:
        raise SandboxError(str(exc)) from exc


def _lid(text: str) -> str:
    raw = text if "@" in text else f"{text}@{LID_SERVER}"
    try:
        jid = Jid.parse(raw)
    except InvalidJid as exc:
        raise SandboxError(f"LID inválido: {text!r}") from exc
    if not jid.is_lid:
        raise SandboxError(f"LID inválido: {text!r} (esperado 123456789@lid)")
    return str(jid)


def _require_text(text: object, what: str) -> str:
    if not isinstance(text, str) or not text.strip():
        raise SandboxError(f"O {what} da mensagem não pode ser vazio")
    return text


def _clip_text(text: str) -> tuple[str, bool]:
    raw = text.encode("utf-8")
    if len(raw) <= MAX_TEXT_BYTES:
        return text, False
    return raw[:MAX_TEXT_BYTES].decode("utf-8", errors="ignore"), True


def _finite(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _code_key(code: str) -> str:
    return "".join(ch for ch in str(code).upper() if ch.isalnum())

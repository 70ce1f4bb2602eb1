"""DemoDriver: simulated Brazilian customers write in and answer, so the demo looks alive."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
from collections.abc import Callable, Coroutine
from typing import Any

from whatdesk.domain.clock import Clock
from whatdesk.domain.enums import MessageKind
from whatdesk.domain.events import OutboundMessage
from whatdesk.domain.phone import mask_phone

from .media import portrait_png
from .network import Customer, SandboxError, SandboxNetwork

log = logging.getLogger(__name__)

DEMO_ACCOUNT_PHONE = "5511940028922"  # the business number `whatdesk --demo` links
DEMO_PUSH_NAME = "Doceria Sabor de Casa (demo)"
DEMO_SCAN_AFTER_S = 1.5  # the demo phone scans each QR code once it has been on screen a bit

# (name, DDD, LID or None): a few customers use LID addressing, as many real ones do now.
_PEOPLE = (
    ("Ana Paula Souza", "11", None), ("João Pedro Silva", "21", None),
    ("Maria Eduarda Santos", "31", "208311440981234"), ("Lucas Oliveira", "41", None),
    ("Fernanda Lima", "51", None), ("Carlos Henrique Alves", "61", None),
    ("Juliana Costa", "71", "177209345612098"), ("Rafael Pereira", "81", None),
    ("Beatriz Almeida", "85", None), ("Gabriel Rocha", "19", None),
    ("Camila Ferreira", "11", None), ("Pedro Henrique Martins", "27", None),
    ("Larissa Ribeiro", "48", "93015288741560"), ("Thiago Carvalho", "62", None),
    ("Patrícia Gomes", "92", None), ("Dona Cida", "11", None),
    ("Marcos Vinícius", "31", None), ("Aline Barbosa", "21", None),
)

_OPENERS = (
    "Oi, vocês entregam no centro?",
    "Qual o horário de funcionamento?",
    "Bom dia! Ainda tem o bolo de cenoura com chocolate?",
    "Boa tarde, quanto custa a entrega para o Jardim América?",
    "Vocês aceitam Pix?",
    "Olá! Gostaria de fazer um pedido 😊",
    "Oi, meu pedido ainda não chegou 😕 é o número 4521",
    "Tem horário disponível amanhã às 15h?",
    "Vocês abrem no domingo?",
    "Quero trocar um produto que comprei semana passada, como faço?",
    "Boa noite! Vocês fazem orçamento pelo WhatsApp?",
    "Oi! Vi o anúncio no Instagram, ainda está valendo a promoção?",
    "Bom dia, vocês emitem nota fiscal?",
    "Olá, dá pra parcelar no cartão?",
)
_FOLLOW_UPS = (
    "Obrigado!", "Ok 👍", "Pode ser", "Combinado então", "Qual o valor total?",
    "Perfeito, vou passar aí amanhã", "E o frete?", "Vocês têm em outra cor?",
    "Pode me mandar o endereço certinho?", "Beleza, vou fazer o Pix agora",
    "Muito obrigada pela atenção!", "Hmm, vou pensar e te falo", "Tem previsão de entrega?",
    "Fechado! 🙌",
)
_PHOTO_CAPTIONS = (
    "Vocês têm esse modelo em azul?", "Esse aqui, tamanho M",
    "Chegou assim, veio com defeito 😞",
    "Quero igual a esse da foto", "",
)
_PLACES = (
    (-23.561414, -46.655881, "Av. Paulista, 1578", "Bela Vista, São Paulo - SP"),
    (-22.951916, -43.210487, "Cristo Redentor", "Alto da Boa Vista, Rio de Janeiro - RJ"),
    (-19.924501, -43.935238, "Praça da Liberdade", "Funcionários, Belo Horizonte - MG"),
    (-25.428954, -49.267137, "Rua XV de Novembro", "Centro, Curitiba - PR"),
)


class DemoDriver:
    """Makes simulated customers write to ``account_phone`` every few seconds and answer back."""

    MAX_REPLIES_PER_CONVERSATION = 4  # then the customer goes quiet (no endless bot ping-pong)

    def __init__(self, network: SandboxNetwork, account_phone: str, clock: Clock | None = None,
                 interval_s: tuple[float, float] = (4, 12), reply_probability: float = 0.7) -> None:
        low, high = interval_s
        if not 0 < low <= high:
            raise SandboxError(f"Intervalo inválido: {interval_s!r}")
        self.network = network
        self.account_phone = network.account(account_phone).phone
        self.clock = clock if clock is not None else network.clock
        self.interval_s = (float(low), float(high))
        self.reply_probability = reply_probability
        self._rng = random.Random(f"{network.seed}:demo:{self.account_phone}")
        self._people: list[Customer] = []
        for index, (name, ddd, lid) in enumerate(_PEOPLE):
            phone = f"55{ddd}9{8100_0000 + index * 7919:08d}"
            person = network.customer(phone, name, lid)
            if index % 3 != 2:  # most have a profile picture, some keep theirs hidden
                person.picture = portrait_png(index)
            self._people.append(person)
        self._active: list[Customer] = []  # customers in a conversation, oldest first
        self._replies_left: dict[str, int] = {}
        self._replying: set[str] = set()
        self._tasks: set[asyncio.Task[Any]] = set()
        self._unsubscribe: Callable[[], None] | None = None
        self.sent_count = 0

    @property
    def running(self) -> bool:
        return self._unsubscribe is not None

    def start(self) -> None:
        """Customers start writing, and the demo phone links the account whenever it shows a
        QR code (after a log-out too), so the demo can always be linked again."""
        if self.running:
            return
        self._unsubscribe = self.network.on_outbound(self._on_business_message)
        account = self.network.account(self.account_phone)
        account.phone_scans_qr_after_s = DEMO_SCAN_AFTER_S
        self._spawn(self._write_in_forever())
        if account.channel is not None and account.channel._qr_payload is not None:
            self._spawn(self._scan_code_on_screen())  # showing one since before we started

    async def stop(self) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
            self.network.account(self.account_phone).phone_scans_qr_after_s = None
        tasks = [t for t in self._tasks if not t.done()]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    async def _scan_code_on_screen(self) -> None:
        await self.clock.sleep(DEMO_SCAN_AFTER_S)
        try:
            self.network.scan_qr(self.account_phone)
        except SandboxError:  # linked or stopped meanwhile: nothing to scan
            pass

    # ---- customers writing in -------------------------------------------------------------

    async def _write_in_forever(self) -> None:
        await self.clock.sleep(self._rng.uniform(0.5, 2.0))  # the first one comes quickly
        while True:
            self.step()
            await self.clock.sleep(self._rng.uniform(*self.interval_s))

    def step(self) -> str:
        """One customer action now; returns the wa_id it sent."""
        rng = self._rng
        idle = [p for p in self._people if p not in self._active]
        if idle and (not self._active or rng.random() < 0.6):
            customer = rng.choice(idle)
            self._active.append(customer)
            if len(self._active) > 8:
                self._active.pop(0)
            self._replies_left[customer.phone] = self.MAX_REPLIES_PER_CONVERSATION
            wa_id = self._open_conversation(customer)
        else:
            customer = rng.choice(self._active)
            wa_id = self._follow_up(customer, None)
        self.sent_count += 1
        return wa_id

    def open_conversations(self, count: int) -> None:
        """``count`` different customers write in now (a new demo opens on a busy inbox)."""
        idle = [p for p in self._people if p not in self._active]
        for customer in self._rng.sample(idle, min(count, len(idle))):
            self._active.append(customer)
            if len(self._active) > 8:
                self._active.pop(0)
            self._replies_left[customer.phone] = self.MAX_REPLIES_PER_CONVERSATION
            self._open_conversation(customer)
            self.sent_count += 1

    def _open_conversation(self, customer: Customer) -> str:
        rng, to = self._rng, self.account_phone
        roll = rng.random()
        if roll < 0.55:
            return customer.send_text(rng.choice(_OPENERS), to=to)
        if roll < 0.70:
            return customer.send_image(caption=rng.choice(_PHOTO_CAPTIONS), to=to)
        if roll < 0.80:
            return customer.send_voice(to=to)
        if roll < 0.87:
            lat, lon, name, address = rng.choice(_PLACES)
            customer.send_text("Estou aqui, vocês entregam?", to=to)
            return customer.send_location(lat, lon, name, address, to=to)
        if roll < 0.93:
            customer.send_text("Segue o comprovante do Pix", to=to)
            return customer.send_document(filename="comprovante-pix.pdf", to=to)
        if roll < 0.97:
            customer.send_text("Esse é o contato de quem vai retirar o pedido", to=to)
            other = rng.choice(self._people)
            return customer.send_contact(other.name, other.phone, to=to)
        return customer.send_sticker(to=to)

    def _follow_up(self, customer: Customer, answering: OutboundMessage | None) -> str:
        rng, to = self._rng, self.account_phone
        if answering is not None:
            if answering.buttons:
                return customer.press_button(rng.choice(answering.buttons).id, to=to)
            if answering.list_rows:
                return customer.choose_list_row(rng.choice(answering.list_rows).id, to=to)
            if rng.random() < 0.12:
                emoji = rng.choice(("👍", "❤️", "🙏", "😂"))
                return customer.react(answering.wa_id, emoji, to=to)
        if rng.random() < 0.08:
            return customer.send_voice(to=to)
        return customer.send_text(rng.choice(_FOLLOW_UPS), to=to)

    # ---- customers answering the business ---------------------------------------------------

    def _on_business_message(self, account_phone: str, customer: Customer,
                             message: OutboundMessage) -> None:
        if account_phone != self.account_phone or customer not in self._people:
            return
        if message.kind in (MessageKind.REACTION, MessageKind.EDIT, MessageKind.REVOKE):
            return
        if customer.phone in self._replying:
            return  # already typing an answer to an earlier message
        left = self._replies_left.get(customer.phone, self.MAX_REPLIES_PER_CONVERSATION)
        if left <= 0 or self._rng.random() >= self.reply_probability:
            return
        self._replies_left[customer.phone] = left - 1
        self._replying.add(customer.phone)
        self._spawn(self._answer(customer, message))

    async def _answer(self, customer: Customer, message: OutboundMessage) -> None:
        try:
            read_after = customer.read_after_s or 0.0
            await self.clock.sleep(read_after + self._rng.uniform(1.0, 4.0))
            customer.type(True, to=self.account_phone)
            await self.clock.sleep(self._rng.uniform(1.0, 3.0))
            customer.type(False, to=self.account_phone)
            self._follow_up(customer, message)
            self.sent_count += 1
        except SandboxError as exc:  # e.g. the account vanished; the demo just carries on
            log.info("demo customer %s could not answer: %s", mask_phone(customer.phone), exc)
        finally:
            self._replying.discard(customer.phone)

    def _spawn(self, coro: Coroutine[Any, Any, Any]) -> None:
        task = asyncio.get_running_loop().create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        task.add_done_callback(_log_failure)


def _log_failure(task: asyncio.Task[Any]) -> None:
    with contextlib.suppress(asyncio.CancelledError):
        exc = task.exception()
        if exc is not None:
            log.error("demo driver task failed", exc_info=exc)

"""Sending messages: every send is first a pending row (the queue), then the sender delivers it."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from whatdesk.domain.enums import Ack, Direction, MessageKind, TicketStatus
from whatdesk.domain.errors import ChannelError, MessageTooLarge, NotFound, WhatdeskError
from whatdesk.domain.events import (
    MAX_TEXT_BYTES,
    ContactCard,
    Location,
    OutboundMessage,
)
from whatdesk.domain.phone import normalize_phone
from whatdesk.domain.vcard import build_vcard
from whatdesk.engine.events import CountsChanged, MessageCreated, MessageUpdated, TicketChanged
from whatdesk.store import (
    counts,
    enqueue_outbound,
    get_contact,
    get_message,
    get_ticket,
    mark_ticket_read,
    retry_failed,
    stop_bot,
)

if TYPE_CHECKING:
    from whatdesk.services.runtime import Runtime

log = logging.getLogger(__name__)

MAX_MEDIA_BYTES = 100 * 1024 * 1024  # WhatsApp refuses documents above 100 MB


class MessageService:
    """Agent (and bot) replies. Returns the new message id at once; delivery is asynchronous
    and reported on the bus (MessageUpdated with the ack, or the failure reason)."""

    def __init__(self, runtime: Runtime) -> None:
        self._rt = runtime

    async def send_text(self, ticket_id: int, text: str, quoted_wa_id: str | None = None,
                        agent_id: int | None = None) -> int:
        """Queue a reply. A ticket the bot had becomes `open` (the agent's, when given)."""
        if not isinstance(text, str) or not text.strip():
            raise WhatdeskError("A mensagem está vazia.")
        if len(text.encode("utf-8")) > MAX_TEXT_BYTES:
            raise MessageTooLarge(
                f"A mensagem é longa demais ({len(text.encode('utf-8')) // 1024} KiB); "
                f"o limite é {MAX_TEXT_BYTES // 1024} KiB.")
        return await self._enqueue(ticket_id, MessageKind.TEXT, agent_id, text=text,
                                   quoted_id=quoted_wa_id)

    async def send_media(
        self,
        ticket_id: int,
        path: str | Path,
        caption: str = "",
        mime: str | None = None,
        kind: MessageKind | None = None,
        filename: str | None = None,
    ) -> int:
        """Copy the file into the media store (so the queued row never depends on the
        original staying put), then queue it."""
        source = Path(path)
        if not source.is_file():
            raise NotFound(f"Arquivo não encontrado: {source}")
        size = source.stat().st_size
        if size == 0:
            raise WhatdeskError(f"O arquivo {source.name} está vazio.")
        if size > MAX_MEDIA_BYTES:
            raise MessageTooLarge(f"O arquivo {source.name} passa de 100 MB e não pode ser enviado.")
        ticket = await self._ticket(ticket_id)
        saved = await self._rt.media.import_file(ticket.connection_id, source, mime,
                                                 self._rt.clock.now())
        kind = kind or _kind_for_mime(saved.mime)
        if not kind.is_media:
            raise WhatdeskError(f"Tipo de mídia inválido: {kind}")
        return await self._enqueue(
            ticket_id, kind, text=caption or "", media_path=str(saved.path), mime=saved.mime,
            filename=(filename or source.name) if kind is MessageKind.DOCUMENT else filename,
        )

    async def send_location(self, ticket_id: int, latitude: float, longitude: float,
                            name: str | None = None, address: str | None = None) -> int:
        if not (-90 <= float(latitude) <= 90 and -180 <= float(longitude) <= 180):
            raise WhatdeskError("Coordenadas inválidas.")
        loc = Location(float(latitude), float(longitude), name, address)
        return await self._enqueue(ticket_id, MessageKind.LOCATION, text=name or "", location=loc)

    async def send_contact(self, ticket_id: int, name: str, phone: str) -> int:
        if not name or not name.strip():
            raise WhatdeskError("Informe o nome do contato.")
        digits = normalize_phone(phone)
        card = ContactCard(name.strip(), digits, build_vcard(name, digits))
        return await self._enqueue(ticket_id, MessageKind.CONTACT, text=name.strip(), contact=card)

    async def retry(self, message_id: int) -> None:
        """Put a failed message back in the queue (same WhatsApp id: no duplicate)."""
        row = await self._rt.db.read(lambda s: get_message(s, message_id))
        if not await self._rt.db.write(lambda s: retry_failed(s, message_id)):
            raise WhatdeskError("Só é possível reenviar uma mensagem cujo envio falhou.")
        self._rt.bus.publish(MessageUpdated(message_id, row.ticket_id, ack=Ack.PENDING, error=None))
        if self._rt.has_handle(row.connection_id):
            self._rt.handle(row.connection_id).sender.wake()

    async def mark_read(self, ticket_id: int) -> int:
        """The agent opened the chat: zero its unread count and send blue ticks.

        Returns how many messages were marked. Without a connection the ticks are simply
        not sent (the count is still cleared)."""
        ticket = await self._ticket(ticket_id)
        wa_ids = await self._rt.db.write(lambda s: mark_ticket_read(s, ticket_id))
        contact = await self._rt.db.read(lambda s: get_contact(s, ticket.contact_id))
        if wa_ids and contact.jid and self._rt.has_handle(ticket.connection_id):
            handle = self._rt.handle(ticket.connection_id)
            if handle.sender.connected:
                try:
                    await handle.channel.mark_read(contact.jid, contact.jid, list(wa_ids))
                except ChannelError as exc:  # ticks are a courtesy; never block reading
                    log.info("read receipts for ticket %s not sent: %s", ticket_id, exc)
        self._rt.bus.publish(TicketChanged(ticket_id, ticket.status, ticket.status))
        c = await self._rt.db.read(counts)
        self._rt.bus.publish(CountsChanged(c.waiting, c.unread, c.bot, c.open))
        return len(wa_ids)

    # ---- internals ----------------------------------------------------------------------

    async def _ticket(self, ticket_id: int) -> Any:
        return await self._rt.db.read(lambda s: get_ticket(s, ticket_id))  # NotFound if gone

    async def _enqueue(self, ticket_id: int, kind: MessageKind, agent_id: int | None = None,
                       **fields: Any) -> int:
        ticket = await self._ticket(ticket_id)
        if not self._rt.has_handle(ticket.connection_id):
            raise WhatdeskError("A conexão deste atendimento foi removida ou ainda não foi "
                                "iniciada; não é possível responder por ela.")
        handle = self._rt.handle(ticket.connection_id)
        wa_id = handle.channel.new_message_id()

        def write(s: Any) -> tuple[int, Any, Any]:
            # Re-read inside the transaction: the address is the contact's current one.
            t = get_ticket(s, ticket_id)
            contact = get_contact(s, t.contact_id)
            if contact is None or not contact.jid:
                raise WhatdeskError("Este contato não tem um número de WhatsApp para responder.")
            before = t.status
            if t.status == TicketStatus.BOT:  # a human answers: the bot stops at once
                stop_bot(s, ticket_id, TicketStatus.OPEN, f"agent:{agent_id}" if agent_id
                         else "agent", "respondido pelo aplicativo: o bot parou", agent_id)
                t = get_ticket(s, ticket_id)
            out = OutboundMessage(wa_id=wa_id, to=contact.jid, kind=kind, **fields)
            return enqueue_outbound(s, t.connection_id, ticket_id, out), t, before

        message_id, t, before = await self._rt.db.write(write)
        if before == TicketStatus.BOT:
            self._rt.flow_runner.forget(ticket_id)
        self._rt.bus.publish(MessageCreated(
            message_id=message_id, ticket_id=ticket_id, contact_id=t.contact_id,
            connection_id=t.connection_id, direction=Direction.OUT, kind=kind,
            text=fields.get("text", ""), from_me=True, ticket_created=False))
        self._rt.bus.publish(TicketChanged(ticket_id, t.status, before))
        handle.sender.wake()
        return message_id


def _kind_for_mime(mime: str) -> MessageKind:
    major = mime.split("/", 1)[0]
    return {"image": MessageKind.IMAGE, "video": MessageKind.VIDEO,
            "audio": MessageKind.AUDIO}.get(major, MessageKind.DOCUMENT)


"""Sending messages: every send is first a pending row (the queue), then the sender delivers it."""

from __future__ import annotations

import logging
from datetime import timedelta
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
from whatdesk.store.agent_messages import (
    add_private_note,
    agent_signature,
    apply_own_action,
    set_agent_signs,
    set_message_agent,
)

if TYPE_CHECKING:
    from whatdesk.services.runtime import Runtime

log = logging.getLogger(__name__)

MAX_MEDIA_BYTES = 100 * 1024 * 1024  # WhatsApp refuses documents above 100 MB
EDIT_WINDOW = timedelta(minutes=15)  # WhatsApp lets the sender edit for 15 minutes
DELETE_WINDOW = timedelta(hours=60)  # ... and delete for everyone for about two and a half days
_ACTION_KINDS = (MessageKind.REACTION, MessageKind.EDIT, MessageKind.REVOKE)
_CAPTIONED_KINDS = (MessageKind.IMAGE, MessageKind.VIDEO, MessageKind.DOCUMENT)


class MessageService:
    """Agent (and bot) replies. Returns the new message id at once; delivery is asynchronous
    and reported on the bus (MessageUpdated with the ack, or the failure reason)."""

    def __init__(self, runtime: Runtime) -> None:
        self._rt = runtime

    async def send_text(self, ticket_id: int, text: str, quoted_wa_id: str | None = None,
                        agent_id: int | None = None, *,
                        quote_message_id: int | None = None) -> int:
        """Queue a reply. A ticket the bot had becomes `open` (the agent's, when given).

        An agent who signs messages (agents.sign_messages) has "*Name:*\\n" put in front:
        the stored text is what the customer receives. ``quote_message_id``: reply to that
        stored message (its WhatsApp id, text and sender go along for the quote)."""
        if not isinstance(text, str) or not text.strip():
            raise WhatdeskError("A mensagem está vazia.")
        text = await self._signed(text, agent_id)
        if len(text.encode("utf-8")) > MAX_TEXT_BYTES:
            raise MessageTooLarge(
                f"A mensagem é longa demais ({len(text.encode('utf-8')) // 1024} KiB); "
                f"o limite é {MAX_TEXT_BYTES // 1024} KiB.")
        quote: dict[str, Any] = {"quoted_id": quoted_wa_id}
        if quote_message_id is not None:
            quoted = await self._rt.db.read(lambda s: get_message(s, quote_message_id))
            if quoted.ticket_id != ticket_id:
                raise WhatdeskError("A mensagem citada é de outro atendimento.")
            quote = {"quoted_id": quoted.wa_id, "quoted_text": quoted.text or None,
                     "quoted_sender": None if quoted.from_me else
                     (quoted.sender_jid or quoted.chat_jid)}
        return await self._enqueue(ticket_id, MessageKind.TEXT, agent_id, text=text, **quote)

    async def _signed(self, text: str, agent_id: int | None) -> str:
        """``text`` with "*Name:*\n" in front when the agent signs their messages."""
        signer = await self._rt.db.read(lambda s: agent_signature(s, agent_id))
        return f"*{signer}:*\n{text}" if signer else text

    async def get(self, message_id: int) -> Any:
        return await self._rt.db.read(lambda s: get_message(s, message_id))

    async def signs(self, agent_id: int) -> bool:
        """Whether this agent's replies start with their name (agents.sign_messages)."""
        return await self._rt.db.read(lambda s: agent_signature(s, agent_id)) is not None

    async def set_signs(self, agent_id: int, sign: bool) -> None:
        await self._rt.db.write(lambda s: set_agent_signs(s, agent_id, sign))

    async def add_note(self, ticket_id: int, text: str, agent_id: int | None = None) -> int:
        """A private note in the ticket: agents see it, the customer never does."""
        if not isinstance(text, str) or not text.strip():
            raise WhatdeskError("A nota está vazia.")
        ticket = await self._ticket(ticket_id)
        message_id = await self._rt.db.write(lambda s: add_private_note(
            s, ticket.connection_id, ticket_id, text, agent_id, self._rt.clock.now()))
        self._rt.bus.publish(MessageCreated(
            message_id=message_id, ticket_id=ticket_id, contact_id=ticket.contact_id,
            connection_id=ticket.connection_id, direction=Direction.OUT,
            kind=MessageKind.TEXT, text=text, from_me=True, ticket_created=False))
        return message_id

    async def react(self, message_id: int, emoji: str, agent_id: int | None = None) -> int:
        """React to a message of the ticket ("" removes our reaction). Returns the queued
        reaction's id; the target row shows the emoji at once."""
        target = await self._rt.db.read(lambda s: get_message(s, message_id))
        if target.is_private_note or target.kind in _ACTION_KINDS or target.deleted:
            raise WhatdeskError("Não é possível reagir a esta mensagem.")
        return await self._act(target, MessageKind.REACTION, agent_id, reaction=emoji or "")

    async def edit(self, message_id: int, text: str, agent_id: int | None = None) -> int:
        """Change the text of one of our recent messages (WhatsApp: within 15 minutes)."""
        target = await self._rt.db.read(lambda s: get_message(s, message_id))
        if not self.can_edit(target):
            raise WhatdeskError("Esta mensagem não pode mais ser editada.")
        if not isinstance(text, str) or not text.strip():
            raise WhatdeskError("A mensagem está vazia.")
        if target.is_private_note:
            await self._rt.db.write(
                lambda s: apply_own_action(s, message_id, MessageKind.EDIT, text=text))
            self._rt.bus.publish(MessageUpdated(message_id, target.ticket_id))
            return message_id
        return await self._act(target, MessageKind.EDIT, agent_id, text=text)

    async def delete(self, message_id: int, agent_id: int | None = None) -> int:
        """Delete one of our messages for everyone."""
        target = await self._rt.db.read(lambda s: get_message(s, message_id))
        if not self.can_delete(target):
            raise WhatdeskError("Esta mensagem não pode mais ser apagada.")
        if target.is_private_note:
            await self._rt.db.write(
                lambda s: apply_own_action(s, message_id, MessageKind.REVOKE))
            self._rt.bus.publish(MessageUpdated(message_id, target.ticket_id))
            return message_id
        return await self._act(target, MessageKind.REVOKE, agent_id)

    def can_edit(self, message: Any) -> bool:
        """Ours, text, sent (it has its final WhatsApp id), not deleted, within 15 minutes,
        on a channel that can edit; a private note can always be corrected."""
        if message.deleted or message.kind != MessageKind.TEXT or not message.from_me:
            return False
        if message.is_private_note:
            return True
        return (self._recent(message, EDIT_WINDOW) and message.ack >= Ack.SERVER
                and self._channel_can(message.connection_id, "can_edit"))

    def can_delete(self, message: Any) -> bool:
        if message.deleted or not message.from_me or message.kind in _ACTION_KINDS:
            return False
        if message.is_private_note:
            return True
        return (self._recent(message, DELETE_WINDOW) and message.ack >= Ack.SERVER
                and self._channel_can(message.connection_id, "can_revoke"))

    async def send_typing(self, ticket_id: int, typing: bool) -> None:
        """Show (or clear) "typing..." to the customer. A courtesy: never raises."""
        try:
            ticket = await self._ticket(ticket_id)
            if not self._rt.has_handle(ticket.connection_id):
                return
            handle = self._rt.handle(ticket.connection_id)
            if not handle.sender.connected:
                return
            contact = await self._rt.db.read(lambda s: get_contact(s, ticket.contact_id))
            if contact is not None and contact.jid:
                await handle.channel.send_typing(contact.jid, typing)
        except Exception as exc:
            log.debug("typing state for ticket %s not sent: %s", ticket_id, exc)

    async def send_media(
        self,
        ticket_id: int,
        path: str | Path,
        caption: str = "",
        mime: str | None = None,
        kind: MessageKind | None = None,
        filename: str | None = None,
        agent_id: int | None = None,
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
        if caption and caption.strip() and kind in _CAPTIONED_KINDS:
            # Signed like a text reply. A file sent without a caption stays unsigned (there
            # is no text to sign), and audio/stickers carry no caption on WhatsApp.
            caption = await self._signed(caption, agent_id)
        return await self._enqueue(
            ticket_id, kind, agent_id, text=caption or "", media_path=str(saved.path), mime=saved.mime,
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

    def _recent(self, message: Any, window: timedelta) -> bool:
        at = message.sent_at or message.created_at
        return at is not None and self._rt.clock.now() - at <= window

    def _channel_can(self, connection_id: int, ability: str) -> bool:
        """Whether the connection's transport can do this (a transport without edits or
        deletions says so with ``can_edit = False`` / ``can_revoke = False``)."""
        if not self._rt.has_handle(connection_id):
            return False
        return bool(getattr(self._rt.handle(connection_id).channel, ability, True))

    async def _act(self, target: Any, kind: MessageKind, agent_id: int | None,
                   **fields: Any) -> int:
        """Queue a reaction / edit / deletion of ``target`` and mirror it on the target row
        in the same transaction."""
        if not self._rt.has_handle(target.connection_id):
            raise WhatdeskError("A conexão deste atendimento foi removida ou ainda não foi "
                                "iniciada; não é possível responder por ela.")
        handle = self._rt.handle(target.connection_id)
        to = target.chat_jid
        if not to:
            raise WhatdeskError("Esta mensagem não tem um destino no WhatsApp.")
        out = OutboundMessage(wa_id=handle.channel.new_message_id(), to=to, kind=kind,
                              target_id=target.wa_id, **fields)

        def write(s: Any) -> int:
            new_id = enqueue_outbound(s, target.connection_id, target.ticket_id, out,
                                      self._rt.clock.now(), touch=False)
            set_message_agent(s, new_id, agent_id)
            apply_own_action(s, target.id, kind, text=fields.get("text", ""),
                             reaction=fields.get("reaction"))
            return new_id

        new_id = await self._rt.db.write(write)
        self._rt.bus.publish(MessageUpdated(target.id, target.ticket_id))
        handle.sender.wake()
        return new_id

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
            new_id = enqueue_outbound(s, t.connection_id, ticket_id, out)
            if agent_id is not None:
                set_message_agent(s, new_id, agent_id)
            return new_id, t, before

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


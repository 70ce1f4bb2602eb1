"""Ticket use cases: totals, accept (race-free), return, transfer, close with the farewell,
reopen, mark unread, start a conversation, hand back to the bot."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from whatdesk.domain.enums import TicketStatus
from whatdesk.domain.errors import ConflictError, WhatdeskError
from whatdesk.domain.phone import normalize_phone
from whatdesk.engine.events import CountsChanged, TicketChanged
from whatdesk.store import (
    Counts,
    TicketRow,
    QueueRow,
    TagRow,
    accept_ticket,
    close_ticket,
    contact_tags,
    counts,
    find_or_create_ticket,
    get_connection,
    get_contact,
    get_ticket,
    list_agents,
    list_connections,
    list_queues,
    list_tags,
    reopen,
    set_ticket_status,
    stop_run,
    tag_contact,
    transfer,
    untag_contact,
    upsert_contact,
)
from whatdesk.store.tickets import mark_ticket_unread

if TYPE_CHECKING:
    from whatdesk.services.runtime import Runtime


class TakenByAnother(ConflictError):
    """Another agent accepted the ticket first; ``agent_name`` says who (None: unknown,
    e.g. it was closed or went back to the bot meanwhile)."""

    def __init__(self, message: str, agent_name: str | None) -> None:
        super().__init__(message)
        self.agent_name = agent_name


class TicketService:
    def __init__(self, runtime: Runtime) -> None:
        self._rt = runtime

    async def counts(self) -> Counts:
        """Counts(waiting, unread, bot, open) for the status bar and the tray."""
        return await self._rt.db.read(counts)

    async def get(self, ticket_id: int) -> TicketRow:
        return await self._rt.db.read(lambda s: get_ticket(s, ticket_id))  # NotFound if gone

    async def accept(self, ticket_id: int, agent_id: int) -> TicketRow:
        """Take a waiting ticket; raises ConflictError when another agent took it first."""
        def write(s: Any) -> Any:
            before = get_ticket(s, ticket_id).status
            accept_ticket(s, ticket_id, agent_id)
            if before == TicketStatus.BOT:  # the bot stops at once, in the same transaction
                stop_run(s, ticket_id, f"aceito pelo agente {agent_id}")
            return before, get_ticket(s, ticket_id)

        try:
            before, row = await self._rt.db.write(write)
        except ConflictError as exc:
            raise await self._taken(ticket_id) from exc
        self._rt.flow_runner.forget(ticket_id)
        await self._announce(ticket_id, row.status, before)
        return row

    async def _taken(self, ticket_id: int) -> ConflictError:
        """The error for a lost accept race, naming the winner."""
        current = await self.get(ticket_id)
        agents = {a.id: a.name for a in await self._rt.db.read(list_agents)}
        name = agents.get(current.agent_id) if current.agent_id is not None else None
        if name:
            return TakenByAnother(f"{name} já aceitou este atendimento.", name)
        return TakenByAnother("Este atendimento não está mais aguardando "
                              f"(agora: {current.status.value}).", None)

    async def return_to_queue(self, ticket_id: int, agent_id: int | None = None) -> TicketRow:
        """Give an open ticket back: waiting again in its queue, nobody owns it."""
        return await self._move(ticket_id, lambda s: set_ticket_status(
            s, ticket_id, TicketStatus.PENDING, _actor(agent_id), "devolvido à fila"))

    async def transfer(self, ticket_id: int, *, queue_id: int | None = None,
                       to_agent_id: int | None = None, note: str = "",
                       by_agent_id: int | None = None) -> TicketRow:
        """To a queue (waiting there) and/or straight to an agent (open, theirs). The note
        is kept in the ticket's event log."""
        if queue_id is None and to_agent_id is None:
            raise WhatdeskError("Escolha uma fila ou um agente.")
        return await self._move(ticket_id, lambda s: transfer(
            s, ticket_id, _actor(by_agent_id), queue_id=queue_id, agent_id=to_agent_id,
            detail=note.strip()))

    async def reopen(self, ticket_id: int, agent_id: int | None = None) -> TicketRow:
        """A closed ticket opens again (the agent's when given, else waiting)."""
        return await self._move(ticket_id, lambda s: reopen(
            s, ticket_id, _actor(agent_id), agent_id=agent_id))

    async def mark_unread(self, ticket_id: int) -> None:
        await self._rt.db.write(lambda s: mark_ticket_unread(s, ticket_id, self._rt.clock.now()))
        row = await self.get(ticket_id)
        await self._announce(ticket_id, row.status, row.status)

    async def close_with_farewell(self, ticket_id: int, agent_id: int | None = None) -> TicketRow:
        """Close and send the connection's farewell message (when it has one)."""
        ticket = await self.get(ticket_id)
        conn = await self._rt.db.read(lambda s: get_connection(s, ticket.connection_id))
        farewell = (conn.farewell or "").strip() if conn is not None else ""
        if farewell and ticket.status != TicketStatus.CLOSED:
            # queued first: the row exists before the ticket closes (a crash keeps it)
            await self._rt.messages.send_text(ticket_id, farewell)
        return await self.close(ticket_id, actor=_actor(agent_id))

    async def start_conversation(self, phone: str, agent_id: int,
                                 connection_id: int | None = None,
                                 name: str | None = None) -> TicketRow:
        """The agent writes first to any number: the contact's open ticket on that
        connection when there is one, else a new ticket, open and the agent's."""
        digits = normalize_phone(phone)  # raises InvalidPhone with a readable message
        if connection_id is None:
            rows = await self._rt.db.read(list_connections)
            default = [r for r in rows if r.is_default] or rows
            if not default:
                raise WhatdeskError("Crie uma conexão antes de iniciar uma conversa.")
            connection_id = default[0].id
        when = self._rt.clock.now()

        def write(s: Any) -> tuple[TicketRow, bool, TicketStatus]:
            contact = upsert_contact(s, phone=digits, name=name or None, now=when)
            # created waiting, then handed to the agent: the event log shows both steps
            ticket, created = find_or_create_ticket(
                s, connection_id, contact.id, TicketStatus.PENDING, _actor(agent_id), when)
            return ticket, created, ticket.status

        ticket, created, before = await self._rt.db.write(write)
        if created:
            ticket = await self._assign_new(ticket.id, agent_id)
        await self._announce(ticket.id, ticket.status, None if created else before)
        return ticket

    async def hand_to_bot(self, ticket_id: int, agent_id: int | None = None) -> bool:
        """Restart the connection's welcome flow for this ticket. False (nothing changed)
        when the connection has no welcome flow."""
        ticket = await self.get(ticket_id)
        conn = await self._rt.db.read(lambda s: get_connection(s, ticket.connection_id))
        if conn is None or not conn.welcome_flow_id:
            return False
        contact = await self._rt.db.read(lambda s: get_contact(s, ticket.contact_id))
        if contact is None or not contact.jid:
            raise WhatdeskError("Este contato não tem um número de WhatsApp.")
        if ticket.status != TicketStatus.PENDING:
            await self._rt.db.write(lambda s: set_ticket_status(
                s, ticket_id, TicketStatus.PENDING, _actor(agent_id), "devolvido ao bot"))
        started = await self._rt.flow_runner.restart_welcome(
            ticket_id, ticket.connection_id, contact.jid, ticket.contact_name or "",
            ticket.contact_phone or "")
        row = await self.get(ticket_id)
        await self._announce(ticket_id, row.status, ticket.status)
        return started

    async def queues(self) -> list[QueueRow]:
        return await self._rt.db.read(list_queues)

    async def tags(self, ticket_id: int) -> tuple[list[TagRow], set[int]]:
        """Every tag, and the ids of those the ticket's contact has."""
        ticket = await self.get(ticket_id)

        def read(s: Any) -> tuple[list[TagRow], set[int]]:
            return list_tags(s), {t.id for t in contact_tags(s, ticket.contact_id)}

        return await self._rt.db.read(read)

    async def set_tag(self, ticket_id: int, tag_id: int, on: bool) -> None:
        """Tag (or untag) the ticket's contact."""
        ticket = await self.get(ticket_id)
        fn = tag_contact if on else untag_contact
        await self._rt.db.write(lambda s: fn(s, ticket.contact_id, tag_id))
        await self._announce(ticket_id, ticket.status, ticket.status)

    async def has_welcome_flow(self, ticket_id: int) -> bool:
        ticket = await self.get(ticket_id)
        conn = await self._rt.db.read(lambda s: get_connection(s, ticket.connection_id))
        return bool(conn.welcome_flow_id)

    async def farewell_of(self, ticket_id: int) -> str:
        """The text closing this ticket will send ("" for none)."""
        ticket = await self.get(ticket_id)
        conn = await self._rt.db.read(lambda s: get_connection(s, ticket.connection_id))
        return (conn.farewell or "").strip()

    async def _assign_new(self, ticket_id: int, agent_id: int) -> TicketRow:
        return await self._rt.db.write(lambda s: transfer(
            s, ticket_id, _actor(agent_id), agent_id=agent_id, detail="conversa iniciada"))

    async def _move(self, ticket_id: int, fn: Any) -> TicketRow:
        before = (await self.get(ticket_id)).status
        row = await self._rt.db.write(fn)
        self._rt.flow_runner.forget(ticket_id)
        await self._announce(ticket_id, row.status, before)
        return row

    async def close(self, ticket_id: int, actor: str = "agent") -> TicketRow:
        def write(s: Any) -> tuple[Any, Any]:
            before = get_ticket(s, ticket_id)
            close_ticket(s, ticket_id, actor=actor)
            stop_run(s, ticket_id, f"encerrado por {actor}")
            return before.status, get_ticket(s, ticket_id)

        previous, row = await self._rt.db.write(write)
        self._rt.flow_runner.forget(ticket_id)
        await self._announce(ticket_id, row.status, previous)
        return row

    async def _announce(self, ticket_id: int, status: TicketStatus,
                        previous: TicketStatus | None) -> None:
        self._rt.bus.publish(TicketChanged(ticket_id, TicketStatus(status), previous))
        c = await self.counts()
        self._rt.bus.publish(CountsChanged(c.waiting, c.unread, c.bot, c.open))


def _actor(agent_id: int | None) -> str:
    return f"agent:{agent_id}" if agent_id is not None else "agent"

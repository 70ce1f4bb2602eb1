"""Ticket use cases (minimal for now): totals, accept, close. The inbox work extends it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from whatdesk.domain.enums import TicketStatus
from whatdesk.engine.events import CountsChanged, TicketChanged
from whatdesk.store import (
    Counts,
    TicketRow,
    accept_ticket,
    close_ticket,
    counts,
    get_ticket,
    stop_run,
)

if TYPE_CHECKING:
    from whatdesk.services.runtime import Runtime


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

        before, row = await self._rt.db.write(write)
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

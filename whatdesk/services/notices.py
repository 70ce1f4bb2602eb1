"""What the desktop notifier asks about a ticket before it alerts the agent."""

from __future__ import annotations

from typing import TYPE_CHECKING

from whatdesk.store.notices import TicketNotice, ticket_notice

if TYPE_CHECKING:
    from .runtime import Runtime


class NoticeService:
    def __init__(self, runtime: Runtime) -> None:
        self._rt = runtime

    async def ticket(self, ticket_id: int) -> TicketNotice:
        """Status, owner, contact name and whether the contact is blocked."""
        return await self._rt.db.read(lambda s: ticket_notice(s, ticket_id))

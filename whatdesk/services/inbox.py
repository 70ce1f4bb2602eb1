"""Inbox lists for the window: pages of a tab, changed rows, tab counts, filter choices."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from whatdesk.store import list_agents, list_connections, list_queues, list_tags
from whatdesk.store.inbox import (
    NO_QUEUE,
    PAGE_SIZE,
    InboxPage,
    InboxQuery,
    InboxRow,
    InboxTab,
    RowTag,
    TabCounts,
    list_page,
    rows_for,
    tab_counts,
    waiting_positions,
)
from whatdesk.store.rows import AgentRow, ConnectionRow, QueueRow, TagRow

if TYPE_CHECKING:
    from .runtime import Runtime

__all__ = ["NO_QUEUE", "PAGE_SIZE", "FilterChoices", "InboxPage", "InboxQuery", "InboxRow",
           "InboxService", "InboxTab", "RowTag", "TabCounts"]


@dataclass(frozen=True)
class FilterChoices:
    queues: list[QueueRow]
    connections: list[ConnectionRow]
    tags: list[TagRow]
    agents: list[AgentRow]


class InboxService:
    """Read side of the ticket lists. Everything runs on a reader thread; a change feed (this
    process's bus or another desktop's) only has to say which tickets changed, and
    ``rows(query, ids)`` gives their new rows (None: no longer in that list)."""

    def __init__(self, runtime: Runtime) -> None:
        self._rt = runtime

    async def page(self, query: InboxQuery, after: tuple[datetime, int] | None = None,
                   limit: int = PAGE_SIZE) -> InboxPage:
        return await self._rt.db.read(lambda s: list_page(s, query, after, limit))

    async def rows(self, query: InboxQuery, ticket_ids: Any) -> dict[int, InboxRow | None]:
        ids = list(ticket_ids)
        return await self._rt.db.read(lambda s: rows_for(s, query, ids))

    async def counts(self, query: InboxQuery) -> TabCounts:
        return await self._rt.db.read(lambda s: tab_counts(s, query))

    async def waiting_positions(self, ticket_ids: Any) -> dict[int, tuple[datetime, int]]:
        """(waiting since, position in its queue) of the pending ones among these tickets."""
        ids = list(ticket_ids)
        return await self._rt.db.read(lambda s: waiting_positions(s, ids))

    async def filter_choices(self) -> FilterChoices:
        def read(s: Any) -> FilterChoices:
            return FilterChoices(list_queues(s), list_connections(s), list_tags(s),
                                 [a for a in list_agents(s) if a.active])
        return await self._rt.db.read(read)

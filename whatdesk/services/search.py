"""Search use case: what the agent typed → a page of message and contact hits."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from whatdesk.store.directory import get_agent
from whatdesk.store.search import (
    PAGE_SIZE,
    ContactHit,
    MessageHit,
    SearchPage,
    highlight_ranges,
    parse_query,
    search,
)

__all__ = ["ContactHit", "MessageHit", "SearchPage", "SearchService", "could_match"]

if TYPE_CHECKING:
    from .runtime import Runtime


class SearchService:
    def __init__(self, runtime: Runtime) -> None:
        self._rt = runtime

    async def search(self, text: str, agent_id: int, before_id: int | None = None,
                     limit: int = PAGE_SIZE) -> SearchPage:
        """First page for ``text`` (``before_id=None``), or the page after ``before_id``:
        only what agent ``agent_id`` may see (their role and queues as stored now, the
        ticket list's rule)."""
        def read(s: Any) -> SearchPage:
            viewer = get_agent(s, agent_id)
            return search(s, text, viewer=viewer, before_id=before_id, limit=limit)

        return await self._rt.db.read(read)


def could_match(query: str, text: str) -> bool:
    """Whether a message with ``text`` may be a hit for what the agent typed (a cheap check
    on the loop thread, before asking the database): one of the query's words is in it."""
    return bool(text) and bool(highlight_ranges(text, parse_query(query)))

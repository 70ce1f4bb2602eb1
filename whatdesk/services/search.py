"""Search use case: what the agent typed → a page of message and contact hits."""

from __future__ import annotations

from typing import TYPE_CHECKING

from whatdesk.store.search import PAGE_SIZE, ContactHit, MessageHit, SearchPage, search

__all__ = ["ContactHit", "MessageHit", "SearchPage", "SearchService"]

if TYPE_CHECKING:
    from .runtime import Runtime


class SearchService:
    def __init__(self, runtime: Runtime) -> None:
        self._rt = runtime

    async def search(self, text: str, before_id: int | None = None,
                     limit: int = PAGE_SIZE) -> SearchPage:
        """First page for ``text`` (``before_id=None``), or the page after ``before_id``."""
        return await self._rt.db.read(lambda s: search(s, text, before_id=before_id,
                                                       limit=limit))

"""Composer drafts per agent and ticket, kept in the database so that what an agent was
typing is still in the composer after the app is closed (or killed) and opened again."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from whatdesk.store import get_setting, set_setting
from whatdesk.store.directory import delete_setting

if TYPE_CHECKING:
    from .runtime import Runtime

MAX_DRAFT_CHARS = 65536  # WhatsApp's own text limit is lower; a longer stored value is cut
MAX_DRAFT_FILES = 30


@dataclass(frozen=True)
class StoredDraft:
    text: str = ""
    quote_id: int | None = None
    note: bool = False
    files: tuple[str, ...] = field(default_factory=tuple)

    def empty(self) -> bool:
        return not self.text and self.quote_id is None and not self.note and not self.files


def _key(agent_id: int, ticket_id: int) -> str:
    return f"draft:{int(agent_id)}:{int(ticket_id)}"


def _parse(value: Any) -> StoredDraft | None:
    """The stored JSON back as a draft; anything malformed reads as no draft."""
    if not isinstance(value, dict):
        return None
    text = value.get("text", "")
    quote = value.get("quote_id")
    files = value.get("files", [])
    if not isinstance(text, str) or not isinstance(files, list):
        return None
    draft = StoredDraft(
        text=text[:MAX_DRAFT_CHARS],
        quote_id=quote if isinstance(quote, int) and not isinstance(quote, bool) else None,
        note=value.get("note") is True,
        files=tuple(f for f in files[:MAX_DRAFT_FILES] if isinstance(f, str)))
    return None if draft.empty() else draft


class DraftService:
    def __init__(self, runtime: Runtime) -> None:
        self._rt = runtime

    async def get(self, agent_id: int, ticket_id: int) -> StoredDraft | None:
        """The saved draft; attached files that are gone since are left out."""
        value = await self._rt.db.read(lambda s: get_setting(s, _key(agent_id, ticket_id)))
        draft = _parse(value)
        if draft is None or not draft.files:
            return draft
        files = await asyncio.get_running_loop().run_in_executor(
            None, lambda: tuple(f for f in draft.files if Path(f).is_file()))
        return replace(draft, files=files)

    async def save(self, agent_id: int, ticket_id: int, draft: StoredDraft) -> None:
        """Keep ``draft`` for this agent's composer of this ticket (an empty one: forget)."""
        key = _key(agent_id, ticket_id)
        if draft.empty():
            await self._rt.db.write(lambda s: delete_setting(s, key))
            return
        value = {"text": draft.text[:MAX_DRAFT_CHARS], "quote_id": draft.quote_id,
                 "note": bool(draft.note), "files": list(draft.files[:MAX_DRAFT_FILES])}
        await self._rt.db.write(lambda s: set_setting(s, key, value))

    async def clear(self, agent_id: int, ticket_id: int) -> None:
        await self.save(agent_id, ticket_id, StoredDraft())

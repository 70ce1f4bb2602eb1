"""Quick replies for the composer's "/" search and the admin screen; attached files are
copied into the data dir (content-addressed), never used from where the user picked them."""

from __future__ import annotations

import asyncio
from pathlib import Path
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from whatdesk.domain.errors import MessageTooLarge, NotFound
from whatdesk.engine.media import MediaStore
from whatdesk.flows.templates import builtin_values, render
from whatdesk.store import get_ticket
from whatdesk.store.quick_replies import (
    QuickReplyMatch,
    QuickReplyRow,
    create_quick_reply,
    delete_quick_reply,
    get_quick_reply,
    list_quick_replies,
    search_quick_replies,
    update_quick_reply,
)

if TYPE_CHECKING:
    from .runtime import Runtime

MEDIA_FOLDER = "quick_replies"
MAX_MEDIA_BYTES = 64 * 1024 * 1024  # WhatsApp's documents stop at 100 MB; media far lower
_KEEP: Any = object()  # update(): leave that field as it is
# The agents' names for the variables (pt_BR, as Whaticket users write them), on top of the
# flow engine's built-in names ({{contact.name}} works too).
AGENT_VARIABLES = ("nome", "primeiro_nome", "numero", "agente", "protocolo")
# The flow engine's built-in names the composer has a value for (a quick reply has no
# connection/queue context or last customer answer, so those are not offered).
ENGINE_VARIABLES = ("contact.name", "contact.first_name", "contact.number", "ticket.id",
                    "now.date", "now.time", "greeting")
# Every variable variables() fills: the one list the settings hint is generated from.
VARIABLES = AGENT_VARIABLES + ENGINE_VARIABLES


class _KeepUnknown(dict[str, str]):
    """Values for render(): an unknown {{name}} stays as typed, so a typo is visible in the
    field before sending instead of silently vanishing."""

    def get(self, key: str, default: Any = None) -> str:  # type: ignore[override]
        return super().get(key, "{{" + key + "}}")


class QuickReplyService:
    def __init__(self, runtime: Runtime) -> None:
        self._rt = runtime
        self._media = MediaStore(runtime.data_dir / MEDIA_FOLDER)

    async def search(self, agent_id: int, prefix: str, limit: int = 20) -> list[QuickReplyMatch]:
        """(id, shortcut, text, media_path) of the replies ``agent_id`` may use whose
        shortcut starts with ``prefix`` ("/" optional)."""
        return await self._rt.db.read(
            lambda s: search_quick_replies(s, agent_id, prefix, limit))

    async def list(self, agent_id: int | None = None, everyone: bool = False
                   ) -> list[QuickReplyRow]:
        """The global replies and ``agent_id``'s personal ones (``everyone``: all, for admins)."""
        return await self._rt.db.read(
            lambda s: list_quick_replies(s, agent_id, everyone=everyone))

    async def get(self, reply_id: int) -> QuickReplyRow:
        return await self._rt.db.read(lambda s: get_quick_reply(s, reply_id))

    async def create(self, shortcut: str, text: str, agent_id: int | None = None,
                     media_path: str | Path | None = None) -> QuickReplyRow:
        """``media_path``: a file the user picked; a copy inside the data dir is stored."""
        stored = await self._import(media_path) if media_path else None
        row = await self._rt.db.write(
            lambda s: create_quick_reply(s, shortcut, text, agent_id, stored))
        await self._rt.audit.record("settings.quick_reply.create", f"quick_reply#{row.id}",
                                    {"personal": agent_id is not None})
        return row

    async def update(self, reply_id: int, shortcut: str, text: str,
                     agent_id: int | None = _KEEP,
                     media_path: str | Path | None | object = _KEEP) -> QuickReplyRow:
        """Edit a reply; ``media_path``: a newly picked file, None to remove it, or leave it
        out to keep the current one (``agent_id`` likewise)."""
        if agent_id is _KEEP:
            agent_id = (await self.get(reply_id)).agent_id
        if media_path is _KEEP:
            stored = (await self.get(reply_id)).media_path
        elif media_path is None:
            stored = None
        else:
            current = await self.get(reply_id)
            picked = Path(str(media_path))
            stored = (current.media_path if current.media_path
                      and self._media.contains(picked) and str(picked) == current.media_path
                      else await self._import(picked))
        row = await self._rt.db.write(
            lambda s: update_quick_reply(s, reply_id, shortcut, text, agent_id, stored))
        await self._rt.audit.record("settings.quick_reply.update", f"quick_reply#{reply_id}",
                                    {"personal": agent_id is not None})
        return row

    async def delete(self, reply_id: int) -> None:
        # The file stays: content-addressed copies may be shared by other replies.
        await self._rt.db.write(lambda s: delete_quick_reply(s, reply_id))
        await self._rt.audit.record("settings.quick_reply.delete", f"quick_reply#{reply_id}")

    async def variables(self, ticket_id: int, agent_name: str) -> dict[str, str]:
        """The value of every name in VARIABLES for this ticket."""
        t = await self._rt.db.read(lambda s: get_ticket(s, ticket_id))
        values = builtin_values(contact_name=t.contact_name or "",
                                contact_number=t.contact_phone or "",
                                ticket_id=str(t.id), now=self._rt.clock.now())
        values.update({
            "nome": values["contact.name"], "primeiro_nome": values["contact.first_name"],
            "numero": values["contact.number"], "agente": agent_name,
            "protocolo": str(t.id)})
        return {name: values[name] for name in VARIABLES}

    async def _import(self, source: str | Path) -> str:
        path = Path(str(source))
        loop = asyncio.get_running_loop()
        size = await loop.run_in_executor(None, _size, path)
        if size < 0:
            raise NotFound(f"Arquivo não encontrado: {path.name}",
                           en=f"File not found: {path.name}")
        if size > MAX_MEDIA_BYTES:
            mb = MAX_MEDIA_BYTES // (1024 * 1024)
            raise MessageTooLarge(f"O arquivo passa de {mb} MB.", en=f"The file is over {mb} MB.")
        saved = await self._media.import_file(0, path, None, self._rt.clock.now())
        return str(saved.path)


def fill(template: str, values: Mapping[str, str]) -> str:
    """The template with its variables replaced; unknown ones are left as typed."""
    return render(template, _KeepUnknown(values))


def _size(path: Path) -> int:
    return path.stat().st_size if path.is_file() else -1

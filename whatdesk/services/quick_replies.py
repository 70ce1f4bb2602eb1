"""Quick replies for the composer (search by /prefix, variables filled in) and their CRUD."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from whatdesk.flows.templates import builtin_values, render
from whatdesk.store import get_ticket
from whatdesk.store.quick_replies import (
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

# The agents' names for the variables (pt_BR, as Whaticket users write them), on top of the
# flow engine's built-in names ({{contact.name}} works too).
AGENT_VARIABLES = ("nome", "primeiro_nome", "numero", "agente", "protocolo")


class _KeepUnknown(dict[str, str]):
    """Values for render(): an unknown {{name}} stays as typed, so a typo is visible in the
    field before sending instead of silently vanishing."""

    def get(self, key: str, default: Any = None) -> str:  # type: ignore[override]
        return super().get(key, "{{" + key + "}}")


class QuickReplyService:
    def __init__(self, runtime: Runtime) -> None:
        self._rt = runtime

    async def search(self, agent_id: int | None, prefix: str = "",
                     limit: int = 50) -> list[QuickReplyRow]:
        return await self._rt.db.read(
            lambda s: search_quick_replies(s, agent_id, prefix, limit))

    async def list(self, agent_id: int | None = None,
                   include_all: bool = False) -> list[QuickReplyRow]:
        return await self._rt.db.read(
            lambda s: list_quick_replies(s, agent_id, include_all))

    async def get(self, reply_id: int) -> QuickReplyRow:
        return await self._rt.db.read(lambda s: get_quick_reply(s, reply_id))

    async def create(self, shortcut: str, text: str, agent_id: int | None = None,
                     media_path: str | None = None) -> QuickReplyRow:
        """``agent_id`` None: a global reply every agent sees."""
        return await self._rt.db.write(
            lambda s: create_quick_reply(s, shortcut, text, agent_id, media_path,
                                         self._rt.clock.now()))

    async def update(self, reply_id: int, *, shortcut: str | None = None,
                     text: str | None = None, media_path: str | None = None,
                     clear_media: bool = False) -> QuickReplyRow:
        return await self._rt.db.write(
            lambda s: update_quick_reply(s, reply_id, shortcut=shortcut, text=text,
                                         media_path=media_path, clear_media=clear_media))

    async def delete(self, reply_id: int) -> None:
        await self._rt.db.write(lambda s: delete_quick_reply(s, reply_id))

    async def variables(self, ticket_id: int, agent_name: str) -> dict[str, str]:
        """The values of {{nome}}, {{primeiro_nome}}, {{numero}}, {{agente}}, {{protocolo}}
        (and the flow engine's built-in names) for this ticket."""
        t = await self._rt.db.read(lambda s: get_ticket(s, ticket_id))
        values = builtin_values(contact_name=t.contact_name or "",
                                contact_number=t.contact_phone or "",
                                ticket_id=str(t.id), now=self._rt.clock.now())
        values.update({
            "nome": values["contact.name"], "primeiro_nome": values["contact.first_name"],
            "numero": values["contact.number"], "agente": agent_name,
            "protocolo": str(t.id)})
        return values


def fill(template: str, values: Mapping[str, str]) -> str:
    """The template with its variables replaced; unknown ones are left as typed."""
    return render(template, _KeepUnknown(values))

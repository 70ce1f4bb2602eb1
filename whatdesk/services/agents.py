"""Agents: who is using this desktop. The first run creates the administrator."""

from __future__ import annotations

from typing import TYPE_CHECKING

from whatdesk.store import create_agent, list_agents
from whatdesk.store.rows import AgentRow

if TYPE_CHECKING:
    from .runtime import Runtime

FIRST_ADMIN_NAME = "Administrador"


class AgentService:
    def __init__(self, runtime: Runtime) -> None:
        self._rt = runtime

    async def list(self) -> list[AgentRow]:
        return await self._rt.db.read(list_agents)

    async def ensure_first_admin(self, name: str = FIRST_ADMIN_NAME) -> AgentRow:
        """The administrator every database has: created on the first run, else the first
        active admin (a single-agent desktop signs in as this agent without a password)."""

        def write(s: object) -> AgentRow:
            admins = [a for a in list_agents(s) if a.is_admin and a.active]  # type: ignore[arg-type]
            if admins:
                return min(admins, key=lambda a: a.id)
            return create_agent(s, name, is_admin=True)  # type: ignore[arg-type]

        return await self._rt.db.write(write)

"""The audit log use cases: ``record`` what was done to personal data or settings, and
read it back (Settings → Audit log, administrators only).

Other parts call ``runtime.audit.record("backup.restore", target=..., details={...})``;
without an ``actor`` the entry names whoever works in this process (``runtime.actor``:
the window's signed-in agent, "cli" for a terminal command, "system" otherwise).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from whatdesk.store.audit import (
    AUDIT_PAGE,
    AuditRow,
    add_audit_entry,
    count_audit,
    list_audit,
)

if TYPE_CHECKING:
    from .runtime import Runtime

__all__ = ["AUDIT_PAGE", "CLI", "SYSTEM", "Actor", "AuditPage", "AuditRow", "AuditService"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Actor:
    """Who did it: an agent (id and name then), or "cli" / "system" (no id)."""

    name: str
    id: int | None = None

    @classmethod
    def agent(cls, row: Any) -> Actor:
        return cls(row.name, row.id)


CLI = Actor("cli")
SYSTEM = Actor("system")


@dataclass(frozen=True)
class AuditPage:
    rows: list[AuditRow]
    total: int
    offset: int
    limit: int


class AuditService:
    def __init__(self, runtime: Runtime) -> None:
        self._rt = runtime

    def actor(self, actor: Actor | None = None) -> Actor:
        return actor or getattr(self._rt, "actor", None) or SYSTEM

    async def record(self, action: str, target: str = "", details: dict[str, Any] | None = None,
                     actor: Actor | None = None) -> int:
        """Append one entry. ``details``: counts, ids, setting names; never a name, number or
        message text (the log outlives the data it talks about)."""
        who = self.actor(actor)
        now = self._rt.clock.now()
        entry_id = await self._rt.db.write(lambda s: add_audit_entry(
            s, action, actor=who.name, actor_id=who.id, target=target, details=details,
            now=now))
        log.info("audit: %s %s by %s", action, target, "agent" if who.id else who.name)
        return entry_id

    async def page(self, offset: int = 0, limit: int = AUDIT_PAGE) -> AuditPage:
        """Newest first."""
        def read(s: Any) -> AuditPage:
            return AuditPage(list_audit(s, offset=offset, limit=limit), count_audit(s),
                             max(0, offset), limit)

        return await self._rt.db.read(read)

"""The audit log: append an entry, read a page of them newest first."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Table, func, select
from sqlalchemy.orm import Session

from . import models
from ._sql import conn_of, now_or

audit_t: Table = models.AuditEntry.__table__  # type: ignore[assignment]
_a = audit_t.c

ACTOR_MAX = 120
ACTION_MAX = 60
TARGET_MAX = 120
AUDIT_PAGE = 50


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: datetime
    actor_id: int | None
    actor: str  # the agent's name then, "cli" or "system"
    action: str
    target: str
    details: dict[str, Any] = field(default_factory=dict)


def add_audit_entry(s: Session, action: str, *, actor: str, actor_id: int | None = None,
                    target: str = "", details: dict[str, Any] | None = None,
                    now: datetime | None = None) -> int:
    """Append one entry (in the caller's transaction, so it stands or falls with the change
    it records). ``details`` must hold no personal data: counts, ids, setting names."""
    new_id = conn_of(s).execute(audit_t.insert().values(
        at=now_or(now), actor_id=actor_id, actor=(actor or "system")[:ACTOR_MAX],
        action=action[:ACTION_MAX], target=(target or "")[:TARGET_MAX],
        details=dict(details or {})).returning(_a.id)).scalar_one()
    return int(new_id)


def list_audit(s: Session, *, offset: int = 0, limit: int = AUDIT_PAGE,
               action_prefix: str | None = None) -> list[AuditRow]:
    """A page of the log, newest first."""
    q = select(audit_t).order_by(_a.at.desc(), _a.id.desc())
    if action_prefix:
        q = q.where(_a.action.startswith(action_prefix, autoescape=True))
    q = q.offset(max(0, offset)).limit(max(1, min(limit, 500)))
    return [AuditRow(r.id, r.at, r.actor_id, r.actor, r.action, r.target, dict(r.details or {}))
            for r in conn_of(s).execute(q).all()]


def count_audit(s: Session) -> int:
    return int(conn_of(s).execute(select(func.count()).select_from(audit_t)).scalar_one())

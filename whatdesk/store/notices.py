"""What a desktop notification needs to know about a ticket (one small read)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from whatdesk.domain.enums import TicketStatus
from whatdesk.domain.errors import NotFound

from ._sql import conn_of, contact_display, contacts_t, tickets_t


@dataclass(frozen=True)
class TicketNotice:
    ticket_id: int
    status: TicketStatus
    agent_id: int | None
    contact_name: str
    contact_blocked: bool


def ticket_notice(s: Session, ticket_id: int) -> TicketNotice:
    t, c = tickets_t.c, contacts_t.c
    row = conn_of(s).execute(
        select(t.status, t.agent_id, c.name, c.push_name, c.phone, c.lid, c.group_jid,
               c.blocked)
        .join_from(tickets_t, contacts_t, t.contact_id == c.id).where(t.id == ticket_id)).first()
    if row is None:
        raise NotFound(f"Atendimento {ticket_id} não encontrado.")
    return TicketNotice(ticket_id, TicketStatus(row.status), row.agent_id,
                        contact_display(row.name, row.push_name, row.phone, row.lid,
                                        row.group_jid), bool(row.blocked))

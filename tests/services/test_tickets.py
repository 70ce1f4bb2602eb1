"""Accepting and closing tickets through the service."""

from __future__ import annotations

import pytest
from engine_helpers import Recorder, wait_until

from whatdesk.domain.enums import ConnectionStatus as St
from whatdesk.domain.enums import TicketStatus
from whatdesk.domain.errors import ConflictError
from whatdesk.engine.events import TicketChanged
from whatdesk.store import create_agent, list_tickets


async def test_second_accept_is_refused_and_close_updates_the_totals(runtime, network):
    runtime.sandbox_auto_link = True
    row = await runtime.connections.create("Loja", channel="sandbox")
    await runtime.connections.connect(row.id)
    await wait_until(lambda: runtime.handle(row.id).supervisor.status is St.CONNECTED)
    network.customer("5511987654321", "Ana").send_text("Oi")
    await runtime.drain()
    [ticket] = runtime.db.read_sync(lambda s: list_tickets(s))
    bia = runtime.db.write_sync(lambda s: create_agent(s, "Bia")).id
    caio = runtime.db.write_sync(lambda s: create_agent(s, "Caio")).id
    rec = Recorder(runtime.bus)

    assert (await runtime.tickets.counts()).waiting == 1
    accepted = await runtime.tickets.accept(ticket.id, bia)
    assert accepted.status == TicketStatus.OPEN and accepted.agent_id == bia
    with pytest.raises(ConflictError):
        await runtime.tickets.accept(ticket.id, caio)
    closed = await runtime.tickets.close(ticket.id)
    assert closed.status == TicketStatus.CLOSED
    assert [(e.status, e.previous) for e in rec.of(TicketChanged)] == [
        (TicketStatus.OPEN, TicketStatus.PENDING), (TicketStatus.CLOSED, TicketStatus.OPEN)]
    counts = await runtime.tickets.counts()
    assert (counts.waiting, counts.open) == (0, 0)

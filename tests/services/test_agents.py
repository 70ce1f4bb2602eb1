"""AgentService: presence and the tickets an agent coming online takes."""

from __future__ import annotations

from engine_helpers import Recorder, wait_until

from whatdesk.domain.enums import ConnectionStatus as St
from whatdesk.domain.enums import TicketStatus
from whatdesk.engine.events import TicketChanged
from whatdesk.store import get_ticket, list_tickets, transfer


async def test_coming_online_takes_waiting_tickets_and_tells_the_windows(runtime, network):
    runtime.sandbox_auto_link = True
    row = await runtime.connections.create("Loja", channel="sandbox")
    await runtime.connections.connect(row.id)
    await wait_until(lambda: runtime.handle(row.id).supervisor.status is St.CONNECTED)
    network.customer("5511987654321", "Ana").send_text("Oi")
    await runtime.drain()
    [ticket] = runtime.db.read_sync(lambda s: list_tickets(s))
    queue = await runtime.queues.create("Vendas", "#00a884", auto_assign=True)
    bia = await runtime.agents.create("Bia", "bia@loja.com", "bia-senha-123",
                                      queue_ids=(queue.id,))
    # nobody is online: the transfer leaves it waiting in the queue
    await runtime.db.write(lambda s: transfer(s, ticket.id, "agent:1", queue_id=queue.id))
    assert (await runtime.tickets.get(ticket.id)).status == TicketStatus.PENDING
    rec = Recorder(runtime.bus)

    await runtime.agents.set_presence(bia.id, "online")
    after = await runtime.db.read(lambda s: get_ticket(s, ticket.id))
    assert (after.status, after.agent_id) == (TicketStatus.OPEN, bia.id)
    assert [(e.ticket_id, e.status) for e in rec.of(TicketChanged)] == [
        (ticket.id, TicketStatus.OPEN)]
    assert (await runtime.tickets.counts()).waiting == 0

"""Fixtures for the composer and ticket header tests: a sandbox connection, a customer's
ticket, an InboxContext signed in as an agent."""

from __future__ import annotations

from typing import Any

from ui_helpers import wait_until

from whatdesk.domain.enums import ConnectionStatus
from whatdesk.store import create_agent, list_tickets

CUSTOMER = "5511987654321"


async def connected(runtime: Any) -> Any:
    runtime.sandbox_auto_link = True
    row = await runtime.connections.create("Loja", channel="sandbox")
    await runtime.connections.connect(row.id)
    await wait_until(lambda: runtime.handle(row.id).supervisor.status
                     is ConnectionStatus.CONNECTED, what="sandbox connected")
    return row


async def customer_ticket(runtime: Any, network: Any, phone: str = CUSTOMER,
                          name: str = "Ana Lima", text: str = "Oi, meu pedido atrasou") -> Any:
    customer = network.customer(phone, name)
    customer.send_text(text)
    await runtime.drain()
    [ticket] = [t for t in runtime.db.read_sync(lambda s: list_tickets(s))
                if t.contact_phone == phone]
    return customer, ticket


def context(runtime: Any, settings: Any, agent_name: str = "Bia") -> Any:
    from whatdesk.ui.bridge import Bridge
    from whatdesk.ui.inbox.context import InboxContext

    agent = runtime.db.write_sync(lambda s: create_agent(s, agent_name))
    return InboxContext(runtime, Bridge(runtime.bus), agent, settings)


async def settle(timeout: float = 10.0) -> None:
    """Let the widgets' own tasks (reloads after an action) finish before the runtime closes."""
    import asyncio

    from whatdesk.ui import tasks

    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while tasks.running_tasks() and loop.time() < deadline:
        await asyncio.sleep(0.02)

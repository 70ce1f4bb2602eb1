"""A transport that sends under its own message id (neonize 0.5.2) still gets its ticks right."""

from __future__ import annotations

from dataclasses import replace

from whatdesk.domain.enums import Ack
from whatdesk.store import get_message, list_tickets


async def test_receipts_reach_a_reply_sent_under_the_servers_own_id(app):
    channel = app.runtime.handle(app.connection_id).channel
    original_send = channel.send

    async def send_under_new_id(message):
        return await original_send(replace(message, wa_id="3EB0SERVER" + message.wa_id[-8:]))

    channel.send = send_under_new_id
    ana = app.network.customer("5511987654321", "Ana")
    ana.send_text("Oi")
    await app.runtime.drain()
    [ticket] = app.read(lambda s: list_tickets(s))

    mid = await app.runtime.messages.send_text(ticket.id, "Olá!")
    await ana.wait_for_message()

    def row():
        return app.read(lambda s: get_message(s, mid))

    await app.advance_until(lambda: row().ack == Ack.READ)
    assert row().wa_id.startswith("3EB0SERVER")

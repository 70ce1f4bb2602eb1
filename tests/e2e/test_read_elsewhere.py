"""Messages read on the phone (another of our devices) are no longer counted as unread here."""

from __future__ import annotations

from whatdesk.domain.enums import Ack
from whatdesk.domain.events import AckEvent
from whatdesk.engine.events import CountsChanged
from whatdesk.store import list_messages, list_tickets


async def test_reading_the_chat_on_the_phone_clears_its_unread_count(app):
    ana = app.network.customer("5511987654321", "Ana")
    first = ana.send_text("Oi")
    second = ana.send_text("Tem pão de queijo?")
    await app.runtime.drain()
    [ticket] = app.read(lambda s: list_tickets(s))
    assert ticket.unread_count == 2

    await app.runtime.pipeline.submit(app.connection_id, AckEvent(
        wa_ids=(first, second), chat="5511987654321@s.whatsapp.net", ack=Ack.READ,
        timestamp=app.clock.now(), read_by_us=True))
    await app.runtime.pipeline.drain()

    [ticket] = app.read(lambda s: list_tickets(s))
    assert ticket.unread_count == 0
    assert {m.ack for m in app.read(lambda s: list_messages(s, ticket.id))} == {Ack.READ}
    await app.advance_until(lambda: any(e.unread_messages == 0
                                        for e in app.events.of(CountsChanged)))

"""What agents do to tickets and messages through the services: notes, signature, quick
replies, reactions, edits, deletions, transfer, farewell, new conversations."""

from __future__ import annotations

import pytest
from engine_helpers import wait_until

from whatdesk.domain.enums import Ack, ConnectionStatus as St, MessageKind, TicketStatus
from whatdesk.domain.errors import ConflictError, WhatdeskError
from whatdesk.services.quick_replies import fill
from whatdesk.services.tickets import TakenByAnother
from whatdesk.store import create_agent, create_queue, get_message, list_messages, list_tickets, ticket_events
from whatdesk.store.agent_messages import set_agent_signs

PHONE = "5511987654321"


async def _ticket(runtime, network):
    runtime.sandbox_auto_link = True
    row = await runtime.connections.create("Loja", channel="sandbox")
    await runtime.connections.connect(row.id)
    await wait_until(lambda: runtime.handle(row.id).supervisor.status is St.CONNECTED)
    ana = network.customer(PHONE, "Ana Lima")
    ana.send_text("Oi")
    await runtime.drain()
    [ticket] = runtime.db.read_sync(lambda s: list_tickets(s))
    return row, ana, ticket


async def _sent(runtime, clock, mid):
    """Let the queue send it (virtual time passes the connection's gap between sends)."""
    def done():
        clock.advance(2)
        return runtime.db.read_sync(lambda s: get_message(s, mid)).ack >= Ack.SERVER
    await wait_until(done)


async def test_note_is_stored_private_and_never_reaches_the_customer(runtime, network, clock):
    _, ana, ticket = await _ticket(runtime, network)
    note_id = await runtime.messages.add_note(ticket.id, "cliente VIP")
    sent_id = await runtime.messages.send_text(ticket.id, "Olá!")
    await _sent(runtime, clock, sent_id)
    note = runtime.db.read_sync(lambda s: get_message(s, note_id))
    assert note.is_private_note and note.text == "cliente VIP"
    assert ana.texts == ["Olá!"]


async def test_signing_agent_name_is_in_what_is_stored_and_received(runtime, network):
    _, ana, ticket = await _ticket(runtime, network)
    bia = runtime.db.write_sync(lambda s: create_agent(s, "Bia")).id
    runtime.db.write_sync(lambda s: set_agent_signs(s, bia, True))
    mid = await runtime.messages.send_text(ticket.id, "Tudo certo", agent_id=bia)
    await ana.wait_for_message()
    row = runtime.db.read_sync(lambda s: get_message(s, mid))
    assert row.text == "*Bia:*\nTudo certo" and ana.texts == ["*Bia:*\nTudo certo"]


async def test_signing_agent_name_goes_on_media_captions_too(runtime, network, tmp_path):
    _, ana, ticket = await _ticket(runtime, network)
    bia = runtime.db.write_sync(lambda s: create_agent(s, "Bia")).id
    runtime.db.write_sync(lambda s: set_agent_signs(s, bia, True))
    photo = tmp_path / "foto.png"
    photo.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    mid = await runtime.messages.send_media(ticket.id, photo, caption="Segue a foto",
                                            agent_id=bia)
    received = await ana.wait_for_message()
    row = runtime.db.read_sync(lambda s: get_message(s, mid))
    assert row.text == "*Bia:*\nSegue a foto" and received.text == "*Bia:*\nSegue a foto"
    # Without a caption there is nothing to sign: the file goes alone.
    bare = await runtime.messages.send_media(ticket.id, photo, agent_id=bia)
    assert runtime.db.read_sync(lambda s: get_message(s, bare)).text == ""


async def test_quick_replies_personal_and_global_with_variables(runtime, network):
    _, _, ticket = await _ticket(runtime, network)
    bia = runtime.db.write_sync(lambda s: create_agent(s, "Bia")).id
    caio = runtime.db.write_sync(lambda s: create_agent(s, "Caio")).id
    qr = runtime.quick_replies
    await qr.create("ola", "Olá {{primeiro_nome}}, sou {{agente}} (protocolo {{protocolo}})")
    await qr.create("obrigado", "Obrigado, {{nome}}!", agent_id=bia)
    await qr.create("o_100", "literal")
    with pytest.raises(ConflictError):
        await qr.create("/OLA", "repetido")
    assert [r.shortcut for r in await qr.search(bia, "o")] == ["o_100", "obrigado", "ola"]
    assert [r.shortcut for r in await qr.search(caio, "o")] == ["o_100", "ola"]
    assert [r.shortcut for r in await qr.search(caio, "o_1")] == ["o_100"]  # _ is no wildcard
    assert [r.shortcut for r in await qr.search(caio, "o%")] == []
    [ola] = await qr.search(bia, "ola")
    values = await qr.variables(ticket.id, "Bia")
    assert fill(ola.text, values) == f"Olá Ana, sou Bia (protocolo {ticket.id})"
    assert fill("{{desconhecido}} {{numero}}", values) == "{{desconhecido}} " + PHONE
    updated = await qr.update(ola.id, "oi", "Oi!")
    assert (updated.shortcut, updated.text) == ("oi", "Oi!")
    await qr.delete(ola.id)
    assert [r.shortcut for r in await qr.list(everyone=True)] == ["o_100", "obrigado"]


async def test_react_edit_delete_reach_the_customer_and_the_stored_row(runtime, network, clock):
    _, ana, ticket = await _ticket(runtime, network)
    [incoming] = runtime.db.read_sync(lambda s: list_messages(s, ticket.id))
    await runtime.messages.react(incoming.id, "👍")
    mid = await runtime.messages.send_text(ticket.id, "Pedido 12")
    await _sent(runtime, clock, mid)
    await runtime.messages.edit(mid, "Pedido 13")
    clock.advance(2)  # the connection's minimum gap between sends
    await wait_until(lambda: any(m.kind == MessageKind.EDIT for m in ana.inbox))
    row = runtime.db.read_sync(lambda s: get_message(s, mid))
    assert row.text == "Pedido 13" and row.edited and row.payload["original_text"] == "Pedido 12"
    assert runtime.db.read_sync(lambda s: get_message(s, incoming.id)).reaction == "👍"
    await runtime.messages.delete(mid)
    assert runtime.db.read_sync(lambda s: get_message(s, mid)).deleted
    with pytest.raises(WhatdeskError):
        await runtime.messages.edit(mid, "de novo")
    mid2 = await runtime.messages.send_text(ticket.id, "velha")
    await _sent(runtime, clock, mid2)
    clock.advance(16 * 60)
    row2 = runtime.db.read_sync(lambda s: get_message(s, mid2))
    assert not runtime.messages.can_edit(row2) and runtime.messages.can_delete(row2)


async def test_accept_race_loser_is_told_who_won(runtime, network):
    _, _, ticket = await _ticket(runtime, network)
    bia = runtime.db.write_sync(lambda s: create_agent(s, "Bia")).id
    caio = runtime.db.write_sync(lambda s: create_agent(s, "Caio")).id
    await runtime.tickets.accept(ticket.id, bia)
    with pytest.raises(TakenByAnother) as lost:
        await runtime.tickets.accept(ticket.id, caio)
    assert lost.value.agent_name == "Bia" and "Bia" in str(lost.value)


async def test_transfer_return_close_with_farewell_reopen(runtime, network):
    row, ana, ticket = await _ticket(runtime, network)
    await runtime.connections.update(row.id, farewell="Até logo!")
    bia = runtime.db.write_sync(lambda s: create_agent(s, "Bia")).id
    caio = runtime.db.write_sync(lambda s: create_agent(s, "Caio")).id
    vendas = runtime.db.write_sync(lambda s: create_queue(s, "Vendas")).id
    await runtime.tickets.accept(ticket.id, bia)
    t = await runtime.tickets.transfer(ticket.id, to_agent_id=caio, note="cliente pediu Caio",
                                       by_agent_id=bia)
    assert (t.status, t.agent_id) == (TicketStatus.OPEN, caio)
    t = await runtime.tickets.transfer(ticket.id, queue_id=vendas, by_agent_id=caio)
    assert (t.status, t.agent_id, t.queue_id) == (TicketStatus.PENDING, None, vendas)
    await runtime.tickets.accept(ticket.id, caio)
    t = await runtime.tickets.return_to_queue(ticket.id, caio)
    assert (t.status, t.agent_id) == (TicketStatus.PENDING, None)
    await runtime.tickets.mark_unread(ticket.id)
    assert (await runtime.tickets.get(ticket.id)).unread_count >= 1
    t = await runtime.tickets.close_with_farewell(ticket.id, caio)
    assert t.status == TicketStatus.CLOSED
    await ana.wait_for_message()
    assert ana.texts[-1] == "Até logo!"
    t = await runtime.tickets.reopen(ticket.id, caio)
    assert (t.status, t.agent_id) == (TicketStatus.OPEN, caio)
    events = runtime.db.read_sync(lambda s: ticket_events(s, ticket.id))
    assert any(e.kind == "transfer" and "cliente pediu Caio" in e.detail for e in events)


async def test_start_conversation_reuses_the_open_ticket(runtime, network, clock):
    row, _, ticket = await _ticket(runtime, network)
    bia = runtime.db.write_sync(lambda s: create_agent(s, "Bia")).id
    same = await runtime.tickets.start_conversation("+55 (11) 98765-4321", bia, row.id)
    assert same.id == ticket.id
    new = await runtime.tickets.start_conversation("11 91234-5678", bia, row.id)
    assert new.id != ticket.id and (new.status, new.agent_id) == (TicketStatus.OPEN, bia)
    mid = await runtime.messages.send_text(new.id, "Olá, aqui é da Loja")
    await _sent(runtime, clock, mid)
    with pytest.raises(WhatdeskError):
        await runtime.tickets.start_conversation("12", bia, row.id)


async def test_profile_picture_is_fetched_checked_cached_and_refreshed_daily(
        runtime, network, clock):
    from whatdesk.channels.sandbox.media import portrait_png
    from whatdesk.store import get_contact

    runtime.sandbox_auto_link = True
    row = await runtime.connections.create("Loja", channel="sandbox")
    await runtime.connections.connect(row.id)
    await wait_until(lambda: runtime.handle(row.id).supervisor.status is St.CONNECTED)
    channel = runtime.handle(row.id).channel
    asked = []
    real = channel.profile_picture

    async def counting(jid):
        asked.append(jid)
        return await real(jid)

    channel.profile_picture = counting
    ana = network.customer(PHONE, "Ana Lima")
    ana.picture = portrait_png(1)
    ana.send_text("Oi")
    await runtime.drain()
    [ticket] = runtime.db.read_sync(lambda s: list_tickets(s))

    def contact():
        return runtime.db.read_sync(lambda s: get_contact(s, ticket.contact_id))

    stored = runtime.data_dir / contact().avatar_path
    assert stored.read_bytes() == ana.picture
    assert stored.resolve().is_relative_to(runtime.data_dir / "media" / "avatars")
    ana.send_text("Tem alguém?")
    await runtime.drain()
    assert len(asked) == 1  # at most once a day per contact

    ana.picture = b"<html>not a picture</html>"  # untrusted: refused, the old one stays
    clock.advance(25 * 3600)
    ana.send_text("Oi de novo")
    await runtime.drain()
    assert len(asked) == 2 and contact().avatar_path and stored.is_file()

    ana.picture = None  # removed on WhatsApp: initials again
    clock.advance(25 * 3600)
    ana.send_text("E agora?")
    await runtime.drain()
    assert len(asked) == 3 and contact().avatar_path is None

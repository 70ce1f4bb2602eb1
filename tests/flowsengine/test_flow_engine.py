"""Flows serving real conversations: welcome flow, triggers, hand-over to humans, versions."""

from __future__ import annotations

import pytest
from flow_helpers import flow_doc, install, welcome_doc

from whatdesk.domain.enums import Direction, TicketStatus
from whatdesk.services.flows import PublishRefused
from whatdesk.store import (
    contact_tags,
    create_agent,
    create_queue,
    list_messages,
    list_queues,
    list_tickets,
    load_run,
)


def tickets(app):
    return app.read(lambda s: list_tickets(s, limit=500))


def outgoing(app, ticket_id):
    return [m.text for m in app.read(lambda s: list_messages(s, ticket_id, limit=1000))
            if m.direction == Direction.OUT]


async def settle(app, customer=None, count=None):
    """Let every queued step commit and the sender deliver (virtual time moves a little)."""
    await app.runtime.drain()
    if customer is not None and count is not None:
        await app.advance_until(lambda: len(customer.texts) >= count, step=0.2, max_s=120)
    await app.runtime.drain()


async def test_welcome_flow_answers_menu_and_transfers_to_the_queue(app):
    app.read(lambda s: None)
    await app.runtime.db.write(lambda s: create_queue(s, "Vendas"))
    await install(app, welcome_doc())
    ana = app.network.customer("5511987650001", "Ana Souza")

    ana.send_text("oi")
    await settle(app, ana, 2)
    [ticket] = tickets(app)
    assert ticket.status == TicketStatus.BOT
    assert ana.texts[0] == "Olá, Ana!"
    assert "1 - Vendas" in ana.texts[1] and "2 - Suporte" in ana.texts[1]

    ana.send_text("vendas")
    await settle(app, ana, 3)
    assert ana.texts[2] == "Transferindo para Vendas"
    [ticket] = tickets(app)
    vendas = next(q for q in app.read(list_queues) if q.name == "Vendas")
    assert (ticket.status, ticket.queue_id) == (TicketStatus.PENDING, vendas.id)
    assert app.read(lambda s: load_run(s, ticket.id)).status == "transferred"

    ana.send_text("alô?")  # the bot stopped: a human answers from now on
    await settle(app)
    app.clock.advance(5)
    await settle(app)
    assert len(ana.texts) == 3


async def test_agent_accepting_stops_the_bot_mid_conversation(app):
    await install(app, welcome_doc())
    agent = await app.runtime.db.write(lambda s: create_agent(s, "Bia", "bia@loja.com"))
    ana = app.network.customer("5511987650002", "Ana")
    ana.send_text("oi")
    await settle(app, ana, 2)
    [ticket] = tickets(app)

    row = await app.runtime.tickets.accept(ticket.id, agent.id)
    assert (row.status, row.agent_id) == (TicketStatus.OPEN, agent.id)
    assert app.read(lambda s: load_run(s, ticket.id)).status == "stopped"

    ana.send_text("1")
    await settle(app)
    app.clock.advance(5)
    await settle(app)
    assert len(ana.texts) == 2  # no bot reply after the agent took it
    assert tickets(app)[0].status == TicketStatus.OPEN


async def test_keyword_trigger_beats_the_welcome_flow(app):
    await install(app, welcome_doc())
    promo = flow_doc("Promoção", [("start", "start", {}),
                                  ("msg", "message", {"text": "Promo de hoje: 2 por 1"}),
                                  ("end", "end", {})],
                     [("start", "next", "msg"), ("msg", "next", "end")],
                     triggers=[{"keyword": "promoção", "match": "contains"}])
    await install(app, promo, welcome=False)
    ana = app.network.customer("5511987650003", "Ana")
    ana.send_text("Quero a PROMOCAO, por favor")
    await settle(app, ana, 1)
    assert ana.texts == ["Promo de hoje: 2 por 1"]
    assert tickets(app)[0].status == TicketStatus.BOT  # ended: the next message restarts


async def test_no_flow_sends_the_greeting_and_leaves_the_ticket_pending(app):
    await app.runtime.connections.update(app.connection_id, greeting="Olá! Já vamos te atender.")
    ana = app.network.customer("5511987650004", "Ana")
    ana.send_text("oi")
    await settle(app, ana, 1)
    ana.send_text("tem alguém?")
    await settle(app)
    app.clock.advance(5)
    await settle(app)
    assert ana.texts == ["Olá! Já vamos te atender."]
    assert tickets(app)[0].status == TicketStatus.PENDING


async def test_out_of_hours_message_is_sent_once_for_two_messages(app):
    # The virtual clock starts on a Monday at 12:00 UTC = 09:00 in São Paulo: closed before 10.
    await app.runtime.connections.update(
        app.connection_id, greeting="Olá!", out_of_hours_message="Estamos fechados agora.",
        business_hours={"mon": [["10:00", "18:00"]]}, timezone="America/Sao_Paulo")
    ana = app.network.customer("5511987650005", "Ana")
    ana.send_text("oi")
    await settle(app, ana, 1)
    ana.send_text("alguém aí?")
    await settle(app)
    app.clock.advance(5)
    await settle(app)
    assert ana.texts == ["Estamos fechados agora."]
    [ticket] = tickets(app)
    assert ticket.status == TicketStatus.PENDING


async def test_publish_is_refused_while_the_draft_has_errors(app):
    broken = flow_doc("Quebrado", [("start", "start", {}),
                                   ("q", "question", {"text": "Nome?"})],  # no save_as
                      [("start", "next", "q")])
    row = await app.runtime.flows.save_draft(broken)
    with pytest.raises(PublishRefused) as refused:
        await app.runtime.flows.publish(row.id)
    assert any(f.node == "q" for f in refused.value.errors)
    assert (await app.runtime.flows.get(row.id)).published_version is None


async def test_running_conversation_stays_on_its_version_after_a_new_publish(app):
    doc = welcome_doc(hello="Versão 1")
    flow_id = await install(app, doc)
    ana = app.network.customer("5511987650006", "Ana")
    ana.send_text("oi")
    await settle(app, ana, 2)
    assert ana.texts[0] == "Versão 1"

    doc2 = welcome_doc(hello="Versão 2", flow_id=flow_id)
    doc2["nodes"][3]["config"]["text"] = "V2 transferindo"
    await app.runtime.flows.save_draft(doc2)
    assert await app.runtime.flows.publish(flow_id) == 2

    ana.send_text("1")
    await settle(app, ana, 3)
    assert ana.texts[2] == "Transferindo para Vendas"  # still version 1's text
    bia = app.network.customer("5511987650007", "Bia")
    bia.send_text("oi")
    await settle(app, bia, 1)
    assert bia.texts[0] == "Versão 2"


async def test_a_reply_from_the_app_stops_the_bot(app):
    await install(app, welcome_doc())
    agent = await app.runtime.db.write(lambda s: create_agent(s, "Caio", "caio@loja.com"))
    ana = app.network.customer("5511987650008", "Ana")
    ana.send_text("oi")
    await settle(app, ana, 2)
    [ticket] = tickets(app)
    await app.runtime.messages.send_text(ticket.id, "Oi Ana, aqui é o Caio", agent_id=agent.id)
    await settle(app, ana, 3)
    [ticket] = tickets(app)
    assert (ticket.status, ticket.agent_id) == (TicketStatus.OPEN, agent.id)
    ana.send_text("1")
    await settle(app)
    app.clock.advance(5)
    await settle(app)
    assert ana.texts[-1] == "Oi Ana, aqui é o Caio"


async def test_a_reply_from_the_phone_stops_the_bot(app):
    await install(app, welcome_doc())
    ana = app.network.customer("5511987650009", "Ana")
    ana.send_text("oi")
    await settle(app, ana, 2)
    app.network.phone_send(app.phone, ana.phone, "Oi, respondo eu pelo celular")
    await settle(app)
    [ticket] = tickets(app)
    assert ticket.status == TicketStatus.OPEN
    assert app.read(lambda s: load_run(s, ticket.id)).status == "stopped"
    ana.send_text("1")
    await settle(app)
    app.clock.advance(5)
    await settle(app)
    assert ana.texts[2:] == ["Oi, respondo eu pelo celular"]  # and nothing from the bot


async def test_loop_limit_hands_the_ticket_to_a_human(app):
    # set_variable -> condition -> back: a cycle with no waiting node (published through the
    # store directly: the service would refuse it, as it should).
    from whatdesk.store import publish_flow, save_flow_draft, set_welcome_flow

    doc = flow_doc("Laço", [("start", "start", {}),
                            ("a", "set_variable", {"assignments": [{"name": "x", "value": "1"}]}),
                            ("b", "set_variable", {"assignments": [{"name": "y", "value": "2"}]})],
                   [("start", "next", "a"), ("a", "next", "b"), ("b", "next", "a")],
                   flow_id="laco")

    def write(s):
        save_flow_draft(s, "laco", "Laço", "", doc)
        publish_flow(s, "laco", doc)
        set_welcome_flow(s, app.connection_id, "laco")

    await app.runtime.db.write(write)
    await app.runtime.flow_runner.refresh()
    ana = app.network.customer("5511987650010", "Ana")
    ana.send_text("oi")
    await settle(app)
    [ticket] = tickets(app)
    assert ticket.status == TicketStatus.PENDING
    run = app.read(lambda s: load_run(s, ticket.id))
    assert run.status == "error" and run.last_error.startswith("loop_limit")


async def test_one_failing_run_does_not_stop_the_others(app, monkeypatch):
    await install(app, welcome_doc())
    runner = app.runtime.flow_runner
    original = runner.interpreter.start

    async def start(flow, ctx, first_input=None, variables=None):
        if ctx.contact.number.endswith("0666"):
            raise RuntimeError("boom")
        return await original(flow, ctx, first_input, variables)

    monkeypatch.setattr(runner.interpreter, "start", start)
    bad = app.network.customer("5511987650666", "Zé")
    good = [app.network.customer(f"55119876501{n:02d}", f"C{n}") for n in range(5)]
    bad.send_text("oi")
    for c in good:
        c.send_text("oi")
    await settle(app)
    for c in good:
        await settle(app, c, 2)
    by_phone = {t.contact_phone: t for t in tickets(app)}
    assert by_phone[bad.phone].status == TicketStatus.PENDING
    assert all(by_phone[c.phone].status == TicketStatus.BOT for c in good)
    assert all(c.texts[0].startswith("Olá") for c in good)


async def test_tag_and_close_nodes_tag_the_contact_and_close_with_the_farewell(app):
    doc = flow_doc("Tchau", [("start", "start", {}), ("tag", "tag", {"add": ["lead", "vip"]}),
                             ("bye", "close_ticket", {"text": "Até logo!"})],
                   [("start", "next", "tag"), ("tag", "next", "bye")])
    await install(app, doc)
    ana = app.network.customer("5511987650011", "Ana")
    ana.send_text("oi")
    await settle(app, ana, 1)
    assert ana.texts == ["Até logo!"]
    [ticket] = tickets(app)
    assert ticket.status == TicketStatus.CLOSED
    assert [t.name for t in app.read(lambda s: contact_tags(s, ticket.contact_id))] == [
        "lead", "vip"]


async def test_delay_fires_on_the_engine_clock_and_node_counts_are_recorded(app):
    doc = flow_doc("Espera", [("start", "start", {}), ("a", "message", {"text": "um momento"}),
                              ("wait", "delay", {"seconds": 30}),
                              ("b", "message", {"text": "pronto"}), ("end", "end", {})],
                   [("start", "next", "a"), ("a", "next", "wait"), ("wait", "next", "b"),
                    ("b", "next", "end")])
    flow_id = await install(app, doc)
    ana = app.network.customer("5511987650012", "Ana")
    ana.send_text("oi")
    await settle(app, ana, 1)
    assert ana.texts == ["um momento"]
    await settle(app, ana, 2)
    assert ana.texts == ["um momento", "pronto"]
    counts = await app.runtime.flows.node_counts(flow_id, 1)
    assert counts[("start", "next")] == 1 and counts[("wait", "next")] == 1
    assert counts[("end", "")] == 1


async def test_a_message_committed_just_before_a_crash_is_answered_once_after_restart(
        tmp_path, network, clock):
    from datetime import timedelta

    from sandbox_app import open_app

    from whatdesk.domain.enums import MessageKind
    from whatdesk.domain.events import InboundMessage
    from whatdesk.store import record_inbound

    app = await open_app(tmp_path / "data", network, clock, min_gap_ms=0)
    await install(app, welcome_doc())
    ana = network.customer("5511987650013", "Ana")
    msg = InboundMessage(wa_id="LOST1", chat=ana.jid, sender=ana.jid,
                         timestamp=clock.now() - timedelta(seconds=1), kind=MessageKind.TEXT,
                         sender_phone=ana.phone, push_name="Ana", text="oi")
    # The pipeline committed it, then the app died before the bot's step was written.
    await app.runtime.db.write(lambda s: record_inbound(s, app.connection_id, msg,
                                                        new_ticket_status=TicketStatus.BOT))
    await app.runtime.close()

    again = await open_app(tmp_path / "data", network, clock, create=False)
    await settle(again, ana, 2)
    assert ana.texts == ["Olá, Ana!", "Escolha:\n\n1 - Vendas\n2 - Suporte"]
    await again.runtime.close()

    third = await open_app(tmp_path / "data", network, clock, create=False)
    await settle(third)
    third.clock.advance(5)
    await settle(third)
    assert len(ana.texts) == 2  # answered once, not on every restart
    await third.runtime.close()


def _menu_doc(style: str, options: int) -> dict:
    labels = ["Vendas", "Suporte", "Financeiro", "Outros"][:options]
    return flow_doc(f"Menu {style}", [
        ("start", "start", {}),
        ("menu", "menu", {"text": "Escolha:", "style": style, "options": [
            {"id": label.lower(), "label": label, "keywords": []} for label in labels]}),
        ("done", "transfer", {"queue": None, "text": "Certo!"}),
    ], [("start", "next", "menu")] + [("menu", label.lower(), "done") for label in labels])


async def test_a_buttons_menu_arrives_as_buttons_and_a_tap_answers_it(app):
    await install(app, _menu_doc("buttons", 2))
    ana = app.network.customer("5511987650014", "Ana")
    ana.send_text("oi")
    await settle(app, ana, 1)
    menu = ana.inbox[0]
    assert [b.label for b in menu.buttons] == ["Vendas", "Suporte"]
    ana.press_button("suporte")
    await settle(app, ana, 2)
    assert ana.texts[-1] == "Certo!"
    assert tickets(app)[0].status == TicketStatus.PENDING


async def test_buttons_the_channel_refuses_go_as_numbered_text(app):
    await install(app, _menu_doc("buttons", 4))  # WhatsApp takes at most 3 buttons
    ana = app.network.customer("5511987650015", "Ana")
    ana.send_text("oi")
    await settle(app, ana, 1)
    assert ana.inbox[0].buttons == ()
    assert "4 - Outros" in ana.texts[0]
    ana.send_text("4")
    await settle(app, ana, 2)
    assert ana.texts[-1] == "Certo!"


async def test_typing_is_shown_before_a_paced_bot_message(app):
    doc = flow_doc("Digitando", [("start", "start", {}),
                                 ("msg", "message", {"text": "Oi!", "typing_ms": 3000}),
                                 ("end", "end", {})],
                   [("start", "next", "msg"), ("msg", "next", "end")])
    await install(app, doc)
    ana = app.network.customer("5511987650016", "Ana")
    ana.send_text("oi")
    await settle(app)
    app.clock.advance(1)
    await settle(app)
    assert ana.texts == [] and "composing" in ana.presence_log
    await settle(app, ana, 1)
    assert ana.texts == ["Oi!"]


async def test_a_dead_http_server_times_out_without_holding_up_other_conversations(app):
    import asyncio

    async def never_answer(reader, writer):
        await asyncio.sleep(30)

    server = await asyncio.start_server(never_answer, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    try:
        slow = flow_doc("Lento", [
            ("start", "start", {}),
            ("call", "http_request", {"method": "GET", "url": f"http://127.0.0.1:{port}/x",
                                      "timeout_s": 1}),
            ("ok", "message", {"text": "respondeu"}),
            ("fail", "message", {"text": "o sistema não respondeu"}),
        ], [("start", "next", "call"), ("call", "ok", "ok"), ("call", "error", "fail")],
            triggers=[{"keyword": "pedido", "match": "contains"}])
        await install(app, slow, welcome=False)
        await install(app, welcome_doc())
        ana = app.network.customer("5511987650017", "Ana")
        bia = app.network.customer("5511987650018", "Bia")
        ana.send_text("meu pedido")
        await asyncio.sleep(0.05)
        bia.send_text("oi")
        await app.advance_until(lambda: len(bia.texts) >= 2, step=0.2, max_s=60)
        assert ana.texts == []  # still waiting on the dead server; Bia was served meanwhile
        await app.advance_until(lambda: len(ana.texts) >= 1, step=0.2, max_s=600)
        assert ana.texts == ["o sistema não respondeu"]
    finally:
        server.close()


async def test_go_to_flow_continues_in_the_other_published_flow_and_counts_there(app):
    other = flow_doc("Cardápio", [("start", "start", {}),
                                  ("msg", "message", {"text": "Hoje tem feijoada, {{nome}}"}),
                                  ("end", "end", {})],
                     [("start", "next", "msg"), ("msg", "next", "end")])
    other_id = await install(app, other, welcome=False)
    main = flow_doc("Entrada", [("start", "start", {}),
                                ("set", "set_variable", {"assignments": [
                                    {"name": "nome", "value": "{{contact.first_name}}"}]}),
                                ("jump", "go_to_flow", {"flow": "cardápio"})],
                    [("start", "next", "set"), ("set", "next", "jump")])
    main_id = await install(app, main)
    ana = app.network.customer("5511987650019", "Ana Lima")
    ana.send_text("oi")
    await settle(app, ana, 1)
    assert ana.texts == ["Hoje tem feijoada, Ana"]
    assert (await app.runtime.flows.node_counts(other_id))[("msg", "next")] == 1
    assert (await app.runtime.flows.node_counts(main_id))[("jump", "")] == 1


@pytest.mark.parametrize(("hours", "expected"), [
    ({}, "Aberto"),  # no schedule: the connection attends at any time, flows agree
    ({"mon": [["09:00", "18:00"]]}, "Fechado"),
])
async def test_business_hours_node_follows_the_connection_schedule_on_a_saturday(
        app, hours, expected):
    await app.runtime.connections.update(app.connection_id, business_hours=hours)
    await install(app, flow_doc("Horário", [
        ("start", "start", {}),
        ("hours", "business_hours", {"hours": "connection"}),
        ("open", "message", {"text": "Aberto"}),
        ("closed", "message", {"text": "Fechado"}),
    ], [("start", "next", "hours"), ("hours", "open", "open"), ("hours", "closed", "closed")]))
    app.clock.advance(5 * 24 * 3600)  # Monday 09:00 in São Paulo → Saturday 09:00
    ana = app.network.customer("5511987650077", "Ana")
    ana.send_text("oi")
    await settle(app, ana, 1)
    assert ana.texts == [expected]


async def test_blocked_contact_is_stored_but_gets_no_bot_greeting_or_waiting_ticket(app):
    from whatdesk.store import upsert_contact

    await app.runtime.connections.update(
        app.connection_id, greeting="Olá!", out_of_hours_message="Estamos fechados agora.",
        business_hours={"mon": [["10:00", "18:00"]]}, timezone="America/Sao_Paulo")
    await install(app, welcome_doc())
    # Ana talks to the bot, then is blocked in the middle of the menu.
    ana = app.network.customer("5511987650011", "Ana")
    ana.send_text("oi")
    await settle(app, ana, 2)
    [ana_ticket] = tickets(app)
    ana_contact = ana_ticket.contact_id
    # Blocked in whatdesk only (as while WhatsApp has not been told: the connection was
    # offline): what still arrives is stored, and nothing answers.
    await app.runtime.contacts.update(ana_contact, blocked=True)
    # Caio was blocked before he ever wrote.
    caio_row = await app.runtime.db.write(lambda s: upsert_contact(s, "5511987650012", None, "Caio"))
    await app.runtime.contacts.update(caio_row.id, blocked=True)
    caio = app.network.customer("5511987650012", "Caio")

    ana.send_text("1")
    caio.send_text("quero comprar")
    caio.send_text("alô?")
    await settle(app)
    app.clock.advance(5)
    await settle(app)

    assert len(ana.texts) == 2 and caio.texts == []  # no bot, greeting or out-of-hours
    rows = tickets(app)
    assert not [t for t in rows if t.status == TicketStatus.PENDING]  # nothing waiting
    [caio_ticket] = [t for t in rows if t.contact_id == caio_row.id]
    assert caio_ticket.status == TicketStatus.CLOSED and caio_ticket.unread_count == 0
    stored = [m.text for m in app.read(lambda s: list_messages(s, caio_ticket.id))]
    assert stored == ["quero comprar", "alô?"]  # kept, one conversation, never lost
    assert "1" in [m.text for m in app.read(lambda s: list_messages(s, ana_ticket.id))]

    # Unblocked, Caio is a customer like any other again.
    await app.runtime.contacts.update(caio_row.id, blocked=False)
    caio.send_text("oi de novo")
    await settle(app, caio, 1)
    assert caio.texts and [t for t in tickets(app)
                           if t.contact_id == caio_row.id and t.status != TicketStatus.CLOSED]

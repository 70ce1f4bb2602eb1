"""The ticket header driven by clicks: accept (and losing the race), return with Undo,
close with the farewell, reopen, transfer, tags, unread, new conversation, hand to the bot."""

from __future__ import annotations

import pytest
from composer_helpers import connected, context, customer_ticket, settle
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget
from ui_helpers import wait_until

from whatdesk.domain.enums import TicketStatus
from whatdesk.store import create_agent, create_queue, create_tag, contact_tags, ticket_events



def welcome_doc() -> dict:
    """start -> "Olá, {{contact.first_name}}!" -> menu (waits for the answer)."""
    nodes = [("start", "start", {}),
             ("hello", "message", {"text": "Olá, {{contact.first_name}}!"}),
             ("menu", "menu", {"text": "Escolha:", "options": [
                 {"id": "vendas", "label": "Vendas", "keywords": []},
                 {"id": "suporte", "label": "Suporte", "keywords": []}]})]
    return {"format": "whatdesk.flow", "schema": 1, "name": "Boas-vindas", "variables": {},
            "nodes": [{"id": i, "type": t, "x": n * 200, "y": 0, "config": c}
                      for n, (i, t, c) in enumerate(nodes)],
            "edges": [{"from": "start", "port": "next", "to": "hello"},
                      {"from": "hello", "port": "next", "to": "menu"}]}


@pytest.fixture
def pane(runtime, network, settings, qtbot, arun):
    """A chat-pane-like host: the header on top (toasts show over the host)."""
    from whatdesk.ui.inbox.composer import Composer
    from whatdesk.ui.inbox.ticket_header import TicketHeader

    row = arun(connected(runtime))
    ctx = context(runtime, settings)
    host = QWidget()
    host.resize(900, 420)
    column = QVBoxLayout(host)
    column.setContentsMargins(0, 0, 0, 0)
    host.header = TicketHeader(ctx)
    host.composer = Composer(ctx)
    column.addWidget(host.header)
    column.addStretch(1)
    column.addWidget(host.composer)
    host.connection = row
    qtbot.addWidget(host)
    host.show()
    yield host
    arun(settle())


def _open(pane, runtime, network, arun, **kw):
    customer, ticket = arun(customer_ticket(runtime, network, **kw))
    pane.header.set_ticket(ticket.id)
    pane.composer.set_ticket(ticket.id)
    arun(wait_until(lambda: pane.header.ticket is not None, what="header loaded"))
    return customer, ticket


def _ticket(runtime, tid):
    from whatdesk.store import get_ticket

    return runtime.db.read_sync(lambda s: get_ticket(s, tid))


def _click(qtbot, button):
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_accept_takes_the_ticket_and_enables_the_composer(pane, runtime, network, qtbot, arun):
    _, ticket = _open(pane, runtime, network, arun)
    header = pane.header
    assert header.accept_button.isVisible() and not header.transfer_button.isVisible()
    assert header.name.text() == "Ana Lima"
    assert header.subtitle.text() == "+55 11 98765-4321 · waiting"
    assert pane.composer.field.placeholderText() == "Accept to reply"  # peeking is allowed
    pane.grab().save("/tmp/header-waiting.png")
    _click(qtbot, header.accept_button)
    arun(wait_until(lambda: header.toast().text() == "You accepted this conversation.",
                    what="toast"))
    t = _ticket(runtime, ticket.id)
    assert (t.status, t.agent_id) == (TicketStatus.OPEN, pane.header.ctx.agent.id)
    arun(wait_until(lambda: header.subtitle.text().endswith("with you"), what="subtitle"))
    assert not header.accept_button.isVisible() and header.transfer_button.isVisible()
    arun(wait_until(lambda: pane.composer.field.isEnabled(), what="composer enabled"))
    pane.grab().save("/tmp/header-open.png")


def test_losing_the_accept_race_says_who_won(pane, runtime, network, qtbot, arun):
    _, ticket = _open(pane, runtime, network, arun)
    caio = runtime.db.write_sync(lambda s: create_agent(s, "Caio")).id
    arun(runtime.tickets.accept(ticket.id, caio))  # on another desktop, a moment earlier
    pane.header.accept_button.setVisible(True)  # this window had not repainted yet
    _click(qtbot, pane.header.accept_button)
    arun(wait_until(lambda: pane.header.toast().text() == "Caio accepted this conversation first.",
                    what="who won"))
    assert _ticket(runtime, ticket.id).agent_id == caio
    arun(wait_until(lambda: pane.header.subtitle.text().endswith("with Caio"), what="subtitle"))


def test_return_to_queue_has_undo(pane, runtime, network, qtbot, arun):
    _, ticket = _open(pane, runtime, network, arun)
    me = pane.header.ctx.agent.id
    arun(runtime.tickets.accept(ticket.id, me))
    arun(wait_until(lambda: pane.header.return_button.isVisible(), what="open actions"))
    _click(qtbot, pane.header.return_button)
    toast = pane.header.toast()
    arun(wait_until(lambda: toast.text() == "Returned to the waiting queue.", what="toast"))
    assert _ticket(runtime, ticket.id).status == TicketStatus.PENDING
    assert toast.undo_button.isVisible()
    _click(qtbot, toast.undo_button)
    arun(wait_until(lambda: _ticket(runtime, ticket.id).status == TicketStatus.OPEN, what="undo"))
    assert _ticket(runtime, ticket.id).agent_id == me


def test_close_confirms_the_farewell_in_red_then_reopen(pane, runtime, network, qtbot, arun):
    arun(runtime.connections.update(pane.connection.id, farewell="Obrigado pelo contato!"))
    customer, ticket = _open(pane, runtime, network, arun)
    arun(runtime.tickets.accept(ticket.id, pane.header.ctx.agent.id))
    arun(wait_until(lambda: pane.header.resolve_button.isVisible(), what="open actions"))
    _click(qtbot, pane.header.resolve_button)
    arun(wait_until(lambda: getattr(pane.header, "confirm_box", None) is not None
                    and pane.header.confirm_box.isVisible(), what="confirmation"))
    box = pane.header.confirm_box
    assert "Obrigado pelo contato!" in box.text()
    red = box.findChild(type(pane.header.accept_button), "confirmClose")
    assert "#EA0038" in red.styleSheet()
    _click(qtbot, red)
    arun(wait_until(lambda: _ticket(runtime, ticket.id).status == TicketStatus.CLOSED,
                    what="closed"))
    arun(wait_until(lambda: customer.texts == ["Obrigado pelo contato!"], what="farewell"))
    arun(wait_until(lambda: pane.header.reopen_button.isVisible(), what="reopen shown"))
    assert "closed" in pane.header.subtitle.text()
    arun(wait_until(lambda: not pane.composer.field.isEnabled(), what="composer off"))
    _click(qtbot, pane.header.reopen_button)
    arun(wait_until(lambda: _ticket(runtime, ticket.id).status == TicketStatus.OPEN,
                    what="reopened"))


def test_close_without_farewell_needs_no_dialog_and_undo_reopens(pane, runtime, network,
                                                                 qtbot, arun):
    _, ticket = _open(pane, runtime, network, arun)
    arun(runtime.tickets.accept(ticket.id, pane.header.ctx.agent.id))
    arun(wait_until(lambda: pane.header.resolve_button.isVisible(), what="open actions"))
    _click(qtbot, pane.header.resolve_button)
    toast = pane.header.toast()
    arun(wait_until(lambda: toast.text() == "Conversation closed.", what="closed toast"))
    assert getattr(pane.header, "confirm_box", None) is None
    _click(qtbot, toast.undo_button)
    arun(wait_until(lambda: _ticket(runtime, ticket.id).status == TicketStatus.OPEN, what="undo"))


def test_transfer_to_an_agent_with_a_note(pane, runtime, network, qtbot, arun):
    _, ticket = _open(pane, runtime, network, arun)
    caio = runtime.db.write_sync(lambda s: create_agent(s, "Caio")).id
    runtime.db.write_sync(lambda s: create_queue(s, "Vendas"))
    arun(runtime.tickets.accept(ticket.id, pane.header.ctx.agent.id))
    arun(wait_until(lambda: pane.header.transfer_button.isVisible(), what="open actions"))
    _click(qtbot, pane.header.transfer_button)
    arun(wait_until(lambda: getattr(pane.header, "transfer_dialog", None) is not None
                    and pane.header.transfer_dialog.isVisible(), what="dialog"))
    dialog = pane.header.transfer_dialog
    assert not dialog.transfer_button.isEnabled()  # nothing chosen yet
    dialog.agent.setCurrentIndex(dialog.agent.findText("Caio"))
    qtbot.keyClicks(dialog.note, "quer falar do boleto")
    dialog.grab().save("/tmp/header-transfer-dialog.png")
    _click(qtbot, dialog.transfer_button)
    arun(wait_until(lambda: _ticket(runtime, ticket.id).agent_id == caio, what="transferred"))
    arun(wait_until(lambda: pane.header.toast().text() == "Transferred to Caio.", what="toast"))
    events = runtime.db.read_sync(lambda s: ticket_events(s, ticket.id))
    assert events[-1].kind == "transfer" and "quer falar do boleto" in events[-1].detail


def test_tags_and_mark_unread_from_the_more_menu(pane, runtime, network, qtbot, arun):
    _, ticket = _open(pane, runtime, network, arun)
    vip = runtime.db.write_sync(lambda s: create_tag(s, "VIP")).id
    arun(runtime.tickets.accept(ticket.id, pane.header.ctx.agent.id))
    arun(runtime.messages.mark_read(ticket.id))
    pane.header._fill_more_menu()
    arun(wait_until(lambda: [a.text() for a in pane.header.tag_menu.actions()] == ["VIP"],
                    what="tags listed"))
    [action] = pane.header.tag_menu.actions()
    action.trigger()
    arun(wait_until(lambda: [t.id for t in runtime.db.read_sync(
        lambda s: contact_tags(s, ticket.contact_id))] == [vip], what="tagged"))
    assert pane.header.unread_action in pane.header.more_menu.actions()
    pane.header.unread_action.trigger()
    arun(wait_until(lambda: _ticket(runtime, ticket.id).unread_count == 1, what="unread"))


def test_new_conversation_validates_and_opens_the_ticket(pane, runtime, network, qtbot, arun):
    opened = []
    pane.header.open_ticket_requested.connect(opened.append)
    _click(qtbot, pane.header.new_button)
    arun(wait_until(lambda: getattr(pane.header, "new_dialog", None) is not None
                    and pane.header.new_dialog.isVisible(), what="dialog"))
    dialog = pane.header.new_dialog
    qtbot.keyClicks(dialog.phone, "123")
    assert not dialog.start_button.isEnabled()
    assert dialog.problem.text() == "This is not a valid phone number."
    dialog.phone.clear()
    qtbot.keyClicks(dialog.phone, "(11) 91234-5678")
    qtbot.keyClicks(dialog.name, "Duda")
    assert dialog.start_button.isEnabled() and dialog.problem.text() == ""
    _click(qtbot, dialog.start_button)
    arun(wait_until(lambda: opened, what="ticket opened"))
    t = _ticket(runtime, opened[0])
    assert (t.contact_phone, t.contact_name, t.status, t.agent_id) == (
        "5511912345678", "Duda", TicketStatus.OPEN, pane.header.ctx.agent.id)


def test_hand_back_to_the_bot_restarts_the_welcome_flow(pane, runtime, network, qtbot, arun):
    customer, ticket = _open(pane, runtime, network, arun)
    pane.header._fill_more_menu()  # no welcome flow yet: not offered
    arun(settle())
    assert not pane.header.bot_action.isVisible()
    flows = runtime.flows
    row = arun(flows.save_draft(welcome_doc()))
    arun(flows.publish(row.id))
    arun(flows.set_welcome_flow(pane.connection.id, row.id))
    arun(runtime.tickets.accept(ticket.id, pane.header.ctx.agent.id))
    arun(wait_until(lambda: pane.header.ticket.status == TicketStatus.OPEN, what="open"))
    pane.header._fill_more_menu()
    assert pane.header.bot_action in pane.header.more_menu.actions()
    arun(wait_until(lambda: pane.header.bot_action.isVisible(), what="offered"))
    pane.header.bot_action.trigger()
    arun(wait_until(lambda: _ticket(runtime, ticket.id).status == TicketStatus.BOT, what="bot"))
    # the bot's message may wait its "typing..." time and the connection's gap: be patient
    arun(wait_until(lambda: "Olá, Ana!" in customer.texts, timeout=30, what="welcome sent"))
    arun(wait_until(lambda: pane.header.accept_button.isVisible(), what="accept again"))

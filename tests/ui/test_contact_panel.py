"""The contact panel: what the agent sees of a customer and edits in place, and what is stored."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QApplication
from ui_helpers import wait_until

from whatdesk.domain.enums import ConnectionStatus as St
from whatdesk.engine.events import ContactChanged
from whatdesk.store import (
    contact_of_ticket,
    contact_tags,
    create_agent,
    create_queue,
    create_tag,
    list_tickets,
    transfer,
)

PHONE = "5511987654321"


async def _connected(runtime: Any) -> int:
    runtime.sandbox_auto_link = True
    row = await runtime.connections.create("Loja", channel="sandbox")
    await runtime.connections.connect(row.id)
    await wait_until(lambda: runtime.handle(row.id).supervisor.status is St.CONNECTED)
    return row.id


async def _conversation(runtime: Any, customer: Any, agent_id: int, texts: list[str],
                        reply: str, queue_id: int | None = None, close: bool = True) -> int:
    """A customer writes, an agent accepts and answers, and (optionally) closes."""
    before = {t.id for t in runtime.db.read_sync(lambda s: list_tickets(s))}
    for text in texts:
        customer.send_text(text)
    await runtime.drain()
    [ticket] = [t for t in runtime.db.read_sync(lambda s: list_tickets(s))
                if t.id not in before]
    if queue_id is not None:
        runtime.db.write_sync(lambda s: transfer(s, ticket.id, "system", queue_id=queue_id))
    await runtime.tickets.accept(ticket.id, agent_id)
    await runtime.messages.send_text(ticket.id, reply, agent_id=agent_id)
    await customer.wait_for_message()
    if close:
        await runtime.tickets.close(ticket.id)
    return ticket.id


@pytest.fixture
def shop(runtime: Any, network: Any, arun: Any) -> dict[str, Any]:
    """A Brazilian customer with two closed conversations and one open now."""

    async def build() -> dict[str, Any]:
        await _connected(runtime)
        bia = runtime.db.write_sync(lambda s: create_agent(s, "Bia Souza")).id
        caio = runtime.db.write_sync(lambda s: create_agent(s, "Caio Lima")).id
        suporte = runtime.db.write_sync(lambda s: create_queue(s, "Suporte", "#00a884")).id
        vendas = runtime.db.write_sync(lambda s: create_queue(s, "Vendas", "#7e57c2")).id
        ana = network.customer(PHONE, "Ana Paula")
        first = await _conversation(runtime, ana, bia, ["Oi, quero saber o preço do plano anual"],
                                    "Olá Ana! O plano anual sai por R$ 1.188,00.", vendas)
        second = await _conversation(runtime, ana, caio, ["Meu boleto não chegou"],
                                     "Reenviei o boleto para o seu e-mail.", suporte)
        current = await _conversation(runtime, ana, bia,
                                      ["Boa tarde!", "A entrega do pedido 4521 atrasou"],
                                      "Vou verificar com a transportadora.", suporte, close=False)
        contact = runtime.db.read_sync(lambda s: contact_of_ticket(s, current))
        return {"tickets": [first, second, current], "contact": contact.id, "ana": ana,
                "agent": bia}

    return arun(build())


@pytest.fixture
def panel(runtime: Any, settings: Any, qtbot: Any, shop: dict[str, Any], arun: Any) -> Any:
    from whatdesk.store import list_agents
    from whatdesk.ui.bridge import Bridge
    from whatdesk.ui.inbox.contact_panel import ContactPanel
    from whatdesk.ui.inbox.context import InboxContext

    agent = [a for a in runtime.db.read_sync(list_agents) if a.id == shop["agent"]][0]
    bridge = Bridge(runtime.bus)
    widget = ContactPanel(InboxContext(runtime, bridge, agent, settings))
    widget.resize(320, 1400)
    qtbot.addWidget(widget)
    widget.show()
    widget.show_ticket(shop["tickets"][-1])
    arun(wait_until(lambda: widget.card is not None, what="the contact loaded"))
    yield widget
    bridge.detach()


def _contact(runtime: Any, shop: dict[str, Any]) -> Any:
    return runtime.db.read_sync(lambda s: contact_of_ticket(s, shop["tickets"][-1]))


def _type_into(qtbot: Any, edit: Any, text: str) -> None:
    qtbot.mouseClick(edit.label, Qt.MouseButton.LeftButton)
    assert edit.editing
    edit.field.selectAll()
    qtbot.keyClicks(edit.field, text)


def test_panel_shows_the_customer_of_the_ticket(panel: Any, shop: dict[str, Any]) -> None:
    assert panel.name_edit.label.text() == "Ana Paula"  # the WhatsApp name until one is set
    assert panel.phone_label.text() == "+55 11 98765-4321"
    assert panel.avatar.text == "AP"
    assert not panel.blocked_banner.isVisible()
    assert panel.block_button.text() == "Block Ana Paula"


def test_editing_the_name_in_place_stores_it_and_shows_it(
        panel: Any, runtime: Any, shop: dict[str, Any], qtbot: Any, arun: Any) -> None:
    seen: list[Any] = []
    runtime.bus.subscribe(ContactChanged, seen.append)
    _type_into(qtbot, panel.name_edit, "Ana Paula Ferreira")
    qtbot.keyClick(panel.name_edit.field, Qt.Key.Key_Return)
    arun(wait_until(lambda: panel.name_edit.label.text() == "Ana Paula Ferreira",
                    what="the new name shown"))
    assert not panel.name_edit.editing
    assert _contact(runtime, shop).name == "Ana Paula Ferreira"
    # the ticket list repaints the contact's rows from this event
    assert seen[-1].contact_id == shop["contact"]
    assert set(seen[-1].ticket_ids) == set(shop["tickets"])
    # the reload the bus event causes shows the WhatsApp name under the one we gave
    arun(wait_until(lambda: panel.push_name_label.text() == "~Ana Paula",
                    what="the panel reloaded from the event"))
    assert panel.block_button.text() == "Block Ana Paula Ferreira"


def test_escape_cancels_an_edit_and_stores_nothing(
        panel: Any, runtime: Any, shop: dict[str, Any], qtbot: Any) -> None:
    _type_into(qtbot, panel.name_edit, "Outra Pessoa")
    qtbot.keyClick(panel.name_edit.field, Qt.Key.Key_Escape)
    assert not panel.name_edit.editing
    assert panel.name_edit.label.text() == "Ana Paula"
    assert _contact(runtime, shop).name == ""


def test_invalid_email_is_refused_with_the_reason_and_nothing_stored(
        panel: Any, runtime: Any, shop: dict[str, Any], qtbot: Any, arun: Any) -> None:
    _type_into(qtbot, panel.email_edit, "ana.ferreira@gmail")
    qtbot.keyClick(panel.email_edit.field, Qt.Key.Key_Return)
    arun(wait_until(lambda: panel.email_error.isVisible(), what="the e-mail error"))
    assert "e-mail" in panel.email_error.text().lower()
    assert "name@company.com" in panel.email_error.text() or \
        "nome@empresa.com.br" in panel.email_error.text()
    assert panel.email_edit.editing  # the agent can fix what they typed
    assert _contact(runtime, shop).email is None

    panel.email_edit.field.clear()
    qtbot.keyClicks(panel.email_edit.field, "ana.ferreira@gmail.com")
    qtbot.keyClick(panel.email_edit.field, Qt.Key.Key_Return)
    arun(wait_until(lambda: panel.email_edit.label.text() == "ana.ferreira@gmail.com",
                    what="the e-mail shown"))
    assert not panel.email_error.isVisible()
    assert _contact(runtime, shop).email == "ana.ferreira@gmail.com"


def test_tags_are_added_with_the_completer_and_removed_with_the_pill(
        panel: Any, runtime: Any, shop: dict[str, Any], qtbot: Any, arun: Any) -> None:
    runtime.db.write_sync(lambda s: create_tag(s, "Cliente VIP", "#f9a825"))
    panel.reload()
    arun(wait_until(lambda: "Cliente VIP" in panel.tag_completer.model().stringList(),
                    what="known tags offered"))
    qtbot.keyClicks(panel.tag_input, "cliente vip")  # case ignored: the existing tag
    qtbot.keyClick(panel.tag_input, Qt.Key.Key_Return)
    qtbot.keyClicks(panel.tag_input, "Atacado")  # a new tag is created
    qtbot.keyClick(panel.tag_input, Qt.Key.Key_Return)
    arun(wait_until(lambda: len(panel.tag_pills()) == 2, what="two pills"))
    assert sorted(p.label.text() for p in panel.tag_pills()) == ["Atacado", "Cliente VIP"]
    stored = runtime.db.read_sync(lambda s: contact_tags(s, shop["contact"]))
    assert sorted(t.name for t in stored) == ["Atacado", "Cliente VIP"]
    assert "Cliente VIP" not in panel.tag_completer.model().stringList()

    [vip] = [p for p in panel.tag_pills() if p.label.text() == "Cliente VIP"]
    qtbot.mouseClick(vip.remove, Qt.MouseButton.LeftButton)
    arun(wait_until(lambda: len(panel.tag_pills()) == 1, what="one pill left"))
    stored = runtime.db.read_sync(lambda s: contact_tags(s, shop["contact"]))
    assert [t.name for t in stored] == ["Atacado"]


def test_notes_are_saved_after_a_pause_and_on_focus_out(
        panel: Any, runtime: Any, shop: dict[str, Any], qtbot: Any, arun: Any) -> None:
    panel.notes_edit.setFocus()
    qtbot.keyClicks(panel.notes_edit, "Prefere contato de tarde.")
    arun(wait_until(lambda: _contact(runtime, shop).notes == "Prefere contato de tarde.",
                    what="notes saved after a pause"))
    arun(wait_until(lambda: panel.notes_status.text() == "Saved", what="'Saved' shown"))

    panel._notes_timer.setInterval(600_000)  # no pause now: only leaving the field saves
    qtbot.keyClick(panel.notes_edit, Qt.Key.Key_Return)
    qtbot.keyClicks(panel.notes_edit, "CNPJ na nota fiscal.")
    QApplication.sendEvent(panel.notes_edit, QFocusEvent(QEvent.Type.FocusOut,
                                                         Qt.FocusReason.TabFocusReason))
    arun(wait_until(lambda: _contact(runtime, shop).notes
                    == "Prefere contato de tarde.\nCNPJ na nota fiscal.",
                    what="notes saved on focus-out"))
    assert panel.notes_edit.toPlainText() == _contact(runtime, shop).notes


def test_notes_over_the_size_cap_are_refused(
        panel: Any, runtime: Any, shop: dict[str, Any], arun: Any) -> None:
    panel.notes_edit.setPlainText("x" * 11_000)
    panel.save_notes()
    arun(wait_until(lambda: "10 KB" in panel.notes_status.text(), what="the size error"))
    assert _contact(runtime, shop).notes == ""


def test_custom_fields_add_edit_and_remove(
        panel: Any, runtime: Any, shop: dict[str, Any], qtbot: Any, arun: Any) -> None:
    qtbot.mouseClick(panel.add_field_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(panel.new_key, "CPF")
    qtbot.keyClick(panel.new_key, Qt.Key.Key_Return)
    qtbot.keyClicks(panel.new_value, "123.456.789-09")
    qtbot.keyClick(panel.new_value, Qt.Key.Key_Return)
    arun(wait_until(lambda: len(panel.field_rows) == 1, what="the field shown"))
    assert not panel.new_field.isVisible()
    assert panel.field_rows[0].name.text() == "CPF"
    assert panel.field_rows[0].value.label.text() == "123.456.789-09"
    assert _contact(runtime, shop).custom_fields == {"CPF": "123.456.789-09"}

    _type_into(qtbot, panel.field_rows[0].value, "987.654.321-00")
    qtbot.keyClick(panel.field_rows[0].value.field, Qt.Key.Key_Return)
    arun(wait_until(lambda: _contact(runtime, shop).custom_fields == {"CPF": "987.654.321-00"},
                    what="the value edited"))
    arun(wait_until(lambda: panel.field_rows
                    and panel.field_rows[0].value.label.text() == "987.654.321-00",
                    what="the edited value shown"))

    # a second field with the same name (case ignored) is refused
    qtbot.mouseClick(panel.add_field_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(panel.new_key, "cpf")
    qtbot.keyClick(panel.new_key, Qt.Key.Key_Return)
    qtbot.keyClicks(panel.new_value, "1")
    qtbot.keyClick(panel.new_value, Qt.Key.Key_Return)
    arun(wait_until(lambda: panel.fields_error.isVisible(), what="the duplicate refused"))
    assert "cpf" in panel.fields_error.text().lower()
    assert _contact(runtime, shop).custom_fields == {"CPF": "987.654.321-00"}
    qtbot.keyClick(panel.new_value, Qt.Key.Key_Escape)
    assert not panel.new_field.isVisible()

    qtbot.mouseClick(panel.field_rows[0].remove, Qt.MouseButton.LeftButton)
    arun(wait_until(lambda: not panel.field_rows, what="the field removed"))
    assert _contact(runtime, shop).custom_fields == {}


def test_previous_tickets_are_listed_and_expand_to_their_messages(
        panel: Any, shop: dict[str, Any], arun: Any) -> None:
    first, second, current = shop["tickets"]
    ids = [panel.history.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole)
           for i in range(panel.history.topLevelItemCount())]
    assert ids == [current, second, first]  # newest first
    text = panel.history_item(second).text(0)
    assert "Closed" in text and "Caio Lima" in text and "Suporte" in text
    assert "Reenviei o boleto" in text  # the last message
    assert "this conversation" in panel.history_item(current).text(0)

    item = panel.history_item(first)
    item.setExpanded(True)
    arun(wait_until(lambda: item.childCount() == 2 and "Loading" not in item.child(0).text(0),
                    what="the messages of the first ticket"))
    lines = [item.child(i).text(0) for i in range(item.childCount())]
    assert lines[0].startswith("Customer") and "preço do plano anual" in lines[0]
    assert lines[1].startswith("You") and "R$ 1.188,00" in lines[1]
    assert not item.child(0).flags() & Qt.ItemFlag.ItemIsEditable


def test_block_and_unblock_are_stored_and_shown(
        panel: Any, runtime: Any, shop: dict[str, Any], qtbot: Any, arun: Any) -> None:
    qtbot.mouseClick(panel.block_button, Qt.MouseButton.LeftButton)
    arun(wait_until(lambda: panel.blocked_banner.isVisible(), what="the blocked banner"))
    assert _contact(runtime, shop).blocked
    assert panel.block_button.text() == "Unblock Ana Paula"
    assert arun(runtime.contacts.is_blocked(shop["contact"]))
    # WhatsApp itself blocks the number: what she writes now never reaches the account
    arun(wait_until(lambda: panel.block_outcome.isVisible(), what="the outcome"))
    assert panel.block_outcome.text() == "Blocked on WhatsApp too."
    shop["ana"].send_text("Ainda estou aguardando")
    arun(runtime.drain())
    from whatdesk.store import list_messages
    texts = [m.text for m in runtime.db.read_sync(
        lambda s: list_messages(s, shop["tickets"][-1]))]
    assert "Ainda estou aguardando" not in texts and len(shop["ana"].undelivered) == 1

    qtbot.mouseClick(panel.block_button, Qt.MouseButton.LeftButton)
    arun(wait_until(lambda: not panel.blocked_banner.isVisible(), what="the banner gone"))
    assert not _contact(runtime, shop).blocked
    assert panel.block_button.text() == "Block Ana Paula"
    arun(wait_until(lambda: panel.block_outcome.text() == "Unblocked on WhatsApp too.",
                    what="the unblock outcome"))
    shop["ana"].send_text("Agora chegou?")
    arun(runtime.drain())
    assert "Agora chegou?" in [m.text for m in runtime.db.read_sync(
        lambda s: list_messages(s, shop["tickets"][-1]))]


def test_block_while_offline_reaches_whatsapp_when_the_connection_is_back(
        panel: Any, runtime: Any, network: Any, shop: dict[str, Any], qtbot: Any,
        arun: Any) -> None:
    from whatdesk.services.runtime import sandbox_account_phone

    [cid] = runtime.db.read_sync(lambda s: [t.connection_id for t in list_tickets(s)][:1])
    account = network.account(sandbox_account_phone(cid))
    arun(runtime.connections.disconnect(cid))
    arun(wait_until(lambda: not runtime.handle(cid).sender.connected, what="offline"))
    qtbot.mouseClick(panel.block_button, Qt.MouseButton.LeftButton)
    arun(wait_until(lambda: panel.block_outcome.isVisible(), what="the outcome"))
    assert "offline" in panel.block_outcome.text()
    assert _contact(runtime, shop).blocked and PHONE not in account.blocked
    panel.grab().save("/tmp/i7gaps-block-offline.png")

    arun(runtime.connections.connect(cid))
    arun(wait_until(lambda: PHONE in account.blocked, what="told on reconnect"))
    arun(runtime.drain())
    shop["ana"].send_text("Alô?")
    assert len(shop["ana"].undelivered) == 1


def test_an_edit_elsewhere_reaches_the_panel_through_the_bus(
        panel: Any, runtime: Any, shop: dict[str, Any], arun: Any) -> None:
    arun(runtime.contacts.update(shop["contact"], name="Ana P. Ferreira"))
    arun(wait_until(lambda: panel.name_edit.label.text() == "Ana P. Ferreira",
                    what="the panel follows the store"))
    assert _contact(runtime, shop).name == "Ana P. Ferreira"


def test_no_ticket_shows_the_empty_state_and_collapse_is_remembered(
        panel: Any, settings: Any) -> None:
    panel.show_ticket(None)
    assert panel.empty.isVisible() and not panel.scroll.isVisible()
    panel.set_collapsed(True)
    assert not panel.isVisible() and panel.is_collapsed()
    assert settings.value("inbox/contact_panel_collapsed", type=bool) is True
    panel.set_collapsed(False)
    assert panel.isVisible()


def test_screenshot(panel: Any, runtime: Any, shop: dict[str, Any], arun: Any) -> None:
    """Not an assertion: writes /tmp/contact-panel.png when WHATDESK_SCREENSHOTS is set."""
    if not os.environ.get("WHATDESK_SCREENSHOTS"):
        pytest.skip("set WHATDESK_SCREENSHOTS=1 to write the screenshot")
    from sqlalchemy import update

    from whatdesk.store._sql import tickets_t

    now = datetime.now(UTC)
    first, second, current = shop["tickets"]
    for tid, days, hours in ((first, 62, 3), (second, 19, 26)):
        start = now - timedelta(days=days)
        runtime.db.write_sync(lambda s, tid=tid, start=start, hours=hours: s.execute(
            update(tickets_t).where(tickets_t.c.id == tid).values(
                created_at=start, last_message_at=start + timedelta(hours=hours),
                closed_at=start + timedelta(hours=hours))))
    cid = shop["contact"]
    arun(runtime.contacts.update(cid, name="Ana Paula Ferreira", email="ana.ferreira@gmail.com",
                                 notes="Prefere contato à tarde. Pedir CNPJ para a nota fiscal.",
                                 custom_fields={"CPF": "123.456.789-09", "Cidade": "Campinas/SP",
                                                "Plano": "Anual"}))
    runtime.db.write_sync(lambda s: create_tag(s, "Cliente VIP", "#f9a825"))
    for name in ("Cliente VIP", "Atacado", "Entrega"):
        arun(runtime.contacts.add_tag(cid, name))
    arun(wait_until(lambda: len(panel.tag_pills()) == 3 and panel.field_rows
                    and panel.name_edit.label.text() == "Ana Paula Ferreira"))
    item = panel.history_item(second)
    item.setExpanded(True)
    arun(wait_until(lambda: item.childCount() == 2 and "Loading" not in item.child(0).text(0)))
    panel.resize(320, 1500)
    panel.grab().save("/tmp/contact-panel.png")
    # the blocked state and a refused e-mail, as the agent sees them
    arun(runtime.contacts.set_blocked(cid, True))
    arun(wait_until(lambda: panel.blocked_banner.isVisible()))
    panel.email_edit.start_editing()
    panel.email_edit.field.setText("ana.ferreira@gmail")
    panel.email_edit.field.returnPressed.emit()
    arun(wait_until(lambda: panel.email_error.isVisible()))
    panel.grab().save("/tmp/contact-panel-blocked.png")


def test_the_page_brings_a_hidden_panel_back_with_alt_i(
        runtime: Any, settings: Any, qtbot: Any, shop: dict[str, Any]) -> None:
    from whatdesk.store import list_agents
    from whatdesk.ui.bridge import Bridge
    from whatdesk.ui.inbox.context import InboxContext
    from whatdesk.ui.inbox.page import InboxPage

    agent = runtime.db.read_sync(list_agents)[0]
    bridge = Bridge(runtime.bus)
    page = InboxPage(InboxContext(runtime, bridge, agent, settings))
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    qtbot.waitExposed(page)
    qtbot.mouseClick(page.contact.close_button, Qt.MouseButton.LeftButton)
    assert not page.contact.isVisible()
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)  # shortcuts go to the active window only
    qtbot.keyClick(page, Qt.Key.Key_I, Qt.KeyboardModifier.AltModifier)
    assert page.contact.isVisible()
    bridge.detach()


def test_a_new_message_of_the_customer_updates_the_history_preview(
        panel: Any, shop: dict[str, Any], arun: Any) -> None:
    shop["ana"].send_text("Alguma novidade sobre a entrega?")
    arun(wait_until(lambda: "Alguma novidade" in panel.history_item(shop["tickets"][-1]).text(0),
                    what="the last message in the history"))
    assert "Alguma novidade" not in panel.history_item(shop["tickets"][0]).text(0)


def test_the_customers_whatsapp_picture_replaces_the_initials(
        panel: Any, runtime: Any, shop: dict[str, Any], arun: Any) -> None:
    from whatdesk.channels.sandbox.media import portrait_png

    assert panel.avatar.image is None  # no picture on WhatsApp: initials
    shop["ana"].picture = portrait_png(4)
    [cid] = {t.connection_id for t in runtime.db.read_sync(lambda s: list_tickets(s))}
    arun(runtime.avatars.refresh(shop["contact"], cid, force=True))  # a day later
    arun(wait_until(lambda: panel.avatar.image is not None, what="the photo"))
    assert (panel.avatar.image.width(), panel.avatar.image.height()) == (96, 96)
    panel.grab().save("/tmp/i7gaps-panel-photo.png")


def test_a_name_that_looks_like_html_is_shown_as_typed_not_rendered(
        panel: Any, runtime: Any, shop: dict[str, Any], qtbot: Any, arun: Any) -> None:
    """A customer controls their name: markup in it must reach the agent as text (a rendered
    <img> could load a file from this computer)."""
    typed = '<img src="file:///etc/hosts"><b>Ana</b>'
    _type_into(qtbot, panel.name_edit, typed)
    qtbot.keyClick(panel.name_edit.field, Qt.Key.Key_Return)
    arun(wait_until(lambda: panel.name_edit.label.text() == typed, what="the new name shown"))
    label = panel.name_edit.label
    assert label.textFormat() == Qt.TextFormat.PlainText  # drawn as these characters

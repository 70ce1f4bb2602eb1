"""The Connections screen driven like a user, on the real engine with the sandbox channel."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any


from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from whatdesk.services.runtime import sandbox_account_phone
from whatdesk.ui.connections.connection_dialog import ConnectionDialog
from whatdesk.ui.connections.link_dialogs import PairingCodeDialog, QrDialog
from whatdesk.ui.connections.model import Role

from ui_helpers import wait_until


def row_texts(win: Any) -> dict[str, str]:
    model = win.connections_page.model
    return {model.index(i).data(): model.index(i).data(Role.STATUS_TEXT)
            for i in range(model.rowCount())}


def box_button(box: QMessageBox, text: str) -> Any:
    """A message box's button as the user finds it: by its words."""
    return next(b for b in box.buttons() if b.text().replace("&", "") == text)


def click(qtbot: Any, button: Any) -> None:
    assert button.isEnabled(), f"{button.text()} is disabled"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


async def add_sandbox_connection(win: Any, qtbot: Any, name: str) -> int:
    page = win.connections_page
    click(qtbot, page.buttons["add"])
    dialog = page.dialog
    assert isinstance(dialog, ConnectionDialog)
    qtbot.keyClicks(dialog.name, name)
    dialog.channel.setCurrentIndex(dialog.channel.findData("sandbox"))
    click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Save))
    await wait_until(lambda: name in row_texts(win), what=f"row {name}")
    await wait_until(lambda: page.dialog is None, what="dialog closed")
    return page.selected_id()


async def link_by_qr(win: Any, qtbot: Any, network: Any, cid: int) -> None:
    page = win.connections_page
    page.select(cid)
    click(qtbot, page.buttons["qr"])
    dialog = page.dialog
    await wait_until(lambda: not dialog.qr_label.pixmap().isNull(), what="QR shown")
    network.scan_qr(sandbox_account_phone(cid))
    await wait_until(lambda: dialog.connected, what="dialog reports success")


def test_connection_added_through_the_dialog_appears_in_the_list_and_database(
        window: Any, qtbot: Any, runtime: Any, arun: Any) -> None:
    async def scenario() -> None:
        await add_sandbox_connection(window, qtbot, "Vendas")
        assert row_texts(window) == {"Vendas": "Not linked yet"}
        rows = await runtime.connections.list()
        assert [(r.name, r.channel) for r in rows] == [("Vendas", "sandbox")]
        assert "1 connection" in window.health_label.text()

    arun(scenario())


def test_empty_name_is_refused_inline_and_nothing_is_saved(
        window: Any, qtbot: Any, runtime: Any, arun: Any) -> None:
    async def scenario() -> None:
        page = window.connections_page
        click(qtbot, page.buttons["add"])
        dialog = page.dialog
        dialog.greeting.insertPlainText("Olá!")  # QTest types ASCII only
        click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Save))
        assert dialog.isVisible()
        assert dialog.name_error.isVisible() and "name" in dialog.name_error.text()
        assert dialog.greeting.toPlainText() == "Olá!"  # nothing the user typed is lost
        assert await runtime.connections.list() == []

    arun(scenario())


def test_duplicate_name_error_from_the_service_keeps_the_dialog_open(
        window: Any, qtbot: Any, runtime: Any, arun: Any) -> None:
    async def scenario() -> None:
        await add_sandbox_connection(window, qtbot, "Vendas")
        page = window.connections_page
        click(qtbot, page.buttons["add"])
        dialog = page.dialog
        qtbot.keyClicks(dialog.name, "vendas")
        click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Save))
        await wait_until(lambda: dialog.form_error.isVisible(), what="service error shown")
        # in the user's language, not the service's Portuguese sentence
        assert dialog.form_error.text() == ("Another connection already has this name. "
                                            "Choose another name.")
        assert dialog.isVisible() and dialog.name.text() == "vendas"
        assert len(await runtime.connections.list()) == 1

    arun(scenario())


def test_business_hours_with_closing_before_opening_are_refused_inline(
        window: Any, qtbot: Any, arun: Any) -> None:
    async def scenario() -> None:
        page = window.connections_page
        click(qtbot, page.buttons["add"])
        dialog = page.dialog
        qtbot.keyClicks(dialog.name, "Loja")
        dialog.use_hours.setChecked(True)
        monday = dialog.days[0]
        monday.start.setTime(monday.end.time().addSecs(3600))
        click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Save))
        assert dialog.isVisible()
        assert dialog.tabs.currentIndex() == 2  # the tab with the problem is brought forward
        assert monday.error.isVisible()

    arun(scenario())


def test_business_hours_and_messages_are_saved_from_the_dialog(
        window: Any, qtbot: Any, runtime: Any, arun: Any) -> None:
    async def scenario() -> None:
        page = window.connections_page
        click(qtbot, page.buttons["add"])
        dialog = page.dialog
        qtbot.keyClicks(dialog.name, "Loja")
        dialog.channel.setCurrentIndex(dialog.channel.findData("sandbox"))
        dialog.out_of_hours.insertPlainText("Estamos fechados, voltamos às 9h.")
        dialog.use_hours.setChecked(True)
        dialog.days[6].open.setChecked(False)  # Sunday closed
        dialog.timezone.setCurrentText("America/Manaus")
        click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Save))
        await wait_until(lambda: page.dialog is None, what="dialog closed")
        (row,) = await runtime.connections.list()
        assert row.out_of_hours_message == "Estamos fechados, voltamos às 9h."
        assert row.business_hours["mon"] == [["09:00", "18:00"]]
        assert "sun" not in row.business_hours
        assert row.timezone == "America/Manaus"

    arun(scenario())


def test_sandbox_qr_scan_links_the_connection_and_the_dialog_reports_success(
        window: Any, qtbot: Any, network: Any, arun: Any) -> None:
    async def scenario() -> None:
        cid = await add_sandbox_connection(window, qtbot, "Vendas")
        page = window.connections_page
        click(qtbot, page.buttons["qr"])
        dialog = page.dialog
        assert isinstance(dialog, QrDialog)
        await wait_until(lambda: not dialog.qr_label.pixmap().isNull(), what="QR shown")
        assert dialog.qr_label.pixmap().width() >= 300  # big enough to scan
        assert re.search(r"expires in \d+ s", dialog.status.text())
        await wait_until(lambda: row_texts(window)["Vendas"]
                         == "Waiting for the QR code to be scanned", what="row waits for QR")
        network.scan_qr(sandbox_account_phone(cid))
        await wait_until(lambda: row_texts(window)["Vendas"] == "Connected", what="connected")
        await wait_until(lambda: dialog.connected, what="dialog success")
        assert "Connected" in dialog.status.text()
        await wait_until(lambda: page.dialog is None, what="dialog closes itself")
        assert "1 connected" in window.health_label.text()
        # only what makes sense now is enabled
        assert not page.buttons["qr"].isEnabled()
        assert page.buttons["disconnect"].isEnabled() and page.buttons["logout"].isEnabled()

    arun(scenario())


def test_expired_qr_offers_a_new_code(window: Any, qtbot: Any, network: Any, arun: Any) -> None:
    async def scenario() -> None:
        cid = await add_sandbox_connection(window, qtbot, "Vendas")
        page = window.connections_page
        click(qtbot, page.buttons["qr"])
        dialog = page.dialog
        await wait_until(lambda: not dialog.qr_label.pixmap().isNull(), what="QR shown")
        network.expire_qr(sandbox_account_phone(cid))
        await wait_until(lambda: dialog.new_code.isVisible(), what="new code offered")
        assert dialog.qr_label.pixmap().isNull()
        click(qtbot, dialog.new_code)
        await wait_until(lambda: not dialog.qr_label.pixmap().isNull(), what="new QR shown")
        network.scan_qr(sandbox_account_phone(cid))
        await wait_until(lambda: dialog.connected, what="linked with the new code")

    arun(scenario())


def test_network_loss_shows_the_retry_countdown_then_reconnects(
        window: Any, qtbot: Any, network: Any, arun: Any) -> None:
    async def scenario() -> None:
        cid = await add_sandbox_connection(window, qtbot, "Vendas")
        await link_by_qr(window, qtbot, network, cid)
        network.disconnect(sandbox_account_phone(cid), will_retry=False)
        countdown = re.compile(r"Disconnected — (retrying in \d+ s|trying again now)")
        await wait_until(lambda: countdown.fullmatch(row_texts(window)["Vendas"]), what="countdown")
        assert "reconnecting" in window.health_label.text()
        await wait_until(lambda: row_texts(window)["Vendas"] == "Connected", timeout=20,
                         what="automatic reconnect")

    arun(scenario())


def test_disconnect_by_the_user_stops_the_connection(
        window: Any, qtbot: Any, network: Any, runtime: Any, arun: Any) -> None:
    async def scenario() -> None:
        cid = await add_sandbox_connection(window, qtbot, "Vendas")
        await link_by_qr(window, qtbot, network, cid)
        page = window.connections_page
        await wait_until(lambda: page.buttons["disconnect"].isEnabled(), what="disconnect enabled")
        click(qtbot, page.buttons["disconnect"])
        await wait_until(lambda: row_texts(window)["Vendas"] == "Disconnected", what="stopped")
        assert page.buttons["reconnect"].isEnabled()
        assert (await runtime.connections.get(cid)).user_disconnected
        click(qtbot, page.buttons["reconnect"])
        await wait_until(lambda: row_texts(window)["Vendas"] == "Connected", what="reconnected")

    arun(scenario())


def test_delete_asks_first_and_keeps_conversations_unless_ticked(
        window: Any, qtbot: Any, runtime: Any, arun: Any) -> None:
    async def scenario() -> None:
        await add_sandbox_connection(window, qtbot, "Vendas")
        page = window.connections_page
        click(qtbot, page.buttons["delete"])
        box = page.dialog
        assert isinstance(box, QMessageBox) and box.isVisible()
        assert "Vendas" in box.text()
        assert box.checkBox().text() == "Also delete its conversations"
        assert not box.checkBox().isChecked()
        click(qtbot, box_button(box, "Cancel"))
        await wait_until(lambda: page.dialog is None, what="box closed")
        assert "Vendas" in row_texts(window)
        assert len(await runtime.connections.list()) == 1

        click(qtbot, page.buttons["delete"])
        box = page.dialog
        click(qtbot, box_button(box, "Delete"))
        await wait_until(lambda: row_texts(window) == {}, what="row removed")
        assert await runtime.connections.list() == []
        assert page.empty.isVisible()

    arun(scenario())


def test_deleting_a_connection_whatsapp_cannot_reach_tells_to_unlink_on_the_phone(
        window: Any, qtbot: Any, network: Any, runtime: Any, arun: Any) -> None:
    async def scenario() -> None:
        cid = await add_sandbox_connection(window, qtbot, "Vendas")
        await link_by_qr(window, qtbot, network, cid)
        window.connections_page.dialog.close()
        await wait_until(lambda: window.connections_page.dialog is None, what="QR closed")
        network.set_online(sandbox_account_phone(cid), False)  # the unlink cannot reach it
        page = window.connections_page
        page.select(cid)
        click(qtbot, page.buttons["delete"])
        click(qtbot, box_button(page.dialog, "Delete"))
        await wait_until(lambda: row_texts(window) == {}, what="row removed")
        await wait_until(lambda: "Linked devices" in window.statusBar().currentMessage(),
                         what="told to remove the device on the phone")
        assert await runtime.connections.list() == []

    arun(scenario())


def test_phone_code_dialog_refuses_a_bad_number_and_links_with_the_code(
        window: Any, qtbot: Any, network: Any, arun: Any) -> None:
    async def scenario() -> None:
        cid = await add_sandbox_connection(window, qtbot, "Vendas")
        page = window.connections_page
        click(qtbot, page.buttons["code"])
        dialog = page.dialog
        assert isinstance(dialog, PairingCodeDialog)
        qtbot.keyClicks(dialog.phone, "12345")
        click(qtbot, dialog.get_code)
        assert dialog.phone_error.isVisible() and "valid phone number" in dialog.phone_error.text()
        assert dialog.code.isHidden()
        dialog.phone.clear()
        qtbot.keyClicks(dialog.phone, "+55 (11) 98765-4321")  # valid, but not this account's
        click(qtbot, dialog.get_code)
        await wait_until(lambda: dialog.phone_error.isVisible(), what="service error shown")
        assert dialog.phone_error.text().startswith(
            "This number does not belong to this connection.")
        assert "+5511987654321" in dialog.details.text.toPlainText()  # the raw words, folded
        assert not dialog.details.text.isVisible()
        assert dialog.phone.text() == "+55 (11) 98765-4321"  # kept for correction
        dialog.phone.clear()
        qtbot.keyClicks(dialog.phone, "+" + sandbox_account_phone(cid))
        click(qtbot, dialog.get_code)
        await wait_until(lambda: dialog.code.isVisible(), what="code shown")
        code = dialog.code.text()
        assert re.fullmatch(r"[A-Z0-9]{4}-?[A-Z0-9]{4}", code)
        assert "Linked devices" in dialog.instructions.text()
        network.enter_pairing_code(sandbox_account_phone(cid), code)
        await wait_until(lambda: row_texts(window)["Vendas"] == "Connected", what="connected")
        await wait_until(lambda: dialog.connected, what="dialog success")

    arun(scenario())


def test_status_bar_counts_waiting_tickets_and_unread_after_customers_write(
        window: Any, qtbot: Any, network: Any, arun: Any) -> None:
    async def scenario() -> None:
        cid = await add_sandbox_connection(window, qtbot, "Vendas")
        await link_by_qr(window, qtbot, network, cid)
        assert window.counts_label.text().startswith("0 waiting")
        network.customer("5511988887777", "Ana").send_text("Oi, vocês entregam?")
        network.customer("5521977776666", "João").send_text("Qual o horário?")
        await wait_until(lambda: "2 waiting" in window.counts_label.text(), what="2 waiting")
        await wait_until(lambda: "2 unread messages" in window.counts_label.text(),
                         what=f"unread ({window.counts_label.text()})")
        assert window.tray_tooltip() == "whatdesk — 2 unread, 2 waiting"

    arun(scenario())


def test_unread_count_is_the_number_of_unread_messages_not_conversations(
        window: Any, qtbot: Any, network: Any, arun: Any) -> None:
    async def scenario() -> None:
        cid = await add_sandbox_connection(window, qtbot, "Vendas")
        await link_by_qr(window, qtbot, network, cid)
        joao = network.customer("5521977776666", "João")
        joao.send_text("Qual o horário?")
        joao.send_text("E aos domingos?")
        await wait_until(lambda: "1 waiting" in window.counts_label.text(), what="1 waiting")
        await wait_until(lambda: "2 unread messages" in window.counts_label.text(), timeout=3,
                         what=f"unread ({window.counts_label.text()})")
        assert "1 unread" not in window.counts_label.text()  # messages, not conversations

    arun(scenario())


def test_editing_a_connection_loads_its_values_and_saves_changes(
        window: Any, qtbot: Any, runtime: Any, arun: Any) -> None:
    async def scenario() -> None:
        cid = await add_sandbox_connection(window, qtbot, "Vendas")
        page = window.connections_page
        click(qtbot, page.buttons["edit"])
        dialog = page.dialog
        assert dialog.name.text() == "Vendas"
        assert not dialog.channel.isEnabled()  # the transport never changes under a connection
        dialog.name.clear()
        qtbot.keyClicks(dialog.name, "Vendas Centro")
        dialog.rate.setValue(12)
        click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Save))
        await wait_until(lambda: "Vendas Centro" in row_texts(window), what="renamed row")
        row = await runtime.connections.get(cid)
        assert (row.name, row.rate_per_contact_per_min) == ("Vendas Centro", 12)

    arun(scenario())


def test_a_published_flow_can_be_chosen_as_the_connections_welcome_flow(
        window: Any, qtbot: Any, runtime: Any, arun: Any) -> None:
    flow_file = Path(__file__).parents[2] / "resources" / "flows" / "suporte.wdflow.json"

    async def scenario() -> None:
        cid = await add_sandbox_connection(window, qtbot, "Suporte")
        page = window.connections_page
        click(qtbot, page.buttons["edit"])
        hint = page.dialog.welcome_flow_hint.text()
        assert "No chatbot flow is published yet" in hint
        assert "whatdesk flow" not in hint  # a shop owner is not sent to a terminal
        page.dialog.reject()

        flow = await runtime.flows.import_file(flow_file)
        await runtime.flows.publish(flow.id)
        click(qtbot, page.buttons["edit"])
        dialog = page.dialog
        await wait_until(lambda: dialog.welcome_flow.count() == 2, what="published flow listed")
        dialog.welcome_flow.setCurrentIndex(dialog.welcome_flow.findText(flow.name))
        click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Save))
        await wait_until(lambda: page.dialog is None, what="dialog closed")
        assert (await runtime.connections.get(cid)).welcome_flow_id == flow.id

        click(qtbot, page.buttons["edit"])  # reopening shows the choice that was saved
        await wait_until(lambda: page.dialog.welcome_flow.currentText() == flow.name,
                         what="saved welcome flow selected")

    arun(scenario())

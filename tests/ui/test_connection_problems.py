"""What a new user hit on the Connections screen (issue 6, section 6), driven as a user would:
offline linking, untranslated reasons, log-out wording, the demo relinking, never-linked
connections after a restart, retry now, defaults and destructive confirmations."""

from __future__ import annotations

import asyncio
import os
import re
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QLocale, QPoint, Qt
from PySide6.QtWidgets import QMessageBox
from test_connections_ui import add_sandbox_connection, box_button, click, link_by_qr, row_texts
from ui_helpers import wait_until

from whatdesk.app import install_translators, start_demo
from whatdesk.domain.errors import ChannelError
from whatdesk.engine.backoff import Backoff
from whatdesk.services.runtime import Runtime, sandbox_account_phone
from whatdesk.ui.connections.link_dialogs import PairingCodeDialog, QrDialog
from whatdesk.ui.connections.model import Role

# What neonize raises when the computer is offline (Go's words, wrapped in ours).
GO_OFFLINE = ("Não foi possível iniciar o WhatsApp: failed to dial whatsapp server: dial tcp: "
              "lookup web.whatsapp.com on 127.0.0.53:53: no such host")
PORTUGUESE = re.compile(r"não|conex|desconectad|usuário|celular|sessão", re.IGNORECASE)


@pytest.fixture
def portuguese(qapp: Any) -> Any:
    translators = install_translators(qapp, "pt_BR")
    assert translators, "compile resources/i18n/whatdesk_pt_BR.qm first (update.sh)"
    yield
    for t in translators:
        qapp.removeTranslator(t)
    QLocale.setDefault(QLocale(QLocale.Language.English))


def shot(widget: Any, name: str) -> None:
    """WHATDESK_SHOTS=1: save what the user sees, to look at it (never committed)."""
    if os.environ.get("WHATDESK_SHOTS"):
        widget.grab().save(f"/tmp/ui-{name}.png")


def go_offline(runtime: Any, cid: int) -> dict[str, bool]:
    """The connection's channel fails to start the way neonize does without internet."""
    channel = runtime.handle(cid).channel
    real_start = channel.start
    state = {"offline": True}

    async def start() -> None:
        if state["offline"]:
            raise ChannelError(GO_OFFLINE)
        await real_start()

    channel.start = start
    return state


def tooltip(win: Any, name: str) -> str:
    model = win.connections_page.model
    for i in range(model.rowCount()):
        if model.index(i).data() == name:
            return str(model.index(i).data(Qt.ItemDataRole.ToolTipRole))
    raise AssertionError(name)


async def offline_qr_dialog(window: Any, qtbot: Any, runtime: Any) -> tuple[QrDialog, dict]:
    runtime.backoff_factory = lambda: Backoff(initial=40.0, jitter=0.0)
    cid = await add_sandbox_connection(window, qtbot, "Vendas")
    state = go_offline(runtime, cid)
    page = window.connections_page
    click(qtbot, page.buttons["qr"])
    dialog = page.dialog
    assert isinstance(dialog, QrDialog)
    await wait_until(lambda: dialog.failure is not None, what="failure shown")
    return dialog, state


def test_linking_offline_says_so_in_plain_words_with_a_countdown_and_try_again(
        window: Any, qtbot: Any, runtime: Any, network: Any, arun: Any) -> None:
    async def scenario() -> None:
        dialog, state = await offline_qr_dialog(window, qtbot, runtime)
        # the code square says what is wrong, not "Generating the code…" forever
        assert dialog.qr_label.text() == "This computer is not connected to the internet."
        status = dialog.status.text()
        assert "Check the cable or Wi-Fi." in status
        assert re.search(r"Trying again in (39|40) s\.", status)
        assert dialog.retry_now.isVisible() and dialog.retry_now.text() == "Try again now"
        # Go's words only behind "Details", folded
        assert dialog.details.isVisible() and not dialog.details.text.isVisible()
        assert "no such host" in dialog.details.text.toPlainText()
        assert "no such host" not in status and not PORTUGUESE.search(status)
        shot(dialog, "qr-offline")
        click(qtbot, dialog.details.toggle)
        assert dialog.details.text.isVisible()
        await asyncio.sleep(0.2)
        shot(dialog, "qr-offline-details")
        shot(window, "window-offline")
        # the list and its tooltip say the same, in English
        assert row_texts(window)["Vendas"].startswith("No internet — retrying in")
        assert tooltip(window, "Vendas") == ("This computer is not connected to the internet. "
                                             "Check the cable or Wi-Fi. whatdesk tries again "
                                             "by itself.")
        # the internet is back: no need to wait 40 s
        state["offline"] = False
        click(qtbot, dialog.retry_now)
        await wait_until(lambda: not dialog.qr_label.pixmap().isNull(), what="QR shown")
        assert dialog.failure is None and not dialog.details.isVisible()
        assert not dialog.retry_now.isVisible()
        network.scan_qr(sandbox_account_phone(dialog.connection_id))
        await wait_until(lambda: dialog.connected, what="linked")

    arun(scenario())


def test_linking_offline_reads_in_portuguese_too(
        portuguese: Any, window: Any, qtbot: Any, runtime: Any, arun: Any) -> None:
    async def scenario() -> None:
        dialog, _ = await offline_qr_dialog(window, qtbot, runtime)
        assert dialog.qr_label.text() == "Este computador não está conectado à internet."
        assert "Verifique o cabo ou o Wi-Fi." in dialog.status.text()
        assert re.search(r"Nova tentativa em (39|40) s\.", dialog.status.text())
        assert dialog.retry_now.text() == "Tentar agora"
        assert dialog.details.toggle.text() == "Detalhes"
        assert row_texts(window)["Vendas"].startswith("Sem internet — nova tentativa em")
        shot(dialog, "qr-offline-pt")

    arun(scenario())


def test_phone_code_dialog_shows_its_whole_error_and_instructions(
        window: Any, qtbot: Any, runtime: Any, network: Any, arun: Any) -> None:
    async def scenario() -> None:
        cid = await add_sandbox_connection(window, qtbot, "Vendas")
        page = window.connections_page
        click(qtbot, page.buttons["code"])
        dialog = page.dialog
        assert isinstance(dialog, PairingCodeDialog)
        qtbot.keyClicks(dialog.phone, "+55 11 98765-4321")  # not this sandbox account's
        click(qtbot, dialog.get_code)
        await wait_until(lambda: dialog.phone_error.isVisible(), what="error shown")
        await asyncio.sleep(0.2)  # let the layout settle as it would on screen
        shot(dialog, "pairing-error")
        error = dialog.phone_error
        assert not PORTUGUESE.search(error.text())
        assert error.height() >= error.heightForWidth(error.width())  # not clipped
        dialog.phone.clear()
        qtbot.keyClicks(dialog.phone, "+" + sandbox_account_phone(cid))
        click(qtbot, dialog.get_code)
        await wait_until(lambda: dialog.instructions.isVisible(), what="code shown")
        await asyncio.sleep(0.2)
        shot(dialog, "pairing-code")
        for label in (dialog.instructions, dialog.status, dialog.code):
            assert label.height() >= label.heightForWidth(label.width()), label.objectName()
            bottom = label.mapTo(dialog, QPoint(0, label.height())).y()
            assert bottom <= dialog.height(), label.objectName()

    arun(scenario())


def test_tooltips_and_logout_wording_follow_who_did_it(
        window: Any, qtbot: Any, runtime: Any, network: Any, arun: Any) -> None:
    async def scenario() -> None:
        cid = await add_sandbox_connection(window, qtbot, "Vendas")
        await link_by_qr(window, qtbot, network, cid)
        await wait_until(lambda: row_texts(window)["Vendas"] == "Connected", what="connected")
        assert tooltip(window, "Vendas") == "Connected"  # was "conectado"
        page = window.connections_page
        click(qtbot, page.buttons["disconnect"])
        await wait_until(lambda: row_texts(window)["Vendas"] == "Disconnected", what="stopped")
        assert tooltip(window, "Vendas") == "Disconnected by you."  # "desconectado pelo usuário"
        click(qtbot, page.buttons["reconnect"])
        await wait_until(lambda: row_texts(window)["Vendas"] == "Connected", what="reconnected")
        await wait_until(lambda: page.buttons["logout"].isEnabled(), what="log out enabled")
        click(qtbot, page.buttons["logout"])
        click(qtbot, box_button(page.dialog, "Log out"))
        await wait_until(lambda: row_texts(window)["Vendas"] == "Logged out — link again",
                         what="logged out by the user")  # not "Session ended on the phone"
        assert tooltip(window, "Vendas") == "You logged this connection out. Link it again to use it."
        assert "1 needs a new link" in window.health_label.text()
        # the same connection unlinked from the phone reads differently
        await link_by_qr(window, qtbot, network, cid)
        network.logout(sandbox_account_phone(cid))
        await wait_until(lambda: row_texts(window)["Vendas"] == "Unlinked on the phone",
                         what="logged out by the phone")
        assert tooltip(window, "Vendas") == ("This computer was unlinked on the phone. "
                                             "Link it again to use it.")

    arun(scenario())


def test_a_never_linked_connection_waits_for_the_user_after_a_restart(
        tmp_path: Path, network: Any, settings: Any, qtbot: Any, qapp: Any, arun: Any) -> None:
    from whatdesk.ui.main_window import MainWindow

    qapp.setQuitOnLastWindowClosed(False)
    first = Runtime.open(tmp_path / "data", None, sandbox=network)
    arun(first.start())
    cid = arun(first.connections.create("Vendas", "sandbox")).id
    arun(first.connections.connect(cid))  # showing QR codes nobody scans...
    arun(first.close())  # ...and the app is closed

    again = Runtime.open(tmp_path / "data", None, sandbox=network)
    try:
        arun(again.start())
        win = MainWindow.for_runtime(again, settings=settings)
        qtbot.addWidget(win)
        arun(win.load())
        assert row_texts(win) == {"Vendas": "Not linked yet"}
        assert win.health_label.text() == "1 connection: 1 not linked yet"
        page = win.connections_page
        assert page.buttons["qr"].isEnabled() and not page.buttons["reconnect"].isEnabled()
        win.close()
    finally:
        arun(again.close())


def test_retry_now_from_the_list_does_not_wait_for_the_backoff(
        window: Any, qtbot: Any, runtime: Any, network: Any, arun: Any) -> None:
    async def scenario() -> None:
        runtime.backoff_factory = lambda: Backoff(initial=50.0, jitter=0.0)
        cid = await add_sandbox_connection(window, qtbot, "Vendas")
        state = go_offline(runtime, cid)
        page = window.connections_page
        click(qtbot, page.buttons["qr"])
        click(qtbot, page.dialog.close_button)  # the user gives up for now
        await wait_until(lambda: "retrying in" in row_texts(window)["Vendas"], what="waiting")
        assert "1 not linked yet" in window.health_label.text()  # not "reconnecting"
        state["offline"] = False
        click(qtbot, page.buttons["reconnect"])  # "retry now", without waiting 50 s
        await wait_until(lambda: row_texts(window)["Vendas"]
                         == "Waiting for the QR code to be scanned", timeout=5,
                         what="new attempt at once")

    arun(scenario())


def test_logged_out_demo_links_again_in_the_app_and_with_demo(
        tmp_path: Path, network: Any, arun: Any) -> None:
    from whatdesk.domain.enums import ConnectionStatus as S

    rt = Runtime.open(tmp_path / "data", None, sandbox=network)
    arun(rt.start())
    driver = arun(start_demo(rt))
    try:
        cid = arun(rt.connections.list())[0].id
        assert rt.connections.live_status(cid)[0] is S.CONNECTED
        arun(rt.connections.logout(cid))
        assert rt.connections.live_status(cid)[0] is S.LOGGED_OUT
        arun(rt.connections.connect(cid))  # "Link by QR code" in the app: the demo phone scans

        async def linked() -> None:
            await wait_until(lambda: rt.connections.live_status(cid)[0] is S.CONNECTED,
                             what="demo linked again in the app")
        arun(linked())
        arun(rt.connections.logout(cid))
    finally:
        arun(driver.stop())
        arun(rt.close())

    from whatdesk.channels.sandbox import SandboxNetwork

    again = Runtime.open(tmp_path / "data", None, sandbox=SandboxNetwork())  # `whatdesk --demo`
    arun(again.start())
    driver = arun(start_demo(again))
    try:
        assert again.connections.live_status(cid)[0] is S.CONNECTED
    finally:
        arun(driver.stop())
        arun(again.close())


def test_first_connection_becomes_the_default(
        window: Any, qtbot: Any, runtime: Any, arun: Any) -> None:
    async def scenario() -> None:
        await add_sandbox_connection(window, qtbot, "Vendas")  # "Default" left unticked
        await add_sandbox_connection(window, qtbot, "Suporte")
        rows = {r.name: r.is_default for r in await runtime.connections.list()}
        assert rows == {"Vendas": True, "Suporte": False}
        model = window.connections_page.model
        assert [model.index(i).data(Role.IS_DEFAULT) for i in range(2)] == [True, False]

    arun(scenario())


def test_the_test_sandbox_is_offered_only_in_demo_mode(
        tmp_path: Path, settings: Any, qtbot: Any, qapp: Any, arun: Any) -> None:
    from whatdesk.ui.main_window import MainWindow

    rt = Runtime.open(tmp_path / "data", None)  # a real install: no simulated network
    try:
        win = MainWindow.for_runtime(rt, settings=settings)
        qtbot.addWidget(win)
        click(qtbot, win.connections_page.buttons["add"])
        dialog = win.connections_page.dialog
        assert [dialog.channel.itemText(i) for i in range(dialog.channel.count())] == ["WhatsApp"]
        dialog.close()
        win.close()
    finally:
        arun(rt.close())


def test_delete_and_log_out_confirmations_have_a_red_button_and_no_stock_icons(
        window: Any, qtbot: Any, runtime: Any, network: Any, arun: Any) -> None:
    async def scenario() -> None:
        cid = await add_sandbox_connection(window, qtbot, "Vendas")
        await link_by_qr(window, qtbot, network, cid)
        page = window.connections_page
        await wait_until(lambda: page.buttons["logout"].isEnabled(), what="log out enabled")
        for key, action in (("logout", "Log out"), ("delete", "Delete")):
            click(qtbot, page.buttons[key])
            box = page.dialog
            assert isinstance(box, QMessageBox)
            assert box.icon() is QMessageBox.Icon.NoIcon
            assert all(b.icon().isNull() for b in box.buttons())  # no green tick
            shot(box, f"confirm-{key}")
            go = box_button(box, action)
            centre = go.grab().toImage().pixelColor(go.width() // 2, 4)
            assert centre.red() > 180 and centre.green() < 90 and centre.blue() < 90, centre.name()
            assert box.defaultButton() is box_button(box, "Cancel")
            click(qtbot, box_button(box, "Cancel"))
            await wait_until(lambda: page.dialog is None, what="closed")
        assert await runtime.connections.list()  # nothing was deleted

    arun(scenario())


def test_the_cannot_start_box_speaks_english_with_the_raw_error_in_details(
        qapp: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from whatdesk import app

    shown: list[QMessageBox] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(
        (box.text(), box.informativeText(), box.detailedText())) or 0)
    not_a_dir = tmp_path / "file"
    not_a_dir.write_text("x")
    assert app.run(not_a_dir, None, demo=False) == 1
    text, advice, details = shown[0]
    assert text == f"The data folder “{not_a_dir}” cannot be used."
    assert advice == "Choose another folder with --data-dir or WHATDESK_DATA_DIR."
    assert not PORTUGUESE.search(text + advice)
    assert "Não foi possível" in details  # the raw words stay available



def test_every_reason_has_words_in_english_and_portuguese(qapp: Any) -> None:
    from whatdesk.domain.reasons import Reason
    from whatdesk.ui.reasons import reason_text

    english = {r: reason_text(r) for r in Reason if r is not Reason.NONE}
    generic = english[Reason.UNKNOWN]
    assert [r for r, text in english.items() if r is not Reason.UNKNOWN and text == generic] == []
    translators = install_translators(qapp, "pt_BR")
    try:
        untranslated = [r for r in english if reason_text(r) == english[r]]
    finally:
        for t in translators:
            qapp.removeTranslator(t)
        QLocale.setDefault(QLocale(QLocale.Language.English))
    assert untranslated == []


def test_statuses_saved_before_reason_codes_still_read_in_english(
        qapp: Any, qtbot: Any, settings: Any, arun: Any) -> None:
    from ui_fakes import FakeConnections, make_row

    from whatdesk.domain.enums import ConnectionStatus as S
    from whatdesk.engine.bus import EventBus
    from whatdesk.ui.main_window import MainWindow

    qapp.setQuitOnLastWindowClosed(False)
    bus = EventBus()
    jid = "5511987654321@s.whatsapp.net"
    service = FakeConnections(bus, [
        make_row(1, "Vendas", status=S.STOPPED, jid=jid, status_detail="desconectado pelo usuário"),
        make_row(2, "Suporte", status=S.CONNECTED, jid=jid, status_detail="conectado"),
    ])
    win = MainWindow(bus, service, settings=settings)
    qtbot.addWidget(win)
    arun(win.load())
    assert tooltip(win, "Vendas") == "Disconnected by you."
    assert tooltip(win, "Suporte") == "Connected"
    win.close()


def test_asking_for_a_phone_code_offline_says_there_is_no_internet(
        window: Any, qtbot: Any, runtime: Any, arun: Any) -> None:
    async def scenario() -> None:
        runtime.backoff_factory = lambda: Backoff(initial=40.0, jitter=0.0)
        cid = await add_sandbox_connection(window, qtbot, "Vendas")
        go_offline(runtime, cid)
        page = window.connections_page
        click(qtbot, page.buttons["code"])
        dialog = page.dialog
        qtbot.keyClicks(dialog.phone, "+" + sandbox_account_phone(cid))
        click(qtbot, dialog.get_code)
        await wait_until(lambda: dialog.phone_error.isVisible(), what="error shown")
        await asyncio.sleep(0.2)
        shot(dialog, "pairing-offline")
        assert dialog.phone_error.text() == ("This computer is not connected to the internet. "
                                             "Check the cable or Wi-Fi. whatdesk tries again "
                                             "by itself.")
        assert "no such host" in dialog.details.text.toPlainText()
        for label in (dialog.phone_error, dialog.status):
            assert not PORTUGUESE.search(label.text())
            assert label.height() >= label.heightForWidth(label.width())

    arun(scenario())

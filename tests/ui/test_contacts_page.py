"""The Contacts page, driven as an agent would: search, select, edit, write, add."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from ui_helpers import wait_until

from whatdesk.domain.enums import ConnectionStatus as St
from whatdesk.domain.enums import TicketStatus
from whatdesk.store import (
    create_tag,
    find_contact,
    get_contact,
    get_ticket,
    list_tickets,
    tag_contact,
    update_contact,
    upsert_contact,
)
from whatdesk.store._sql import contacts_t
from whatdesk.store.contact_list import PAGE_SIZE
from whatdesk.store.types import utc_now


async def _connected(runtime: Any) -> int:
    runtime.sandbox_auto_link = True
    row = await runtime.connections.create("Loja", channel="sandbox")
    await runtime.connections.connect(row.id)
    await wait_until(lambda: runtime.handle(row.id).supervisor.status is St.CONNECTED)
    return row.id


def _names(page: Any) -> list[str]:
    model = page.model
    return [model.contact_at(i).name for i in range(model.rowCount())]


def _click_row(qtbot: Any, page: Any, name: str) -> None:
    row = _names(page).index(name)
    rect = page.view.visualRect(page.model.index(row))
    qtbot.mouseClick(page.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


@pytest.fixture
def people(runtime: Any, network: Any, arun: Any) -> dict[str, Any]:
    """Ana wrote to the shop (a conversation exists); João was added by hand, with a tag."""

    async def build() -> dict[str, Any]:
        conn = await _connected(runtime)
        ana = network.customer("5511987654321", "Ana Paula")
        ana.send_text("Oi, vocês entregam no sábado?")
        await runtime.drain()
        joao = runtime.db.write_sync(lambda s: upsert_contact(
            s, phone="5521912345678", name="João Conceição"))
        runtime.db.write_sync(lambda s: update_contact(s, joao.id, email="joao@padaria.com.br"))
        vip = runtime.db.write_sync(lambda s: create_tag(s, "VIP", "#e53935"))
        runtime.db.write_sync(lambda s: tag_contact(s, joao.id, vip.id))
        return {"connection": conn, "joao": joao.id, "ana": ana}

    return arun(build())


def _open_contacts(window: Any, qtbot: Any, arun: Any) -> Any:
    qtbot.mouseClick(window.nav_buttons["contacts"], Qt.MouseButton.LeftButton)
    page = window.contacts_page
    assert page is not None and window.pages.currentWidget() is page
    assert window.nav_buttons["contacts"].isChecked()
    arun(wait_until(lambda: not page.model.busy and page.model.rowCount() > 0,
                    what="contacts listed"))
    return page


def test_search_select_edit_and_start_a_conversation(
        window: Any, runtime: Any, people: dict[str, Any], qtbot: Any, arun: Any) -> None:
    page = _open_contacts(window, qtbot, arun)
    assert _names(page) == ["Ana Paula", "João Conceição"]

    # accents and case ignored; the e-mail and the number are searched too
    qtbot.keyClicks(page.search, "joao")
    arun(wait_until(lambda: _names(page) == ["João Conceição"], what="João found"))
    page.search.clear()
    qtbot.keyClicks(page.search, "padaria")
    arun(wait_until(lambda: _names(page) == ["João Conceição"], what="found by e-mail"))
    page.search.clear()
    qtbot.keyClicks(page.search, "98765")
    arun(wait_until(lambda: _names(page) == ["Ana Paula"], what="found by number"))
    page.search.clear()
    arun(wait_until(lambda: len(_names(page)) == 2, what="everyone again"))

    # the tag filter
    page.tag_filter.setCurrentIndex(page.tag_filter.findText("VIP"))
    arun(wait_until(lambda: _names(page) == ["João Conceição"], what="VIP only"))
    page.tag_filter.setCurrentIndex(0)
    arun(wait_until(lambda: len(_names(page)) == 2, what="every tag"))

    # the keyboard: Ctrl+F, type, Down selects the first hit
    qtbot.keyClick(page, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.search.hasFocus()
    qtbot.keyClicks(page.search, "ana")
    arun(wait_until(lambda: _names(page) == ["Ana Paula"], what="Ana found"))
    qtbot.keyClick(page.search, Qt.Key.Key_Down)
    arun(wait_until(lambda: page.panel.card is not None
                    and page.panel.card.contact.display_name == "Ana Paula", what="Ana shown"))
    page.search.clear()
    arun(wait_until(lambda: len(_names(page)) == 2, what="everyone, once more"))

    # selecting shows the contact panel, without a ticket
    _click_row(qtbot, page, "João Conceição")
    panel = page.panel
    arun(wait_until(lambda: panel.contact_id == people["joao"], what="panel shows João"))
    assert page.right.currentWidget() is panel and panel.isVisibleTo(page)
    assert "+55 21 91234-5678" in panel.phone_label.text()
    assert not panel.close_button.isVisibleTo(page)  # the page's panel does not collapse
    assert [p.label.text() for p in panel.tag_pills()] == ["VIP"]

    # edit the name in place: the store and the list row follow
    qtbot.mouseClick(panel.name_edit.label, Qt.MouseButton.LeftButton)
    assert panel.name_edit.editing
    panel.name_edit.field.selectAll()
    panel.name_edit.field.insert("João da Padaria")  # (QTest types ASCII only)
    qtbot.keyClick(panel.name_edit.field, Qt.Key.Key_Return)
    arun(wait_until(lambda: runtime.db.read_sync(
        lambda s: get_contact(s, people["joao"])).name == "João da Padaria", what="name saved"))
    arun(wait_until(lambda: "João da Padaria" in _names(page), what="list row renamed"))

    # New conversation: a ticket that is mine, shown in the inbox
    arun(wait_until(lambda: page.new_conversation_button.isEnabled(), what="can write"))
    qtbot.mouseClick(page.new_conversation_button, Qt.MouseButton.LeftButton)
    arun(wait_until(lambda: window.pages.currentWidget() is window.inbox_holder,
                    what="inbox shown"))
    inbox = window.inbox_page
    arun(wait_until(lambda: inbox.chat.ticket_id is not None, what="chat opened"))
    ticket = runtime.db.read_sync(lambda s: get_ticket(s, inbox.chat.ticket_id))
    assert ticket.contact_id == people["joao"]
    assert ticket.status == TicketStatus.OPEN and ticket.agent_id == inbox.ctx.agent.id
    assert window.nav_buttons["inbox"].isChecked()

    # a second click reuses that open conversation instead of opening another
    qtbot.mouseClick(window.nav_buttons["contacts"], Qt.MouseButton.LeftButton)
    arun(wait_until(lambda: page.new_conversation_button.isEnabled() and not page.model.busy,
                    what="contacts again"))
    qtbot.mouseClick(page.new_conversation_button, Qt.MouseButton.LeftButton)
    arun(wait_until(lambda: window.pages.currentWidget() is window.inbox_holder,
                    what="inbox again"))
    tickets = runtime.db.read_sync(lambda s: list_tickets(s))
    assert [t.id for t in tickets if t.contact_id == people["joao"]] == [ticket.id]


def test_add_contact_refuses_a_bad_number_then_adds_a_good_one(
        window: Any, runtime: Any, people: dict[str, Any], qtbot: Any, arun: Any) -> None:
    page = _open_contacts(window, qtbot, arun)
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    dialog = page.add_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.name.insert("Márcia Lima")  # (QTest types ASCII only)
    qtbot.keyClicks(dialog.phone, "(56) 1234")
    assert not dialog.add_button.isEnabled()
    assert dialog.hint.text().startswith("Not a valid phone number")
    dialog.phone.clear()
    qtbot.keyClicks(dialog.phone, "(11) 97777-1234")
    assert dialog.add_button.isEnabled()
    assert dialog.hint.text() == "Saved as +55 11 97777-1234"
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    arun(wait_until(lambda: not dialog.isVisible(), what="dialog closed"))
    stored = runtime.db.read_sync(lambda s: find_contact(s, phone="5511977771234"))
    assert stored is not None and stored.name == "Márcia Lima"
    arun(wait_until(lambda: "Márcia Lima" in _names(page) and page.panel.contact_id == stored.id,
                    what="new contact listed and shown"))

    # the same number again is not doubled: the existing contact is shown
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    again = page.add_dialog
    qtbot.keyClicks(again.name, "Outra Marcia")
    qtbot.keyClicks(again.phone, "+55 11 97777-1234")
    qtbot.keyClick(again.phone, Qt.Key.Key_Return)
    arun(wait_until(lambda: not again.isVisible(), what="second dialog closed"))
    arun(wait_until(lambda: page.toast().isVisible(), what="told"))
    assert "already" in page.toast().label.text()
    count = runtime.db.read_sync(lambda s: s.connection().execute(
        contacts_t.select().where(contacts_t.c.phone == "5511977771234")).all())
    assert len(count) == 1 and count[0].name == "Márcia Lima"


def test_import_a_csv_shows_bad_lines_then_adds_the_good_ones(
        window: Any, runtime: Any, people: dict[str, Any], qtbot: Any, arun: Any,
        tmp_path: Any) -> None:
    page = _open_contacts(window, qtbot, arun)
    path = tmp_path / "clientes.csv"
    path.write_bytes(("Nome;Telefone;E-mail\n"
                      "Ana Paula;(11) 98765-4321;ana@loja.com.br\n"  # known: completed
                      "Rita Lee;(11) 96666-1234;\n"
                      "Zeca;12;\n").encode("cp1252"))
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    picker = page.import_picker
    assert picker is not None and picker.isVisible()
    picker.selectFile(str(path))
    picker.accept()
    arun(wait_until(lambda: page.import_dialog is not None and page.import_dialog.isVisible(),
                    what="import summary"))
    dialog = page.import_dialog
    assert dialog.summary.text().startswith("2 contacts ready to import.")
    assert dialog.problems.toPlainText() == "Line 4: “12” is not a valid phone number."
    assert dialog.import_button.text() == "Import 2 contacts"
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    arun(wait_until(lambda: "Rita Lee" in _names(page), what="imported contact listed"))
    assert "1 added, 1 completed" in page.toast().label.text()
    assert _names(page).count("Ana Paula") == 1
    ana = runtime.db.read_sync(lambda s: find_contact(s, phone="5511987654321"))
    assert ana.email == "ana@loja.com.br"

    # a file that is not contacts: said plainly, nothing written
    junk = tmp_path / "foto.csv"
    junk.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    page.read_import_file(str(junk))
    arun(wait_until(lambda: page.import_dialog is not dialog and page.import_dialog.isVisible(),
                    what="refusal shown"))
    refusal = page.import_dialog
    assert "Nothing was imported." in refusal.summary.text()
    assert not refusal.import_button.isVisible()


def test_thousands_of_contacts_are_read_a_page_at_a_time(
        window: Any, runtime: Any, qtbot: Any, arun: Any) -> None:
    now = utc_now()
    runtime.db.write_sync(lambda s: s.connection().execute(contacts_t.insert(), [dict(
        phone=f"55119{i:08d}", name=f"Cliente {i:05d}", push_name="", is_group=False,
        custom_fields={}, created_at=now, updated_at=now) for i in range(3000)]))
    page = _open_contacts(window, qtbot, arun)
    model = page.model
    assert model.loaded_count == PAGE_SIZE
    assert _names(page)[:2] == ["Cliente 00000", "Cliente 00001"]
    # scrolling to the end of what is loaded brings the next page, not everything
    for pages in (2, 3):
        qtbot.keyClick(page.view, Qt.Key.Key_End)
        page.view.scrollToBottom()
        arun(wait_until(lambda p=pages: model.loaded_count == p * PAGE_SIZE and not model.busy,
                        what=f"{pages} pages loaded"))
    names = _names(page)
    assert names == [f"Cliente {i:05d}" for i in range(3 * PAGE_SIZE)]
    assert model.loaded_count < 3000 and not model.exhausted


@pytest.mark.parametrize("language", ["pt_BR", "en"])
def test_screenshot(language: str, window: Any, runtime: Any, people: dict[str, Any],
                    qtbot: Any, arun: Any, qapp: Any) -> None:
    """Not an assertion of looks: renders /tmp/contacts-<lang>.png for a person to LOOK at
    (only with WHATDESK_SCREENSHOTS=1)."""
    if not os.environ.get("WHATDESK_SCREENSHOTS"):
        pytest.skip("set WHATDESK_SCREENSHOTS=1 to render the screenshots")
    from PySide6.QtCore import QLocale

    from whatdesk.app import install_translators

    translators = install_translators(qapp, language) if language != "en" else []
    try:
        for i, (name, phone) in enumerate([("Beatriz Nogueira", "5511955550001"),
                                           ("Carlos Eduardo", "5521966660002"),
                                           ("Érica Souza", "5531977770003"),
                                           ("Fábio Andrade", "351912345678"),
                                           ("Gabriela Rocha", "5541988880005")]):
            runtime.db.write_sync(lambda s, n=name, p=phone: upsert_contact(s, phone=p, name=n))
        from whatdesk.ui.main_window import MainWindow

        win = MainWindow.for_runtime(runtime, settings=window._settings)
        qtbot.addWidget(win)
        win.resize(1280, 760)
        win.show()
        arun(win.load())
        page = _open_contacts(win, qtbot, arun)
        _click_row(qtbot, page, "João Conceição")
        arun(wait_until(lambda: page.panel.contact_id == people["joao"], what="panel"))
        QApplication.processEvents()
        win.grab().save(f"/tmp/contacts-{language}.png")
        qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
        page.add_dialog.name.insert("Márcia Lima")
        qtbot.keyClicks(page.add_dialog.phone, "(56) 1234")
        QApplication.processEvents()
        page.add_dialog.grab().save(f"/tmp/contacts-add-{language}.png")
        page.add_dialog.reject()
        sample = Path("/tmp/contacts-sample.csv")
        sample.write_text("Nome;Telefone;E-mail\nRita Lee;(11) 96666-1234;\nZeca;12;\n"
                          "Tom;(21) 98888;\nLia;;lia@\n", encoding="utf-8")
        page.read_import_file(str(sample))
        arun(wait_until(lambda: page.import_dialog is not None
                        and page.import_dialog.isVisible(), what="import dialog"))
        QApplication.processEvents()
        page.import_dialog.grab().save(f"/tmp/contacts-import-{language}.png")
        page.import_dialog.reject()
        qtbot.keyClicks(page.search, "ninguem")
        arun(wait_until(lambda: page.list_stack.currentWidget() is page.empty, what="empty"))
        win.grab().save(f"/tmp/contacts-nomatch-{language}.png")
        win.close()
    finally:
        for t in translators:
            qapp.removeTranslator(t)
        QLocale.setDefault(QLocale(QLocale.Language.English))

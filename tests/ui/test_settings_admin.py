"""Settings (administrators): agents, queues, quick replies and tags created, edited and
deleted through clicks, and what the database then holds."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFileDialog, QLabel, QMessageBox, QPushButton, QWidget

from test_search_ui import seed
from ui_helpers import wait_until
from whatdesk.services.quick_replies import fill
from whatdesk.store import get_message
from whatdesk.services.agents import verify_password
from whatdesk.store.directory import agent_secrets
from whatdesk.ui.main_window import MainWindow
from whatdesk.ui.session import Session
from whatdesk.ui.settings.agents import AgentDialog, PasswordDialog
from whatdesk.ui.settings.common import Section
from whatdesk.ui.settings.queues import QueueDialog
from whatdesk.ui.settings.quick_replies import QuickReplyDialog
from whatdesk.ui.settings.tags import TagDialog

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def admin_window(runtime: Any, settings: Any, qtbot: Any, qapp: Any,
                 arun: Callable[..., Any]) -> Any:
    qapp.setQuitOnLastWindowClosed(False)
    admin = arun(runtime.agents.ensure_first_admin())
    win = MainWindow.for_runtime(runtime, settings=settings, session=Session(runtime, admin))
    qtbot.addWidget(win)
    win.show()
    arun(win.load())
    qtbot.mouseClick(win.nav_buttons["settings"], LEFT)
    assert win.pages.currentWidget() is win.settings_page
    yield win
    win.close()


def _dialog(parent: QWidget, kind: type) -> Any:
    return next((d for d in parent.findChildren(kind) if d.isVisible()), None)


async def _open(parent: QWidget, kind: type) -> Any:
    await wait_until(lambda: _dialog(parent, kind) is not None, what=kind.__name__)
    return _dialog(parent, kind)


async def _save(qtbot: Any, dialog: QDialog) -> None:
    dialog.error.hide()  # an earlier refusal is still on screen
    qtbot.mouseClick(dialog.save_button, LEFT)
    await wait_until(lambda: not dialog.isVisible() or dialog.error.isVisible(),
                     what="the dialog to save")
    assert not dialog.isVisible(), dialog.error.text()


async def _confirm(qtbot: Any, parent: QWidget) -> None:
    box = await _open(parent, QMessageBox)
    qtbot.mouseClick(box.findChild(QPushButton, "confirmYes"), LEFT)


def _texts(section: Section, column: int = 0) -> list[str]:
    m = section.model
    return [m.data(m.index(r, column)) for r in range(m.rowCount())]


def _select(qtbot: Any, section: Section, text: str) -> None:
    row = _texts(section).index(text)
    rect = section.table.visualRect(section.model.index(row, 0))
    qtbot.mouseClick(section.table.viewport(), LEFT, pos=rect.center())
    assert section.selected() is section.model.rows[row]


def test_admin_adds_edits_and_deactivates_an_agent(admin_window: Any, runtime: Any,
                                                   qtbot: Any, arun: Callable[..., Any]) -> None:
    page = admin_window.settings_page
    section = page.agents
    arun(runtime.queues.create("Suporte", "#1976d2"))

    async def body() -> None:
        await wait_until(lambda: _texts(section) == ["Administrador"], what="the admin row")
        qtbot.mouseClick(section.add_button, LEFT)
        # the admin has no password yet: it is asked for first
        own = await _open(section, PasswordDialog)
        qtbot.keyClicks(own.password, "admin-senha-1")
        qtbot.keyClicks(own.again, "admin-senha-1")
        await _save(qtbot, own)
        dialog = await _open(section, AgentDialog)
        qtbot.keyClicks(dialog.name, "Bia Souza")
        qtbot.keyClicks(dialog.email, "bia@loja.com")
        dialog.queues.set_checked(dialog.queues.items.item(0).data(Qt.ItemDataRole.UserRole),
                                  True)
        qtbot.keyClicks(dialog.password, "curta")
        qtbot.keyClicks(dialog.again, "curta")
        qtbot.mouseClick(dialog.save_button, LEFT)
        assert dialog.isVisible() and "at least 8" in dialog.error.text()
        dialog.password.clear()
        dialog.again.clear()
        qtbot.keyClicks(dialog.password, "bia-senha-123")
        qtbot.keyClicks(dialog.again, "bia-senha-123")
        await _save(qtbot, dialog)
        await wait_until(lambda: "Bia Souza" in _texts(section), what="Bia's row")
        assert _texts(section, 3)[_texts(section).index("Bia Souza")] == "Suporte"

        _select(qtbot, section, "Bia Souza")
        qtbot.mouseClick(section.edit_button, LEFT)
        edit = await _open(section, AgentDialog)
        assert edit.password is None  # editing never shows a password field
        edit.capacity.setValue(3)
        edit.role.setCurrentIndex(1)
        await _save(qtbot, edit)
        await wait_until(lambda: _texts(section, 2)[_texts(section).index("Bia Souza")]
                         == "Administrator", what="the new role")

        _select(qtbot, section, "Bia Souza")
        qtbot.mouseClick(section.password_button, LEFT)
        reset = await _open(section, PasswordDialog)
        qtbot.keyClicks(reset.password, "nova-senha-77")
        qtbot.keyClicks(reset.again, "nova-senha-77")
        await _save(qtbot, reset)

        _select(qtbot, section, "Bia Souza")
        assert section.active_button.text() == "Deactivate"
        qtbot.mouseClick(section.active_button, LEFT)
        await _confirm(qtbot, section)
        await wait_until(lambda: _texts(section, 5)[_texts(section).index("Bia Souza")]
                         == "Deactivated", what="the deactivation")

    arun(body())
    bia = next(a for a in arun(runtime.agents.list()) if a.name == "Bia Souza")
    assert (bia.email, bia.is_admin, bia.capacity, bia.active) == (
        "bia@loja.com", True, 3, False)
    admin = arun(runtime.agents.ensure_first_admin())
    assert admin.has_password
    hashed = runtime.db.read_sync(lambda s: agent_secrets(s, bia.id))[0]
    assert verify_password("nova-senha-77", hashed)


def test_the_last_admin_cannot_deactivate_themselves(admin_window: Any, qtbot: Any,
                                                     arun: Callable[..., Any]) -> None:
    section = admin_window.settings_page.agents
    arun(wait_until(lambda: _texts(section) == ["Administrador"], what="the admin row"))
    _select(qtbot, section, "Administrador")
    qtbot.mouseClick(section.active_button, LEFT)
    assert section.status.isVisible() and "yourself" in section.status.text()


def test_admin_creates_edits_and_deletes_a_queue(admin_window: Any, runtime: Any, qtbot: Any,
                                                 arun: Callable[..., Any]) -> None:
    page = admin_window.settings_page
    qtbot.mouseClick(page.menu.viewport(), LEFT,
                     pos=page.menu.visualItemRect(page.menu.item(1)).center())
    section = page.queues
    assert page.stack.currentWidget() is section
    admin = arun(runtime.agents.ensure_first_admin())

    async def body() -> None:
        await wait_until(lambda: section.body.currentIndex() == 1, what="the empty state")
        qtbot.mouseClick(section.empty_button, LEFT)
        dialog = await _open(section, QueueDialog)
        qtbot.keyClicks(dialog.name, "Vendas")
        qtbot.keyClicks(dialog.greeting, "Oi! Um vendedor ja vai falar com voce.")
        dialog.agents.set_checked(admin.id, True)
        qtbot.mouseClick(dialog.auto_assign, LEFT)
        dialog.color.set_color("#d81b60")  # what the colour picker returns
        await _save(qtbot, dialog)
        await wait_until(lambda: _texts(section) == ["Vendas"], what="the queue row")
        assert _texts(section, 1) == ["Administrador"] and _texts(section, 2) == ["On"]

        _select(qtbot, section, "Vendas")
        qtbot.mouseClick(section.edit_button, LEFT)
        edit = await _open(section, QueueDialog)
        assert edit.auto_assign.isChecked() and edit.agents.checked_ids() == (admin.id,)
        edit.name.clear()
        qtbot.keyClicks(edit.name, "Vendas B2B")
        await _save(qtbot, edit)
        await wait_until(lambda: _texts(section) == ["Vendas B2B"], what="the rename")

    arun(body())
    [queue] = arun(runtime.queues.list())
    assert (queue.name, queue.color, queue.auto_assign) == ("Vendas B2B", "#d81b60", True)
    assert queue.greeting == "Oi! Um vendedor ja vai falar com voce."

    async def delete() -> None:
        _select(qtbot, section, "Vendas B2B")
        qtbot.mouseClick(section.delete_button, LEFT)
        await _confirm(qtbot, section)
        await wait_until(lambda: section.body.currentIndex() == 1, what="the empty state")

    arun(delete())
    assert arun(runtime.queues.list()) == []


def test_admin_creates_edits_and_deletes_a_quick_reply_with_a_file(
        admin_window: Any, runtime: Any, qtbot: Any, arun: Callable[..., Any],
        tmp_path: Path) -> None:
    page = admin_window.settings_page
    page.menu.setCurrentRow(2)
    section = page.quick_replies
    picked = tmp_path / "cardápio.pdf"
    picked.write_bytes(b"%PDF-1.4 menu")

    async def body() -> None:
        await wait_until(lambda: section.body.currentIndex() == 1, what="the empty state")
        qtbot.mouseClick(section.empty_button, LEFT)
        dialog = await _open(section, QuickReplyDialog)
        qtbot.keyClicks(dialog.shortcut, "cardapio")
        qtbot.keyClicks(dialog.text, "{{greeting}}, {{contact.first_name}}! Segue o menu.")
        qtbot.mouseClick(dialog.pick_button, LEFT)
        picker = await _open(dialog, QFileDialog)
        picker.selectFile(str(picked))
        picker.accept()
        assert dialog.file_label.text() == "cardápio.pdf"
        await _save(qtbot, dialog)
        await wait_until(lambda: _texts(section) == ["/cardapio"], what="the reply row")

        _select(qtbot, section, "/cardapio")
        qtbot.mouseClick(section.edit_button, LEFT)
        edit = await _open(section, QuickReplyDialog)
        edit.text.clear()
        qtbot.keyClicks(edit.text, "Segue o menu de {{now.date")
        qtbot.mouseClick(edit.save_button, LEFT)
        assert "not closed" in edit.error.text()  # a broken variable is refused
        qtbot.keyClicks(edit.text, "}}.")
        edit.scope.setCurrentIndex(1)  # only the administrator
        await _save(qtbot, edit)
        await wait_until(lambda: _texts(section, 1) == ["Only Administrador"], what="scope")

    arun(body())
    [reply] = arun(runtime.quick_replies.list(everyone=True))
    assert reply.text == "Segue o menu de {{now.date}}."
    stored = Path(reply.media_path or "")
    assert stored.is_file() and stored.read_bytes() == b"%PDF-1.4 menu"
    assert stored.resolve().is_relative_to(runtime.data_dir) and stored != picked
    admin = arun(runtime.agents.ensure_first_admin())
    assert [m.shortcut for m in arun(runtime.quick_replies.search(admin.id, "/car"))] == [
        "cardapio"]
    assert arun(runtime.quick_replies.search(admin.id + 1, "car")) == []  # personal

    async def delete() -> None:
        _select(qtbot, section, "/cardapio")
        qtbot.mouseClick(section.delete_button, LEFT)
        await _confirm(qtbot, section)
        await wait_until(lambda: section.body.currentIndex() == 1, what="the empty state")

    arun(delete())
    assert arun(runtime.quick_replies.list(everyone=True)) == []


def test_admin_creates_edits_and_deletes_a_tag(admin_window: Any, runtime: Any, qtbot: Any,
                                               arun: Callable[..., Any]) -> None:
    page = admin_window.settings_page
    page.menu.setCurrentRow(3)
    section = page.tags

    async def body() -> None:
        await wait_until(lambda: section.body.currentIndex() == 1, what="the empty state")
        qtbot.mouseClick(section.empty_button, LEFT)
        dialog = await _open(section, TagDialog)
        qtbot.keyClicks(dialog.name, "VIP")
        await _save(qtbot, dialog)
        await wait_until(lambda: _texts(section) == ["VIP"], what="the tag row")
        qtbot.mouseClick(section.add_button, LEFT)
        again = await _open(section, TagDialog)
        qtbot.keyClicks(again.name, "vip")
        qtbot.mouseClick(again.save_button, LEFT)
        await wait_until(lambda: again.error.isVisible(), what="the duplicate refusal")
        assert "VIP" in again.error.text() and again.isVisible()
        again.reject()

        _select(qtbot, section, "VIP")
        qtbot.mouseClick(section.edit_button, LEFT)
        edit = await _open(section, TagDialog)
        edit.name.clear()
        qtbot.keyClicks(edit.name, "Cliente VIP")
        edit.color.set_color("#fb8c00")
        await _save(qtbot, edit)
        await wait_until(lambda: _texts(section) == ["Cliente VIP"], what="the rename")

    arun(body())
    assert [(t.name, t.color) for t in arun(runtime.tags.list())] == [("Cliente VIP", "#fb8c00")]

    async def delete() -> None:
        _select(qtbot, section, "Cliente VIP")
        qtbot.mouseClick(section.delete_button, LEFT)
        await _confirm(qtbot, section)
        await wait_until(lambda: section.body.currentIndex() == 1, what="the empty state")

    arun(delete())
    assert arun(runtime.tags.list()) == []


def test_quick_reply_hint_names_every_variable_the_composer_fills(
        admin_window: Any, runtime: Any, qtbot: Any, arun: Callable[..., Any]) -> None:
    page = admin_window.settings_page
    page.menu.setCurrentRow(2)
    section = page.quick_replies

    async def body() -> tuple[str, dict[str, str]]:
        [mid] = (await seed(runtime, [("5511955554444", "Ana Lima", ["Oi"])])).values()
        ticket_id = runtime.db.read_sync(lambda s: get_message(s, mid)).ticket_id
        values = await runtime.quick_replies.variables(ticket_id, "Bia")
        await wait_until(lambda: section.body.currentIndex() == 1, what="the empty state")
        qtbot.mouseClick(section.empty_button, LEFT)
        dialog = await _open(section, QuickReplyDialog)
        hint = next(label.text() for label in dialog.findChildren(QLabel)
                    if "{{" in label.text())
        return hint, values

    hint, values = arun(body())
    listed = re.findall(r"\{\{([^{}]+)\}\}", hint)
    # Every variable the composer fills is offered, {{nome}} and {{contact.first_name}} alike,
    # and everything offered is really filled with the ticket's values.
    assert sorted(listed) == sorted(values)
    assert {"nome", "primeiro_nome", "agente", "contact.first_name", "greeting"} <= set(listed)
    filled = fill(hint, values)
    assert "{{" not in filled and "Ana" in filled and "Bia" in filled

"""The contact panel's LGPD actions: an administrator exports a customer's data to a zip and
anonymizes them after a red confirmation; other agents do not see the actions."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QPushButton
from ui_helpers import wait_until

from whatdesk.domain.enums import ConnectionStatus as St
from whatdesk.store import contact_of_ticket, create_agent, list_messages, list_tickets

PHONE = "5511987654321"
LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def ticket(runtime: Any, network: Any, arun: Any) -> int:
    async def build() -> int:
        runtime.sandbox_auto_link = True
        row = await runtime.connections.create("Loja", channel="sandbox")
        await runtime.connections.connect(row.id)
        await wait_until(lambda: runtime.handle(row.id).supervisor.status is St.CONNECTED)
        network.customer(PHONE, "Ana Paula").send_text("Moro na rua Xiquexique, 42")
        await runtime.drain()
        [t] = runtime.db.read_sync(lambda s: list_tickets(s))
        return t.id

    return arun(build())


def _panel(runtime: Any, settings: Any, qtbot: Any, arun: Any, ticket: int,
           admin: bool) -> Any:
    from whatdesk.ui.bridge import Bridge
    from whatdesk.ui.inbox.contact_panel import ContactPanel
    from whatdesk.ui.inbox.context import InboxContext

    agent = runtime.db.write_sync(lambda s: create_agent(s, "Alice" if admin else "Bia",
                                                         is_admin=admin))
    widget = ContactPanel(InboxContext(runtime, Bridge(runtime.bus), agent, settings))
    widget.resize(340, 1400)
    qtbot.addWidget(widget)
    widget.show()
    widget.show_ticket(ticket)
    arun(wait_until(lambda: widget.card is not None, what="the contact loaded"))
    return widget


def _top(kind: type) -> Any:
    found = [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]
    return found[0] if found else None


def test_an_agent_who_is_not_admin_sees_no_lgpd_actions(
        runtime: Any, settings: Any, qtbot: Any, arun: Any, ticket: int) -> None:
    panel = _panel(runtime, settings, qtbot, arun, ticket, admin=False)
    assert not panel.privacy.isVisible()


def test_admin_exports_then_anonymizes_the_customer(
        runtime: Any, settings: Any, qtbot: Any, arun: Any, ticket: int, tmp_path: Path) -> None:
    panel = _panel(runtime, settings, qtbot, arun, ticket, admin=True)
    assert panel.export_button.isVisible()
    assert panel.anonymize_button.text() == "Anonymize Ana Paula…"
    target = tmp_path / "ana.zip"

    async def body() -> None:
        qtbot.mouseClick(panel.export_button, LEFT)
        await wait_until(lambda: panel.export_picker is not None
                         and panel.export_picker.isVisible(), what="the file dialog")
        picker: QFileDialog = panel.export_picker
        picker.selectFile(str(target))
        picker.accept()
        await wait_until(lambda: panel.privacy_note.isVisible() or panel.privacy_error.isVisible(),
                         what="the export")
        assert panel.privacy_note.text() == f"Exported to {target}", panel.privacy_error.text()
        with zipfile.ZipFile(target) as zf:
            data = json.loads(zf.read("contact.json"))
        assert data["contact"]["phone"] == PHONE
        assert data["tickets"][0]["messages"][0]["text"] == "Moro na rua Xiquexique, 42"

        # anonymize: a red question naming the customer; Cancel changes nothing
        qtbot.mouseClick(panel.anonymize_button, LEFT)
        await wait_until(lambda: _top(QMessageBox) is not None, what="the confirmation")
        box = _top(QMessageBox)
        assert "Anonymize Ana Paula?" in box.text()
        assert "color" in box.styleSheet()
        box.button(QMessageBox.StandardButton.Cancel).click()
        await wait_until(lambda: _top(QMessageBox) is None, what="the box closed")
        assert runtime.db.read_sync(lambda s: contact_of_ticket(s, ticket)).phone == PHONE

        qtbot.mouseClick(panel.anonymize_button, LEFT)
        await wait_until(lambda: _top(QMessageBox) is not None, what="the confirmation")
        qtbot.mouseClick(_top(QMessageBox).findChild(QPushButton, "confirmYes"), LEFT)
        await wait_until(lambda: panel.phone_label.text() == "Anonymized (LGPD)",
                         what="the panel shows the anonymized contact")

    arun(body())
    contact = runtime.db.read_sync(lambda s: contact_of_ticket(s, ticket))
    assert PHONE not in (contact.phone or "") and contact.name == "Contato anonimizado"
    [message] = runtime.db.read_sync(lambda s: list_messages(s, ticket))
    assert message.text == ""
    assert not panel.anonymize_button.isVisible()
    rows = arun(runtime.audit.page()).rows
    assert [(r.action, r.actor) for r in rows if r.action.startswith("contact.")] == [
        ("contact.anonymize", "Alice"),
        ("contact.export", "Alice")]

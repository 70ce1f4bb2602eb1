"""Settings → Privacy (LGPD) and Audit log: the retention policy is off until an admin turns
it on, and the admin reads who did what, newest first, a page at a time."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from ui_helpers import wait_until

from whatdesk.services.audit import Actor
from whatdesk.services.privacy import RetentionPolicy
from whatdesk.ui.main_window import MainWindow
from whatdesk.ui.session import Session

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def admin_window(runtime: Any, settings: Any, qtbot: Any, qapp: Any,
                 arun: Callable[..., Any]) -> Any:
    qapp.setQuitOnLastWindowClosed(False)
    admin = arun(runtime.agents.ensure_first_admin())
    win = MainWindow.for_runtime(runtime, settings=settings, session=Session(runtime, admin))
    qtbot.addWidget(win)
    win.resize(1200, 760)
    win.show()
    arun(win.load())
    qtbot.mouseClick(win.nav_buttons["settings"], LEFT)
    yield win
    win.close()


def _column(section: Any, column: int) -> list[str]:
    m = section.model
    return [m.data(m.index(r, column)) for r in range(m.rowCount())]


def test_admin_turns_the_retention_policy_on_and_the_change_is_audited(
        admin_window: Any, runtime: Any, qtbot: Any, arun: Callable[..., Any]) -> None:
    page = admin_window.settings_page
    page.menu.setCurrentRow(page.sections.index(page.privacy))
    section = page.privacy

    async def body() -> None:
        await wait_until(lambda: section.days.value() == 365, what="the policy loaded")
        assert not section.enabled.isChecked() and not section.days.isEnabled()
        qtbot.mouseClick(section.enabled, LEFT,
                         pos=QPoint(10, section.enabled.height() // 2))  # on the box
        assert section.days.isEnabled()
        section.days.selectAll()
        qtbot.keyClicks(section.days, "90")
        section.mode.setCurrentIndex(1)
        qtbot.mouseClick(section.save_button, LEFT)
        await wait_until(lambda: section.saved_label.text() == "Saved.", what="saved")

        page.menu.setCurrentRow(page.sections.index(page.audit))
        audit = page.audit
        await wait_until(lambda: audit.model.rowCount() == 1, what="the audit row")
        assert _column(audit, 1) == ["Administrador"]
        assert _column(audit, 2) == ["Retention policy changed"]
        assert '"delete"' in _column(audit, 4)[0]

    arun(body())
    assert arun(runtime.privacy.retention()) == RetentionPolicy(True, 90, "delete")


def test_audit_log_pages_newest_first(admin_window: Any, runtime: Any, qtbot: Any,
                                      arun: Callable[..., Any]) -> None:
    async def fill() -> None:
        for n in range(56):
            await runtime.audit.record("contact.export", f"contact#{n}", {"tickets": 1},
                                       actor=Actor("Bia", 2))

    arun(fill())
    page = admin_window.settings_page
    page.menu.setCurrentRow(page.sections.index(page.audit))
    audit = page.audit

    async def body() -> None:
        await wait_until(lambda: audit.model.rowCount() == 50, what="the first page")
        assert audit.page_label.text() == "1–50 of 56"
        assert _column(audit, 3)[0] == "Contact #55"  # the newest first
        assert _column(audit, 2)[0] == "Contact data exported"
        assert not audit.newer_button.isEnabled()
        qtbot.mouseClick(audit.older_button, LEFT)
        await wait_until(lambda: audit.page_label.text() == "51–56 of 56", what="page 2")
        assert _column(audit, 3) == [f"Contact #{n}" for n in range(5, -1, -1)]
        assert audit.newer_button.isEnabled() and not audit.older_button.isEnabled()
        qtbot.mouseClick(audit.newer_button, LEFT)
        await wait_until(lambda: audit.page_label.text() == "1–50 of 56", what="back")

    arun(body())


def test_audit_log_says_what_changed_in_words_not_codes(admin_window: Any, runtime: Any,
                                                        arun: Callable[..., Any]) -> None:
    queue = arun(runtime.queues.create("Vendas", "#00A884"))
    page = admin_window.settings_page
    page.menu.setCurrentRow(page.sections.index(page.audit))
    audit = page.audit

    async def body() -> None:
        await wait_until(lambda: audit.model.rowCount() >= 1, what="the audit row")
        assert _column(audit, 2)[0] == "Queue added"
        assert _column(audit, 3)[0] == f"Queue #{queue.id}"

    arun(body())

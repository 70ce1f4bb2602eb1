"""Settings → Backup: an administrator makes a backup with a progress bar, is refused a
restore with the wrong passphrase, stages a real one, and sets the automatic backups."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QLineEdit, QMessageBox, QPushButton
from ui_helpers import wait_until

from whatdesk.services.backup import container, verify_backup
from whatdesk.ui.main_window import MainWindow
from whatdesk.ui.session import Session
from whatdesk.ui.settings.backup import BackupSection, PassphraseDialog

LEFT = Qt.MouseButton.LeftButton
PASSPHRASE = "senha-de-teste-longa"


class MemorySecrets:
    def __init__(self) -> None:
        self.values: dict[str, str] = {}

    def get(self, name: str) -> str | None:
        return self.values.get(name)

    def set(self, name: str, value: str | None) -> None:
        if value is not None:
            self.values[name] = value


@pytest.fixture
def section(runtime: Any, settings: Any, qtbot: Any, qapp: Any, arun: Callable[..., Any],
            monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setattr(container, "DEFAULT_LOG2_N", 10)
    runtime.backups.secrets = MemorySecrets()
    qapp.setQuitOnLastWindowClosed(False)
    admin = arun(runtime.agents.ensure_first_admin())
    win = MainWindow.for_runtime(runtime, settings=settings, session=Session(runtime, admin))
    qtbot.addWidget(win)
    win.resize(1100, 760)
    win.show()
    arun(win.load())
    qtbot.mouseClick(win.nav_buttons["settings"], LEFT)
    page = win.settings_page
    page.menu.setCurrentRow(page.sections.index(page.backup))
    yield page.backup
    win.close()


async def _picked(section: BackupSection, path: Path) -> None:
    await wait_until(lambda: section.picker is not None and section.picker.isVisible(),
                     what="the file picker")
    picker = section.picker
    assert isinstance(picker, QFileDialog)
    picker.setDirectory(str(path.parent))
    picker.selectFile(str(path))
    name = picker.findChild(QLineEdit, "fileNameEdit")
    if name is not None:  # what the user types in a save dialog
        name.setText(path.name)
    picker.accept()


async def _typed(qtbot: Any, section: BackupSection, text: str) -> None:
    await wait_until(lambda: section.dialog is not None and section.dialog.isVisible(),
                     what="the passphrase dialog")
    dialog = section.dialog
    assert isinstance(dialog, PassphraseDialog)
    qtbot.keyClicks(dialog.passphrase, text)
    if dialog.new:
        qtbot.keyClicks(dialog.repeat, text)
    qtbot.mouseClick(dialog.save_button, LEFT)


def test_admin_makes_a_backup_with_progress_then_a_wrong_passphrase_restore_is_refused(
        section: BackupSection, runtime: Any, qtbot: Any, tmp_path: Path,
        arun: Callable[..., Any]) -> None:
    target = tmp_path / "copias" / "loja.wdbackup"
    target.parent.mkdir()
    seen: list[int] = []
    section.progress.valueChanged.connect(seen.append)

    async def scenario() -> None:
        await wait_until(lambda: "none yet" in section.last_label.text(), what="page loaded")
        qtbot.mouseClick(section.create_button, LEFT)
        await _picked(section, target)
        await _typed(qtbot, section, PASSPHRASE)
        await wait_until(lambda: "Backup saved" in section.status.text(), timeout=60,
                         what="the backup")
        assert target.exists(), section.status.text()
        assert "succeeded" in section.last_label.text()
        assert not section.progress.isVisible()
        assert seen and max(seen) == 100

        qtbot.mouseClick(section.restore_button, LEFT)
        await _picked(section, target)
        await _typed(qtbot, section, "not the right one")
        await wait_until(lambda: "passphrase" in section.status.text().lower()
                         and section.status.isVisible(), timeout=60, what="the refusal")
        assert "Nothing was changed" in section.status.text() or \
            "Nada foi alterado" in section.status.text()
        assert runtime.backups.pending_restore() is None
        assert not section.pending_box.isVisible()

    arun(scenario())
    assert verify_backup(target, PASSPHRASE).database == "sqlite"


def test_a_checked_restore_is_confirmed_and_waits_for_the_next_start(
        section: BackupSection, runtime: Any, qtbot: Any, tmp_path: Path,
        arun: Callable[..., Any]) -> None:
    target = tmp_path / "loja.wdbackup"
    arun(runtime.backups.create(target, PASSPHRASE))

    async def scenario() -> None:
        qtbot.mouseClick(section.restore_button, LEFT)
        await _picked(section, target)
        await _typed(qtbot, section, PASSPHRASE)
        await wait_until(lambda: any(b.isVisible() for b in section.findChildren(QMessageBox)),
                         timeout=60, what="the confirmation")
        box = next(b for b in section.findChildren(QMessageBox) if b.isVisible())
        assert "replaced" in box.text()
        qtbot.mouseClick(box.findChild(QPushButton, "confirmYes"), LEFT)
        await wait_until(lambda: section.pending_box.isVisible(), what="the ready notice")
        assert "Close whatdesk" in section.pending_label.text()
        assert runtime.backups.pending_restore() is not None

        qtbot.mouseClick(section.cancel_restore_button, LEFT)
        await wait_until(lambda: not section.pending_box.isVisible(), what="cancelled")
        assert runtime.backups.pending_restore() is None

    arun(scenario())


def test_admin_turns_on_daily_backups_and_sees_when_the_next_one_runs(
        section: BackupSection, runtime: Any, qtbot: Any, tmp_path: Path,
        arun: Callable[..., Any]) -> None:
    async def scenario() -> None:
        await wait_until(lambda: "off" in section.next_label.text(), what="page loaded")
        assert not section.folder.isEnabled()
        section.every.setCurrentIndex(section.every.findData("daily"))
        assert section.folder.isEnabled()
        qtbot.keyClicks(section.folder, str(tmp_path / "auto"))
        section.keep.setValue(3)
        qtbot.mouseClick(section.save_schedule_button, LEFT)
        await wait_until(lambda: bool(section.schedule_status.text()), what="the refusal")
        assert "passphrase" in section.schedule_status.text().lower()  # none typed, none kept

        qtbot.keyClicks(section.schedule_passphrase, PASSPHRASE)
        qtbot.mouseClick(section.save_schedule_button, LEFT)
        await wait_until(lambda: "Next automatic backup" in section.next_label.text(),
                         what="the schedule")
        schedule = await runtime.backups.schedule()
        assert (schedule.every, schedule.keep) == ("daily", 3)
        assert "keyring" in section.schedule_passphrase.placeholderText()
        assert section.schedule_status.text() == "Schedule saved."

    arun(scenario())

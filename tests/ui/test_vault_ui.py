"""The session vault in the window: the key-choice dialog, a locked session with its Unlock and
Link again buttons, and the warning when sessions are stored unencrypted."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QMessageBox
from ui_helpers import wait_until

from whatdesk.domain.enums import ConnectionStatus
from whatdesk.secrets.keys import KeyMode, SessionKey, derive_key, new_kdf
from whatdesk.secrets.vault import SessionVault
from whatdesk.services.runtime import Runtime
from whatdesk.ui.connections.link_dialogs import QrDialog
from whatdesk.ui.connections.model import Role
from whatdesk.ui.connections.vault_dialogs import KeyChoiceDialog, UnlockDialog

OLD = "the old computer's passphrase"


def passphrase_key(passphrase: str) -> SessionKey:
    kdf = new_kdf()
    return SessionKey(KeyMode.PASSPHRASE, derive_key(passphrase, kdf), kdf)


def click(qtbot: Any, button: Any) -> None:
    assert button.isEnabled() and button.isVisible(), f"{button.text()} cannot be clicked"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def row_text(win: Any) -> str:
    model = win.connections_page.model
    return model.index(0).data(Role.STATUS_TEXT)


def locked_window(tmp_path: Path, network: Any, qtbot: Any, qapp: Any, arun: Any,
                  settings: Any) -> tuple[Any, Any, int]:
    """A sandbox connection linked and sealed under one passphrase, then opened with
    another (the data folder moved to a computer set up differently)."""
    from whatdesk.store import create_connection
    from whatdesk.ui.main_window import MainWindow

    data = tmp_path / "data"
    run = tmp_path / "run"
    first = Runtime.open(data, None, sandbox=network, sandbox_auto_link=True,
                         vault=SessionVault(data, passphrase_key(OLD), run))
    row = first.db.write_sync(lambda s: create_connection(s, "Vendas", channel="sandbox"))

    async def link_and_stop() -> None:
        await first.start()
        await wait_until(lambda: first.connections.live_status(row.id)[0]
                         is ConnectionStatus.CONNECTED, what="linked")
        await first.close()

    arun(link_and_stop())
    assert list((data / "sessions").glob("*.vault"))

    rt = Runtime.open(data, None, sandbox=network,
                      vault=SessionVault(data, passphrase_key("a new passphrase"), run))
    arun(rt.start())
    win = MainWindow.for_runtime(rt, settings=settings)
    qtbot.addWidget(win)
    win.show()
    arun(win.load())
    win.show_page("connections")
    return rt, win, row.id


def test_a_locked_session_says_so_and_unlocks_with_its_old_passphrase(
        tmp_path: Path, network: Any, qtbot: Any, qapp: Any, arun: Any, settings: Any) -> None:
    rt, win, cid = locked_window(tmp_path, network, qtbot, qapp, arun, settings)
    page = win.connections_page
    try:
        async def scenario() -> None:
            page.select(cid)
            await wait_until(lambda: row_text(win) == "Session locked", what="locked row")
            assert page.buttons["unlock"].isVisible() and page.buttons["link_again"].isVisible()
            assert not page.buttons["qr"].isEnabled()
            assert not page.buttons["reconnect"].isEnabled()
            assert "1 needs a new link" in win.health_label.text()

            click(qtbot, page.buttons["unlock"])
            dialog = page.dialog
            assert isinstance(dialog, UnlockDialog)
            qtbot.keyClicks(dialog.field, "not the passphrase")
            click(qtbot, dialog.ok)
            await wait_until(lambda: dialog.error.isVisible(), what="wrong passphrase said")
            assert "passphrase" in dialog.error.text().lower()
            assert list((tmp_path / "data" / "sessions").glob("*.vault"))  # nothing deleted

            dialog.field.clear()
            qtbot.keyClicks(dialog.field, OLD)
            click(qtbot, dialog.ok)
            await wait_until(lambda: page.dialog is None, what="dialog closed")
            await wait_until(lambda: row_text(win) == "Connected", what="connected again")
            assert not page.buttons["unlock"].isVisible()

        arun(scenario())
    finally:
        win.close()
        arun(rt.close())


def test_link_again_keeps_the_locked_file_aside_and_shows_a_new_qr_code(
        tmp_path: Path, network: Any, qtbot: Any, qapp: Any, arun: Any, settings: Any) -> None:
    rt, win, cid = locked_window(tmp_path, network, qtbot, qapp, arun, settings)
    page = win.connections_page
    sessions = tmp_path / "data" / "sessions"
    try:
        async def scenario() -> None:
            page.select(cid)
            await wait_until(lambda: row_text(win) == "Session locked", what="locked row")
            click(qtbot, page.buttons["link_again"])
            box = page.dialog
            assert isinstance(box, QMessageBox) and "kept" in box.text()
            go = next(b for b in box.buttons() if b.text().replace("&", "") == "Link again")
            click(qtbot, go)
            await wait_until(lambda: isinstance(page.dialog, QrDialog), what="QR dialog")
            dialog = page.dialog
            await wait_until(lambda: not dialog.qr_label.pixmap().isNull(), what="QR shown")
            assert len(list(sessions.glob("*.vault.locked-*"))) == 1
            assert not list(sessions.glob("*.vault"))

        arun(scenario())
    finally:
        win.close()
        arun(rt.close())


def test_unencrypted_sessions_are_flagged_on_the_connections_screen(
        tmp_path: Path, network: Any, qtbot: Any, qapp: Any, arun: Any, settings: Any) -> None:
    from whatdesk.ui.main_window import MainWindow

    data = tmp_path / "data"
    for vault, shown in ((SessionVault(data, SessionKey(KeyMode.UNENCRYPTED)), True),
                         (SessionVault(data, passphrase_key(OLD), tmp_path / "run"), False)):
        rt = Runtime.open(data, None, sandbox=network, vault=vault)
        arun(rt.start())
        win = MainWindow.for_runtime(rt, settings=settings)
        qtbot.addWidget(win)
        win.show()
        win.show_page("connections")
        try:
            assert win.connections_page.unencrypted_warning.isVisible() is shown
        finally:
            win.close()
            arun(rt.close())


def test_the_key_choice_dialog_needs_a_confirmed_passphrase_or_an_explicit_choice(
        qtbot: Any, qapp: Any) -> None:
    dialog = KeyChoiceDialog("NoKeyringError: No recommended backend was available.")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.use_passphrase.isChecked()  # the safe choice is the one offered first
    qtbot.keyClicks(dialog.passphrase_field, "short")
    click(qtbot, dialog.ok)
    assert dialog.error.isVisible() and "8 characters" in dialog.error.text()
    dialog.passphrase_field.clear()
    qtbot.keyClicks(dialog.passphrase_field, "a long passphrase")
    qtbot.keyClicks(dialog.confirm_field, "a long passphrase!")
    click(qtbot, dialog.ok)
    assert "not the same" in dialog.error.text() and dialog.isVisible()
    dialog.confirm_field.clear()
    qtbot.keyClicks(dialog.confirm_field, "a long passphrase")
    click(qtbot, dialog.ok)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert (dialog.mode, dialog.passphrase) == (KeyMode.PASSPHRASE, "a long passphrase")

    other = KeyChoiceDialog()
    qtbot.addWidget(other)
    other.show()
    # on its round indicator, where a user clicks (the row is wider than its words)
    qtbot.mouseClick(other.unencrypted, Qt.MouseButton.LeftButton,
                     pos=QPoint(8, other.unencrypted.height() // 2))
    assert other.unencrypted.isChecked()
    assert not other.passphrase_field.isEnabled()
    click(qtbot, other.ok)
    assert (other.mode, other.passphrase) == (KeyMode.UNENCRYPTED, None)

    quitting = KeyChoiceDialog()
    qtbot.addWidget(quitting)
    quitting.show()
    click(qtbot, quitting.findChild(type(quitting.ok), "quitButton"))
    assert quitting.result() == quitting.DialogCode.Rejected and quitting.mode is None


def test_with_the_fail_keyring_the_start_asks_and_uses_only_what_the_user_chose(
        qapp: Any, tmp_path: Path, monkeypatch: Any) -> None:
    """Headless Linux (keyring.backends.fail): the key-choice dialog opens; quitting opens
    nothing, choosing a passphrase seals with it, and the next start asks for it again (a
    wrong one is refused with a message)."""
    import keyring
    from keyring.backends import fail

    from whatdesk.app import open_vault
    from whatdesk.ui.connections import vault_dialogs

    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    data = tmp_path / "data"
    (data / "sessions").mkdir(parents=True)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path / "run"))
    (tmp_path / "run").mkdir(mode=0o700)
    seen: list[tuple[str, str]] = []
    answers: list[Any] = []

    def fake_exec(dialog: Any) -> int:
        """What the user sees and does in a modal dialog; 1 = accepted, 0 = quit."""
        said = (dialog.details.details() if isinstance(dialog, vault_dialogs.KeyChoiceDialog)
                else dialog.error.text())
        seen.append((type(dialog).__name__, said))
        answer = answers.pop(0)
        if answer is None:
            return 0
        answer(dialog)
        return 1

    def choose_passphrase(dialog: Any) -> None:
        dialog.passphrase_field.setText("headless passphrase")
        dialog.confirm_field.setText("headless passphrase")
        dialog._accept()

    def type_passphrase(text: str) -> Any:
        return lambda dialog: dialog.field.setText(text)

    monkeypatch.setattr(vault_dialogs.KeyChoiceDialog, "exec", fake_exec)
    monkeypatch.setattr(vault_dialogs.PassphraseDialog, "exec", fake_exec)
    try:
        answers[:] = [None]  # the user quits
        assert open_vault(data, None, None) is None
        assert seen[-1][0] == "KeyChoiceDialog" and "NoKeyringError" in seen[-1][1]
        assert not (data / "vault.json").exists()

        answers[:] = [choose_passphrase]
        vault = open_vault(data, None, None)
        assert vault.encrypted and vault.key.mode is KeyMode.PASSPHRASE

        seen.clear()
        answers[:] = [type_passphrase("not the passphrase"), type_passphrase("headless passphrase")]
        again = open_vault(data, None, None)
        assert [name for name, _ in seen] == ["PassphraseDialog", "PassphraseDialog"]
        assert seen[0][1] == ""
        assert seen[1][1].startswith("The passphrase is not right.")
        assert again.key.key == vault.key.key
    finally:
        keyring.set_keyring(previous)

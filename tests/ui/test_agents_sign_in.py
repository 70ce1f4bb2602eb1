"""Signing in: the first run's administrator, the login dialog with several agents, "remember
me" through the OS keyring, passwords kept only as hashes; Settings only for admins."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from typing import Any

import keyring
import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select
from ui_helpers import wait_until

from whatdesk.secrets.memory import MemoryKeyring
from whatdesk.services.agents import hash_password, verify_password
from whatdesk.store._sql import agents_t
from whatdesk.ui.login import LoginDialog, ask_sign_in
from whatdesk.ui.main_window import MainWindow
from whatdesk.ui.session import Session


@pytest.fixture(autouse=True)
def keep_running(qapp: Any) -> None:
    qapp.setQuitOnLastWindowClosed(False)  # as in the app: a closing dialog must not stop it


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    before = keyring.get_keyring()
    ring = MemoryKeyring()
    keyring.set_keyring(ring)
    yield ring
    keyring.set_keyring(before)


@pytest.fixture
def no_keyring() -> Iterator[None]:
    from keyring.backends import fail

    before = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(before)


def _stored(runtime: Any, agent_id: int) -> Any:
    return runtime.db.read_sync(lambda s: s.connection().execute(
        select(agents_t).where(agents_t.c.id == agent_id)).one())


async def _two_agents(runtime: Any) -> tuple[Any, Any]:
    admin = await runtime.agents.ensure_first_admin()
    await runtime.agents.set_password(admin.id, "admin-senha-1")
    bia = await runtime.agents.create("Bia Souza", "bia@loja.com", "bia-senha-123")
    return admin, bia


def _visible_login(qapp: Any) -> LoginDialog | None:
    return next((w for w in qapp.topLevelWidgets()
                 if isinstance(w, LoginDialog) and w.isVisible()), None)


def _type_and_sign_in(qtbot: Any, dialog: LoginDialog, user: str, password: str) -> None:
    dialog.user.clear()
    dialog.password.clear()
    qtbot.keyClicks(dialog.user, user)
    qtbot.keyClicks(dialog.password, password)
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)


def test_first_run_creates_exactly_one_admin_and_opens_without_a_login(
        runtime: Any, arun: Callable[..., Any], qapp: Any) -> None:
    async def body() -> None:
        first = await ask_sign_in(runtime)
        again = await ask_sign_in(runtime)
        agents = await runtime.agents.list()
        assert [(a.name, a.is_admin) for a in agents] == [("Administrador", True)]
        assert first is not None and again is not None and first.id == again.id == agents[0].id
        assert first.presence == "online"
        assert _visible_login(qapp) is None

    arun(body())


def test_password_hash_is_not_the_password_and_verifies(runtime: Any,
                                                        arun: Callable[..., Any]) -> None:
    encoded = hash_password("correct horse")
    assert "correct horse" not in encoded and encoded.startswith("$scrypt$v=1$")
    assert verify_password("correct horse", encoded)
    assert not verify_password("correct hors", encoded)
    assert hash_password("correct horse") != encoded  # a new salt each time
    _, bia = arun(_two_agents(runtime))
    row = _stored(runtime, bia.id)
    assert row.password_hash and "bia-senha-123" not in row.password_hash
    assert verify_password("bia-senha-123", row.password_hash)


def test_wrong_password_is_refused_then_the_right_one_opens_the_window_as_that_agent(
        runtime: Any, arun: Callable[..., Any], qtbot: Any, qapp: Any, settings: Any,
        memory_keyring: MemoryKeyring) -> None:
    async def body() -> Any:
        _, bia = await _two_agents(runtime)
        task = asyncio.ensure_future(ask_sign_in(runtime))
        await wait_until(lambda: _visible_login(qapp) is not None, what="the login dialog")
        dialog = _visible_login(qapp)
        assert dialog is not None
        _type_and_sign_in(qtbot, dialog, "bia@loja.com", "senha-errada")
        await wait_until(lambda: dialog.error.isVisible(), what="the refusal")
        assert dialog.error.text() == "Wrong e-mail, name or password."
        assert dialog.isVisible() and not task.done()
        assert _stored(runtime, bia.id).presence == "offline"  # nothing changed
        _type_and_sign_in(qtbot, dialog, "Bia Souza", "bia-senha-123")
        agent = await task
        assert agent.id == bia.id and agent.presence == "online"
        return agent

    agent = arun(body())
    win = MainWindow.for_runtime(runtime, settings=settings, session=Session(runtime, agent))
    qtbot.addWidget(win)
    win.show()
    arun(win.load())
    assert win.agent_button.text() == "Bia Souza"
    assert not win.nav_buttons["settings"].isVisible()  # a non-admin does not see Settings
    assert win.switch_action.isVisible() and win.sign_out_action.isVisible()
    win.close()


def test_remember_me_signs_in_next_time_without_a_password(
        runtime: Any, arun: Callable[..., Any], qtbot: Any, qapp: Any,
        memory_keyring: MemoryKeyring) -> None:
    async def body() -> None:
        _, bia = await _two_agents(runtime)
        task = asyncio.ensure_future(ask_sign_in(runtime))
        await wait_until(lambda: _visible_login(qapp) is not None, what="the login dialog")
        dialog = _visible_login(qapp)
        assert dialog is not None and dialog.remember.isEnabled()
        qtbot.mouseClick(dialog.remember, Qt.MouseButton.LeftButton)
        assert dialog.remember.isChecked()
        _type_and_sign_in(qtbot, dialog, "bia@loja.com", "bia-senha-123")
        assert (await task).id == bia.id
        # the keyring holds a token, never the password; the database only its hash
        [secret] = memory_keyring.entries.values()
        assert "bia-senha-123" not in secret
        stored = _stored(runtime, bia.id).remember_token_hash
        assert stored and secret.split(":", 1)[1] not in stored

        again = await ask_sign_in(runtime)  # next start
        assert again is not None and again.id == bia.id
        assert _visible_login(qapp) is None

        await runtime.agents.set_password(bia.id, "outra-senha-99")  # a reset ends it
        task = asyncio.ensure_future(ask_sign_in(runtime))
        await wait_until(lambda: _visible_login(qapp) is not None, what="the login again")
        login = _visible_login(qapp)
        assert login is not None
        login.reject()
        assert await task is None

    arun(body())


def test_without_a_keyring_remember_me_is_disabled_and_says_why(
        runtime: Any, arun: Callable[..., Any], qapp: Any, no_keyring: None) -> None:
    async def body() -> None:
        await _two_agents(runtime)
        task = asyncio.ensure_future(ask_sign_in(runtime))
        await wait_until(lambda: _visible_login(qapp) is not None, what="the login dialog")
        dialog = _visible_login(qapp)
        assert dialog is not None
        assert not dialog.remember.isEnabled()
        assert "no keyring" in dialog.remember.toolTip()
        dialog.reject()
        assert await task is None

    arun(body())


def test_sign_out_asks_who_signs_in_and_the_window_follows_the_new_agent(
        runtime: Any, arun: Callable[..., Any], qtbot: Any, qapp: Any, settings: Any,
        memory_keyring: MemoryKeyring) -> None:
    admin, bia = arun(_two_agents(runtime))
    admin = arun(runtime.agents.get(admin.id))
    win = MainWindow.for_runtime(runtime, settings=settings, session=Session(runtime, admin))
    qtbot.addWidget(win)
    win.show()
    arun(win.load())
    assert win.nav_buttons["settings"].isVisible() and win.nav_buttons["settings"].isEnabled()
    win.sign_out_action.trigger()

    async def body() -> None:
        await wait_until(lambda: _visible_login(qapp) is not None, what="the login dialog")
        dialog = _visible_login(qapp)
        assert dialog is not None
        _type_and_sign_in(qtbot, dialog, "bia@loja.com", "bia-senha-123")
        await wait_until(lambda: win.session.agent.id == bia.id, what="Bia's window")

    arun(body())
    assert win.agent_button.text() == "Bia Souza"
    assert not win.nav_buttons["settings"].isVisible()
    assert _stored(runtime, admin.id).presence == "offline"
    win.away_action.trigger()
    arun(wait_until(lambda: _stored(runtime, bia.id).presence == "away", what="away"))
    win.close()


def test_presence_goes_away_when_idle_comes_back_on_activity_and_offline_on_exit(
        runtime: Any, arun: Callable[..., Any], qtbot: Any, settings: Any) -> None:
    admin = arun(ask_sign_in(runtime))
    session = Session(runtime, admin, idle_seconds=1.0)
    win = MainWindow.for_runtime(runtime, settings=settings, session=session)
    qtbot.addWidget(win)
    win.show()
    arun(wait_until(lambda: _stored(runtime, admin.id).presence == "away", what="idle: away"))
    assert win.away_action.isChecked() and win.agent_button.toolTip() == "Away"
    qtbot.keyClick(win, Qt.Key.Key_Shift)
    arun(wait_until(lambda: _stored(runtime, admin.id).presence == "online", what="back"))
    win.away_action.trigger()  # chosen from the menu: activity does not undo it
    qtbot.keyClick(win, Qt.Key.Key_Shift)
    arun(wait_until(lambda: _stored(runtime, admin.id).presence == "away", what="chosen away"))
    qtbot.keyClick(win, Qt.Key.Key_Shift)
    assert session.presence == "away"
    arun(session.sign_off())
    assert _stored(runtime, admin.id).presence == "offline"
    win.close()

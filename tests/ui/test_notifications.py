"""Notifications: the agent hears and sees new waiting tickets and messages in their own
tickets while looking elsewhere; never for blocked contacts or our own messages; mute works."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QMainWindow, QMenu
from sqlalchemy import text

from whatdesk.engine.events import CountsChanged
from whatdesk.store import create_connection
from whatdesk.ui import tasks
from whatdesk.ui.bridge import Bridge
from whatdesk.ui.inbox.context import InboxContext
from whatdesk.ui.inbox.notifications import MUTE_KEY, Notifier, badge_title

from ui_helpers import wait_until


@pytest.fixture
def linked(tmp_path: Path, network: Any, arun: Callable[..., Any]) -> Iterator[Any]:
    """A runtime whose sandbox connection links by itself (customers can write at once)."""
    from whatdesk.services.runtime import Runtime

    rt = Runtime.open(tmp_path / "data", None, sandbox=network, sandbox_auto_link=True)
    arun(rt.db.write(lambda s: create_connection(s, "Loja", channel="sandbox")))
    arun(rt.start())
    try:
        yield rt
    finally:
        arun(rt.close())


@pytest.fixture
def setup(linked: Any, settings: Any, qtbot: Any, arun: Callable[..., Any]) -> Any:
    window = QMainWindow()
    window.setWindowTitle("whatdesk")
    qtbot.addWidget(window)
    agent = arun(linked.agents.ensure_first_admin())
    ctx = InboxContext(linked, Bridge(linked.bus, window), agent, settings)
    menu = QMenu()
    beeps: list[int] = []
    notifier = Notifier(ctx, window, menu=menu, beep=lambda: beeps.append(1))
    shown: list[Any] = []
    notifier.notified.connect(shown.append)
    return notifier, shown, beeps, menu


async def _ticket_of(rt: Any, phone: str) -> int:
    rows = await rt.db.read(lambda s: s.execute(text(
        "SELECT t.id FROM tickets t JOIN contacts c ON c.id = t.contact_id "
        "WHERE c.phone = :p"), {"p": phone}).scalars().all())
    return int(rows[-1])


def test_new_waiting_ticket_and_messages_in_my_ticket_notify_when_not_focused(
        setup: Any, linked: Any, network: Any, arun: Callable[..., Any]) -> None:
    notifier, shown, beeps, _menu = setup
    rosa = network.customer("5511987654321", "Dona Rosa")

    async def scenario() -> None:
        rosa.send_text("Bom dia, meu pedido não chegou")
        await wait_until(lambda: shown, what="waiting-ticket notification")
        assert [(n.title, n.body) for n in shown] == [("New conversation waiting", "Dona Rosa")]
        assert beeps == [1]
        tid = await _ticket_of(linked, "5511987654321")
        assert shown[0].ticket_id == tid
        # the agent takes it; the customer writes again while the window is in the background
        await linked.tickets.accept(tid, notifier.ctx.agent.id)
        notifier._last_sound = 0.0  # the 2-second sound gap is not what this test is about
        rosa.send_text("Alguma novidade?")
        await wait_until(lambda: len(shown) == 2, what="message notification")
        assert (shown[1].title, shown[1].body, shown[1].ticket_id) == (
            "Dona Rosa", "Alguma novidade?", tid)
        assert len(beeps) == 2
        # our own reply notifies nobody
        await linked.messages.send_text(tid, "Já verifico!")
        await rosa.wait_for_message()
        await linked.drain()
        assert len(shown) == 2

    arun(scenario())


def test_blocked_contact_and_other_agents_tickets_stay_silent_and_mute_silences_all(
        setup: Any, linked: Any, network: Any, arun: Callable[..., Any]) -> None:
    notifier, shown, beeps, menu = setup
    spam = network.customer("5511911112222", "Spam")
    ana = network.customer("5521933334444", "Ana")
    seen: list[str] = []  # connected after the notifier: it has seen what this has seen
    notifier.ctx.bridge.message_created.connect(lambda e: seen.append(e.text))

    async def scenario() -> None:
        spam.send_text("promoção imperdível")
        await wait_until(lambda: shown, what="first ticket notice")
        shown.clear()
        beeps.clear()
        tid = await _ticket_of(linked, "5511911112222")
        await linked.db.write(lambda s: s.execute(text(
            "UPDATE contacts SET blocked = true WHERE phone = '5511911112222'")))
        await linked.tickets.close(tid)
        spam.send_text("de novo")  # a new waiting ticket, but from a blocked contact
        # each later notification proves the earlier messages went by in silence: the
        # pipeline handles them in order
        notifier._last_sound = 0.0
        ana.send_text("oi")
        await wait_until(lambda: shown, what="ana's waiting notice")
        assert [(n.title, n.body) for n in shown] == [("New conversation waiting", "Ana")]
        assert beeps == [1]
        # a waiting ticket nobody took: its new messages are not "my tickets"; then mute
        ana.send_text("tem alguém aí?")
        [mute] = [a for a in menu.actions() if a.objectName() == "action_mute_notifications"]
        mute.trigger()
        assert notifier.ctx.settings.value(MUTE_KEY) in (True, "true")
        network.customer("5531955556666", "Bia").send_text("olá")
        await wait_until(lambda: "olá" in seen, what="bia's message reached the window")
        await wait_until(lambda: tasks.running_tasks() == 0, what="notifier done with it")
        mute.trigger()
        assert not notifier.muted
        notifier._last_sound = 0.0
        network.customer("5541977778888", "Carlos").send_text("bom dia")
        await wait_until(lambda: len(shown) == 2, what="carlos's notice")
        assert [(n.title, n.body) for n in shown] == [("New conversation waiting", "Ana"),
                                                      ("New conversation waiting", "Carlos")]
        assert beeps == [1, 1]

    arun(scenario())


def test_window_title_carries_the_unread_badge(setup: Any, linked: Any, network: Any,
                                              arun: Callable[..., Any]) -> None:
    notifier, shown, *_ = setup
    window = notifier.window
    network.customer("5511987654321", "Dona Rosa").send_text("oi")
    arun(wait_until(lambda: shown, what="the ticket arrived"))
    window.setWindowTitle("whatdesk")
    arun(notifier.load())  # at start-up: from the stored totals
    assert window.windowTitle() == "(1) whatdesk"
    linked.bus.publish(CountsChanged(waiting_tickets=1, unread_messages=3))
    assert window.windowTitle() == "(3) whatdesk"
    linked.bus.publish(CountsChanged(waiting_tickets=0, unread_messages=12))
    assert window.windowTitle() == "(12) whatdesk"
    linked.bus.publish(CountsChanged(waiting_tickets=0, unread_messages=0))
    assert window.windowTitle() == "whatdesk"
    assert badge_title("whatdesk", 5000) == "(999+) whatdesk"


def test_while_the_agent_looks_at_the_window_only_a_new_waiting_ticket_sounds(
        setup: Any, linked: Any, network: Any, qtbot: Any, arun: Callable[..., Any]) -> None:
    notifier, shown, beeps, _menu = setup
    window = notifier.window
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    rosa = network.customer("5511987654321", "Dona Rosa")
    seen: list[str] = []
    notifier.ctx.bridge.message_created.connect(lambda e: seen.append(e.text))

    async def scenario() -> None:
        rosa.send_text("oi")
        await wait_until(lambda: beeps, what="the waiting-ticket sound")
        tid = await _ticket_of(linked, "5511987654321")
        await linked.tickets.accept(tid, notifier.ctx.agent.id)
        notifier._last_sound = 0.0
        rosa.send_text("está aí?")  # the agent is looking at the window: no alert at all
        # the notifier's slot was connected first, so once this one saw the message the
        # notifier has seen it too; then its check (if any) finishes
        await wait_until(lambda: "está aí?" in seen, what="the message reached the window")
        await wait_until(lambda: tasks.running_tasks() == 0, what="notifier done with it")
        window.hide()  # the agent switches to another program
        await wait_until(lambda: not window.isActiveWindow())
        rosa.send_text("alô?")
        await wait_until(lambda: shown, what="background notification")
        assert [(n.title, n.body) for n in shown] == [("Dona Rosa", "alô?")]
        assert len(beeps) == 2

    arun(scenario())

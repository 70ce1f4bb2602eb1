"""The chat view: every kind of message, paging, live arrivals, retry, quote jumps."""

from __future__ import annotations

import asyncio
import os
from typing import Any

from chat_helpers import (
    chat_pane,
    every_kind_chat,
    sandbox_connection,
    ticket_of,
)
from PySide6.QtCore import QPoint, Qt
from ui_helpers import wait_until

from whatdesk.domain.enums import Ack
from whatdesk.store import get_message
from whatdesk.ui.inbox.chat_model import DayItem, LineItem, MessageItem


def _texts(pane: Any) -> list[str]:
    return [pane.model.data(pane.model.index(r, 0)) for r in range(pane.model.rowCount())]


def _click_hit(qtbot: Any, pane: Any, row: int, name: str) -> None:
    """Click the centre of a named part of a row (quote, retry, media...), as a user would."""
    index = pane.model.index(row, 0)
    pane.view.scrollTo(index)
    layout = pane.delegate.layout_for(index)
    rect = next(r for n, r in layout.hits if n == name)
    pos = pane.view.visualRect(index).topLeft() + rect.center()
    qtbot.mouseClick(pane.view.viewport(), Qt.MouseButton.LeftButton, pos=pos)


def test_a_chat_with_every_kind_shows_each_as_its_own_row(
        runtime: Any, network: Any, settings: Any, qtbot: Any, arun: Any) -> None:
    async def scenario() -> None:
        agent = await runtime.agents.ensure_first_admin("Bia")
        _, tid, _ = await every_kind_chat(runtime, network, agent.id)
        pane = chat_pane(runtime, settings, qtbot, agent)
        pane.open_ticket(tid)
        await wait_until(lambda: any("Private note" in t or "Cliente VIP" in t
                                     for t in _texts(pane)), what="chat loaded")
        await wait_until(lambda: any(
            isinstance(i, MessageItem) and i.msg.reactions for i in pane.model.items),
            what="reaction shown")
        items = pane.model.items
        kinds = [i.msg.row.kind for i in items if isinstance(i, MessageItem)]
        for kind in ("text", "image", "sticker", "video", "audio", "voice", "document",
                     "location", "contact", "buttons", "list", "button_reply", "list_reply"):
            assert kind in kinds, kind
        # reactions, edits and deletions act on their target: never a bubble of their own
        assert not {"reaction", "edit", "revoke"} & set(kinds)
        msgs = {i.msg.row.text: i.msg for i in items if isinstance(i, MessageItem)}
        assert msgs["Quero 3 unidades"].row.edited
        assert any(i.msg.row.deleted for i in items if isinstance(i, MessageItem))
        assert "This message was deleted" in _texts(pane)
        ours = msgs["Temos sim! Posso separar para você?"]
        assert ours.reactions == (("❤️", False),)
        assert ours.quote is not None and ours.quote.text.startswith("Oi! Vocês têm")
        assert msgs["Cliente VIP: oferecer frete grátis"].row.is_private_note
        assert isinstance(items[0], DayItem) and _texts(pane)[0] == "Today"
        assert any(isinstance(i, LineItem) and pane.model.data(pane.model.index(r, 0))
                   == "Accepted by Bia" for r, i in enumerate(items))
        if os.environ.get("CHAT_SCREENSHOT"):
            from whatdesk.ui import theme
            theme.set_scheme(os.environ["CHAT_SCREENSHOT"] if os.environ["CHAT_SCREENSHOT"]
                             in ("light", "dark") else None)
            pane.delegate.invalidate()
            pane._apply_style()
            await wait_until(lambda: not pane.thumbnails._pending, what="thumbnails")
            for suffix, value in (("top", 0), ("bottom", pane.view.verticalScrollBar().maximum())):
                pane.view.verticalScrollBar().setValue(value)
                pane.grab()  # paints: asks for the visible thumbnails
                await wait_until(lambda: not pane.thumbnails._pending, what="thumbnails")
                pane.grab().save(f"/tmp/chat-every-kind-{suffix}.png")
            theme.set_scheme(None)

    arun(scenario())


async def _long_chat(runtime: Any, network: Any, n: int) -> tuple[int, Any]:
    await sandbox_connection(runtime)
    ana = network.customer("5511987654321", "Ana")
    for i in range(n):
        ana.send_text(f"mensagem {i:03d}")
    return await ticket_of(runtime), ana


def _top_message(pane: Any) -> tuple[str, int]:
    index = pane.view.indexAt(QPoint(pane.view.viewport().width() // 2, 1))
    for r in range(index.row(), pane.model.rowCount()):
        item = pane.model.items[r]
        if isinstance(item, MessageItem):
            return item.msg.row.text, pane.view.visualRect(pane.model.index(r, 0)).top()
    raise AssertionError("no message visible")


def _position_of(pane: Any, text: str) -> int:
    row = next(r for r, i in enumerate(pane.model.items)
               if isinstance(i, MessageItem) and i.msg.row.text == text)
    return int(pane.view.visualRect(pane.model.index(row, 0)).top())


def test_scrolling_to_the_top_loads_older_pages_and_keeps_the_visible_message_in_place(
        runtime: Any, network: Any, settings: Any, qtbot: Any, arun: Any) -> None:
    async def scenario() -> None:
        agent = await runtime.agents.ensure_first_admin()
        tid, _ = await _long_chat(runtime, network, 200)
        pane = chat_pane(runtime, settings, qtbot, agent)
        pane.open_ticket(tid)
        await wait_until(lambda: "mensagem 199" in _texts(pane), what="newest page")
        sb = pane.view.verticalScrollBar()
        assert sb.value() == sb.maximum()  # opens at the newest message
        assert "mensagem 000" not in _texts(pane)
        loaded = len(pane.model.message_items())
        while "mensagem 000" not in _texts(pane):
            before = len(pane.model.message_items())
            await asyncio.sleep(0.001)  # the loop runs (a nested qtbot.wait would re-enter it)
            sb.setValue(sb.value() - pane.view.viewport().height())  # the agent scrolls up
            text, top = _top_message(pane)
            await wait_until(lambda: len(pane.model.message_items()) > before
                             or sb.value() > 0 or "mensagem 000" in _texts(pane),
                             what="older page")
            if len(pane.model.message_items()) > before:
                # the message the agent was looking at did not move
                assert _position_of(pane, text) == top
        assert len(pane.model.message_items()) == 200 > loaded
        messages = [t for t in _texts(pane) if t.startswith("mensagem")]
        assert messages == [f"mensagem {i:03d}" for i in range(200)]
        # one run of bubbles from Ana: only the first has the tail, older pages included
        assert [i.msg.row.text for i in pane.model.message_items()
                if not i.continues] == ["mensagem 000"]

    arun(scenario())


def test_a_long_history_is_read_through_a_bounded_window_both_ways(
        runtime: Any, network: Any, settings: Any, qtbot: Any, arun: Any) -> None:
    """Scrolling up through 600 messages keeps the list short (the far end is dropped) and
    scrolling back down brings every message back, in order, to the newest."""
    from whatdesk.ui.inbox.chat import WINDOW_ROWS

    async def scenario() -> None:
        agent = await runtime.agents.ensure_first_admin()
        tid, _ = await _long_chat(runtime, network, 600)
        pane = chat_pane(runtime, settings, qtbot, agent)
        pane.open_ticket(tid)
        await wait_until(lambda: "mensagem 599" in _texts(pane), what="newest page")
        sb = pane.view.verticalScrollBar()
        seen: set[str] = set()
        longest = 0
        while "mensagem 000" not in _texts(pane):
            sb.setValue(sb.value() - pane.view.viewport().height() // 2)
            seen.add(_top_message(pane)[0])
            longest = max(longest, pane.model.rowCount())
            await wait_until(lambda: not pane._loading_older, what="older page")
            await asyncio.sleep(0.001)  # the loop runs (a nested qtbot.wait would re-enter it)
        assert longest <= WINDOW_ROWS + 45  # a window plus the page being added
        assert "mensagem 599" not in _texts(pane) and pane.model.more_after
        text, top = _top_message(pane)
        seen_down: list[str] = []
        while pane.model.more_after or sb.value() < sb.maximum():
            sb.setValue(sb.value() + pane.view.viewport().height() // 2)
            await wait_until(lambda: not pane._loading_newer, what="newer page")
            await asyncio.sleep(0.001)  # the loop runs (a nested qtbot.wait would re-enter it)
            seen_down.append(_top_message(pane)[0])
        assert "mensagem 599" in _texts(pane)
        numbers = [int(t.split()[1]) for t in seen_down]
        assert numbers == sorted(numbers)  # never jumped back while pages came and went
        assert pane.model.rowCount() <= WINDOW_ROWS + 45
        messages = [t for t in _texts(pane) if t.startswith("mensagem")]
        assert messages == [f"mensagem {i:03d}" for i in range(600 - len(messages), 600)]

    arun(scenario())


def test_a_message_arriving_while_reading_history_shows_the_jump_button_and_keeps_the_view(
        runtime: Any, network: Any, settings: Any, qtbot: Any, arun: Any) -> None:
    async def scenario() -> None:
        agent = await runtime.agents.ensure_first_admin()
        tid, ana = await _long_chat(runtime, network, 60)
        pane = chat_pane(runtime, settings, qtbot, agent)
        pane.open_ticket(tid)
        await wait_until(lambda: "mensagem 059" in _texts(pane), what="loaded")
        assert not pane.jump.isVisible()
        sb = pane.view.verticalScrollBar()
        sb.setValue(sb.maximum() - 3 * pane.view.viewport().height())
        await wait_until(lambda: pane.jump.isVisible() and not pane._loading_older,
                         what="jump button while reading")
        text, top = _top_message(pane)
        ana.send_text("chegou agora")
        await wait_until(lambda: "chegou agora" in _texts(pane), what="live message")
        assert _position_of(pane, text) == top  # the view did not move
        assert pane.jump.isVisible() and pane.jump.text().startswith("1")
        qtbot.mouseClick(pane.jump, Qt.MouseButton.LeftButton)
        assert sb.value() == sb.maximum()
        await wait_until(lambda: not pane.jump.isVisible(), what="jump button gone")
        ana.send_text("e mais uma")  # at the bottom: the view follows
        await wait_until(lambda: "e mais uma" in _texts(pane), what="second live message")
        assert sb.value() == sb.maximum() and not pane.jump.isVisible()

    arun(scenario())


def test_a_failed_message_is_retried_from_the_chat_and_then_delivered(
        runtime: Any, network: Any, settings: Any, qtbot: Any, arun: Any) -> None:
    async def scenario() -> None:
        agent = await runtime.agents.ensure_first_admin()
        cid = await sandbox_connection(runtime)
        network.customer("5511987654321", "Ana").send_text("Oi")
        tid = await ticket_of(runtime)
        pane = chat_pane(runtime, settings, qtbot, agent)
        pane.open_ticket(tid)
        await wait_until(lambda: "Oi" in _texts(pane), what="loaded")
        from whatdesk.services.runtime import sandbox_account_phone
        network.fail_next_send(sandbox_account_phone(cid))
        mid = await runtime.messages.send_text(tid, "Já te respondo", agent_id=agent.id)

        def item() -> Any:
            row = pane.model.row_of(mid)
            return None if row is None else pane.model.items[row]
        await wait_until(lambda: item() is not None and item().msg.row.ack == Ack.FAILED,
                         what="shown as failed")
        row = pane.model.row_of(mid)
        assert any(n == "retry" for n, _ in pane.delegate.layout_for(
            pane.model.index(row, 0)).hits)
        _click_hit(qtbot, pane, row, "retry")
        await wait_until(lambda: item().msg.row.ack >= Ack.SERVER, what="sent after retry")
        stored = await runtime.db.read(lambda s: get_message(s, mid))
        assert stored.ack >= Ack.SERVER and stored.error is None
        assert not any(n == "retry" for n, _ in pane.delegate.layout_for(
            pane.model.index(pane.model.row_of(mid), 0)).hits)

    arun(scenario())


def test_clicking_a_quote_jumps_to_the_original_and_highlights_it(
        runtime: Any, network: Any, settings: Any, qtbot: Any, arun: Any) -> None:
    async def scenario() -> None:
        agent = await runtime.agents.ensure_first_admin()
        tid, ana = await _long_chat(runtime, network, 150)
        from chat_helpers import wa_id_of
        original = await wa_id_of(runtime, tid, "text", "mensagem 005")
        ana.send_text("e aquela primeira pergunta?", quoted_id=original)
        await runtime.drain()
        pane = chat_pane(runtime, settings, qtbot, agent)
        pane.open_ticket(tid)
        await wait_until(lambda: "e aquela primeira pergunta?" in _texts(pane), what="loaded")
        assert "mensagem 005" not in _texts(pane)  # far above: not loaded yet
        row = next(r for r, i in enumerate(pane.model.items) if isinstance(i, MessageItem)
                   and i.msg.row.text == "e aquela primeira pergunta?")
        _click_hit(qtbot, pane, row, "quote")
        await wait_until(lambda: "mensagem 005" in _texts(pane), what="original loaded")
        target = pane.model.row_of(next(i.msg.id for i in pane.model.message_items()
                                        if i.msg.row.text == "mensagem 005"))
        item = pane.model.items[target]
        assert item.highlighted
        rect = pane.view.visualRect(pane.model.index(target, 0))
        assert pane.view.viewport().rect().intersects(rect)  # on screen
        assert pane.jump.isVisible()  # newer messages are below: the way back
        qtbot.mouseClick(pane.jump, Qt.MouseButton.LeftButton)
        await wait_until(lambda: pane.view.verticalScrollBar().value()
                         == pane.view.verticalScrollBar().maximum()
                         and "e aquela primeira pergunta?" in _texts(pane),
                         what=f"back down {pane.view.verticalScrollBar().value()} "
                              f"{pane.view.verticalScrollBar().maximum()} {pane.model.more_after} {_texts(pane)[-3:]}")

    arun(scenario())


def test_map_links_come_only_from_valid_coordinates_and_file_names_lose_their_folders() -> None:
    from whatdesk.ui.inbox.chat import map_url, safe_filename

    url = map_url(-23.561414, -46.655881)
    assert url is not None and url.toString() == (
        "https://www.openstreetmap.org/?mlat=-23.561414&mlon=-46.655881"
        "#map=17/-23.561414/-46.655881")
    assert map_url(float("nan"), 1.0) is None and map_url(91.0, 0.0) is None
    assert map_url("1; rm -rf", 2.0) is None
    assert safe_filename("../../etc/passwd") == "passwd"
    assert safe_filename("C:\\Windows\\evil.exe") == "evil.exe"
    assert safe_filename("rel\u0000at\u00f3rio?.pdf") == "relatório.pdf"


def _menu_for(pane: Any, row: int) -> Any:
    """Right-click a row as the agent would; returns the menu that opened."""
    index = pane.model.index(row, 0)
    pane.view.scrollTo(index)
    pane.view.context_menu.emit(row, pane.view.mapToGlobal(pane.view.visualRect(index).center()))
    return pane._menu


def _action(menu: Any, text: str) -> Any:
    return next(a for a in menu.actions() if a.text() == text)


def test_reacting_and_deleting_from_the_message_menu_reach_the_customer(
        runtime: Any, network: Any, settings: Any, qtbot: Any, arun: Any) -> None:
    async def scenario() -> None:
        from whatdesk.domain.enums import MessageKind

        agent = await runtime.agents.ensure_first_admin()
        await sandbox_connection(runtime)
        ana = network.customer("5511987654321", "Ana")
        ana.send_text("Chegou meu pedido!")
        tid = await ticket_of(runtime)
        await runtime.tickets.accept(tid, agent.id)
        pane = chat_pane(runtime, settings, qtbot, agent)
        pane.open_ticket(tid)
        await wait_until(lambda: "Chegou meu pedido!" in _texts(pane), what="loaded")
        theirs = next(r for r in range(pane.model.rowCount())
                      if _texts(pane)[r] == "Chegou meu pedido!")
        react = _action(_menu_for(pane, theirs), "React").menu()
        _action(react, "❤️").trigger()
        await wait_until(lambda: any(m.kind == MessageKind.REACTION for m in ana.inbox),
                         what="reaction delivered")
        [target] = [m for m in await runtime.db.read(lambda s: _messages(s, tid))
                    if m.text == "Chegou meu pedido!"]
        assert target.reaction == "❤️"

        mid = await runtime.messages.send_text(tid, "Que bom!", agent_id=agent.id)
        await wait_until(lambda: any(m.text == "Que bom!" for m in ana.inbox), timeout=20,
                         what="reply delivered")
        await wait_until(lambda: pane.model.row_of(mid) is not None
                         and pane.model.items[pane.model.row_of(mid)].msg.row.ack >= 1,
                         what="reply shown as sent")
        menu = _menu_for(pane, pane.model.row_of(mid))
        assert "Delete for everyone" in [a.text() for a in menu.actions()]
        assert "Delete for everyone" not in [a.text() for a in _menu_for(pane, theirs).actions()]
        _action(_menu_for(pane, pane.model.row_of(mid)), "Delete for everyone").trigger()
        box = pane.confirm_box
        next(b for b in box.buttons() if b.objectName() == "confirmDelete").click()
        await wait_until(lambda: any(m.kind == MessageKind.REVOKE for m in ana.inbox),
                         timeout=20, what="delete delivered")
        stored = await runtime.db.read(lambda s: get_message(s, mid))
        assert stored.deleted

    arun(scenario())


def _messages(s: Any, ticket_id: int) -> Any:
    from whatdesk.store import list_messages

    return list_messages(s, ticket_id, limit=100)

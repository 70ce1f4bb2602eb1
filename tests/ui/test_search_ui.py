"""The Search tab: the agent types, sees highlighted hits, opens the chat at the message."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from PySide6.QtCore import Qt

from whatdesk.domain.enums import MessageKind
from whatdesk.domain.events import InboundMessage
from whatdesk.store import create_connection, get_message, record_inbound
from whatdesk.ui.bridge import Bridge
from whatdesk.ui.inbox.context import InboxContext
from whatdesk.ui.inbox.search import SearchPane

from ui_helpers import wait_until

T0 = datetime(2026, 11, 30, 13, 0, tzinfo=UTC)


async def seed(runtime: Any, chats: list[tuple[str, str, list[str]]]) -> dict[str, int]:
    """Customers writing in: (phone, name, texts) → {text: message id}."""
    cid = await runtime.db.write(lambda s: create_connection(s, "Loja", channel="sandbox").id)
    ids: dict[str, int] = {}
    n = 0
    for phone, name, texts in chats:
        for text in texts:
            n += 1
            msg = InboundMessage(
                wa_id=f"W{n}", chat=f"{phone}@s.whatsapp.net", sender=f"{phone}@s.whatsapp.net",
                timestamp=T0 + timedelta(minutes=n), kind=MessageKind.TEXT,
                sender_phone=phone, push_name=name, text=text)
            res = await runtime.db.write(lambda s, m=msg: record_inbound(s, cid, m))
            ids[text] = res.message_id
    return ids


def make_pane(runtime: Any, settings: Any, qtbot: Any, arun: Callable[..., Any]) -> SearchPane:
    agent = arun(runtime.agents.ensure_first_admin())
    ctx = InboxContext(runtime, Bridge(runtime.bus), agent, settings)
    pane = SearchPane(ctx)
    qtbot.addWidget(pane)
    pane.resize(380, 520)
    pane.show()
    return pane


def seen(pane: SearchPane) -> list[str]:
    """Each row as the agent reads it, bold parts in [brackets]."""
    out = []
    for row in pane.model.rows:
        if row.kind == "header":
            out.append(f"== {row.title}")
            continue
        text = row.title if row.kind == "contact" else row.text
        marked, last = "", 0
        for a, b in row.spans:
            marked += text[last:a] + "[" + text[a:b] + "]"
            last = b
        marked += text[last:]
        out.append(f"{marked} | {row.text}" if row.kind == "contact" else
                   f"{row.title}: {row.prefix}{marked}")
    return out


def test_typing_a_word_shows_highlighted_hits_and_a_click_opens_that_message(
        runtime: Any, settings: Any, qtbot: Any, arun: Callable[..., Any]) -> None:
    ids = arun(seed(runtime, [
        ("5511987654321", "Dona Rosa", ["Bom dia, meu pedido não chegou", "Obrigada"]),
        ("5521912345678", "Pedro Álvares", ["Quero trocar o pedido 4521", "Qual o horário?"]),
    ]))
    pane = make_pane(runtime, settings, qtbot, arun)
    assert pane.stack.currentWidget() is pane.message
    assert "Search messages and contacts" in pane.message.text()

    async def scenario() -> None:
        qtbot.keyClicks(pane.field, "ped")
        await wait_until(lambda: pane.query == "ped" and pane.model.rows, what="results")
        assert seen(pane) == [
            "== Contacts", "[Pedro] Álvares | +5521912345678",
            "== Messages", "Pedro Álvares: Quero trocar o [pedido] 4521",
            "Dona Rosa: Bom dia, meu [pedido] não chegou"]
        assert pane.stack.currentWidget() is pane.view
        pane.view.grab().save("/tmp/i7search-results.png")
        with qtbot.waitSignal(pane.result_opened) as opened:
            rect = pane.view.visualRect(pane.model.index(4))
            qtbot.mouseClick(pane.view.viewport(), Qt.MouseButton.LeftButton,
                             pos=rect.center())
        assert opened.args == [rosa_ticket, ids["Bom dia, meu pedido não chegou"]]

    rosa_ticket = arun(runtime.db.read(
        lambda s: get_message(s, ids["Bom dia, meu pedido não chegou"]).ticket_id))
    arun(scenario())


def test_accents_keyboard_and_empty_states(
        runtime: Any, settings: Any, qtbot: Any, arun: Callable[..., Any]) -> None:
    ids = arun(seed(runtime, [("5511987654321", "Dona Rosa", ["Qual o horário de amanhã?"])]))
    pane = make_pane(runtime, settings, qtbot, arun)
    leaves: list[bool] = []
    pane.leave_requested.connect(lambda: leaves.append(True))

    async def scenario() -> None:
        qtbot.keyClicks(pane.field, "xyzzy")
        await wait_until(lambda: pane.query == "xyzzy", what="searched")
        await wait_until(lambda: "No results for “xyzzy”" in pane.message.text())
        assert pane.stack.currentWidget() is pane.message
        pane.grab().save("/tmp/i7search-empty.png")
        pane.field.clear()
        qtbot.keyClicks(pane.field, "HORARIO amanha")
        await wait_until(lambda: pane.query == "HORARIO amanha" and pane.model.rows)
        assert seen(pane) == ["== Messages", "Dona Rosa: Qual o [horário] de [amanhã]?"]
        # Enter opens the first hit; Esc clears the field, a second Esc leaves search
        with qtbot.waitSignal(pane.result_opened) as opened:
            qtbot.keyClick(pane.field, Qt.Key.Key_Return)
        assert opened.args[1] == ids["Qual o horário de amanhã?"]
        pane.focus_search()
        qtbot.keyClick(pane.field, Qt.Key.Key_Escape)
        assert pane.field.text() == "" and not leaves
        assert "Type a word" in pane.message.text()
        qtbot.keyClick(pane.field, Qt.Key.Key_Escape)
        assert leaves == [True]

    arun(scenario())


def test_agent_finds_only_tickets_they_may_see_and_new_hits_arrive_live(
        runtime: Any, settings: Any, qtbot: Any, arun: Callable[..., Any]) -> None:
    from sqlalchemy import update

    from whatdesk.store import create_agent, create_queue
    from whatdesk.store._sql import tickets_t

    ids = arun(seed(runtime, [
        ("5511900000001", "Ana Vendas", ["pedido da Ana"]),
        ("5511900000002", "Caio Suporte", ["pedido do Caio"]),
        ("5511900000003", "Duda Suporte", ["pedido da Duda"]),
        ("5511900000004", "Eva Sem Fila", ["pedido da Eva"]),
    ]))
    vendas = runtime.db.write_sync(lambda s: create_queue(s, "Vendas")).id
    suporte = runtime.db.write_sync(lambda s: create_queue(s, "Suporte")).id
    bia = runtime.db.write_sync(lambda s: create_agent(s, "Bia", queue_ids=(vendas,)))
    other = runtime.db.write_sync(lambda s: create_agent(s, "Rui", queue_ids=(suporte,)))
    ticket = {text.split()[-1]: runtime.db.read_sync(lambda s, m=mid: get_message(s, m)).ticket_id
              for text, mid in ids.items()}

    def place(name: str, queue_id: int, agent_id: int | None) -> None:
        runtime.db.write_sync(lambda s: s.execute(update(tickets_t).where(
            tickets_t.c.id == ticket[name]).values(queue_id=queue_id, agent_id=agent_id)))

    place("Ana", vendas, None)  # Bia's queue
    place("Caio", suporte, other.id)  # another queue, another agent: not Bia's business
    place("Duda", suporte, bia.id)  # another queue, but assigned to Bia
    cid = runtime.db.read_sync(lambda s: get_message(s, ids["pedido da Ana"]).connection_id)

    ctx = InboxContext(runtime, Bridge(runtime.bus), bia, settings)
    pane = SearchPane(ctx)
    qtbot.addWidget(pane)
    pane.resize(380, 520)
    pane.show()

    def arrive(phone: str, text: str, n: int) -> None:
        msg = InboundMessage(
            wa_id=f"L{n}", chat=f"{phone}@s.whatsapp.net", sender=f"{phone}@s.whatsapp.net",
            timestamp=T0 + timedelta(hours=1, minutes=n), kind=MessageKind.TEXT,
            sender_phone=phone, text=text)
        arun(runtime.pipeline.handle_message(cid, msg))

    done: list[str] = []
    pane.searched.connect(done.append)

    async def typed(text: str = "pedido") -> None:
        done.clear()
        qtbot.keyClicks(pane.field, text)
        await wait_until(lambda: done and done[-1] == text, what="results")

    arun(typed())
    assert seen(pane) == [
        "== Messages", "Eva Sem Fila: [pedido] da Eva", "Duda Suporte: [pedido] da Duda",
        "Ana Vendas: [pedido] da Ana"]
    # Names and numbers of tickets she may not see are not offered either.
    pane.field.clear()
    arun(typed("Suporte"))
    assert seen(pane) == ["== Contacts", "Duda [Suporte] | +5511900000003"]

    pane.field.clear()
    arun(typed())
    arrive("5511900000002", "outro pedido do Caio", 1)  # not hers: stays out
    arrive("5511900000001", "novo pedido urgente", 2)  # hers: shows up without retyping
    arrive("5511900000001", "obrigada", 3)  # no match: no lookup needed
    arun(wait_until(lambda: len(seen(pane)) == 5, what="the new hit"))
    assert seen(pane) == [
        "== Messages", "Ana Vendas: novo [pedido] urgente", "Eva Sem Fila: [pedido] da Eva",
        "Duda Suporte: [pedido] da Duda", "Ana Vendas: [pedido] da Ana"]

"""The inbox's ticket lists driven like an agent: real engine, sandbox customers, offscreen."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtTest import QSignalSpy

from whatdesk.domain.enums import Ack, TicketStatus
from whatdesk.engine.events import TicketChanged
from whatdesk.store import create_queue, create_tag, get_ticket, list_tickets, tag_contact
from whatdesk.store.tickets import transfer
from whatdesk.ui import theme

from inbox_support import inbox_window, linked_sandbox, names, pane, settled
from ui_helpers import wait_until


def rows(win: Any) -> list[Any]:
    model = pane(win).model
    return [model.ticket_at(i) for i in range(model.rowCount())]


def tab_texts(win: Any) -> list[str]:
    tabs = pane(win).tabs
    return [tabs.tabText(i) for i in range(tabs.count())]


def click_tab(qtbot: Any, win: Any, index: int) -> None:
    tabs = pane(win).tabs
    qtbot.mouseClick(tabs, Qt.MouseButton.LeftButton, pos=tabs.tabRect(index).center())


async def stored_tickets(runtime: Any) -> list[Any]:
    return await runtime.db.read(lambda s: list_tickets(s, limit=500))


def test_customers_writing_in_appear_in_waiting_newest_first_with_their_unread_counts(
        runtime: Any, network: Any, settings: Any, qtbot: Any, arun: Any) -> None:
    async def scenario() -> None:
        await linked_sandbox(runtime, network)
        win = await inbox_window(runtime, settings, qtbot)
        assert win.pages.currentWidget() is win.inbox_holder
        assert win.nav_buttons["inbox"].isChecked()
        assert pane(win).current_tab() == "waiting"  # nothing of mine yet
        assert pane(win).stack.currentWidget() is pane(win).empty
        assert pane(win).empty_title.text() == "Nobody is waiting"

        network.customer("5511988887777", "Ana").send_text("Oi, vocês entregam?")
        maria = network.customer("5531966665555", "Maria")
        maria.send_text("Bom dia")
        maria.send_text("Tem bolo?")
        await settled(win, runtime)
        await wait_until(lambda: names(win) == ["Maria", "Ana"], what=f"rows {names(win)}")
        assert [r.unread_count for r in rows(win)] == [2, 1]
        assert rows(win)[0].last_text == "Tem bolo?"
        await wait_until(lambda: tab_texts(win)[1] == "Waiting (2)", what=str(tab_texts(win)))
        assert pane(win).stack.currentWidget() is pane(win).view

        network.customer("5511988887777", "Ana").send_text("Alô?")  # Ana moves to the top
        await settled(win, runtime)
        assert names(win) == ["Ana", "Maria"]
        assert [r.unread_count for r in rows(win)] == [2, 2]
        win.close()

    arun(scenario())


def test_burst_of_1000_messages_from_100_contacts_never_resets_or_duplicates_the_list(
        runtime: Any, network: Any, settings: Any, qtbot: Any, arun: Any) -> None:
    async def scenario() -> None:
        _, phone = await linked_sandbox(runtime, network)
        win = await inbox_window(runtime, settings, qtbot)
        model = pane(win).model
        resets = QSignalSpy(model.modelReset)
        network.burst(phone, 1000, 100, deliver=True)
        await wait_until(lambda: sum(r.unread_count for r in rows(win)) >= 1000 or
                         model.rowCount() >= 50, timeout=60, what="burst shown")
        await settled(win, runtime)
        view = pane(win).view
        while model.canFetchMore():  # the agent scrolls to the end
            view.scrollToBottom()
            model.fetchMore()
            await wait_until(lambda: not model.busy, what="page")
        await settled(win, runtime)

        shown = rows(win)
        ids = [r.ticket_id for r in shown]
        assert len(ids) == len(set(ids)) == 100
        stored = {t.id: t for t in await stored_tickets(runtime)}
        assert len(stored) == 100  # and the store made no duplicate ticket either
        assert {r.ticket_id: r.unread_count for r in shown} == \
            {t.id: t.unread_count for t in stored.values()}
        assert sum(r.unread_count for r in shown) == 1000
        assert [r.sort_key for r in shown] == sorted((r.sort_key for r in shown), reverse=True)
        assert resets.count() == 0
        win.close()

    arun(scenario())


def test_pages_load_as_the_agent_scrolls_without_repeating_a_ticket(
        runtime: Any, network: Any, settings: Any, qtbot: Any, arun: Any) -> None:
    async def scenario() -> None:
        _, phone = await linked_sandbox(runtime, network)
        network.burst(phone, 120, 120, deliver=True)
        await runtime.drain()
        win = await inbox_window(runtime, settings, qtbot)
        model = pane(win).model
        await wait_until(lambda: not model.busy)
        assert 50 <= model.rowCount() < 120  # one page (the view may have asked for a second)
        bar = pane(win).view.verticalScrollBar()
        for _ in range(10):
            await wait_until(lambda: bar.maximum() > bar.value(), what="laid out")
            bar.setValue(bar.maximum())
            await wait_until(lambda: not model.busy)
            if model.rowCount() == 120:
                break
        assert model.rowCount() == 120
        assert len(set(model.ticket_ids())) == 120
        win.close()

    arun(scenario())


def test_keys_move_between_conversations_and_open_them(
        runtime: Any, network: Any, settings: Any, qtbot: Any, arun: Any) -> None:
    async def scenario() -> None:
        await linked_sandbox(runtime, network)
        for n, name in enumerate(("Ana", "Bia", "Caio")):
            network.customer(f"551198888000{n}", name).send_text("Oi")
            await runtime.drain()
        win = await inbox_window(runtime, settings, qtbot)
        await settled(win, runtime)
        assert names(win) == ["Caio", "Bia", "Ana"]
        opened: list[int] = []
        pane(win).ticket_selected.connect(opened.append)
        view = pane(win).view
        view.setFocus()
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                         pos=view.visualRect(pane(win).model.index(0)).center())
        qtbot.keyClick(view, Qt.Key.Key_Down)
        pane(win).select_next()
        pane(win).select_next()  # already the last: stays
        pane(win).select_previous()
        ids = [r.ticket_id for r in rows(win)]
        assert opened == [ids[0], ids[1], ids[2], ids[1]]
        assert win.inbox_page.chat.ticket_id == ids[1]
        win.close()

    arun(scenario())


def test_accepting_the_open_chat_follows_it_to_mine_and_counts_move(
        runtime: Any, network: Any, settings: Any, qtbot: Any, arun: Any) -> None:
    async def scenario() -> None:
        await linked_sandbox(runtime, network)
        network.customer("5511988887777", "Ana").send_text("Oi")
        network.customer("5521977776666", "João").send_text("Olá")
        await runtime.drain()
        win = await inbox_window(runtime, settings, qtbot)
        await settled(win, runtime)
        assert tab_texts(win)[:3] == ["Mine", "Waiting (2)", "Bot"]
        pane(win).select_next()  # opens João (newest)
        joao = rows(win)[0].ticket_id
        await runtime.tickets.accept(joao, win.inbox_page.ctx.agent.id)
        await wait_until(lambda: pane(win).current_tab() == "mine", what="followed to Mine")
        await settled(win, runtime)
        assert names(win) == ["João"]
        assert pane(win).view.currentIndex().row() == 0  # still selected
        await wait_until(lambda: tab_texts(win)[:2] == ["Mine (1)", "Waiting (1)"],
                         what=str(tab_texts(win)))
        click_tab(qtbot, win, 1)
        await settled(win, runtime)
        assert names(win) == ["Ana"]
        assert win.inbox_page.chat.ticket_id == joao  # switching tabs opened nothing else
        win.close()

    arun(scenario())


def test_filters_by_queue_tag_and_unread_and_the_empty_state_clears_them(
        runtime: Any, network: Any, settings: Any, qtbot: Any, arun: Any) -> None:
    async def scenario() -> None:
        await linked_sandbox(runtime, network)
        for phone, name in (("5511988887777", "Ana"), ("5521977776666", "João"),
                            ("5531966665555", "Maria")):
            network.customer(phone, name).send_text("Oi")
            await runtime.drain()
        vendas = await runtime.db.write(lambda s: create_queue(s, "Vendas", "#e91e63"))
        vip = await runtime.db.write(lambda s: create_tag(s, "VIP", "#ff9800"))
        tickets = {t.contact_name: t for t in await stored_tickets(runtime)}
        await runtime.db.write(lambda s: transfer(s, tickets["Ana"].id, "test",
                                                  queue_id=vendas.id))
        await runtime.db.write(lambda s: tag_contact(s, tickets["Maria"].contact_id, vip.id))
        win = await inbox_window(runtime, settings, qtbot)
        await settled(win, runtime)
        p = pane(win)
        assert sorted(names(win)) == ["Ana", "João", "Maria"]
        assert p.queue_filter.isVisible() and p.tag_filter.isVisible()

        p.queue_filter.setCurrentIndex(p.queue_filter.findText("Vendas"))
        await settled(win, runtime)
        assert names(win) == ["Ana"]
        assert rows(win)[0].queue_name == "Vendas"
        await wait_until(lambda: tab_texts(win)[1] == "Waiting (1)", what=str(tab_texts(win)))

        p.queue_filter.setCurrentIndex(p.queue_filter.findText("No queue"))
        await settled(win, runtime)
        assert sorted(names(win)) == ["João", "Maria"]

        p.tag_filter.setCurrentIndex(p.tag_filter.findText("VIP"))
        await settled(win, runtime)
        assert names(win) == ["Maria"]
        assert [t.name for t in rows(win)[0].tags] == ["VIP"]

        await runtime.messages.mark_read(tickets["Maria"].id)
        qtbot.mouseClick(p.unread_filter, Qt.MouseButton.LeftButton)
        await settled(win, runtime)
        assert names(win) == []
        assert p.stack.currentWidget() is p.empty
        assert p.empty_title.text() == "No conversations match these filters"
        qtbot.mouseClick(p.empty_clear, Qt.MouseButton.LeftButton)
        await settled(win, runtime)
        assert sorted(names(win)) == ["Ana", "João", "Maria"]
        assert not p.unread_filter.isChecked()
        win.close()

    arun(scenario())


def test_row_shows_our_last_message_ticks_and_a_ticket_leaving_the_tab_is_removed(
        runtime: Any, network: Any, settings: Any, qtbot: Any, arun: Any) -> None:
    async def scenario() -> None:
        await linked_sandbox(runtime, network)
        network.customer("5511988887777", "Ana").send_image(caption="")
        await runtime.drain()
        win = await inbox_window(runtime, settings, qtbot)
        await settled(win, runtime)
        row = rows(win)[0]
        assert row.last_kind == "image" and not row.last_from_me
        await runtime.messages.send_text(row.ticket_id, "Recebemos a foto!")
        await wait_until(lambda: rows(win)[0].last_from_me, what="our reply in the row")
        await wait_until(lambda: rows(win)[0].last_ack == Ack.READ, what="read ticks",
                         timeout=15)
        assert rows(win)[0].last_text == "Recebemos a foto!"
        removed = QSignalSpy(pane(win).model.rowsRemoved)
        await runtime.tickets.close(row.ticket_id)
        await settled(win, runtime)
        assert names(win) == [] and removed.count() == 1
        stored = await runtime.db.read(lambda s: get_ticket(s, row.ticket_id))
        assert stored.status == TicketStatus.CLOSED
        click_tab(qtbot, win, 3)
        await settled(win, runtime)
        assert names(win) == ["Ana"]
        win.close()

    arun(scenario())


def test_a_change_from_elsewhere_is_picked_up_from_the_notification_alone(
        runtime: Any, network: Any, settings: Any, qtbot: Any, arun: Any) -> None:
    """Another desktop's change feed only says "ticket N changed": the row is read again."""
    async def scenario() -> None:
        await linked_sandbox(runtime, network)
        network.customer("5511988887777", "Ana").send_text("Oi")
        await runtime.drain()
        win = await inbox_window(runtime, settings, qtbot)
        await settled(win, runtime)
        ticket = rows(win)[0]
        queue = await runtime.db.write(lambda s: create_queue(s, "Suporte", "#3f51b5"))
        await runtime.db.write(lambda s: transfer(s, ticket.ticket_id, "other desktop",
                                                  queue_id=queue.id))
        assert rows(win)[0].queue_name is None  # nobody said anything yet
        runtime.bus.publish(TicketChanged(ticket.ticket_id, TicketStatus.PENDING,
                                          TicketStatus.PENDING))
        await settled(win, runtime)
        assert rows(win)[0].queue_name == "Suporte"
        win.close()

    arun(scenario())


def test_demo_opens_on_an_inbox_where_simulated_customers_wait_and_talk_to_the_bot(
        tmp_path: Any, settings: Any, qtbot: Any, arun: Any) -> None:
    from whatdesk.app import start_demo
    from whatdesk.channels.sandbox import SandboxNetwork
    from whatdesk.services.runtime import Runtime

    network = SandboxNetwork(seed=3, delivered_after_s=0.05, read_after_s=0.1)
    rt = Runtime.open(tmp_path / "demo", None, sandbox=network, sandbox_auto_link=True)
    arun(rt.start())
    driver = arun(start_demo(rt))

    async def scenario() -> None:
        win = await inbox_window(rt, settings, qtbot)
        assert win.pages.currentWidget() is win.inbox_holder
        p = pane(win)
        await wait_until(lambda: p.counts.bot + p.counts.waiting >= 8, timeout=40,
                         what=f"demo customers ({p.counts})")
        click_tab(qtbot, win, 2)
        await settled(win, rt)
        assert p.query().tab == "bot"
        bot = {r.ticket_id for r in rows(win)}
        click_tab(qtbot, win, 1)
        await settled(win, rt)
        # customers who answered the bot's menu wait in the queue they chose
        assert all(r.queue_name in ("Pedidos", "Entregas", "Atendimento") for r in rows(win))
        assert len(bot | {r.ticket_id for r in rows(win)}) >= 8
        win.close()

    try:
        arun(scenario())
    finally:
        arun(driver.stop())
        arun(rt.close())


def _has_color(image: Any, rect: Any, color: str) -> bool:
    target = QColor(color)
    return any(image.pixelColor(x, y) == target
               for x in range(rect.left(), rect.right()) for y in range(rect.top(), rect.bottom()))


def test_rows_paint_the_unread_badge_only_where_messages_are_unread(
        runtime: Any, network: Any, settings: Any, qtbot: Any, arun: Any) -> None:
    async def scenario() -> None:
        await linked_sandbox(runtime, network)
        network.customer("5511988887777", "Ana").send_text("Oi")
        await runtime.drain()
        network.customer("5521977776666", "João").send_text("Olá")
        await runtime.drain()
        win = await inbox_window(runtime, settings, qtbot)
        await settled(win, runtime)
        await runtime.messages.mark_read(rows(win)[1].ticket_id)  # Ana's chat was read
        await settled(win, runtime)
        view = pane(win).view
        image = view.viewport().grab().toImage()
        model = pane(win).model
        joao, ana = (view.visualRect(model.index(i)) for i in range(2))
        assert _has_color(image, joao, theme.palette().unread_badge)
        assert not _has_color(image, ana, theme.palette().unread_badge)
        win.close()

    arun(scenario())


def test_avatar_photos_are_read_only_from_inside_the_data_dir(
        tmp_path: Any, qapp: Any, arun: Any) -> None:
    from whatdesk.ui.avatars import AvatarCache

    root = tmp_path / "data"
    (root / "avatars").mkdir(parents=True)
    picture = QImage(8, 8, QImage.Format.Format_RGB32)
    picture.fill(QColor("red"))
    picture.save(str(root / "avatars" / "a.png"))
    picture.save(str(tmp_path / "secret.png"))
    cache = AvatarCache(root)

    async def scenario() -> None:
        paths = ("avatars/a.png", "../secret.png", str(tmp_path / "secret.png"))
        for path in paths:
            cache.pixmap(path)
        await wait_until(lambda: all(cache.known(p) for p in paths), what="read")
        photo = cache.pixmap("avatars/a.png")
        assert photo is not None and photo.toImage().pixelColor(4, 4) == QColor("red")
        assert cache.pixmap("../secret.png") is None
        assert cache.pixmap(str(tmp_path / "secret.png")) is None

    arun(scenario())


def test_opening_my_conversation_reads_it_but_peeking_at_a_waiting_one_does_not(
        runtime: Any, network: Any, settings: Any, qtbot: Any, arun: Any) -> None:
    async def scenario() -> None:
        await linked_sandbox(runtime, network)
        win = await inbox_window(runtime, settings, qtbot)
        network.customer("5511988887777", "Ana").send_text("Oi, vocês entregam?")
        network.customer("5531966665555", "Maria").send_text("Bom dia")
        await settled(win, runtime)
        await wait_until(lambda: len(rows(win)) == 2, what="two waiting")
        ana, maria = sorted(rows(win), key=lambda r: r.contact_name)
        win.inbox_page.open_ticket(maria.ticket_id)  # a peek: Maria still waits, unread
        await runtime.tickets.accept(ana.ticket_id, win.inbox_page.ctx.agent.id)
        win.inbox_page.open_ticket(ana.ticket_id)
        await wait_until(lambda: runtime.db.read_sync(
            lambda s: get_ticket(s, ana.ticket_id)).unread_count == 0, what="Ana read")
        await runtime.drain()
        assert runtime.db.read_sync(lambda s: get_ticket(s, maria.ticket_id)).unread_count == 1
        win.close()

    arun(scenario())


def test_a_customers_whatsapp_picture_is_fetched_and_drawn_in_their_row(
        runtime: Any, network: Any, settings: Any, qtbot: Any, arun: Any) -> None:
    from whatdesk.channels.sandbox.media import png_bytes

    async def scenario() -> None:
        await linked_sandbox(runtime, network)
        win = await inbox_window(runtime, settings, qtbot)
        ana = network.customer("5511988887777", "Ana")
        ana.picture = png_bytes((200, 30, 30), 64)  # a red photo
        ana.send_text("Oi")
        network.customer("5521977776666", "João").send_text("Olá")  # no photo: initials
        await settled(win, runtime)
        await wait_until(lambda: sorted(names(win)) == ["Ana", "João"], what="two rows")
        await wait_until(lambda: any(r.avatar_path for r in rows(win)), what="avatar stored")
        view = pane(win).view
        model = pane(win).model
        ana_row = next(i for i, r in enumerate(rows(win)) if r.contact_name == "Ana")
        photo = QColor(200, 30, 30)

        def avatar_rect(i: int) -> Any:
            rect = view.visualRect(model.index(i))
            size = theme.METRICS.avatar
            return rect.adjusted(12, 0, -(rect.width() - 12 - size), 0)

        await wait_until(lambda: _has_color(view.viewport().grab().toImage(),
                                            avatar_rect(ana_row), photo), what="photo drawn")
        image = view.viewport().grab().toImage()
        assert not _has_color(image, avatar_rect(1 - ana_row), photo)
        view.viewport().grab().save("/tmp/i7gaps-avatar-row.png")
        win.close()

    arun(scenario())


def test_empty_mine_offers_the_waiting_customers_in_one_click(
        runtime: Any, network: Any, settings: Any, qtbot: Any, arun: Any) -> None:
    async def scenario() -> None:
        await linked_sandbox(runtime, network)
        win = await inbox_window(runtime, settings, qtbot)
        network.customer("5511988887777", "Ana").send_text("Oi, vocês entregam?")
        await settled(win, runtime)
        click_tab(qtbot, win, 0)  # Mine: nothing accepted yet
        p = pane(win)
        await wait_until(lambda: p.stack.currentWidget() is p.empty, what="the empty Mine")
        await wait_until(lambda: p.empty_waiting.isVisible(), what="the waiting offer")
        assert p.empty_waiting.text() == "See who is waiting (1)"
        qtbot.mouseClick(p.empty_waiting, Qt.MouseButton.LeftButton)
        assert p.current_tab() == "waiting"
        await wait_until(lambda: names(win) == ["Ana"], what=f"rows {names(win)}")
        win.close()

    arun(scenario())

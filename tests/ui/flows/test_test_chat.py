"""The editor's test chat: a tester plays the draft as a customer, on the real interpreter and
virtual time, and sees the bot's bubbles, the variables and where the run stands."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolButton
from ui_helpers import wait_until

from whatdesk.flows.document import Flow, load, load_file
from whatdesk.ui.flows.test_chat import NoticeItem, TestChatPanel

EXAMPLES = Path(__file__).parents[3] / "resources" / "flows"
# a Tuesday, 12:30 in São Paulo: the restaurant is open
LUNCH = datetime(2026, 12, 1, 15, 30, tzinfo=UTC)


def _flow(nodes: list[dict[str, Any]], edges: list[tuple[str, str, str]],
          variables: dict[str, str] | None = None) -> Flow:
    return load({"format": "whatdesk.flow", "schema": 1, "id": "t", "name": "Teste",
                 "variables": variables or {},
                 "nodes": [{"id": "start", "type": "start"}, *nodes],
                 "edges": [{"from": a, "port": p, "to": b} for a, p, b in edges]})


def _panel(qtbot: Any, flow: Flow, **kwargs: Any) -> TestChatPanel:
    kwargs.setdefault("locale", "pt")  # the flows' language; the panel's own text is English
    panel = TestChatPanel(flow, now=kwargs.pop("now", LUNCH), **kwargs)
    qtbot.addWidget(panel)
    panel.resize(420, 760)
    panel.show()
    return panel


async def _settled(panel: TestChatPanel) -> None:
    await wait_until(lambda: not panel.busy, what="the test chat to finish playing")


def _table(panel: TestChatPanel) -> dict[str, str]:
    """The variables table as the tester reads it."""
    return {panel.variables.item(r, 0).text(): panel.variables.item(r, 1).text()
            for r in range(panel.variables.rowCount())}


def _chip(panel: TestChatPanel, label: str) -> QToolButton:
    chips = [c for c in panel.chips.findChildren(QToolButton) if c.isVisibleTo(panel)]
    found = [c for c in chips if c.text() == label]
    assert found, f"no chip {label!r} among {[c.text() for c in chips]}"
    return found[0]


def test_menu_option_clicked_as_a_chip_follows_that_exit(qtbot: Any, arun: Any) -> None:
    panel = _panel(qtbot, load_file(EXAMPLES / "restaurante.wdflow.json"))
    nodes: list[object] = []
    panel.current_node_changed.connect(nodes.append)
    arun(_settled(panel))
    assert panel.model.texts()[:2] == [
        "bot: Boa tarde, Maria! Bem-vindo ao Restaurante Sabor Caseiro. 🍽️",
        "bot: Como podemos ajudar?\n\n1 - Ver o cardápio\n2 - Fazer um pedido\n"
        "3 - Falar com um atendente"]
    assert panel.options() == ["Ver o cardápio", "Fazer um pedido", "Falar com um atendente"]
    assert nodes[-1] == "menu"

    qtbot.mouseClick(_chip(panel, "Ver o cardápio"), Qt.MouseButton.LeftButton)
    arun(_settled(panel))
    texts = panel.model.texts()
    assert texts[2] == "you: 1"  # a numbered menu: the customer types the option's number
    assert texts[3].startswith("bot: 📋 *Cardápio do dia*")
    assert texts[4].startswith("bot: Como podemos ajudar?")  # the menu comes back

    qtbot.mouseClick(_chip(panel, "Falar com um atendente"), Qt.MouseButton.LeftButton)
    arun(_settled(panel))
    assert panel.model.texts()[-2:] == [
        "bot: Certo! Um atendente vai falar com você em instantes.",
        "— Handed over to the “Atendimento” queue — the bot stops here —"]
    assert panel.options() == []
    assert not panel.field.isEnabled()  # the bot has stopped: restart to test again
    assert "Restart" in panel.status.text()
    assert nodes[-1] is None
    assert _table(panel)["opcao"] == "Falar com um atendente"


def test_reply_buttons_send_the_option_id_and_show_as_a_button_reply(qtbot: Any,
                                                                      arun: Any) -> None:
    flow = _flow([
        {"id": "m", "type": "menu", "config": {"text": "Escolha", "style": "buttons", "options": [
            {"id": "sim", "label": "Sim"}, {"id": "nao", "label": "Não"}]}},
        {"id": "ok", "type": "message", "config": {"text": "Você disse sim"}},
        {"id": "fim", "type": "end"},
    ], [("start", "next", "m"), ("m", "sim", "ok"), ("ok", "next", "fim")])
    panel = _panel(qtbot, flow)
    arun(_settled(panel))
    [menu] = [i for i in panel.model.items if not isinstance(i, NoticeItem)]
    assert menu.msg.row.kind == "buttons"
    assert [b["label"] for b in menu.msg.row.payload["buttons"]] == ["Sim", "Não"]
    # the button inside the bubble answers too, as on the customer's phone
    index = panel.model.index(panel.model.items.index(menu), 0)
    layout = panel.delegate.layout_for(index)
    [sim] = [rect for name, rect in layout.hits if name == "option:sim"]
    spot = sim.center() + panel.view.visualRect(index).topLeft()
    qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=spot)
    arun(_settled(panel))
    assert panel.model.texts()[1:] == [
        "you: Button reply: Sim", "bot: Você disse sim",
        "— End of the flow — the next message starts it again —"]
    # an ended flow starts again with the next message
    qtbot.keyClicks(panel.field, "oi")
    qtbot.keyClick(panel.field, Qt.Key.Key_Return)
    arun(_settled(panel))
    assert panel.model.texts()[-2:] == ["you: oi", "bot: Buttons: Escolha"]


def test_question_retries_an_invalid_answer_then_stores_the_valid_one(qtbot: Any,
                                                                     arun: Any) -> None:
    flow = _flow([
        {"id": "q", "type": "question", "config": {
            "text": "Seu e-mail?", "save_as": "email", "validate": "email", "max_retries": 3,
            "invalid_text": "Esse e-mail não parece certo."}},
        {"id": "ok", "type": "message", "config": {"text": "Anotado: {{email}}"}},
    ], [("start", "next", "q"), ("q", "next", "ok")])
    panel = _panel(qtbot, flow)
    seen: list[dict[str, str]] = []
    panel.variables_changed.connect(seen.append)
    arun(_settled(panel))
    qtbot.keyClicks(panel.field, "maria arroba exemplo")
    qtbot.mouseClick(panel.send_button, Qt.MouseButton.LeftButton)
    arun(_settled(panel))
    assert panel.model.texts() == [
        "bot: Seu e-mail?", "you: maria arroba exemplo",
        "bot: Esse e-mail não parece certo.", "bot: Seu e-mail?"]
    assert "email" not in (seen[-1] if seen else {})
    assert panel.field.text() == ""

    qtbot.keyClicks(panel.field, "maria@exemplo.com")
    qtbot.keyClick(panel.field, Qt.Key.Key_Return)
    arun(_settled(panel))
    assert panel.model.texts()[-2:] == ["bot: Anotado: maria@exemplo.com",
                                        "— End of the flow — the next message starts it again —"]
    assert seen[-1]["email"] == "maria@exemplo.com"
    assert _table(panel) == {"email": "maria@exemplo.com"}


def test_wait_button_fires_the_timeout_exit(qtbot: Any, arun: Any) -> None:
    panel = _panel(qtbot, load_file(EXAMPLES / "restaurante.wdflow.json"))
    arun(_settled(panel))
    qtbot.mouseClick(_chip(panel, "Fazer um pedido"), Qt.MouseButton.LeftButton)
    arun(_settled(panel))
    assert panel.model.texts()[-1] == (
        "bot: O que você gostaria de pedir? Escreva os pratos e as quantidades.")
    assert "timeout" in panel.status.text()

    panel.wait_minutes.setValue(10)  # less than the question's 15 minutes: nothing yet
    qtbot.mouseClick(panel.wait_button, Qt.MouseButton.LeftButton)
    arun(_settled(panel))
    assert panel.model.texts()[-1] == "— ⏱ Waited 10 minutes —"
    panel.advance(5)
    arun(_settled(panel))
    assert panel.model.texts()[-3:] == [
        "— ⏱ Waited 5 minutes —",
        "bot: Como não recebemos resposta, encerramos este atendimento. Quando quiser, é só "
        "mandar um oi! 👋",
        "— Conversation closed by the bot —"]
    assert panel.clock_label.text().endswith("12:45")  # 15 minutes after lunch, shop time


def test_start_from_a_node_and_restart_plays_the_edited_draft(qtbot: Any, arun: Any) -> None:
    flow = load_file(EXAMPLES / "restaurante.wdflow.json")
    panel = _panel(qtbot, flow)
    nodes: list[object] = []
    panel.current_node_changed.connect(nodes.append)
    arun(_settled(panel))
    panel.start_from("pergunta_endereco")
    arun(_settled(panel))
    assert panel.model.texts() == [
        "— Test started at “pergunta_endereco · Pergunta” —",
        "bot: Qual o endereço de entrega (rua, número e bairro)?"]
    assert nodes[-1] == "pergunta_endereco"

    flow.update_node_config("boas_vindas", text="Olá! Cardápio novo hoje.")
    qtbot.mouseClick(panel.restart_button, Qt.MouseButton.LeftButton)
    arun(_settled(panel))
    assert panel.model.texts()[0] == "bot: Olá! Cardápio novo hoje."
    assert nodes[-1] == "menu"


def test_start_from_menu_lists_the_nodes(qtbot: Any, arun: Any) -> None:
    panel = _panel(qtbot, load_file(EXAMPLES / "lead.wdflow.json"))
    arun(_settled(panel))
    panel.start_from_menu.aboutToShow.emit()
    titles = [a.text() for a in panel.start_from_menu.actions()]
    assert "q_email · Pergunta" in titles and titles[0] == "start · Início"
    next(a for a in panel.start_from_menu.actions() if a.text() == "q_email · Pergunta").trigger()
    arun(_settled(panel))
    assert panel.model.texts()[-1] == "bot: Prazer, ! Qual o seu melhor e-mail?"


class _Crm(BaseHTTPRequestHandler):
    bodies: list[dict[str, Any]] = []

    def log_message(self, *args: Any) -> None:
        pass

    def do_POST(self) -> None:  # noqa: N802
        _Crm.bodies.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
        data = json.dumps({"lead": {"id": "L-7"}}).encode()
        self.send_response(201)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


@pytest.fixture
def crm() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Crm)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    _Crm.bodies.clear()
    yield f"http://127.0.0.1:{server.server_address[1]}/leads"
    server.shutdown()
    server.server_close()


def test_http_node_really_calls_the_service(qtbot: Any, arun: Any, crm: str) -> None:
    flow = load_file(EXAMPLES / "lead.wdflow.json")
    flow.set_properties(variables={**flow.variables, "webhook_url": crm})
    panel = _panel(qtbot, flow)
    arun(_settled(panel))
    for answer in ("Rafael Lima", "rafael@exemplo.com", "(21) 98888-7777"):
        panel.send_text(answer)
    arun(_settled(panel))
    assert _Crm.bodies and _Crm.bodies[0]["email"] == "rafael@exemplo.com"
    texts = panel.model.texts()
    assert f"— HTTP POST {crm} → 201 —" in texts
    assert any(t.startswith("bot: Cadastro feito, Rafael Lima! Seu protocolo é L-7.")
               for t in texts)
    assert "— Tag added: lead —" in texts


def test_flow_errors_are_told_in_plain_words(qtbot: Any, arun: Any, tmp_path: Path) -> None:
    flow = _flow([
        {"id": "pic", "type": "message", "config": {
            "text": "Veja", "media": {"path": "cardapio.jpg", "kind": "image"}}},
        {"id": "jump", "type": "go_to_flow", "config": {"flow": "Vendas"}},
    ], [("start", "next", "pic"), ("pic", "next", "jump")])
    panel = _panel(qtbot, flow, media_root=tmp_path, locale="en")
    nodes: list[object] = []
    panel.current_node_changed.connect(nodes.append)
    arun(_settled(panel))
    [line] = [i for i in panel.model.items if isinstance(i, NoticeItem) and i.tone == "error"]
    assert line.text.startswith("The flow stopped: media file not found: file 'cardapio.jpg' "
                                "not found in the folder")
    assert nodes[-1] == "pic"  # the editor highlights where it stopped
    assert not panel.field.isEnabled()

    from PySide6.QtGui import QColor, QImage

    image = QImage(64, 48, QImage.Format.Format_RGB32)
    image.fill(QColor("#C0392B"))
    image.save(str(tmp_path / "cardapio.jpg"))
    panel.restart()
    arun(_settled(panel))
    bubbles = [i for i in panel.model.items if not isinstance(i, NoticeItem)]
    assert bubbles[0].msg.row.kind == "image" and bubbles[0].msg.row.text == "Veja"
    assert panel.model.texts()[-2:] == ["— Continues in the flow “Vendas” —",
                                        "— The flow stopped: target flow not found: Vendas —"]


def test_a_node_that_crashes_shows_plain_words_and_keeps_details_aside(
        qtbot: Any, arun: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from whatdesk.flows import registry

    async def boom(step: Any) -> Any:
        raise RuntimeError("KeyError deep inside")

    tag = registry.get("tag")
    assert tag is not None
    monkeypatch.setitem(registry._TYPES, "tag", type(tag)(**{**tag.__dict__, "execute": boom}))
    panel = _panel(qtbot, _flow([{"id": "t", "type": "tag", "config": {"add": ["x"]}}],
                                [("start", "next", "t")]), locale="en")
    arun(_settled(panel))
    [line] = [i for i in panel.model.items if isinstance(i, NoticeItem)]
    assert line.text == "The flow stopped: a node failed"
    assert "KeyError deep inside" in line.details


def test_line_breaks_in_a_bot_message_show_as_separate_lines(qtbot: Any, arun: Any) -> None:
    flow = _flow([
        {"id": "a", "type": "message", "config": {"text": "um dois três"}},
        {"id": "b", "type": "message", "config": {"text": "um\ndois\ntrês"}},
    ], [("start", "next", "a"), ("a", "next", "b")])
    panel = _panel(qtbot, flow)
    arun(_settled(panel))
    bubbles = [panel.delegate.layout_for(panel.model.index(row, 0)).bubble for row in (0, 1)]
    one_line, three_lines = (bubble.height() for bubble in bubbles if bubble is not None)
    line = panel.view.fontMetrics().height()
    assert three_lines >= one_line + 2 * line - 2


class _Slow(BaseHTTPRequestHandler):
    release = threading.Event()

    def log_message(self, *args: Any) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802
        _Slow.release.wait(10)
        self.send_response(200)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"{}")


def test_restart_during_a_slow_http_call_starts_afresh_at_once(qtbot: Any, arun: Any) -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Slow)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    _Slow.release.clear()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/slow"
        flow = _flow([
            {"id": "hi", "type": "message", "config": {"text": "Consultando..."}},
            {"id": "call", "type": "http_request", "config": {"url": url, "timeout_s": 20}},
            {"id": "ok", "type": "message", "config": {"text": "Pronto"}},
        ], [("start", "next", "hi"), ("hi", "next", "call"), ("call", "ok", "ok")])
        panel = _panel(qtbot, flow)
        arun(wait_until(lambda: panel.model.texts() == ["bot: Consultando..."]))
        assert panel.busy
        flow.update_node_config("hi", text="Olá de novo")
        panel.restart()
        arun(wait_until(lambda: panel.model.texts() == ["bot: Olá de novo"]))
        _Slow.release.set()  # the first call's answer arrives: it must not show up
        arun(_settled(panel))
        assert panel.model.texts() == ["bot: Olá de novo", "— HTTP GET " + url + " → 200 —",
                                       "bot: Pronto",
                                       "— End of the flow — the next message starts it again —"]
    finally:
        _Slow.release.set()
        server.shutdown()
        server.server_close()


def test_customer_can_send_a_location_and_a_photo_for_questions_asking_for_them(
        qtbot: Any, arun: Any) -> None:
    flow = _flow([
        {"id": "where", "type": "question", "config": {
            "text": "Onde você está?", "save_as": "local", "validate": "location"}},
        {"id": "pic", "type": "question", "config": {
            "text": "Mande uma foto", "save_as": "foto", "validate": "image"}},
        {"id": "ok", "type": "message", "config": {"text": "Recebido"}},
    ], [("start", "next", "where"), ("where", "next", "pic"), ("pic", "next", "ok")])
    panel = _panel(qtbot, flow)
    arun(_settled(panel))
    [location] = [a for a in panel.attach_menu.actions() if a.text() == "Location"]
    location.trigger()
    arun(_settled(panel))
    [photo] = [a for a in panel.attach_menu.actions() if a.text() == "Photo"]
    photo.trigger()
    arun(_settled(panel))
    assert panel.model.texts() == ["bot: Onde você está?", "you: Location",
                                   "bot: Mande uma foto", "you: Photo", "bot: Recebido",
                                   "— End of the flow — the next message starts it again —"]
    assert _table(panel) == {"local": "-23.561414,-46.655881", "foto": "test/photo-1.jpg"}


def test_a_jump_to_another_flow_continues_there(qtbot: Any, arun: Any) -> None:
    other = load({"id": "vendas", "name": "Vendas", "nodes": [
        {"id": "start", "type": "start"},
        {"id": "q", "type": "question", "config": {"text": "Qual produto?", "save_as": "produto"}},
        {"id": "ok", "type": "message", "config": {"text": "Separando {{produto}}"}}],
        "edges": [{"from": "start", "port": "next", "to": "q"},
                  {"from": "q", "port": "next", "to": "ok"}]})

    class Library:
        async def resolve(self, ref: str) -> Flow | None:
            return other if ref in ("Vendas", "vendas") else None

    flow = _flow([{"id": "jump", "type": "go_to_flow", "config": {"flow": "Vendas"}}],
                 [("start", "next", "jump")])
    panel = _panel(qtbot, flow, resolver=Library())
    nodes: list[object] = []
    panel.current_node_changed.connect(nodes.append)
    arun(_settled(panel))
    assert panel.model.texts() == ["— Continues in the flow “Vendas” —", "bot: Qual produto?"]
    assert nodes == [None]  # the run waits in another flow: nothing to highlight here
    panel.send_text("camiseta")
    arun(_settled(panel))
    assert panel.model.texts()[-2:] == [
        "bot: Separando camiseta", "— End of the flow — the next message starts it again —"]


def test_closing_the_panel_during_a_slow_call_ends_quietly(qtbot: Any, arun: Any,
                                                           caplog: pytest.LogCaptureFixture
                                                           ) -> None:
    import shiboken6

    from whatdesk.ui import tasks

    server = ThreadingHTTPServer(("127.0.0.1", 0), _Slow)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    _Slow.release.clear()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/slow"
        flow = _flow([
            {"id": "hi", "type": "message", "config": {"text": "Consultando..."}},
            {"id": "call", "type": "http_request", "config": {"url": url, "timeout_s": 20}},
            {"id": "ok", "type": "message", "config": {"text": "Pronto"}},
        ], [("start", "next", "hi"), ("hi", "next", "call"), ("call", "ok", "ok")])
        panel = TestChatPanel(flow, now=LUNCH)
        panel.show()
        arun(wait_until(lambda: panel.model.rowCount() == 1))
        panel.deleteLater()
        arun(wait_until(lambda: not shiboken6.isValid(panel), what="the panel deleted"))
        _Slow.release.set()
        arun(wait_until(lambda: tasks.running_tasks() == 0, what="the call to end"))
        assert [r for r in caplog.records if r.levelname in ("ERROR", "CRITICAL")] == []
    finally:
        _Slow.release.set()
        server.shutdown()
        server.server_close()


def test_an_audio_the_bot_sends_plays_in_its_bubble(qtbot: Any, arun: Any,
                                                    tmp_path: Path) -> None:
    from whatdesk.channels.sandbox.media import ogg_opus_bytes

    (tmp_path / "boas-vindas.ogg").write_bytes(ogg_opus_bytes(1))
    flow = _flow([{"id": "hello", "type": "message", "config": {
        "text": "", "media": {"path": "boas-vindas.ogg", "kind": "voice"}}}],
        [("start", "next", "hello")])
    panel = _panel(qtbot, flow, media_root=tmp_path)
    arun(_settled(panel))
    row, item = next((r, i) for r, i in enumerate(panel.model.items)
                     if not isinstance(i, NoticeItem) and i.msg.row.kind == "voice")
    index = panel.model.index(row, 0)
    rect = next(r for n, r in panel.delegate.layout_for(index).hits if n == "play")
    qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton,
                     pos=panel.view.visualRect(index).topLeft() + rect.center())

    async def playing() -> None:
        await wait_until(lambda: (s := panel.playback.state(item.msg.id)) is not None
                         and s.playing and s.position_ms > 200, what="the voice note plays")
    arun(playing())
    panel.restart()  # a new conversation: the sound stops
    assert panel.playback.state(item.msg.id) is None


def test_a_hidden_test_chat_outlines_no_card_and_shows_it_again_when_opened(
        qtbot: Any, arun: Any) -> None:
    from whatdesk.ui.flows.workbench import build_editor

    editor = build_editor(load_file(EXAMPLES / "lead.wdflow.json"), locale="pt")
    qtbot.addWidget(editor)
    editor.resize(1200, 700)
    editor.show()
    chat = editor.test_chat
    arun(_settled(chat))

    def outlined() -> list[str]:
        return [i for i, item in editor.scene.node_items.items() if item.highlighted]

    assert editor.panels.currentWidget() is editor.inspector
    assert outlined() == []  # the user is not testing: nothing looks selected
    editor.panels.setCurrentWidget(chat)
    qtbot.waitUntil(lambda: len(outlined()) == 1)
    waiting = outlined()[0]
    assert editor.flow.node(waiting).type == "question"
    editor.panels.setCurrentWidget(editor.inspector)
    qtbot.waitUntil(lambda: outlined() == [])


def test_the_clock_reads_the_connections_time_not_this_computers(
        qtbot: Any, arun: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """Business hours run on the connection's time zone (São Paulo by default): the clock the
    tester sees must be that one, or "closed" at "12:30" makes no sense."""
    import time

    monkeypatch.setenv("TZ", "Asia/Tokyo")  # a computer far from the shop
    time.tzset()
    try:
        panel = _panel(qtbot, load_file(EXAMPLES / "restaurante.wdflow.json"), locale="en")
        arun(_settled(panel))
        assert panel.clock_label.text() == "Tue 01/12 12:30"  # LUNCH in São Paulo
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()

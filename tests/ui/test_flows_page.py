"""The Flows page driven by clicks: create, rename, duplicate, delete (refused for a welcome
flow), import and export, publish with a note, history, restore, autosave after a crash,
analytics, and a file dropped on the window."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from flow_standins import StandInEditor
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QMessageBox,
    QPushButton,
    QWidget,
)
from ui_helpers import wait_until

from whatdesk.flows import Node, load
from whatdesk.store import NodeExecution, record_node_executions
from whatdesk.ui.flows.history import HistoryDialog
from whatdesk.ui.flows.page import (
    FlowsPage,
    NameDialog,
    NewFlowDialog,
    PublishDialog,
    PublishRefusedDialog,
    TriggersDialog,
)

LEFT = Qt.MouseButton.LeftButton
EXAMPLES = Path(__file__).resolve().parents[2] / "resources" / "flows"


@pytest.fixture
def page(runtime: Any, qtbot: Any, arun: Callable[..., Any]) -> Any:
    session = SimpleNamespace(agent=SimpleNamespace(name="Bia Souza"))
    widget = FlowsPage(runtime, session, editor_factory=StandInEditor)
    qtbot.addWidget(widget)
    widget.resize(1100, 600)
    widget.show()
    arun(widget.reload())
    return widget


def _dialog(parent: QWidget, kind: type) -> Any:
    return next((d for d in parent.findChildren(kind) if d.isVisible()), None)


async def _open(parent: QWidget, kind: type) -> Any:
    await wait_until(lambda: _dialog(parent, kind) is not None, what=kind.__name__)
    return _dialog(parent, kind)


async def _save(qtbot: Any, dialog: Any) -> None:
    qtbot.mouseClick(dialog.save_button, LEFT)
    await wait_until(lambda: not dialog.isVisible() or dialog.error.isVisible(),
                     what="the dialog to save")
    assert not dialog.isVisible(), dialog.error.text()


def _names(page: Any) -> list[str]:
    return [r.name for r in page.list.model.rows]


def _cell(page: Any, name: str, column: int) -> str:
    m = page.list.model
    row = _names(page).index(name)
    return str(m.data(m.index(row, column)))


def _select(qtbot: Any, page: Any, name: str) -> None:
    section = page.list
    row = _names(page).index(name)
    rect = section.table.visualRect(section.model.index(row, 0))
    qtbot.mouseClick(section.table.viewport(), LEFT, pos=rect.center())
    assert section.selected().name == name


async def _reloaded(page: Any, predicate: Callable[[], bool], what: str) -> None:
    await wait_until(predicate, what=what)


def test_create_rename_duplicate_and_delete(page: Any, runtime: Any, qtbot: Any,
                                            arun: Callable[..., Any]) -> None:
    async def body() -> None:
        assert page.list.body.currentIndex() == 1  # the empty state, offering New flow
        qtbot.mouseClick(page.list.empty_button, LEFT)
        dialog = await _open(page, NewFlowDialog)
        qtbot.keyClicks(dialog.name, "Boas-vindas")
        await _save(qtbot, dialog)
        # the new flow opens in the editor at once
        await wait_until(lambda: page.host is not None, what="the editor")
        assert page.host.editor.flow.name == "Boas-vindas"
        qtbot.mouseClick(page.host.findChild(QWidget, "editorBack"), LEFT)
        await wait_until(lambda: page.stack.currentWidget() is page.list and
                         _names(page) == ["Boas-vindas"], what="the list")
        assert _cell(page, "Boas-vindas", 1) == "Draft (never published)"

        _select(qtbot, page, "Boas-vindas")
        page.list.rename_action.trigger()
        rename = await _open(page, NameDialog)
        rename.name.clear()
        qtbot.keyClicks(rename.name, "Atendimento")
        await _save(qtbot, rename)
        await wait_until(lambda: _names(page) == ["Atendimento"], what="the new name")

        _select(qtbot, page, "Atendimento")
        page.list.duplicate_action.trigger()
        await wait_until(lambda: _names(page) == ["Atendimento", "Atendimento (cópia)"],
                         what="the copy")

        _select(qtbot, page, "Atendimento (cópia)")
        qtbot.mouseClick(page.list.delete_button, LEFT)
        box = await _open(page, QMessageBox)
        qtbot.mouseClick(box.findChild(QPushButton, "confirmYes"), LEFT)
        await wait_until(lambda: _names(page) == ["Atendimento"], what="the deletion")
        assert [f.name for f in await runtime.flows.list()] == ["Atendimento"]

    arun(body())


def test_delete_is_refused_naming_the_connection(page: Any, runtime: Any, qtbot: Any,
                                                 arun: Callable[..., Any]) -> None:
    async def body() -> None:
        conn = await runtime.connections.create("Loja Centro", channel="sandbox")
        row = await runtime.flows.import_file(EXAMPLES / "suporte.wdflow.json")
        await runtime.flows.publish(row.id)
        await runtime.flows.set_welcome_flow(conn.id, row.id)
        await page.reload()
        assert _cell(page, row.name, 3) == "Loja Centro"
        _select(qtbot, page, row.name)
        qtbot.mouseClick(page.list.delete_button, LEFT)
        box = await _open(page, QMessageBox)
        qtbot.mouseClick(box.findChild(QPushButton, "confirmYes"), LEFT)
        await wait_until(lambda: page.list.status.isVisible(), what="the refusal")
        assert "Loja Centro" in page.list.status.text()
        assert _names(page) == [row.name]

    arun(body())


def test_import_refuses_a_bad_file_and_adds_a_good_one(page: Any, runtime: Any, qtbot: Any,
                                                       arun: Callable[..., Any],
                                                       tmp_path: Path, monkeypatch: Any) -> None:
    bad = tmp_path / "quebrado.wdflow.json"
    bad.write_text('{"format": "whatdesk.flow", "nodes": "não é uma lista"}', encoding="utf-8")
    huge = tmp_path / "enorme.wdflow.json"
    huge.write_bytes(b" " * (9 * 1024 * 1024))
    chosen: list[str] = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *a, **k: (chosen.pop(0), "")))

    async def body() -> None:
        for path in (bad, huge):
            chosen.append(str(path))
            page.list.status.hide()
            qtbot.mouseClick(page.list.empty_import, LEFT)
            await wait_until(lambda: page.list.status.isVisible(), what="the refusal")
            assert path.name in page.list.status.text()
            assert await runtime.flows.list() == []
        chosen.append(str(EXAMPLES / "restaurante.wdflow.json"))
        qtbot.mouseClick(page.list.empty_import, LEFT)
        await wait_until(lambda: page.host is not None, what="the imported flow opened")
        assert page.host.editor.flow.name == "Restaurante - pedidos"
        assert [f.name for f in await runtime.flows.list()] == ["Restaurante - pedidos"]

    arun(body())


def test_export_writes_a_file_that_loads_back(page: Any, runtime: Any, qtbot: Any,
                                              arun: Callable[..., Any], tmp_path: Path,
                                              monkeypatch: Any) -> None:
    target = tmp_path / "saida"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(target), "")))

    async def body() -> None:
        row = await runtime.flows.import_file(EXAMPLES / "lead.wdflow.json")
        await page.reload()
        _select(qtbot, page, row.name)
        page.list.export_action.trigger()
        written = tmp_path / "saida.wdflow.json"
        await wait_until(written.exists, what="the exported file")
        assert load(json.loads(written.read_text(encoding="utf-8"))).name == row.name

    arun(body())


def test_publish_refused_lists_errors_then_accepted_with_a_note_in_history(
        page: Any, runtime: Any, qtbot: Any, arun: Callable[..., Any]) -> None:
    async def body() -> None:
        row = await runtime.flows.create("Vendas")
        flow = load(row.draft)
        flow.add_node(Node("q", "question", config={"text": "Seu nome?"}))  # no save_as
        flow.add_edge("start", "next", "q")
        await runtime.flows.save_draft(flow)
        await page.reload()
        assert _cell(page, "Vendas", 2).startswith("1 error")
        _select(qtbot, page, "Vendas")
        qtbot.mouseClick(page.list.publish_button, LEFT)
        dialog = await _open(page, PublishDialog)
        qtbot.mouseClick(dialog.save_button, LEFT)
        refused = await _open(page, PublishRefusedDialog)
        texts = [refused.errors.item(i).text() for i in range(refused.errors.count())]
        assert any(t.startswith("[q]") for t in texts)
        refused.accept()
        assert (await runtime.flows.get(row.id)).published_version is None

        flow.update_node_config("q", save_as="nome")
        await runtime.flows.save_draft(flow)
        await page.reload()
        _select(qtbot, page, "Vendas")
        qtbot.mouseClick(page.list.publish_button, LEFT)
        dialog = await _open(page, PublishDialog)
        qtbot.keyClicks(dialog.note, "Pergunta o nome")
        await _save(qtbot, dialog)
        await wait_until(lambda: _cell(page, "Vendas", 1) == "Published v1", what="status")

        qtbot.mouseClick(page.list.history_button, LEFT)
        history = await _open(page, HistoryDialog)
        m = history.model
        assert [m.data(m.index(0, c)) for c in (0, 2, 3)] == ["v1", "Bia Souza",
                                                              "Pergunta o nome"]
        history.reject()

    arun(body())


def test_history_compares_opens_read_only_and_restores_with_undo(
        page: Any, runtime: Any, qtbot: Any, arun: Callable[..., Any]) -> None:
    async def body() -> None:
        row = await runtime.flows.import_file(EXAMPLES / "suporte.wdflow.json")
        await runtime.flows.publish(row.id, "Bia", note="v1")
        draft = load(row.draft)
        victim = next(n.id for n in draft.nodes if n.type == "message")
        draft.remove_node(victim)
        await runtime.flows.save_draft(draft)
        await page.reload()
        assert "draft changed" in _cell(page, row.name, 1)

        _select(qtbot, page, row.name)
        qtbot.mouseClick(page.list.history_button, LEFT)
        history = await _open(page, HistoryDialog)
        qtbot.mouseClick(history.compare_button, LEFT)
        await wait_until(lambda: "1 node removed" in history.result.text(), what="the diff")

        qtbot.mouseClick(history.open_button, LEFT)
        await wait_until(lambda: page.host is not None, what="the version opened")
        assert page.host.editor.read_only and page.host.read_only
        assert page.host.editor.diff.removed == {victim}
        assert page.host.autosaver is None  # a version is never saved over
        page.close_editor()

        qtbot.mouseClick(page.list.history_button, LEFT)
        history = await _open(page, HistoryDialog)
        qtbot.mouseClick(history.restore_button, LEFT)
        box = await _open(history, QMessageBox)
        qtbot.mouseClick(box.findChild(QPushButton, "confirmYes"), LEFT)
        await wait_until(lambda: page.list.undo_bar.isVisible(), what="the undo offer")
        restored = load((await runtime.flows.get(row.id)).draft)
        assert restored.node(victim) is not None
        await wait_until(lambda: _cell(page, row.name, 1) == "Published v1", what="status")
        history.reject()

        qtbot.mouseClick(page.list.undo_button, LEFT)
        await wait_until(lambda: "draft changed" in _cell(page, row.name, 1), what="the undo")
        assert load((await runtime.flows.get(row.id)).draft).node(victim) is None

    arun(body())


def test_keyword_triggers_are_edited_and_listed(page: Any, runtime: Any, qtbot: Any,
                                                arun: Callable[..., Any]) -> None:
    async def body() -> None:
        await runtime.flows.create("Promo")
        await page.reload()
        _select(qtbot, page, "Promo")
        page.list.triggers_action.trigger()
        dialog = await _open(page, TriggersDialog)
        qtbot.mouseClick(dialog.findChild(QPushButton, "addTrigger"), LEFT)
        qtbot.keyClicks(dialog.table.cellWidget(0, 0), "promo do dia")
        await _save(qtbot, dialog)
        await wait_until(lambda: _cell(page, "Promo", 4) == "“promo do dia”",
                         what="the trigger")
        assert (await runtime.flows.get("Promo")).draft["triggers"] == [
            {"keyword": "promo do dia", "match": "contains"}]

    arun(body())


def test_edits_survive_a_crash_before_the_draft_was_saved(
        page: Any, runtime: Any, qtbot: Any, arun: Callable[..., Any]) -> None:
    async def body() -> None:
        row = await runtime.flows.create("Recepção")
        await page.reload()
        host = await page.open_flow(row.id)
        host.autosaver._timer.setInterval(60_000)  # the crash comes before the 1 s save
        host.editor.flow.add_node(Node("oi", "message", config={"text": "Olá!"}))
        await host.autosaver.journal_written()
        # crash: the page and its autosaver vanish without saving
        host.autosaver._timer.stop()
        assert load((await runtime.flows.get(row.id)).draft).node("oi") is None

        again = FlowsPage(runtime, None, editor_factory=StandInEditor)
        qtbot.addWidget(again)
        again.show()
        opening = __import__("asyncio").ensure_future(again.open_flow(row.id))
        box = await _open(again, QMessageBox)
        qtbot.mouseClick(box.findChild(QPushButton, "restoreYes"), LEFT)
        reopened = await opening
        assert reopened.editor.flow.node("oi").config["text"] == "Olá!"
        assert load((await runtime.flows.get(row.id)).draft).node("oi") is not None

    arun(body())


def test_autosave_stores_the_draft_after_an_edit(page: Any, runtime: Any, qtbot: Any,
                                                 arun: Callable[..., Any]) -> None:
    async def body() -> None:
        row = await runtime.flows.create("Recepção")
        host = await page.open_flow(row.id)
        host.editor.flow.add_node(Node("oi", "message", config={"text": "Olá!"}))
        await wait_until(lambda: host.saved_label.text() == "Draft saved", what="autosave")
        assert load((await runtime.flows.get(row.id)).draft).node("oi") is not None
        assert await runtime.flows.unsaved_journal(row.id) is None
        assert not runtime.flows.journal_path(row.id).exists()

    arun(body())


def test_closing_the_editor_right_after_an_edit_still_stores_the_draft(
        page: Any, runtime: Any, qtbot: Any, arun: Callable[..., Any]) -> None:
    async def body() -> None:
        row = await runtime.flows.create("Recepção")
        host = await page.open_flow(row.id)
        host.autosaver._timer.setInterval(60_000)  # closed long before the timed save
        host.editor.flow.add_node(Node("oi", "message", config={"text": "Olá!"}))
        page.close_editor()  # the editor goes away at once; its last save still runs
        for _ in range(200):
            if load((await runtime.flows.get(row.id)).draft).node("oi") is not None:
                break
            await __import__("asyncio").sleep(0.025)
        assert load((await runtime.flows.get(row.id)).draft).node("oi") is not None
        await wait_until(lambda: not runtime.flows.journal_path(row.id).exists(),
                         what="the journal dropped once the draft is stored")

    arun(body())


def test_analytics_period_sends_recorded_numbers_to_the_editor(
        page: Any, runtime: Any, qtbot: Any, arun: Callable[..., Any]) -> None:
    async def body() -> None:
        row = await runtime.flows.import_file(EXAMPLES / "suporte.wdflow.json")
        await runtime.flows.publish(row.id)
        now = runtime.clock.now()
        old = now - timedelta(days=10)
        runs = [NodeExecution(row.id, 1, "start", "next", 1, now),
                NodeExecution(row.id, 1, "start", "next", 2, now),
                NodeExecution(row.id, 1, "start", "next", 3, old)]
        await runtime.db.write(lambda s: record_node_executions(s, runs))
        host = await page.open_flow(row.id)
        host.period.setCurrentIndex(host.period.findData("today"))
        await wait_until(lambda: host.editor.analytics is not None, what="analytics")
        assert host.editor.analytics.exits[("start", "next")] == 2
        assert host.analytics_label.text() == "2 conversations in this period"
        host.editor.analytics = None
        host.period.setCurrentIndex(host.period.findData("30d"))
        await wait_until(lambda: host.editor.analytics is not None, what="analytics")
        assert host.editor.analytics.exits[("start", "next")] == 3
        host.period.setCurrentIndex(host.period.findData("off"))
        assert host.editor.analytics is None
        assert host.analytics_label.text() == ""

    arun(body())


def test_analytics_of_a_flow_nobody_went_through_says_so(
        page: Any, runtime: Any, qtbot: Any, arun: Callable[..., Any]) -> None:
    async def body() -> None:
        row = await runtime.flows.import_file(EXAMPLES / "lead.wdflow.json")
        host = await page.open_flow(row.id)
        host.period.setCurrentIndex(host.period.findData("7d"))
        await wait_until(lambda: host.editor.analytics is not None, what="analytics")
        assert host.analytics_label.text().startswith("No conversation went through")

    arun(body())


def test_a_flow_file_dropped_on_the_window_is_imported_and_opened(
        window: Any, runtime: Any, qtbot: Any, arun: Callable[..., Any]) -> None:
    async def body() -> None:
        page = window.ensure_flows_page()
        page.editor_factory = StandInEditor
        mime = QMimeData()
        mime.setUrls([QUrl.fromLocalFile(str(EXAMPLES / "lead.wdflow.json"))])
        at = QPoint(300, 200)
        enter = QDragEnterEvent(at, Qt.DropAction.CopyAction, mime, LEFT,
                                Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(window, enter)
        assert enter.isAccepted()  # the window takes the file
        drop = QDropEvent(at, Qt.DropAction.CopyAction, mime, LEFT,
                          Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(window, drop)
        await wait_until(lambda: page.host is not None or page.list.status.isVisible(),
                         what="the dropped flow opened")
        assert not page.list.status.isVisible(), page.list.status.text()
        assert window.pages.currentWidget() is page
        assert window.nav_buttons["flows"].isChecked()
        assert page.host.editor.flow.name == "Captação de leads"
        assert [f.name for f in await runtime.flows.list()] == ["Captação de leads"]

    arun(body())


def test_welcome_flow_of_a_connection_is_chosen_on_the_page(
        page: Any, runtime: Any, qtbot: Any, arun: Callable[..., Any]) -> None:
    from whatdesk.ui.flows.page import WelcomeFlowsDialog

    async def body() -> None:
        conn = await runtime.connections.create("Loja Centro", channel="sandbox")
        row = await runtime.flows.import_file(EXAMPLES / "suporte.wdflow.json")
        await runtime.flows.create("Rascunho")  # never published: not offered
        await runtime.flows.publish(row.id)
        await page.reload()
        qtbot.mouseClick(page.list.welcome_button, LEFT)
        dialog = await _open(page, WelcomeFlowsDialog)
        box = dialog.choices[conn.id]
        assert [box.itemText(i) for i in range(box.count())][1:] == [row.name]
        box.setCurrentIndex(box.findData(row.id))
        await _save(qtbot, dialog)
        await wait_until(lambda: _cell(page, row.name, 3) == "Loja Centro", what="the column")
        assert (await runtime.connections.get(conn.id)).welcome_flow_id == row.id

    arun(body())


def test_new_flow_from_an_example_copies_it_under_a_new_id(
        page: Any, runtime: Any, qtbot: Any, arun: Callable[..., Any]) -> None:
    async def body() -> None:
        qtbot.mouseClick(page.list.empty_button, LEFT)
        dialog = await _open(page, NewFlowDialog)
        dialog.start.setCurrentIndex(dialog.start.findText("Example: Restaurante - pedidos"))
        await _save(qtbot, dialog)
        await wait_until(lambda: page.host is not None, what="the editor")
        [row] = await runtime.flows.list()
        example = load(json.loads((EXAMPLES / "restaurante.wdflow.json").read_text("utf-8")))
        assert row.name == "Restaurante - pedidos" and row.id != example.id
        assert {n.id for n in load(row.draft).nodes} == {n.id for n in example.nodes}

    arun(body())


def test_history_of_a_never_published_flow_says_so_without_dead_buttons(
        page: Any, runtime: Any, qtbot: Any, arun: Callable[..., Any]) -> None:
    async def body() -> None:
        row = await runtime.flows.import_file(EXAMPLES / "lead.wdflow.json")
        await page.reload()
        _select(qtbot, page, row.name)
        qtbot.mouseClick(page.list.history_button, LEFT)
        history = await _open(page, HistoryDialog)
        assert history.empty.isVisible() and not history.table.isVisible()
        assert not history.open_button.isVisible()
        assert not history.compare_button.isVisible()
        assert not history.restore_button.isVisible()
        history.reject()

    arun(body())

"""The editor as the Flows page opens it: a card clicked shows its form, typing there changes
the card at once and one undo takes it back; a problem clicked selects its card; the test
chat lights up the node the conversation waits on."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from flow_editor_helpers import card_centre, click
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from ui_helpers import wait_until

from whatdesk.ui.flows.page import FlowsPage

EXAMPLES = Path(__file__).resolve().parents[3] / "resources" / "flows"


def _open_example(runtime: Any, qtbot: Any, arun: Callable[..., Any], name: str) -> Any:
    page = FlowsPage(runtime, SimpleNamespace(agent=SimpleNamespace(name="Bia")))
    qtbot.addWidget(page)
    page.resize(1400, 860)
    page.show()

    async def go() -> Any:
        row = await runtime.flows.import_file(EXAMPLES / name)
        return await page.open_flow(row.id)
    host = arun(go())
    editor = host.editor
    qtbot.waitExposed(editor)
    editor.view.zoom_reset()
    QApplication.processEvents()
    return page, editor


def test_a_card_clicked_opens_its_form_and_typing_there_changes_the_card(
        runtime: Any, qtbot: Any, arun: Callable[..., Any]) -> None:
    _page, editor = _open_example(runtime, qtbot, arun, "suporte.wdflow.json")
    node = next(n for n in editor.flow.nodes if n.type == "message")
    editor.view.centerOn(card_centre(editor, node.id))
    click(editor, card_centre(editor, node.id))
    assert editor.panels.currentWidget() is editor.inspector
    assert editor.inspector.node_id == node.id
    field = editor.inspector.editor("text").edit
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, "Bom dia! Em que posso ajudar?")
    assert editor.flow.node(node.id).config["text"] == "Bom dia! Em que posso ajudar?"
    assert "Bom dia" in editor.scene.node_items[node.id].summary  # the card, at once
    editor.undo_stack.undo()  # the whole typing is one step
    assert editor.flow.node(node.id).config["text"] != "Bom dia! Em que posso ajudar?"
    assert "Bom dia" not in editor.scene.node_items[node.id].summary
    arun(_page.host.finish())  # the pending autosave lands now, not in a later test


def test_a_problem_clicked_selects_its_card_and_the_test_chat_lights_the_waiting_node(
        runtime: Any, qtbot: Any, arun: Callable[..., Any]) -> None:
    _page, editor = _open_example(runtime, qtbot, arun, "restaurante.wdflow.json")
    menu = next(n for n in editor.flow.nodes if n.type == "menu")

    async def chat_waits() -> None:
        await wait_until(lambda: not editor.test_chat.busy, what="the test chat to play")
    arun(chat_waits())
    editor.panels.setCurrentWidget(editor.test_chat)  # the tester is on the test chat
    editor.test_chat.start_from(menu.id)
    arun(chat_waits())
    assert editor.scene._highlight == menu.id  # the conversation waits on the menu: lit

    # break the flow: the menu's first exit goes nowhere any more
    edge = next(e for e in editor.flow.edges if e.source == menu.id)
    from whatdesk.ui.flows import commands
    editor.undo_stack.push(commands.RemoveItems(editor.flow, "x", edges=[
        (edge.source, edge.port, edge.target)]))
    editor.scene.validate_now()
    problems = editor.problems
    rows = problems.model.rowCount()
    assert rows >= 1
    index = next(problems.model.index(r, 0) for r in range(rows)
                 if problems.model.index(r, 0).data(Qt.ItemDataRole.DisplayRole)
                 and menu.id in str(problems.model.rows[r].finding.node))
    editor.panels.setCurrentWidget(problems)
    problems.view.scrollTo(index)
    qtbot.mouseClick(problems.view.viewport(), Qt.MouseButton.LeftButton,
                     pos=problems.view.visualRect(index).center())
    assert editor.selected_node_ids() == [menu.id]
    assert editor.panels.currentWidget() is editor.inspector
    assert editor.inspector.node_id == menu.id
    arun(_page.host.finish())  # the pending autosave lands now, not in a later test


def test_auto_layout_takes_the_notes_along_and_one_undo_puts_everything_back(
        runtime: Any, qtbot: Any, arun: Callable[..., Any]) -> None:
    _page, editor = _open_example(runtime, qtbot, arun, "restaurante.wdflow.json")
    flow = editor.flow
    from whatdesk.ui.flows import commands
    editor.undo_stack.push(commands.MoveNodes(flow, {  # the designer dragged cards around
        n.id: (n.x * 1.5 + 40, n.y + (n.x % 200)) for n in flow.nodes}, "drag"))
    before = ({n.id: (n.x, n.y) for n in flow.nodes}, {n.id: (n.x, n.y) for n in flow.notes})
    editor.layout_action.trigger()
    after_nodes = {n.id: (n.x, n.y) for n in flow.nodes}
    assert after_nodes != before[0]
    assert {n.id: (n.x, n.y) for n in flow.notes} != before[1]  # the comments went along
    editor.undo_stack.undo()
    assert ({n.id: (n.x, n.y) for n in flow.nodes},
            {n.id: (n.x, n.y) for n in flow.notes}) == before

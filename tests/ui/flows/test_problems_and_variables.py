"""The problems panel follows the document after edits pause, and both panels take the user
to the node a line is about."""

from __future__ import annotations

from typing import Any

from inspector_fixtures import english, make_flow  # noqa: F401 (english: autouse)
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack

from whatdesk.flows.document import Node
from whatdesk.ui.flows.commands import SetNodeConfig
from whatdesk.ui.flows.inspector import Inspector
from whatdesk.ui.flows.problems import ProblemsPanel
from whatdesk.ui.flows.variables import VariablesPanel


def shown_messages(panel: ProblemsPanel) -> list[str]:
    model = panel.model
    return [model.index(i, 0).data() for i in range(model.rowCount())]


def test_problems_appear_and_clear_as_the_flow_is_edited(qtbot: Any) -> None:
    flow = make_flow(("start", "start", {}), ("bye", "end", {}), edges=(("start", "next", "bye"),))
    panel = ProblemsPanel(flow)
    qtbot.addWidget(panel)
    panel.show()
    assert panel.stack.currentWidget() is panel.empty
    assert panel.empty_title.text() == "No problems"

    flow.add_node(Node("ask", "question", config={"text": "Your CEP?", "save_as": ""}))
    qtbot.waitUntil(lambda: panel.model.rowCount() > 0)
    messages = shown_messages(panel)
    assert "Save answer as: required field." in messages
    assert "Node cannot be reached from Start." in messages
    assert panel.stack.currentWidget() is panel.view
    assert panel.summary.text().startswith("Errors: 1")

    stack = QUndoStack()
    stack.push(SetNodeConfig(flow, "ask", {"text": "Your CEP?", "save_as": "cep"}, "edit"))
    qtbot.waitUntil(lambda: "Save answer as: required field." not in shown_messages(panel))
    flow.remove_node("ask")
    qtbot.waitUntil(lambda: panel.stack.currentWidget() is panel.empty)


def test_typing_in_the_inspector_revalidates_once_typing_pauses(qtbot: Any) -> None:
    flow = make_flow(("start", "start", {}), ("m", "message", {"text": ""}),
                     edges=(("start", "next", "m"),))
    panel = ProblemsPanel(flow)
    inspector = Inspector()
    qtbot.addWidget(panel)
    qtbot.addWidget(inspector)
    inspector.set_target(flow, "m", QUndoStack())
    assert "Message with no text and no attachment." in shown_messages(panel)
    calls: list[int] = []
    real = panel.revalidate
    panel.revalidate = lambda: (calls.append(1), real())  # type: ignore[method-assign]
    panel.timer.timeout.disconnect()
    panel.timer.timeout.connect(panel.revalidate)
    qtbot.keyClicks(inspector.editor("text").edit, "Hello")
    assert calls == []  # nothing ran on the keystrokes themselves
    qtbot.waitUntil(lambda: "Message with no text and no attachment." not in shown_messages(panel))
    assert calls == [1]  # five keystrokes, one validation


def test_clicking_a_problem_emits_its_node(qtbot: Any) -> None:
    flow = make_flow(("start", "start", {}), ("lonely", "message", {"text": "hi"}))
    panel = ProblemsPanel(flow)
    qtbot.addWidget(panel)
    panel.resize(360, 400)
    panel.show()
    qtbot.waitExposed(panel)
    row = next(i for i in range(panel.model.rowCount())
               if panel.model.index(i, 0).data(Qt.ItemDataRole.UserRole + 1) == "lonely")
    rect = panel.view.visualRect(panel.model.index(row, 0))
    assert "Message · hi" in panel.model.index(row, 0).data(Qt.ItemDataRole.ToolTipRole)
    with qtbot.waitSignal(panel.node_activated) as signal:
        qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert signal.args == ["lonely"]


def test_variables_are_listed_with_the_nodes_that_set_and_read_them(qtbot: Any) -> None:
    flow = make_flow(
        ("start", "start", {}),
        ("ask", "question", {"text": "CEP?", "save_as": "cep"}),
        ("say", "message", {"text": "Hi {{name}}, CEP {{cep}} at {{now.time}}"}),
        ("typo", "message", {"text": "{{cpe}}"}),
    )
    flow.set_properties(variables={"name": "", "unused": ""})
    panel = VariablesPanel(flow)
    qtbot.addWidget(panel)
    panel.resize(360, 500)
    panel.show()
    qtbot.waitExposed(panel)
    names = [v.name for v in panel.variables]
    assert names[:4] == ["cep", "cpe", "name", "unused"] and "now.time" in names
    said = "used in Message · Hi {{name}}, CEP {{cep}} at {{now.time}}"
    assert panel.uses("cep") == ["set in Question · CEP?", said]
    assert panel.uses("name") == [said]
    assert panel.uses("unused") == ["not used"]

    tree = panel.tree
    top = next(tree.topLevelItem(i) for i in range(tree.topLevelItemCount())
               if tree.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole) == "cep")
    use = top.child(0)
    with qtbot.waitSignal(panel.node_activated) as signal:
        qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton,
                         pos=tree.visualItemRect(use).center())
    assert signal.args == ["ask"]

    flow.update_node_config("typo", text="{{cep}}")
    qtbot.waitUntil(lambda: "cpe" not in [v.name for v in panel.variables])


def test_typing_in_a_node_with_a_problem_keeps_the_clicked_problem_and_renames_it(
        qtbot: Any) -> None:
    flow = make_flow(("start", "start", {}), ("a", "message", {"text": "Hi {{who}}"}),
                     ("b", "message", {"text": "Bye {{where}}"}),
                     edges=(("start", "next", "a"), ("a", "next", "b")))
    panel = ProblemsPanel(flow)
    qtbot.addWidget(panel)
    panel.show()
    rows = panel.model.rowCount()
    row = next(i for i in range(rows) if panel.model.rows[i].finding.node == "b")
    panel.view.setCurrentIndex(panel.model.index(row, 0))
    stack = QUndoStack()
    stack.push(SetNodeConfig(flow, "b", {"text": "See you {{where}}"}, "edit"))
    qtbot.waitUntil(lambda: "See you" in panel.model.rows[row].caption)
    assert panel.model.rowCount() == rows
    assert panel.view.currentIndex().row() == row  # still the one the user picked


def test_the_variables_panel_renames_a_use_in_place_when_its_node_text_changes(
        qtbot: Any) -> None:
    flow = make_flow(("start", "start", {}), ("a", "message", {"text": "Hi {{who}}"}),
                     edges=(("start", "next", "a"),))
    panel = VariablesPanel(flow)
    qtbot.addWidget(panel)
    panel.show()
    item = next(panel.tree.topLevelItem(i) for i in range(panel.tree.topLevelItemCount())
                if panel.tree.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole) == "who")
    use = item.child(0)
    panel.tree.setCurrentItem(use)
    stack = QUndoStack()
    stack.push(SetNodeConfig(flow, "a", {"text": "Hello there {{who}}"}, "edit"))
    qtbot.waitUntil(lambda: any("Hello there" in line for line in panel.uses("who")))
    assert panel.tree.currentItem() is use  # the same line, renamed, still selected
    stack.push(SetNodeConfig(flow, "a", {"text": "Hello {{whom}}"}, "edit"))
    qtbot.waitUntil(lambda: panel.uses("whom") != [])
    assert panel.uses("who") == []

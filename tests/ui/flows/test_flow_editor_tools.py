"""The flow editor's tools: clipboard, zoom, search, notes and groups, badges, read-only, overlays."""

from __future__ import annotations

import json
import sys
import types
from types import SimpleNamespace

import pytest
from flow_editor_helpers import (
    card_centre,
    click,
    drag,
    edge_set,
    node_ids,
    open_editor,
    small_flow,
    vp,
)
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QGuiApplication, QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from whatdesk.flows import document
from whatdesk.ui.flows import commands
from whatdesk.ui.flows.items.note_item import GROUP_KIND


def test_copy_puts_flow_json_on_the_clipboard_and_paste_into_another_editor_makes_new_nodes(qtbot):
    source = open_editor(qtbot)
    source.scene.select_only(["hello", "ask"])
    QTest.keyClick(source.view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    text = QGuiApplication.clipboard().text()
    doc = json.loads(text)  # readable in a text editor: the flow format itself
    assert doc["format"] == "whatdesk.flow"
    assert {n["id"] for n in doc["nodes"]} == {"hello", "ask"}
    assert doc["edges"] == [{"from": "hello", "port": "next", "to": "ask"}]

    target = open_editor(qtbot, document.Flow(id="other", name="Outro"))
    QTest.keyClick(target.view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    pasted = target.flow.nodes
    assert sorted(n.type for n in pasted) == ["message", "question"]
    assert not ({n.id for n in pasted} & {"hello", "ask"})  # new ids
    by_type = {n.type: n.id for n in pasted}
    assert edge_set(target.flow) == {(by_type["message"], "next", by_type["question"])}
    assert set(target.scene.node_items) == {n.id for n in pasted}
    target.undo_stack.undo()
    assert target.flow.nodes == [] and not target.scene.node_items


def test_cut_removes_the_selection_and_paste_brings_it_back_once(qtbot):
    editor = open_editor(qtbot)
    editor.scene.select_only(["bye"])
    QTest.keyClick(editor.view, Qt.Key.Key_X, Qt.KeyboardModifier.ControlModifier)
    assert "bye" not in node_ids(editor.flow)
    QTest.keyClick(editor.view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    texts = [n.config.get("text") for n in editor.flow.nodes if n.type == "message"]
    assert texts.count("Até logo e obrigado pela padaria") == 1


@pytest.mark.parametrize("text", [
    "just some words",
    '{"format": "whatdesk.flow", "nodes": [{"id": 5}]}',
    '{"nodes": [' + ",".join(['{"id": "x", "type": "message"}'] * 2) + "]}",
    "{" + " " * (3 * 1024 * 1024) + "}",
])
def test_pasting_text_that_is_not_flow_nodes_changes_nothing_and_says_why(qtbot, text):
    editor = open_editor(qtbot)
    before = document.to_dict(editor.flow)
    QGuiApplication.clipboard().setText(text)
    QTest.keyClick(editor.view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert document.to_dict(editor.flow) == before
    assert editor.undo_stack.count() == 0
    assert editor.status.text()  # a sentence in the user's language, not a traceback


def test_pasting_a_start_node_into_a_flow_that_has_one_skips_it(qtbot):
    editor = open_editor(qtbot)
    editor.scene.select_only(["start", "hello"])
    editor.copy()
    editor.paste()
    assert len(editor.flow.find_by_type("start")) == 1
    assert len(editor.flow.find_by_type("message")) == 3


def test_zoom_keys_wheel_and_fit(qtbot):
    editor = open_editor(qtbot)
    view = editor.view
    QTest.keyClick(view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    viewport = view.viewport().rect()
    for item in editor.scene.node_items.values():  # every card is on screen after "fit"
        assert viewport.contains(view.mapFromScene(item.sceneBoundingRect()).boundingRect())
    QTest.keyClick(view, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom() == pytest.approx(1.0)
    assert editor.zoom_label.text() == "100 %"
    centre = QPointF(viewport.center())
    wheel = QWheelEvent(centre, QPointF(view.mapToGlobal(centre.toPoint())), QPoint(0, 0),
                        QPoint(0, -240), Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(view.viewport(), wheel)
    assert view.zoom() < 0.8
    assert editor.zoom_label.text() == f"{round(view.zoom() * 100)} %"


def test_middle_drag_pans_the_view_without_touching_the_document(qtbot):
    editor = open_editor(qtbot)
    before = document.to_dict(editor.flow)
    point = QPointF(card_centre(editor, "hello"))
    screen_before = vp(editor, point)
    drag(editor, QPointF(900, 500), QPointF(800, 450), button=Qt.MouseButton.MiddleButton)
    assert vp(editor, point) - screen_before == QPoint(-100, -50)
    assert document.to_dict(editor.flow) == before
    assert editor.undo_stack.count() == 0


def test_ctrl_f_finds_text_inside_configs_and_steps_through_matches(qtbot):
    editor = open_editor(qtbot)
    QTest.keyClick(editor.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    bar = editor.search_bar
    assert bar.isVisible() and bar.field.hasFocus()
    QTest.keyClicks(bar.field, "padaria")
    assert bar.matches == ["hello", "bye"]
    assert editor.selected_node_ids() == ["hello"]
    assert bar.count.text().startswith("1")
    assert editor.scene.node_items["bye"].search_hit and not editor.scene.node_items["ask"].search_hit
    QTest.keyClick(bar.field, Qt.Key.Key_Return)
    assert editor.selected_node_ids() == ["bye"]
    # the view moved to the match
    assert editor.view.viewport().rect().contains(vp(editor, card_centre(editor, "bye")))
    bar.prev_button.click()
    assert editor.selected_node_ids() == ["hello"]
    QTest.keyClicks(bar.field, " xyz")
    assert bar.matches == [] and bar.count.text()
    QTest.keyClick(bar.field, Qt.Key.Key_Escape)
    assert not bar.isVisible()
    assert not any(i.search_hit for i in editor.scene.node_items.values())


def test_a_sticky_note_is_added_typed_into_and_its_text_is_undoable(qtbot):
    editor = open_editor(qtbot)
    editor.note_action.trigger()
    (note,) = editor.flow.notes
    item = editor.scene.note_items[note.id]
    assert item.editing
    QTest.keyClicks(editor.view.viewport(), "Lembrar do CPF")
    click(editor, QPointF(1100, 700))  # clicking elsewhere ends the editing
    assert not item.editing
    assert editor.flow.note(note.id).text == "Lembrar do CPF"
    editor.undo_stack.undo()
    assert editor.flow.note(note.id).text == ""
    assert item.text == ""
    # notes are saved in the format's "notes"
    assert document.to_dict(editor.flow)["notes"][0]["id"] == note.id


def test_a_group_frames_the_selection_is_saved_as_a_note_and_moves_its_cards(qtbot):
    editor = open_editor(qtbot)
    editor.scene.select_only(["hello", "ask"])
    editor.group_action.trigger()
    (group,) = editor.flow.notes
    assert group.extra == {"kind": GROUP_KIND}
    frame = editor.scene.note_items[group.id].sceneBoundingRect()
    for node_id in ("hello", "ask"):
        assert frame.contains(editor.scene.node_items[node_id].sceneBoundingRect().center())
    # round trip through the file format keeps the group (an extra key of a note)
    saved = document.to_dict(editor.flow)
    assert saved["notes"][0]["kind"] == GROUP_KIND
    assert document.load(json.dumps(saved)).notes[0].extra == {"kind": GROUP_KIND}
    # dragging the frame's title moves the cards inside, as one undo step
    editor.scene.clearSelection()
    title = QPointF(frame.left() + 60, frame.top() + 16)
    count = editor.undo_stack.count()
    drag(editor, title, title + QPointF(100, 200))
    assert (editor.flow.node("hello").x, editor.flow.node("hello").y) == (340.0, 200.0)
    assert (editor.flow.node("ask").x, editor.flow.node("ask").y) == (580.0, 200.0)
    assert editor.flow.node("bye").x == 480.0
    assert editor.undo_stack.count() == count + 1


def test_a_node_with_a_problem_gets_a_badge_whose_tooltip_is_the_validation_message(qtbot):
    editor = open_editor(qtbot)
    node = editor.flow.node("ask")
    with qtbot.waitSignal(editor.scene.validated, timeout=3000):
        editor.undo_stack.push(commands.SetNodeConfig(editor.flow, "ask",
                                                      {**node.config, "save_as": ""}, "Edit"))
    badge = editor.scene.badges["ask"]
    assert badge.severity == "error"
    report = editor.scene.report
    (finding,) = [f for f in report.errors if f.node == "ask"]
    assert finding.message("en") in badge.toolTip() or finding.message("pt") in badge.toolTip()
    with qtbot.waitSignal(editor.scene.validated, timeout=3000):
        editor.undo_stack.undo()
    assert "ask" not in editor.scene.badges or editor.scene.badges["ask"].severity != "error"


def test_typing_into_one_field_merges_into_one_undo_step(qtbot):
    editor = open_editor(qtbot)
    flow = editor.flow
    for text in ("O", "Ol", "Olá"):
        node = flow.node("hello")
        editor.undo_stack.push(commands.SetNodeConfig(flow, "hello", {**node.config, "text": text},
                                                      "Edit text"))
    assert editor.undo_stack.count() == 1
    assert editor.scene.node_items["hello"].summary == "Olá"
    editor.undo_stack.undo()
    assert flow.node("hello").config["text"] == "Olá, bem-vindo à padaria!"


def test_read_only_editor_refuses_every_edit(qtbot):
    editor = open_editor(qtbot, read_only=True)
    before = document.to_dict(editor.flow)
    assert not editor.palette.isVisible()
    start = card_centre(editor, "hello")
    drag(editor, start, start + QPointF(100, 100))
    drag(editor, editor.scene.node_items["ask"].port_pos("next"), card_centre(editor, "bye"))
    editor.scene.select_only(["bye"])
    QTest.keyClick(editor.view, Qt.Key.Key_Delete)
    QTest.keyClick(editor.view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    QTest.mouseDClick(editor.view.viewport(), Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier, vp(editor, QPointF(900, 500)))
    editor.paste(json.dumps(document.to_dict(small_flow())))
    assert not editor.quick_menu.isVisible()
    assert document.to_dict(editor.flow) == before
    assert editor.undo_stack.count() == 0
    assert editor.scene.node_items["hello"].pos() == QPointF(240, 0)
    # looking around still works
    QTest.keyClick(editor.view, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert editor.view.zoom() == pytest.approx(1.0)


def test_highlight_analytics_and_diff_are_drawn_on_the_cards(qtbot):
    editor = open_editor(qtbot)
    editor.set_highlight("ask")
    assert editor.scene.node_items["ask"].highlighted
    editor.set_highlight(None)
    assert not editor.scene.node_items["ask"].highlighted
    data = SimpleNamespace(entered={"start": 10, "hello": 9}, exits={("hello", "next"): 7},
                           stopped={"hello": 2})
    editor.set_analytics(data)
    assert editor.scene.node_items["hello"].entered == 9
    assert editor.scene.node_items["hello"].stopped == 2
    assert editor.scene.edge_items[("hello", "next")].count == 7
    assert editor.scene.edge_items[("start", "next")].count == 0
    editor.set_analytics(None)
    assert editor.scene.node_items["hello"].entered is None
    # a period nobody went through draws no counts at all (not a zero on every card)
    editor.set_analytics(SimpleNamespace(entered={}, exits={}, stopped={}))
    assert editor.scene.node_items["hello"].entered is None
    assert editor.scene.edge_items[("hello", "next")].count is None
    diff = SimpleNamespace(added={"bye"}, removed=set(), changed={"hello"},
                           edges_added={("hello", "next", "ask")}, edges_removed=set())
    editor.set_diff(diff)
    assert editor.scene.node_items["bye"].diff_state == "added"
    assert editor.scene.node_items["hello"].diff_state == "changed"
    assert editor.scene.node_items["ask"].diff_state is None
    assert editor.scene.edge_items[("hello", "next")].diff_state == "added"
    editor.grab()  # paints with every overlay on
    editor.set_diff(None)
    assert editor.scene.node_items["bye"].diff_state is None


def test_select_node_selects_and_centres_it(qtbot):
    editor = open_editor(qtbot)
    seen = []
    editor.selection_changed.connect(seen.append)
    editor.view.centerOn(QPointF(3000, 3000))
    editor.select_node("bye")
    assert editor.selected_node_ids() == ["bye"]
    assert seen[-1] == ["bye"]
    centre = editor.view.mapToScene(editor.view.viewport().rect().center())
    assert (centre - card_centre(editor, "bye")).manhattanLength() < 40


def test_auto_layout_is_one_undoable_move_and_hidden_without_the_layout_module(qtbot, monkeypatch):
    fake = types.ModuleType("whatdesk.flows.layout")  # a stand-in, only for this test
    fake.layered_layout = lambda flow: {n.id: (i * 300.0, 60.0) for i, n in enumerate(flow.nodes)}
    monkeypatch.setitem(sys.modules, "whatdesk.flows.layout", fake)
    editor = open_editor(qtbot)
    assert editor.layout_action.isVisible()
    editor.layout_action.trigger()
    assert [(n.x, n.y) for n in editor.flow.nodes] == [(0, 60), (300, 60), (600, 60), (900, 60)]
    assert editor.scene.node_items["bye"].pos() == QPointF(900, 60)
    assert editor.undo_stack.count() == 1
    editor.undo_stack.undo()
    assert (editor.flow.node("bye").x, editor.flow.node("bye").y) == (480, 300)

    monkeypatch.setitem(sys.modules, "whatdesk.flows.layout", None)  # import fails
    assert not open_editor(qtbot).layout_action.isVisible()


def test_menu_options_are_ports_that_follow_the_option_list(qtbot):
    flow = small_flow()
    editor = open_editor(qtbot, flow)
    from PySide6.QtCore import QPointF as P

    from whatdesk.ui.flows.editor import FlowEditor  # noqa: F401 (the same editor class)

    node_id = editor.add_node("menu", P(700, 300))
    item = editor.scene.node_items[node_id]
    assert item.port_ids() == ["op1", "invalid", "timeout"]
    height = item.height
    node = flow.node(node_id)
    options = [{"id": "a", "label": "Vendas", "keywords": []},
               {"id": "b", "label": "Suporte", "keywords": []}]
    editor.undo_stack.push(commands.SetNodeConfig(flow, node_id, {**node.config, "options": options},
                                                  "Edit options"))
    assert item.port_ids() == ["a", "b", "invalid", "timeout"]
    assert item.height > height
    drag(editor, item.port_pos("b"), card_centre(editor, "bye"))
    assert (node_id, "b", "bye") in edge_set(flow)
    edge = editor.scene.edge_items[(node_id, "b")]
    assert edge.path().elementAt(0).y == item.port_pos("b").y()


def test_keys_typed_into_a_note_edit_its_text_not_the_canvas(qtbot):
    editor = open_editor(qtbot)
    editor.note_action.trigger()
    (note,) = editor.flow.notes
    QTest.keyClicks(editor.view.viewport(), "Oi!")
    QTest.keyClick(editor.view, Qt.Key.Key_Backspace)  # a character, not the note
    QTest.keyClick(editor.view, Qt.Key.Key_Delete)
    QTest.keyClick(editor.view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(editor.view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert len(editor.flow.notes) == 1 and len(editor.flow.nodes) == 4
    click(editor, QPointF(1100, 700))
    assert editor.flow.note(note.id).text == "Oi"  # Ctrl+A selected the text, Ctrl+D did nothing
    assert editor.flow.note(note.id) is not None


def test_clicking_an_edge_and_pressing_delete_removes_only_that_edge(qtbot):
    editor = open_editor(qtbot)
    edge = editor.scene.edge_items[("hello", "next")]
    click(editor, edge.path().pointAtPercent(0.5))
    assert edge.isSelected()
    QTest.keyClick(editor.view, Qt.Key.Key_Delete)
    assert edge_set(editor.flow) == {("start", "next", "hello")}
    assert node_ids(editor.flow) == {"start", "hello", "ask", "bye"}
    editor.undo_stack.undo()
    assert ("hello", "next", "ask") in edge_set(editor.flow)


def test_space_drag_pans_and_a_click_on_the_minimap_moves_the_view_there(qtbot):
    editor = open_editor(qtbot)
    view = editor.view
    point = card_centre(editor, "hello")
    before = vp(editor, point)
    QTest.keyPress(view, Qt.Key.Key_Space)
    drag(editor, QPointF(900, 500), QPointF(860, 480))
    QTest.keyRelease(view, Qt.Key.Key_Space)
    assert vp(editor, point) - before == QPoint(-40, -20)
    assert editor.undo_stack.count() == 0 and editor.selected_node_ids() == []
    minimap = view.minimap
    QTest.keyClick(view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert not minimap.isVisible()  # the whole flow is in view: nothing to show
    view.set_zoom(2.5)
    assert minimap.isVisible()
    minimap.grab()  # draws its picture of the flow
    scale, offset = minimap._transform()
    bye = card_centre(editor, "bye")
    QTest.mouseClick(minimap, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     QPoint(round(bye.x() * scale + offset.x()), round(bye.y() * scale + offset.y())))
    centre = view.mapToScene(view.viewport().rect().center())
    assert (centre - bye).manhattanLength() < 2 / scale + 2


def test_a_closed_editor_stops_listening_to_the_flow_it_showed(qtbot):
    from whatdesk.ui.flows.editor import FlowEditor

    flow = small_flow()
    editor = FlowEditor(flow)  # not handed to qtbot: this test deletes it itself
    editor.show()
    modified = []
    editor.modified.connect(lambda: modified.append(1))
    flow.move_node("bye", 10, 10)
    assert modified and editor.scene.node_items["bye"].pos() == QPointF(10, 10)
    editor.close()
    editor.deleteLater()
    qtbot.wait(10)
    QApplication.processEvents()
    flow.move_node("bye", 20, 20)  # no editor to update, and no crash
    flow.add_node(document.Node("late", "end", 0, 0, {}))
    assert flow.node("late") is not None


def test_validation_waits_for_a_pause_in_typing_and_then_runs_once(qtbot):
    import sys as _sys

    editor = open_editor(qtbot)
    with qtbot.waitSignal(editor.scene.validated, timeout=3000):
        pass  # the first validation after opening
    reports = []
    editor.scene.validated.connect(reports.append)
    switch = _sys.getswitchinterval()
    for text in ("T", "Te", "Tes", "Test"):
        node = editor.flow.node("hello")
        editor.undo_stack.push(commands.SetNodeConfig(editor.flow, "hello",
                                                      {**node.config, "text": text}, "Edit"))
    assert reports == []  # not on every keystroke
    qtbot.waitUntil(lambda: len(reports) == 1, timeout=3000)
    qtbot.wait(600)
    assert len(reports) == 1
    assert _sys.getswitchinterval() == switch  # the worker gave the interpreter setting back

"""The flow editor's canvas driven with mouse and keyboard: add, connect, move, delete, undo."""

from __future__ import annotations

from flow_editor_helpers import (
    card_centre,
    click,
    drag,
    drop_from_palette,
    edge_set,
    node_ids,
    open_editor,
    vp,
)
from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest

from whatdesk.flows import document
from whatdesk.flows.document import Flow
from whatdesk.ui.flows.items import style


def _new_node(editor, before: set[str]) -> str:
    (new_id,) = node_ids(editor.flow) - before
    return new_id


def test_dragging_a_node_type_from_the_palette_adds_a_card_where_it_is_dropped(qtbot):
    editor = open_editor(qtbot)
    before = node_ids(editor.flow)
    drop_from_palette(editor, "delay", QPointF(700, 200))
    new_id = _new_node(editor, before)
    node = editor.flow.node(new_id)
    assert node.type == "delay"
    # the card's input port sits where the mouse let go (snapped to the 20 px grid)
    assert abs(node.x - 700) <= style.GRID and abs(node.y + style.HEADER_HEIGHT / 2 - 200) <= style.GRID
    item = editor.scene.node_items[new_id]
    assert item.scenePos() == QPointF(node.x, node.y)
    assert editor.selected_node_ids() == [new_id]
    editor.undo_stack.undo()
    assert new_id not in editor.scene.node_items and editor.flow.node(new_id) is None


def test_double_click_on_the_canvas_opens_the_quick_menu_and_adds_the_typed_node(qtbot):
    editor = open_editor(qtbot)
    before = node_ids(editor.flow)
    spot = QPointF(800, 400)
    QTest.mouseDClick(editor.view.viewport(), Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier, vp(editor, spot))
    menu = editor.quick_menu
    qtbot.waitUntil(menu.isVisible)
    QTest.keyClicks(menu.search, "tag")
    assert menu.visible_types() == ["tag"]
    QTest.keyClick(menu.search, Qt.Key.Key_Return)
    assert not menu.isVisible()
    new_id = _new_node(editor, before)
    assert editor.flow.node(new_id).type == "tag"
    assert abs(editor.flow.node(new_id).x - 800) <= style.GRID


def test_tab_on_the_canvas_opens_the_quick_menu_and_searches_both_languages(qtbot):
    editor = open_editor(qtbot)
    before = node_ids(editor.flow)
    QTest.keyClick(editor.view, Qt.Key.Key_Tab)
    menu = editor.quick_menu
    qtbot.waitUntil(menu.isVisible)
    QTest.keyClicks(menu.search, "condicao")  # Portuguese title, typed without the accent
    assert menu.visible_types() == ["condition"]
    QTest.keyClick(menu.search, Qt.Key.Key_Return)
    assert editor.flow.node(_new_node(editor, before)).type == "condition"


def test_dragging_from_a_port_onto_a_card_connects_them_and_undo_disconnects(qtbot):
    editor = open_editor(qtbot)
    port = editor.scene.node_items["ask"].port_pos("next")
    drag(editor, port, card_centre(editor, "bye"))
    assert ("ask", "next", "bye") in edge_set(editor.flow)
    edge = editor.scene.edge_items[("ask", "next")]
    assert edge.target.node_id == "bye"
    assert "next" in editor.scene.node_items["ask"].connected_ports
    editor.undo_stack.undo()
    assert ("ask", "next", "bye") not in edge_set(editor.flow)
    assert ("ask", "next") not in editor.scene.edge_items


def test_dropping_a_dragged_edge_on_empty_canvas_adds_the_picked_node_already_connected(qtbot):
    editor = open_editor(qtbot)
    before = node_ids(editor.flow)
    port = editor.scene.node_items["ask"].port_pos("invalid")
    drag(editor, port, QPointF(900, 150))
    menu = editor.quick_menu
    qtbot.waitUntil(menu.isVisible)
    QTest.keyClicks(menu.search, "transfer")
    QTest.keyClick(menu.search, Qt.Key.Key_Return)
    new_id = _new_node(editor, before)
    assert ("ask", "invalid", new_id) in edge_set(editor.flow)
    # one undo step removes both the node and its edge
    editor.undo_stack.undo()
    assert node_ids(editor.flow) == before
    assert ("ask", "invalid") not in editor.scene.edge_items


def test_moving_cards_with_the_mouse_is_one_undo_step_and_edges_follow(qtbot):
    editor = open_editor(qtbot)
    count = editor.undo_stack.count()
    start = card_centre(editor, "hello")
    drag(editor, start, start + QPointF(63, 118), steps=8)
    node = editor.flow.node("hello")
    assert (node.x, node.y) == (300.0, 120.0)  # 240+63 and 0+118, snapped to the grid
    assert editor.scene.node_items["hello"].pos() == QPointF(300, 120)
    assert editor.undo_stack.count() == count + 1
    edge = editor.scene.edge_items[("start", "next")]
    assert edge.path().elementAt(edge.path().elementCount() - 1).y == \
        editor.scene.node_items["hello"].input_pos().y()
    editor.undo_stack.undo()
    assert (editor.flow.node("hello").x, editor.flow.node("hello").y) == (240.0, 0.0)
    assert editor.scene.node_items["hello"].pos() == QPointF(240, 0)


def test_moving_without_snap_keeps_the_exact_position(qtbot):
    editor = open_editor(qtbot)
    editor.snap_action.trigger()
    start = card_centre(editor, "bye")
    drag(editor, start, start + QPointF(33, 7))
    assert (editor.flow.node("bye").x, editor.flow.node("bye").y) == (513.0, 307.0)


def test_rubber_band_then_delete_removes_cards_and_their_edges_and_undo_restores(qtbot):
    editor = open_editor(qtbot)
    before = editor.flow.edges
    # a band from empty canvas across "hello" and "ask" (not "start", not "bye")
    drag(editor, QPointF(230, -40), QPointF(700, 100))
    assert sorted(editor.selected_node_ids()) == ["ask", "hello"]
    QTest.keyClick(editor.view, Qt.Key.Key_Delete)
    assert node_ids(editor.flow) == {"start", "bye"}
    assert editor.flow.edges == []
    assert set(editor.scene.node_items) == {"start", "bye"} and not editor.scene.edge_items
    editor.undo_stack.undo()
    assert node_ids(editor.flow) == {"start", "hello", "ask", "bye"}
    assert editor.flow.edges == before
    assert set(editor.scene.edge_items) == {("start", "next"), ("hello", "next")}


def test_click_selects_and_ctrl_click_adds_to_the_selection_and_ctrl_a_selects_all(qtbot):
    editor = open_editor(qtbot)
    click(editor, card_centre(editor, "hello"))
    assert editor.selected_node_ids() == ["hello"]
    click(editor, card_centre(editor, "bye"), Qt.KeyboardModifier.ControlModifier)
    assert sorted(editor.selected_node_ids()) == ["bye", "hello"]
    click(editor, QPointF(900, 600))  # empty canvas clears
    assert editor.selected_node_ids() == []
    QTest.keyClick(editor.view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert sorted(editor.selected_node_ids()) == ["ask", "bye", "hello", "start"]


def test_ctrl_d_duplicates_the_selection_with_new_ids_and_inner_edges(qtbot):
    editor = open_editor(qtbot)
    editor.scene.select_only(["hello", "ask"])
    before = node_ids(editor.flow)
    QTest.keyClick(editor.view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    new = node_ids(editor.flow) - before
    assert len(new) == 2
    copies = {editor.flow.node(i).type: editor.flow.node(i) for i in new}
    assert copies["message"].config["text"] == "Olá, bem-vindo à padaria!"
    assert (copies["message"].x, copies["message"].y) == (280.0, 40.0)
    assert (copies["message"].id, "next", copies["question"].id) in edge_set(editor.flow)
    assert sorted(editor.selected_node_ids()) == sorted(new)


def test_undo_back_to_an_empty_flow_and_redo_rebuilds_the_same_document(qtbot):
    editor = open_editor(qtbot, Flow(id="empty", name="Vazio"))
    drop_from_palette(editor, "start", QPointF(0, 0))
    drop_from_palette(editor, "menu", QPointF(300, 0))
    start_id, menu_id = (n.id for n in editor.flow.nodes)
    drag(editor, editor.scene.node_items[start_id].port_pos("next"), card_centre(editor, menu_id))
    drag(editor, card_centre(editor, menu_id), card_centre(editor, menu_id) + QPointF(40, 60))
    from whatdesk.ui.flows import commands

    node = editor.flow.node(menu_id)
    options = node.config["options"] + [{"id": "op2", "label": "Vendas", "keywords": []}]
    editor.undo_stack.push(commands.SetNodeConfig(editor.flow, menu_id,
                                                  {**node.config, "options": options}, "Edit"))
    assert "op2" in editor.scene.node_items[menu_id].port_ids()  # options are ports
    final = document.to_dict(editor.flow)
    steps = editor.undo_stack.count()
    assert steps == 5
    for _ in range(steps):
        editor.undo_stack.undo()
    assert editor.flow.nodes == [] and editor.flow.edges == []
    assert not editor.scene.node_items and not editor.scene.edge_items
    for _ in range(steps):
        editor.undo_stack.redo()
    assert document.to_dict(editor.flow) == final
    assert set(editor.scene.node_items) == {start_id, menu_id}
    assert editor.scene.node_items[menu_id].port_ids() == ["op1", "op2", "invalid", "timeout"]


def test_dragging_one_of_several_selected_cards_moves_them_all_in_one_step(qtbot):
    editor = open_editor(qtbot)
    click(editor, card_centre(editor, "hello"))
    click(editor, card_centre(editor, "bye"), Qt.KeyboardModifier.ControlModifier)
    count = editor.undo_stack.count()
    start = card_centre(editor, "hello")
    drag(editor, start, start + QPointF(40, 60))
    assert (editor.flow.node("hello").x, editor.flow.node("hello").y) == (280.0, 60.0)
    assert (editor.flow.node("bye").x, editor.flow.node("bye").y) == (520.0, 360.0)
    assert (editor.flow.node("ask").x, editor.flow.node("ask").y) == (480.0, 0.0)
    assert editor.undo_stack.count() == count + 1
    # a plain click (no drag) on one of them selects it alone
    click(editor, card_centre(editor, "bye"))
    assert editor.selected_node_ids() == ["bye"]


def test_dragging_a_notes_corner_resizes_it_in_one_undo_step(qtbot):
    from whatdesk.flows.document import Note
    from whatdesk.ui.flows import commands

    editor = open_editor(qtbot)
    editor.undo_stack.push(commands.AddItems(editor.flow, "note",
                                             notes=[Note("n1", 600, 200, 220, 90, "Oi")]))
    corner = QPointF(600 + 220 - 4, 200 + 90 - 4)
    drag(editor, corner, corner + QPointF(80, 50))
    note = editor.flow.note("n1")
    assert (note.w, note.h) == (300.0, 140.0) and (note.x, note.y) == (600.0, 200.0)
    assert editor.scene.note_items["n1"].rect().width() == 300
    editor.undo_stack.undo()
    assert (editor.flow.note("n1").w, editor.flow.note("n1").h) == (220.0, 90.0)

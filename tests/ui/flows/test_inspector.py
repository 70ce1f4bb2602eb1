"""The inspector: typing into generated fields edits the node's config through the undo
stack, one undo step per field, and the form follows undo without losing the user's place."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from inspector_fixtures import english, make_flow  # noqa: F401 (english: autouse)
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QDropEvent, QImage, QUndoStack
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit

from whatdesk.flows import registry
from whatdesk.ui.flows.fields import media as media_field
from whatdesk.ui.flows.inspector import Inspector


def open_inspector(qtbot: Any, flow: Any, node_id: str, stack: QUndoStack | None,
                   media_root: Path | None = None) -> Inspector:
    inspector = Inspector(media_root=media_root)
    qtbot.addWidget(inspector)
    inspector.set_target(flow, node_id, stack)
    inspector.resize(380, 900)
    with qtbot.waitActive(inspector):
        inspector.show()
        inspector.activateWindow()
    return inspector


def test_typing_a_message_edits_the_node_and_one_undo_restores_it(qtbot: Any) -> None:
    flow = make_flow(("m", "message", {"text": "Hi"}))
    stack = QUndoStack()
    inspector = open_inspector(qtbot, flow, "m", stack)
    edit = inspector.editor("text").edit
    edit.setFocus()
    edit.moveCursor(edit.textCursor().MoveOperation.End)
    qtbot.keyClicks(edit, " there, friend")
    assert flow.node("m").config["text"] == "Hi there, friend"
    assert stack.count() == 1  # every keystroke merged into one step
    stack.undo()
    assert flow.node("m").config["text"] == "Hi"
    assert edit.toPlainText() == "Hi"
    stack.redo()
    assert edit.toPlainText() == "Hi there, friend"


def test_undo_updates_another_field_without_taking_focus_or_moving_the_cursor(
        qtbot: Any) -> None:
    flow = make_flow(("h", "http_request", None))
    stack = QUndoStack()
    inspector = open_inspector(qtbot, flow, "h", stack)
    url = inspector.editor("url").line
    timeout = inspector.editor("timeout_s").line
    qtbot.mouseClick(url, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(url, "https://example.com/orders")
    timeout.setFocus()
    timeout.selectAll()
    qtbot.keyClicks(timeout, "30")
    assert flow.node("h").config["timeout_s"] == 30
    assert stack.count() == 2  # the URL, then the timeout
    url.setFocus()
    url.setCursorPosition(8)
    assert QApplication.focusWidget() is url
    stack.undo()
    assert flow.node("h").config["timeout_s"] == 10
    assert timeout.text() == "10"
    assert QApplication.focusWidget() is url
    assert url.cursorPosition() == 8
    assert url.text() == "https://example.com/orders"


def test_menu_options_are_added_reordered_and_removed_and_ports_follow(qtbot: Any) -> None:
    flow = make_flow(("menu", "menu", None), ("a", "end", {}))
    flow.add_edge("menu", "op1", "a")
    stack = QUndoStack()
    inspector = open_inspector(qtbot, flow, "menu", stack)
    options = inspector.editor("options")
    qtbot.mouseClick(options.add, Qt.MouseButton.LeftButton)
    card = options.cards[1]
    label = card.fields["label"].editor.line
    qtbot.keyClicks(label, "Support")
    menu_type = registry.get("menu")
    assert [o["label"] for o in flow.node("menu").config["options"]] == ["Opção 1", "Support"]
    assert menu_type.port_ids(flow.node("menu").config)[:2] == ["op1", "op2"]

    qtbot.mouseClick(options.cards[0].down, Qt.MouseButton.LeftButton)
    assert [o["id"] for o in flow.node("menu").config["options"]] == ["op2", "op1"]
    assert menu_type.port_ids(flow.node("menu").config)[:2] == ["op2", "op1"]
    assert flow.edge_from("menu", "op1").target == "a"  # the edge stays on its option
    assert options.cards[0].fields["label"].editor.line.text() == "Support"

    qtbot.mouseClick(options.cards[1].remove, Qt.MouseButton.LeftButton)
    assert [o["id"] for o in flow.node("menu").config["options"]] == ["op2"]
    assert len(options.cards) == 1
    stack.undo()  # the removal, as one step
    assert [o["id"] for o in flow.node("menu").config["options"]] == ["op2", "op1"]
    assert len(options.cards) == 2


def test_variable_completion_offers_builtins_and_inserts_the_placeholder(qtbot: Any) -> None:
    flow = make_flow(("q", "question", {"save_as": "order_number"}), ("m", "message", None))
    stack = QUndoStack()
    inspector = open_inspector(qtbot, flow, "m", stack)
    edit = inspector.editor("text").edit
    edit.setFocus()
    qtbot.keyClicks(edit, "Order {{ord")
    completion = edit.completion
    popup = completion.completer.popup()
    qtbot.waitUntil(popup.isVisible)
    shown = [popup.model().index(i, 0).data() for i in range(popup.model().rowCount())]
    assert shown == ["order_number"]
    popup.setCurrentIndex(popup.model().index(0, 0))
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert edit.toPlainText() == "Order {{order_number}}"
    assert flow.node("m").config["text"] == "Order {{order_number}}"
    qtbot.keyClicks(edit, " for {{contact.")
    qtbot.waitUntil(popup.isVisible)
    shown = {popup.model().index(i, 0).data() for i in range(popup.model().rowCount())}
    assert {"contact.name", "contact.first_name", "contact.number"} <= shown


def test_a_bad_regex_shows_why_under_the_field(qtbot: Any) -> None:
    flow = make_flow(("q", "question", {"save_as": "cep", "validate": "regex"}))
    stack = QUndoStack()
    inspector = open_inspector(qtbot, flow, "q", stack)
    pattern = inspector.editor("pattern")
    assert inspector.rows["pattern"].isVisible()
    qtbot.keyClicks(pattern.line, "(?=a)b")
    assert flow.node("q").config["pattern"] == "(?=a)b"
    assert pattern.problem.isVisible()
    assert "lookahead" in pattern.problem.text()
    pattern.line.clear()
    qtbot.keyClicks(pattern.line, "^[0-9]{5}$")
    assert not pattern.problem.isVisible()


def test_choosing_a_validation_shows_only_the_fields_it_uses(qtbot: Any) -> None:
    flow = make_flow(("q", "question", {"save_as": "age"}))
    stack = QUndoStack()
    inspector = open_inspector(qtbot, flow, "q", stack)
    assert not inspector.rows["min"].isVisible()
    combo: QComboBox = inspector.editor("validate").combo
    combo.setFocus()
    while combo.currentData() != "integer":
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert flow.node("q").config["validate"] == "integer"
    assert inspector.rows["min"].isVisible() and not inspector.rows["pattern"].isVisible()
    qtbot.keyClicks(inspector.editor("min").line, "18")
    assert flow.node("q").config["min"] == 18
    stack.undo()
    assert "min" not in flow.node("q").config or flow.node("q").config["min"] is None
    assert inspector.editor("min").line.text() == ""


def test_numbers_typed_in_one_field_are_one_step_and_stored_as_numbers(qtbot: Any) -> None:
    flow = make_flow(("m", "message", {"text": "x"}))
    stack = QUndoStack()
    inspector = open_inspector(qtbot, flow, "m", stack)
    line: QLineEdit = inspector.editor("typing_ms").line
    line.selectAll()
    qtbot.keyClicks(line, "1500")
    assert flow.node("m").config["typing_ms"] == 1500
    assert stack.count() == 1
    qtbot.keyClicks(line, "x")  # not a number: nothing stored, the text is refused
    assert flow.node("m").config["typing_ms"] == 1500


def test_http_headers_are_a_name_value_table(qtbot: Any) -> None:
    flow = make_flow(("h", "http_request", None))
    stack = QUndoStack()
    inspector = open_inspector(qtbot, flow, "h", stack)
    headers = inspector.editor("headers")
    qtbot.mouseClick(headers.add, Qt.MouseButton.LeftButton)
    _row, name, value, remove = headers.lines[0]
    qtbot.keyClicks(name, "Authorization")
    qtbot.keyClicks(value, "Bearer {{token}}")
    assert flow.node("h").config["headers"] == {"Authorization": "Bearer {{token}}"}
    qtbot.mouseClick(remove, Qt.MouseButton.LeftButton)
    assert flow.node("h").config["headers"] == {}


def test_read_only_inspector_shows_but_does_not_edit(qtbot: Any) -> None:
    flow = make_flow(("m", "menu", None))
    inspector = open_inspector(qtbot, flow, "m", None)
    text = inspector.editor("text").edit
    assert text.isReadOnly()
    qtbot.keyClicks(text, "changed")
    assert flow.node("m").config["text"] == "Escolha uma opção:"
    assert not inspector.editor("options").add.isVisible()
    assert not inspector.editor("style").isEnabled()


def test_a_picked_image_outside_flow_media_is_copied_in_and_previewed(
        qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "data" / "flow-media"
    root.mkdir(parents=True)
    picture = tmp_path / "Downloads" / "cardápio do dia?.png"
    picture.parent.mkdir()
    image = QImage(64, 32, QImage.Format.Format_RGB32)
    image.fill(QColor("#3b82f6"))
    assert image.save(str(picture))
    monkeypatch.setattr(media_field, "choose_file", lambda _parent, _root: picture)
    flow = make_flow(("m", "message", {"text": "Our menu"}))
    stack = QUndoStack()
    inspector = open_inspector(qtbot, flow, "m", stack, media_root=root)
    media = inspector.editor("media")
    qtbot.mouseClick(media.add, Qt.MouseButton.LeftButton)
    stored = flow.node("m").config["media"]
    assert stored["kind"] == "image"
    assert (root / stored["path"]).read_bytes() == picture.read_bytes()
    assert "/" not in stored["path"] and "?" not in stored["path"]
    assert not media.file.preview.pixmap().isNull()
    assert media.file.name.text() == stored["path"]
    qtbot.mouseClick(media.add if media.add.isVisible() else media.file.choose,
                     Qt.MouseButton.LeftButton)  # the same file again: reused, not copied twice
    assert sorted(p.name for p in root.iterdir()) == [stored["path"]]


def test_an_unusable_picked_file_is_refused_with_a_message(
        qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "flow-media"
    root.mkdir()
    big = tmp_path / "video.mp4"
    big.write_bytes(b"x" * 2048)
    monkeypatch.setattr(media_field, "MAX_MEDIA_BYTES", 1024)
    monkeypatch.setattr(media_field, "choose_file", lambda _parent, _root: big)
    flow = make_flow(("m", "message", {"text": "x"}))
    stack = QUndoStack()
    inspector = open_inspector(qtbot, flow, "m", stack, media_root=root)
    media = inspector.editor("media")
    qtbot.mouseClick(media.add, Qt.MouseButton.LeftButton)
    assert flow.node("m").config.get("media") is None
    assert stack.count() == 0
    assert media.problem.isVisible() and "too large" in media.problem.text()
    assert list(root.iterdir()) == []


def test_business_hours_table_is_typed_per_day(qtbot: Any) -> None:
    flow = make_flow(("b", "business_hours", None))
    stack = QUndoStack()
    inspector = open_inspector(qtbot, flow, "b", stack)
    hours = inspector.editor("hours")
    qtbot.mouseClick(hours.use_table, Qt.MouseButton.LeftButton,
                     pos=QPoint(8, hours.use_table.height() // 2))  # on the round button
    assert flow.node("b").config["hours"]["mon"] == [["09:00", "18:00"]]
    saturday = hours.days["sat"]
    qtbot.keyClicks(saturday, "09:00-13:00")
    assert flow.node("b").config["hours"]["sat"] == [["09:00", "13:00"]]


def test_every_node_type_gets_a_form_with_a_widget_per_field(qtbot: Any) -> None:
    for node_type in registry.all_types():
        flow = make_flow(("n", node_type.name, None))
        inspector = open_inspector(qtbot, flow, "n", QUndoStack())
        assert set(inspector.rows) == {f.name for f in node_type.fields}
        inspector.close()


def test_deleting_the_node_shows_the_flow_form_instead(qtbot: Any) -> None:
    flow = make_flow(("m", "message", {"text": "x"}))
    inspector = open_inspector(qtbot, flow, "m", QUndoStack())
    assert "text" in inspector.rows
    flow.remove_node("m")
    assert inspector.node_id is None and list(inspector.rows) == ["variables"]


def test_with_nothing_selected_the_flow_form_declares_variables_with_undo(qtbot: Any) -> None:
    flow = make_flow(("m", "message", {"text": "x"}))
    stack = QUndoStack()
    inspector = Inspector(flow_fields=("name", "variables", "triggers"))
    qtbot.addWidget(inspector)
    inspector.set_target(flow, None, stack)
    inspector.show()
    variables = inspector.editor("variables")
    qtbot.mouseClick(variables.add, Qt.MouseButton.LeftButton)
    _row, name, value, _remove = variables.lines[0]
    qtbot.keyClicks(name, "city")
    qtbot.mouseClick(value, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(value, "Recife")
    assert flow.variables == {"city": "Recife"}
    assert stack.count() == 2  # the name, then the value
    triggers = inspector.editor("triggers")
    qtbot.mouseClick(triggers.add, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(triggers.cards[0].fields["keyword"].editor.line, "promo")
    assert flow.triggers == [{"keyword": "promo", "match": "contains"}]
    while stack.index():
        stack.undo()
    assert flow.variables == {} and flow.triggers == []
    assert variables.lines == [] and triggers.cards == []
    while stack.index() < stack.count():
        stack.redo()
    assert flow.variables == {"city": "Recife"}
    assert variables.lines[0][2].text() == "Recife"


def test_a_rule_that_compares_with_nothing_hides_its_compare_with_field(qtbot: Any) -> None:
    flow = make_flow(("c", "condition", None))
    stack = QUndoStack()
    inspector = open_inspector(qtbot, flow, "c", stack)
    card = inspector.editor("rules").cards[0]
    assert card.fields["right"].isVisible()
    combo: QComboBox = card.fields["op"].editor.combo
    combo.setFocus()
    while combo.currentData() != "is_empty":
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert flow.node("c").config["rules"][0]["op"] == "is_empty"
    assert not card.fields["right"].isVisible()
    stack.undo()
    assert card.fields["right"].isVisible()


def test_ctrl_z_in_a_field_undoes_the_flow_edit(qtbot: Any) -> None:
    flow = make_flow(("h", "http_request", None))
    stack = QUndoStack()
    inspector = open_inspector(qtbot, flow, "h", stack)
    headers = inspector.editor("headers")
    qtbot.mouseClick(headers.add, Qt.MouseButton.LeftButton)
    _row, name, value, _remove = headers.lines[0]
    qtbot.keyClicks(value, "json")
    qtbot.keyClicks(name, "Accept")
    assert flow.node("h").config["headers"] == {"Accept": "json"}
    assert stack.count() == 1  # typing the name was one step, not one per letter
    url = inspector.editor("url").line
    qtbot.keyClicks(url, "https://x.io")
    qtbot.keyClick(url, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert flow.node("h").config.get("url", "") == "" and url.text() == ""
    qtbot.keyClick(url, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert flow.node("h").config["headers"] == {}
    qtbot.keyClick(url, Qt.Key.Key_Z,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert flow.node("h").config["headers"] == {"Accept": "json"}


def test_a_file_already_in_flow_media_is_used_where_it_is(tmp_path: Path) -> None:
    root = tmp_path / "flow-media"
    (root / "promos").mkdir(parents=True)
    poster = root / "promos" / "poster.jpg"
    poster.write_bytes(b"\xff\xd8 not really a jpeg")
    assert media_field.import_media(root, poster) == "promos/poster.jpg"
    assert sorted(p.name for p in root.iterdir()) == ["promos"]
    with pytest.raises(media_field.MediaImportError):
        media_field.import_media(None, poster)
    with pytest.raises(media_field.MediaImportError):
        media_field.import_media(root, tmp_path / "missing.png")


def test_selecting_the_same_node_again_keeps_the_form(qtbot: Any) -> None:
    flow = make_flow(("m", "message", {"text": "x"}))
    stack = QUndoStack()
    inspector = open_inspector(qtbot, flow, "m", stack)
    editor = inspector.editor("text")
    inspector.set_target(flow, "m", stack)
    assert inspector.editor("text") is editor


def test_a_row_dropped_above_another_moves_there(qtbot: Any) -> None:
    flow = make_flow(("menu", "menu", {"options": [
        {"id": "op1", "label": "Sales"}, {"id": "op2", "label": "Support"},
        {"id": "op3", "label": "Billing"}]}))
    stack = QUndoStack()
    inspector = open_inspector(qtbot, flow, "menu", stack)
    options = inspector.editor("options")
    assert options.cards[2].number.text().endswith("#3")
    data = options.drag_data(options.cards[2])  # what dragging row 3's handle carries
    target = QPointF(20, options.cards[0].geometry().top() + 4)
    drop = QDropEvent(target, Qt.DropAction.MoveAction, data, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    options.dropEvent(drop)  # Qt delivers a drop only inside a real drag session
    assert [o["id"] for o in flow.node("menu").config["options"]] == ["op3", "op1", "op2"]
    assert options.cards[0].fields["label"].editor.line.text() == "Billing"
    stack.undo()
    assert [o["id"] for o in flow.node("menu").config["options"]] == ["op1", "op2", "op3"]

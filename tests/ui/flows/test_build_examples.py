"""Acceptance: each shipped example flow can be built in the file editor (`whatdesk flow edit`)
from a new flow with the mouse and keyboard only, undone back to the new flow and redone,
saved with Ctrl+S, and the saved file plays the same conversations as the shipped one.

The test is driven by the example file's content: nodes are added in BFS order from the
start through the quick menu (double-click on the canvas, type, Enter), every config field
is typed or clicked into the inspector's widgets by walking the node type's FieldSpecs, edges
are dragged from their exit port onto the target card, and the flow's own properties
(name, description, variables, triggers) go through the Properties panel's flow form."""

from __future__ import annotations

import json
import re
import threading
from collections import deque
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from flow_editor_helpers import card_centre, click, drag, vp
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from whatdesk.cli.flow import main as flow_cli
from whatdesk.flows import registry
from whatdesk.flows.document import Flow, Node, load_file, save_file, to_dict
from whatdesk.flows.registry import FieldKind, FieldSpec
from whatdesk.ui.flows.fields.hours import format_spans
from whatdesk.ui.flows.file_editor import FileEditorWindow
from whatdesk.ui.flows.flow_form import FLOW_FIELD_NAMES, FLOW_FIELDS
from whatdesk.ui.flows.items import style
from whatdesk.ui.flows.page import editor_factory_for

EXAMPLES = Path(__file__).resolve().parents[3] / "resources" / "flows"
SATURDAY_NOON = ("--now", "2025-01-11T12:00:00-03:00")
MONDAY_NOON = ("--now", "2025-01-06T12:00:00-03:00")

# Conversations played against both files: (extra arguments, script lines). "{crm}" is the
# address of a local webhook that always answers the same lead id.
SCRIPTS: dict[str, list[tuple[tuple[str, ...], list[dict[str, Any]]]]] = {
    "restaurante": [
        (SATURDAY_NOON, [{"text": "boa tarde"}, {"text": "1"}, {"text": "pedir"},
                         {"text": "2 feijoadas e 1 suco"}, {"text": "Rua das Flores, 100"}]),
        (SATURDAY_NOON, [{"text": "oi"}, {"text": "atendente"}]),
        (SATURDAY_NOON, [{"text": "oi"}, {"text": "x"}, {"text": "y"}, {"text": "z"},
                         {"text": "w"}]),
        (SATURDAY_NOON, [{"text": "oi"}, {"wait": 901}]),
        (MONDAY_NOON, [{"text": "oi"}]),
    ],
    "suporte": [
        (SATURDAY_NOON, [{"text": "Oi, minha internet caiu"}, {"text": "Carla Mendes"},
                         {"text": "123.456.789-00"}, {"text": "529.982.247-25"},
                         {"text": "carla@exemplo.com.br"}, {"button": "tecnico"}]),
        (SATURDAY_NOON, [{"text": "suporte"}, {"text": "Ana"}, {"text": "52998224725"},
                         {"text": "ana@x.com"}, {"text": "boleto"}]),
        (SATURDAY_NOON, [{"text": "suporte"}, {"text": "Ana"}, {"text": "52998224725"},
                         {"text": "ana@x.com"}, {"text": "3"}]),
        (SATURDAY_NOON, [{"text": "suporte"}, {"text": "Ana"}, {"wait": 1801}]),
    ],
    "lead": [
        (("--var", "webhook_url={crm}", *SATURDAY_NOON),
         [{"text": "quero saber mais da promo"}, {"text": "Rafael Lima"},
          {"text": "rafael@exemplo.com"}, {"text": "(21) 98888-7777"}]),
        (("--var", "webhook_url={crm}/fail", *SATURDAY_NOON),
         [{"text": "promo"}, {"text": "Rafael"}, {"text": "rafael@exemplo.com"},
          {"text": "21988887777"}]),
        (SATURDAY_NOON, [{"text": "promo"}, {"text": "Rafael"}, {"text": "not an e-mail"},
                         {"text": "still not"}, {"text": "nope"}, {"text": "no"}]),
        (SATURDAY_NOON, [{"text": "promo"}, {"wait": 3601}]),
    ],
}


# ---- typing like a user -----------------------------------------------------------------

_SPECIAL = re.compile(r"([^\x20-\x7e]\ufe0f?)")


def type_text(widget: QWidget, text: str) -> None:
    """Key presses for `text`; Enter for a line break. A character QTest cannot map to a key
    (accented letters, dashes, emoji) arrives as one key event carrying it, the way a dead
    key, an emoji picker or an input method delivers it."""
    for chunk in _SPECIAL.split(text):
        if not chunk:
            continue
        if chunk == "\n":
            QTest.keyClick(widget, Qt.Key.Key_Return)
        elif _SPECIAL.fullmatch(chunk):
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier,
                                                         chunk))
        else:
            QTest.keyClicks(widget, chunk)


def close_popups() -> None:
    """Escape closes a completion list left open by typing (a user dismisses it too)."""
    popup = QApplication.activePopupWidget()
    while popup is not None:
        QTest.keyClick(popup, Qt.Key.Key_Escape)
        QApplication.processEvents()
        if QApplication.activePopupWidget() is popup:
            popup.hide()
        popup = QApplication.activePopupWidget()
    reactivate()


def reactivate() -> None:
    """The offscreen platform has no window manager: a closed popup leaves itself the active
    window, where a desktop gives activation back to the editor window. Do that here, so
    window shortcuts (Ctrl+S) reach the window as they would for a user."""
    active = QApplication.activeWindow()
    if active is None or not shiboken6.isValid(active) \
            or active.objectName() != "flowFileEditor":
        for widget in QApplication.topLevelWidgets():
            if shiboken6.isValid(widget) and widget.objectName() == "flowFileEditor" \
                    and widget.isVisible():
                widget.activateWindow()
                QApplication.processEvents()


def retype(widget: QLineEdit | QPlainTextEdit, text: str) -> None:
    """Click into the field, select all and type the new text (or erase it)."""
    QTest.mouseClick(widget.viewport() if isinstance(widget, QPlainTextEdit) else widget,
                     Qt.MouseButton.LeftButton)
    QTest.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    if text:
        type_text(widget, text)
    else:
        QTest.keyClick(widget, Qt.Key.Key_Backspace)
    close_popups()


def choose(combo: QComboBox, value: Any) -> None:
    """Open the drop-down with a click, arrow to the entry, Enter."""
    index = combo.findData(value)
    assert index >= 0, value
    QTest.mouseClick(combo, Qt.MouseButton.LeftButton)
    view = combo.view()
    assert view.isVisible()
    for _ in range(combo.count()):
        row = view.currentIndex().row()
        if row == index:
            break
        QTest.keyClick(view, Qt.Key.Key_Down if row < index else Qt.Key.Key_Up)
    QTest.keyClick(view, Qt.Key.Key_Return)
    reactivate()
    assert combo.currentData() == value


def list_text(values: list[Any]) -> str:
    return ", ".join(str(v) for v in values)


def fill(editor: Any, spec: FieldSpec, target: Any) -> None:
    """Put `target` into one generated field widget with keys and clicks."""
    kind = spec.kind
    if kind in (FieldKind.TEXT, FieldKind.TEMPLATE, FieldKind.VARIABLE, FieldKind.REGEX,
                FieldKind.TIMEZONE, FieldKind.FLOW_REF, FieldKind.TEMPLATE_OR_LIST):
        retype(editor.line, "" if target is None else
               list_text(target) if isinstance(target, list) else str(target))
    elif kind in (FieldKind.NUMBER, FieldKind.INTEGER):
        retype(editor.line, "" if target is None else f"{target:g}")
    elif kind == FieldKind.MULTILINE:
        retype(editor.edit, target or "")
    elif kind == FieldKind.STRING_LIST:
        retype(editor.line, list_text(target))
    elif kind == FieldKind.DATE_LIST:  # typed the Brazilian way
        retype(editor.line, list_text("/".join(reversed(d.split("-"))) for d in target))
    elif kind == FieldKind.CHOICE:
        choose(editor.combo, target)
    elif kind == FieldKind.BOOL:
        if editor.box.isChecked() != bool(target):
            QTest.mouseClick(editor.box, Qt.MouseButton.LeftButton)
    elif kind == FieldKind.HOURS:
        fill_hours(editor, target)
    elif kind == FieldKind.KEY_VALUE:
        fill_key_values(editor, target)
    elif kind == FieldKind.OBJECT_LIST:
        fill_rows(editor, spec, target)
    else:
        raise NotImplementedError(f"no keyboard path written for {kind} yet")


def fill_hours(editor: Any, target: Any) -> None:
    radio = editor.use_connection if target == "connection" else editor.use_table
    # on its round indicator: the button is as wide as the panel, its label is not
    QTest.mouseClick(radio, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     QPoint(8, radio.height() // 2))
    assert radio.isChecked()
    if target == "connection":
        return
    for day, line in editor.days.items():
        spans = target.get(day) or []
        if format_spans(spans) != line.text():
            retype(line, ", ".join(f"{a}-{b}" for a, b in spans))


def fill_key_values(editor: Any, target: dict[str, Any]) -> None:
    for _ in range(len(editor.lines)):
        QTest.mouseClick(editor.lines[-1][3], Qt.MouseButton.LeftButton)
    for key, value in target.items():
        QTest.mouseClick(editor.add, Qt.MouseButton.LeftButton)
        _row, name, text, _remove = editor.lines[-1]
        QTest.mouseClick(name, Qt.MouseButton.LeftButton)
        type_text(name, key)
        if value:
            retype(text, str(value))


def fill_rows(editor: Any, spec: FieldSpec, target: list[dict[str, Any]]) -> None:
    while len(editor.cards) > len(target):
        QTest.mouseClick(editor.cards[-1].remove, Qt.MouseButton.LeftButton)
    while len(editor.cards) < len(target):
        QTest.mouseClick(editor.add, Qt.MouseButton.LeftButton)
    for card, row in zip(editor.cards, target, strict=True):
        for sub in spec.item_fields:
            wanted = row.get(sub.name, sub.default_value())
            if card.row.get(sub.name, sub.default_value()) != wanted:
                fill(card.fields[sub.name].editor, sub, wanted)
    assert editor.value() == target


# ---- the canvas -------------------------------------------------------------------------

def bfs(doc: dict[str, Any]) -> list[dict[str, Any]]:
    nodes = {n["id"]: n for n in doc["nodes"]}
    start = next(n["id"] for n in doc["nodes"] if n["type"] == "start")
    order, seen, queue = [], {start}, deque([start])
    while queue:
        node_id = queue.popleft()
        order.append(nodes[node_id])
        for edge in doc["edges"]:
            if edge["from"] == node_id and edge["to"] not in seen:
                seen.add(edge["to"])
                queue.append(edge["to"])
    assert len(order) == len(nodes), "every example node is reachable from start"
    return order


def look_at(editor: Any, *points: QPointF) -> None:
    """Scroll the canvas so these points are in view (as the scroll bars would)."""
    x = sum(p.x() for p in points) / len(points)
    y = sum(p.y() for p in points) / len(points)
    rect = editor.view.viewport().rect().adjusted(20, 20, -20, -20)
    for _ in range(8):  # a long edge: zoom out (the toolbar's "−") until both ends show
        editor.view.centerOn(QPointF(x, y))
        QApplication.processEvents()
        if all(rect.contains(vp(editor, p)) for p in points):
            return
        editor.view.zoom_out()
    raise AssertionError("the points do not fit in the view")


def add_with_quick_menu(qtbot: Any, editor: Any, type_name: str, x: float, y: float) -> str:
    """Double-click the empty canvas where the card's input goes, type, Enter."""
    spot = QPointF(x, y + style.HEADER_HEIGHT / 2)
    look_at(editor, spot)
    before = {n.id for n in editor.flow.nodes}
    QTest.mouseDClick(editor.view.viewport(), Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier, vp(editor, spot))
    menu = editor.quick_menu
    qtbot.waitUntil(menu.isVisible)
    QTest.keyClicks(menu.search, type_name)
    for _ in range(len(menu.visible_types())):  # arrow down to it when other types match too
        if menu.list.currentItem().data(Qt.ItemDataRole.UserRole + 1) == type_name:
            break
        QTest.keyClick(menu.search, Qt.Key.Key_Down)
    QTest.keyClick(menu.search, Qt.Key.Key_Return)
    reactivate()
    (new_id,) = {n.id for n in editor.flow.nodes} - before
    node = editor.flow.node(new_id)
    assert node.type == type_name and (node.x, node.y) == (x, y)
    assert editor.selected_node_ids() == [new_id]
    return new_id


def connect(editor: Any, source: str, port: str, target: str) -> None:
    start = editor.scene.node_items[source].port_pos(port)
    assert start is not None, (source, port)
    end = card_centre(editor, target)
    look_at(editor, start, end)
    drag(editor, start, end, steps=6)
    edge = editor.flow.edge_from(source, port)
    assert edge is not None and edge.target == target, (source, port, target)


def press(editor: Any, key: Qt.Key, modifiers: Qt.KeyboardModifier) -> None:
    """A key press goes where the keyboard focus is (in the editor; the canvas if the
    focused widget went away with an undone card)."""
    QApplication.processEvents()  # between two key presses the event loop runs
    reactivate()
    target = QApplication.focusWidget()
    if target is None or not editor.isAncestorOf(target):
        target = editor.view
    QTest.keyClick(target, key, modifiers)


def empty_spot(editor: Any) -> QPointF:
    """A point of the canvas with no card under it (below every card)."""
    bottom = max(item.sceneBoundingRect().bottom() for item in editor.scene.node_items.values())
    return QPointF(0, bottom + 200)


def effective(node_type: str, config: dict[str, Any]) -> dict[str, Any]:
    found = registry.get(node_type)
    assert found is not None
    return found.effective_config(config)


# ---- fixtures ---------------------------------------------------------------------------

class _Crm(BaseHTTPRequestHandler):
    def log_message(self, *args: Any) -> None:
        pass

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers["Content-Length"]))
        ok = not self.path.endswith("/fail")
        data = json.dumps({"lead": {"id": "L-42"}} if ok else {"error": "down"}).encode()
        self.send_response(201 if ok else 500)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


@pytest.fixture
def crm() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Crm)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/hooks/leads"
    server.shutdown()
    server.server_close()


def new_flow_file(path: Path) -> None:
    """What a new flow is: a Start node and nothing else (FlowService.create)."""
    flow = Flow()
    flow.add_node(Node(id="start", type="start", x=0, y=0, config={}))
    save_file(flow, path)


def play(capsys: pytest.CaptureFixture[str], path: Path, args: tuple[str, ...],
         script: list[dict[str, Any]], tmp_path: Path) -> dict[str, Any]:
    script_path = tmp_path / "script.jsonl"
    script_path.write_text("\n".join(json.dumps(s) for s in script), encoding="utf-8")
    capsys.readouterr()
    with ThreadPoolExecutor(1) as worker:  # the CLI runs its own asyncio loop, as in a shell
        rc = worker.submit(flow_cli, ["run", str(path), "--json", "--script", str(script_path),
                                      *args]).result()
    out = capsys.readouterr().out
    result = json.loads(out)
    assert rc == (1 if result["state"] == "error" else 0)
    result.pop("node", None)  # a waiting node's id: the editor gives new nodes UUIDs
    return result


# ---- the acceptance test ----------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(SCRIPTS))
def test_example_flow_is_built_with_mouse_and_keyboard_and_plays_the_same(
        qtbot: Any, qloop: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str], crm: str,
        monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    monkeypatch.setenv("WHATDESK_LANG", "pt_BR")
    shipped_path = EXAMPLES / f"{name}.wdflow.json"
    shipped = json.loads(shipped_path.read_text(encoding="utf-8"))
    path = tmp_path / f"{name}.wdflow.json"
    new_flow_file(path)
    window = FileEditorWindow(path, load_file(path),
                              editor_factory_for(None, flow_fields=FLOW_FIELD_NAMES))
    # a failing test must not stop at "Save the changes?" when pytest-qt closes the window
    qtbot.addWidget(window, before_close_func=lambda w: setattr(w, "modified", False))
    window.resize(1600, 1000)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    editor = window.editor
    flow = editor.flow
    inspector = editor.inspector
    new_document = to_dict(flow)
    minimap = window.findChild(QWidget, "flowToolbar").widgetForAction(editor.minimap_action)
    QTest.mouseClick(minimap, Qt.MouseButton.LeftButton)  # it would cover part of the canvas
    assert not editor.view.minimap.isVisible()
    editor.view.zoom_reset()

    # nodes, in BFS order from start, each through the quick menu, then its settings
    ids = {"start": "start"}
    for node in bfs(shipped)[1:]:
        ids[node["id"]] = add_with_quick_menu(qtbot, editor, node["type"], node["x"], node["y"])
        node_type = registry.get(node["type"])
        assert inspector.node_id == ids[node["id"]]
        wanted = node_type.effective_config(node["config"])
        for spec in node_type.fields:
            built = flow.node(ids[node["id"]])
            if effective(built.type, built.config)[spec.name] != wanted[spec.name]:
                fill(inspector.editor(spec.name), spec, wanted[spec.name])
        built = flow.node(ids[node["id"]])
        assert effective(built.type, built.config) == wanted, node["id"]

    # edges: drag from the exit port onto the target card
    for edge in shipped["edges"]:
        connect(editor, ids[edge["from"]], edge["port"], ids[edge["to"]])

    # the flow's own properties: click the empty canvas, the Properties panel shows the flow
    click(editor, empty_spot(editor))
    assert editor.selected_node_ids() == [] and inspector.node_id is None
    for spec in FLOW_FIELDS:
        if getattr(flow, spec.name) != shipped.get(spec.name, spec.default_value()):
            fill(inspector.editor(spec.name), spec, shipped.get(spec.name))

    built = to_dict(flow)
    for key in ("name", "description", "variables", "triggers"):
        assert built[key] == shipped[key], key
    by_id = {n["id"]: n for n in built["nodes"]}
    for node in shipped["nodes"]:
        twin = by_id[ids[node["id"]]]
        assert twin["type"] == node["type"]
        assert effective(twin["type"], twin["config"]) == effective(node["type"], node["config"])
    assert sorted((e["from"], e["port"], e["to"]) for e in built["edges"]) == sorted(
        (ids[e["from"]], e["port"], ids[e["to"]]) for e in shipped["edges"])

    # Ctrl+Z back to the new flow, Ctrl+Shift+Z forward to the built one
    stack = editor.undo_stack
    click(editor, empty_spot(editor))
    steps = stack.index()
    for _ in range(steps):
        press(editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stack.index() == 0
    assert to_dict(flow) == new_document
    assert set(editor.scene.node_items) == {"start"} and not editor.scene.edge_items
    for _ in range(steps):
        press(editor, Qt.Key.Key_Z,
              Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert stack.index() == steps
    assert to_dict(flow) == built
    assert set(editor.scene.node_items) == set(ids.values())
    assert len(editor.scene.edge_items) == len(shipped["edges"])

    assert QApplication.activeWindow() is window
    # Ctrl+S writes the file
    press(editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not window.modified
    assert to_dict(load_file(path)) == built

    # both files play every conversation the same way
    for args, script in SCRIPTS[name]:
        args = tuple(a.replace("{crm}", crm) for a in args)
        expected = play(capsys, shipped_path, args, script, tmp_path)
        assert play(capsys, path, args, script, tmp_path) == expected
        assert len(expected["transcript"]) > len(script)  # the bot said something each time

"""Helpers for the flow editor tests: open an editor on a small flow and drive it with the mouse."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QDropEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from whatdesk.flows import document
from whatdesk.flows.document import Flow
from whatdesk.ui.flows.editor import FlowEditor


def small_flow() -> Flow:
    """start → hello (message) → ask (question); a separate unconnected message "bye"."""
    return document.load({
        "format": "whatdesk.flow", "schema": 1, "id": "f1", "name": "Teste",
        "variables": {"nome": ""},
        "nodes": [
            {"id": "start", "type": "start", "x": 0, "y": 0, "config": {}},
            {"id": "hello", "type": "message", "x": 240, "y": 0,
             "config": {"text": "Olá, bem-vindo à padaria!"}},
            {"id": "ask", "type": "question", "x": 480, "y": 0,
             "config": {"text": "Qual o seu nome?", "save_as": "nome"}},
            {"id": "bye", "type": "message", "x": 480, "y": 300,
             "config": {"text": "Até logo e obrigado pela padaria"}},
        ],
        "edges": [{"from": "start", "port": "next", "to": "hello"},
                  {"from": "hello", "port": "next", "to": "ask"}],
        "notes": [],
    })


def open_editor(qtbot: Any, flow: Flow | None = None, **kwargs: Any) -> FlowEditor:
    editor = FlowEditor(flow if flow is not None else small_flow(), **kwargs)
    qtbot.addWidget(editor)
    editor.resize(1280, 800)
    editor.show()
    qtbot.waitExposed(editor)
    editor.view.zoom_reset()
    editor.view.centerOn(QPointF(400, 150))
    editor.view.setFocus()
    QApplication.processEvents()
    return editor


def vp(editor: FlowEditor, scene_pos: QPointF) -> QPoint:
    """A scene point in viewport coordinates (where the mouse goes)."""
    return editor.view.mapFromScene(scene_pos)


def card_centre(editor: FlowEditor, node_id: str) -> QPointF:
    item = editor.scene.node_items[node_id]
    return item.mapToScene(item.card_rect().center())


def drag(editor: FlowEditor, start: QPointF, end: QPointF, steps: int = 5,
         button: Qt.MouseButton = Qt.MouseButton.LeftButton) -> None:
    """Press at ``start``, move in steps, release at ``end`` (scene coordinates)."""
    viewport = editor.view.viewport()
    a, b = vp(editor, start), vp(editor, end)
    QTest.mousePress(viewport, button, Qt.KeyboardModifier.NoModifier, a)
    for i in range(1, steps + 1):
        point = a + (b - a) * (i / steps)
        QTest.mouseMove(viewport, point)
    QTest.mouseRelease(viewport, button, Qt.KeyboardModifier.NoModifier, b)


def click(editor: FlowEditor, pos: QPointF,
          modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    QTest.mouseClick(editor.view.viewport(), Qt.MouseButton.LeftButton, modifier, vp(editor, pos))


def drop_from_palette(editor: FlowEditor, type_name: str, scene_pos: QPointF) -> None:
    """What a drag from the palette delivers to the canvas: the palette's own mime data."""
    item = editor.palette.item_for(type_name)
    assert item is not None
    data: QMimeData = editor.palette.tree.mimeData([item])
    from PySide6.QtGui import QDragEnterEvent

    viewport = editor.view.viewport()
    pos = QPointF(vp(editor, scene_pos))
    enter = QDragEnterEvent(pos.toPoint(), Qt.DropAction.CopyAction, data,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(viewport, enter)
    drop = QDropEvent(pos, Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(viewport, drop)


def node_ids(flow: Flow) -> set[str]:
    return {n.id for n in flow.nodes}


def edge_set(flow: Flow) -> set[tuple[str, str, str]]:
    return {(e.source, e.port, e.target) for e in flow.edges}

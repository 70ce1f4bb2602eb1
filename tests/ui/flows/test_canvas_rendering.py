"""What the canvas shows stays right while it draws from cached pictures of the cards: an
edit or a selection shows at once, zooming ends as sharp as opening at that zoom, and the
overview of a big flow hides and brings back every card (also one added meanwhile)."""

from __future__ import annotations

from typing import Any

from flow_editor_helpers import open_editor
from PySide6.QtCore import QPointF, QRect
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from whatdesk.flows import document
from whatdesk.flows.document import Flow, Node
from whatdesk.ui.flows import commands
from whatdesk.ui.flows.editor import FlowEditor
from whatdesk.ui.flows.view import OVERVIEW_MIN_NODES


def _grid_flow(count: int) -> Flow:
    nodes: list[dict[str, Any]] = [{"id": "start", "type": "start", "x": 0, "y": 0,
                                    "config": {}}]
    edges = []
    previous = "start"
    for i in range(1, count):
        node_id = f"m{i}"
        nodes.append({"id": node_id, "type": "message", "x": (i // 8) * 240,
                      "y": (i % 8) * 140, "config": {"text": f"Mensagem {i}, {{{{nome}}}}"}})
        edges.append({"from": previous, "port": "next", "to": node_id})
        previous = node_id
    return document.load({"format": "whatdesk.flow", "schema": 1, "id": "g", "name": "Grade",
                          "variables": {"nome": ""}, "nodes": nodes, "edges": edges,
                          "notes": []})


def _card_rect(editor: FlowEditor, node_id: str) -> QRect:
    item = editor.scene.node_items[node_id]
    return editor.view.mapFromScene(item.sceneBoundingRect()).boundingRect()


def _shot(editor: FlowEditor, rect: QRect | None = None) -> QImage:
    viewport = editor.view.viewport()
    return (viewport.grab(rect) if rect is not None else viewport.grab()).toImage()


def _settled(qtbot: Any, editor: FlowEditor) -> None:
    qtbot.waitUntil(lambda: not editor.scene.zooming and not editor.scene.refining,
                    timeout=5000)
    QApplication.processEvents()


def test_a_card_shows_its_edit_and_its_selection_at_once(qtbot: Any) -> None:
    editor = open_editor(qtbot)
    rect = _card_rect(editor, "hello")
    before = _shot(editor, rect)
    node = editor.flow.node("hello")
    editor.undo_stack.push(commands.SetNodeConfig(
        editor.flow, "hello", {**node.config, "text": "Promoção de pão de queijo hoje"}, "Edit"))
    QApplication.processEvents()
    edited = _shot(editor, rect)
    assert edited != before  # the new summary is drawn, not the kept picture
    editor.scene.select_only(["hello"])
    QApplication.processEvents()
    selected = _shot(editor, rect)
    assert selected != edited  # the selection border
    editor.scene.clearSelection()
    QApplication.processEvents()
    assert _shot(editor, rect) == edited
    editor.undo_stack.undo()
    QApplication.processEvents()
    assert _shot(editor, rect) == before


def test_zooming_step_by_step_ends_as_sharp_as_opening_at_that_zoom(qtbot: Any) -> None:
    from PySide6.QtGui import QPixmapCache

    QPixmapCache.clear()  # the app-wide picture cache starts empty, as in a fresh window
    stepped = open_editor(qtbot, _grid_flow(60))
    direct = open_editor(qtbot, _grid_flow(60))
    for editor in (stepped, direct):  # the cards are compared, not the minimap's overview
        editor.minimap_action.setChecked(False)
    stepped.view.set_zoom(1.0)
    QApplication.processEvents()
    for step in (stepped.view.zoom_out, stepped.view.zoom_out, stepped.view.zoom_out,
                 stepped.view.zoom_in):
        step()
        QApplication.processEvents()  # frames drawn mid-zoom, from scaled pictures
    direct.view.set_zoom(stepped.view.zoom())
    for editor in (stepped, direct):
        editor.view.centerOn(QPointF(600, 500))
        _settled(qtbot, editor)
    # every card in view is the same picture (the dotted grid behind them may start a pixel
    # apart after scrolling, so each card's inside is compared, not the whole view)
    shown = [node_id for node_id, item in stepped.scene.node_items.items()
             if stepped.view.viewport().rect().contains(_card_rect(stepped, node_id))]
    assert len(shown) >= 6

    def inside(editor: FlowEditor, node_id: str) -> QImage:
        return _shot(editor, _card_rect(editor, node_id).adjusted(6, 6, -6, -6))
    assert all(inside(stepped, n) == inside(direct, n) for n in shown)
    # and a card on screen is exactly the card drawn at this zoom (not a scaled picture)
    zoom = stepped.view.zoom()
    assert 0.6 < zoom < 0.75  # between two of the kept scales
    item = stepped.scene.node_items["m10"]
    card = item._render(round(zoom, 4), 1.0).toImage()
    inner = item.card_rect().adjusted(8, 8, -8, -8)
    origin = item.boundingRect().topLeft()
    source = QRect(round((inner.left() - origin.x()) * zoom),
                   round((inner.top() - origin.y()) * zoom),
                   int(inner.width() * zoom), int(inner.height() * zoom))
    expected = card.copy(source).convertToFormat(QImage.Format.Format_RGB32)
    on_screen = stepped.view.mapFromScene(item.mapToScene(inner.topLeft()))
    shot = _shot(stepped)
    assert any(shot.copy(source.translated(on_screen.x() - source.x() + dx,
                                           on_screen.y() - source.y() + dy)) == expected
               for dx in (-1, 0, 1) for dy in (-1, 0, 1))


def test_the_overview_hides_every_card_and_zooming_in_brings_them_back(qtbot: Any) -> None:
    editor = open_editor(qtbot, _grid_flow(OVERVIEW_MIN_NODES + 20))
    scene = editor.scene
    editor.view.set_zoom(0.2)
    assert scene.overview
    assert not any(item.isVisible() for item in (*scene.node_items.values(),
                                                 *scene.edge_items.values()))
    editor.flow.add_node(Node("late", "message", 0.0, 2000.0, {"text": "Nova"}))
    editor.flow.add_edge("m1", "next", "late")
    assert not scene.node_items["late"].isVisible()  # added during the overview: hidden too
    editor.view.set_zoom(1.0)
    assert not scene.overview
    assert all(item.isVisible() for item in (*scene.node_items.values(),
                                             *scene.edge_items.values()))

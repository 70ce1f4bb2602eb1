"""Flow editor benchmark on a generated 1,000-node flow, offscreen, as designers get it
(``workbench.build_editor``: the canvas with its Properties, Problems, Variables and Test chat
panels, which all follow the document).

    python bench/editor.py [--nodes N]

* ``open_ms``: flow JSON text → document loaded → workbench built (scene filled, panels
  filled, first validation) → first paint (the whole flow in view, as it opens).
* ``pan_worst_frame_ms``: the slowest frame while panning across the flow at 100 %, at the
  "fit" zoom and at 58 %, and zooming in and out step by step (each frame = the move, then
  one pass of the event loop: its timers and the repaint).
* ``edit_ms``: one undoable config edit made in the Properties panel (the selected message
  card's text replaced, as a paste does) until Qt has repainted what changed.
* ``layout_ms``: FlowEditor.auto_layout() (one undo step, then "fit") until painted.
* ``validate_while_typing_ms``: the worst keystroke delay typing (QTest key clicks) into
  the Properties panel's text field of the selected card: from the moment the key is due
  (a fast typist's rhythm, with pauses long enough for the debounced validation and panel
  refreshes to run) until it is painted, so work that lands while typing counts.

Details go to stderr: median, p95 and the slowest five of each series, and the longest
single UI-thread stall while typing pauses (validation, Problems and Variables refresh) and
when the Problems / Variables tab is opened after typing. The LAST line printed is one JSON
object with the five keys, and ``baseline``: a plain QGraphicsView of as many Qt-drawn cards
panned and zoomed by the same steps in the same run (what a frame costs on this machine with
no work of ours). Targets: open < 1000, worst frame < 33, edit < 16, layout < 500,
keystroke < 16 (ms).
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

KEYSTROKE_GAP_S = 0.09  # a fast typist: ~11 characters a second
TYPED = "Ola, {{nome}}! Seu pedido esta a caminho, ate logo."  # QTest types ASCII


def _log(*args: object) -> None:
    print(*args, file=sys.stderr, flush=True)


def generate(count: int, seed: int = 8) -> str:
    """A plausible big flow: a start, then columns of messages, questions, menus, conditions
    and ticket actions, every output port wired to a nearby node of the next column."""
    rng = random.Random(seed)
    nodes: list[dict[str, Any]] = [{"id": "start", "type": "start", "x": 0, "y": 0, "config": {}}]
    edges: list[dict[str, Any]] = []
    per_column = 25
    kinds = ["message", "question", "menu", "condition", "set_variable", "tag", "delay",
             "http_request"]
    columns: list[list[dict[str, Any]]] = [[nodes[0]]]
    index = 1
    while index < count:
        column = []
        col = len(columns)
        for row in range(min(per_column, count - index)):
            kind = rng.choice(kinds) if col < 39 else "end"
            node_id = f"n{index}"
            config: dict[str, Any]
            if kind == "message":
                config = {"text": f"Mensagem {index}: olá, {{{{nome}}}}!"}
            elif kind == "question":
                config = {"text": f"Pergunta {index}?", "save_as": "nome", "validate": "text"}
            elif kind == "menu":
                config = {"text": f"Menu {index}", "options": [
                    {"id": f"o{k}", "label": f"Opção {k}", "keywords": []} for k in range(1, 4)]}
            elif kind == "condition":
                config = {"mode": "all", "rules": [{"left": "{{nome}}", "op": "is_not_empty",
                                                    "right": ""}]}
            elif kind == "set_variable":
                config = {"assignments": [{"name": "pedido", "value": f"{index}"}]}
            elif kind == "tag":
                config = {"add": ["lead"], "remove": []}
            elif kind == "delay":
                config = {"seconds": 30}
            elif kind == "http_request":
                config = {"method": "GET", "url": "https://example.com/{{pedido}}"}
            else:
                config = {}
            node = {"id": node_id, "type": kind, "x": col * 240, "y": row * 180, "config": config}
            nodes.append(node)
            column.append(node)
            index += 1
        columns.append(column)
    from whatdesk.flows import registry

    for left, right in itertools.pairwise(columns):
        for row, node in enumerate(left):
            node_type = registry.get(node["type"])
            for port in node_type.port_ids(node["config"]) if node_type else []:
                # like a real flow, an exit leads to a nearby card of the next column
                near = right[max(0, row - 2):row + 3] or right[-3:]
                edges.append({"from": node["id"], "port": port, "to": rng.choice(near)["id"]})
    doc = {"format": "whatdesk.flow", "schema": 1, "id": "bench", "name": "Bench",
           "variables": {"nome": "", "pedido": ""}, "nodes": nodes, "edges": edges,
           "notes": [{"id": "note1", "x": 0, "y": -140, "w": 260, "h": 90,
                      "text": "Fluxo gerado para o benchmark."}]}
    return json.dumps(doc)


def _painted(view: Any) -> float:
    """Paint the view now (synchronously, as the next frame would) and return the time."""
    view.viewport().repaint()
    return time.perf_counter()


def _updated(app: Any) -> float:
    """Let Qt repaint what changed, as it does after an edit (only the dirty region), and
    return the time it finished."""
    app.processEvents()
    return time.perf_counter()


def _ms(t0: float, t1: float) -> float:
    return round((t1 - t0) * 1000, 1)


def _describe(name: str, values: list[float]) -> None:
    """Median, p95 and the slowest five of a series (seconds) to stderr."""
    if not values:
        return
    ordered = sorted(values)
    _log(f"{name}: {len(ordered)}, median {statistics.median(ordered) * 1000:.1f} ms, "
         f"p95 {ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))] * 1000:.1f} ms, "
         f"slowest {[round(v * 1000, 1) for v in ordered[-5:]]}")


class _Clock:
    """Runs the event loop until a moment, recording how long each event-loop pass took
    (a pass that runs a timer's work is a UI-thread stall the user would feel)."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.stalls: list[tuple[float, str]] = []
        self.label = ""

    def run_until(self, moment: float) -> None:
        while time.perf_counter() < moment:
            t = time.perf_counter()
            self.app.processEvents()
            self.stalls.append((time.perf_counter() - t, self.label))
            time.sleep(0.001)

    def run_for(self, seconds: float) -> None:
        self.run_until(time.perf_counter() + seconds)


def _message_node(flow: Any, near: Any) -> str:
    """The message card closest to a scene point (the one the benchmark edits)."""
    best = min((n for n in flow.nodes if n.type == "message"),
               key=lambda n: (n.x - near.x()) ** 2 + (n.y - near.y()) ** 2)
    return str(best.id)


def measure(count: int) -> dict[str, float | None]:
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QTextCursor
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from whatdesk.flows import document
    from whatdesk.ui.flows.workbench import build_editor

    app = QApplication.instance() or QApplication(sys.argv)
    text = generate(count)
    from whatdesk.flows import registry

    registry.all_types()  # node modules imported once, as in the running app
    from whatdesk.services.runtime import tune_gc

    tune_gc()  # as the app does after start-up
    gc_pauses = _watch_gc()
    out: dict[str, float | None] = {}

    t0 = time.perf_counter()
    flow = document.load(text)
    editor = build_editor(flow)
    editor.resize(1366, 768)
    editor.show()
    app.processEvents()  # the editor opens fitted to the whole flow (a queued "fit")
    out["open_ms"] = _ms(t0, _painted(editor.view))
    _log(f"open: {len(flow.nodes)} nodes, {len(flow.edges)} edges, {out['open_ms']} ms")
    clock = _Clock(app)
    clock.run_for(0.6)  # the first validation and the panels settle

    # panning and zooming, from 100 % at the start of the flow
    view = editor.view
    view.zoom_reset()
    view.centerOn(QPointF(600, 300))
    _painted(view)
    frames: list[float] = []
    named: list[tuple[float, str]] = []

    def frame(action: Any) -> None:
        t = time.perf_counter()
        action()
        frames.append(_updated(app) - t)  # the event loop runs (timers too) and paints
        what = getattr(action, "__name__", "pan")
        named.append((frames[-1], f"{what} at {view.zoom() * 100:.0f} %"))

    hbar, vbar = view.horizontalScrollBar(), view.verticalScrollBar()
    for _ in range(60):  # pan right at 100 %
        frame(lambda: hbar.setValue(hbar.value() + 60))
    for _ in range(30):  # and down
        frame(lambda: vbar.setValue(vbar.value() + 60))
    for _ in range(12):  # zoom out step by step to the whole flow
        frame(view.zoom_out)
    frame(view.fit)
    for _ in range(30):  # pan at the "whole flow" zoom
        frame(lambda: hbar.setValue(hbar.value() - 40))
    for _ in range(12):
        frame(view.zoom_in)
    for _ in range(30):  # pan back at the zoom reached
        frame(lambda: hbar.setValue(hbar.value() + 40))
    out["pan_worst_frame_ms"] = round(max(frames) * 1000, 1)
    _describe("pan/zoom frames", frames)
    _log("slowest frames:", ", ".join(f"{d * 1000:.1f} ms ({what})"
                                      for d, what in sorted(named)[-5:]))

    # one inspector edit → painted: the selected message card's text replaced (a paste)
    view.zoom_reset()
    node_id = _message_node(flow, QPointF(600, 300))
    editor.select_node(node_id)
    clock.run_for(0.1)
    field = editor.inspector.editor("text").edit  # type: ignore[attr-defined]
    field.setFocus()
    clock.run_for(0.05)
    t0 = time.perf_counter()
    field.selectAll()
    field.insertPlainText("Editado")
    out["edit_ms"] = _ms(t0, _updated(app))
    if flow.node(node_id).config.get("text") != "Editado":  # type: ignore[union-attr]
        raise SystemExit("the inspector edit did not reach the document")
    clock.run_for(0.8)

    # typing into that field: bursts at a fast typist's pace, separated by pauses of
    # several lengths, so the debounced work (validation, panels) lands both in the pauses
    # and just as the next key is due
    cursor = field.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    field.setTextCursor(cursor)
    keystrokes: list[float] = []
    clock.stalls.clear()
    pauses = [0.26, 0.3, 0.42, 0.45, 0.5, 0.7, 0.41, 0.33, 0.6, 0.44]
    due = time.perf_counter() + 0.05
    typed = 0
    for burst, pause in enumerate(pauses):
        for index, char in enumerate(TYPED[(burst * 6) % len(TYPED):(burst * 6) % len(TYPED) + 6]):
            clock.label = "pause" if index == 0 and burst else "between keys"
            clock.run_until(due)
            QTest.keyClicks(field, char)
            keystrokes.append(_updated(app) - due)
            typed += 1
            due += KEYSTROKE_GAP_S
        due += pause
    clock.label = "after typing"
    clock.run_for(1.0)
    expected = "Editado" + "".join(TYPED[(b * 6) % len(TYPED):(b * 6) % len(TYPED) + 6]
                                   for b in range(len(pauses)))
    if flow.node(node_id).config.get("text") != expected:  # type: ignore[union-attr]
        raise SystemExit("typing did not reach the document")
    out["validate_while_typing_ms"] = round(max(keystrokes) * 1000, 1)
    _describe("keystrokes (due → painted)", keystrokes)
    _log("longest UI-thread stalls while typing (one event-loop pass each): "
         + ", ".join(f"{d * 1000:.1f} ms ({where})" for d, where in sorted(clock.stalls)[-5:])
         + f"; undo steps {editor.undo_stack.count()}")

    # the other panels, opened after typing (they catch up when shown)
    for name in ("problems", "variables"):
        panel = getattr(editor, name)
        t0 = time.perf_counter()
        editor.panels.setCurrentWidget(panel)
        _log(f"{name} tab shown: {_ms(t0, _updated(app))} ms")
    editor.panels.setCurrentWidget(editor.inspector)  # type: ignore[attr-defined]
    clock.run_for(0.3)

    # auto-layout
    if editor.layout_action.isVisible():
        t0 = time.perf_counter()
        editor.auto_layout()
        out["layout_ms"] = _ms(t0, _painted(view))
        clock.stalls.clear()
        clock.run_for(1.0)
        _log(f"layout: {out['layout_ms']} ms; then the longest stall "
             f"{max(clock.stalls)[0] * 1000:.1f} ms")
    else:
        out["layout_ms"] = None
    editor.close()
    slow = sorted(gc_pauses)[-3:]
    _log(f"garbage collections: {len(gc_pauses)}, the longest {[round(g * 1000, 1) for g in slow]} ms")
    return out


def _watch_gc() -> list[float]:
    """Durations of the collector's runs (a slow frame may be one of them)."""
    import gc

    pauses: list[float] = []
    started = [0.0]

    def callback(phase: str, _info: dict[str, Any]) -> None:
        if phase == "start":
            started[0] = time.perf_counter()
        else:
            pauses.append(time.perf_counter() - started[0])

    gc.callbacks.append(callback)
    return pauses


def bare_pan_worst_frame(count: int) -> float:
    """The baseline, measured the same way on the same machine in the same run: a plain
    QGraphicsView of `count` cards (a rounded rectangle and a line of text each, Qt's own
    items, no caching) panned and zoomed by the same steps."""
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QPainterPath
    from PySide6.QtWidgets import QApplication, QGraphicsPathItem, QGraphicsScene, QGraphicsView

    app = QApplication.instance() or QApplication([])
    scene = QGraphicsScene()
    for i in range(count):
        x, y = (i % 40) * 320.0, (i // 40) * 160.0
        path = QPainterPath()
        path.addRoundedRect(QRectF(x, y, 220, 90), 8, 8)
        scene.addItem(QGraphicsPathItem(path))
        scene.addSimpleText(f"Mensagem {i}").setPos(x + 10, y + 10)
    view = QGraphicsView(scene)
    view.resize(1280, 800)
    view.show()
    view.centerOn(600, 300)
    frames: list[float] = []

    def frame(action: Any) -> None:
        t = time.perf_counter()
        action()
        frames.append(_updated(app) - t)

    hbar, vbar = view.horizontalScrollBar(), view.verticalScrollBar()
    for _ in range(60):
        frame(lambda: hbar.setValue(hbar.value() + 60))
    for _ in range(30):
        frame(lambda: vbar.setValue(vbar.value() + 60))
    for _ in range(12):
        frame(lambda: view.scale(1 / 1.15, 1 / 1.15))
    for _ in range(12):
        frame(lambda: view.scale(1.15, 1.15))
    view.close()
    return round(max(frames) * 1000, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=1000)
    args = parser.parse_args()
    result = measure(args.nodes)
    line = {key: result.get(key) for key in (
        "open_ms", "pan_worst_frame_ms", "edit_ms", "layout_ms", "validate_while_typing_ms")}
    line["baseline"] = {"pan_worst_frame_ms": bare_pan_worst_frame(args.nodes)}
    print(json.dumps(line), flush=True)


if __name__ == "__main__":
    main()

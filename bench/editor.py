"""Flow editor benchmark on a generated 1,000-node flow, offscreen.

    python bench/editor.py [--nodes N]

* ``open_ms``: flow JSON text → document loaded → FlowEditor built (scene filled) → first paint.
* ``pan_worst_frame_ms``: the slowest frame while panning across the flow at 100 % and at
  the "fit" zoom, and zooming in and out step by step (each frame = move + synchronous repaint).
* ``edit_ms``: one undoable config edit (SetNodeConfig pushed on the stack) until Qt has
  repainted what changed (its own partial repaint, as after any edit in the app).
* ``layout_ms``: FlowEditor.auto_layout() (flows/layout.py) until painted; null when that
  module is not installed.
* ``validate_while_typing_ms``: the worst delay of a keystroke typed into a node's text
  (a merging SetNodeConfig push until painted), in bursts separated by pauses that start the
  debounced validation, each next burst typed while that validation still runs.
  (Measured through the inspector once ui/flows/inspector.py exists on this branch.)

The LAST line printed is one JSON object with those keys. Targets: open < 1000,
worst frame < 33, edit < 16, layout < 500, keystroke < 16 (ms).
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
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
TYPED = "Olá, {{nome}}! Seu pedido está a caminho."


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


def _pump(app: Any, seconds: float) -> None:
    """Let Qt run (timers, the validation debounce) for about ``seconds``."""
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.002)


def measure(count: int) -> dict[str, float | None]:
    from PySide6.QtCore import QPointF
    from PySide6.QtWidgets import QApplication

    from whatdesk.flows import document
    from whatdesk.ui.flows import commands
    from whatdesk.ui.flows import scene as scene_module
    from whatdesk.ui.flows.editor import FlowEditor

    app = QApplication.instance() or QApplication(sys.argv)
    text = generate(count)
    from whatdesk.flows import registry

    registry.all_types()  # node modules imported once, as in the running app
    from whatdesk.services.runtime import tune_gc

    tune_gc()  # as the app does after start-up
    out: dict[str, float | None] = {}

    t0 = time.perf_counter()
    flow = document.load(text)
    editor = FlowEditor(flow)
    editor.resize(1366, 768)
    editor.show()
    editor.view.zoom_reset()
    editor.view.centerOn(QPointF(600, 300))
    out["open_ms"] = _ms(t0, _painted(editor.view))
    _log(f"open: {len(flow.nodes)} nodes, {len(flow.edges)} edges")
    app.processEvents()

    # panning and zooming
    view = editor.view
    frames: list[float] = []

    def frame(action: Any) -> None:
        t = time.perf_counter()
        action()
        frames.append(_painted(view) - t)

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
    frames.sort()
    out["pan_worst_frame_ms"] = round(frames[-1] * 1000, 1)
    _log(f"pan/zoom: {len(frames)} frames, median {frames[len(frames) // 2] * 1000:.1f} ms, "
         f"slowest {[round(f * 1000, 1) for f in frames[-5:]]}")

    # one config edit → painted
    view.zoom_reset()
    target = flow.node("n1")
    assert target is not None
    editor.select_node("n1")
    app.processEvents()
    t0 = time.perf_counter()
    editor.undo_stack.push(commands.SetNodeConfig(flow, "n1", {**target.config, "text": "Editado"},
                                                  "Edit"))
    out["edit_ms"] = _ms(t0, _updated(app))

    # typing into a node's text with the validation debounce running: bursts of typing,
    # each followed by a pause that starts validation, and the next burst begins at once
    # (while that validation is still running, if it still is)
    scene = editor.scene
    keystrokes: list[float] = []
    overlapped: list[float] = []
    typed = ""
    for burst in range(4):
        for char in TYPED[burst * 10:(burst + 1) * 10]:
            typed += char
            node = flow.node("n1")
            assert node is not None
            running = scene.validating
            t = time.perf_counter()
            editor.undo_stack.push(commands.SetNodeConfig(flow, "n1",
                                                          {**node.config, "text": typed},
                                                          "Edit text"))
            delay = _updated(app) - t
            keystrokes.append(delay)
            if running:
                overlapped.append(delay)
            _pump(app, KEYSTROKE_GAP_S)
        deadline = time.perf_counter() + scene_module.VALIDATE_DELAY_MS / 1000 + 1.0
        while not scene.validating and time.perf_counter() < deadline:  # the pause
            app.processEvents()
            time.sleep(0.001)
    _pump(app, 1.0)
    worst_key = max(keystrokes)
    _log("keys", [round(k * 1000, 1) for k in keystrokes], [round(k * 1000, 1) for k in overlapped])
    _log(f"typing: {len(keystrokes)} keys, worst {worst_key * 1000:.1f} ms; "
         f"{len(overlapped)} typed during a validation run, worst "
         f"{max(overlapped, default=0) * 1000:.1f} ms")
    out["validate_while_typing_ms"] = round(worst_key * 1000, 1)

    # auto-layout
    if editor.layout_action.isVisible():
        t0 = time.perf_counter()
        editor.auto_layout()
        out["layout_ms"] = _ms(t0, _painted(view))
    else:
        out["layout_ms"] = None
    editor.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=1000)
    args = parser.parse_args()
    result = measure(args.nodes)
    print(json.dumps({key: result.get(key) for key in (
        "open_ms", "pan_worst_frame_ms", "edit_ms", "layout_ms", "validate_while_typing_ms")}),
        flush=True)


if __name__ == "__main__":
    main()

"""Inspector benchmark: what one keystroke costs on a 1,000-node flow with the problems and
variables panels open, and what the debounced re-validation costs once typing pauses.

Run: QT_QPA_PLATFORM=offscreen /work/main/.venv/bin/python bench/inspector.py

Prints, as its last line, one JSON object:
{"key_message_median_ms", "key_message_max_ms", "key_option_median_ms", "key_option_max_ms",
 "key_completion_median_ms", "key_completion_max_ms", "bare_key_median_ms", "revalidate_ms",
 "variables_refresh_ms", "undo_steps"}.

- key_*: time to handle one typed character (the key event, the SetNodeConfig push and merge,
  the document's signals, the inspector's in-place refresh and the panels' timer restarts),
  in a message text, in a menu option's label, and while `{{` completion is open (its first
  key reads every node's variables once). Budget: under 16 ms (one frame).
- bare_key_median_ms: the same keystroke into a lone QPlainTextEdit, the baseline.
- revalidate_ms / variables_refresh_ms: the work the 250 ms timers do after the last key.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from flows import big_flow
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QWidget

from whatdesk.ui.flows.inspector import Inspector
from whatdesk.ui.flows.problems import ProblemsPanel
from whatdesk.ui.flows.variables import VariablesPanel

KEYS = 200


def type_into(widget: QWidget, count: int = KEYS) -> list[float]:
    times = []
    for i in range(count):
        char = "abcdefghij"[i % 10]
        start = time.perf_counter()
        QTest.keyClick(widget, char)
        times.append((time.perf_counter() - start) * 1000)
    return times


def timed(function: object, repeat: int = 5) -> float:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()  # type: ignore[operator]
        runs.append((time.perf_counter() - start) * 1000)
    return statistics.median(runs)


def main() -> None:
    app = QApplication.instance() or QApplication([])
    flow = big_flow(1000)
    assert len(flow.nodes) == 1000
    stack = QUndoStack()
    problems = ProblemsPanel(flow)
    variables = VariablesPanel(flow)
    inspector = Inspector()
    for widget in (problems, variables, inspector):
        widget.resize(360, 700)
        widget.show()
    app.processEvents()

    inspector.set_target(flow, "b100_msg", stack)
    text = inspector.editor("text").edit
    text.setFocus()
    message = type_into(text)

    inspector.set_target(flow, "b100_menu", stack)
    label = inspector.editor("options").cards[0].fields["label"].editor.line
    label.setFocus()
    option = type_into(label)

    inspector.set_target(flow, "b101_msg", stack)
    text = inspector.editor("text").edit
    text.setFocus()
    completing = []
    for _ in range(10):  # "{{contact.fi" then Escape: the popup opens, narrows, closes
        for char in " {{contact.fi":
            start = time.perf_counter()
            QTest.keyClick(text, char)
            completing.append((time.perf_counter() - start) * 1000)
        QTest.keyClick(text.completion.completer.popup(), Qt.Key.Key_Escape)

    bare = QPlainTextEdit()
    bare.show()
    baseline = type_into(bare)

    assert problems.timer.isActive(), "the keystrokes only restart the timer"
    result = {
        "key_message_median_ms": round(statistics.median(message), 3),
        "key_message_max_ms": round(max(message), 3),
        "key_option_median_ms": round(statistics.median(option), 3),
        "key_option_max_ms": round(max(option), 3),
        "key_completion_median_ms": round(statistics.median(completing), 3),
        "key_completion_max_ms": round(max(completing), 3),
        "bare_key_median_ms": round(statistics.median(baseline), 3),
        "revalidate_ms": round(timed(problems.revalidate), 1),
        "variables_refresh_ms": round(timed(variables.refresh), 1),
        "undo_steps": stack.count(),
    }
    print(f"keystroke on a 1,000-node flow: message {result['key_message_median_ms']} ms "
          f"(max {result['key_message_max_ms']}), option label {result['key_option_median_ms']} "
          f"ms (max {result['key_option_max_ms']}), with {{{{ completion "
          f"{result['key_completion_median_ms']} ms (max {result['key_completion_max_ms']}); "
          f"bare editor {result['bare_key_median_ms']} ms")
    print(f"after the pause: validation {result['revalidate_ms']} ms, variables "
          f"{result['variables_refresh_ms']} ms")
    print(json.dumps(result))


if __name__ == "__main__":
    main()

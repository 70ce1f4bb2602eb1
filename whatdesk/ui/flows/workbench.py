"""The editor as designers use it: the canvas with its side panels (inspector, problems,
variables, test chat) wired together. The parts know nothing of each other; this is the one
place that connects them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QTimer

from whatdesk.flows.document import Flow

from .editor import FlowEditor
from .flow_form import APP_FLOW_FIELDS
from .inspector import Inspector
from .problems import ProblemsPanel
from .test_chat import TestChatPanel
from .variables import VariablesPanel

translate = QCoreApplication.translate  # lupdate finds calls named "translate"

READABLE_ZOOM = 0.7  # below this a card's text cannot be read: open on the Start node instead
OPENING_ZOOM = 0.85
PANEL_WIDTHS = (230, 400)  # palette, side panels (px); the canvas takes the rest


def build_editor(flow: Flow, read_only: bool = False, *, data_dir: Path | None = None,
                 resolver: Any = None, locale: str | None = None,
                 flow_fields: tuple[str, ...] = APP_FLOW_FIELDS) -> FlowEditor:
    """A FlowEditor on `flow` with its panels. `data_dir` gives the flow-media folder (media
    pickers, the test chat's files); `resolver` finds the flows a go_to_flow jumps to;
    `flow_fields` are the flow's own properties the Properties panel edits when no node is
    selected (flow_form.FLOW_FIELD_NAMES in the file editor)."""
    editor = FlowEditor(flow, read_only=read_only)
    media_root = data_dir / "flow-media" if data_dir is not None else None
    stack = None if read_only else editor.undo_stack

    inspector = Inspector(media_root=media_root, flow_fields=flow_fields)
    problems = ProblemsPanel(flow, validate=False)  # the canvas validates; both show it
    variables = VariablesPanel(flow)
    editor.add_panel(translate("FlowWorkbench", "Properties"), inspector, "inspectorPanel")
    editor.add_panel(translate("FlowWorkbench", "Problems"), problems, "problemsPanel")
    editor.add_panel(translate("FlowWorkbench", "Variables"), variables, "variablesPanel")

    def show_selection(ids: list[str]) -> None:
        inspector.set_target(flow, ids[0] if len(ids) == 1 else None, stack)

    editor.selection_changed.connect(show_selection)
    show_selection([])
    editor.scene.validated.connect(problems.show_report)
    if editor.scene.report is not None:
        problems.show_report(editor.scene.report)
    else:
        editor.scene.validate_now()

    def go_to(node_id: str) -> None:
        editor.select_node(node_id)
        editor.panels.setCurrentWidget(inspector)

    problems.node_activated.connect(go_to)
    variables.node_activated.connect(go_to)

    chat = TestChatPanel(flow, media_root=media_root, resolver=resolver, locale=locale)
    chat.current_node_changed.connect(lambda node_id: editor.set_highlight(
        node_id if isinstance(node_id, str) else None))
    editor.add_panel(translate("FlowWorkbench", "Test chat"), chat, "testChatPanel")
    editor.panels.setCurrentWidget(inspector)
    total = max(editor.splitter.width(), sum(PANEL_WIDTHS) + 400)
    editor.splitter.setSizes([PANEL_WIDTHS[0], total - sum(PANEL_WIDTHS), PANEL_WIDTHS[1]])
    QTimer.singleShot(0, editor, lambda: _readable_view(editor))  # after the editor's fit
    editor.inspector, editor.problems, editor.variables, editor.test_chat = (  # type: ignore[attr-defined]
        inspector, problems, variables, chat)
    return editor


def _readable_view(editor: FlowEditor) -> None:
    """Open on the whole flow when it fits readably, else at a readable zoom from Start."""
    if editor.view.zoom() >= READABLE_ZOOM:
        return
    editor.view.set_zoom(OPENING_ZOOM)
    start = next(iter(editor.flow.start_nodes()), None)
    item = editor.scene.node_items.get(start.id) if start is not None else None
    if item is None:
        return
    viewport = editor.view.viewport().rect()
    left = item.sceneBoundingRect().left() - 40
    centre_x = left + viewport.width() / editor.view.zoom() / 2
    editor.view.centerOn(centre_x, item.sceneBoundingRect().center().y())

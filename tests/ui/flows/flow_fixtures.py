"""Small flows for the flow editor's panel tests."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QUndoStack

from whatdesk.flows import registry
from whatdesk.flows.document import Flow, Node


def make_flow(*nodes: tuple[str, str, dict[str, Any] | None],
              edges: tuple[tuple[str, str, str], ...] = ()) -> Flow:
    flow = Flow(name="test")
    for node_id, type_name, config in nodes:
        flow.add_node(Node(node_id, type_name, config=config if config is not None
                           else registry.new_node_config(type_name)))
    for source, port, target in edges:
        flow.add_edge(source, port, target)
    return flow


def undo_stack() -> QUndoStack:
    return QUndoStack()

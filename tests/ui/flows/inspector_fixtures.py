"""Small flows for the inspector and panel tests, read in English."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QLocale

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


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """Registry titles and findings in English (the tests read them); a test module using
    these helpers imports this fixture."""
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    yield
    QLocale.setDefault(before)

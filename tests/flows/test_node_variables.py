"""node_variables: what one node reads from templates and writes, from its field declarations."""

from __future__ import annotations

from whatdesk.flows.document import Node
from whatdesk.flows.validation import node_variables


def test_reads_come_from_every_template_and_writes_from_variable_fields() -> None:
    node = Node("h", "http_request", config={
        "url": "https://x.io/{{order}}", "headers": {"Authorization": "Bearer {{token}}"},
        "save": [{"name": "status", "path": "data.status"}], "save_status_as": "code"})
    reads, writes = node_variables(node)
    assert reads == ["order", "token"]
    assert writes == ["status", "code"]


def test_an_unknown_node_type_reads_and_writes_nothing() -> None:
    assert node_variables(Node("x", "teleport", config={"text": "{{a}}"})) == ([], [])

"""diff(old, new): which nodes and edges a new version adds, removes or changes."""

from __future__ import annotations

from pathlib import Path

from whatdesk.flows import Node, load_file
from whatdesk.flows.diff import diff

EXAMPLES = Path(__file__).resolve().parents[2] / "resources" / "flows"


def _pair():  # type: ignore[no-untyped-def]
    path = EXAMPLES / "suporte.wdflow.json"
    return load_file(path), load_file(path)


def test_same_flow_has_an_empty_diff() -> None:
    old, new = _pair()
    result = diff(old, new)
    assert result.is_empty
    assert result.summary() == {"added": 0, "removed": 0, "changed": 0, "edges_added": 0,
                                "edges_removed": 0}


def test_added_removed_and_changed_nodes_are_told_apart() -> None:
    old, new = _pair()
    victim = next(n for n in new.nodes if n.type == "message")
    edited = next(n for n in new.nodes if n.type not in ("start", "message"))
    lost_edges = {(e.source, e.port, e.target) for e in new.edges_of(victim.id)}
    new.remove_node(victim.id)
    new.add_node(Node("extra", "end"))
    new.update_node_config(edited.id, comment="changed")
    result = diff(old, new)
    assert result.added == {"extra"}
    assert result.removed == {victim.id}
    assert result.changed == {edited.id}
    assert result.edges_removed == lost_edges
    assert not result.edges_added
    assert not result.is_empty


def test_a_moved_node_is_not_a_changed_one() -> None:
    old, new = _pair()
    node = new.nodes[1]
    new.move_node(node.id, node.x + 500, node.y)
    result = diff(old, new)
    assert result.moved == {node.id}
    assert not result.changed
    assert result.is_empty


def test_rewired_edge_shows_as_one_removed_and_one_added() -> None:
    old, new = _pair()
    edge = new.edges[0]
    other = next(n.id for n in new.nodes if n.id not in (edge.source, edge.target)
                 and n.type != "start")
    new.add_edge(edge.source, edge.port, other)
    result = diff(old, new)
    assert result.edges_removed == {(edge.source, edge.port, edge.target)}
    assert result.edges_added == {(edge.source, edge.port, other)}
    assert not result.added and not result.removed


def test_renamed_flow_and_new_trigger_are_settings_changes() -> None:
    old, new = _pair()
    new.set_properties(name="Outro", triggers=[{"keyword": "promo", "match": "contains"}])
    assert diff(old, new).settings_changed == ("name", "triggers")

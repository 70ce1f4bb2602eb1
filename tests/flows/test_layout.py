"""Automatic layout: cards never overlap, edges run left to right, Start comes first."""

from __future__ import annotations

from pathlib import Path

import pytest

from whatdesk.flows.document import Flow, load, load_file
from whatdesk.flows.layout import GAP_Y, NODE_WIDTH, layered_layout, node_size

from .conftest import flow_doc

EXAMPLES = sorted((Path(__file__).parents[2] / "resources" / "flows").glob("*.wdflow.json"))


def _boxes(flow: Flow, pos: dict[str, tuple[float, float]]) -> dict[str, tuple[float, ...]]:
    return {nid: (x, y, *node_size(flow.node(nid))) for nid, (x, y) in pos.items()}  # type: ignore[arg-type]


def _assert_no_overlap(flow: Flow, pos: dict[str, tuple[float, float]]) -> None:
    boxes = list(_boxes(flow, pos).items())
    for i, (a, (ax, ay, aw, ah)) in enumerate(boxes):
        for b, (bx, by, bw, bh) in boxes[i + 1:]:
            apart = ax + aw <= bx or bx + bw <= ax or ay + ah <= by or by + bh <= ay
            assert apart, f"{a} overlaps {b}"


def _menu_flow() -> Flow:
    return load(flow_doc([
        {"id": "start", "type": "start"},
        {"id": "menu", "type": "menu", "config": {"options": [
            {"id": "a", "label": "A"}, {"id": "b", "label": "B"}, {"id": "c", "label": "C"}]}},
        {"id": "ca", "type": "message"}, {"id": "cb", "type": "message"},
        {"id": "cc", "type": "message"}, {"id": "bye", "type": "end"},
        {"id": "orphan", "type": "message"}, {"id": "orphan_end", "type": "end"},
    ], [("start", "next", "menu"),
        # listed out of port order on purpose: the layout follows the card's port order
        ("menu", "c", "cc"), ("menu", "a", "ca"), ("menu", "b", "cb"),
        ("ca", "next", "bye"), ("cb", "next", "bye"), ("cc", "next", "bye"),
        ("cb", "next", "bye"), ("orphan", "next", "orphan_end")]))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name.split(".")[0])
def test_shipped_examples_lay_out_left_to_right_without_overlaps(path: Path) -> None:
    flow = load_file(path)
    pos = layered_layout(flow)
    assert set(pos) == {n.id for n in flow.nodes}
    _assert_no_overlap(flow, pos)
    start = pos["start"]
    assert start == (0.0, 0.0)
    assert all(x >= start[0] for x, _ in pos.values())
    # every edge goes right except the loops back (restaurante: cardápio -> menu again)
    backwards = [(e.source, e.target) for e in flow.edges if pos[e.target][0] <= pos[e.source][0]]
    allowed = {("cardapio", "menu")}
    assert set(backwards) <= allowed, backwards


def test_menu_options_fan_out_top_to_bottom_in_port_order() -> None:
    flow = _menu_flow()
    pos = layered_layout(flow)
    _assert_no_overlap(flow, pos)
    assert pos["ca"][1] < pos["cb"][1] < pos["cc"][1]
    assert pos["ca"][0] == pos["cb"][0] == pos["cc"][0] > pos["menu"][0] > pos["start"][0]
    # the fan is centred on the menu, not hanging below it
    centre = sum(pos[n][1] + node_size(flow.node(n))[1] / 2 for n in ("ca", "cb", "cc")) / 3  # type: ignore[arg-type]
    menu_centre = pos["menu"][1] + node_size(flow.node("menu"))[1] / 2  # type: ignore[arg-type]
    assert abs(centre - menu_centre) < 1
    assert pos["cb"][1] - pos["ca"][1] >= node_size(flow.node("ca"))[1] + GAP_Y  # type: ignore[arg-type]


def test_unreachable_nodes_go_below_the_reachable_ones() -> None:
    flow = _menu_flow()
    pos = layered_layout(flow)
    lowest_reachable = max(pos[n][1] for n in ("start", "menu", "ca", "cb", "cc", "bye"))
    assert pos["orphan"][1] > lowest_reachable and pos["orphan_end"][1] > lowest_reachable
    assert pos["orphan_end"][0] > pos["orphan"][0]


def test_cycles_are_laid_out_and_the_back_edge_is_the_only_one_going_left() -> None:
    flow = load(flow_doc([
        {"id": "start", "type": "start"}, {"id": "a", "type": "message"},
        {"id": "b", "type": "message"}, {"id": "c", "type": "message"},
    ], [("start", "next", "a"), ("a", "next", "b"), ("b", "next", "c"), ("c", "next", "a")]))
    pos = layered_layout(flow)
    assert pos["start"][0] < pos["a"][0] < pos["b"][0] < pos["c"][0]
    assert pos["b"][0] - pos["a"][0] >= NODE_WIDTH
    _assert_no_overlap(flow, pos)


def test_a_self_loop_and_a_flow_without_start_still_lay_out() -> None:
    flow = load(flow_doc([{"id": "a", "type": "message"}, {"id": "b", "type": "end"}],
                         [("a", "next", "a"), ("a", "other", "b")]))
    pos = layered_layout(flow)
    assert pos["a"][0] < pos["b"][0]


def test_same_document_gives_the_same_positions() -> None:
    first = layered_layout(load_file(EXAMPLES[0]))
    second = layered_layout(load_file(EXAMPLES[0]))
    assert first == second


def test_empty_flow_gives_no_positions_and_notes_are_not_moved() -> None:
    assert layered_layout(Flow()) == {}
    flow = load({"nodes": [{"id": "s", "type": "start"}],
                 "notes": [{"id": "n", "x": 500, "y": 700, "text": "lembrete"}]})
    assert layered_layout(flow) == {"s": (0.0, 0.0)}
    note = flow.note("n")
    assert note is not None and (note.x, note.y) == (500, 700)


def test_many_cards_in_one_column_do_not_overlap() -> None:
    nodes = [{"id": "start", "type": "start"}, {"id": "menu", "type": "menu", "config": {
        "options": [{"id": f"o{i}", "label": str(i)} for i in range(12)]}}]
    edges = [("start", "next", "menu")]
    for i in range(12):
        nodes.append({"id": f"m{i}", "type": "message"})
        edges.append(("menu", f"o{i}", f"m{i}"))
        edges.append((f"m{i}", "next", f"m{(i + 5) % 12}"))  # criss-crossing between siblings
    flow = load(flow_doc(nodes, edges))
    pos = layered_layout(flow)
    _assert_no_overlap(flow, pos)
    assert node_size(flow.node("menu"))[1] > node_size(flow.node("start"))[1]  # type: ignore[arg-type]


def test_start_stays_leftmost_even_when_an_edge_points_back_into_it() -> None:
    flow = load(flow_doc([
        {"id": "start", "type": "start"}, {"id": "a", "type": "message"},
        {"id": "stray", "type": "message"},
    ], [("start", "next", "a"), ("stray", "next", "start")]))
    pos = layered_layout(flow)
    assert pos["start"] == (0.0, 0.0)
    assert all(x >= 0 for x, _ in pos.values())
    _assert_no_overlap(flow, pos)


def test_notes_follow_their_card_and_frames_refit_around_theirs() -> None:
    from whatdesk.flows.layout import notes_after_layout

    flow = load({"format": "whatdesk.flow", "schema": 1, "id": "n", "name": "Notas",
                 "nodes": [{"id": "start", "type": "start", "x": 900, "y": 900},
                           {"id": "hello", "type": "message", "x": 500, "y": 40,
                            "config": {"text": "Oi"}}],
                 "edges": [{"from": "start", "port": "next", "to": "hello"}],
                 "notes": [
                     # a comment just under "hello"
                     {"id": "c", "x": 500, "y": 150, "w": 200, "h": 60, "text": "saudação"},
                     # far from every card: stays
                     {"id": "far", "x": 3000, "y": 3000, "w": 100, "h": 50, "text": "?"},
                     # a frame around both cards
                     {"id": "g", "x": 400, "y": 0, "w": 800, "h": 1100, "text": "Boas-vindas",
                      "kind": "group"}]})
    positions = layered_layout(flow)
    moved = notes_after_layout(flow, positions)
    hx, hy = positions["hello"]
    assert moved["c"] == (hx, hy + 110, 200, 60)  # same offset from its card as before
    assert "far" not in moved
    gx, gy, gw, gh = moved["g"]
    for node_id in ("start", "hello"):
        x, y = positions[node_id]
        w, h = node_size(flow.node(node_id))
        assert gx < x and gy < y and x + w < gx + gw and y + h < gy + gh

"""The editor's incremental validation (validation.Validator, which keeps each node's own
checks between runs) reports exactly what a full validation reports, after any series of
edits: configs replaced or changed in place, nodes added, removed and re-added with another
type, edges added and removed, variables declared."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from whatdesk.flows import validation
from whatdesk.flows.document import Flow, Node, load

settings.register_profile("flows-incremental", max_examples=60, deadline=None)

# configs a designer may leave a node in, good and bad
CONFIGS: list[tuple[str, dict[str, Any]]] = [
    ("start", {}),
    ("end", {}),
    ("message", {"text": "Olá {{nome}}!"}),
    ("message", {"text": "Olá {{desconhecida}} e {{nome"}),
    ("message", {"text": ""}),
    ("question", {"text": "Seu nome?", "save_as": "nome", "validate": "text"}),
    ("question", {"text": "E-mail?", "save_as": "email", "validate": "email"}),
    ("question", {"text": "?", "save_as": "1 inválido", "validate": "nada"}),
    ("menu", {"text": "Escolha", "options": [{"id": "a", "label": "A", "keywords": []},
                                             {"id": "b", "label": "B", "keywords": []}]}),
    ("menu", {"text": "Escolha", "options": [{"id": "a", "label": "A", "keywords": []},
                                             {"id": "b", "label": "B", "keywords": []}],
              "timeout_s": 120}),  # the same exits; only whether "timeout" can be taken
    ("menu", {"text": "Escolha", "options": [{"id": "a", "label": "", "keywords": [3]}],
              "timeout_s": 60}),
    ("condition", {"mode": "all", "rules": [{"left": "{{email}}", "op": "matches",
                                             "right": "(unclosed"}]}),
    ("condition", {"mode": "any", "rules": [{"left": "{{nome}}", "op": "is_not_empty",
                                             "right": ""}]}),
    ("set_variable", {"assignments": [{"name": "pedido", "value": "{{last_input}}"}]}),
    ("delay", {"seconds": -5}),
    ("delay", {"seconds": 30}),
    ("tag", {"add": ["lead"], "remove": []}),
    ("http_request", {"method": "GET", "url": "https://example.com/{{pedido}}"}),
    ("no_such_type", {"x": 1}),
]
PORTS = ["next", "a", "b", "true", "false", "invalid", "timeout", "success", "error", "ghost"]
IDS = [f"n{i}" for i in range(8)]

edit = st.one_of(
    st.tuples(st.just("config"), st.sampled_from(IDS), st.integers(0, len(CONFIGS) - 1)),
    st.tuples(st.just("in_place"), st.sampled_from(IDS), st.text(max_size=12)),
    st.tuples(st.just("remove"), st.sampled_from(IDS), st.just(0)),
    st.tuples(st.just("add"), st.sampled_from(IDS), st.integers(0, len(CONFIGS) - 1)),
    st.tuples(st.just("edge"), st.sampled_from(IDS), st.tuples(st.sampled_from(PORTS),
                                                               st.sampled_from(IDS))),
    st.tuples(st.just("unlink"), st.sampled_from(IDS), st.just(0)),
    st.tuples(st.just("declare"), st.sampled_from(["nome", "pedido", "desconhecida"]),
              st.just(0)),
)


def _flow() -> Flow:
    nodes = [{"id": "start", "type": "start", "config": {}}]
    nodes += [{"id": node_id, "type": CONFIGS[2 + i % 14][0], "config": CONFIGS[2 + i % 14][1]}
              for i, node_id in enumerate(IDS)]
    edges = [{"from": "start", "port": "next", "to": "n0"},
             {"from": "n0", "port": "next", "to": "n1"}]
    return load({"format": "whatdesk.flow", "schema": 1, "id": "f", "name": "F",
                 "variables": {}, "nodes": nodes, "edges": edges, "notes": []})


def _apply(flow: Flow, kind: str, node_id: str, arg: Any) -> None:
    node = flow.node(node_id)
    if kind == "config" and node is not None:
        flow.set_node_config(node_id, CONFIGS[arg][1])
    elif kind == "in_place" and node is not None:
        node.config["text"] = arg  # a config changed without a signal is still noticed
    elif kind == "remove" and node is not None:
        flow.remove_node(node_id)
    elif kind == "add" and node is None:
        type_name, config = CONFIGS[arg]
        flow.add_node(Node(node_id, type_name, 0.0, 0.0, dict(config)))
    elif kind == "edge" and node is not None and flow.node(arg[1]) is not None:
        flow.add_edge(node_id, arg[0], arg[1])
    elif kind == "unlink" and node is not None:
        for edge in list(flow.edges_of(node_id))[:1]:
            flow.remove_edge(edge)
    elif kind == "declare":
        flow.variables[node_id] = ""


@settings(settings.get_profile("flows-incremental"))
@given(st.lists(edit, max_size=25))
def test_incremental_validation_reports_what_a_full_validation_reports(
        edits: list[tuple[str, str, Any]]) -> None:
    flow = _flow()
    validator = validation.Validator()
    assert validator.validate(flow) == validation.validate(flow)
    for kind, node_id, arg in edits:
        _apply(flow, kind, node_id, arg)
        full = validation.validate(flow)
        kept = validator.validate(flow)
        assert kept.errors == full.errors
        assert kept.warnings == full.warnings


def test_only_the_edited_node_is_checked_again() -> None:
    flow = _flow()
    validator = validation.Validator()
    before = validator.validate(flow)
    assert validator.rechecked == len(flow.nodes)
    flow.set_node_config("n0", {"text": "Olá {{ninguem}}"})
    after = validator.validate(flow)
    assert validator.rechecked == 1
    assert ("n0", "unknown_variable") in {(f.node, f.code) for f in after.warnings}
    assert ("n0", "unknown_variable") not in {(f.node, f.code) for f in before.warnings}
    assert after == validation.validate(flow)


def test_node_variables_follow_a_changed_config() -> None:
    node = Node("m", "message", config={"text": "Olá {{nome}}"})
    assert validation.node_variables(node) == (["nome"], [])
    node.config["text"] = "Seu pedido {{pedido}}"  # changed in place, not replaced
    assert validation.node_variables(node) == (["pedido"], [])
    reads, _writes = validation.node_variables(node)
    reads.append("x")  # a caller's list is its own
    assert validation.node_variables(node) == (["pedido"], [])


def test_a_timeout_set_on_a_menu_is_noticed_by_the_kept_graph_checks() -> None:
    flow = _flow()
    assert flow.node("n6").type == CONFIGS[8][0] == "menu"
    flow.set_node_config("n6", CONFIGS[8][1])  # no timeout: that exit can never be taken
    validator = validation.Validator()
    assert validator.validate(flow) == validation.validate(flow)
    flow.set_node_config("n6", CONFIGS[9][1])  # the same exits, with a timeout
    after = validator.validate(flow)
    assert ("n6", "port_unconnected") in {(f.node, f.code) for f in after.warnings}
    assert len(after.warnings) == len(validation.validate(flow).warnings)
    assert after == validation.validate(flow)

"""`whatdesk flow validate`: every error and warning code, exit codes and JSON shape."""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import FlowCli, chain, flow_doc

START = {"id": "start", "type": "start"}
END = {"id": "end", "type": "end"}


def _codes(cli: FlowCli, doc: dict[str, Any]) -> tuple[int, set[tuple[str | None, str]],
                                                       set[tuple[str | None, str]]]:
    rc, report = cli.validate(doc)
    assert set(report) == {"errors", "warnings"}
    for finding in report["errors"] + report["warnings"]:
        assert set(finding) == {"node", "code", "message"} and finding["message"]
    return (rc, {(f["node"], f["code"]) for f in report["errors"]},
            {(f["node"], f["code"]) for f in report["warnings"]})


def test_clean_flow_exits_0_with_no_findings(cli: FlowCli) -> None:
    rc, errors, warnings = _codes(cli, chain({"id": "m", "type": "message",
                                              "config": {"text": "oi"}}, END))
    assert (rc, errors, warnings) == (0, set(), set())


def _node(type_: str, config: dict[str, Any], node_id: str = "n") -> dict[str, Any]:
    return {"id": node_id, "type": type_, "config": config}


ERROR_CASES: list[tuple[str, dict[str, Any], tuple[str | None, str]]] = [
    ("no start", flow_doc([END]), (None, "start_missing")),
    ("two starts", flow_doc([START, {"id": "s2", "type": "start"}], [("start", "next", "s2")]),
     ("s2", "start_multiple")),
    ("edge to missing node", flow_doc([START], [("start", "next", "ghost")]),
     ("start", "edge_missing_node")),
    ("edge from missing node", flow_doc([START, END], [("start", "next", "end"),
                                                       ("ghost", "next", "end")]),
     (None, "edge_missing_node")),
    ("edge from missing port", flow_doc([START, END], [("start", "nope", "end")]),
     ("start", "edge_missing_port")),
    ("two edges on one port", flow_doc([START, END, {"id": "e2", "type": "end"}],
                                       [("start", "next", "end"), ("start", "next", "e2")]),
     ("start", "port_multiple_edges")),
    ("question without save_as", chain(_node("question", {"text": "Nome?"})),
     ("n", "question_no_save_as")),
    ("invalid regex in question", chain(_node("question", {"text": "?", "save_as": "x",
                                                           "validate": "regex", "pattern": "([a-"})),
     ("n", "invalid_regex")),
    ("regex validation with no pattern", chain(_node("question", {"save_as": "x",
                                                                  "validate": "regex"})),
     ("n", "invalid_regex")),
    ("lookahead the regex engine does not run", chain(_node("question", {
        "save_as": "x", "validate": "regex", "pattern": "^(?=.*[0-9]).+$"})),
     ("n", "regex_unsupported")),
    ("backreference in a condition", chain(_node("condition", {"rules": [
        {"left": "{{last_input}}", "op": "matches", "right": "(a)\\1"}]})),
     ("n", "regex_unsupported")),
    ("invalid regex in condition", chain(_node("condition", {"rules": [
        {"left": "x", "op": "matches", "right": "[z"}]})), ("n", "invalid_regex")),
    ("menu with no options", chain(_node("menu", {"text": "?", "options": []})),
     ("n", "menu_no_options")),
    ("menu duplicate ids", chain(_node("menu", {"options": [{"id": "a", "label": "A"},
                                                            {"id": "a", "label": "B"}]})),
     ("n", "menu_duplicate_option")),
    ("menu option id clashing with a port", chain(_node("menu", {"options": [
        {"id": "invalid", "label": "A"}]})), ("n", "menu_reserved_option")),
    ("randomizer zero weight", chain(_node("randomizer", {"branches": [
        {"id": "a", "weight": 0}, {"id": "b", "weight": 1}]})), ("n", "randomizer_bad_weight")),
    ("randomizer negative weight", chain(_node("randomizer", {"branches": [
        {"id": "a", "weight": -2}]})), ("n", "randomizer_bad_weight")),
    ("randomizer without branches", chain(_node("randomizer", {"branches": []})),
     ("n", "randomizer_no_branches")),
    ("randomizer duplicate branch", chain(_node("randomizer", {"branches": [
        {"id": "a", "weight": 1}, {"id": "a", "weight": 1}]})), ("n", "randomizer_duplicate_branch")),
    ("unknown node type", chain(_node("teleport", {})), ("n", "unknown_node_type")),
    ("cycle with no waiting node", flow_doc(
        [START, _node("set_variable", {"assignments": [{"name": "a", "value": "1"}]}, "a"),
         _node("message", {"text": "b"}, "b")],
        [("start", "next", "a"), ("a", "next", "b"), ("b", "next", "a")]),
     ("a", "cycle_without_wait")),
    ("self loop", flow_doc([START, _node("message", {"text": "x"}, "a")],
                           [("start", "next", "a"), ("a", "next", "a")]),
     ("a", "cycle_without_wait")),
    ("wrong config type", chain(_node("delay", {"seconds": "muito"})), ("n", "invalid_config")),
    ("number out of range", chain(_node("delay", {"seconds": -5})), ("n", "invalid_config")),
    ("bad choice", chain(_node("menu", {"style": "carousel",
                                        "options": [{"id": "a", "label": "A"}]})),
     ("n", "invalid_config")),
    ("bad variable name", chain(_node("question", {"save_as": "meu nome"})),
     ("n", "invalid_variable_name")),
    ("unknown timezone", chain(_node("business_hours", {"timezone": "Mars/Olympus"})),
     ("n", "invalid_timezone")),
    ("bad holiday", chain(_node("business_hours", {"holidays": ["25/12/2025"]})),
     ("n", "invalid_date")),
    ("bad hours table", chain(_node("business_hours", {"hours": {"mon": [["9h", "18h"]]}})),
     ("n", "invalid_hours")),
    ("url without scheme", chain(_node("http_request", {"url": "exemplo.com/api"})),
     ("n", "invalid_url")),
    ("http without url", chain(_node("http_request", {"url": ""})), ("n", "http_no_url")),
    ("go_to_flow without target", chain(_node("go_to_flow", {"flow": ""})),
     ("n", "go_to_flow_no_flow")),
    ("option without id", chain(_node("menu", {"options": [{"label": "A"}]})),
     ("n", "missing_required")),
    ("media without file", chain(_node("message", {"media": {"kind": "image", "path": ""}})),
     ("n", "media_no_file")),
    ("location out of range", chain(_node("message", {"location": {"latitude": 123,
                                                                    "longitude": 0}})),
     ("n", "invalid_location")),
    ("min above max", chain(_node("question", {"save_as": "x", "validate": "number",
                                               "min": 10, "max": 1})), ("n", "invalid_range")),
]


@pytest.mark.parametrize(("doc", "expected"), [(c[1], c[2]) for c in ERROR_CASES],
                         ids=[c[0] for c in ERROR_CASES])
def test_error_is_reported_with_node_and_code_and_exit_1(cli: FlowCli, doc: dict[str, Any],
                                                         expected: tuple[str | None, str]) -> None:
    rc, errors, _ = _codes(cli, doc)
    assert rc == 1
    assert expected in errors


WARNING_CASES: list[tuple[str, dict[str, Any], tuple[str | None, str]]] = [
    ("unreachable node", flow_doc([START, END, {"id": "orphan", "type": "end"}],
                                  [("start", "next", "end")]), ("orphan", "unreachable")),
    ("unconnected port", chain(_node("message", {"text": "oi"})), ("n", "port_unconnected")),
    ("unknown variable", chain(_node("message", {"text": "oi {{apelido}}"}), END),
     ("n", "unknown_variable")),
    ("unbalanced braces", chain(_node("message", {"text": "oi {{nome"}), END),
     ("n", "template_unbalanced")),
    ("malformed placeholder", chain(_node("message", {"text": "oi {{ }}"}), END),
     ("n", "template_invalid")),
    ("too many buttons", chain(_node("menu", {"style": "buttons", "options": [
        {"id": str(i), "label": f"Op {i}"} for i in range(4)]})), ("n", "buttons_too_many")),
    ("long button label", chain(_node("menu", {"style": "buttons", "options": [
        {"id": "a", "label": "Um rótulo bem comprido demais"}]})), ("n", "button_label_too_long")),
    ("too many list rows", chain(_node("menu", {"style": "list", "options": [
        {"id": str(i), "label": f"Op {i}"} for i in range(11)]})), ("n", "list_too_many")),
    ("long list label", chain(_node("menu", {"style": "list", "options": [
        {"id": "a", "label": "Um rótulo de lista longo demais"}]})), ("n", "list_label_too_long")),
    ("empty message", chain(_node("message", {"text": "  "}), END), ("n", "empty_message")),
    ("two attachments", chain(_node("message", {
        "media": {"path": "a.jpg", "kind": "image"},
        "location": {"latitude": 1, "longitude": 2}}), END), ("n", "message_multiple_attachments")),
    ("tag with nothing", chain(_node("tag", {"add": [], "remove": []}), END), ("n", "tag_empty")),
    ("condition without rules", chain(_node("condition", {"rules": []})),
     ("n", "condition_no_rules")),
]


@pytest.mark.parametrize(("doc", "expected"), [(c[1], c[2]) for c in WARNING_CASES],
                         ids=[c[0] for c in WARNING_CASES])
def test_warning_is_reported_and_exit_stays_0(cli: FlowCli, doc: dict[str, Any],
                                              expected: tuple[str | None, str]) -> None:
    rc, errors, warnings = _codes(cli, doc)
    assert expected in warnings
    assert rc == 0 and not errors


def test_known_variables_builtins_and_saved_answers_raise_no_warning(cli: FlowCli) -> None:
    doc = chain(
        _node("question", {"text": "Nome?", "save_as": "nome"}, "q"),
        _node("http_request", {"url": "https://x.com/{{nome}}", "save_status_as": "st",
                               "save": [{"name": "cliente_id", "path": "id"}]}, "h")
        | {"_port": "ok"},
        _node("message", {"text": "{{contact.name}} {{contact.first_name}} {{contact.number}} "
                                 "{{ticket.id}} {{connection.name}} {{queue.name}} {{now.date}} "
                                 "{{now.time}} {{greeting}} {{last_input}} {{nome}} {{st}} "
                                 "{{cliente_id}} {{http_error}} {{declarada}}"}, "m"),
        END, variables={"declarada": ""})
    doc["edges"] += [{"from": "q", "port": "invalid", "to": "end"},
                     {"from": "h", "port": "error", "to": "end"}]
    rc, errors, warnings = _codes(cli, doc)
    assert (rc, errors, warnings) == (0, set(), set())


def test_cycle_through_a_menu_is_allowed(cli: FlowCli) -> None:
    doc = flow_doc([START, _node("menu", {"options": [{"id": "a", "label": "A"}]}, "menu"),
                    _node("message", {"text": "x"}, "m")],
                   [("start", "next", "menu"), ("menu", "a", "m"), ("m", "next", "menu"),
                    ("menu", "invalid", "menu")])
    rc, errors, _ = _codes(cli, doc)
    assert rc == 0 and not errors


def test_text_output_lists_findings_and_summary(cli: FlowCli) -> None:
    path = cli.write(chain(_node("question", {"text": "?"})))
    rc, out, _ = cli.call("validate", str(path))
    assert rc == 1
    assert "question_no_save_as" in out and "[n]" in out
    assert out.strip().splitlines()[-1].startswith(f"{path}: 1 erro(s)")


def test_run_refuses_a_flow_with_errors(cli: FlowCli) -> None:
    path = cli.write(chain(_node("question", {"text": "?"})))
    rc, out, err = cli.call("run", str(path), "--input", "oi")
    assert rc == 1 and "question_no_save_as" in err

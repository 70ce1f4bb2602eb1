"""The flow document: lossless load/save, migrations, change signals, hostile files."""

from __future__ import annotations

import json
from typing import Any

import pytest

from whatdesk.flows import document
from whatdesk.flows.document import Edge, Flow, FlowFormatError, Node, Note, dumps, load, to_dict

from .conftest import FlowCli, chain

RICH = {
    "format": "whatdesk.flow", "schema": 1, "id": "abc", "name": "Atendimento",
    "description": "desc", "variables": {"nome": "", "idade": "3"},
    "triggers": [{"keyword": "promo", "match": "contains"}],
    "nodes": [
        {"id": "start", "type": "start", "x": 0, "y": 0, "config": {}, "color": "#fff"},
        {"id": "m", "type": "message", "x": 240.5, "y": -10, "config":
            {"text": "Olá {{nome}}", "future_option": {"a": [1, 2]}}},
    ],
    "edges": [{"from": "start", "port": "next", "to": "m", "label": "primeiro"}],
    "notes": [{"id": "n1", "x": 0, "y": 200, "w": 220, "h": 90, "text": "Nota", "pinned": True}],
    "editor": {"zoom": 1.5}, "x-vendor": [1, 2, 3],
}


def test_load_then_save_keeps_unknown_keys_everywhere() -> None:
    saved = to_dict(load(json.dumps(RICH)))
    assert saved == RICH
    assert to_dict(load(dumps(load(RICH)))) == RICH


def test_defaults_for_optional_top_level_keys() -> None:
    flow = load({"nodes": [{"id": "s", "type": "start"}]})
    assert flow.id and flow.name == "" and flow.variables == {} and flow.edges == []
    assert to_dict(flow)["format"] == "whatdesk.flow" and to_dict(flow)["schema"] == 1


def test_migration_hook_upgrades_an_old_schema(monkeypatch: pytest.MonkeyPatch) -> None:
    def zero_to_one(doc: dict[str, Any]) -> dict[str, Any]:
        # a pretend schema 0 that called edges "links" with "source"/"target"
        doc["edges"] = [{"from": l["source"], "port": l["output"], "to": l["target"]}
                        for l in doc.pop("links")]
        return doc

    monkeypatch.setitem(document.MIGRATIONS, 0, zero_to_one)
    old = {"format": "whatdesk.flow", "schema": 0, "id": "x", "name": "Velho",
           "nodes": [{"id": "s", "type": "start"}, {"id": "e", "type": "end"}],
           "links": [{"source": "s", "output": "next", "target": "e"}]}
    flow = load(old)
    assert flow.edges == [Edge("s", "next", "e")]
    assert to_dict(flow)["schema"] == 1 and "links" not in to_dict(flow)
    assert old["links"]  # the caller's dict is not modified


def test_newer_or_unsupported_schema_is_refused_clearly() -> None:
    with pytest.raises(FlowFormatError, match="mais novo"):
        load({"schema": 99, "nodes": []})
    with pytest.raises(FlowFormatError, match="não é mais suportado"):
        load({"schema": -1, "nodes": []})


def test_signals_fire_for_every_change() -> None:
    flow = Flow("f", "Teste")
    seen: list[tuple[str, Any]] = []
    for name in ("node_added", "node_removed", "node_moved", "node_config_changed", "edge_added",
                 "edge_removed", "note_added", "note_removed", "note_changed"):
        getattr(flow, name).connect(lambda obj, name=name: seen.append((name, obj)))
    changes: list[int] = []
    flow.flow_changed.connect(lambda: changes.append(1))
    start = flow.add_node(Node("s", "start"))
    msg = flow.add_node(Node("m", "message", config={"text": "oi"}))
    edge = flow.add_edge("s", "next", "m")
    flow.move_node("m", 10, 20)
    flow.update_node_config("m", text="olá")
    note = flow.add_note(Note("n", text="x"))
    flow.update_note("n", text="y")
    flow.remove_note("n")
    replacement = flow.add_edge("s", "next", "s")  # one edge per port: the old one goes
    flow.remove_node("m")
    names = [n for n, _ in seen]
    assert names == ["node_added", "node_added", "edge_added", "node_moved", "node_config_changed",
                     "note_added", "note_changed", "note_removed", "edge_removed", "edge_added",
                     "node_removed"]
    assert seen[2][1] == edge and seen[8][1] == edge and seen[9][1] == replacement
    assert (msg.x, msg.y, msg.config) == (10.0, 20.0, {"text": "olá"})
    assert flow.nodes == [start] and note.text == "y"
    assert len(changes) == len(seen)
    with pytest.raises(ValueError):
        flow.add_node(Node("s", "end"))  # ids are stable and unique


def test_removing_a_node_removes_its_edges() -> None:
    flow = load(chain({"id": "a", "type": "message", "config": {"text": "x"}},
                      {"id": "b", "type": "end"}))
    flow.remove_node("a")
    assert flow.edges == []


HOSTILE: list[tuple[str, bytes]] = [
    ("empty file", b""),
    ("not json", b"hello"),
    ("json array", b"[1, 2]"),
    ("json string", b'"flow"'),
    ("invalid utf-8", b'{"nodes": [], "name": "\xff\xfe"}'),
    ("deep nesting", b"[" * 100_000 + b"]" * 100_000),
    ("deep config nesting", json.dumps({"nodes": [{"id": "a", "type": "start", "config":
                                        json.loads("{\"a\":" * 50 + "1" + "}" * 50)}]}).encode()),
    ("10 MB string", b'{"nodes": [], "name": "' + b"a" * 10_000_000 + b'"}'),
    ("5 MB string", b'{"nodes": [{"id": "m", "type": "message", "config": {"text": "'
     + b"a" * 5_000_000 + b'"}}]}'),
    ("nodes not a list", b'{"nodes": {"a": 1}}'),
    ("node not an object", b'{"nodes": [42]}'),
    ("node without id", b'{"nodes": [{"type": "start"}]}'),
    ("node id not a string", b'{"nodes": [{"id": 5, "type": "start"}]}'),
    ("empty node id", b'{"nodes": [{"id": " ", "type": "start"}]}'),
    ("duplicate node id", b'{"nodes": [{"id": "a", "type": "start"}, {"id": "a", "type": "end"}]}'),
    ("x is text", b'{"nodes": [{"id": "a", "type": "start", "x": "left"}]}'),
    ("x is bool", b'{"nodes": [{"id": "a", "type": "start", "x": true}]}'),
    ("config is a list", b'{"nodes": [{"id": "a", "type": "start", "config": []}]}'),
    ("edge without to", b'{"nodes": [], "edges": [{"from": "a", "port": "next"}]}'),
    ("variables not an object", b'{"nodes": [], "variables": []}'),
    ("bad trigger", b'{"nodes": [], "triggers": [{"keyword": "x", "match": "regex"}]}'),
    ("other format", b'{"format": "n8n", "nodes": []}'),
    ("NaN coordinate", b'{"nodes": [{"id": "a", "type": "start", "x": NaN}]}'),
    ("huge integer", b'{"nodes": [], "schema": 1' + b"0" * 5000 + b"}"),
    ("missing nodes", b'{"name": "x"}'),
]


@pytest.mark.parametrize("data", [h[1] for h in HOSTILE], ids=[h[0] for h in HOSTILE])
def test_hostile_file_gives_exit_2_and_one_line_reason(cli: FlowCli, data: bytes) -> None:
    path = cli.write(data)
    for command in (["validate", str(path)], ["validate", str(path), "--json"],
                    ["run", str(path), "--input", "oi", "--json"]):
        rc, out, err = cli.call(*command)
        assert rc == 2
        assert out == ""
        assert err.startswith("whatdesk flow: ") and err.count("\n") == 1
        assert "Traceback" not in err and len(err) < 300


def test_missing_file_and_directory_give_exit_2(cli: FlowCli) -> None:
    rc, _, err = cli.call("validate", str(cli.tmp_path / "nope.json"))
    assert rc == 2 and "não encontrado" in err
    rc, _, err = cli.call("validate", str(cli.tmp_path))
    assert rc == 2 and err.count("\n") == 1


def test_bad_script_and_arguments_give_exit_2(cli: FlowCli) -> None:
    flow = cli.write(chain({"id": "m", "type": "message", "config": {"text": "x"}}))
    script = cli.tmp_path / "s.jsonl"
    for line in ('{"text": "oi"}\nnot json', '{"wait": -1}', '{"fly": 1}', '[1]',
                 '{"location": [1]}', '{"media": "hologram"}'):
        script.write_text(line)
        rc, out, err = cli.call("run", str(flow), "--script", str(script), "--json")
        assert rc == 2 and out == "" and err.count("\n") == 1, line
    rc, _, err = cli.call("run", str(flow), "--var", "semigual")
    assert rc == 2 and "NOME=VALOR" in err
    rc, _, err = cli.call("run", str(flow), "--contact-number", "abc")
    assert rc == 2
    rc, _, err = cli.call("frobnicate")
    assert rc == 2 and err.startswith("whatdesk flow: ")


def test_load_file_error_is_a_flowformaterror_with_one_line(tmp_path: Any) -> None:
    path = tmp_path / "x.json"
    path.write_bytes(b"\x00\x01garbage")
    with pytest.raises(FlowFormatError) as info:
        document.load_file(path)
    assert "\n" not in str(info.value)


def test_save_file_round_trips(tmp_path: Any) -> None:
    flow = load(RICH)
    document.save_file(flow, tmp_path / "out.wdflow.json")
    assert to_dict(document.load_file(tmp_path / "out.wdflow.json")) == RICH
    assert not list(tmp_path.glob("*.tmp"))

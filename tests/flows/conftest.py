"""Helpers for flow tests: build flow documents in a few lines and run the real `flow` CLI."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from whatdesk.cli.flow import main


def flow_doc(nodes: list[dict[str, Any]], edges: list[tuple[str, str, str]] | None = None,
             **top: Any) -> dict[str, Any]:
    """Nodes as {"id", "type", "config"}; edges as (from, port, to). Adds a start when absent."""
    full = []
    for index, node in enumerate(nodes):
        full.append({"x": index * 240, "y": 0, "config": {}, **node})
    return {"format": "whatdesk.flow", "schema": 1, "id": top.pop("id", "f1"),
            "name": top.pop("name", "Teste"), "nodes": full,
            "edges": [{"from": a, "port": p, "to": b} for a, p, b in edges or []], **top}


def chain(*nodes: dict[str, Any], **top: Any) -> dict[str, Any]:
    """start -> nodes[0] -> nodes[1] ... through each node's first listed port (default next)."""
    all_nodes = [{"id": "start", "type": "start"}, *nodes]
    edges = []
    for a, b in zip(all_nodes, all_nodes[1:], strict=False):
        edges.append((a["id"], a.pop("_port", "next"), b["id"]))
    return flow_doc(all_nodes, edges, **top)


class FlowCli:
    def __init__(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        self.tmp_path = tmp_path
        self.capsys = capsys
        self.count = 0

    def write(self, doc: dict[str, Any] | str | bytes, name: str | None = None) -> Path:
        self.count += 1
        path = self.tmp_path / (name or f"flow{self.count}.wdflow.json")
        if isinstance(doc, dict):
            path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
        elif isinstance(doc, str):
            path.write_text(doc, encoding="utf-8")
        else:
            path.write_bytes(doc)
        return path

    def call(self, *argv: str) -> tuple[int, str, str]:
        self.capsys.readouterr()
        rc = main(list(argv))
        out = self.capsys.readouterr()
        return rc, out.out, out.err

    def validate(self, doc: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        rc, out, err = self.call("validate", str(self.write(doc)), "--json")
        assert rc in (0, 1), err
        return rc, json.loads(out)

    def run(self, doc: dict[str, Any] | Path, *inputs: str, script: list[dict[str, Any]] | None = None,
            args: tuple[str, ...] = ()) -> dict[str, Any]:
        path = doc if isinstance(doc, Path) else self.write(doc)
        argv = ["run", str(path), "--json", *args]
        for text in inputs:
            argv += ["--input", text]
        if script is not None:
            self.count += 1
            script_path = self.tmp_path / f"script{self.count}.jsonl"
            script_path.write_text("\n".join(json.dumps(s) for s in script), encoding="utf-8")
            argv += ["--script", str(script_path)]
        rc, out, err = self.call(*argv)
        result = json.loads(out)
        assert rc == (1 if result["state"] == "error" else 0), err
        return result


@pytest.fixture(autouse=True)
def portuguese_cli(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests read the Portuguese texts; the CLI now follows the locale (LANG=C is en)."""
    monkeypatch.setenv("WHATDESK_LANG", "pt_BR")


@pytest.fixture
def cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> FlowCli:
    return FlowCli(tmp_path, capsys)


def bot_texts(result: dict[str, Any]) -> list[str]:
    return [t["text"] for t in result["transcript"] if t["from"] == "bot"]


def event_types(result: dict[str, Any]) -> list[str]:
    return [e["type"] for e in result["events"]]


Builder = Callable[..., dict[str, Any]]

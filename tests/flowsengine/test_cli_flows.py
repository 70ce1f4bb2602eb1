"""`whatdesk flow list|import|export|publish` against the app's database."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from whatdesk.cli import main

EXAMPLES = Path(__file__).parents[2] / "resources" / "flows"


@pytest.fixture(autouse=True)
def portuguese_cli(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests read the Portuguese texts; the CLI now follows the locale (LANG=C is en)."""
    monkeypatch.setenv("WHATDESK_LANG", "pt_BR")


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_import_list_publish_export_round_trip(tmp_path, capsys):
    data = str(tmp_path / "data")
    code, out, _ = run(capsys, "flow", "import", str(EXAMPLES / "suporte.wdflow.json"),
                       "--data-dir", data)
    assert code == 0 and "Suporte - triagem" in out

    code, out, _ = run(capsys, "flow", "list", "--json", "--data-dir", data)
    [row] = json.loads(out)
    assert (row["name"], row["published_version"]) == ("Suporte - triagem", None)

    code, out, _ = run(capsys, "--data-dir", data, "flow", "publish", "suporte - triagem")
    assert code == 0 and "v1" in out
    code, out, _ = run(capsys, "flow", "list", "--data-dir", data)
    assert "v1" in out and row["id"] in out

    target = tmp_path / "out.wdflow.json"
    code, _, _ = run(capsys, "flow", "export", row["id"], str(target), "--published",
                     "--data-dir", data)
    assert code == 0
    exported = json.loads(target.read_text(encoding="utf-8"))
    original = json.loads((EXAMPLES / "suporte.wdflow.json").read_text(encoding="utf-8"))
    assert exported["id"] == original["id"] and exported["nodes"] == original["nodes"]


def test_importing_the_same_file_twice_gives_a_new_id_and_name(tmp_path, capsys):
    data = str(tmp_path / "data")
    for _ in range(2):
        assert run(capsys, "flow", "import", str(EXAMPLES / "lead.wdflow.json"),
                   "--data-dir", data)[0] == 0
    code, out, _ = run(capsys, "flow", "list", "--json", "--data-dir", data)
    rows = json.loads(out)
    assert len({r["id"] for r in rows}) == 2 and len({r["name"] for r in rows}) == 2


def test_publish_with_validation_errors_is_refused_with_exit_1(tmp_path, capsys):
    data = str(tmp_path / "data")
    broken = tmp_path / "broken.wdflow.json"
    broken.write_text(json.dumps({
        "format": "whatdesk.flow", "schema": 1, "name": "Quebrado",
        "nodes": [{"id": "start", "type": "start", "x": 0, "y": 0, "config": {}},
                  {"id": "q", "type": "question", "x": 1, "y": 0, "config": {"text": "?"}}],
        "edges": [{"from": "start", "port": "next", "to": "q"}]}), encoding="utf-8")
    assert run(capsys, "flow", "import", str(broken), "--data-dir", data)[0] == 0
    code, _, err = run(capsys, "flow", "publish", "Quebrado", "--data-dir", data)
    assert code == 1
    assert "[q]" in err and "não foi publicado" in err


def test_bad_input_and_unknown_flows_exit_2(tmp_path, capsys):
    data = str(tmp_path / "data")
    junk = tmp_path / "junk.json"
    junk.write_text("{not json", encoding="utf-8")
    code, _, err = run(capsys, "flow", "import", str(junk), "--data-dir", data)
    assert code == 2 and "JSON" in err
    code, _, err = run(capsys, "flow", "publish", "nada", "--data-dir", data)
    assert code == 2 and "não encontrado" in err
    code, _, err = run(capsys, "flow", "export", "nada", str(tmp_path / "x.json"),
                       "--data-dir", data)
    assert code == 2


def test_database_is_found_through_the_environment_like_the_app(tmp_path):
    data = tmp_path / "envdata"
    env = {**os.environ, "WHATDESK_DATA_DIR": str(data)}
    cmd = [sys.executable, "-m", "whatdesk", "flow"]
    done = subprocess.run([*cmd, "import", str(EXAMPLES / "restaurante.wdflow.json")], env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    listed = subprocess.run([*cmd, "list"], env=env, capture_output=True, text=True, timeout=60)
    assert listed.returncode == 0 and "restaurante" in listed.stdout.lower()
    assert (data / "whatdesk.db").exists()


def test_database_commands_speak_english_under_an_english_locale(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("WHATDESK_LANG")
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    data = str(tmp_path / "data")
    code, _, err = run(capsys, "flow", "publish", "nada", "--data-dir", data)
    assert code == 2 and err == "whatdesk flow: Flow “nada” not found.\n"
    empty = tmp_path / "empty.wdflow.json"
    empty.write_text("", encoding="utf-8")
    code, _, err = run(capsys, "flow", "import", str(empty), "--data-dir", data)
    assert code == 2 and f"{empty}: The file is empty" in err
    not_a_dir = tmp_path / "file"
    not_a_dir.write_text("x")
    code, _, err = run(capsys, "flow", "list", "--data-dir", str(not_a_dir))
    assert code == 2 and "Cannot use the data folder" in err and "Não" not in err
    code, out, _ = run(capsys, "flow", "list", "--data-dir", data)
    assert code == 0 and out == "No flows.\n"

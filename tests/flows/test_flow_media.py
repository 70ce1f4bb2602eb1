"""A flow's attachments come from <data>/flow-media only: no template, no `..`, no symlink out."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from whatdesk.flows.document import load
from whatdesk.flows.interpreter import Interpreter
from whatdesk.flows.validation import validate
from whatdesk.flows.validators import Answer

from .conftest import FlowCli, bot_texts, chain
from .test_interpreter import MemorySink, _ctx


def _media_flow(path: str) -> dict:
    return chain({"id": "m", "type": "message",
                  "config": {"text": "Segue", "media": {"path": path, "kind": "document"}}})


@pytest.fixture
def data(tmp_path: Path) -> Path:
    (tmp_path / "data" / "flow-media" / "promos").mkdir(parents=True)
    (tmp_path / "data" / "flow-media" / "promos" / "cartaz.jpg").write_bytes(b"jpeg")
    (tmp_path / "secret.txt").write_text("segredo", encoding="utf-8")
    return tmp_path / "data"


async def test_customer_answer_cannot_choose_the_file_sent(data: Path) -> None:
    # a flow saved before validation refused it: the run must still not read the answer's file
    sink = MemorySink()
    interpreter = Interpreter(media_root=data / "flow-media")
    state = await interpreter.start(load(_media_flow("{{last_input}}")), _ctx(sink),
                                    Answer("../../secret.txt#"))
    assert [m.media_path for m in sink.sent] == []
    assert (state.status.value, state.error) == ("error", "media_path_invalid")


@pytest.mark.parametrize("path", ["{{arquivo}}", "../secret.txt", "promos/../../secret.txt",
                                  "/etc/hostname", "C:\\Users\\ana\\foto.jpg",
                                  "\\\\server\\share\\a.jpg", "..\\secret.txt"])
def test_paths_outside_the_folder_or_templated_are_validation_errors(path: str) -> None:
    report = validate(load(_media_flow(path)))
    [finding] = [f for f in report.errors if f.node == "m"]
    assert finding.code == "media_path_invalid"
    assert "flow-media" in finding.message("en") or "variables" in finding.message("en")
    assert "flow-media" in finding.message("pt") or "variáveis" in finding.message("pt")


@pytest.mark.parametrize("path", ["cartaz.jpg", "promos/cartaz.jpg", "promos\\cartaz.jpg"])
def test_names_inside_the_folder_validate(path: str) -> None:
    assert validate(load(_media_flow(path))).ok


async def test_symlink_leading_out_of_the_folder_is_refused(data: Path) -> None:
    link = data / "flow-media" / "atalho.txt"
    try:
        os.symlink(data.parent / "secret.txt", link)
    except OSError:
        pytest.skip("no symlinks here")
    sink = MemorySink()
    state = await Interpreter(media_root=data / "flow-media").start(
        load(_media_flow("atalho.txt")), _ctx(sink), Answer("oi"))
    assert sink.sent == [] and state.error == "media_path_invalid"


async def test_file_inside_the_folder_is_sent_by_its_resolved_path(data: Path) -> None:
    sink = MemorySink()
    state = await Interpreter(media_root=data / "flow-media").start(
        load(_media_flow("promos/cartaz.jpg")), _ctx(sink), Answer("oi"))
    assert [m.media_path for m in sink.sent] == \
        [str((data / "flow-media" / "promos" / "cartaz.jpg").resolve())]
    assert state.status.value == "ended"


def test_flow_run_takes_media_from_the_data_dir_and_reports_a_missing_file(
        cli: FlowCli, data: Path) -> None:
    found = cli.run(_media_flow("promos/cartaz.jpg"), "oi", args=("--data-dir", str(data)))
    assert found["transcript"][1]["path"] == \
        str((data / "flow-media" / "promos" / "cartaz.jpg").resolve())
    missing = cli.run(_media_flow("promos/sumiu.jpg"), "oi", args=("--data-dir", str(data)))
    assert (missing["state"], missing["error"]) == ("error", "media_not_found")
    assert bot_texts(missing) == []


def test_old_flow_with_an_absolute_path_still_loads_but_does_not_validate(cli: FlowCli) -> None:
    flow = load(_media_flow("/home/ana/fotos/prato.jpg"))
    assert flow.node("m").config["media"]["path"] == "/home/ana/fotos/prato.jpg"
    assert [f.code for f in validate(flow).errors] == ["media_path_invalid"]

"""`whatdesk flow edit FILE`: the editor window saves back to the file; a bad file opens nothing."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from flow_standins import StandInEditor

from whatdesk.cli.flow import main as flow_main
from whatdesk.flows import Node, load_file
from whatdesk.ui.flows.file_editor import FileEditorWindow

EXAMPLES = Path(__file__).resolve().parents[2] / "resources" / "flows"


def test_save_writes_the_edit_back_to_the_file(tmp_path: Path, qtbot: Any) -> None:
    path = tmp_path / "suporte.wdflow.json"
    shutil.copy(EXAMPLES / "suporte.wdflow.json", path)
    window = FileEditorWindow(path, load_file(path), StandInEditor)
    qtbot.addWidget(window)
    window.show()
    window.editor.flow.add_node(Node("extra", "end"))
    assert window.windowTitle().startswith("•")  # unsaved
    window.save_action.trigger()
    assert load_file(path).node("extra") is not None
    assert not window.windowTitle().startswith("•")
    assert not path.with_name(path.name + ".tmp").exists()


def test_edit_refuses_an_unreadable_file_and_opens_nothing(tmp_path: Path, capsys: Any) -> None:
    bad = tmp_path / "ruim.wdflow.json"
    bad.write_text("{not json", encoding="utf-8")
    assert flow_main(["edit", str(bad)]) == 2
    assert "ruim.wdflow.json" in capsys.readouterr().err
    assert flow_main(["edit", str(tmp_path / "nao-existe.wdflow.json")]) == 2

"""`whatdesk backup ...` from a terminal: the verbs, the passphrase file, --data-dir and
WHATDESK_DATA_DIR, and clear refusals in the user's language."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from whatdesk.cli import main

from .conftest import PASSPHRASE, message_count, tree_digest


@pytest.fixture
def pw(tmp_path: Path) -> Path:
    path = tmp_path / "senha.txt"
    path.write_text(PASSPHRASE + "\n")
    return path


@pytest.fixture(autouse=True)
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WHATDESK_LANG", "en")


def test_create_verify_and_restore_from_the_terminal_with_the_data_dir_from_the_environment(
        data_dir: Path, tmp_path: Path, pw: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("WHATDESK_DATA_DIR", str(data_dir))
    backup = tmp_path / "loja.wdbackup"
    assert main(["backup", "create", str(backup), "--passphrase-file", str(pw)]) == 0
    assert "20 messages" in capsys.readouterr().out
    assert main(["backup", "verify", str(backup), "--passphrase-file", str(pw)]) == 0
    assert "Backup is sound" in capsys.readouterr().out

    conn = sqlite3.connect(data_dir / "whatdesk.db")
    conn.execute("DELETE FROM messages")
    conn.commit()
    conn.close()
    assert main(["backup", "restore", str(backup), "--passphrase-file", str(pw)]) == 0
    assert "Restored" in capsys.readouterr().out
    assert message_count(data_dir / "whatdesk.db") == 20


def test_wrong_passphrase_on_the_terminal_is_refused_in_portuguese_and_changes_nothing(
        data_dir: Path, tmp_path: Path, pw: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    backup = tmp_path / "loja.wdbackup"
    assert main(["--data-dir", str(data_dir), "backup", "create", str(backup),
                 "--passphrase-file", str(pw)]) == 0
    before = tree_digest(data_dir)
    wrong = tmp_path / "errada.txt"
    wrong.write_text("outra senha qualquer\n")
    monkeypatch.setenv("WHATDESK_LANG", "pt_BR")
    capsys.readouterr()
    assert main(["backup", "restore", str(backup), "--data-dir", str(data_dir),
                 "--passphrase-file", str(wrong)]) == 1
    err = capsys.readouterr().err
    assert "Senha do backup incorreta" in err and "Nada foi alterado" in err
    assert tree_digest(data_dir) == before


def test_without_a_terminal_or_a_passphrase_file_the_command_says_what_to_do(
        data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    assert main(["backup", "create", str(tmp_path / "x.wdbackup"),
                 "--data-dir", str(data_dir)]) == 2
    assert "--passphrase-file" in capsys.readouterr().err
    assert not (tmp_path / "x.wdbackup").exists()


def test_list_shows_the_backups_of_a_folder_newest_first(
        data_dir: Path, tmp_path: Path, pw: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "copias"
    for name in ("a.wdbackup", "b.wdbackup"):
        assert main(["backup", "create", str(folder / name), "--data-dir", str(data_dir),
                     "--passphrase-file", str(pw)]) == 0
    (folder / "c.wdbackup").write_bytes(b"junk")
    capsys.readouterr()
    assert main(["backup", "list", str(folder), "--data-dir", str(data_dir)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 3
    assert next(line for line in out if "c.wdbackup" in line).endswith("(not a readable backup)")

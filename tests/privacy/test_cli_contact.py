"""`whatdesk contact export|anonymize` from a terminal."""

from __future__ import annotations

import asyncio
import json
import zipfile
from pathlib import Path

import pytest

from whatdesk.cli import main
from whatdesk.domain.clock import VirtualClock
from whatdesk.services.runtime import Runtime

from .conftest import SECRETS, T0, add_customer, leftovers

pytestmark = pytest.mark.timeout(60)


def _data_dir_with_customer(tmp_path: Path) -> Path:
    async def make() -> None:
        rt = Runtime.open(tmp_path / "data", clock=VirtualClock(T0))
        try:
            await add_customer(rt)
        finally:
            await rt.close()

    asyncio.run(make())
    return tmp_path / "data"


def _audit(data_dir: Path) -> list[tuple[str, str]]:
    async def read() -> list[tuple[str, str]]:
        rt = Runtime.open(data_dir)
        try:
            return [(r.action, r.actor) for r in (await rt.audit.page()).rows]
        finally:
            await rt.close()

    return asyncio.run(read())


def test_export_by_number_as_people_type_it(tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    data_dir = _data_dir_with_customer(tmp_path)
    code = main(["contact", "export", "+55 (11) 98765-4321", str(tmp_path / "out.zip"),
                 "--data-dir", str(data_dir)])
    assert code == 0, capsys.readouterr().err
    with zipfile.ZipFile(tmp_path / "out.zip") as zf:
        assert json.loads(zf.read("contact.json"))["contact"]["name"] == "Zuleica Q."
    assert _audit(data_dir) == [("contact.export", "cli")]


def test_anonymize_with_yes_erases_and_unknown_number_is_an_error(tmp_path: Path,
                                                                   capsys) -> None:
    data_dir = _data_dir_with_customer(tmp_path)
    assert main(["contact", "anonymize", "+55 21 99999-0000", "--yes",
                 "--data-dir", str(data_dir)]) == 2
    assert "+5521999990000" in capsys.readouterr().err
    assert main(["contact", "anonymize", "11 98765-4321", "--yes",
                 "--data-dir", str(data_dir)]) == 0
    assert leftovers(data_dir, SECRETS) == []
    assert _audit(data_dir) == [("contact.anonymize", "cli")]


def test_anonymize_without_yes_and_no_terminal_changes_nothing(tmp_path: Path, capsys,
                                                               monkeypatch) -> None:
    import io
    monkeypatch.setattr("sys.stdin", io.StringIO("sim\n"))
    data_dir = _data_dir_with_customer(tmp_path)
    assert main(["contact", "anonymize", "5511987654321", "--data-dir", str(data_dir)]) == 1
    assert "--yes" in capsys.readouterr().err
    assert leftovers(data_dir, ("Quixabeira",))
    assert _audit(data_dir) == []

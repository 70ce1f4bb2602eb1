"""Automatic backups: daily or weekly into a folder, the oldest beyond "keep" removed, the
last result recorded for the Backup page (driven by a virtual clock)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

import pytest

from whatdesk.domain.clock import VirtualClock
from whatdesk.services.backup import BackupError, Problem, verify_backup
from whatdesk.services.runtime import Runtime

from .conftest import PASSPHRASE

DAY = 86400.0


class MemorySecrets:
    def __init__(self) -> None:
        self.values: dict[str, str] = {}

    def get(self, name: str) -> str | None:
        return self.values.get(name)

    def set(self, name: str, value: str | None) -> None:
        if value is None:
            self.values.pop(name, None)
        else:
            self.values[name] = value


async def until(cond: Callable[[], bool], what: str) -> None:
    for _ in range(2000):
        if cond():
            return
        await asyncio.sleep(0.01)
    raise AssertionError(f"timed out waiting for {what}")


def autos(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.glob("whatdesk-auto-*.wdbackup"))


def run(data_dir: Path, scenario: Callable[[Runtime, VirtualClock], object]) -> None:
    async def main() -> None:
        clock = VirtualClock()
        runtime = Runtime.open(data_dir, clock=clock)
        runtime.backups.secrets = MemorySecrets()
        runtime.backups.start_scheduler()
        try:
            await scenario(runtime, clock)  # type: ignore[misc]
        finally:
            await runtime.close()

    asyncio.run(main())


def test_daily_backups_run_each_day_and_only_the_newest_are_kept(
        data_dir: Path, tmp_path: Path) -> None:
    folder = tmp_path / "copias"
    folder.mkdir()
    (folder / "antes-da-mudanca.wdbackup").write_bytes(b"a backup the user named")

    async def scenario(runtime: Runtime, clock: VirtualClock) -> None:
        await runtime.backups.set_schedule("daily", str(folder), keep=2, passphrase=PASSPHRASE)
        await asyncio.sleep(0.05)
        assert autos(folder) == []  # the first one is due a day after turning them on
        for day in range(1, 5):
            clock.advance(DAY)
            await until(lambda day=day: len(autos(folder)) == min(day, 2)
                        and not runtime.backups.running_automatic
                        and clock.pending_sleepers == 1, f"backup of day {day}")
        last = await runtime.backups.last_result()
        assert last is not None and last.ok and last.automatic
        assert Path(last.file).name == autos(folder)[-1]
        assert verify_backup(Path(last.file), PASSPHRASE).messages == 20

    run(data_dir, scenario)
    assert len(autos(folder)) == 2
    assert (folder / "antes-da-mudanca.wdbackup").exists()


def test_a_failed_automatic_backup_is_shown_as_the_last_result_and_tried_again(
        data_dir: Path, tmp_path: Path) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the folder should be")

    async def scenario(runtime: Runtime, clock: VirtualClock) -> None:
        await runtime.backups.set_schedule("weekly", str(blocked), keep=3,
                                           passphrase=PASSPHRASE)
        clock.advance(7 * DAY)
        await until(lambda: clock.pending_sleepers == 1
                    and not runtime.backups.running_automatic, "the attempt")
        last = await runtime.backups.last_result()
        assert last is not None and not last.ok
        assert "could not be written" in last.message("en")
        due = await runtime.backups.next_due()
        assert due is not None and (due - clock.now()).total_seconds() <= 3600

    run(data_dir, scenario)


def test_turning_them_on_needs_a_folder_and_a_passphrase_and_off_leaves_no_timer(
        data_dir: Path, tmp_path: Path) -> None:
    async def scenario(runtime: Runtime, clock: VirtualClock) -> None:
        with pytest.raises(BackupError) as caught:
            await runtime.backups.set_schedule("daily", str(tmp_path), keep=3)
        assert caught.value.problem is Problem.NO_PASSPHRASE
        with pytest.raises(BackupError) as caught:
            await runtime.backups.set_schedule("daily", "relative/folder", keep=3,
                                               passphrase=PASSPHRASE)
        assert caught.value.problem is Problem.NO_FOLDER
        await runtime.backups.set_schedule("daily", str(tmp_path), keep=3,
                                           passphrase=PASSPHRASE)
        await until(lambda: clock.pending_sleepers == 1, "the daily timer")
        # the passphrase stays in the keyring, not in the database
        assert PASSPHRASE not in str(await runtime.backups.schedule())
        await runtime.backups.set_schedule("off", str(tmp_path), keep=3)
        await until(lambda: clock.pending_sleepers == 0, "no timer while off")

    run(data_dir, scenario)

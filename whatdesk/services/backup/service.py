"""The backup use cases for the window and the CLI, and the scheduler of automatic backups.

The blocking work (copy, encrypt, decrypt) runs in an executor; progress callbacks are
brought back to the loop's thread (the Qt thread under qasync), at most once per percent."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from whatdesk.store import get_setting, set_setting

from . import core
from .core import LAST_RESTORE_KEY
from .errors import BackupError, Problem

if TYPE_CHECKING:
    from whatdesk.services.runtime import Runtime

log = logging.getLogger(__name__)

SCHEDULE_KEY = "backup.schedule"
LAST_KEY = "backup.last"
KEYRING_SERVICE = "whatdesk"
PERIODS = {"daily": timedelta(days=1), "weekly": timedelta(days=7)}
MAX_KEEP = 365
RETRY_AFTER_FAILURE = timedelta(hours=1)

ProgressFn = Callable[[int, int], None]


@dataclass(frozen=True)
class Schedule:
    every: str = "off"  # "off", "daily" or "weekly"
    folder: str = ""
    keep: int = 7
    include_sessions: bool = False
    since: str = ""  # when it was turned on (ISO): the first backup is due one period later

    @classmethod
    def from_value(cls, value: Any) -> Schedule:
        if not isinstance(value, dict):
            return cls()
        every = value.get("every") if value.get("every") in PERIODS else "off"
        try:
            keep = max(1, min(MAX_KEEP, int(value.get("keep", 7))))
        except (TypeError, ValueError):
            keep = 7
        return cls(every, str(value.get("folder") or ""), keep,
                   bool(value.get("include_sessions")), str(value.get("since") or ""))


@dataclass(frozen=True)
class LastResult:
    at: datetime
    ok: bool
    file: str
    size: int
    automatic: bool
    message_pt: str = ""
    message_en: str = ""

    def message(self, locale: str) -> str:
        return self.message_en if locale.startswith("en") else self.message_pt

    @classmethod
    def from_value(cls, value: Any) -> LastResult | None:
        if not isinstance(value, dict):
            return None
        try:
            return cls(datetime.fromisoformat(value["at"]), bool(value["ok"]),
                       str(value.get("file", "")), int(value.get("size", 0)),
                       bool(value.get("automatic")), str(value.get("message_pt", "")),
                       str(value.get("message_en", "")))
        except (KeyError, TypeError, ValueError):
            return None

    def to_value(self) -> dict[str, Any]:
        return dict(asdict(self), at=self.at.isoformat())


class Secrets(Protocol):
    def get(self, name: str) -> str | None: ...

    def set(self, name: str, value: str | None) -> None: ...


class KeyringSecrets:
    """The passphrase of automatic backups, in the OS keyring (never in the database)."""

    def get(self, name: str) -> str | None:
        import keyring
        from keyring.errors import KeyringError

        try:
            return keyring.get_password(KEYRING_SERVICE, name)
        except (KeyringError, RuntimeError, OSError):
            return None

    def set(self, name: str, value: str | None) -> None:
        import keyring
        from keyring.errors import KeyringError, PasswordDeleteError

        try:
            if value is None:
                with contextlib.suppress(PasswordDeleteError):
                    keyring.delete_password(KEYRING_SERVICE, name)
            else:
                keyring.set_password(KEYRING_SERVICE, name, value)
        except (KeyringError, RuntimeError, OSError) as exc:
            raise BackupError(Problem.NO_KEYRING, detail=f"{type(exc).__name__}: {exc}") \
                from exc


class BackupService:
    """``runtime.backups``: make, verify and restore backups; run the automatic ones."""

    def __init__(self, runtime: Runtime, secrets: Secrets | None = None) -> None:
        self._rt = runtime
        self.secrets: Secrets = secrets or KeyringSecrets()
        self._busy = asyncio.Lock()
        self._changed = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self.running_automatic = False

    # ---- settings -----------------------------------------------------------------------
    @property
    def _keyring_name(self) -> str:
        digest = hashlib.sha256(str(self._rt.data_dir).encode()).hexdigest()[:16]
        return f"backup:{digest}"

    async def schedule(self) -> Schedule:
        return Schedule.from_value(await self._rt.db.read(
            lambda s: get_setting(s, SCHEDULE_KEY)))

    async def has_scheduled_passphrase(self) -> bool:
        return await asyncio.get_running_loop().run_in_executor(
            None, self.secrets.get, self._keyring_name) is not None

    async def set_schedule(self, every: str, folder: str, keep: int,
                           include_sessions: bool = False,
                           passphrase: str | None = None) -> Schedule:
        """Save the automatic backups' settings; a passphrase given goes to the keyring.

        Turning them on needs a folder and a passphrase (given now or kept earlier)."""
        if every not in ("off", *PERIODS):
            raise ValueError(every)
        loop = asyncio.get_running_loop()
        if every != "off":
            if not folder or not Path(folder).is_absolute():
                raise BackupError(Problem.NO_FOLDER)
            if passphrase is not None:
                from .container import MIN_PASSPHRASE_CHARS

                if len(passphrase) < MIN_PASSPHRASE_CHARS:
                    raise BackupError(Problem.WEAK_PASSPHRASE)
                await loop.run_in_executor(None, self.secrets.set, self._keyring_name,
                                           passphrase)
            elif not await self.has_scheduled_passphrase():
                raise BackupError(Problem.NO_PASSPHRASE)
        old = await self.schedule()
        since = old.since if old.every == every and old.since else \
            self._rt.clock.now().isoformat()
        new = Schedule(every, folder, max(1, min(MAX_KEEP, int(keep))), include_sessions,
                       since if every != "off" else "")
        await self._rt.db.write(lambda s: set_setting(s, SCHEDULE_KEY, asdict(new)))
        self._changed.set()
        return new

    async def last_result(self) -> LastResult | None:
        return LastResult.from_value(await self._rt.db.read(lambda s: get_setting(s, LAST_KEY)))

    async def last_restore(self) -> dict[str, Any] | None:
        value = await self._rt.db.read(lambda s: get_setting(s, LAST_RESTORE_KEY))
        return value if isinstance(value, dict) else None

    async def _record(self, result: LastResult) -> None:
        await self._rt.db.write(lambda s: set_setting(s, LAST_KEY, result.to_value()))

    # ---- the verbs ----------------------------------------------------------------------
    def _threadsafe(self, progress: ProgressFn | None) -> ProgressFn | None:
        if progress is None:
            return None
        loop = asyncio.get_running_loop()
        last = [-1]

        def report(done: int, total: int) -> None:
            percent = int(done * 100 / total) if total else 100
            if percent != last[0]:
                last[0] = percent
                loop.call_soon_threadsafe(progress, done, total)

        return report

    async def _exclusive(self, fn: Callable[[], Any]) -> Any:
        if self._busy.locked():
            raise BackupError(Problem.BUSY)
        async with self._busy:
            return await asyncio.get_running_loop().run_in_executor(None, fn)

    async def create(self, target: Path, passphrase: str, *, include_sessions: bool = False,
                     progress: ProgressFn | None = None, automatic: bool = False
                     ) -> core.BackupSummary:
        """Write one backup now (the app keeps receiving); the outcome becomes the last
        result shown on the Backup page."""
        report = self._threadsafe(progress)
        when = self._rt.clock.now()
        try:
            summary: core.BackupSummary = await self._exclusive(lambda: core.create_backup(
                self._rt.data_dir, self._rt.db.url, Path(target), passphrase,
                include_sessions=include_sessions, progress=report, now=when))
        except BackupError as err:
            if err.problem is not Problem.BUSY:
                await self._record(LastResult(when, False, str(target), 0, automatic,
                                              str(err), err.message("en")))
            raise
        await self._record(LastResult(when, True, summary.file, summary.size, automatic))
        return summary

    async def verify(self, file: Path, passphrase: str,
                     progress: ProgressFn | None = None) -> core.BackupSummary:
        report = self._threadsafe(progress)
        return await self._exclusive(lambda: core.verify_backup(  # type: ignore[no-any-return]
            Path(file), passphrase, progress=report, database_url=self._rt.db.url,
            check_kind=True))

    async def stage_restore(self, file: Path, passphrase: str,
                            progress: ProgressFn | None = None) -> core.BackupSummary:
        """Check the whole backup and stage it; it replaces the data at the next start."""
        report = self._threadsafe(progress)
        return await self._exclusive(lambda: core.stage_restore(  # type: ignore[no-any-return]
            Path(file), passphrase, self._rt.data_dir, self._rt.db.url, progress=report))

    def pending_restore(self) -> dict[str, Any] | None:
        return core.pending_restore(self._rt.data_dir)

    async def cancel_pending_restore(self) -> bool:
        return await asyncio.get_running_loop().run_in_executor(
            None, core.cancel_pending_restore, self._rt.data_dir)

    def list(self, folder: Path) -> list[core.BackupFile]:
        return core.list_backups(folder)

    # ---- the scheduler ------------------------------------------------------------------
    def start_scheduler(self) -> None:
        if self._task is None:
            self._task = asyncio.get_running_loop().create_task(self._schedule_loop())

    async def stop_scheduler(self) -> None:
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task

    async def next_due(self) -> datetime | None:
        """When the next automatic backup runs (None: they are off)."""
        schedule = await self.schedule()
        if schedule.every == "off":
            return None
        period = PERIODS[schedule.every]
        last = await self.last_result()
        if last is not None and last.automatic:
            return last.at + (period if last.ok else min(period, RETRY_AFTER_FAILURE))
        try:
            since = datetime.fromisoformat(schedule.since)
        except ValueError:
            since = self._rt.clock.now()
        return since + period

    async def _schedule_loop(self) -> None:
        while True:
            self._changed.clear()
            try:
                due = await self.next_due()
            except Exception:  # the database may be failing: try again later
                log.exception("cannot read the backup schedule")
                due = self._rt.clock.now() + RETRY_AFTER_FAILURE
            if due is None:
                await self._changed.wait()  # off: no sleeper at all until it changes
                continue
            wait = (due - self._rt.clock.now()).total_seconds()
            if wait > 0:
                await self._sleep_or_change(wait)
                continue
            await self.run_automatic()

    async def _sleep_or_change(self, seconds: float) -> None:
        sleeper = asyncio.ensure_future(self._rt.clock.sleep(seconds))
        changed = asyncio.ensure_future(self._changed.wait())
        try:
            await asyncio.wait({sleeper, changed}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for fut in (sleeper, changed):
                fut.cancel()

    async def run_automatic(self) -> LastResult | None:
        """One automatic backup into the schedule's folder, then the oldest beyond ``keep``
        are deleted. Failures are recorded as the last result (and retried in an hour)."""
        schedule = await self.schedule()
        if schedule.every == "off":
            return None
        loop = asyncio.get_running_loop()
        passphrase = await loop.run_in_executor(None, self.secrets.get, self._keyring_name)
        when = self._rt.clock.now()
        folder = Path(schedule.folder)
        self.running_automatic = True
        try:
            if passphrase is None:
                err = BackupError(Problem.NO_PASSPHRASE)
                await self._record(LastResult(when, False, str(folder), 0, True, str(err),
                                              err.message("en")))
            else:
                await self.create(folder / core.auto_backup_name(when), passphrase,
                                  include_sessions=schedule.include_sessions, automatic=True)
                await loop.run_in_executor(None, core.prune_auto_backups, folder,
                                           schedule.keep)
        except BackupError as err:
            log.warning("automatic backup failed: %s", err.message("en"))
            if err.problem is Problem.BUSY:  # a manual one is running: try again soon
                await self._record(LastResult(when, False, str(folder), 0, True, str(err),
                                              err.message("en")))
        except Exception as exc:  # never let the scheduler die; say it on the page
            log.exception("automatic backup failed")
            err = BackupError(Problem.WRITE_FAILED, detail=type(exc).__name__)
            with contextlib.suppress(Exception):
                await self._record(LastResult(when, False, str(folder), 0, True, str(err),
                                              err.message("en")))
        finally:
            self.running_automatic = False
        return await self.last_result()

"""Making, checking and restoring `.wdbackup` files (blocking: run them in an executor).

A restore never writes into the live data folder: it unpacks and checks everything in a
staging folder beside it, renames that to ``<data>.restore-pending``, and the swap happens
when no whatdesk uses the folder (at once from the CLI, else at the next start)."""

from __future__ import annotations

import contextlib
import json
import logging
import os
import shutil
import tempfile
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, BinaryIO

from whatdesk import __version__
from whatdesk.store.db import head_revision, sqlite_url
from whatdesk.store.snapshot import (
    export_revision,
    export_tables,
    import_tables,
    is_sqlite,
    known_revisions,
    read_export,
    sqlite_check,
    sqlite_path,
    sqlite_snapshot,
)

from .archive import (
    DB_LOGICAL,
    DB_SQLITE,
    FILE_FOLDERS,
    SESSIONS_FOLDER,
    ArchiveWriter,
    Entry,
    Progress,
    check_name,
    folder_entries,
    read_archive,
)
from .container import (
    MIN_PASSPHRASE_CHARS,
    DecryptingReader,
    EncryptingWriter,
    KdfParams,
    read_header,
)
from .errors import BackupError, Problem
from .lock import LOCK_NAME, DataDirLock

log = logging.getLogger(__name__)

SUFFIX = ".wdbackup"
DB_FILE = "whatdesk.db"
RESTORE_META = ".restore"  # inside a staged restore: marker and logical export
LAST_RESTORE_KEY = "backup.last_restore"  # setting: the outcome of the last restore
# Left behind in the live folder by a restore (the backup brings its own).
_REPLACED = {DB_FILE, f"{DB_FILE}-wal", f"{DB_FILE}-shm", *FILE_FOLDERS, "inbound",
             LOCK_NAME, RESTORE_META}


@dataclass(frozen=True)
class BackupSummary:
    """What a backup holds (from its verified manifest)."""

    file: str
    created_at: datetime
    size: int
    database: str  # "sqlite" or "logical"
    schema: str | None
    messages: int
    files: int
    include_sessions: bool
    app_version: str


def _db_url(data_dir: Path, database_url: str | None) -> str:
    return database_url or sqlite_url(data_dir / DB_FILE)


def _summary(file: Path, manifest: dict[str, Any]) -> BackupSummary:
    db = manifest.get("database") or {}
    try:
        created = datetime.fromisoformat(str(manifest.get("created_at")))
    except ValueError:
        created = datetime.fromtimestamp(0, UTC)
    return BackupSummary(
        file=str(file), created_at=created, size=file.stat().st_size if file.exists() else 0,
        database=str(db.get("kind", "")), schema=db.get("schema"),
        messages=int(db.get("messages") or 0),
        files=sum(1 for name in manifest["members"] if not name.startswith("database/")),
        include_sessions=bool(manifest.get("include_sessions")),
        app_version=str(manifest.get("app_version", "")))


# ---- create -----------------------------------------------------------------------------

def create_backup(data_dir: Path, database_url: str | None, target: Path, passphrase: str, *,
                  include_sessions: bool = False, progress: Progress | None = None,
                  now: datetime | None = None, kdf: KdfParams | None = None) -> BackupSummary:
    """Write one encrypted backup of the data folder to ``target`` while the app runs.

    The database is copied first (one consistent instant); the files are listed after it,
    so every media file a copied message points at is in the list. ``target`` appears only
    complete (written as ``.part``, then renamed)."""
    if len(passphrase) < MIN_PASSPHRASE_CHARS:  # before the copy, not after it
        raise BackupError(Problem.WEAK_PASSPHRASE)
    data_dir = Path(data_dir)
    target = Path(target)
    url = _db_url(data_dir, database_url)
    created = (now or datetime.now(UTC)).astimezone(UTC)
    part = target.with_name(target.name + ".part")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix=".backup-", dir=data_dir) as tmp:
            snap = Path(tmp) / "snapshot"
            if is_sqlite(url):
                source = sqlite_path(url)
                if source is None:
                    raise BackupError(Problem.WRITE_FAILED, detail="in-memory database")
                sqlite_snapshot(source, snap)
                schema, messages = sqlite_check(snap)
                db_member, kind = DB_SQLITE, "sqlite"
            else:
                with open(snap, "wb") as out:
                    schema, messages = export_tables(url, out.write)
                db_member, kind = DB_LOGICAL, "logical"
            entries = [Entry(db_member, snap, snap.stat().st_size)]
            folders = FILE_FOLDERS + ((SESSIONS_FOLDER,) if include_sessions else ())
            for folder in folders:
                entries += folder_entries(data_dir, folder)
            total = sum(e.size for e in entries)
            with open(part, "wb") as raw:
                sealed = EncryptingWriter(raw, passphrase, kdf)
                writer = ArchiveWriter(sealed, total, progress)
                for entry in entries:
                    writer.add_file(entry.name, entry.path)
                manifest = writer.finish({
                    "created_at": created.isoformat(), "app_version": __version__,
                    "include_sessions": include_sessions,
                    "database": {"kind": kind, "schema": schema, "messages": messages}})
                sealed.close()
                raw.flush()
                os.fsync(raw.fileno())
        os.replace(part, target)
    except BackupError:
        _remove(part)
        raise
    except (OSError, ValueError) as exc:
        _remove(part)
        raise BackupError(Problem.WRITE_FAILED, detail=f"{type(exc).__name__}: {exc}") from exc
    except BaseException:
        _remove(part)
        raise
    log.info("backup written: %s (%d files, %d messages)", target, len(entries) - 1, messages)
    return _summary(target, manifest)


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()


# ---- read -------------------------------------------------------------------------------

class _Counting:
    """The encrypted file, counting what was read (the progress of a verify or restore)."""

    def __init__(self, raw: BinaryIO, total: int, progress: Progress | None) -> None:
        self.raw, self.total, self.done, self._progress = raw, total, 0, progress

    def read(self, size: int = -1) -> bytes:
        data = self.raw.read(size)
        self.done += len(data)
        if self._progress is not None:
            self._progress(min(self.done, self.total), self.total)
        return data


@contextlib.contextmanager
def _open_backup(file: Path, passphrase: str,
                 progress: Progress | None) -> Iterator[DecryptingReader]:
    try:
        raw = open(file, "rb")  # noqa: SIM115
    except OSError as exc:
        raise BackupError(Problem.UNREADABLE, detail=f"{type(exc).__name__}: {exc}") from exc
    with raw:
        try:
            total = os.fstat(raw.fileno()).st_size
            yield DecryptingReader(_Counting(raw, total, progress), passphrase)  # type: ignore[arg-type]
        except OSError as exc:
            raise BackupError(Problem.UNREADABLE, detail=f"{type(exc).__name__}: {exc}") from exc


def _read_all(file: Path, passphrase: str, sink: Callable[[str], BinaryIO | None],
              progress: Progress | None) -> dict[str, Any]:
    with _open_backup(file, passphrase, progress) as reader:
        manifest = read_archive(reader, sink)
        if not reader.read_to_end():
            raise BackupError(Problem.DAMAGED, detail="data after the archive")
    return manifest


def _check_database(manifest: dict[str, Any], db_file: Path, database_url: str | None
                    ) -> None:
    """The database copy must be sound and from a schema this whatdesk knows."""
    members = manifest["members"]
    if (DB_SQLITE in members) == (DB_LOGICAL in members):
        raise BackupError(Problem.DAMAGED, detail="no database, or two")
    if DB_SQLITE in members:
        try:
            schema, _ = sqlite_check(db_file)
        except ValueError as exc:
            raise BackupError(Problem.DAMAGED, detail=str(exc)) from exc
        if schema is not None and schema not in known_revisions():
            raise BackupError(Problem.NEWER_SCHEMA, detail=schema)
        if database_url is not None and not is_sqlite(database_url):
            raise BackupError(Problem.DATABASE_KIND)
        return
    with open(db_file, "rb") as lines:
        try:
            schema = export_revision(lines.readline())
        except ValueError as exc:
            raise BackupError(Problem.DAMAGED, detail="export header") from exc
    if schema not in known_revisions():
        raise BackupError(Problem.NEWER_SCHEMA, detail=str(schema))
    if database_url is not None and is_sqlite(database_url):
        raise BackupError(Problem.DATABASE_KIND)
    if database_url is None:
        raise BackupError(Problem.DATABASE_KIND)
    if schema != head_revision():
        raise BackupError(Problem.OLDER_SCHEMA, detail=str(schema))


def verify_backup(file: Path, passphrase: str, *, progress: Progress | None = None,
                  database_url: str | None = None, check_kind: bool = False) -> BackupSummary:
    """Decrypt and check every byte, hash and the database copy; writes nothing that stays."""
    file = Path(file)
    with tempfile.TemporaryDirectory(prefix="whatdesk-verify-") as tmp:
        db_file = Path(tmp) / "db"

        def sink(name: str) -> BinaryIO | None:
            return open(db_file, "xb") if name in (DB_SQLITE, DB_LOGICAL) else None

        manifest = _read_all(file, passphrase, sink, progress)
        if check_kind:
            _check_database(manifest, db_file, database_url)
        else:
            _check_database_alone(manifest, db_file)
    return _summary(file, manifest)


def _check_database_alone(manifest: dict[str, Any], db_file: Path) -> None:
    """The checks that do not depend on where it would be restored."""
    try:
        _check_database(manifest, db_file, None)
    except BackupError as err:
        if err.problem not in (Problem.DATABASE_KIND, Problem.OLDER_SCHEMA):
            raise


def header_format(file: Path) -> int:
    """The format version in a file's clear header (BackupError when it is none of ours)."""
    try:
        with open(file, "rb") as raw:
            return read_header(raw).version
    except OSError as exc:
        raise BackupError(Problem.UNREADABLE, detail=str(exc)) from exc


# ---- restore ----------------------------------------------------------------------------

def pending_dir(data_dir: Path) -> Path:
    data_dir = Path(data_dir)
    return data_dir.with_name(f"{data_dir.name}.restore-pending")


def pending_restore(data_dir: Path) -> dict[str, Any] | None:
    """The staged restore waiting for the next start, if any (its marker's content)."""
    marker = pending_dir(data_dir) / RESTORE_META / "restore.json"
    try:
        return json.loads(marker.read_text("utf-8"))  # type: ignore[no-any-return]
    except (OSError, ValueError):
        return None


def stage_restore(file: Path, passphrase: str, data_dir: Path, database_url: str | None, *,
                  progress: Progress | None = None) -> BackupSummary:
    """Unpack and check a backup beside the data folder, ready for apply_pending_restore().

    Nothing in the data folder is touched; on any refusal the staging folder is removed."""
    file, data_dir = Path(file), Path(data_dir)
    staging = data_dir.with_name(f"{data_dir.name}.restore-staging-{uuid.uuid4().hex[:8]}")
    meta = staging / RESTORE_META
    try:
        meta.mkdir(parents=True)
        root = staging.resolve()

        def sink(name: str) -> BinaryIO:
            check_name(name)
            if name == DB_SQLITE:
                path = staging / DB_FILE
            elif name == DB_LOGICAL:
                path = meta / "tables.jsonl"
            else:
                path = staging.joinpath(*name.split("/"))
            path.parent.mkdir(parents=True, exist_ok=True)
            if not path.resolve().is_relative_to(root):
                raise BackupError(Problem.UNSAFE_MEMBER, detail=repr(name[:80]))
            return open(path, "xb")

        manifest = _read_all(file, passphrase, sink, progress)
        db_file = staging / DB_FILE if DB_SQLITE in manifest["members"] \
            else meta / "tables.jsonl"
        _check_database(manifest, db_file, database_url)
        summary = _summary(file, manifest)
        (meta / "restore.json").write_text(json.dumps({
            "file": str(file), "created_at": summary.created_at.isoformat(),
            "database": summary.database, "include_sessions": summary.include_sessions,
            "messages": summary.messages, "staged_at": datetime.now(UTC).isoformat(),
        }), "utf-8")
        pending = pending_dir(data_dir)
        if pending.exists():
            shutil.rmtree(pending)  # a newer choice replaces an older staged restore
        os.replace(staging, pending)
    except BackupError:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise BackupError(Problem.RESTORE_FAILED, detail=f"{type(exc).__name__}: {exc}") \
            from exc
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return summary


def cancel_pending_restore(data_dir: Path) -> bool:
    pending = pending_dir(data_dir)
    if not pending.exists():
        return False
    shutil.rmtree(pending)
    return True


def apply_pending_restore(data_dir: Path, database_url: str | None = None,
                          now: datetime | None = None) -> dict[str, Any] | None:
    """Swap a staged restore in, when no whatdesk uses the folder; None when none waits.

    The live folder becomes ``<data>.before-restore-<time>`` and the staged one takes its
    name; the restored database must then open (and upgrade) before the previous folder is
    deleted. On failure the previous folder comes back and the restored one is kept aside
    as ``<data>.failed-restore-<time>``."""
    data_dir = Path(data_dir).expanduser().absolute()
    pending = pending_dir(data_dir)
    info = pending_restore(data_dir)
    if info is None:
        return None
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%d-%H%M%S")
    before = data_dir.with_name(f"{data_dir.name}.before-restore-{stamp}")
    failed = data_dir.with_name(f"{data_dir.name}.failed-restore-{stamp}")
    if data_dir.exists():
        lock = DataDirLock(data_dir)
        if not lock.acquire(exclusive=True):
            raise BackupError(Problem.APP_RUNNING)
        try:
            _carry_over(data_dir, pending, bool(info.get("include_sessions")))
            os.replace(data_dir, before)
        except OSError as exc:  # Windows: an open file in the folder (the app runs)
            raise BackupError(Problem.APP_RUNNING, detail=str(exc)) from exc
        finally:
            lock.release()
    os.replace(pending, data_dir)
    url = database_url or sqlite_url(data_dir / DB_FILE)
    outcome = dict(info, applied_at=(now or datetime.now(UTC)).isoformat())
    try:
        if info.get("database") == "logical":
            if database_url is None or is_sqlite(database_url):
                raise BackupError(Problem.DATABASE_KIND)
            with open(data_dir / RESTORE_META / "tables.jsonl", "rb") as lines:
                import_tables(database_url, read_export(lines))
        _record_restore(url, dict(outcome, ok=True))  # opens (and upgrades) the database
    except Exception as exc:
        log.error("restore failed, previous data put back: %s", exc)
        os.replace(data_dir, failed)
        if before.exists():
            os.replace(before, data_dir)
        err = exc if isinstance(exc, BackupError) else BackupError(
            Problem.RESTORE_FAILED, detail=f"{type(exc).__name__}: {exc}")
        with contextlib.suppress(Exception):
            _record_restore(url, dict(outcome, ok=False, message_pt=str(err),
                                      message_en=err.message("en"), kept=str(failed)))
        raise err from exc
    shutil.rmtree(data_dir / RESTORE_META, ignore_errors=True)
    shutil.rmtree(before, ignore_errors=True)
    log.info("restore applied from %s", info.get("file"))
    return info


def _record_restore(url: str, outcome: dict[str, Any]) -> None:
    """The outcome, for the Backup page, and an entry in the audit log of the database that
    is live afterwards (the restored one, or the previous one put back)."""
    from whatdesk.store import Database, set_setting
    from whatdesk.store.audit import add_audit_entry

    details = {k: outcome[k] for k in ("ok", "created_at", "include_sessions") if k in outcome}
    details["file"] = Path(str(outcome.get("file", ""))).name

    def write(s: Any) -> None:
        set_setting(s, LAST_RESTORE_KEY, outcome)
        add_audit_entry(s, "backup.restore", actor="system", details=details)

    db = Database.open(url)
    try:
        db.write_sync(write)
    finally:
        db.close()


def _carry_over(live: Path, pending: Path, backup_has_sessions: bool) -> None:
    """Copy what the backup does not replace (logs, sessions unless it has them, other
    files) from the live folder into the staged one; the live folder stays whole."""
    for item in live.iterdir():
        name = item.name
        if name in _REPLACED or name.startswith((f"{DB_FILE}.", ".backup-")):
            continue
        if name == SESSIONS_FOLDER and backup_has_sessions:
            continue
        target = pending / name
        if target.exists() or item.is_symlink():
            continue
        if item.is_dir():
            shutil.copytree(item, target, symlinks=True)
        else:
            shutil.copy2(item, target)


# ---- folders of backups -----------------------------------------------------------------

@dataclass(frozen=True)
class BackupFile:
    path: Path
    size: int
    modified: datetime
    readable: bool  # its header is a whatdesk backup this version can read


def list_backups(folder: Path) -> list[BackupFile]:
    """The `.wdbackup` files in a folder, newest first (only their clear headers are read)."""
    found: list[BackupFile] = []
    try:
        items = list(Path(folder).glob(f"*{SUFFIX}"))
    except OSError:
        return found
    for path in items:
        try:
            st = path.stat()
            header_format(path)
            readable = True
        except BackupError:
            readable = False
        except OSError:
            continue
        found.append(BackupFile(path, st.st_size, datetime.fromtimestamp(st.st_mtime, UTC),
                                readable))
    return sorted(found, key=lambda b: (b.modified, b.path.name), reverse=True)


AUTO_PREFIX = "whatdesk-auto-"


def auto_backup_name(when: datetime) -> str:
    return f"{AUTO_PREFIX}{when.astimezone(UTC).strftime('%Y%m%d-%H%M%S')}{SUFFIX}"


def prune_auto_backups(folder: Path, keep: int) -> list[Path]:
    """Delete the oldest automatic backups beyond ``keep`` (named ones are never touched)."""
    autos = sorted((p for p in Path(folder).glob(f"{AUTO_PREFIX}*{SUFFIX}") if p.is_file()),
                   key=lambda p: p.name, reverse=True)
    removed = []
    for path in autos[max(1, keep):]:
        with contextlib.suppress(OSError):
            path.unlink()
            removed.append(path)
    return removed

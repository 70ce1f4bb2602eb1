"""A backup restores what it holds, and every bad file is refused without changing anything."""

from __future__ import annotations

import io
import json
import sqlite3
import struct
import tarfile
from pathlib import Path

import pytest

from whatdesk.services.backup import (
    BackupError,
    Problem,
    apply_pending_restore,
    container,
    create_backup,
    pending_restore,
    stage_restore,
    verify_backup,
)
from whatdesk.services.backup.container import EncryptingWriter
from whatdesk.services.backup.lock import DataDirLock

from .conftest import PASSPHRASE, message_count, siblings, tree_digest


def restore(file: Path, data_dir: Path, passphrase: str = PASSPHRASE) -> None:
    stage_restore(file, passphrase, data_dir, None)
    apply_pending_restore(data_dir)


def make(data_dir: Path, tmp_path: Path, **kw: object) -> Path:
    target = tmp_path / "out" / "copia.wdbackup"
    create_backup(data_dir, None, target, PASSPHRASE, **kw)  # type: ignore[arg-type]
    return target


def test_restore_brings_back_database_media_and_flow_files_but_keeps_this_pcs_sessions(
        data_dir: Path, tmp_path: Path) -> None:
    before = tree_digest(data_dir)
    backup = make(data_dir, tmp_path)
    media = [n for n in before if n.startswith("media/")]
    assert media, "the image message stored a media file"
    # the data changes after the backup: a message more, a media file lost, a flow file edited
    (data_dir / media[0]).unlink()
    (data_dir / "flow-media" / "boas-vindas.pdf").write_bytes(b"edited")
    conn = sqlite3.connect(data_dir / "whatdesk.db")
    conn.execute("DELETE FROM messages WHERE id = (SELECT max(id) FROM messages)")
    conn.commit()
    conn.close()
    (data_dir / "sessions" / "new-session.sealed").write_bytes(b"linked after the backup")

    restore(backup, data_dir)

    after = tree_digest(data_dir)
    assert message_count(data_dir / "whatdesk.db") == 20
    assert after[media[0]] == before[media[0]]
    assert (data_dir / "flow-media" / "boas-vindas.pdf").read_bytes() == b"%PDF-1.4 menu\n"
    # the backup had no sessions: the ones on this PC stay, including the newer one
    assert (data_dir / "sessions" / "new-session.sealed").exists()
    assert (data_dir / "logs" / "whatdesk.log").read_text() == "log line\n"
    assert not [n for n in siblings(data_dir) if n.startswith("data.")], \
        "the previous folder is removed once the restore succeeded"
    conn = sqlite3.connect(data_dir / "whatdesk.db")
    assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    conn.close()


def test_sessions_are_in_the_backup_only_when_asked_and_stay_as_they_were_on_disk(
        data_dir: Path, tmp_path: Path) -> None:
    session = next((data_dir / "sessions").iterdir())
    sealed = session.read_bytes()
    without = verify_backup(make(data_dir, tmp_path), PASSPHRASE)
    assert not without.include_sessions
    raw = (tmp_path / "out" / "copia.wdbackup").read_bytes()
    assert sealed not in raw  # encrypted anyway; and never decrypted by us either

    with_sessions = make(data_dir, tmp_path, include_sessions=True)
    assert verify_backup(with_sessions, PASSPHRASE).include_sessions
    session.write_bytes(b"replaced")
    restore(with_sessions, data_dir)
    assert session.read_bytes() == sealed


def test_verify_reads_everything_and_reports_what_the_backup_holds(
        data_dir: Path, tmp_path: Path) -> None:
    summary = verify_backup(make(data_dir, tmp_path), PASSPHRASE)
    assert summary.messages == 20
    assert summary.database == "sqlite"
    assert summary.files == 2  # the image and the flow attachment


def refused(file: Path, data_dir: Path, passphrase: str = PASSPHRASE) -> Problem:
    """Try a restore; return why it was refused, after checking nothing changed."""
    before, around = tree_digest(data_dir), siblings(data_dir)
    with pytest.raises(BackupError) as caught:
        stage_restore(file, passphrase, data_dir, None)
    assert tree_digest(data_dir) == before
    assert siblings(data_dir) == around, "no staging or pending folder left behind"
    assert pending_restore(data_dir) is None
    with pytest.raises(BackupError):
        verify_backup(file, passphrase)
    return caught.value.problem


def test_wrong_passphrase_is_refused_and_changes_nothing(data_dir: Path, tmp_path: Path) -> None:
    backup = make(data_dir, tmp_path)
    assert refused(backup, data_dir, "not the passphrase") is Problem.WRONG_PASSPHRASE


@pytest.mark.parametrize("cut", ["header", "check", "mid_chunk", "chunk_boundary", "last_byte"])
def test_truncated_backup_is_refused_and_changes_nothing(
        data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cut: str) -> None:
    monkeypatch.setattr(container, "DEFAULT_CHUNK_SIZE", 4096)  # several chunks
    backup = make(data_dir, tmp_path)
    data = backup.read_bytes()
    chunk = 4096 + container.TAG_SIZE
    start = container.HEADER_SIZE + container.TAG_SIZE
    assert len(data) > start + 3 * chunk
    keep = {"header": 20, "check": start - 4, "mid_chunk": start + chunk + 100,
            "chunk_boundary": start + 2 * chunk, "last_byte": len(data) - 1}[cut]
    backup.write_bytes(data[:keep])
    assert refused(backup, data_dir) is Problem.DAMAGED


@pytest.mark.parametrize("where", [0.3, 0.6, 0.99])
def test_tampered_backup_is_refused_and_changes_nothing(
        data_dir: Path, tmp_path: Path, where: float) -> None:
    backup = make(data_dir, tmp_path)
    data = bytearray(backup.read_bytes())
    data[int(len(data) * where)] ^= 0x01
    backup.write_bytes(bytes(data))
    assert refused(backup, data_dir) is Problem.DAMAGED


def test_data_appended_to_a_backup_is_refused(data_dir: Path, tmp_path: Path) -> None:
    backup = make(data_dir, tmp_path)
    backup.write_bytes(backup.read_bytes() + b"\x00" * 40)
    assert refused(backup, data_dir) is Problem.DAMAGED


def test_edited_header_is_refused(data_dir: Path, tmp_path: Path) -> None:
    backup = make(data_dir, tmp_path)
    data = bytearray(backup.read_bytes())
    data[20] ^= 0x01  # inside the salt
    backup.write_bytes(bytes(data))
    assert refused(backup, data_dir) is Problem.WRONG_PASSPHRASE


def test_newer_format_version_is_refused_before_asking_for_the_key(
        data_dir: Path, tmp_path: Path) -> None:
    backup = make(data_dir, tmp_path)
    data = bytearray(backup.read_bytes())
    data[8:10] = struct.pack(">H", container.FORMAT_VERSION + 1)
    backup.write_bytes(bytes(data))
    with pytest.raises(BackupError) as caught:
        verify_backup(backup, PASSPHRASE)
    assert "newer version" in caught.value.message("en")
    assert refused(backup, data_dir) is Problem.NEWER_FORMAT


def test_a_header_asking_for_gigabytes_of_key_derivation_is_refused(
        data_dir: Path, tmp_path: Path) -> None:
    backup = make(data_dir, tmp_path)
    data = bytearray(backup.read_bytes())
    data[11:14] = bytes([20, 16, 4])  # log2(N), r, p: 2 GiB and minutes of scrypt
    backup.write_bytes(bytes(data))
    assert refused(backup, data_dir) is Problem.DAMAGED


def test_a_file_that_is_no_backup_is_refused(data_dir: Path, tmp_path: Path) -> None:
    other = tmp_path / "photo.wdbackup"
    other.write_bytes(b"\x89PNG not a backup at all")
    assert refused(other, data_dir) is Problem.NOT_A_BACKUP


def test_database_from_a_newer_whatdesk_is_refused(data_dir: Path, tmp_path: Path) -> None:
    conn = sqlite3.connect(data_dir / "whatdesk.db")
    conn.execute("UPDATE alembic_version SET version_num = 'f00d_from_the_future'")
    conn.commit()
    conn.close()
    backup = make(data_dir, tmp_path)
    assert refused(backup, data_dir) is Problem.NEWER_SCHEMA


def crafted(path: Path, members: list[tarfile.TarInfo], payload: bytes = b"x") -> Path:
    """A backup encrypted with the right passphrase but packed by someone else."""
    with open(path, "wb") as raw:
        sealed = EncryptingWriter(raw, PASSPHRASE)
        with tarfile.open(fileobj=sealed, mode="w|",  # type: ignore[call-overload]
                          format=tarfile.PAX_FORMAT) as tar:
            for info in members:
                tar.addfile(info, io.BytesIO(payload) if info.isreg() else None)
        sealed.close()
    return path


def member(name: str, kind: bytes = tarfile.REGTYPE, link: str = "") -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.type, info.linkname, info.size = kind, link, 1 if kind == tarfile.REGTYPE else 0
    return info


@pytest.mark.parametrize("bad", [
    member("media/../../escaped.txt"),
    member("/etc/whatdesk-absolute"),
    member("media/a/../../../x"),
    member("media/link", tarfile.SYMTYPE, "/etc/passwd"),
    member("media/hard", tarfile.LNKTYPE, "database/whatdesk.db"),
    member("media/fifo", tarfile.FIFOTYPE),
    member("somewhere-else/file"),
    member("media\\..\\x"),
], ids=["dotdot", "absolute", "nested-dotdot", "symlink", "hardlink", "fifo", "unknown-root",
        "backslash"])
def test_unsafe_archive_members_are_refused_and_nothing_is_written_outside(
        data_dir: Path, tmp_path: Path, bad: tarfile.TarInfo) -> None:
    backup = crafted(tmp_path / "evil.wdbackup", [member("media/ok.bin"), bad])
    assert refused(backup, data_dir) is Problem.UNSAFE_MEMBER
    assert not (tmp_path / "escaped.txt").exists()


def test_a_member_missing_from_the_manifest_is_refused(data_dir: Path, tmp_path: Path) -> None:
    backup = crafted(tmp_path / "odd.wdbackup", [member("media/ok.bin")])  # no manifest at all
    assert refused(backup, data_dir) is Problem.DAMAGED


def test_restore_waits_while_the_app_uses_the_folder_then_applies_at_the_next_start(
        data_dir: Path, tmp_path: Path) -> None:
    backup = make(data_dir, tmp_path)
    conn = sqlite3.connect(data_dir / "whatdesk.db")
    conn.execute("DELETE FROM messages")
    conn.commit()
    conn.close()
    running = DataDirLock(data_dir)
    assert running.acquire(exclusive=False)
    stage_restore(backup, PASSPHRASE, data_dir, None)
    with pytest.raises(BackupError) as caught:
        apply_pending_restore(data_dir)
    assert caught.value.problem is Problem.APP_RUNNING
    assert message_count(data_dir / "whatdesk.db") == 0  # untouched while it runs
    assert pending_restore(data_dir) is not None
    running.release()  # the app closed; the next start applies it
    assert apply_pending_restore(data_dir) is not None
    assert message_count(data_dir / "whatdesk.db") == 20
    assert pending_restore(data_dir) is None


def test_a_restored_database_that_does_not_open_puts_the_previous_folder_back(
        data_dir: Path, tmp_path: Path) -> None:
    backup = make(data_dir, tmp_path)
    before = tree_digest(data_dir)
    stage_restore(backup, PASSPHRASE, data_dir, None)
    staged = data_dir.with_name("data.restore-pending") / "whatdesk.db"
    staged.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4096)  # the disk garbled it since
    with pytest.raises(BackupError) as caught:
        apply_pending_restore(data_dir)
    assert caught.value.problem is Problem.RESTORE_FAILED
    after = tree_digest(data_dir)
    ignore = ("whatdesk.lock", "whatdesk.db")  # the database now also says the restore failed
    assert {k: v for k, v in after.items() if k not in ignore} == \
        {k: v for k, v in before.items() if k not in ignore}
    assert message_count(data_dir / "whatdesk.db") == 20
    conn = sqlite3.connect(data_dir / "whatdesk.db")
    (outcome,) = conn.execute("SELECT value FROM settings WHERE key = 'backup.last_restore'"
                              ).fetchone()
    audit = conn.execute("SELECT action, details FROM audit_log").fetchall()
    conn.close()
    assert '"ok": false' in outcome
    # the audit log of the database that is live again says a restore was tried, and from what
    assert [(a, json.loads(d)["ok"], json.loads(d)["file"]) for a, d in audit] == [
        ("backup.restore", False, backup.name)]
    assert [n for n in siblings(data_dir) if n.startswith("data.failed-restore-")]
    assert pending_restore(data_dir) is None  # not tried again at every start


def test_the_next_start_of_the_app_finishes_a_staged_restore(
        data_dir: Path, tmp_path: Path) -> None:
    import asyncio

    from whatdesk.services.runtime import Runtime

    backup = make(data_dir, tmp_path)
    conn = sqlite3.connect(data_dir / "whatdesk.db")
    conn.execute("DELETE FROM messages")
    conn.commit()
    conn.close()
    stage_restore(backup, PASSPHRASE, data_dir, None)

    async def start() -> dict | None:
        runtime = Runtime.open(data_dir)
        try:
            return await runtime.backups.last_restore()
        finally:
            await runtime.close()

    outcome = asyncio.run(start())
    assert message_count(data_dir / "whatdesk.db") == 20
    assert outcome is not None and outcome["ok"] and outcome["file"] == str(backup)

"""What is inside a backup: a tar stream of the database copy, the media folders and
(when asked) the sealed sessions, closed by a manifest with the SHA-256 of every member;
and the checks that read such a stream as the untrusted input it is."""

from __future__ import annotations

import hashlib
import io
import json
import os
import tarfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from .errors import BackupError, Problem

MANIFEST = "manifest.json"
MANIFEST_FORMAT = 1
DB_SQLITE = "database/whatdesk.db"
DB_LOGICAL = "database/tables.jsonl"
FILE_FOLDERS = ("media", "flow-media", "quick_replies")
SESSIONS_FOLDER = "sessions"
ROOTS = ("database", *FILE_FOLDERS, SESSIONS_FOLDER)

# Caps on what a backup may ask of us (checked before anything is written).
MAX_MEMBERS = 1_000_000
MAX_MEMBER_BYTES = 64 << 30
MAX_TOTAL_BYTES = 4 << 40
MAX_MANIFEST_BYTES = 256 << 20
MAX_NAME_CHARS = 400
MAX_DEPTH = 12
PIECE = 1 << 20

Progress = Callable[[int, int], None]  # (bytes done, bytes in all)


@dataclass(frozen=True)
class Entry:
    name: str  # inside the archive
    path: Path  # on disk
    size: int


def folder_entries(root: Path, folder: str) -> list[Entry]:
    """Every regular file under ``root/folder`` (links and special files are left out)."""
    base = root / folder
    found: list[Entry] = []
    if not base.is_dir() or base.is_symlink():
        return found
    stack = [base]
    while stack:
        current = stack.pop()
        try:
            items = sorted(os.scandir(current), key=lambda e: e.name)
        except OSError:
            continue
        for item in items:
            if item.is_symlink():
                continue
            if item.is_dir(follow_symlinks=False):
                stack.append(Path(item.path))
            elif item.is_file(follow_symlinks=False):
                rel = Path(item.path).relative_to(root).as_posix()
                try:
                    check_name(rel)
                except BackupError:
                    continue  # a name we could not restore safely (never one we wrote)
                found.append(Entry(rel, Path(item.path), item.stat(follow_symlinks=False)
                                   .st_size))
    return found


class _Hashing:
    """Reads exactly what tarfile asks, hashing it on the way."""

    def __init__(self, raw: BinaryIO, progress: Callable[[int], None]) -> None:
        self.raw = raw
        self.sha = hashlib.sha256()
        self._progress = progress

    def read(self, size: int = -1) -> bytes:
        data = self.raw.read(size)
        self.sha.update(data)
        self._progress(len(data))
        return data


class ArchiveWriter:
    """Writes members one by one into a binary stream; ``finish()`` adds the manifest."""

    def __init__(self, out: Any, total: int, progress: Progress | None = None) -> None:
        # open across calls; finish() closes it
        self._tar = tarfile.open(fileobj=out, mode="w|", format=tarfile.PAX_FORMAT)  # noqa: SIM115
        self.members: dict[str, dict[str, Any]] = {}
        self._done = 0
        self.total = total
        self._progress = progress

    def _advance(self, n: int) -> None:
        self._done += n
        if self._progress is not None:
            self._progress(min(self._done, self.total), self.total)

    def add_file(self, name: str, path: Path) -> bool:
        """Add one file as it is now; False when it vanished since it was listed."""
        try:
            handle = open(path, "rb")  # noqa: SIM115 (closed by the with below)
        except FileNotFoundError:
            return False
        with handle:
            st = os.fstat(handle.fileno())
            info = tarfile.TarInfo(name)
            info.size, info.mtime, info.mode = st.st_size, int(st.st_mtime), 0o600
            hashing = _Hashing(handle, self._advance)
            self._tar.addfile(info, hashing)  # type: ignore[arg-type]
        self.members[name] = {"size": info.size, "sha256": hashing.sha.hexdigest()}
        return True

    def finish(self, manifest: dict[str, Any]) -> dict[str, Any]:
        body = dict(manifest, format=MANIFEST_FORMAT, members=self.members)
        data = json.dumps(body, ensure_ascii=False, indent=1).encode("utf-8")
        info = tarfile.TarInfo(MANIFEST)
        info.size, info.mode = len(data), 0o600
        self._tar.addfile(info, io.BytesIO(data))
        self._tar.close()
        return body


def check_name(name: str) -> tuple[str, ...]:
    """The parts of a member name, or BackupError(UNSAFE_MEMBER): relative, no `..`, no
    empty or dot parts, no backslash, colon or control characters, under a known folder."""
    if (not name or len(name) > MAX_NAME_CHARS or name.startswith("/")
            or any(c in name for c in "\\:") or any(ord(c) < 32 for c in name)):
        raise BackupError(Problem.UNSAFE_MEMBER, detail=repr(name[:80]))
    parts = tuple(name.split("/"))
    if any(p in ("", ".", "..") for p in parts) or len(parts) > MAX_DEPTH:
        raise BackupError(Problem.UNSAFE_MEMBER, detail=repr(name[:80]))
    if name == MANIFEST:
        return parts
    if parts[0] not in ROOTS or len(parts) < 2:
        raise BackupError(Problem.UNSAFE_MEMBER, detail=repr(name[:80]))
    if parts[0] == "database" and name not in (DB_SQLITE, DB_LOGICAL):
        raise BackupError(Problem.UNSAFE_MEMBER, detail=repr(name[:80]))
    return parts


Sink = Callable[[str], BinaryIO | None]  # where a member's bytes go (None: hash only)


def read_archive(stream: Any, sink: Sink, size_hint: int = 0,
                 progress: Progress | None = None) -> dict[str, Any]:
    """Read a whole archive, checking every member, and return its verified manifest.

    Members go to ``sink(name)``; the caller must not trust anything written there unless
    this returns (a later member, the manifest or the final chunk may still fail)."""
    seen: dict[str, dict[str, Any]] = {}
    manifest: dict[str, Any] | None = None
    total = 0
    done = [0]

    def advance(n: int) -> None:
        done[0] += n
        if progress is not None:
            whole = max(size_hint, done[0])
            progress(done[0], whole)

    try:
        with tarfile.open(fileobj=stream, mode="r|") as tar:
            for member in tar:
                if manifest is not None:
                    raise BackupError(Problem.DAMAGED, detail="member after the manifest")
                check_name(member.name)
                if member.type not in (tarfile.REGTYPE, tarfile.AREGTYPE) or member.issparse():
                    raise BackupError(Problem.UNSAFE_MEMBER, detail=repr(member.name[:80]))
                if member.name in seen or len(seen) >= MAX_MEMBERS:
                    raise BackupError(Problem.UNSAFE_MEMBER, detail="duplicate or too many")
                if member.size > MAX_MEMBER_BYTES or total + member.size > MAX_TOTAL_BYTES:
                    raise BackupError(Problem.TOO_BIG)
                total += member.size
                source = tar.extractfile(member)
                if source is None:
                    raise BackupError(Problem.UNSAFE_MEMBER, detail=repr(member.name[:80]))
                if member.name == MANIFEST:
                    if member.size > MAX_MANIFEST_BYTES:
                        raise BackupError(Problem.TOO_BIG)
                    manifest = _parse_manifest(source.read(member.size))
                    continue
                seen[member.name] = _copy(source, member.size, sink(member.name), advance)
    except BackupError:
        raise
    except (tarfile.TarError, EOFError, ValueError, UnicodeError) as exc:
        raise BackupError(Problem.DAMAGED, detail=f"{type(exc).__name__}: {exc}") from exc
    if manifest is None:
        raise BackupError(Problem.DAMAGED, detail="no manifest")
    listed = manifest["members"]
    if listed != seen:
        raise BackupError(Problem.DAMAGED, detail="members differ from the manifest")
    return manifest


def _copy(source: BinaryIO, size: int, dest: BinaryIO | None,
          progress: Callable[[int], Any]) -> dict[str, Any]:
    sha = hashlib.sha256()
    left = size
    try:
        while left > 0:
            piece = source.read(min(PIECE, left))
            if not piece:
                raise BackupError(Problem.DAMAGED, detail="member cut short")
            sha.update(piece)
            if dest is not None:
                dest.write(piece)
            left -= len(piece)
            progress(len(piece))
    finally:
        if dest is not None:
            dest.close()
    return {"size": size, "sha256": sha.hexdigest()}


def _parse_manifest(data: bytes) -> dict[str, Any]:
    try:
        body = json.loads(data)
    except (ValueError, UnicodeError) as exc:
        raise BackupError(Problem.DAMAGED, detail="manifest is not JSON") from exc
    if not isinstance(body, dict) or not isinstance(body.get("members"), dict):
        raise BackupError(Problem.DAMAGED, detail="manifest has no members")
    if not isinstance(body.get("format"), int) or body["format"] > MANIFEST_FORMAT:
        raise BackupError(Problem.NEWER_FORMAT, detail=f"manifest {body.get('format')!r}")
    for meta in body["members"].values():
        if not isinstance(meta, dict) or set(meta) != {"size", "sha256"}:
            raise BackupError(Problem.DAMAGED, detail="manifest entry")
    return body

"""The session vault: channel sessions sealed (AES-256-GCM) in the data folder, decrypted only
into a private runtime folder while the app runs, and sealed back periodically and on stop.

A session is named (``1-3fa9...``) and is either a SQLite file (neonize/whatsmeow) or a small
folder of files (the sandbox). Files in the data folder's ``sessions/``:

- ``<name>.vault``: the sealed session (header + AES-GCM ciphertext of a snapshot);
- ``<name>.db`` / ``<name>/``: a plain session (from before the vault, or UNENCRYPTED mode);
- ``<name>.vault.locked-<time>``: a sealed file set aside by "link again" (never deleted).

All methods block (file I/O, SQLite backup, crypto): call them from a worker thread.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import logging
import os
import shutil
import sqlite3
import stat
import struct
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from whatdesk.domain.errors import SessionLocked, WhatdeskError, WrongPassphrase

from .keys import KeyMode, SessionKey, derive_key, key_id

log = logging.getLogger(__name__)

MAGIC = b"WDVAULT1"
SEALED_SUFFIX = ".vault"
SEAL_INTERVAL_S = 60.0
MAX_SEALED_BYTES = 1024 * 1024 * 1024  # a whatsmeow store is MBs; refuse absurd files
_MAX_HEADER = 4096
_MAX_DIR_FILE = 4 * 1024 * 1024
SQLITE_HEADER = b"SQLite format 3\x00"
_SQLITE_COMPANIONS = ("-wal", "-shm", "-journal")


class SessionKind(StrEnum):
    SQLITE = "sqlite"  # one SQLite database file (whatsmeow's store)
    FOLDER = "folder"  # a folder of small files (the sandbox)


@dataclass(frozen=True)
class LockInfo:
    """Why a sealed session cannot be opened, and whether a passphrase can open it."""

    name: str
    passphrase_can_unlock: bool


def default_runtime_root() -> Path:
    """XDG_RUNTIME_DIR on Linux (per user, 0700, memory-backed), else the per-user temp
    folder (Windows, macOS; /tmp with a per-user sub-folder elsewhere)."""
    xdg = os.environ.get("XDG_RUNTIME_DIR")
    if xdg and sys.platform.startswith("linux") and Path(xdg).is_dir():
        return Path(xdg)
    base = Path(tempfile.gettempdir())
    if os.name == "posix":
        return base / f"whatdesk-{os.getuid()}"
    return base


def runtime_folder(data_dir: Path, root: Path | None = None) -> Path:
    """The private folder of one data folder's working copies."""
    digest = hashlib.sha256(str(Path(data_dir).resolve()).encode("utf-8")).hexdigest()[:16]
    return (root or default_runtime_root()) / "whatdesk-sessions" / digest


def _make_private_dir(path: Path, root: Path) -> None:
    """Create ``path`` (0700) under ``root``; every folder from ``root`` down must be ours and
    no symlink, or someone else could swap the working copies (a shared /tmp)."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    if os.name == "posix":
        folders = [path, *[p for p in path.parents if p.is_relative_to(root)]]
        for folder in folders:
            info = folder.lstat()
            if stat.S_ISLNK(info.st_mode) or info.st_uid != os.getuid():
                raise WhatdeskError(
                    f"A pasta temporária das sessões {folder} não pertence a este usuário.",
                    en=f"The sessions' runtime folder {folder} does not belong to this user.")
            os.chmod(folder, 0o700)


class SessionVault:
    """Seals and opens the sessions of one data folder with one ``SessionKey``."""

    def __init__(self, data_dir: Path, key: SessionKey, runtime_root: Path | None = None,
                 *, seal_interval_s: float = SEAL_INTERVAL_S) -> None:
        self.data_dir = Path(data_dir).resolve()
        self.key = key
        self.sessions_dir = self.data_dir / "sessions"
        root = runtime_root or default_runtime_root()
        self.runtime_dir = runtime_folder(self.data_dir, root)
        self.seal_interval_s = seal_interval_s
        self._lock = threading.RLock()
        self._open: dict[str, SessionKind] = {}
        self._locked: dict[str, LockInfo] = {}
        if key.encrypted:
            _make_private_dir(self.runtime_dir, root)

    @classmethod
    def unencrypted(cls, data_dir: Path) -> SessionVault:
        """Plain session files in ``sessions/`` (tests and tools; the app always passes the
        user's choice)."""
        return cls(data_dir, SessionKey(KeyMode.UNENCRYPTED))

    @property
    def encrypted(self) -> bool:
        return self.key.encrypted

    # ---- paths ---------------------------------------------------------------------------

    def plain_path(self, name: str, kind: SessionKind) -> Path:
        return self.sessions_dir / (f"{name}.db" if kind is SessionKind.SQLITE else name)

    def sealed_path(self, name: str) -> Path:
        return self.sessions_dir / f"{name}{SEALED_SUFFIX}"

    def runtime_path(self, name: str, kind: SessionKind) -> Path:
        return self.runtime_dir / (f"{name}.db" if kind is SessionKind.SQLITE else name)

    def working_path(self, name: str, kind: SessionKind) -> Path:
        """Where the channel reads and writes the session while the app runs."""
        if self.encrypted:
            return self.runtime_path(name, kind)
        return self.plain_path(name, kind)

    def locked(self, name: str) -> LockInfo | None:
        return self._locked.get(name)

    # ---- open / seal / close -------------------------------------------------------------

    def open(self, name: str, kind: SessionKind) -> Path:
        """Make the session's working copy ready (idempotent) and return its path.

        Raises SessionLocked when the sealed session cannot be decrypted with this key."""
        with self._lock:
            if name in self._open:
                return self.working_path(name, kind)
            if self.encrypted:
                self._open_encrypted(name, kind)
            else:
                self._open_plain(name, kind)
            self._locked.pop(name, None)
            self._open[name] = kind
            return self.working_path(name, kind)

    def _open_encrypted(self, name: str, kind: SessionKind) -> None:
        work = self.runtime_path(name, kind)
        plain = self.plain_path(name, kind)
        sealed = self.sealed_path(name)
        if _exists(work, kind):
            # The app stopped without sealing (crash, power loss): the working copy is
            # newer than the sealed one. Use it, and seal it at once.
            log.warning("session %s: using the working copy left by an unclean stop", name)
            self._seal_now(name, kind)
        elif _exists(plain, kind):
            # From before the vault (or from UNENCRYPTED mode): seal it, then remove it.
            log.info("session %s: sealing a plain session file", name)
            _copy_session(plain, work, kind)
            self._seal_now(name, kind)
            _shred(plain, kind)
        elif sealed.exists():
            data, sealed_kind = self._unseal(name, self.key.key)
            _restore(data, sealed_kind, work)

    def _open_plain(self, name: str, kind: SessionKind) -> None:
        plain = self.plain_path(name, kind)
        work = self.runtime_path(name, kind)
        if _exists(plain, kind):
            return
        if _exists(work, kind):  # left by an encrypted run that crashed
            _copy_session(work, plain, kind)
            _shred(work, kind)
            return
        if self.sealed_path(name).exists():
            self._unseal(name, None)  # raises SessionLocked: no key to open it with

    def seal(self, name: str) -> bool:
        """Seal the working copy of an open session (True when a sealed file was written).
        An open session whose working copy is gone (logged out) loses its sealed file too."""
        with self._lock:
            kind = self._open.get(name)
            if kind is None or not self.encrypted:
                return False
            return self._seal_now(name, kind)

    def seal_all(self) -> None:
        for name in list(self._open):
            try:
                self.seal(name)
            except (OSError, sqlite3.Error, WhatdeskError) as exc:
                log.error("session %s could not be sealed: %s", name, exc)

    def close(self, name: str) -> None:
        """Seal and remove the working copy (the client must be stopped first)."""
        with self._lock:
            kind = self._open.get(name)
            if kind is None:
                return
            if self.encrypted:
                work = self.runtime_path(name, kind)
                self._seal_now(name, kind)  # raises: then the working copy stays (no loss)
                _shred(work, kind)
            del self._open[name]

    def close_all(self) -> None:
        for name in list(self._open):
            try:
                self.close(name)
            except (OSError, sqlite3.Error, WhatdeskError) as exc:
                log.error("session %s could not be sealed on stop; its working copy is "
                          "kept for the next start: %s", name, exc)

    def remove(self, name: str, kind: SessionKind) -> None:
        """The connection's session is gone for good (deleted connection): working copy,
        plain and sealed files. A locked sealed file is set aside, never deleted."""
        with self._lock:
            self._open.pop(name, None)
            _shred(self.runtime_path(name, kind), kind)
            _shred(self.plain_path(name, kind), kind)
            if name in self._locked or not self._can_decrypt(name):
                self.set_aside(name)
            else:
                self.sealed_path(name).unlink(missing_ok=True)

    def rekey(self) -> list[str]:
        """After the user switched how sessions are protected: every sealed session the
        previous key opens is sealed again with this key (or, in UNENCRYPTED mode, written
        back in clear). Returns the names done; others are left untouched."""
        done = []
        with self._lock:
            for sealed in sorted(self.sessions_dir.glob(f"*{SEALED_SUFFIX}")):
                name = sealed.name[:-len(SEALED_SUFFIX)]
                if name in self._open:
                    continue
                for old in self.key.previous:
                    try:
                        data, kind = self._unseal(name, old)
                    except SessionLocked:
                        continue
                    self._locked.pop(name, None)
                    if (_exists(self.runtime_path(name, kind), kind)
                            or _exists(self.plain_path(name, kind), kind)):
                        break  # a newer copy (crash leftover, plain file): open() takes it
                    if self.encrypted:
                        _restore(data, kind, self.runtime_path(name, kind))
                        self._seal_now(name, kind)
                        _shred(self.runtime_path(name, kind), kind)
                    else:
                        _restore(data, kind, self.plain_path(name, kind))
                        sealed.unlink()
                    done.append(name)
                    break
        if done:
            log.info("%d session(s) sealed again with the newly chosen key", len(done))
        return done

    # ---- locked sessions -----------------------------------------------------------------

    def unlock(self, name: str, kind: SessionKind, passphrase: str) -> Path:
        """Open a locked session with the passphrase it was sealed with; it is then sealed
        with this vault's key (or kept plain in UNENCRYPTED mode)."""
        with self._lock:
            header, _ = self._read_sealed(name)
            kdf = header.get("kdf")
            if not isinstance(kdf, dict):
                raise WrongPassphrase(
                    "Esta sessão foi guardada com a chave do chaveiro de outro computador ou "
                    "usuário; uma frase-senha não a abre. Vincule a conexão de novo.",
                    en="This session was sealed with the keyring key of another computer or "
                       "user; no passphrase opens it. Link the connection again.")
            key = derive_key(passphrase, kdf)
            try:
                data, sealed_kind = self._unseal(name, key)
            except SessionLocked:
                raise WrongPassphrase("A frase-senha não abre esta sessão.",
                                      en="The passphrase does not open this session.") from None
            target = self.working_path(name, kind)
            _shred(target, kind)
            _restore(data, sealed_kind, target)
            self._open[name] = kind
            self._locked.pop(name, None)
            if self.encrypted:
                self._seal_now(name, kind)
            else:
                self.sealed_path(name).unlink(missing_ok=True)  # it opened: plain is the truth
            return target

    def set_aside(self, name: str) -> Path | None:
        """"Link again": move a locked sealed file out of the way (kept, renamed) so a new
        session can start under this name."""
        with self._lock:
            sealed = self.sealed_path(name)
            self._locked.pop(name, None)
            if not sealed.exists():
                return None
            stamp = time.strftime("%Y%m%d-%H%M%S")
            target = sealed.with_name(f"{sealed.name}.locked-{stamp}")
            n = 1
            while target.exists():
                target = sealed.with_name(f"{sealed.name}.locked-{stamp}-{n}")
                n += 1
            os.replace(sealed, target)
            log.warning("session %s: locked sealed file kept as %s", name, target.name)
            return target

    # ---- internals -----------------------------------------------------------------------

    def _can_decrypt(self, name: str) -> bool:
        if not self.sealed_path(name).exists():
            return True
        try:
            header, _ = self._read_sealed(name)
        except SessionLocked:
            return False
        return bool(self.key.key) and header.get("kid") == self.key.kid

    def _seal_now(self, name: str, kind: SessionKind) -> bool:
        assert self.key.key is not None
        work = self.runtime_path(name, kind)
        sealed = self.sealed_path(name)
        if not _exists(work, kind):
            # the channel deleted its session (log-out, unlinked on the phone)
            if sealed.exists() and self._can_decrypt(name):
                sealed.unlink()
            return False
        data = _snapshot(work, kind)
        header = {"v": 1, "kind": kind.value, "kid": self.key.kid, "kdf": self.key.kdf}
        head = json.dumps(header, sort_keys=True).encode("utf-8")
        prefix = MAGIC + struct.pack(">I", len(head)) + head
        nonce = os.urandom(12)
        blob = prefix + nonce + AESGCM(self.key.key).encrypt(nonce, data, prefix)
        self.sessions_dir.mkdir(parents=True, exist_ok=True)
        _atomic_write(sealed, blob)
        return True

    def _read_sealed(self, name: str) -> tuple[dict[str, Any], bytes]:
        path = self.sealed_path(name)
        try:
            if path.stat().st_size > MAX_SEALED_BYTES:
                raise ValueError("too big")
            blob = path.read_bytes()
            if not blob.startswith(MAGIC):
                raise ValueError("not a whatdesk vault file")
            (size,) = struct.unpack(">I", blob[len(MAGIC):len(MAGIC) + 4])
            if size > _MAX_HEADER:
                raise ValueError("header too big")
            end = len(MAGIC) + 4 + size
            header = json.loads(blob[len(MAGIC) + 4:end].decode("utf-8"))
            if not isinstance(header, dict):
                raise ValueError("bad header")
        except (OSError, ValueError, struct.error) as exc:
            info = LockInfo(name, False)
            self._locked[name] = info
            raise SessionLocked(f"A sessão guardada {path.name} está ilegível: {exc}",
                                en=f"The sealed session {path.name} is unreadable: {exc}") from exc
        return header, blob

    def _unseal(self, name: str, key: bytes | None) -> tuple[bytes, SessionKind]:
        header, blob = self._read_sealed(name)
        info = LockInfo(name, isinstance(header.get("kdf"), dict))
        locked = SessionLocked(
            f"A sessão {name} está bloqueada: foi guardada com outra chave.",
            en=f"The session {name} is locked: it was sealed with another key.")
        if key is None or header.get("kid") != key_id(key):
            self._locked[name] = info
            raise locked
        (size,) = struct.unpack(">I", blob[len(MAGIC):len(MAGIC) + 4])
        split = len(MAGIC) + 4 + size
        nonce, ciphertext = blob[split:split + 12], blob[split + 12:]
        try:
            data = AESGCM(key).decrypt(nonce, ciphertext, blob[:split])
            kind = SessionKind(header.get("kind"))
        except (InvalidTag, ValueError):
            self._locked[name] = info
            raise locked from None
        return data, kind


# ---- session files ---------------------------------------------------------------------------

def _exists(path: Path, kind: SessionKind) -> bool:
    if kind is SessionKind.SQLITE:
        return path.is_file()
    return path.is_dir() and any(p.is_file() for p in path.iterdir())


def _snapshot(path: Path, kind: SessionKind) -> bytes:
    """A consistent copy of a live session: SQLite's online backup API into memory (the
    client may be writing), or the folder's files packed as JSON."""
    if kind is SessionKind.SQLITE:
        src = sqlite3.connect(str(path), timeout=30)
        dst = sqlite3.connect(":memory:")
        try:
            src.backup(dst)
            return bytes(dst.serialize())
        finally:
            dst.close()
            src.close()
    files: dict[str, str] = {}
    for item in sorted(path.iterdir()):
        if item.is_file() and not item.is_symlink() and item.stat().st_size <= _MAX_DIR_FILE:
            files[item.name] = base64.b64encode(item.read_bytes()).decode("ascii")
    return json.dumps({"files": files}).encode("utf-8")


def _restore(data: bytes, kind: SessionKind, target: Path) -> None:
    """Write a decrypted snapshot as a working copy (files 0600)."""
    if kind is SessionKind.SQLITE:
        _write_private(target, data)
        return
    try:
        files = json.loads(data.decode("utf-8"))["files"]
    except (ValueError, KeyError, TypeError) as exc:
        raise SessionLocked(f"A sessão {target.name} está danificada: {exc}") from exc
    target.mkdir(parents=True, exist_ok=True, mode=0o700)
    for name, content in files.items():
        if not isinstance(name, str) or Path(name).name != name or name in ("", ".", ".."):
            continue  # a name from the file never becomes a path outside the folder
        _write_private(target / name, base64.b64decode(content))


def _copy_session(source: Path, target: Path, kind: SessionKind) -> None:
    if kind is SessionKind.SQLITE:
        _write_private(target, _snapshot(source, kind))
    else:
        _restore(_snapshot(source, kind), kind, target)


def _write_private(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0), 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(data)
    with contextlib.suppress(OSError):
        os.chmod(path, 0o600)


def _atomic_write(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0), 0o600)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    if os.name == "posix":
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def shred_file(path: Path) -> None:
    """Overwrite a file with zeros, then unlink it (enough against a later copy of the folder;
    not against forensic recovery on SSDs or copy-on-write file systems)."""
    try:
        size = path.stat().st_size
        with open(path, "r+b") as f:
            remaining = size
            block = b"\0" * 65536
            while remaining > 0:
                n = min(remaining, len(block))
                f.write(block[:n])
                remaining -= n
            f.flush()
            os.fsync(f.fileno())
    except FileNotFoundError:
        return
    except OSError as exc:
        log.warning("could not overwrite %s before deleting it: %s", path.name, exc)
    path.unlink(missing_ok=True)


def _shred(path: Path, kind: SessionKind) -> None:
    if kind is SessionKind.SQLITE:
        for p in [path] + [path.with_name(path.name + s) for s in _SQLITE_COMPANIONS]:
            shred_file(p)
        return
    if path.is_dir():
        for item in path.iterdir():
            if item.is_file() and not item.is_symlink():
                shred_file(item)
        shutil.rmtree(path, ignore_errors=True)

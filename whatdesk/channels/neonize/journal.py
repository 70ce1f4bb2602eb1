"""Append-only inbound journal: raw events written to disk before whatsmeow acknowledges them."""

from __future__ import annotations

import contextlib
import logging
import os
import struct
import threading
import zlib
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

# One record: kind (b"E" entry / b"D" done), sequence number, payload length, CRC32 of the
# payload, then the payload. A torn record at the end (the process died mid-write) fails its
# length or CRC check and is cut off on the next open; whatsmeow had not been answered yet.
_HEADER = struct.Struct(">cQII")
_ENTRY = b"E"
_DONE = b"D"
MAX_ENTRY_BYTES = 64 * 1024 * 1024  # a bigger "length" can only be garbage
COMPACT_IDLE_BYTES = 256 * 1024  # nothing pending and the file is this big: start afresh
COMPACT_BUSY_BYTES = 16 * 1024 * 1024  # entries always pending: rewrite only those
_BINARY = getattr(os, "O_BINARY", 0)  # Windows would otherwise translate newlines


class JournalClosed(OSError):
    """append() while the journal is not open: nothing can be journaled."""


@dataclass(frozen=True)
class JournalEntry:
    seq: int
    code: int  # neonize's event code (EVENT_TO_INT), so a replay parses the right type
    raw: bytes


class InboundJournal:
    """Raw inbound events of one connection, kept on disk until the pipeline commits them.

    ``append()`` runs on whatsmeow's callback thread and returns only after the record is
    fsynced. ``mark_done()`` runs on the event loop and does no I/O while the journal is
    open: done marks are written with the next append (or on close), so the loop never waits
    for a Go thread's fsync. Losing a done mark costs one idempotent replay, never a message.
    Every method is thread-safe.
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._io = threading.Lock()  # the file: appends, compaction, open/close
        self._mem = threading.Lock()  # the maps below; never held during I/O
        self._pending: dict[int, JournalEntry] = {}
        self._done: list[int] = []  # done marks not written yet
        self._next_seq = 1
        self._loaded = False
        self._file: int | None = None
        self._size = 0

    # ---- opening and closing ------------------------------------------------------------

    def open(self) -> list[JournalEntry]:
        """Open for appending. The first time, read what an earlier run left not done (in
        arrival order; returned) and start a fresh file holding only those. Raises OSError."""
        with self._io:
            if not self._loaded:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                pending, last_seq = _read(self.path)
                with self._mem:
                    self._pending = {e.seq: e for e in pending}
                    self._next_seq = last_seq + 1
                self._rewrite_locked()
                self._loaded = True
                return list(pending)
            if self._file is None:  # reopened after close(): memory is the truth
                self._rewrite_locked()
            return self._sorted_pending()

    def close(self) -> None:
        """Write the outstanding done marks and close the file."""
        with self._io:
            if self._file is None:
                return
            with contextlib.suppress(OSError):
                self._write_done_locked()
            os.close(self._file)
            self._file = None

    def __del__(self) -> None:
        with contextlib.suppress(Exception):
            if self._file is not None:
                os.close(self._file)

    # ---- writing ------------------------------------------------------------------------

    def append(self, code: int, raw: bytes) -> int:
        """Write one raw event durably; returns its sequence number. Raises OSError."""
        with self._io:
            if self._file is None:
                raise JournalClosed("the inbound journal is not open")
            with self._mem:
                idle = not self._pending
            if (idle and self._size >= COMPACT_IDLE_BYTES) or self._size >= COMPACT_BUSY_BYTES:
                self._rewrite_locked()  # pending entries only: the done marks are implied
            with self._mem:
                done, self._done = self._done, []
                seq = self._next_seq
                self._next_seq += 1
            payload = struct.pack(">I", code) + raw
            record = b"".join(_HEADER.pack(_DONE, d, 0, 0) for d in done)
            record += _HEADER.pack(_ENTRY, seq, len(payload), zlib.crc32(payload)) + payload
            try:
                _write_all(self._file, record)
                os.fsync(self._file)
            except OSError:
                # Cut a half-written record so the next append starts on a clean boundary.
                with contextlib.suppress(OSError):
                    os.ftruncate(self._file, self._size)
                with self._mem:
                    self._done[:0] = done
                raise
            self._size += len(record)
            with self._mem:
                self._pending[seq] = JournalEntry(seq, code, raw)
            return seq

    def mark_done(self, seq: int) -> None:
        """The event is committed (or can never be): it will not be replayed."""
        with self._mem:
            if self._pending.pop(seq, None) is None:
                return
            self._done.append(seq)
            write_now = self._file is None and self._loaded
        if write_now:  # closed (the channel stopped): no Go thread to wait for
            with self._io, contextlib.suppress(OSError):
                fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | _BINARY)
                try:
                    self._file = fd
                    self._write_done_locked()
                finally:
                    os.close(fd)
                    self._file = None

    def compact(self) -> None:
        """Rewrite the file now with only the entries still pending: the raw events already
        committed leave the disk (an erased contact's messages, LGPD)."""
        with self._io:
            if not self._loaded:
                compact_journal_file(self.path)
                return
            was_closed = self._file is None
            self._rewrite_locked()
            if was_closed and self._file is not None:
                os.close(self._file)
                self._file = None

    def pending_count(self) -> int:
        with self._mem:
            return len(self._pending)

    # ---- internals ----------------------------------------------------------------------

    def _sorted_pending(self) -> list[JournalEntry]:
        with self._mem:
            return sorted(self._pending.values(), key=lambda e: e.seq)

    def _write_done_locked(self) -> None:
        with self._mem:
            done, self._done = self._done, []
        if not done or self._file is None:
            return
        try:
            _write_all(self._file, b"".join(_HEADER.pack(_DONE, d, 0, 0) for d in done))
        except OSError:
            with self._mem:
                self._done[:0] = done
            raise
        self._size += _HEADER.size * len(done)

    def _rewrite_locked(self) -> None:
        """Replace the file by one holding only the pending entries (atomic rename)."""
        entries = self._sorted_pending()
        tmp = self.path.with_name(self.path.name + ".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | _BINARY, 0o600)
        size = 0
        try:
            for entry in entries:
                payload = struct.pack(">I", entry.code) + entry.raw
                record = _HEADER.pack(_ENTRY, entry.seq, len(payload), zlib.crc32(payload))
                _write_all(fd, record + payload)
                size += len(record) + len(payload)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, self.path)
        _fsync_dir(self.path.parent)
        written = {e.seq for e in entries}
        with self._mem:
            # A done mark is implied by its entry's absence, unless the entry was marked
            # done after the snapshot above and so is in the new file.
            self._done = [d for d in self._done if d in written]
        if self._file is not None:
            os.close(self._file)
        self._file = os.open(self.path, os.O_WRONLY | os.O_APPEND | _BINARY, 0o600)
        self._size = size


def compact_journal_file(path: Path) -> None:
    """The same for the journal of a connection not running: keep its pending entries."""
    path = Path(path)
    if not path.exists():
        return
    journal = InboundJournal(path)
    journal.open()  # reads the pending entries and rewrites the file with only those
    journal.close()


def _read(path: Path) -> tuple[list[JournalEntry], int]:
    """Entries without a done mark, and the highest sequence number seen."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return [], 0
    entries: dict[int, JournalEntry] = {}
    last = 0
    pos = 0
    while pos + _HEADER.size <= len(data):
        kind, seq, length, crc = _HEADER.unpack_from(data, pos)
        body = pos + _HEADER.size
        if kind not in (_ENTRY, _DONE) or length > MAX_ENTRY_BYTES or body + length > len(data):
            break
        payload = data[body:body + length]
        if kind == _ENTRY:
            if length < 4 or zlib.crc32(payload) != crc:
                break
            (code,) = struct.unpack_from(">I", payload)
            entries[seq] = JournalEntry(seq, code, payload[4:])
        else:
            entries.pop(seq, None)
        last = max(last, seq)
        pos = body + length
    if pos < len(data):
        log.warning("inbound journal %s: %d trailing bytes of an interrupted write ignored",
                    path.name, len(data) - pos)
    return sorted(entries.values(), key=lambda e: e.seq), last


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":  # Windows cannot open a folder; its rename is durable enough
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)

"""The encrypted `.wdbackup` container: a clear header, then AES-256-GCM chunks (STREAM).

Layout (all integers big-endian)::

    header   magic "WDBACKUP" | format u16 | kdf u8 | log2(N) u8 | r u8 | p u8
             | salt 16 | nonce prefix 7 | chunk size u32                       (41 bytes)
    check    AES-GCM tag of nothing, nonce = prefix | FFFFFFFF | 02, AAD = header (16 bytes)
    chunks   AES-GCM(chunk), nonce = prefix | counter u32 | last u8, AAD = header

The key comes from the passphrase through scrypt with the header's salt and parameters.
Every chunk but the last holds exactly ``chunk size`` bytes of plaintext; the last one
(possibly empty) carries the flag 1 in its nonce, so a file cut at a chunk boundary, cut
inside a chunk, extended, reordered or edited anywhere fails authentication. The check tag
tells a wrong passphrase (or an edited header) apart before any chunk is read. Memory use is
one chunk, whatever the size of the backup.
"""

from __future__ import annotations

import os
import struct
from dataclasses import dataclass
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from .errors import BackupError, Problem

MAGIC = b"WDBACKUP"
FORMAT_VERSION = 1
KDF_SCRYPT = 1
_HEADER = struct.Struct(">8sHBBBB16s7sI")
HEADER_SIZE = _HEADER.size
TAG_SIZE = 16
DEFAULT_CHUNK_SIZE = 1 << 20
MIN_CHUNK_SIZE, MAX_CHUNK_SIZE = 1 << 12, 1 << 24
# scrypt N = 2**17, r = 8, p = 1: 128 MiB and about a second, the usual advice for files
# at rest. A header may ask for at most 512 MiB and four times that work (a file must not
# make us use gigabytes or minutes).
DEFAULT_LOG2_N, DEFAULT_R, DEFAULT_P = 17, 8, 1
_LIMITS = {"log2_n": (10, 20), "r": (1, 16), "p": (1, 4)}
MAX_KDF_MEMORY = 512 << 20  # 128 * r * N bytes
MAX_KDF_WORK = (1 << 17) * 8 * 4  # N * r * p: four times the default's time
_CHECK_COUNTER = 0xFFFFFFFF
MIN_PASSPHRASE_CHARS = 8


@dataclass(frozen=True)
class KdfParams:
    log2_n: int = DEFAULT_LOG2_N
    r: int = DEFAULT_R
    p: int = DEFAULT_P


@dataclass(frozen=True)
class Header:
    version: int
    kdf: KdfParams
    salt: bytes
    nonce_prefix: bytes
    chunk_size: int
    raw: bytes


def _derive(passphrase: str, salt: bytes, kdf: KdfParams) -> AESGCM:
    n = 1 << kdf.log2_n
    key = Scrypt(salt=salt, length=32, n=n, r=kdf.r, p=kdf.p).derive(passphrase.encode("utf-8"))
    return AESGCM(key)


def _nonce(prefix: bytes, counter: int, last: bool) -> bytes:
    return prefix + struct.pack(">IB", counter, 2 if counter == _CHECK_COUNTER else int(last))


def read_header(stream: BinaryIO) -> Header:
    """Parse and bound-check the clear header (no key needed); raises BackupError."""
    raw = stream.read(HEADER_SIZE)
    if len(raw) < 10 or raw[:8] != MAGIC:
        raise BackupError(Problem.NOT_A_BACKUP)
    (version,) = struct.unpack(">H", raw[8:10])
    if version > FORMAT_VERSION:
        raise BackupError(Problem.NEWER_FORMAT, detail=f"format {version}")
    if len(raw) < HEADER_SIZE or version < 1:
        raise BackupError(Problem.DAMAGED, detail="short or invalid header")
    _, _, kdf, log2_n, r, p, salt, prefix, chunk_size = _HEADER.unpack(raw)
    params = KdfParams(log2_n, r, p)
    bounds_ok = all(lo <= getattr(params, name) <= hi for name, (lo, hi) in _LIMITS.items()) \
        and 128 * r * (1 << log2_n) <= MAX_KDF_MEMORY and (1 << log2_n) * r * p <= MAX_KDF_WORK
    if kdf != KDF_SCRYPT or not bounds_ok or not MIN_CHUNK_SIZE <= chunk_size <= MAX_CHUNK_SIZE:
        raise BackupError(Problem.DAMAGED, detail="header parameters out of range")
    return Header(version, params, salt, prefix, chunk_size, raw)


class EncryptingWriter:
    """A write-only binary stream that encrypts into ``out`` chunk by chunk."""

    def __init__(self, out: BinaryIO, passphrase: str, kdf: KdfParams | None = None,
                 chunk_size: int | None = None) -> None:
        if len(passphrase) < MIN_PASSPHRASE_CHARS:
            raise BackupError(Problem.WEAK_PASSPHRASE)
        kdf = kdf or KdfParams(DEFAULT_LOG2_N, DEFAULT_R, DEFAULT_P)
        chunk_size = chunk_size or DEFAULT_CHUNK_SIZE
        salt, prefix = os.urandom(16), os.urandom(7)
        self._header = _HEADER.pack(MAGIC, FORMAT_VERSION, KDF_SCRYPT, kdf.log2_n, kdf.r,
                                    kdf.p, salt, prefix, chunk_size)
        self._aead = _derive(passphrase, salt, kdf)
        self._prefix = prefix
        self._chunk_size = chunk_size
        self._out = out
        self._buffer = bytearray()
        self._counter = 0
        self._closed = False
        out.write(self._header)
        out.write(self._aead.encrypt(_nonce(prefix, _CHECK_COUNTER, False), b"", self._header))

    def write(self, data: bytes | bytearray | memoryview) -> int:
        if self._closed:
            raise ValueError("write to a closed backup stream")
        self._buffer += data
        # strictly more than one chunk: the last chunk may be a full one
        while len(self._buffer) > self._chunk_size:
            self._emit(bytes(self._buffer[:self._chunk_size]), last=False)
            del self._buffer[:self._chunk_size]
        return len(data)

    def _emit(self, plain: bytes, last: bool) -> None:
        if self._counter >= _CHECK_COUNTER:
            raise BackupError(Problem.TOO_BIG)
        nonce = _nonce(self._prefix, self._counter, last)
        self._out.write(self._aead.encrypt(nonce, plain, self._header))
        self._counter += 1

    def close(self) -> None:
        """Write the final chunk (the file is incomplete without it)."""
        if not self._closed:
            self._emit(bytes(self._buffer), last=True)
            self._buffer.clear()
            self._closed = True


class DecryptingReader:
    """A read-only binary stream over a container; every byte it returns is authenticated.

    ``read_to_end()`` must be called after the consumer is done: only the final chunk
    proves that nothing was cut off or appended."""

    def __init__(self, stream: BinaryIO, passphrase: str) -> None:
        self.header = read_header(stream)
        self._aead = _derive(passphrase, self.header.salt, self.header.kdf)
        check = stream.read(TAG_SIZE)
        if len(check) < TAG_SIZE:
            raise BackupError(Problem.DAMAGED, detail="cut short after the header")
        try:
            self._aead.decrypt(_nonce(self.header.nonce_prefix, _CHECK_COUNTER, False), check,
                               self.header.raw)
        except InvalidTag:
            raise BackupError(Problem.WRONG_PASSPHRASE) from None
        self._stream = stream
        self._counter = 0
        self._buffer = b""
        self._pos = 0
        self._finished = False
        self._pending = stream.read(self.header.chunk_size + TAG_SIZE)

    def _next_chunk(self) -> None:
        sealed = self._pending
        self._pending = self._stream.read(self.header.chunk_size + TAG_SIZE)
        last = not self._pending
        if len(sealed) < TAG_SIZE or (not last and len(sealed) != self.header.chunk_size
                                      + TAG_SIZE):
            raise BackupError(Problem.DAMAGED, detail=f"chunk {self._counter} cut short")
        nonce = _nonce(self.header.nonce_prefix, self._counter, last)
        try:
            self._buffer = self._aead.decrypt(nonce, sealed, self.header.raw)
        except InvalidTag:
            raise BackupError(Problem.DAMAGED, detail=f"chunk {self._counter} fails "
                              "authentication (cut short, altered or extended)") from None
        self._pos = 0
        self._counter += 1
        self._finished = last

    def read(self, size: int = -1) -> bytes:
        parts: list[bytes] = []
        wanted = size if size >= 0 else None
        while wanted is None or wanted > 0:
            if self._pos >= len(self._buffer):
                if self._finished:
                    break
                self._next_chunk()
                continue
            end = len(self._buffer) if wanted is None else min(len(self._buffer),
                                                                self._pos + wanted)
            piece = self._buffer[self._pos:end]
            self._pos = end
            parts.append(piece)
            if wanted is not None:
                wanted -= len(piece)
        return b"".join(parts)

    def read_to_end(self) -> bool:
        """Authenticate the rest of the file; True when what was left is only zero padding
        (a tar stream ends with zero blocks its reader does not consume)."""
        clean = True
        while True:
            piece = self.read(1 << 20)
            if not piece:
                return clean
            clean = clean and not piece.strip(b"\0")

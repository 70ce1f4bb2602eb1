"""Content-addressed media files: media/<connection>/<yyyy-mm>/<sha256>.<ext>, written off the loop."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
import os
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from whatdesk.domain.enums import MessageKind
from whatdesk.domain.errors import MessageTooLarge

log = logging.getLogger(__name__)

MEDIA_UNAVAILABLE = "mídia indisponível"
MEDIA_TOO_LARGE = "mídia acima do limite"

MB = 1024 * 1024
CHUNK_BYTES = MB  # files are hashed and written this much at a time

# The largest received file of each kind that is downloaded, in MB: WhatsApp's own limits
# (16 MB for photos and stickers; audio and video up to 64 MB on recent clients; documents
# from 100 MB up to 2 GB, capped here at 100 MB so one message cannot fill the disk).
DEFAULT_MAX_MB: Mapping[MessageKind, int] = {
    MessageKind.IMAGE: 16,
    MessageKind.STICKER: 16,
    MessageKind.AUDIO: 64,
    MessageKind.VOICE: 64,
    MessageKind.VIDEO: 64,
    MessageKind.DOCUMENT: 100,
}
# The setting that overrides them: {"video": 200, "document": 500} (MB per kind), or one
# number for every kind.
MEDIA_LIMITS_SETTING = "inbound_media_max_mb"


@dataclass(frozen=True)
class MediaLimits:
    """Size caps for received media, per message kind (MB)."""

    max_mb: Mapping[MessageKind, int] = field(default_factory=lambda: dict(DEFAULT_MAX_MB))

    def max_bytes(self, kind: MessageKind) -> int:
        return self.max_mb.get(kind, DEFAULT_MAX_MB[MessageKind.DOCUMENT]) * MB

    @classmethod
    def from_setting(cls, value: object) -> MediaLimits:
        """The defaults overridden by the setting's value; a part that is not a positive
        whole number of MB is ignored (and logged), never an error."""
        limits = dict(DEFAULT_MAX_MB)
        if value is None:
            return cls(limits)
        if _is_mb(value):
            return cls({kind: int(value) for kind in limits})  # type: ignore[call-overload]
        if not isinstance(value, dict):
            log.warning("setting %s ignored: not a number or a table", MEDIA_LIMITS_SETTING)
            return cls(limits)
        for key, mb in value.items():
            try:
                kind = MessageKind(str(key))
            except ValueError:
                kind = None
            if kind not in limits or not _is_mb(mb):
                log.warning("setting %s: entry %r ignored", MEDIA_LIMITS_SETTING, key)
                continue
            limits[kind] = int(mb)
        return cls(limits)


def _is_mb(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0

# The only extensions a stored file can get. A name chosen by the sender is never used for
# the path, so "../../x.exe" in a message cannot escape the media folder.
MIME_EXTENSIONS: dict[str, str] = {
    "image/jpeg": "jpg",
    "image/png": "png",
    "image/webp": "webp",
    "image/gif": "gif",
    "image/heic": "heic",
    "video/mp4": "mp4",
    "video/3gpp": "3gp",
    "video/quicktime": "mov",
    "video/webm": "webm",
    "audio/ogg": "ogg",
    "audio/opus": "opus",
    "audio/mpeg": "mp3",
    "audio/mp4": "m4a",
    "audio/aac": "aac",
    "audio/amr": "amr",
    "audio/wav": "wav",
    "audio/x-wav": "wav",
    "application/pdf": "pdf",
    "application/zip": "zip",
    "application/x-rar-compressed": "rar",
    "application/vnd.rar": "rar",
    "application/msword": "doc",
    "application/vnd.ms-excel": "xls",
    "application/vnd.ms-powerpoint": "ppt",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": "pptx",
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
    "text/plain": "txt",
    "text/csv": "csv",
    "text/vcard": "vcf",
    "text/x-vcard": "vcf",
}
FALLBACK_EXTENSION = "bin"
_EXT_TO_MIME = {ext: mime for mime, ext in reversed(list(MIME_EXTENSIONS.items()))}


def extension_for(mime: str | None) -> str:
    """The whitelisted extension for a MIME type ("audio/ogg; codecs=opus" -> "ogg")."""
    base = (mime or "").split(";", 1)[0].strip().lower()
    return MIME_EXTENSIONS.get(base, FALLBACK_EXTENSION)


def mime_for_path(path: Path) -> str:
    return _EXT_TO_MIME.get(path.suffix.lower().lstrip("."), "application/octet-stream")


@dataclass(frozen=True)
class SavedFile:
    path: Path  # absolute
    mime: str
    size: int
    sha256: str


class MediaStore:
    """Stores bytes under ``root`` by their SHA-256; identical content is written once."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root).resolve()

    def path_for(self, connection_id: int, when: datetime, sha256: str, mime: str | None) -> Path:
        if not isinstance(connection_id, int) or len(sha256) != 64 or not all(
            c in "0123456789abcdef" for c in sha256
        ):
            raise ValueError("identificador de mídia inválido")
        return self.root / str(connection_id) / f"{when:%Y-%m}" / f"{sha256}.{extension_for(mime)}"

    def save_sync(self, connection_id: int, data: bytes | bytearray | memoryview,
                  mime: str | None, when: datetime, max_bytes: int | None = None) -> SavedFile:
        """Store bytes already in memory: written and hashed in slices of the caller's
        buffer, never copied whole. MessageTooLarge (nothing written) over ``max_bytes``."""
        view = memoryview(data).cast("B")
        if max_bytes is not None and len(view) > max_bytes:
            raise MessageTooLarge(f"arquivo de {len(view)} bytes acima do limite de {max_bytes}")
        chunks = (view[i:i + CHUNK_BYTES] for i in range(0, len(view), CHUNK_BYTES))
        return self._store_chunks(connection_id, chunks, mime, when, max_bytes)

    async def save(self, connection_id: int, data: bytes | bytearray | memoryview,
                   mime: str | None, when: datetime, max_bytes: int | None = None) -> SavedFile:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(None, self.save_sync, connection_id, data, mime,
                                          when, max_bytes)

    def import_file_sync(self, connection_id: int, source: Path, mime: str | None,
                         when: datetime) -> SavedFile:
        """Copy a file the agent picked into the store (hashing while copying)."""
        source = Path(source)
        if not source.is_file():
            raise FileNotFoundError(f"Arquivo não encontrado: {source}")
        with source.open("rb") as src:
            return self._store_chunks(connection_id, _read_chunks(src),
                                      mime or mime_for_path(source), when)

    async def import_file(self, connection_id: int, source: Path, mime: str | None,
                          when: datetime) -> SavedFile:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(None, self.import_file_sync, connection_id, source,
                                          mime, when)

    def _store_chunks(self, connection_id: int, chunks: Iterable[bytes | memoryview],
                      mime: str | None, when: datetime,
                      max_bytes: int | None = None) -> SavedFile:
        """Stream into a temporary file beside the target, hashing as it goes, then rename
        it to its content address: a crash never leaves a half file under a final name
        (which would look like valid, deduplicated content), and a stream that passes
        ``max_bytes`` is cut off and removed (MessageTooLarge)."""
        folder = self.root / str(connection_id) / f"{when:%Y-%m}"
        folder.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256()
        size = 0
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".part-")
        try:
            with os.fdopen(fd, "wb") as out:
                for chunk in chunks:
                    size += len(chunk)
                    if max_bytes is not None and size > max_bytes:
                        raise MessageTooLarge(f"arquivo acima do limite de {max_bytes} bytes")
                    digest.update(chunk)
                    out.write(chunk)
            sha = digest.hexdigest()
            target = self.path_for(connection_id, when, sha, mime)
            if target.exists() and target.stat().st_size == size:
                os.unlink(tmp)  # identical content is already stored
            else:
                os.replace(tmp, target)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
        base_mime = (mime or "application/octet-stream").split(";", 1)[0].strip().lower()
        return SavedFile(target, base_mime, size, sha)

    def contains(self, path: Path) -> bool:
        try:
            Path(path).resolve().relative_to(self.root)
        except ValueError:
            return False
        return True


def _read_chunks(src: Any) -> Iterator[bytes]:
    while chunk := src.read(CHUNK_BYTES):
        yield chunk


__all__ = ["DEFAULT_MAX_MB", "MEDIA_LIMITS_SETTING", "MEDIA_TOO_LARGE", "MEDIA_UNAVAILABLE",
           "MediaLimits", "MediaStore", "SavedFile", "extension_for", "mime_for_path"]

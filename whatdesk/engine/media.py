"""Content-addressed media files: media/<connection>/<yyyy-mm>/<sha256>.<ext>, written off the loop."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import os
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

MEDIA_UNAVAILABLE = "mídia indisponível"

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

    def save_sync(self, connection_id: int, data: bytes, mime: str | None, when: datetime) -> SavedFile:
        sha = hashlib.sha256(data).hexdigest()
        target = self.path_for(connection_id, when, sha, mime)
        if not (target.exists() and target.stat().st_size == len(data)):
            target.parent.mkdir(parents=True, exist_ok=True)
            # Write beside the target and rename: a crash never leaves a half file under the
            # final name (which would look like valid, deduplicated content).
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".part-")
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(data)
                os.replace(tmp, target)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
                raise
        base_mime = (mime or "application/octet-stream").split(";", 1)[0].strip().lower()
        return SavedFile(target, base_mime, len(data), sha)

    async def save(self, connection_id: int, data: bytes, mime: str | None, when: datetime) -> SavedFile:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(None, self.save_sync, connection_id, data, mime, when)

    def import_file_sync(self, connection_id: int, source: Path, mime: str | None,
                         when: datetime) -> SavedFile:
        """Copy a file the agent picked into the store (hashing while copying)."""
        source = Path(source)
        if not source.is_file():
            raise FileNotFoundError(f"Arquivo não encontrado: {source}")
        mime = mime or mime_for_path(source)
        digest = hashlib.sha256()
        tmp_dir = self.root / str(connection_id) / f"{when:%Y-%m}"
        tmp_dir.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=tmp_dir, prefix=".part-")
        size = 0
        try:
            with os.fdopen(fd, "wb") as out, source.open("rb") as src:
                while chunk := src.read(1 << 20):
                    digest.update(chunk)
                    size += len(chunk)
                    out.write(chunk)
            sha = digest.hexdigest()
            target = self.path_for(connection_id, when, sha, mime)
            if target.exists() and target.stat().st_size == size:
                os.unlink(tmp)
            else:
                os.replace(tmp, target)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
        return SavedFile(target, mime.split(";", 1)[0].strip().lower(), size, sha)

    async def import_file(self, connection_id: int, source: Path, mime: str | None,
                          when: datetime) -> SavedFile:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(None, self.import_file_sync, connection_id, source,
                                          mime, when)

    def contains(self, path: Path) -> bool:
        try:
            Path(path).resolve().relative_to(self.root)
        except ValueError:
            return False
        return True


__all__ = ["MEDIA_UNAVAILABLE", "MediaStore", "SavedFile", "extension_for", "mime_for_path"]

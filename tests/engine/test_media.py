"""Media files are named by their content, never by what a message claims."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

import pytest

from whatdesk.domain.enums import MessageKind
from whatdesk.domain.errors import MessageTooLarge
from whatdesk.engine.media import CHUNK_BYTES, MB, MediaLimits, MediaStore, extension_for

WHEN = datetime(2025, 3, 9, 15, 0, tzinfo=UTC)


async def test_file_is_stored_under_connection_month_and_hash(tmp_path):
    store = MediaStore(tmp_path / "media")
    data = b"\x89PNG fake image bytes"
    saved = await store.save(3, data, "image/png", WHEN)
    sha = hashlib.sha256(data).hexdigest()
    assert saved.path == (tmp_path / "media" / "3" / "2025-03" / f"{sha}.png").resolve()
    assert saved.path.read_bytes() == data
    assert (saved.size, saved.sha256, saved.mime) == (len(data), sha, "image/png")


async def test_identical_content_is_written_once(tmp_path):
    store = MediaStore(tmp_path / "media")
    first = await store.save(1, b"same bytes", "application/pdf", WHEN)
    second = await store.save(1, b"same bytes", "application/pdf", WHEN)
    other = await store.save(1, b"other bytes", "application/pdf", WHEN)
    assert first.path == second.path != other.path
    assert sorted(p.name for p in first.path.parent.iterdir()) == sorted(
        [first.path.name, other.path.name])  # no temporary leftovers


@pytest.mark.parametrize("mime, ext", [
    ("audio/ogg; codecs=opus", "ogg"),
    ("IMAGE/JPEG", "jpg"),
    ("application/x-msdownload", "bin"),
    ("../../etc/passwd", "bin"),
    ("", "bin"),
    (None, "bin"),
])
def test_extension_comes_only_from_the_whitelist(mime, ext):
    assert extension_for(mime) == ext


async def test_hostile_mime_and_names_cannot_escape_the_media_folder(tmp_path):
    root = tmp_path / "media"
    store = MediaStore(root)
    saved = await store.save(1, b"MZ evil", "../../../x/..\\evil.exe", WHEN)
    assert saved.path.parent == (root / "1" / "2025-03").resolve()
    assert saved.path.suffix == ".bin"
    assert store.contains(saved.path)
    assert not store.contains(tmp_path / "elsewhere.txt")
    with pytest.raises(ValueError):
        store.path_for(1, WHEN, "../" * 10 + "a" * 34, "image/png")


async def test_agent_file_is_copied_into_the_store(tmp_path):
    src = tmp_path / "Orçamento final.pdf"
    src.write_bytes(b"%PDF-1.4 quote")
    store = MediaStore(tmp_path / "media")
    saved = await store.import_file(2, src, None, WHEN)
    assert saved.mime == "application/pdf" and saved.path.suffix == ".pdf"
    assert saved.path.read_bytes() == src.read_bytes()
    src.unlink()  # the queued message no longer depends on the original
    assert saved.path.exists()


async def test_save_over_max_bytes_writes_nothing(tmp_path):
    store = MediaStore(tmp_path / "media")
    with pytest.raises(MessageTooLarge):
        await store.save(1, bytearray(3 * CHUNK_BYTES), "video/mp4", WHEN,
                         max_bytes=2 * CHUNK_BYTES)
    assert [p for p in (tmp_path / "media").rglob("*") if p.is_file()] == []


async def test_content_spanning_several_chunks_is_stored_whole(tmp_path):
    store = MediaStore(tmp_path / "media")
    data = bytes(range(256)) * (CHUNK_BYTES // 128 + 3)  # a bit over two chunks
    saved = await store.save(1, memoryview(data), "video/mp4", WHEN, max_bytes=len(data))
    assert saved.path.read_bytes() == data
    assert saved.sha256 == hashlib.sha256(data).hexdigest() and saved.size == len(data)


@pytest.mark.parametrize("setting, video_mb, image_mb", [
    (None, 64, 16),
    (200, 200, 200),  # one number: every kind
    ({"video": 128}, 128, 16),
    ({"video": -1, "image": "big", "bogus": 5, "audio": True}, 64, 16),  # ignored, not fatal
    ("lots", 64, 16),
])
def test_media_limits_come_from_the_setting_over_the_defaults(setting, video_mb, image_mb):
    limits = MediaLimits.from_setting(setting)
    assert limits.max_bytes(MessageKind.VIDEO) == video_mb * MB
    assert limits.max_bytes(MessageKind.IMAGE) == image_mb * MB
    assert limits.max_bytes(MessageKind.DOCUMENT) == (200 if setting == 200 else 100) * MB

"""Media files are named by their content, never by what a message claims."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

import pytest

from whatdesk.engine.media import MediaStore, extension_for

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

"""Received media: a size cap per kind (declared size checked before any download, actual
bytes capped while written) and no second download of a message already stored."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from whatdesk.domain.enums import MessageKind
from whatdesk.domain.events import InboundMessage, MediaInfo
from whatdesk.engine.inbound import InboundPipeline
from whatdesk.engine.media import MB, MEDIA_LIMITS_SETTING, MEDIA_TOO_LARGE, MediaStore
from whatdesk.store import list_messages, list_tickets, set_setting

ANA = "5511987654321@s.whatsapp.net"
WHEN = datetime(2025, 2, 3, 10, 0, tzinfo=UTC)


class Downloads:
    """A channel's media download: counts how often it is asked for the bytes."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.count = 0

    async def __call__(self) -> bytes:
        self.count += 1
        return self.data


def media_msg(wa_id: str, kind: MessageKind, mime: str, size: int | None,
              download: Downloads) -> InboundMessage:
    return InboundMessage(wa_id=wa_id, chat=ANA, sender=ANA, timestamp=WHEN, kind=kind,
                          sender_phone="5511987654321", push_name="Ana", text="",
                          media=MediaInfo(mime=mime, size=size, download=download))


@pytest.fixture
def media_root(tmp_path):
    return tmp_path / "media"


@pytest.fixture
def pipeline(db, bus, media_root):
    return InboundPipeline(db, bus, MediaStore(media_root))


def stored(db):
    tickets = db.read_sync(lambda s: list_tickets(s, limit=50))
    return [m for t in tickets for m in db.read_sync(lambda s, t=t: list_messages(s, t.id))]


def files_under(root):
    return sorted(p.name for p in root.rglob("*") if p.is_file()) if root.exists() else []


@pytest.mark.parametrize("kind, mime, declared", [
    (MessageKind.IMAGE, "image/jpeg", 16 * MB + 1),
    (MessageKind.VIDEO, "video/mp4", 64 * MB + 1),
    (MessageKind.VOICE, "audio/ogg; codecs=opus", 64 * MB + 1),
    (MessageKind.DOCUMENT, "application/pdf", 2 * 1024 * MB),
])
async def test_media_declared_over_the_limit_is_stored_with_a_note_and_never_downloaded(
        pipeline, db, connection_id, media_root, kind, mime, declared):
    download = Downloads(b"never fetched")
    await pipeline.submit(connection_id, media_msg("BIG", kind, mime, declared, download))
    await pipeline.drain()
    (row,) = stored(db)
    assert download.count == 0
    assert (row.kind, row.error, row.media_path, row.media_size) == (
        kind, MEDIA_TOO_LARGE, None, declared)
    assert files_under(media_root) == []


async def test_media_at_the_limit_is_downloaded(pipeline, db, connection_id):
    db.write_sync(lambda s: set_setting(s, MEDIA_LIMITS_SETTING, {"image": 1}))
    download = Downloads(b"\xff" * MB)
    await pipeline.submit(connection_id, media_msg(
        "EXACT", MessageKind.IMAGE, "image/jpeg", MB, download))
    await pipeline.drain()
    (row,) = stored(db)
    assert download.count == 1 and row.error is None and row.media_size == MB


async def test_media_larger_than_it_declared_is_discarded_with_nothing_left_on_disk(
        pipeline, db, connection_id, media_root):
    db.write_sync(lambda s: set_setting(s, MEDIA_LIMITS_SETTING, {"image": 1}))
    liar = Downloads(b"\x00" * (MB + 1))  # declared 1 KB, delivers over the 1 MB cap
    await pipeline.submit(connection_id, media_msg(
        "LIAR", MessageKind.IMAGE, "image/jpeg", 1024, liar))
    await pipeline.drain()
    (row,) = stored(db)
    assert liar.count == 1
    assert (row.error, row.media_path) == (MEDIA_TOO_LARGE, None)
    assert files_under(media_root) == []  # no half-written temporary file either


async def test_the_setting_overrides_the_default_cap(pipeline, db, connection_id):
    declared = 20 * MB  # over the 16 MB default for images
    first = Downloads(b"jpeg bytes 1")
    await pipeline.submit(connection_id, media_msg(
        "DEFAULT", MessageKind.IMAGE, "image/jpeg", declared, first))
    await pipeline.drain()
    db.write_sync(lambda s: set_setting(s, MEDIA_LIMITS_SETTING, {"image": 32}))
    second = Downloads(b"jpeg bytes 2")
    await pipeline.submit(connection_id, media_msg(
        "RAISED", MessageKind.IMAGE, "image/jpeg", declared, second))
    await pipeline.drain()
    assert (first.count, second.count) == (0, 1)
    assert [r.error for r in stored(db)] == [MEDIA_TOO_LARGE, None]


async def test_a_redelivered_media_message_is_not_downloaded_again(
        pipeline, db, connection_id, media_root):
    first = Downloads(b"%PDF-1.4 boleto")
    await pipeline.submit(connection_id, media_msg(
        "DOC1", MessageKind.DOCUMENT, "application/pdf", 15, first))
    await pipeline.drain()
    again = Downloads(b"%PDF-1.4 boleto")  # WhatsApp (or a journal replay) delivers it again
    await pipeline.submit(connection_id, media_msg(
        "DOC1", MessageKind.DOCUMENT, "application/pdf", 15, again))
    await pipeline.drain()
    (row,) = stored(db)
    assert (first.count, again.count) == (1, 0)
    assert row.media_path is not None and len(files_under(media_root)) == 1

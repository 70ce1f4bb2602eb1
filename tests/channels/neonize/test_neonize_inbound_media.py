"""Received media through the neonize adapter: the size WhatsApp declares (fileLength) is
checked before Go is asked to download, and a redelivered message is not fetched again."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from neonize.proto.waE2E import WAWebProtobufsE2E_pb2 as E
from neonize_factories import connect, deliver, message_ev

from whatdesk.domain.events import InboundMessage
from whatdesk.engine.bus import EventBus
from whatdesk.engine.inbound import InboundPipeline
from whatdesk.engine.media import MB, MEDIA_TOO_LARGE, MediaStore
from whatdesk.store import Database, create_connection, list_messages, list_tickets, sqlite_url


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = Database.open(sqlite_url(tmp_path / "whatdesk.db"))
    yield database
    database.close()


async def receive_into_store(channel, sink, db: Database, pipeline: InboundPipeline, cid: int,
                             message: E.Message, msg_id: str) -> None:
    """WhatsApp delivers the event (real dispatch handler); the app's pipeline stores it."""
    before = len(sink.of(InboundMessage))
    await deliver(channel, message_ev(message, msg_id=msg_id))
    for inbound in sink.of(InboundMessage)[before:]:
        await pipeline.submit(cid, inbound)
    await pipeline.drain()


def stored(db: Database):
    tickets = db.read_sync(lambda s: list_tickets(s, limit=50))
    return [m for t in tickets for m in db.read_sync(lambda s, t=t: list_messages(s, t.id))]


async def test_video_declared_over_the_cap_never_reaches_go_download(
        channel, sink, fake_go, db, tmp_path):
    cid = db.write_sync(lambda s: create_connection(s, "Loja", channel="neonize")).id
    pipeline = InboundPipeline(db, EventBus(), MediaStore(tmp_path / "media"))
    await connect(channel)
    video = E.VideoMessage(mimetype="video/mp4", fileLength=300 * MB, caption="olha isso",
                           URL="https://mmg.whatsapp.net/v", mediaKey=b"k" * 32)
    await receive_into_store(channel, sink, db, pipeline, cid, E.Message(videoMessage=video),
                             "3EB0BIGVIDEO")
    (row,) = stored(db)
    assert "DownloadAny" not in fake_go.names()
    assert (row.text, row.error, row.media_path, row.media_size) == (
        "olha isso", MEDIA_TOO_LARGE, None, 300 * MB)


async def test_redelivered_image_is_downloaded_from_go_once(
        channel, sink, fake_go, db, tmp_path):
    cid = db.write_sync(lambda s: create_connection(s, "Loja", channel="neonize")).id
    pipeline = InboundPipeline(db, EventBus(), MediaStore(tmp_path / "media"))
    await connect(channel)
    image = E.ImageMessage(mimetype="image/png", fileLength=16, URL="https://mmg.whatsapp.net/i",
                           mediaKey=b"k" * 32)
    for _ in range(2):
        await receive_into_store(channel, sink, db, pipeline, cid, E.Message(imageMessage=image),
                                 "3EB0SAMEIMAGE")
    (row,) = stored(db)
    assert len(fake_go.args("DownloadAny")) == 1
    assert Path(row.media_path).read_bytes() == b"\x89PNG media bytes"

"""Fixtures for backup tests: a data folder with a real database, media, flow files and
session files; a fast key derivation (the real one takes a second per call)."""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from whatdesk.domain.enums import MessageKind
from whatdesk.domain.events import InboundMessage, MediaInfo
from whatdesk.engine.bus import EventBus
from whatdesk.engine.inbound import InboundPipeline
from whatdesk.engine.media import MediaStore
from whatdesk.services.backup import container
from whatdesk.store import Database, create_connection, sqlite_url

PASSPHRASE = "correct horse battery"
WHEN = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082")


@pytest.fixture(autouse=True)
def fast_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(container, "DEFAULT_LOG2_N", 10)


def message(i: int, customers: int = 50, image: bool = False) -> InboundMessage:
    phone = f"55119{8000_0000 + i % customers:08d}"
    chat = f"{phone}@s.whatsapp.net"
    if image:
        return InboundMessage(wa_id=f"M{i:06d}", chat=chat, sender=chat, timestamp=WHEN,
                              kind=MessageKind.IMAGE, sender_phone=phone, push_name=f"C{i}",
                              media=MediaInfo(mime="image/png", size=len(PNG), data=PNG))
    return InboundMessage(wa_id=f"M{i:06d}", chat=chat, sender=chat, timestamp=WHEN,
                          kind=MessageKind.TEXT, sender_phone=phone, push_name=f"C{i}",
                          text=f"mensagem {i}")


async def receive(db: Database, data_dir: Path, connection_id: int, messages: list) -> None:
    pipeline = InboundPipeline(db, EventBus(), MediaStore(data_dir / "media"))
    for m in messages:
        await pipeline.submit(connection_id, m)
    await pipeline.drain()
    await pipeline.close()


@pytest.fixture
def data_dir(tmp_path: Path) -> Iterator[Path]:
    """A data folder holding 20 messages (one with an image), a flow attachment and a
    session file."""
    from whatdesk.paths import prepare_data_dir

    root = prepare_data_dir(tmp_path / "data")
    db = Database.open(sqlite_url(root / "whatdesk.db"))
    cid = db.write_sync(lambda s: create_connection(s, "Loja", channel="sandbox")).id
    asyncio.run(receive(db, root, cid, [message(i, image=(i == 3)) for i in range(20)]))
    db.close()
    (root / "flow-media" / "boas-vindas.pdf").write_bytes(b"%PDF-1.4 menu\n")
    (root / "sessions" / f"{cid}-abc.sealed").write_bytes(b"\x01sealed-session-bytes")
    (root / "logs" / "whatdesk.log").write_text("log line\n")
    yield root


def tree_digest(root: Path) -> dict[str, str]:
    """Every file under a folder and the SHA-256 of its bytes."""
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def siblings(root: Path) -> list[str]:
    return sorted(p.name for p in root.parent.iterdir() if p.name != root.name)


def message_count(path: Path) -> int:
    import sqlite3

    conn = sqlite3.connect(path)
    try:
        return int(conn.execute("SELECT count(*) FROM messages").fetchone()[0])
    finally:
        conn.close()

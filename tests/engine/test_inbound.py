"""The inbound pipeline: bad input is dropped and reported, media is saved by content."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

import pytest
from engine_helpers import Recorder

from whatdesk.domain.enums import MessageKind
from whatdesk.domain.events import MAX_TEXT_BYTES, AckEvent, InboundMessage, MediaInfo
from whatdesk.engine.events import ErrorRaised, MessageCreated
from whatdesk.engine.inbound import InboundPipeline
from whatdesk.engine.media import MediaStore
from whatdesk.store import get_message, list_messages, list_tickets

ANA = "5511987654321@s.whatsapp.net"
WHEN = datetime(2025, 2, 3, 10, 0, tzinfo=UTC)


def msg(wa_id: str, text: str = "oi", **kw) -> InboundMessage:
    fields = dict(wa_id=wa_id, chat=ANA, sender=ANA, timestamp=WHEN, kind=MessageKind.TEXT,
                  sender_phone="5511987654321", push_name="Ana", text=text)
    fields.update(kw)
    return InboundMessage(**fields)


@pytest.fixture
def pipeline(db, bus, tmp_path):
    return InboundPipeline(db, bus, MediaStore(tmp_path / "media"))


def all_messages(db):
    tickets = db.read_sync(lambda s: list_tickets(s, limit=500))
    return [m for t in tickets for m in db.read_sync(lambda s, t=t: list_messages(s, t.id, limit=1000))]


async def test_malformed_events_are_reported_and_the_next_message_is_stored(
        pipeline, db, bus, connection_id):
    rec = Recorder(bus)
    garbage = [
        msg(""),  # no id
        msg("A1", chat=""),  # no conversation
        msg("A2", chat="not-a-jid", sender="not-a-jid", sender_phone=None),
        msg("A3", timestamp="yesterday"),  # type: ignore[arg-type]
        "a string, not an event",
    ]
    for bad in garbage:
        await pipeline.submit(connection_id, bad)  # type: ignore[arg-type]
    await pipeline.submit(connection_id, msg("GOOD", "ainda funciona"))
    await pipeline.drain()

    assert [m.text for m in all_messages(db)] == ["ainda funciona"]
    assert len(rec.of(ErrorRaised)) == len(garbage)
    assert all(e.connection_id == connection_id for e in rec.of(ErrorRaised))


async def test_replayed_message_is_stored_and_announced_once(pipeline, db, bus, connection_id):
    rec = Recorder(bus)
    for _ in range(3):
        await pipeline.submit(connection_id, msg("SAME", "só uma vez"))
    await pipeline.drain()
    assert [m.text for m in all_messages(db)] == ["só uma vez"]
    assert len(rec.of(MessageCreated)) == 1


async def test_one_chat_keeps_arrival_order_under_concurrency(pipeline, db, connection_id):
    # Every third message carries a picture (saved in a thread, so it takes longer): a later
    # text must still not overtake it.
    for i in range(120):
        extra = {}
        if i % 3 == 0:
            extra = dict(kind=MessageKind.IMAGE,
                         media=MediaInfo(mime="image/jpeg", data=b"jpeg %d" % i))
        await pipeline.submit(connection_id, msg(f"M{i:03d}", f"mensagem {i}", **extra))
    await pipeline.drain()
    assert [m.text for m in all_messages(db)] == [f"mensagem {i}" for i in range(120)]


async def test_text_longer_than_64_kib_from_a_careless_transport_is_cut_not_lost(
        pipeline, db, connection_id):
    await pipeline.submit(connection_id, msg("BIG", "a" * (MAX_TEXT_BYTES + 5000)))
    await pipeline.drain()
    [row] = all_messages(db)
    assert len(row.text) == MAX_TEXT_BYTES and row.payload.get("truncated") is True


async def test_image_is_saved_by_content_with_a_safe_name(pipeline, db, tmp_path, connection_id):
    data = b"\x89PNG\r\n\x1a\n fake picture"
    media = MediaInfo(mime="image/png", filename="../../../../etc/cron.d/evil.sh", data=data)
    await pipeline.submit(connection_id, msg("IMG", "foto", kind=MessageKind.IMAGE, media=media))
    await pipeline.drain()
    [row] = all_messages(db)
    sha = hashlib.sha256(data).hexdigest()
    expected = (tmp_path / "media" / str(connection_id) / "2025-02" / f"{sha}.png").resolve()
    assert row.media_path == str(expected) and expected.read_bytes() == data
    assert row.media_sha256 == sha and row.media_filename == "evil.sh"
    assert not (tmp_path / "etc").exists()


async def test_media_that_cannot_be_downloaded_still_stores_the_message(
        pipeline, db, connection_id):
    async def broken() -> bytes:
        raise OSError("media server said 404")

    media = MediaInfo(mime="audio/ogg; codecs=opus", download=broken)
    await pipeline.submit(connection_id, msg("VOICE", "", kind=MessageKind.VOICE, media=media))
    await pipeline.submit(connection_id, msg("AFTER", "ouviu?"))
    await pipeline.drain()
    rows = all_messages(db)
    assert [r.kind for r in rows] == [MessageKind.VOICE, MessageKind.TEXT]
    assert rows[0].media_path is None and rows[0].media_mime == "audio/ogg; codecs=opus"
    assert rows[0].error and "indispon" in rows[0].error  # the agent is told why


async def test_committed_hook_runs_after_commit_and_a_failing_hook_is_harmless(
        pipeline, db, connection_id):
    seen = []

    async def flows(result, message):
        row = db.read_sync(lambda s: get_message(s, result.message_id))  # already committed
        seen.append((row.text, message.wa_id))

    async def broken(result, message):
        raise RuntimeError("bug in a subscriber")

    pipeline.on_message_committed.extend([broken, flows])
    await pipeline.submit(connection_id, msg("H1", "olá"))
    await pipeline.submit(connection_id, msg("H2", "tudo bem?"))
    await pipeline.drain()
    assert seen == [("olá", "H1"), ("tudo bem?", "H2")]


async def test_ack_for_unknown_ids_changes_nothing(pipeline, db, connection_id):
    from whatdesk.domain.enums import Ack

    await pipeline.submit(connection_id, AckEvent(("NOPE",), ANA, Ack.READ, WHEN))
    await pipeline.submit(connection_id, msg("X", "ok"))
    await pipeline.drain()
    assert [m.text for m in all_messages(db)] == ["ok"]


def _fail_first(monkeypatch, name: str, times: int) -> list[int]:
    """Make the store function ``name`` fail ``times`` times (a disk hiccup), then work."""
    import whatdesk.engine.inbound as inbound_module
    from whatdesk.domain.errors import StoreError

    real = getattr(inbound_module, name)
    failed: list[int] = []

    def flaky(*args, **kwargs):
        if len(failed) < times:
            failed.append(1)
            raise StoreError("Erro de leitura/gravação no disco (simulado)")
        return real(*args, **kwargs)

    monkeypatch.setattr(inbound_module, name, flaky)
    return failed


def _quick_retries(pipeline) -> None:
    from whatdesk.engine.backoff import Backoff

    pipeline.retry_backoff = lambda: Backoff(initial=0.001, factor=1.0, maximum=0.001,
                                             jitter=0.0)


async def test_journal_entry_is_retired_only_after_the_retried_commit(
        pipeline, db, connection_id, monkeypatch):
    _quick_retries(pipeline)
    failed = _fail_first(monkeypatch, "record_inbound", 3)
    retired_with_rows: list[int] = []
    message = msg("J1", "guardada", on_stored=lambda: retired_with_rows.append(
        len(all_messages(db))))
    await pipeline.submit(connection_id, message)
    await pipeline.drain()
    assert len(failed) == 3
    assert [m.text for m in all_messages(db)] == ["guardada"]
    assert retired_with_rows == [1]  # once, and the row was already there


async def test_an_ack_whose_write_fails_is_retried_not_dropped(
        pipeline, db, connection_id, monkeypatch):
    from whatdesk.domain.enums import Ack

    _quick_retries(pipeline)
    await pipeline.submit(connection_id, msg("R1", "oi"))
    await pipeline.drain()
    failed = _fail_first(monkeypatch, "apply_ack", 2)
    await pipeline.submit(connection_id, AckEvent(("R1",), ANA, Ack.READ, WHEN, read_by_us=True))
    await pipeline.drain()
    assert len(failed) == 2
    assert [m.ack for m in all_messages(db)] == [Ack.READ]


async def test_a_message_only_it_cannot_save_is_kept_for_the_next_start_and_stops_nothing(
        pipeline, db, bus, connection_id, monkeypatch):
    import whatdesk.engine.inbound as inbound_module

    _quick_retries(pipeline)
    rec = Recorder(bus)
    real = inbound_module.record_inbound

    def bug_for_one(s, cid, message, *args, **kwargs):
        if message.wa_id == "BAD":
            raise RuntimeError("a bug that only this message triggers")
        return real(s, cid, message, *args, **kwargs)

    monkeypatch.setattr(inbound_module, "record_inbound", bug_for_one)
    halted: list[int] = []
    pipeline.on_store_failing.append(lambda cid, reason: halted.append(cid))
    retired: list[str] = []
    await pipeline.submit(connection_id, msg("BAD", "x", on_stored=lambda: retired.append("BAD")))
    await pipeline.submit(connection_id, msg("GOOD", "ok", chat="5511987650000@s.whatsapp.net",
                                             sender="5511987650000@s.whatsapp.net",
                                             sender_phone="5511987650000",
                                             on_stored=lambda: retired.append("GOOD")))
    await pipeline.drain()
    assert [m.text for m in all_messages(db)] == ["ok"]
    assert retired == ["GOOD"]  # BAD stays in the journal: a fixed version can store it
    assert halted == []  # the connection keeps running for everyone else
    assert any("próxima vez" in e.message for e in rec.of(ErrorRaised))

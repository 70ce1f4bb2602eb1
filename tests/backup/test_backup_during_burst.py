"""A backup made while 5,000 messages arrive restores to a sound database holding every
message committed before it began."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

from whatdesk.engine.bus import EventBus
from whatdesk.engine.inbound import InboundPipeline
from whatdesk.engine.media import MediaStore
from whatdesk.services.backup import apply_pending_restore, create_backup, stage_restore
from whatdesk.store import Database, create_connection, sqlite_url

from .conftest import PASSPHRASE, message

BURST = 5000


def committed_ids(path: Path) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        return {row[0] for row in conn.execute("SELECT wa_id FROM messages")}
    finally:
        conn.close()


def test_backup_during_a_5000_message_burst_restores_every_message_committed_before_it(
        data_dir: Path, tmp_path: Path) -> None:
    db = Database.open(sqlite_url(data_dir / "whatdesk.db"))
    cid = db.write_sync(lambda s: create_connection(s, "Rajada", channel="sandbox")).id
    target = tmp_path / "burst.wdbackup"

    async def scenario() -> tuple[set[str], int, bool]:
        pipeline = InboundPipeline(db, EventBus(), MediaStore(data_dir / "media"))

        async def burst() -> None:
            for i in range(BURST):
                await pipeline.submit(cid, message(1000 + i, customers=200,
                                                   image=(i % 250 == 7)))
            await pipeline.drain()

        receiving = asyncio.create_task(burst())
        while len(committed_ids(data_dir / "whatdesk.db")) < 20 + 1000:
            await asyncio.sleep(0.01)
        before = committed_ids(data_dir / "whatdesk.db")
        summary = await asyncio.get_running_loop().run_in_executor(
            None, lambda: create_backup(data_dir, None, target, PASSPHRASE))
        still_receiving = not receiving.done()
        await receiving
        await pipeline.close()
        return before, summary.messages, still_receiving

    before, in_backup, overlapped = asyncio.run(scenario())
    db.close()
    print(f"committed when the backup began: {len(before)}, in the backup: {in_backup}, "
          f"burst still running after it: {overlapped}")
    assert len(before) < 20 + BURST, "the backup began while messages were arriving"
    assert len(committed_ids(data_dir / "whatdesk.db")) == 20 + BURST  # nothing was lost

    restored = tmp_path / "restored"
    stage_restore(target, PASSPHRASE, restored, None)
    apply_pending_restore(restored)
    conn = sqlite3.connect(restored / "whatdesk.db")
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        orphans = conn.execute("SELECT count(*) FROM messages m LEFT JOIN tickets t "
                               "ON t.id = m.ticket_id WHERE t.id IS NULL").fetchone()[0]
        assert orphans == 0
    finally:
        conn.close()
    restored_ids = committed_ids(restored / "whatdesk.db")
    assert before <= restored_ids
    assert len(restored_ids) == in_backup

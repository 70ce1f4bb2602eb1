"""On PostgreSQL a backup holds a logical export of every table (no pg_dump needed) and a
restore replaces the rows in one transaction (skipped without a PostgreSQL server)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from whatdesk.paths import prepare_data_dir
from whatdesk.services.backup import (
    BackupError,
    Problem,
    apply_pending_restore,
    create_backup,
    stage_restore,
    verify_backup,
)
from whatdesk.store import Database, create_connection

from .conftest import PASSPHRASE, message, receive


def count(db: Database, table: str) -> int:
    from sqlalchemy import text

    return int(db.read_sync(lambda s: s.execute(text(f"SELECT count(*) FROM {table}")).scalar()))


def test_postgres_backup_restores_every_row_and_new_rows_get_fresh_ids(
        pg_url: str, tmp_path: Path) -> None:
    data_dir = prepare_data_dir(tmp_path / "data")
    db = Database.open(pg_url)
    cid = db.write_sync(lambda s: create_connection(s, "Loja", channel="sandbox")).id
    asyncio.run(receive(db, data_dir, cid, [message(i, image=(i == 2)) for i in range(30)]))
    tickets = count(db, "tickets")
    backup = tmp_path / "pg.wdbackup"
    summary = create_backup(data_dir, pg_url, backup, PASSPHRASE)
    assert (summary.database, summary.messages) == ("logical", 30)

    asyncio.run(receive(db, data_dir, cid, [message(100 + i) for i in range(5)]))
    assert count(db, "messages") == 35
    db.close()

    # a SQLite data folder cannot take it
    with pytest.raises(BackupError) as caught:
        stage_restore(backup, PASSPHRASE, data_dir, None)
    assert caught.value.problem is Problem.DATABASE_KIND

    stage_restore(backup, PASSPHRASE, data_dir, pg_url)
    apply_pending_restore(data_dir, pg_url)
    db = Database.open(pg_url)
    try:
        assert count(db, "messages") == 30
        assert count(db, "tickets") == tickets
        asyncio.run(receive(db, data_dir, cid, [message(200)]))  # ids continue after the max
        assert count(db, "messages") == 31
    finally:
        db.close()
    assert verify_backup(backup, PASSPHRASE).messages == 30

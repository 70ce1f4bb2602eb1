"""Database: opening errors a user can read, group commit isolation, close draining."""

from __future__ import annotations

import asyncio
import os
import sqlite3
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import text

from whatdesk.domain.errors import StoreError
from whatdesk.store import (
    Database,
    create_connection,
    get_connection,
    get_setting,
    list_connections,
    set_setting,
    sqlite_url,
)


def _names(db: Database) -> list[str]:
    return db.read_sync(lambda s: [c.name for c in list_connections(s)])


@pytest.mark.sqlite_only
def test_new_database_uses_wal_and_foreign_keys(db: Database) -> None:
    mode = db.read_sync(lambda s: s.execute(text("PRAGMA journal_mode")).scalar())
    fks = db.read_sync(lambda s: s.execute(text("PRAGMA foreign_keys")).scalar())
    assert (mode, fks) == ("wal", 1)


async def test_one_failing_write_among_many_rolls_back_alone(db: Database) -> None:
    def make(i: int):  # noqa: ANN202
        def fn(s):  # noqa: ANN001, ANN202
            set_setting(s, f"k{i}", i)
            if i == 13:
                raise ValueError("job 13 breaks")
            return i
        return fn

    results = await asyncio.gather(*(db.write(make(i)) for i in range(40)),
                                   return_exceptions=True)
    assert isinstance(results[13], ValueError)
    assert [r for i, r in enumerate(results) if i != 13] == [i for i in range(40) if i != 13]
    stored = db.read_sync(lambda s: [get_setting(s, f"k{i}") for i in range(40)])
    assert stored[13] is None
    assert [v for i, v in enumerate(stored) if i != 13] == [i for i in range(40) if i != 13]


async def test_sql_error_in_one_write_reaches_only_its_caller_as_store_error(
        db: Database) -> None:
    def bad(s):  # noqa: ANN001, ANN202
        s.execute(text("INSERT INTO settings (key, value) VALUES ('dup', '1')"))
        s.execute(text("INSERT INTO settings (key, value) VALUES ('dup', '2')"))

    def good(i: int):  # noqa: ANN202
        return lambda s: create_connection(s, f"Conexão {i}").id

    results = await asyncio.gather(db.write(good(1)), db.write(bad), db.write(good(2)),
                                   return_exceptions=True)
    assert isinstance(results[1], StoreError)
    assert "recusou" in str(results[1])
    assert _names(db) == ["Conexão 1", "Conexão 2"]
    assert db.read_sync(lambda s: get_setting(s, "dup")) is None


async def test_orm_flush_failure_does_not_lose_the_other_writes_of_the_batch(
        db: Database) -> None:
    from whatdesk.store.models import Setting

    def orm_dup(s):  # noqa: ANN001, ANN202
        s.add(Setting(key="same", value=1))
        s.flush()
        s.add(Setting(key="same", value=2))

    jobs = [db.write(lambda s, i=i: set_setting(s, f"a{i}", i)) for i in range(5)]
    jobs.append(db.write(orm_dup))
    jobs += [db.write(lambda s, i=i: set_setting(s, f"b{i}", i)) for i in range(5)]
    results = await asyncio.gather(*jobs, return_exceptions=True)
    assert isinstance(results[5], StoreError)
    keys = [f"a{i}" for i in range(5)] + [f"b{i}" for i in range(5)]
    assert db.read_sync(lambda s: [get_setting(s, k) for k in keys]) == list(range(5)) * 2
    assert db.read_sync(lambda s: get_setting(s, "same")) is None


async def test_write_returns_only_after_commit_so_a_reader_sees_it(db: Database) -> None:
    async def write_then_read(i: int) -> str:
        cid = await db.write(lambda s: create_connection(s, f"C{i}").id)
        return (await db.read(lambda s: get_connection(s, cid))).name

    names = await asyncio.gather(*(write_then_read(i) for i in range(20)))
    assert names == [f"C{i}" for i in range(20)]


def test_close_finishes_queued_writes(db_url: str) -> None:
    db = Database.open(db_url)

    async def main() -> None:
        loop = asyncio.get_running_loop()
        for i in range(50):
            loop.create_task(db.write(lambda s, i=i: set_setting(s, f"q{i}", i)))
        await asyncio.sleep(0)  # the tasks submit their writes; nobody awaits them

    asyncio.run(main())
    db.close()
    again = Database.open(db_url)
    try:
        assert again.read_sync(lambda s: [get_setting(s, f"q{i}") for i in range(50)]) \
            == list(range(50))
    finally:
        again.close()


def test_write_after_close_is_refused_with_a_message(db_url: str) -> None:
    db = Database.open(db_url)
    db.close()
    with pytest.raises(StoreError, match="fechado"):
        db.write_sync(lambda s: set_setting(s, "x", 1))


def test_datetimes_come_back_aware_utc(db: Database) -> None:
    brasilia = timezone(timedelta(hours=-3))
    when = datetime(2025, 5, 1, 9, 30, 15, 123456, tzinfo=brasilia)
    cid = db.write_sync(lambda s: create_connection(s, "Z", now=when).id)
    row = db.read_sync(lambda s: get_connection(s, cid))
    assert row.created_at.tzinfo is UTC
    assert row.created_at == when
    assert row.created_at.hour == 12


def test_naive_datetime_is_refused(db: Database) -> None:
    with pytest.raises(ValueError, match="naive"):
        db.write_sync(lambda s: create_connection(s, "Z", now=datetime(2025, 1, 1)))


def test_corrupt_file_gives_readable_error_and_is_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "whatdesk.db"
    junk = os.urandom(8192)
    path.write_bytes(junk)
    with pytest.raises(StoreError) as info:
        Database.open(sqlite_url(path))
    assert str(path) in str(info.value)
    assert "corrompido" in str(info.value)
    assert path.read_bytes() == junk
    assert sorted(p.name for p in tmp_path.iterdir()) == ["whatdesk.db"]


def test_damaged_sqlite_file_gives_readable_error(tmp_path: Path) -> None:
    path = tmp_path / "whatdesk.db"
    Database.open(sqlite_url(path)).close()
    data = bytearray(path.read_bytes())
    data[100:4096] = os.urandom(4096 - 100)  # the schema page, after a valid header
    path.write_bytes(bytes(data))
    with pytest.raises(StoreError) as info:
        Database.open(sqlite_url(path))
    assert str(path) in str(info.value)


def test_other_programs_database_is_refused_and_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "agenda.db"
    with sqlite3.connect(path) as raw:
        raw.execute("CREATE TABLE people (name TEXT)")
        raw.execute("INSERT INTO people VALUES ('Bia')")
    before = path.read_bytes()
    with pytest.raises(StoreError, match="outro programa"):
        Database.open(sqlite_url(path))
    assert path.read_bytes() == before


def test_folder_that_cannot_hold_the_file_gives_readable_error(tmp_path: Path) -> None:
    blocker = tmp_path / "dados"
    blocker.write_text("não sou uma pasta")
    path = blocker / "whatdesk.db"
    with pytest.raises(StoreError) as info:
        Database.open(sqlite_url(path))
    assert str(path) in str(info.value)


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores directory permissions")
def test_read_only_folder_gives_readable_error(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        with pytest.raises(StoreError, match="permite escrita"):
            Database.open(sqlite_url(folder / "whatdesk.db"))
    finally:
        folder.chmod(0o755)


def test_write_while_another_program_locks_the_file_fails_readably_and_keeps_data(
        db_path: Path) -> None:
    db = Database.open(sqlite_url(db_path), busy_timeout_ms=50)
    try:
        db.write_sync(lambda s: set_setting(s, "kept", "sim"))
        other = sqlite3.connect(db_path, isolation_level=None)
        other.execute("BEGIN EXCLUSIVE")
        try:
            with pytest.raises(StoreError, match="bloqueado") as info:
                db.write_sync(lambda s: set_setting(s, "new", 1))
            assert str(db_path) in str(info.value)
        finally:
            other.execute("ROLLBACK")
            other.close()
        db.write_sync(lambda s: set_setting(s, "after", 2))
        assert db.read_sync(lambda s: (get_setting(s, "kept"), get_setting(s, "new"),
                                       get_setting(s, "after"))) == ("sim", None, 2)
    finally:
        db.close()


def test_opening_a_database_locked_during_its_creation_fails_readably(tmp_path: Path) -> None:
    path = tmp_path / "whatdesk.db"
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)")
    other.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StoreError, match="bloqueado"):
            Database.open(sqlite_url(path), busy_timeout_ms=50)
    finally:
        other.execute("ROLLBACK")
        other.close()
    Database.open(sqlite_url(path)).close()  # once the other program lets go, it opens


async def test_in_memory_database_serves_reads_and_writes() -> None:
    db = Database.open("sqlite://")
    try:
        await asyncio.gather(*(db.write(lambda s, i=i: create_connection(s, f"M{i}"))
                               for i in range(5)))
        assert sorted(await db.read(lambda s: [c.name for c in list_connections(s)])) == [
            f"M{i}" for i in range(5)]
    finally:
        db.close()


def test_folder_with_accents_and_spaces_works(tmp_path: Path) -> None:
    path = tmp_path / "Área de Trabalho" / "dados 100%" / "whatdesk.db"
    db = Database.open(sqlite_url(path))
    try:
        db.write_sync(lambda s: set_setting(s, "ok", True))
    finally:
        db.close()
    assert path.exists()


def test_nonsense_address_gives_readable_error() -> None:
    with pytest.raises(StoreError, match="inválido"):
        Database.open("isto não é um endereço")


def test_returning_an_orm_object_is_refused_and_rolled_back(db: Database) -> None:
    from whatdesk.store.models import Setting

    def leaky(s):  # noqa: ANN001, ANN202
        row = Setting(key="leak", value=1)
        s.add(row)
        return row

    with pytest.raises(TypeError, match="ORM object"):
        db.write_sync(leaky)
    assert db.read_sync(lambda s: get_setting(s, "leak")) is None

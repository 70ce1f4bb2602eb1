"""What only PostgreSQL can show: migrations on an empty server database, the schema the
migrations build there, several desktops opening (and upgrading) one database at once, and
writes from several desktops that lock the same rows in opposite orders.

Every other store behaviour runs on PostgreSQL through tests/store (its ``db`` fixture is
parametrized over SQLite and PostgreSQL).
"""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, text

from whatdesk.domain.errors import StoreError
from whatdesk.store import (
    Database,
    create_connection,
    get_setting,
    head_revision,
    list_tickets,
    record_inbound,
    set_setting,
)
from whatdesk.store.models import Base
from whatdesk.store.search_schema import include_object

from store.conftest import incoming

from .server import PgServer


def _on_threads(n: int, fn: Callable[[int], object]) -> list[object]:
    barrier = threading.Barrier(n)
    out: list[object] = [None] * n

    def run(i: int) -> None:
        barrier.wait()
        try:
            out[i] = fn(i)
        except BaseException as exc:  # noqa: BLE001 - reported by the test
            out[i] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return out


def test_empty_database_is_upgraded_to_head(pg_empty_url: str) -> None:
    db = Database.open(pg_empty_url)
    try:
        version = db.read_sync(lambda s: s.execute(
            text("SELECT version_num FROM alembic_version")).scalar())
        assert version == head_revision()
        index = db.read_sync(lambda s: s.execute(text(
            "SELECT indexdef FROM pg_indexes WHERE indexname = "
            "'uq_tickets_one_active_per_contact'")).scalar())
        assert index is not None and "UNIQUE" in index and "closed" in index
        types = dict(db.read_sync(lambda s: s.execute(text(
            "SELECT column_name, data_type FROM information_schema.columns "
            "WHERE table_name = 'tickets'")).all()))
        assert types["last_message_at"] == "timestamp with time zone"
    finally:
        db.close()
    # opening again changes nothing
    Database.open(pg_empty_url).close()


def test_models_and_migrations_describe_the_same_schema(pg_empty_url: str) -> None:
    Database.open(pg_empty_url).close()
    engine = create_engine(pg_empty_url)
    try:
        with engine.connect() as conn:
            ctx = MigrationContext.configure(conn, opts={"compare_type": True,
                                                         "include_object": include_object})
            diff = compare_metadata(ctx, Base.metadata)
    finally:
        engine.dispose()
    assert diff == []


def test_several_desktops_opening_an_empty_database_at_once_all_succeed(
        pg_empty_url: str) -> None:
    # After an update, every desktop upgrades the shared database when it starts: separate
    # processes, as in real life.
    # They all wait for the same instant (imports take a varying while), then open.
    script = ("import sys, time; from whatdesk.store import Database, set_setting; "
              "time.sleep(max(0.0, float(sys.argv[3]) - time.time())); "
              "db = Database.open(sys.argv[1]); "
              "db.write_sync(lambda s: set_setting(s, 'k' + sys.argv[2], 1)); db.close()")
    start_at = str(time.time() + 2)
    procs = [subprocess.Popen([sys.executable, "-c", script, pg_empty_url, str(i), start_at],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
             for i in range(6)]
    outputs = [p.communicate(timeout=60)[0] for p in procs]
    assert [p.returncode for p in procs] == [0] * 6, outputs
    db = Database.open(pg_empty_url)
    try:
        assert db.read_sync(lambda s: [get_setting(s, f"k{i}") for i in range(6)]) == [1] * 6
    finally:
        db.close()


def test_threads_opening_one_database_at_once_all_succeed(pg_empty_url: str) -> None:
    opened = _on_threads(3, lambda _i: Database.open(pg_empty_url))
    try:
        assert [o for o in opened if not isinstance(o, Database)] == []
    finally:
        for o in opened:
            if isinstance(o, Database):
                o.close()


def test_desktops_writing_the_same_rows_in_opposite_orders_lose_nothing(pg_url: str) -> None:
    # Group commit puts many messages in one transaction; two desktops doing that for the
    # same contacts in opposite orders can deadlock on PostgreSQL. Nobody may lose a message.
    dbs = [Database.open(pg_url) for _ in range(2)]
    try:
        cid = dbs[0].write_sync(lambda s: create_connection(s, "Loja").id)
        phones = [f"55119999{i:05d}" for i in range(8)]

        def desktop(i: int) -> list[object]:
            import asyncio

            order = phones if i == 0 else list(reversed(phones))

            async def burst() -> list[object]:
                jobs = []
                for round_ in range(6):
                    for p in order:
                        m = incoming(phone=p, text=f"{i}-{round_}-{p}")
                        jobs.append(dbs[i].write(lambda s, m=m: record_inbound(s, cid, m)))
                return await asyncio.gather(*jobs, return_exceptions=True)

            return asyncio.run(burst())

        results = _on_threads(2, desktop)
        failures = [r for batch in results for r in batch  # type: ignore[union-attr]
                    if isinstance(r, BaseException)]
        assert failures == []
        tickets = dbs[0].read_sync(lambda s: list_tickets(s, limit=100))
        assert len(tickets) == len(phones)
        assert sum(t.unread_count for t in tickets) == 2 * 6 * len(phones)
    finally:
        for d in dbs:
            d.close()


def test_missing_or_unreachable_database_gives_a_readable_error(pg_server: PgServer) -> None:
    url = pg_server.url("no_such_database")
    with pytest.raises(StoreError) as info:
        Database.open(url)
    assert "no_such_database" in str(info.value)
    with socket.socket() as unused:  # a port nobody listens on
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
    with pytest.raises(StoreError, match="Não foi possível falar com o servidor"):
        Database.open(f"postgresql+psycopg://whatdesk@127.0.0.1:{port}/whatdesk")


def test_timestamps_keep_microseconds_and_order_across_zones(pg_url: str) -> None:
    db = Database.open(pg_url)
    try:
        brasilia = datetime(2025, 5, 1, 9, 30, 15, 123456,
                            tzinfo=timezone(timedelta(hours=-3)))
        cid = db.write_sync(lambda s: create_connection(s, "Z", now=brasilia).id)
        got = db.read_sync(lambda s: s.execute(text(
            "SELECT created_at FROM connections WHERE id = :i"), {"i": cid}).scalar())
        assert got == brasilia.astimezone(UTC)
    finally:
        db.close()


def test_database_at_the_first_revision_upgrades_with_rows_intact(pg_empty_url: str) -> None:
    from alembic import command

    from whatdesk.store import list_connections
    from whatdesk.store.db import alembic_config

    command.upgrade(alembic_config(url=pg_empty_url), "0001")
    engine = create_engine(pg_empty_url)
    try:
        with engine.begin() as conn:
            conn.execute(text(
                "INSERT INTO connections (name, channel, is_default, status, status_detail, "
                "push_name, greeting, farewell, out_of_hours_message, business_hours, "
                "timezone, rate_per_contact_per_min, min_gap_ms, welcome_flow_id, "
                "user_disconnected, created_at, updated_at) VALUES ('Loja', 'sandbox', true, "
                "'stopped', '', '', '', '', '', '{}', 'UTC', 30, 1000, NULL, false, now(), "
                "now())"))
    finally:
        engine.dispose()
    db = Database.open(pg_empty_url)
    try:
        assert db.read_sync(lambda s: [c.name for c in list_connections(s)]) == ["Loja"]
        assert db.read_sync(lambda s: s.execute(
            text("SELECT version_num FROM alembic_version")).scalar()) == head_revision()
    finally:
        db.close()

"""Inbound throughput: a sandbox burst through the whole pipeline vs. plain sqlite3, same file kind.

    python bench/inbound.py [--messages N] [--contacts C]

The whatdesk run goes channel → supervisor queue → inbound pipeline → group-committed store
write; a message counts only once its commit returned. The baseline does per message the same
writes (contact upsert, ticket find-or-create and update, message insert) with plain sqlite3,
one transaction per message, on a freshly migrated copy of the same schema with the same
pragmas (WAL, synchronous=NORMAL). The last line printed is one JSON object.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import sqlite3
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from whatdesk.domain.events import InboundMessage
from whatdesk.services.runtime import tune_gc


def _percentile(values: list[float], pct: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * len(ordered)) - 1))
    return ordered[index]


async def run_pipeline(workdir: Path, n_messages: int, n_contacts: int) -> dict[str, float]:
    from whatdesk.channels.sandbox import SandboxNetwork
    from whatdesk.domain.enums import ConnectionStatus
    from whatdesk.services.runtime import Runtime, sandbox_account_phone

    network = SandboxNetwork(seed=1)
    runtime = Runtime.open(workdir / "data", sandbox=network, sandbox_auto_link=True)
    try:
        row = await runtime.connections.create("Bench", channel="sandbox")
        await runtime.start()
        await runtime.connections.connect(row.id)
        phone = sandbox_account_phone(row.id)
        supervisor = runtime.handle(row.id).supervisor
        while supervisor.status is not ConnectionStatus.CONNECTED:
            await asyncio.sleep(0.005)

        pipeline = runtime.pipeline
        latencies: list[float] = []
        committed = 0
        last_commit = 0.0
        original = pipeline.handle_message

        async def timed(connection_id: int, msg: InboundMessage) -> object:
            nonlocal committed, last_commit
            entered = time.perf_counter()
            result = await original(connection_id, msg)
            if result is not None and not result.duplicate:
                last_commit = time.perf_counter()
                latencies.append(last_commit - entered)
                committed += 1
            return result

        pipeline.handle_message = timed  # type: ignore[method-assign]
        started = time.perf_counter()
        network.burst(phone, n_messages, n_contacts, deliver=True)
        delivered = time.perf_counter()
        while committed < n_messages:
            await asyncio.sleep(0.01)
            if time.perf_counter() - started > 300:
                raise RuntimeError(f"only {committed} of {n_messages} committed after 300 s")
        await pipeline.drain()
        elapsed = last_commit - started
        return {
            "committed": committed,
            "seconds": elapsed,
            "msgs_per_s": committed / elapsed,
            "p99_ms": _percentile(latencies, 99) * 1000,
            "p50_ms": _percentile(latencies, 50) * 1000,
            "deliver_s": delivered - started,
        }
    finally:
        await runtime.close()


def run_raw(workdir: Path, messages: list[InboundMessage]) -> dict[str, float]:
    """Same writes, one transaction per message, plain sqlite3 on the same migrated schema."""
    from whatdesk.store import Database, sqlite_url

    path = workdir / "raw.db"
    Database.open(sqlite_url(path)).close()  # the real schema, indexes and all
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = NORMAL")
    db.execute("PRAGMA foreign_keys = ON")
    now = datetime.now(UTC).replace(tzinfo=None).isoformat(sep=" ")
    db.execute("INSERT INTO connections (name, channel, is_default, status, status_detail, push_name,"
               " greeting, farewell, out_of_hours_message, business_hours, timezone,"
               " rate_per_contact_per_min, min_gap_ms, user_disconnected, created_at, updated_at)"
               " VALUES ('raw', 'sandbox', 0, 'connected', '', '', '', '', '', '{}',"
               " 'America/Sao_Paulo', 30, 1000, 0, ?, ?)", (now, now))
    conn_id = db.execute("SELECT max(id) FROM connections").fetchone()[0]
    started = time.perf_counter()
    for msg in messages:
        at = msg.timestamp.replace(tzinfo=None).isoformat(sep=" ")
        db.execute("BEGIN IMMEDIATE")
        row = db.execute("SELECT id FROM contacts WHERE phone = ?", (msg.sender_phone,)).fetchone()
        if row is None:
            contact = db.execute(
                "INSERT INTO contacts (phone, name, push_name, is_group, custom_fields,"
                " created_at, updated_at) VALUES (?, '', ?, 0, '{}', ?, ?) RETURNING id",
                (msg.sender_phone, msg.push_name, now, now)).fetchone()[0]
        else:
            contact = row[0]
            db.execute("UPDATE contacts SET push_name = ?, updated_at = ? WHERE id = ?"
                       " AND push_name <> ?", (msg.push_name, now, contact, msg.push_name))
        row = db.execute("SELECT id FROM tickets WHERE contact_id = ? AND connection_id = ?"
                         " AND status <> 'closed'", (contact, conn_id)).fetchone()
        if row is None:
            ticket = db.execute(
                "INSERT INTO tickets (connection_id, contact_id, status, unread_count,"
                " last_message_preview, last_message_at, created_at, updated_at)"
                " VALUES (?, ?, 'pending', 0, '', ?, ?, ?) RETURNING id",
                (conn_id, contact, at, now, now)).fetchone()[0]
            db.execute("INSERT INTO ticket_events (ticket_id, kind, to_status, actor, detail, at)"
                       " VALUES (?, 'created', 'pending', 'system', '', ?)", (ticket, now))
        else:
            ticket = row[0]
        db.execute(
            "INSERT INTO messages (connection_id, wa_id, ticket_id, contact_id, chat_jid,"
            " direction, from_me, kind, text, ack, edited, deleted, is_private_note, created_at)"
            " VALUES (?, ?, ?, ?, ?, 'in', 0, ?, ?, 2, 0, 0, 0, ?)",
            (conn_id, msg.wa_id, ticket, contact, msg.chat, msg.kind.value, msg.text, at))
        db.execute("UPDATE tickets SET last_message_preview = ?, last_message_at = ?,"
                   " unread_count = unread_count + 1, updated_at = ? WHERE id = ?",
                   (msg.text[:120], at, now, ticket))
        db.execute("COMMIT")
    elapsed = time.perf_counter() - started
    count = db.execute("SELECT count(*) FROM messages").fetchone()[0]
    db.close()
    return {"committed": count, "seconds": elapsed, "msgs_per_s": count / elapsed}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=20000)
    parser.add_argument("--contacts", type=int, default=2000)
    args = parser.parse_args(argv)
    if args.messages < 1 or args.contacts < 1:
        parser.error("--messages e --contacts devem ser maiores que zero")
    tune_gc()  # the app's garbage-collector settings, for both sides of the comparison
    logging.basicConfig(level=logging.WARNING)

    with tempfile.TemporaryDirectory(prefix="whatdesk-bench-") as tmp:
        workdir = Path(tmp)
        ours = asyncio.run(run_pipeline(workdir, args.messages, args.contacts))
        print(f"whatdesk pipeline: {ours['committed']} messages committed in "
              f"{ours['seconds']:.2f} s = {ours['msgs_per_s']:.0f} msg/s; "
              f"latency pipeline-in → committed p50 {ours['p50_ms']:.1f} ms, "
              f"p99 {ours['p99_ms']:.1f} ms (burst handed over in {ours['deliver_s']:.2f} s)")

        from whatdesk.channels.sandbox import SandboxNetwork

        network = SandboxNetwork(seed=1)
        network.account("5511900000099")
        messages = network.burst("5511900000099", args.messages, args.contacts)
        raw = run_raw(workdir, messages)
        print(f"plain sqlite3, one transaction per message: {raw['committed']} messages in "
              f"{raw['seconds']:.2f} s = {raw['msgs_per_s']:.0f} msg/s")
        ratio = ours["msgs_per_s"] / raw["msgs_per_s"]
        print(f"ratio whatdesk / raw = {ratio:.2f} (target >= 0.3)")
        print(json.dumps({
            "messages": args.messages,
            "msgs_per_s": round(ours["msgs_per_s"], 1),
            "raw_msgs_per_s": round(raw["msgs_per_s"], 1),
            "ratio": round(ratio, 3),
            "p99_ms": round(ours["p99_ms"], 2),
        }))
    return 0


if __name__ == "__main__":
    sys.exit(main())

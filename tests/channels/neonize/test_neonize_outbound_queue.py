"""The outbound queue over the neonize adapter: what reaches "Go" when our own commit fails
or the process dies between a send and its commit."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from neonize.proto.waE2E import WAWebProtobufsE2E_pb2 as E
from neonize_factories import CUSTOMER, connect

from whatdesk.domain.clock import VirtualClock
from whatdesk.domain.enums import Ack, MessageKind
from whatdesk.domain.errors import StoreError
from whatdesk.domain.events import InboundMessage, OutboundMessage
from whatdesk.engine import outbound as outbound_module
from whatdesk.engine.bus import EventBus
from whatdesk.engine.outbound import INTERRUPTED_TWICE, OutboundSender
from whatdesk.store import (
    Database,
    create_connection,
    enqueue_outbound,
    get_message,
    record_inbound,
    sqlite_url,
)

CUSTOMER_JID = f"{CUSTOMER}@s.whatsapp.net"
CHILD = Path(__file__).with_name("outbound_crash_child.py")


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = Database.open(sqlite_url(tmp_path / "whatdesk.db"))
    yield database
    database.close()


def queue_reply(db: Database, text: str) -> tuple[int, int]:
    """A connection, the customer's ticket and one pending reply; returns (connection, row)."""
    cid = db.write_sync(lambda s: create_connection(s, "Loja", channel="neonize")).id
    clock = VirtualClock()
    msg = InboundMessage(wa_id="3EB0CUSTOMER01", chat=CUSTOMER_JID, sender=CUSTOMER_JID,
                         timestamp=clock.now(), kind=MessageKind.TEXT, sender_phone=CUSTOMER,
                         text="oi")
    ticket = db.write_sync(lambda s: record_inbound(s, cid, msg)).ticket_id
    out = OutboundMessage("3EB0OURS0000000000000A", CUSTOMER_JID, MessageKind.TEXT, text)
    return cid, db.write_sync(lambda s: enqueue_outbound(s, cid, ticket, out))


def texts_sent(fake_go) -> list[str]:
    return [E.Message.FromString(a[3]).conversation for a in fake_go.args("SendMessage")]


async def test_commit_failures_after_a_send_never_send_again_through_go(
        channel, fake_go, db, monkeypatch):
    cid, row = queue_reply(db, "Seu pedido saiu para entrega")
    real_mark_sent = outbound_module.mark_sent
    refused: list[int] = []

    def flaky_mark_sent(s, *args, **kwargs):
        if len(refused) < 4:
            refused.append(1)
            raise StoreError("O banco de dados está bloqueado por outro programa.")
        return real_mark_sent(s, *args, **kwargs)

    monkeypatch.setattr(outbound_module, "mark_sent", flaky_mark_sent)
    await connect(channel)
    sender = OutboundSender(cid, channel, db, EventBus(), VirtualClock(autoadvance=True),
                            min_gap_ms=0)
    sender.start()
    sender.set_connected(True)
    try:
        for _ in range(5000):
            if db.read_sync(lambda s: get_message(s, row)).ack == Ack.SERVER:
                break
            await asyncio.sleep(0.002)
    finally:
        await sender.close()
    assert len(refused) == 4
    assert texts_sent(fake_go) == ["Seu pedido saiu para entrega"]  # one send reached Go
    stored = db.read_sync(lambda s: get_message(s, row))
    assert (stored.ack, stored.wa_id) == (Ack.SERVER, fake_go.sent_id)


def run_child(data_dir: Path, cid: int, sends_log: Path,
              kill: bool) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(CHILD), str(data_dir), str(cid), str(sends_log),
         "kill" if kill else "finish"],
        capture_output=True, text=True, timeout=120,
        env={**os.environ, "PYTHONUNBUFFERED": "1"})


def test_sigkill_between_send_and_commit_sends_once_more_at_most(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    sends_log = tmp_path / "sends-reaching-go.txt"
    db = Database.open(sqlite_url(data_dir / "whatdesk.db"))
    try:
        cid, row = queue_reply(db, "Seu boleto vence amanhã")
    finally:
        db.close()

    killed = run_child(data_dir, cid, sends_log, kill=True)  # dies right after Go sent
    assert killed.returncode == -signal.SIGKILL, killed.stderr[-3000:]
    assert sends_log.read_text().splitlines() == ["Seu boleto vence amanhã"]

    restarted = run_child(data_dir, cid, sends_log, kill=False)
    assert restarted.returncode == 0, restarted.stderr[-3000:]
    # at-least-once over neonize: the interrupted send goes out once more, and only once
    assert sends_log.read_text().splitlines() == ["Seu boleto vence amanhã"] * 2
    db = Database.open(sqlite_url(data_dir / "whatdesk.db"))
    try:
        stored = db.read_sync(lambda s: get_message(s, row))
    finally:
        db.close()
    assert (stored.ack, stored.wa_id) == (Ack.SERVER, "3EB0SERVERASSIGNED0001")


def test_two_sigkills_between_send_and_commit_never_send_a_third_time(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    sends_log = tmp_path / "sends-reaching-go.txt"
    db = Database.open(sqlite_url(data_dir / "whatdesk.db"))
    try:
        cid, row = queue_reply(db, "Seu boleto vence amanhã")
    finally:
        db.close()
    for _ in range(2):
        killed = run_child(data_dir, cid, sends_log, kill=True)
        assert killed.returncode == -signal.SIGKILL, killed.stderr[-3000:]
    restarted = run_child(data_dir, cid, sends_log, kill=False)
    assert restarted.returncode == 0, restarted.stderr[-3000:]
    assert len(sends_log.read_text().splitlines()) == 2
    db = Database.open(sqlite_url(data_dir / "whatdesk.db"))
    try:
        stored = db.read_sync(lambda s: get_message(s, row))
    finally:
        db.close()
    assert (stored.ack, stored.error) == (Ack.FAILED, INTERRUPTED_TWICE)

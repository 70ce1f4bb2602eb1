"""Nothing acknowledged is ever lost: every MessageEv is journaled before neonize's callback
returns to Go, a start replays what was not committed, and replays never double a message."""

from __future__ import annotations

import asyncio
import errno
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

from journal_child import go_dispatch
from neonize.proto import Neonize_pb2 as N
from neonize.proto.waE2E import WAWebProtobufsE2E_pb2 as E
from neonize.proto.waE2E.WAWebProtobufsE2E_pb2 import Message as WAMessage
from neonize_factories import deliver, message_ev

import whatdesk.channels.neonize.channel as channel_module
from whatdesk.channels.neonize.journal import InboundJournal
from whatdesk.domain.events import ConnectionFailedEvent, InboundMessage
from whatdesk.paths import inbound_journal_path

CHILD = Path(__file__).with_name("journal_child.py")
IDS = ["3EB0KILL000000000000A1", "3EB0KILL000000000000B2", "3EB0KILL000000000000C3"]


def run_child(data_dir: Path, mode: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(CHILD), str(data_dir), mode, *IDS],
        capture_output=True, text=True, timeout=120,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )


def rows(data_dir: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(data_dir / "whatdesk.db") as db:
        return db.execute("SELECT wa_id, text FROM messages ORDER BY wa_id").fetchall()


def test_sigkill_right_after_the_go_callback_returns_then_restart_stores_each_message_once(
        tmp_path):
    data_dir = tmp_path / "data"

    killed = run_child(data_dir, "kill")
    assert killed.returncode == -signal.SIGKILL, killed.stderr[-3000:]
    assert rows(data_dir) == []  # killed before any commit: only the journal has them

    # WhatsApp got its receipt and will not resend: only our journal can bring them back.
    again = run_child(data_dir, "restart")
    assert again.returncode == 0, again.stderr[-3000:]
    assert "STORED 3" in again.stdout and "PENDING 0" in again.stdout
    assert rows(data_dir) == [(wa_id, f"pedido {wa_id}") for wa_id in sorted(IDS)]
    assert InboundJournal(inbound_journal_path(data_dir, 1)).open() == []  # all retired

    # A replay of what is already stored (done mark lost, or WhatsApp resending) is a no-op.
    third = run_child(data_dir, "redeliver")
    assert third.returncode == 0, third.stderr[-3000:]
    assert rows(data_dir) == [(wa_id, f"pedido {wa_id}") for wa_id in sorted(IDS)]


def test_a_torn_last_record_is_ignored_and_the_complete_ones_are_replayed(tmp_path):
    path = tmp_path / "1.journal"
    journal = InboundJournal(path)
    assert journal.open() == []
    first = journal.append(7, b"first event")
    journal.append(7, b"second event")
    journal.mark_done(first)
    journal.close()
    with path.open("ab") as fh:  # the process died in the middle of a third append
        fh.write(b"E\x00\x00\x00\x00\x00\x00\x00\x03\x00\x00\x00\x40partial")

    reopened = InboundJournal(path)
    [entry] = reopened.open()
    assert (entry.code, entry.raw) == (7, b"second event")
    assert reopened.append(7, b"third event") > entry.seq  # sequence numbers never repeat
    reopened.close()
    assert [e.raw for e in InboundJournal(path).open()] == [b"second event", b"third event"]


def test_done_marks_written_after_close_are_not_lost(tmp_path):
    path = tmp_path / "1.journal"
    journal = InboundJournal(path)
    journal.open()
    seq = journal.append(7, b"committed after the channel stopped")
    journal.close()
    journal.mark_done(seq)  # the pipeline commits after the stop
    assert InboundJournal(path).open() == []
    assert journal.open() == []  # the same process starts the channel again


def test_the_journal_does_not_grow_once_its_entries_are_done(tmp_path):
    path = tmp_path / "1.journal"
    journal = InboundJournal(path)
    journal.open()
    payload = b"x" * 4096
    for _ in range(500):  # ~2 MiB received and committed, one at a time
        journal.mark_done(journal.append(7, payload))
    assert path.stat().st_size < 300 * 1024
    assert journal.pending_count() == 0
    journal.close()
    assert InboundJournal(path).open() == []


async def test_journal_write_failure_holds_go_until_the_connection_stops(
        channel, sink, monkeypatch):
    await channel.start()

    def disk_full(code: int, raw: bytes) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(channel.journal, "append", disk_full)
    monkeypatch.setattr(channel_module, "JOURNAL_RETRY_S", 0.01)
    ev = message_ev(WAMessage(conversation="oi"), msg_id="3EB0DISKFULL0000000001")
    whatsmeow = threading.Thread(target=go_dispatch, args=(channel, ev))
    whatsmeow.start()
    for _ in range(1000):
        if sink.of(ConnectionFailedEvent):
            break
        await asyncio.sleep(0.01)
    [failure] = sink.of(ConnectionFailedEvent)
    assert not failure.retryable and "No space left on device" in failure.reason
    # whatsmeow sends its receipt when the callback returns: it must not, while we run.
    assert whatsmeow.is_alive()

    await channel.stop()
    await asyncio.to_thread(whatsmeow.join)
    await channel.flush()
    # After the stop it is handed on in memory (WhatsApp, never answered, redelivers it too).
    assert [m.wa_id for m in sink.of(InboundMessage)] == ["3EB0DISKFULL0000000001"]


async def test_a_journaled_image_is_replayed_on_start_and_downloaded_once_logged_in(
        channel, sink, fake_go):
    image = E.ImageMessage(mimetype="image/jpeg", caption="comprovante", fileLength=2048,
                           URL="https://mmg.whatsapp.net/x", mediaKey=b"k" * 32)
    ev = message_ev(E.Message(imageMessage=image), msg_id="3EB0REPLAYIMAGE0000001")
    earlier_run = InboundJournal(channel.journal.path)  # what a killed process left behind
    earlier_run.open()
    earlier_run.append(channel_module._MESSAGE_CODE, ev.SerializePartialToString())
    earlier_run.close()

    await channel.start()
    await channel.flush()
    [msg] = sink.of(InboundMessage)
    assert (msg.wa_id, msg.text, msg.media.mime) == ("3EB0REPLAYIMAGE0000001", "comprovante",
                                                      "image/jpeg")
    download = asyncio.ensure_future(msg.media.download())  # waits for the login
    await deliver(channel, N.Connected(status=True))
    assert await download == b"\x89PNG media bytes"
    assert channel.journal.pending_count() == 1  # until the pipeline has committed it
    msg.on_stored()
    assert channel.journal.pending_count() == 0
    await channel.stop()  # the done mark reaches the disk: the next process replays nothing
    assert InboundJournal(channel.journal.path).open() == []


def test_concurrent_appends_and_done_marks_leave_exactly_the_undone_entries(tmp_path):
    path = tmp_path / "1.journal"
    journal = InboundJournal(path)
    journal.open()
    seqs: list[int] = []
    lock = threading.Lock()

    def go_thread(n: int) -> None:
        for i in range(150):
            seq = journal.append(7, f"{n}:{i}".encode() * 500)  # ~2 KiB: compaction kicks in
            with lock:
                seqs.append(seq)

    threads = [threading.Thread(target=go_thread, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    done: set[int] = set()
    while any(t.is_alive() for t in threads) or len(done) < len(seqs) - 40:
        with lock:
            ready = [s for s in seqs if s not in done][:-40]  # leave the newest undone
        for seq in ready:
            journal.mark_done(seq)
            done.add(seq)
        time.sleep(0.001)  # let the "Go" threads run (not a timing assertion)
    for t in threads:
        t.join()
    journal.close()
    left = {e.seq for e in InboundJournal(path).open()}
    assert left == set(seqs) - done and len(left) == 40
    assert len(set(seqs)) == 600  # no sequence number handed out twice

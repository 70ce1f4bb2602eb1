"""Killing the app mid-burst loses nothing and duplicates nothing once WhatsApp redelivers."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

CHILD = Path(__file__).with_name("crash_child.py")
MESSAGES = 6000
CONTACTS = 600


def start_child(data_dir: Path) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [sys.executable, str(CHILD), str(data_dir), str(MESSAGES), str(CONTACTS)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    assert proc.stdout is not None
    line = proc.stdout.readline().strip()
    if line != "READY":
        proc.kill()
        raise AssertionError(f"child did not start: {line!r} {proc.stderr.read()[-2000:]}")
    return proc


def stored_messages(db_path: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=1) as db:
            return db.execute("SELECT count(*) FROM messages").fetchone()[0]
    except sqlite3.OperationalError:  # busy for a moment: ask again
        return 0


def test_sigkill_mid_burst_then_replay_stores_each_message_exactly_once(tmp_path):
    data_dir = tmp_path / "data"
    db_path = data_dir / "whatdesk.db"

    first = start_child(data_dir)
    deadline = time.monotonic() + 60
    while stored_messages(db_path) < 300:
        assert first.poll() is None, "the child ended before it could be killed"
        assert time.monotonic() < deadline, "the burst never started to be stored"
        time.sleep(0.01)
    first.send_signal(signal.SIGKILL)
    first.wait(timeout=30)
    first.stdout.close()
    first.stderr.close()
    killed_at = stored_messages(db_path)
    assert 0 < killed_at < MESSAGES, "the kill must land in the middle of the burst"

    second = start_child(data_dir)  # WhatsApp redelivers the whole burst
    out, err = second.communicate(timeout=120)
    assert second.returncode == 0, err[-3000:]
    assert "DONE" in out

    with sqlite3.connect(db_path) as db:
        total, distinct = db.execute(
            "SELECT count(*), count(DISTINCT wa_id) FROM messages").fetchone()
        assert total == distinct == MESSAGES
        assert db.execute("SELECT count(*) FROM contacts").fetchone()[0] == CONTACTS
        per_contact = db.execute(
            "SELECT contact_id, count(*) FROM tickets WHERE status <> 'closed' "
            "GROUP BY contact_id").fetchall()
        assert len(per_contact) == CONTACTS
        assert all(n == 1 for _, n in per_contact)
        # Each message was stored together with its ticket update, never half of it.
        mismatched = db.execute(
            "SELECT t.id FROM tickets t WHERE t.unread_count <> "
            "(SELECT count(*) FROM messages m WHERE m.ticket_id = t.id)").fetchall()
        assert mismatched == []

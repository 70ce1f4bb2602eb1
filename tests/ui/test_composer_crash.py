"""Nothing the agent sent is lost when the app dies before it left: the composer's Enter
writes the pending row; the app killed (SIGKILL) right after, then started again, sends it
exactly once."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

from whatdesk.domain.enums import Ack
from whatdesk.store import Database, list_messages, list_tickets, sqlite_url

CHILD = Path(__file__).with_name("composer_crash_child.py")
ROOT = Path(__file__).parents[2]
TEXT = "Seu pedido 42 foi confirmado ✅"


def test_app_killed_right_after_enter_sends_the_message_once_after_restart(tmp_path):
    data = tmp_path / "data"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    typing = subprocess.Popen([sys.executable, str(CHILD), "type", str(data), TEXT],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        line = typing.stdout.readline()
        assert line.startswith("SENT "), (line, typing.stderr.read() if typing.poll() else "")
    finally:
        typing.send_signal(signal.SIGKILL)
        typing.wait(timeout=30)

    db = Database.open(sqlite_url(data / "whatdesk.db"))
    try:
        [ticket] = db.read_sync(lambda s: list_tickets(s))
        [row] = db.read_sync(lambda s: list_messages(s, ticket.id))
        assert (row.text, row.ack, row.direction) == (TEXT, Ack.PENDING, "out")
    finally:
        db.close()

    resumed = subprocess.run([sys.executable, str(CHILD), "resume", str(data)],
                             capture_output=True, text=True, env=env, timeout=120)
    assert resumed.returncode == 0, resumed.stderr
    assert json.loads(resumed.stdout.strip().splitlines()[-1]) == [TEXT]

    db = Database.open(sqlite_url(data / "whatdesk.db"))
    try:
        [row] = db.read_sync(lambda s: list_messages(s, ticket.id))
        assert row.text == TEXT and row.ack >= Ack.SERVER
    finally:
        db.close()

"""SIGKILL while running: the next start finds the session intact (the working copy left in
the runtime folder is newer than the sealed one), and a clean stop then seals it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from vault_helpers import files_holding, new_secret, read_store

from whatdesk.secrets.keys import KeyMode, resolve_key
from whatdesk.secrets.vault import SQLITE_HEADER, SessionKind, SessionVault

CHILD = Path(__file__).with_name("vault_child.py")
ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_sigkill_while_running_loses_no_session_state(fail_keyring, data_dir, runtime_root):
    name = "7-00112233445566778899"
    first, second = new_secret(), new_secret()
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    child = subprocess.Popen(
        [sys.executable, str(CHILD), str(data_dir), str(runtime_root), name, first.hex(),
         second.hex()], stdout=subprocess.PIPE, env=env, text=True)
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "ready"
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(30)
    assert child.returncode == -signal.SIGKILL

    key = resolve_key(data_dir, KeyMode.PASSPHRASE, "kill -9 survives")
    vault = SessionVault(data_dir, key, runtime_root)
    assert read_store(vault.open(name, SessionKind.SQLITE)) == [first, second]
    vault.close_all()
    assert files_holding([data_dir, runtime_root], SQLITE_HEADER, first, second) == []
    again = SessionVault(data_dir, key, runtime_root)
    assert read_store(again.open(name, SessionKind.SQLITE)) == [first, second]

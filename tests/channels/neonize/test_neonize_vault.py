"""The WhatsApp channel works on the vault's working copy: a plain session from before the
vault is sealed when the connection starts, pairing seals the new device keys, and a clean
stop seals only after the client has stopped, leaving nothing in clear."""

from __future__ import annotations

import asyncio
import os
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from journal_child import go_dispatch
from neonize.proto import Neonize_pb2 as N
from neonize_factories import FakeGo, jid

from whatdesk.domain.enums import ConnectionStatus
from whatdesk.domain.reasons import Reason
from whatdesk.engine.events import ConnectionStatusChanged
from whatdesk.secrets.keys import KeyMode, SessionKey
from whatdesk.secrets.vault import SQLITE_HEADER, SessionKind, SessionVault
from whatdesk.services.runtime import Runtime, session_name
from whatdesk.store import create_connection

OWN = "5511988887777"


def write_keys(path: Path, secret: bytes) -> None:
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE IF NOT EXISTS whatsmeow_device (noise_key BLOB)")
    con.execute("INSERT INTO whatsmeow_device VALUES (?)", (secret,))
    con.commit()
    con.close()


def keys_in(path: Path) -> list[bytes]:
    con = sqlite3.connect(path)
    try:
        return [r[0] for r in con.execute("SELECT noise_key FROM whatsmeow_device")]
    finally:
        con.close()


def clear_files(roots: list[Path], *needles: bytes) -> list[Path]:
    return [p for root in roots if root.exists() for p in root.rglob("*")
            if p.is_file() and any(n in p.read_bytes() for n in needles)]


async def until(cond: Any) -> None:
    for _ in range(2000):
        if cond():
            return
        await asyncio.sleep(0.005)
    raise AssertionError("condition not reached")


async def test_neonize_session_is_migrated_sealed_after_pairing_and_after_the_client_stops(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = FakeGo()
    real_make_channel = Runtime.make_channel

    def make_channel(self: Runtime, row: Any) -> Any:
        channel = real_make_channel(self, row)
        channel.client._NewAClient__client = fake
        channel.register_grace_s = 0
        return channel

    monkeypatch.setattr(Runtime, "make_channel", make_channel)
    data, run = tmp_path / "data", tmp_path / "run"
    key = SessionKey(KeyMode.KEYRING, os.urandom(32))
    rt = Runtime.open(data, vault=SessionVault(data, key, run))
    row = rt.db.write_sync(lambda s: create_connection(s, "WhatsApp", channel="neonize",
                                                       user_disconnected=True))
    name = session_name(row)
    legacy = data / "sessions" / f"{name}.db"
    old_secret, paired_secret = b"OLD-KEY:" + os.urandom(24), b"NEW-KEY:" + os.urandom(24)
    write_keys(legacy, old_secret)  # a session from before the vault, in clear
    statuses: list[ConnectionStatusChanged] = []
    rt.bus.subscribe(ConnectionStatusChanged, statuses.append)
    stopped_before_seal: list[bool] = []
    real_close = rt.vault.close

    def close(session: str) -> None:
        stopped_before_seal.append(fake.stopped.is_set())
        real_close(session)

    monkeypatch.setattr(rt.vault, "close", close)
    try:
        await rt.start()
        await rt.connections.connect(row.id)
        channel = rt.handle(row.id).channel
        await until(lambda: fake.neonize_started.is_set())
        # the client runs on the private working copy; the plain file is gone
        assert channel.session_path.is_relative_to(rt.vault.runtime_dir)
        assert not legacy.exists()
        assert keys_in(channel.session_path) == [old_secret]

        # whatsmeow stores the new device keys, then reports the pairing
        write_keys(channel.session_path, paired_secret)
        go_dispatch(channel, N.PairStatus(ID=jid(OWN, device=4), BusinessName="",
                                          Platform="android", Status=N.PairStatus.SUCCESS,
                                          Error=""))
        await until(lambda: any(s.reason is Reason.PAIRED for s in statuses))
        await rt.drain()
        sealed_copy = tmp_path / "sealed-copy.db"
        for _ in range(200):  # the seal runs in a worker thread; read what is sealed now
            image, _kind = rt.vault._unseal(name, key.key)
            sealed_copy.write_bytes(image)
            if paired_secret in keys_in(sealed_copy):
                break
            await asyncio.sleep(0.01)
        else:
            raise AssertionError("pairing did not seal the new keys")
        sealed_copy.unlink()
        go_dispatch(channel, N.Connected(status=True))
        await until(lambda: rt.handle(row.id).supervisor.status is ConnectionStatus.CONNECTED)
    finally:
        await rt.close()

    assert stopped_before_seal == [True]  # the client was stopped before its session was sealed
    # no session in clear: no SQLite file among the sessions or in the runtime folder, and
    # the key bytes nowhere in the data folder (whatdesk.db is the app's own database)
    assert clear_files([data / "sessions", run], SQLITE_HEADER) == []
    assert clear_files([data, run], old_secret, paired_secret) == []
    again = SessionVault(data, key, tmp_path / "later")
    assert keys_in(again.open(name, SessionKind.SQLITE)) == [old_secret, paired_secret]

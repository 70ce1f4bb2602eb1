"""The running app and the vault: the sandbox demo's session is sealed while running and on
stop (nothing in clear afterwards), and the next start links without a QR code."""

from __future__ import annotations

import asyncio

from whatdesk.channels.sandbox import SandboxNetwork
from whatdesk.domain.clock import VirtualClock
from whatdesk.domain.enums import ConnectionStatus
from whatdesk.secrets.keys import resolve_key
from whatdesk.secrets.vault import SessionVault
from whatdesk.services.runtime import Runtime, sandbox_account_phone
from whatdesk.store import create_connection


async def wait_for(cond, what: str) -> None:
    for _ in range(1000):
        if cond():
            return
        await asyncio.sleep(0.01)
    raise AssertionError(what)


async def test_sandbox_session_is_sealed_periodically_and_on_stop_and_survives_a_restart(
        memory_keyring, data_dir, runtime_root):
    network = SandboxNetwork(seed=3)
    vault = SessionVault(data_dir, resolve_key(data_dir), runtime_root, seal_interval_s=0.05)
    rt = Runtime.open(data_dir, clock=VirtualClock(), sandbox=network, sandbox_auto_link=True,
                      vault=vault)
    row = rt.db.write_sync(lambda s: create_connection(s, "Demo", channel="sandbox"))
    phone = sandbox_account_phone(row.id).encode()
    sealed = data_dir / "sessions" / f"sandbox-{row.id}-{row.session_token}.vault"
    try:
        await rt.start()
        await wait_for(lambda: rt.connections.live_status(row.id)[0]
                       is ConnectionStatus.CONNECTED, "connected")
        await wait_for(sealed.exists, "sealed after connecting")
        sealed.unlink()  # the periodic seal writes it again
        await wait_for(sealed.exists, "sealed again while running")
        working = rt.handle(row.id).channel.session_dir
        assert working.is_relative_to(vault.runtime_dir)
        assert any(phone in p.read_bytes() for p in working.iterdir())  # in use, in clear
    finally:
        await rt.close()

    clear = [p for root in (data_dir, runtime_root) for p in root.rglob("*")
             if p.is_file() and not p.name.startswith("whatdesk.db") and phone in p.read_bytes()]
    assert clear == []

    again = Runtime.open(data_dir, clock=VirtualClock(), sandbox=network,
                         vault=SessionVault(data_dir, resolve_key(data_dir), runtime_root))
    try:
        await again.start()  # not auto-linking: only the sealed session can connect it
        await wait_for(lambda: again.connections.live_status(row.id)[0]
                       is ConnectionStatus.CONNECTED, "connected from the sealed session")
    finally:
        await again.close()

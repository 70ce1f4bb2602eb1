"""Managing WhatsApp connections as the Connections screen does."""

from __future__ import annotations

import pytest
from engine_helpers import Recorder, wait_until

from whatdesk.domain.enums import ConnectionStatus as St
from whatdesk.domain.errors import ChannelError, WhatdeskError
from whatdesk.engine.events import (
    ConnectionsChanged,
    ConnectionStatusChanged,
    PairingCodeChanged,
    QRCodeChanged,
)
from whatdesk.services.runtime import Runtime, sandbox_account_phone


def status(rt, cid):
    return rt.handle(cid).supervisor.status


@pytest.mark.parametrize("fields, words", [
    ({"name": "   "}, "nome"),
    ({"name": "Vendas", "business_hours": {"mon": [["09:00", "25:00"]]}}, "25:00"),
    ({"name": "Vendas", "business_hours": {"mon": [["18:00", "09:00"]]}}, "antes do fim"),
    ({"name": "Vendas", "business_hours": {"mon": [["08:00", "12:00"], ["11:00", "18:00"]]}},
     "sobrepõem"),
    ({"name": "Vendas", "business_hours": {"funday": [["08:00", "12:00"]]}}, "Dia da semana"),
    ({"name": "Vendas", "rate_per_contact_per_min": 0}, "maior que zero"),
    ({"name": "Vendas", "min_gap_ms": "rápido"}, "número inteiro"),
    ({"name": "Vendas", "timezone": "Marte/Olympus"}, "Fuso horário"),
])
async def test_invalid_form_is_refused_with_a_readable_reason_and_nothing_saved(
        runtime, fields, words):
    with pytest.raises(WhatdeskError) as err:
        await runtime.connections.create(channel="sandbox", **fields)
    assert words in str(err.value)
    assert await runtime.connections.list() == []


async def test_duplicate_name_is_refused_whatever_the_case(runtime):
    await runtime.connections.create("Vendas", channel="sandbox")
    with pytest.raises(WhatdeskError, match="Já existe"):
        await runtime.connections.create(" vendas ", channel="sandbox")
    other = await runtime.connections.create("Suporte", channel="sandbox")
    with pytest.raises(WhatdeskError, match="Já existe"):
        await runtime.connections.update(other.id, name="VENDAS")
    assert [c.name for c in await runtime.connections.list()] == ["Vendas", "Suporte"]


async def test_new_connection_shows_a_qr_and_connects_when_scanned(runtime, network):
    rec = Recorder(runtime.bus)
    row = await runtime.connections.create(
        "Loja", channel="sandbox", business_hours={"mon": [["09:00", "18:00"]]})
    assert rec.of(ConnectionsChanged)[-1].connection_id == row.id
    await runtime.connections.connect(row.id)
    await wait_until(lambda: status(runtime, row.id) is St.QR_WAITING)
    qr = rec.of(QRCodeChanged)[-1]
    network.scan_qr(sandbox_account_phone(row.id), qr.payload)
    await wait_until(lambda: any(e.status is St.CONNECTED
                                 for e in rec.of(ConnectionStatusChanged)))  # after the save
    saved = await runtime.connections.get(row.id)
    assert saved.status == St.CONNECTED and saved.jid.startswith(sandbox_account_phone(row.id))
    history = [h.status for h in await runtime.connections.status_history(row.id)]
    assert history[:3] == [St.CONNECTED, St.PAIRING, St.QR_WAITING]  # newest first


async def test_pairing_code_links_without_a_qr(runtime, network):
    rec = Recorder(runtime.bus)
    row = await runtime.connections.create("Loja", channel="sandbox")
    phone = sandbox_account_phone(row.id)
    code = await runtime.connections.request_pairing_code(row.id, f"+{phone}")
    assert rec.of(PairingCodeChanged)[-1].code == code
    network.enter_pairing_code(phone, code)
    await wait_until(lambda: status(runtime, row.id) is St.CONNECTED)


async def test_disconnect_is_remembered_across_restarts_and_reconnect_undoes_it(
        tmp_path, network, clock):
    rt = Runtime.open(tmp_path / "data", clock=clock, sandbox=network, sandbox_auto_link=True)
    await rt.start()
    row = await rt.connections.create("Loja", channel="sandbox")
    await rt.connections.connect(row.id)
    await wait_until(lambda: status(rt, row.id) is St.CONNECTED)
    await rt.connections.disconnect(row.id)
    assert status(rt, row.id) is St.STOPPED
    await rt.close()

    rt2 = Runtime.open(tmp_path / "data", clock=clock, sandbox=network)
    await rt2.start()
    assert (await rt2.connections.get(row.id)).user_disconnected
    assert status(rt2, row.id) is St.STOPPED
    await rt2.connections.reconnect(row.id)  # the saved session: no QR needed
    await wait_until(lambda: status(rt2, row.id) is St.CONNECTED)
    assert not (await rt2.connections.get(row.id)).user_disconnected
    await rt2.close()


async def test_logout_forgets_the_session(runtime, network, tmp_path):
    runtime.sandbox_auto_link = True
    row = await runtime.connections.create("Loja", channel="sandbox")
    await runtime.connections.connect(row.id)
    await wait_until(lambda: status(runtime, row.id) is St.CONNECTED)
    session = runtime.handle(row.id).channel.session_file
    assert session.parent == (runtime.data_dir / "sessions"
                              / f"sandbox-{row.id}-{row.session_token}")
    assert session.exists()
    await runtime.connections.logout(row.id)
    assert status(runtime, row.id) is St.LOGGED_OUT and not session.exists()
    assert (await runtime.connections.get(row.id)).status == St.LOGGED_OUT


async def test_update_changes_the_send_limits_of_the_running_connection(runtime):
    row = await runtime.connections.create("Loja", channel="sandbox")
    await runtime.connections.update(row.id, rate_per_contact_per_min=5, min_gap_ms=2500)
    limits = runtime.handle(row.id).sender.limits
    assert (limits.per_contact_per_min, limits.min_gap_s) == (5, 2.5)
    assert (await runtime.connections.get(row.id)).rate_per_contact_per_min == 5


async def test_delete_unlinks_the_device_and_keeps_conversations(runtime, network):
    from whatdesk.store import list_tickets

    runtime.sandbox_auto_link = True
    row = await runtime.connections.create("Loja", channel="sandbox")
    await runtime.connections.connect(row.id)
    await wait_until(lambda: status(runtime, row.id) is St.CONNECTED)
    channel = runtime.handle(row.id).channel
    network.customer("5511987654321", "Ana").send_text("Oi")
    await runtime.drain()
    session = channel.session_file
    assert session.exists()
    await runtime.connections.delete(row.id)
    assert not channel.is_connected and not session.exists()  # unlinked, not orphaned
    assert await runtime.connections.list() == []
    assert len(runtime.db.read_sync(lambda s: list_tickets(s))) == 1


async def _linked_sandbox(runtime, name: str = "Loja"):
    runtime.sandbox_auto_link = True
    row = await runtime.connections.create(name, channel="sandbox")
    await runtime.connections.connect(row.id)
    await wait_until(lambda: status(runtime, row.id) is St.CONNECTED)
    return row, runtime.handle(row.id).channel.session_file


async def test_a_failed_logout_is_reported_and_keeps_the_session(runtime, network):
    row, session = await _linked_sandbox(runtime)
    network.set_online(sandbox_account_phone(row.id), False)
    with pytest.raises(ChannelError, match="desvincular"):
        await runtime.connections.logout(row.id)
    assert session.exists()  # so that logging out can be tried again
    assert status(runtime, row.id) is not St.LOGGED_OUT
    assert (await runtime.connections.get(row.id)).status is not St.LOGGED_OUT


async def test_delete_removes_the_session_even_when_unlinking_fails(runtime, network):
    row, session = await _linked_sandbox(runtime)
    network.set_online(sandbox_account_phone(row.id), False)
    assert await runtime.connections.delete(row.id) is False  # the caller can tell the user
    assert not session.exists()
    assert await runtime.connections.list() == []


async def test_a_new_connection_never_gets_a_deleted_ones_id_or_session(runtime):
    import sqlite3

    await runtime.connections.create("Loja 1", channel="neonize")
    second = await runtime.connections.create("Loja 2", channel="neonize")
    old_session = runtime.handle(second.id).channel.session_path
    old_session.parent.mkdir(parents=True, exist_ok=True)
    sqlite3.connect(old_session).close()  # what whatsmeow leaves on disk
    await runtime.connections.delete(second.id, keep_conversations=False)
    assert not old_session.exists()
    third = await runtime.connections.create("Loja 3", channel="neonize")
    new_session = runtime.handle(third.id).channel.session_path
    assert third.id != second.id and new_session != old_session
    assert new_session.name == f"{third.id}-{third.session_token}.db"


async def test_a_session_is_named_by_id_and_token_and_old_connections_keep_theirs(runtime):
    import dataclasses

    row = await runtime.connections.create("Loja", channel="neonize")
    sessions = runtime.data_dir / "sessions"
    assert runtime.make_channel(row).session_path == (
        sessions / f"{row.id}-{row.session_token}.db")
    made_before_tokens = dataclasses.replace(row, session_token=None)
    assert runtime.make_channel(made_before_tokens).session_path == sessions / f"{row.id}.db"
    with pytest.raises(WhatdeskError):  # a tampered database cannot steer the path
        runtime.make_channel(dataclasses.replace(row, session_token="../../../etc/x"))

"""A store that keeps failing stops the connection visibly and loses nothing (sandbox path)."""

from __future__ import annotations

from typing import Any

import whatdesk.engine.inbound as inbound_module
from whatdesk.domain.enums import ConnectionStatus
from whatdesk.domain.errors import StoreError
from whatdesk.engine.backoff import Backoff
from whatdesk.engine.events import ConnectionStatusChanged
from whatdesk.store import list_messages, list_tickets


async def test_failing_store_stops_the_connection_then_every_message_arrives_once(
        app, monkeypatch):
    app.runtime.pipeline.retry_backoff = lambda: Backoff(initial=0.001, factor=1.0,
                                                         maximum=0.001, jitter=0.0)
    real_record = inbound_module.record_inbound
    failed = 0

    def flaky_record_inbound(*args: Any, **kwargs: Any) -> Any:
        nonlocal failed
        if failed < 50:
            failed += 1
            raise StoreError("O disco está cheio (simulado)")
        return real_record(*args, **kwargs)

    monkeypatch.setattr(inbound_module, "record_inbound", flaky_record_inbound)
    supervisor = app.runtime.handle(app.connection_id).supervisor
    ana = app.network.customer("5511987654321", "Ana")
    bia = app.network.customer("5511987654322", "Bia")
    sent = [ana.send_text("Oi"), bia.send_text("Bom dia"), ana.send_text("Tem pão?")]
    await app.advance_until(lambda: failed >= 50 and supervisor.status is ConnectionStatus.CONNECTED)

    stopped = [e for e in app.events.of(ConnectionStatusChanged)
               if e.status is ConnectionStatus.DISCONNECTED and "salvar" in e.detail]
    assert stopped and "salvar as mensagens recebidas" in stopped[0].detail
    sent.append(bia.send_text("Chegou?"))  # after the store came back
    await app.advance_until(lambda: len(stored_ids(app)) >= len(sent))
    assert sorted(stored_ids(app)) == sorted(sent)


def stored_ids(app) -> list[str]:
    tickets = app.read(lambda s: list_tickets(s, limit=50))
    return [m.wa_id for t in tickets
            for m in app.read(lambda s, t=t: list_messages(s, t.id, limit=50))]

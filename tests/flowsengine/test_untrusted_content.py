"""What a customer types cannot reach the disk or forge content through a running flow."""

from __future__ import annotations

import asyncio
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from flow_helpers import flow_doc, install

from whatdesk.domain.enums import MessageKind
from whatdesk.services.flows import PublishRefused
from whatdesk.store import list_tickets


async def settle(app, customer, count):
    await app.runtime.drain()
    await app.advance_until(lambda: len(customer.inbox) >= count, step=0.2, max_s=120)
    await app.runtime.drain()


async def test_contact_card_named_by_the_customer_cannot_inject_vcard_fields(app):
    await install(app, flow_doc("Cartão", [
        ("start", "start", {}),
        ("card", "message", {"text": "", "contact": {"name": "{{last_input}}",
                                                     "phone": "5511977776666"}}),
    ], [("start", "next", "card")]))
    eve = app.network.customer("5511987650009", "Eve")
    eve.send_text("Eve\nTEL;waid=5566999990000:+5566999990000\nEND:VCARD\nBEGIN:VCARD;x")
    await settle(app, eve, 1)
    [card_message] = eve.inbox
    assert card_message.kind == MessageKind.CONTACT
    vcard = card_message.contact.vcard
    lines = vcard.split("\n")
    assert [line.split(":", 1)[0].split(";", 1)[0] for line in lines] == \
        ["BEGIN", "VERSION", "FN", "TEL", "END"]
    assert lines[3].endswith("waid=5511977776666:+5511977776666")


async def test_contact_an_agent_sends_under_a_pasted_name_stays_one_card(app):
    # agents paste names they got from customers (a push name is whatever the customer set)
    ana = app.network.customer("5511987650011", "Ana")
    ana.send_text("oi")
    await app.runtime.drain()
    [ticket] = app.read(lambda s: list_tickets(s, limit=10))
    await app.runtime.messages.send_contact(
        ticket.id, "Eve;x\nTEL;waid=5566999990000:+5566999990000", "(11) 91234-5678")
    card = await ana.wait_for_message()
    lines = card.contact.vcard.split("\n")
    assert [line.split(":", 1)[0].split(";", 1)[0] for line in lines] == \
        ["BEGIN", "VERSION", "FN", "TEL", "END"]
    assert lines[2] == "FN:Eve\\;x TEL\\;waid=5566999990000:+5566999990000"
    assert lines[3].endswith("waid=5511912345678:+5511912345678")


async def test_flow_media_is_sent_from_the_flow_media_folder(app):
    folder = app.data_dir / "flow-media"
    folder.mkdir(exist_ok=True)
    (folder / "cardapio.pdf").write_bytes(b"%PDF-1.4 menu")
    await install(app, flow_doc("Cardápio", [
        ("start", "start", {}),
        ("pdf", "message", {"text": "Nosso cardápio", "media": {
            "path": "cardapio.pdf", "kind": "document", "filename": "cardapio.pdf"}}),
    ], [("start", "next", "pdf")]))
    ana = app.network.customer("5511987650010", "Ana")
    ana.send_text("oi")
    await settle(app, ana, 1)
    [doc] = ana.inbox
    assert doc.kind == MessageKind.DOCUMENT and ana.media_bytes(doc.wa_id) == b"%PDF-1.4 menu"


@pytest.mark.parametrize("path", ["{{last_input}}", "../secret.txt", "/etc/hostname"])
async def test_a_flow_whose_media_path_leaves_the_folder_cannot_be_published(app, path):
    (app.data_dir / "secret.txt").write_text("segredo", encoding="utf-8")
    with pytest.raises(PublishRefused) as refused:
        await install(app, flow_doc("Vazamento", [
            ("start", "start", {}),
            ("m", "message", {"text": "", "media": {"path": path, "kind": "document"}}),
        ], [("start", "next", "m")]))
    assert "flow-media" in str(refused.value) or "media" in str(refused.value).lower()


class _Receiver(BaseHTTPRequestHandler):
    keys: list[str | None] = []

    def log_message(self, *args: Any) -> None:
        pass

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        _Receiver.keys.append(self.headers.get("Idempotency-Key"))
        self.send_response(201)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"{}")


async def test_http_call_replayed_after_a_crash_carries_the_same_idempotency_key(
        tmp_path, network, clock):
    from datetime import timedelta

    from sandbox_app import open_app

    from whatdesk.domain.enums import TicketStatus
    from whatdesk.domain.events import InboundMessage
    from whatdesk.services.runtime import Runtime
    from whatdesk.store import record_inbound

    server = ThreadingHTTPServer(("127.0.0.1", 0), _Receiver)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    _Receiver.keys.clear()
    url = f"http://127.0.0.1:{server.server_address[1]}/pedidos"
    try:
        app = await open_app(tmp_path / "data", network, clock, min_gap_ms=0)
        await install(app, flow_doc("Pedido", [
            ("start", "start", {}),
            ("h", "http_request", {"method": "POST", "url": url, "body": '{"a": 1}'}),
            ("ok", "message", {"text": "Pedido registrado"}),
        ], [("start", "next", "h"), ("h", "ok", "ok")]))
        ana = network.customer("5511987650020", "Ana")
        msg = InboundMessage(wa_id="CRASH1", chat=ana.jid, sender=ana.jid,
                             timestamp=clock.now() - timedelta(seconds=1),
                             kind=MessageKind.TEXT, sender_phone=ana.phone, push_name="Ana",
                             text="oi")
        await app.runtime.db.write(lambda s: record_inbound(
            s, app.connection_id, msg, new_ticket_status=TicketStatus.BOT))
        await app.runtime.close()

        # the app starts, answers the committed message, calls the receiver and dies before
        # the step's write: nothing of that step is stored
        runtime = Runtime.open(tmp_path / "data", clock=clock, sandbox=network,
                               sandbox_auto_link=True)

        async def die(write):
            raise asyncio.CancelledError

        runtime.flow_runner._apply = die
        await runtime.start()
        await runtime.flow_runner.drain()
        await runtime.close()
        assert len(_Receiver.keys) == 1 and ana.texts == []

        again = await open_app(tmp_path / "data", network, clock, create=False)
        await settle(again, ana, 1)
        await again.runtime.close()
    finally:
        server.shutdown()
        server.server_close()
    assert ana.texts == ["Pedido registrado"]
    first, replay = _Receiver.keys
    assert first and first == replay  # the receiver can drop the repeat

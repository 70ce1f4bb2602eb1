"""What a customer types cannot reach the disk or forge content through a running flow."""

from __future__ import annotations

import pytest
from flow_helpers import flow_doc, install

from whatdesk.domain.enums import MessageKind
from whatdesk.services.flows import PublishRefused


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

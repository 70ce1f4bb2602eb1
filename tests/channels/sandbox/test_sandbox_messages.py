"""Customers' messages reach the account as the right InboundMessage; ours reach the customer."""

from __future__ import annotations

from pathlib import Path

import pytest
from _sandbox_support import ACCOUNT, Recorder, advance, settle

from whatdesk.channels.sandbox import SandboxChannel, SandboxError, SandboxNetwork
from whatdesk.domain.clock import VirtualClock
from whatdesk.domain.enums import Ack, MessageKind
from whatdesk.domain.errors import ChannelError, NotLoggedIn
from whatdesk.domain.events import (
    MAX_TEXT_BYTES,
    AckEvent,
    Button,
    InboundMessage,
    ListRow,
    OutboundMessage,
    PresenceEvent,
)

CUSTOMER = "5511987654321"


def only_inbound(recorder: Recorder) -> InboundMessage:
    messages = recorder.of(InboundMessage)
    assert len(messages) == 1, recorder.events
    return messages[0]


async def test_customer_text_arrives_with_sender_and_push_name(connected, network, recorder):
    ana = network.customer("+55 (11) 98765-4321", "Ana Souza")
    wa_id = ana.send_text("Oi, vocês entregam no centro?")
    msg = only_inbound(recorder)
    assert msg.wa_id == wa_id
    assert msg.kind is MessageKind.TEXT
    assert msg.text == "Oi, vocês entregam no centro?"
    assert msg.chat == msg.sender == f"{CUSTOMER}@s.whatsapp.net"
    assert msg.sender_phone == CUSTOMER and msg.sender_lid is None
    assert msg.push_name == "Ana Souza" and msg.from_me is False


async def test_customer_with_lid_writes_from_the_lid_with_phone_resolved(connected, network,
                                                                         recorder):
    network.customer(CUSTOMER, "Bia", lid="20831144098")
    network.customer(CUSTOMER).send_text("oi")
    msg = only_inbound(recorder)
    assert msg.sender == msg.chat == "20831144098@lid"
    assert msg.sender_lid == "20831144098@lid"
    assert msg.sender_phone == CUSTOMER


@pytest.mark.parametrize(("method", "kind", "mime", "magic"), [
    ("send_image", MessageKind.IMAGE, "image/png", b"\x89PNG"),
    ("send_video", MessageKind.VIDEO, "video/mp4", b"ftyp"),
    ("send_audio", MessageKind.AUDIO, "audio/mpeg", b"ID3"),
    ("send_voice", MessageKind.VOICE, "audio/ogg; codecs=opus", b"OggS"),
    ("send_document", MessageKind.DOCUMENT, "application/pdf", b"%PDF"),
    ("send_sticker", MessageKind.STICKER, "image/webp", b"RIFF"),
])
async def test_customer_media_arrives_with_real_looking_bytes(connected, network, recorder,
                                                              method, kind, mime, magic):
    customer = network.customer(CUSTOMER, "Caio")
    wa_id = getattr(customer, method)(caption="olha isso")
    msg = only_inbound(recorder)
    assert (msg.wa_id, msg.kind, msg.text) == (wa_id, kind, "olha isso")
    assert msg.media is not None and msg.media.mime == mime
    assert magic in msg.media.data[:12]
    assert msg.media.size == len(msg.media.data)
    assert msg.media.caption == "olha isso"
    if kind is MessageKind.DOCUMENT:
        assert msg.media.filename == "documento.pdf"


async def test_generated_png_is_a_decodable_image(connected, network, recorder):
    from PySide6.QtGui import QImage

    network.customer(CUSTOMER).send_image()
    image = QImage.fromData(only_inbound(recorder).media.data)
    assert not image.isNull() and image.width() > 0


@pytest.mark.parametrize("method", ["send_image", "send_video", "send_audio", "send_voice",
                                    "send_document", "send_sticker"])
async def test_generated_media_is_recognised_by_libmagic(connected, network, recorder, method):
    magic = pytest.importorskip("magic")
    getattr(network.customer(CUSTOMER), method)()
    media = only_inbound(recorder).media
    assert media.mime.startswith(magic.from_buffer(media.data, mime=True))


async def test_customer_media_keeps_given_bytes_name_and_mime(connected, network, recorder):
    network.customer(CUSTOMER).send_document(b"a;b\n1;2\n", filename="planilha.csv",
                                             mime="text/csv")
    media = only_inbound(recorder).media
    assert (media.data, media.filename, media.mime, media.size) == (
        b"a;b\n1;2\n", "planilha.csv", "text/csv", 8)


async def test_location_contact_quote_and_mentions(connected, network, recorder):
    c = network.customer(CUSTOMER, "Duda")
    first = c.send_location(-23.5614, -46.6559, "Av. Paulista, 1578", "Bela Vista, São Paulo")
    c.send_contact("Marido da Duda", "(21) 99876-5432")
    c.send_text("viu?", quoted_id=first, mentions=("5511911112222@s.whatsapp.net",))
    loc, contact, text = recorder.of(InboundMessage)
    assert loc.kind is MessageKind.LOCATION
    assert (loc.location.latitude, loc.location.longitude) == (-23.5614, -46.6559)
    assert loc.location.name == "Av. Paulista, 1578"
    assert contact.kind is MessageKind.CONTACT
    assert contact.contacts[0].name == "Marido da Duda"
    assert contact.contacts[0].phone == "5521998765432"
    assert "waid=5521998765432" in contact.contacts[0].vcard
    assert text.quoted_id == first
    assert text.mentions == ("5511911112222@s.whatsapp.net",)


async def test_reaction_edit_and_revoke_point_at_their_target(connected, network, recorder):
    c = network.customer(CUSTOMER)
    original = c.send_text("quero 2 bolos")
    c.react(original, "👍")
    c.edit(original, "quero 3 bolos")
    c.revoke(original)
    c.react(original, "")
    _, reaction, edit, revoke, removed = recorder.of(InboundMessage)
    assert (reaction.kind, reaction.target_id, reaction.reaction) == (
        MessageKind.REACTION, original, "👍")
    assert (edit.kind, edit.target_id, edit.text) == (MessageKind.EDIT, original, "quero 3 bolos")
    assert (revoke.kind, revoke.target_id) == (MessageKind.REVOKE, original)
    assert removed.reaction == ""


async def test_customer_cannot_edit_what_they_did_not_send(connected, network, recorder):
    c = network.customer(CUSTOMER)
    with pytest.raises(SandboxError, match="só pode editar"):
        c.edit("3EB0NOTHEIRS", "x")
    with pytest.raises(SandboxError):
        c.react("3EB0UNKNOWN", "👍")
    with pytest.raises(SandboxError):
        c.send_text("   ")
    with pytest.raises(SandboxError):
        c.send_location(200, 0)
    assert recorder.of(InboundMessage) == []


async def test_button_and_list_replies_carry_the_chosen_id(connected, network, recorder):
    c = network.customer(CUSTOMER)
    buttons = OutboundMessage(connected.new_message_id(), c.jid, MessageKind.BUTTONS,
                              text="Escolha", buttons=(Button("vendas", "Vendas"),
                                                       Button("suporte", "Suporte")))
    menu = OutboundMessage(connected.new_message_id(), c.jid, MessageKind.LIST, text="Menu",
                           list_button="Ver", list_rows=(ListRow("pix", "Pagar com Pix"),))
    await connected.send(buttons)
    await connected.send(menu)
    c.press_button("suporte")
    c.choose_list_row("pix")
    pressed, chosen = recorder.of(InboundMessage)
    assert (pressed.kind, pressed.reply_id, pressed.text, pressed.quoted_id) == (
        MessageKind.BUTTON_REPLY, "suporte", "Suporte", buttons.wa_id)
    assert (chosen.kind, chosen.reply_id, chosen.text, chosen.quoted_id) == (
        MessageKind.LIST_REPLY, "pix", "Pagar com Pix", menu.wa_id)
    with pytest.raises(SandboxError, match="vendas"):
        c.press_button("financeiro")


async def test_typing_shows_as_presence(connected, network, recorder):
    c = network.customer(CUSTOMER)
    c.type()
    c.type(False)
    assert [e.state for e in recorder.of(PresenceEvent)] == ["composing", "paused"]


async def test_very_long_text_is_cut_and_flagged(connected, network, recorder):
    network.customer(CUSTOMER).send_text("ã" * MAX_TEXT_BYTES)
    msg = only_inbound(recorder)
    assert msg.truncated and len(msg.text.encode()) <= MAX_TEXT_BYTES


async def test_phone_send_arrives_as_from_me_and_reaches_customer(connected, network, recorder):
    wa_id = network.phone_send(ACCOUNT, CUSTOMER, "Já separei seu pedido!")
    msg = only_inbound(recorder)
    assert msg.from_me and msg.wa_id == wa_id
    assert msg.chat == f"{CUSTOMER}@s.whatsapp.net"
    assert msg.sender == f"{ACCOUNT}@s.whatsapp.net"
    assert network.customer(CUSTOMER).texts == ["Já separei seu pedido!"]


async def test_business_text_lands_in_customer_inbox(connected, network):
    c = network.customer(CUSTOMER)
    out = OutboundMessage(connected.new_message_id(), c.jid, MessageKind.TEXT, text="Olá!")
    result = await connected.send(out)
    assert result.wa_id == out.wa_id
    assert await c.wait_for_message(timeout=1) == out
    with pytest.raises(TimeoutError):
        await c.wait_for_message(timeout=0.05)


async def test_sending_to_an_unknown_number_creates_the_customer(connected, network):
    out = OutboundMessage(connected.new_message_id(), "5521912345678@s.whatsapp.net",
                          MessageKind.TEXT, text="Promoção!")
    await connected.send(out)
    assert network.customer("5521912345678").texts == ["Promoção!"]


async def test_resending_same_wa_id_reaches_customer_once(connected, network, recorder, clock):
    c = network.customer(CUSTOMER)
    out = OutboundMessage(connected.new_message_id(), c.jid, MessageKind.TEXT, text="Pedido ok")
    first = await connected.send(out)
    await advance(clock, 0.5)
    again = await connected.send(out)
    assert again == first
    assert c.texts == ["Pedido ok"]
    await advance(clock, 10)
    acks = [(e.wa_ids, e.ack) for e in recorder.of(AckEvent)]
    assert acks == [((out.wa_id,), Ack.DELIVERED), ((out.wa_id,), Ack.READ)]


async def test_media_send_delivers_the_file_bytes(connected, network, tmp_path: Path):
    photo = tmp_path / "produto.jpg"
    photo.write_bytes(b"\xff\xd8\xff\xe0fake-jpeg")
    c = network.customer(CUSTOMER)
    out = OutboundMessage(connected.new_message_id(), c.jid, MessageKind.IMAGE, text="Esse?",
                          media_path=str(photo), mime="image/jpeg")
    await connected.send(out)
    assert c.inbox == [out]
    assert c.media_bytes(out.wa_id) == b"\xff\xd8\xff\xe0fake-jpeg"


async def test_media_dir_stores_what_customer_received(network, recorder, tmp_path: Path,
                                                       clock: VirtualClock):
    net = SandboxNetwork(seed=1, clock=clock, media_dir=tmp_path / "recebidos")
    channel = SandboxChannel(net, ACCOUNT, tmp_path / "s", auto_link=True)
    channel.set_sink(recorder)
    await channel.start()
    doc = tmp_path / "boleto.pdf"
    doc.write_bytes(b"%PDF-1.4 boleto")
    out = OutboundMessage(channel.new_message_id(), f"{CUSTOMER}@s.whatsapp.net",
                          MessageKind.DOCUMENT, media_path=str(doc), filename="boleto.pdf")
    await channel.send(out)
    stored = list((tmp_path / "recebidos").rglob("*"))
    assert any(p.is_file() and p.read_bytes() == b"%PDF-1.4 boleto" for p in stored)
    assert net.customer(CUSTOMER).media_bytes(out.wa_id) == b"%PDF-1.4 boleto"
    await channel.stop()


@pytest.mark.parametrize("bad", [
    OutboundMessage("3EB0A1", f"{CUSTOMER}@s.whatsapp.net", MessageKind.IMAGE,
                    media_path="/nao/existe.jpg"),
    OutboundMessage("3EB0A2", f"{CUSTOMER}@s.whatsapp.net", MessageKind.TEXT, text="  "),
    OutboundMessage("3EB0A3", f"{CUSTOMER}@s.whatsapp.net", MessageKind.BUTTONS, text="x",
                    buttons=tuple(Button(str(i), str(i)) for i in range(4))),
    OutboundMessage("3EB0A4", "not-a-jid", MessageKind.TEXT, text="oi"),
    OutboundMessage("3EB0A5", "999@lid", MessageKind.TEXT, text="oi"),
    OutboundMessage("3EB0A6", "1203630@g.us", MessageKind.TEXT, text="oi"),
    OutboundMessage("3EB0A7", "123@s.whatsapp.net", MessageKind.TEXT, text="oi"),
])
async def test_bad_outbound_is_refused_with_a_readable_error(connected, network, bad):
    with pytest.raises(ChannelError) as err:
        await connected.send(bad)
    assert str(err.value)
    assert all(c.inbox == [] for c in network.customers)
    # The refusal did not burn the id: a corrected message with the same id still goes out.
    fixed = OutboundMessage(bad.wa_id, f"{CUSTOMER}@s.whatsapp.net", MessageKind.TEXT, text="ok")
    await connected.send(fixed)
    assert network.customer(CUSTOMER).texts == ["ok"]


async def test_mark_read_and_typing_are_visible_to_customer(connected, network):
    c = network.customer(CUSTOMER)
    wa_id = c.send_text("oi")
    await connected.mark_read(c.chat, c.chat, [wa_id])
    await connected.send_typing(c.chat, True)
    assert c.read_by_business == [wa_id]
    assert c.business_presence == "composing"
    await connected.send_typing(c.chat, True, recording=True)
    await connected.send_typing(c.chat, False)
    assert c.presence_log == ["composing", "recording", "paused"]


async def test_send_before_linking_says_not_logged_in(network, tmp_path: Path):
    channel = SandboxChannel(network, ACCOUNT, tmp_path / "s")
    out = OutboundMessage(channel.new_message_id(), f"{CUSTOMER}@s.whatsapp.net",
                          MessageKind.TEXT, text="oi")
    with pytest.raises(NotLoggedIn):
        await channel.send(out)
    await settle()

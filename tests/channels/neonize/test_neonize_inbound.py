"""Every kind of incoming WhatsApp message, as real neonize protobufs, becomes the right
InboundMessage."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

import pytest
from neonize.proto import Neonize_pb2 as N
from neonize.proto.waCommon.WACommon_pb2 import MessageKey
from neonize.proto.waE2E import WAWebProtobufsE2E_pb2 as E
from neonize_factories import CUSTOMER, GROUP, LID, OWN, TS_MS, connect, deliver, jid, message_ev, source

from whatdesk.domain.enums import MessageKind
from whatdesk.domain.errors import ChannelError
from whatdesk.domain.events import MAX_TEXT_BYTES, ContactCard, InboundMessage, Location

CUSTOMER_JID = f"{CUSTOMER}@s.whatsapp.net"


async def receive(channel, sink, message: E.Message, **kw) -> InboundMessage:
    await deliver(channel, message_ev(message, **kw))
    inbound = sink.of(InboundMessage)
    assert len(inbound) == 1, sink.events
    return inbound[0]


async def test_plain_text_keeps_id_chat_sender_name_and_millisecond_timestamp(channel, sink):
    msg = await receive(channel, sink, E.Message(conversation="oi, tudo bem?"))
    assert msg.wa_id == "3EB0AABBCCDDEEFF001122"
    assert msg.chat == CUSTOMER_JID and msg.sender == CUSTOMER_JID
    assert msg.sender_phone == CUSTOMER and msg.sender_lid is None
    assert msg.kind is MessageKind.TEXT and msg.text == "oi, tudo bem?"
    assert msg.push_name == "Ana"
    assert msg.timestamp == datetime.fromtimestamp(TS_MS / 1000, UTC)
    assert msg.timestamp.year == 2024  # milliseconds were not read as seconds
    assert not msg.from_me and not msg.is_group and not msg.truncated


async def test_extended_text_with_quote_and_mentions(channel, sink):
    ctx = E.ContextInfo(stanzaID="3EB0QUOTED", participant=f"{OWN}@s.whatsapp.net",
                        mentionedJID=[f"{OWN}@s.whatsapp.net", "garbage"])
    msg = await receive(channel, sink, E.Message(
        extendedTextMessage=E.ExtendedTextMessage(text="@5511988880000 veja", contextInfo=ctx)))
    assert msg.kind is MessageKind.TEXT and msg.text == "@5511988880000 veja"
    assert msg.quoted_id == "3EB0QUOTED"
    assert msg.mentions == (f"{OWN}@s.whatsapp.net",)  # the malformed mention is dropped


async def test_text_over_64_kib_is_truncated_and_flagged(channel, sink):
    msg = await receive(channel, sink, E.Message(conversation="é" * 40_000))  # 80 000 bytes
    assert msg.truncated
    assert len(msg.text.encode()) <= MAX_TEXT_BYTES
    assert msg.text == "é" * (MAX_TEXT_BYTES // 2)  # cut between characters


async def test_image_with_caption_and_download_through_go(channel, sink, fake_go):
    await connect(channel)
    image = E.ImageMessage(mimetype="image/jpeg", caption="nota fiscal", fileLength=2048,
                           URL="https://mmg.whatsapp.net/x", mediaKey=b"k" * 32,
                           contextInfo=E.ContextInfo(stanzaID="3EB0PREV"))
    await deliver(channel, message_ev(E.Message(imageMessage=image)))
    msg = sink.of(InboundMessage)[0]
    assert msg.kind is MessageKind.IMAGE and msg.text == "nota fiscal"
    assert msg.media.mime == "image/jpeg" and msg.media.size == 2048
    assert msg.media.caption == "nota fiscal" and msg.quoted_id == "3EB0PREV"
    data = await msg.media.download()
    assert data == b"\x89PNG media bytes"
    (uuid, sent, size), = fake_go.args("DownloadAny")
    assert E.Message.FromString(sent).imageMessage.URL == "https://mmg.whatsapp.net/x"


async def test_media_download_failure_is_a_channel_error(channel, sink, fake_go):
    await connect(channel)
    fake_go.download_error = "media expired (410)"
    await deliver(channel, message_ev(E.Message(imageMessage=E.ImageMessage(mimetype="image/png"))))
    with pytest.raises(ChannelError, match="media expired"):
        await sink.of(InboundMessage)[0].media.download()


async def test_media_download_after_stop_never_reaches_go(channel, sink, fake_go):
    await connect(channel)
    await deliver(channel, message_ev(E.Message(imageMessage=E.ImageMessage(mimetype="image/png"))))
    await channel.stop()
    with pytest.raises(ChannelError):
        await sink.of(InboundMessage)[0].media.download()
    assert "DownloadAny" not in fake_go.names()


@pytest.mark.parametrize(
    ("field", "payload", "kind", "duration"),
    [
        ("videoMessage", E.VideoMessage(mimetype="video/mp4", seconds=12, caption="olha"), MessageKind.VIDEO, 12),
        ("audioMessage", E.AudioMessage(mimetype="audio/mpeg", seconds=95), MessageKind.AUDIO, 95),
        ("audioMessage", E.AudioMessage(mimetype="audio/ogg; codecs=opus", seconds=7, PTT=True),
         MessageKind.VOICE, 7),
        ("stickerMessage", E.StickerMessage(mimetype="image/webp"), MessageKind.STICKER, None),
    ],
)
async def test_media_kinds(channel, sink, field, payload, kind, duration):
    msg = await receive(channel, sink, E.Message(**{field: payload}))
    assert msg.kind is kind
    assert msg.media is not None and msg.media.mime == payload.mimetype
    assert msg.media.duration_s == duration
    assert msg.media.download is not None


async def test_document_keeps_sender_file_name_for_display_only(channel, sink):
    doc = E.DocumentMessage(mimetype="application/pdf", fileName="../../boleto março.pdf",
                            fileLength=999, caption="segue")
    msg = await receive(channel, sink, E.Message(documentMessage=doc))
    assert msg.kind is MessageKind.DOCUMENT
    assert msg.media.filename == "../../boleto março.pdf"
    assert msg.media.caption == "segue" and msg.text == "segue"


async def test_document_with_caption_wrapper_is_unwrapped(channel, sink):
    inner = E.Message(documentMessage=E.DocumentMessage(mimetype="text/csv", fileName="a.csv", caption="c"))
    msg = await receive(channel, sink, E.Message(documentWithCaptionMessage=E.FutureProofMessage(message=inner)))
    assert msg.kind is MessageKind.DOCUMENT and msg.media.filename == "a.csv"


async def test_location(channel, sink):
    loc = E.LocationMessage(degreesLatitude=-23.5505, degreesLongitude=-46.6333,
                            name="Loja Centro", address="Praça da Sé, São Paulo")
    msg = await receive(channel, sink, E.Message(locationMessage=loc))
    assert msg.kind is MessageKind.LOCATION
    assert msg.location == Location(-23.5505, -46.6333, "Loja Centro", "Praça da Sé, São Paulo")


VCARD = ("BEGIN:VCARD\nVERSION:3.0\nN:Souza;João\nFN:João Souza\n"
         "item1.TEL;waid=5521987654321:+55 21 98765-4321\nitem1.X-ABLabel:Celular\nEND:VCARD")


async def test_contact_card_reads_the_phone_from_the_vcard(channel, sink):
    msg = await receive(channel, sink, E.Message(
        contactMessage=E.ContactMessage(displayName="João Souza", vcard=VCARD)))
    assert msg.kind is MessageKind.CONTACT
    assert msg.contacts == (ContactCard("João Souza", "5521987654321", VCARD),)


async def test_contacts_array_without_waid_uses_tel(channel, sink):
    tel_only = "BEGIN:VCARD\nVERSION:3.0\nFN:Maria\nTEL;type=CELL:+55 (11) 97777-6666\nEND:VCARD"
    no_phone = "BEGIN:VCARD\nVERSION:3.0\nFN:Sem Número\nEND:VCARD"
    arr = E.ContactsArrayMessage(displayName="2 contatos", contacts=[
        E.ContactMessage(displayName="Maria", vcard=tel_only),
        E.ContactMessage(displayName="", vcard=no_phone),
    ])
    msg = await receive(channel, sink, E.Message(contactsArrayMessage=arr))
    assert [(c.name, c.phone) for c in msg.contacts] == [("Maria", "5511977776666"), ("Sem Número", None)]


@pytest.mark.parametrize(
    ("message", "kind", "reply_id"),
    [
        (E.Message(buttonsResponseMessage=E.ButtonsResponseMessage(
            selectedButtonID="btn_yes", selectedDisplayText="Sim")), MessageKind.BUTTON_REPLY, "btn_yes"),
        (E.Message(listResponseMessage=E.ListResponseMessage(
            title="Financeiro", singleSelectReply=E.ListResponseMessage.SingleSelectReply(selectedRowID="row_fin"))),
         MessageKind.LIST_REPLY, "row_fin"),
        (E.Message(templateButtonReplyMessage=E.TemplateButtonReplyMessage(
            selectedID="tpl_1", selectedDisplayText="Quero")), MessageKind.BUTTON_REPLY, "tpl_1"),
        (E.Message(interactiveResponseMessage=E.InteractiveResponseMessage(
            body=E.InteractiveResponseMessage.Body(text="Suporte"),
            nativeFlowResponseMessage=E.InteractiveResponseMessage.NativeFlowResponseMessage(
                name="single_select", paramsJSON='{"id": "row_sup"}', version=3))),
         MessageKind.LIST_REPLY, "row_sup"),
        (E.Message(interactiveResponseMessage=E.InteractiveResponseMessage(
            nativeFlowResponseMessage=E.InteractiveResponseMessage.NativeFlowResponseMessage(
                name="quick_reply", paramsJSON="not json"))),
         MessageKind.BUTTON_REPLY, None),
    ],
)
async def test_button_and_list_replies_carry_the_selected_id(channel, sink, message, kind, reply_id):
    msg = await receive(channel, sink, message)
    assert msg.kind is kind and msg.reply_id == reply_id


async def test_reaction_and_removed_reaction(channel, sink):
    key = MessageKey(remoteJID=f"{CUSTOMER}@s.whatsapp.net", fromMe=True, ID="3EB0MINE")
    await deliver(channel, message_ev(E.Message(reactionMessage=E.ReactionMessage(key=key, text="👍")), msg_id="R1"))
    await deliver(channel, message_ev(E.Message(reactionMessage=E.ReactionMessage(key=key, text="")), msg_id="R2"))
    added, removed = sink.of(InboundMessage)
    assert (added.kind, added.target_id, added.reaction) == (MessageKind.REACTION, "3EB0MINE", "👍")
    assert (removed.kind, removed.target_id, removed.reaction) == (MessageKind.REACTION, "3EB0MINE", "")


def _edit(new_text: str) -> E.Message:
    return E.Message(protocolMessage=E.ProtocolMessage(
        type=E.ProtocolMessage.MESSAGE_EDIT, key=MessageKey(ID="3EB0ORIG", fromMe=False),
        editedMessage=E.Message(conversation=new_text), timestampMS=TS_MS))


async def test_edit_unwrapped_by_whatsmeow(channel, sink):
    msg = await receive(channel, sink, _edit("texto corrigido"), edit="1")
    assert (msg.kind, msg.target_id, msg.text) == (MessageKind.EDIT, "3EB0ORIG", "texto corrigido")


async def test_edit_still_wrapped_in_edited_message(channel, sink):
    wrapped = E.Message(editedMessage=E.FutureProofMessage(message=_edit("v2")))
    msg = await receive(channel, sink, wrapped)
    assert (msg.kind, msg.target_id, msg.text) == (MessageKind.EDIT, "3EB0ORIG", "v2")


async def test_revoke_points_at_the_deleted_message(channel, sink):
    revoke = E.Message(protocolMessage=E.ProtocolMessage(
        type=E.ProtocolMessage.REVOKE, key=MessageKey(ID="3EB0GONE")))
    msg = await receive(channel, sink, revoke, edit="7")
    assert (msg.kind, msg.target_id) == (MessageKind.REVOKE, "3EB0GONE")


async def test_group_message_names_group_and_participant(channel, sink):
    src = source(chat=jid(GROUP, "g.us"), sender=jid(CUSTOMER, device=3), group=True)
    msg = await receive(channel, sink, E.Message(conversation="bom dia grupo"), src=src)
    assert msg.is_group and msg.chat == f"{GROUP}@g.us"
    assert msg.sender == CUSTOMER_JID  # device suffix dropped


async def test_message_sent_from_our_phone_is_from_me(channel, sink):
    src = source(chat=jid(CUSTOMER), sender=jid(OWN, device=0), from_me=True)
    msg = await receive(channel, sink, E.Message(conversation="respondi pelo celular"), src=src)
    assert msg.from_me and msg.chat == CUSTOMER_JID and msg.sender == f"{OWN}@s.whatsapp.net"


async def test_lid_sender_with_phone_alt_gets_both_identities(channel, sink):
    src = source(chat=jid(LID, "lid"), sender=jid(LID, "lid"), sender_alt=jid(CUSTOMER))
    msg = await receive(channel, sink, E.Message(conversation="oi"), src=src)
    assert msg.sender == f"{LID}@lid"
    assert msg.sender_lid == f"{LID}@lid" and msg.sender_phone == CUSTOMER


async def test_ephemeral_view_once_wrappers_are_unwrapped(channel, sink):
    inner = E.Message(imageMessage=E.ImageMessage(mimetype="image/jpeg", caption="uma vez"))
    wrapped = E.Message(ephemeralMessage=E.FutureProofMessage(
        message=E.Message(viewOnceMessageV2=E.FutureProofMessage(message=inner))))
    msg = await receive(channel, sink, wrapped)
    assert msg.kind is MessageKind.IMAGE and msg.text == "uma vez"


async def test_unknown_content_is_unsupported_with_its_type(channel, sink):
    poll = E.Message(pollCreationMessage=E.PollCreationMessage(name="Qual horário?"))
    msg = await receive(channel, sink, poll)
    assert msg.kind is MessageKind.UNSUPPORTED and msg.raw_type == "pollCreationMessage"


@pytest.mark.parametrize(
    "ev",
    [
        message_ev(E.Message(conversation="meu status"), src=source(chat=jid("status", "broadcast"))),
        message_ev(E.Message(protocolMessage=E.ProtocolMessage(
            type=E.ProtocolMessage.HISTORY_SYNC_NOTIFICATION))),
        message_ev(E.Message(senderKeyDistributionMessage=E.SenderKeyDistributionMessage(groupID="g"))),
    ],
    ids=["status-broadcast", "protocol-bookkeeping", "key-distribution-only"],
)
async def test_non_conversation_messages_are_not_delivered(channel, sink, ev):
    await deliver(channel, ev)
    assert sink.events == []


async def test_malformed_message_is_logged_dropped_and_the_channel_keeps_working(channel, sink, caplog):
    bad = message_ev(E.Message(conversation="x"), src=source(chat=jid("not-a-user!", "example.com")))
    caplog.set_level(logging.WARNING)
    await deliver(channel, bad)
    assert sink.events == []
    assert any("Message" in r.getMessage() and "dropped" in r.getMessage() for r in caplog.records)
    await deliver(channel, message_ev(E.Message(conversation="depois")))
    assert [m.text for m in sink.of(InboundMessage)] == ["depois"]


async def test_missing_message_id_is_malformed(channel, sink):
    await deliver(channel, message_ev(E.Message(conversation="x"), msg_id=""))
    assert sink.events == []


async def test_events_reach_the_sink_in_arrival_order(channel, sink):
    for i in range(20):
        handler_ev = message_ev(E.Message(conversation=f"m{i}"), msg_id=f"ID{i}")
        from neonize.events import EVENT_TO_INT

        await channel.client.event.list_func[EVENT_TO_INT[N.Message]](channel.client, handler_ev)
    await channel.flush()
    assert [m.text for m in sink.of(InboundMessage)] == [f"m{i}" for i in range(20)]

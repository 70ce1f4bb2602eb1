"""What NeonizeChannel.send hands to Go: the bytes are decoded back into the waE2E Message
WhatsApp will receive."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import wave
from datetime import UTC, datetime

import pytest
from neonize.proto import Neonize_pb2 as N
from neonize.proto.waE2E import WAWebProtobufsE2E_pb2 as E
from neonize_factories import CUSTOMER, GROUP, OWN, connect
from PIL import Image

from whatdesk.domain.enums import MessageKind
from whatdesk.domain.errors import ChannelError, NotLoggedIn
from whatdesk.domain.events import Button, ContactCard, ListRow, Location, OutboundMessage, SendResult

CUSTOMER_JID = f"{CUSTOMER}@s.whatsapp.net"
GROUP_JID = f"{GROUP}@g.us"
OWN_JID = f"{OWN}@s.whatsapp.net"


def out(kind: MessageKind, to: str = CUSTOMER_JID, **kw) -> OutboundMessage:
    return OutboundMessage(wa_id="3EB0OURS00000000000001", to=to, kind=kind, **kw)


def sent(fake_go) -> tuple[N.JID, E.Message]:
    (uuid, to, to_len, msg, msg_len), = fake_go.args("SendMessage")
    assert uuid == b"conn-1" and len(to) == to_len and len(msg) == msg_len
    return N.JID.FromString(to), E.Message.FromString(msg)


@pytest.fixture
async def online(channel):
    await connect(channel)
    return channel


async def test_plain_text_goes_out_as_conversation(online, fake_go):
    result = await online.send(out(MessageKind.TEXT, text="Olá! Em que posso ajudar?"))
    to, msg = sent(fake_go)
    assert (to.User, to.Server) == (CUSTOMER, "s.whatsapp.net")
    assert msg == E.Message(conversation="Olá! Em que posso ajudar?")
    # neonize 0.5.2 cannot send under our pre-generated id: the result reports the id
    # WhatsApp actually uses, so receipts and quotes can be matched.
    assert result == SendResult("3EB0SERVERASSIGNED0001", datetime.fromtimestamp(1_735_000_200, UTC))


async def test_reply_quotes_the_original_and_mentions(online, fake_go):
    await online.send(out(MessageKind.TEXT, to=GROUP_JID, text="@5511999990000 já enviamos",
                          quoted_id="3EB0CUST", quoted_sender=CUSTOMER_JID,
                          quoted_text="cadê meu pedido?", mentions=(CUSTOMER_JID,)))
    to, msg = sent(fake_go)
    assert (to.User, to.Server) == (GROUP, "g.us")
    ext = msg.extendedTextMessage
    assert ext.text == "@5511999990000 já enviamos"
    assert ext.contextInfo.stanzaID == "3EB0CUST"
    assert ext.contextInfo.participant == CUSTOMER_JID
    assert ext.contextInfo.quotedMessage.conversation == "cadê meu pedido?"
    assert list(ext.contextInfo.mentionedJID) == [CUSTOMER_JID]


async def test_reply_in_private_chat_defaults_participant_to_the_customer(online, fake_go):
    await online.send(out(MessageKind.TEXT, text="sim", quoted_id="3EB0Q"))
    _, msg = sent(fake_go)
    assert msg.extendedTextMessage.contextInfo.participant == CUSTOMER_JID


async def test_location(online, fake_go):
    await online.send(out(MessageKind.LOCATION, location=Location(-23.55, -46.63, "Loja", "Rua A, 1")))
    _, msg = sent(fake_go)
    loc = msg.locationMessage
    assert (loc.degreesLatitude, loc.degreesLongitude, loc.name, loc.address) == (-23.55, -46.63, "Loja", "Rua A, 1")


async def test_contact_card_builds_a_vcard_with_whatsapp_id(online, fake_go):
    await online.send(out(MessageKind.CONTACT, contact=ContactCard("Suporte\nLoja", "5511977776666")))
    _, msg = sent(fake_go)
    card = msg.contactMessage
    assert card.displayName == "Suporte\nLoja"
    assert "FN:Suporte Loja\n" in card.vcard  # a newline in the name cannot break the vCard
    assert "TEL;type=CELL;waid=5511977776666:+5511977776666" in card.vcard


async def test_contact_name_with_vcard_syntax_stays_one_escaped_fn(online, fake_go):
    name = "Eve\\;x,y\r\nTEL;waid=5566999990000:+5566999990000\nEND:VCARD"
    await online.send(out(MessageKind.CONTACT, contact=ContactCard(name, "5511977776666")))
    lines = sent(fake_go)[1].contactMessage.vcard.split("\n")
    assert [line.split(":", 1)[0].split(";", 1)[0] for line in lines] == \
        ["BEGIN", "VERSION", "FN", "TEL", "END"]
    assert lines[2] == "FN:Eve\\\\\\;x\\,y TEL\\;waid=5566999990000:+5566999990000 END:VCARD"


async def test_contact_card_passes_a_given_vcard_through(online, fake_go):
    vcard = "BEGIN:VCARD\nVERSION:3.0\nFN:X\nEND:VCARD"
    await online.send(out(MessageKind.CONTACT, contact=ContactCard("X", None, vcard)))
    assert sent(fake_go)[1].contactMessage.vcard == vcard


async def test_reaction_to_a_customer_message(online, fake_go):
    await online.send(out(MessageKind.REACTION, target_id="3EB0CUST", reaction="❤️"))
    _, msg = sent(fake_go)
    reaction = msg.reactionMessage
    assert reaction.text == "❤️"
    assert (reaction.key.ID, reaction.key.remoteJID, reaction.key.fromMe) == ("3EB0CUST", CUSTOMER_JID, False)
    assert reaction.senderTimestampMS > 0


async def test_reaction_to_our_own_message_and_in_a_group(online, fake_go):
    await online.send(out(MessageKind.REACTION, target_id="3EB0MINE", reaction="",
                          quoted_sender=OWN_JID))
    await online.send(out(MessageKind.REACTION, to=GROUP_JID, target_id="3EB0G", reaction="👍",
                          quoted_sender=CUSTOMER_JID))
    mine, group = (E.Message.FromString(a[3]).reactionMessage for a in fake_go.args("SendMessage"))
    assert mine.key.fromMe and mine.text == ""  # empty text removes the reaction
    assert not group.key.fromMe and group.key.participant == CUSTOMER_JID


async def test_revoke_and_edit_of_our_message(online, fake_go):
    await online.send(out(MessageKind.REVOKE, target_id="3EB0OLD", quoted_sender=OWN_JID))
    await online.send(out(MessageKind.EDIT, target_id="3EB0OLD", text="corrigido"))
    revoke, edit = (E.Message.FromString(a[3]) for a in fake_go.args("SendMessage"))
    assert revoke.protocolMessage.type == E.ProtocolMessage.REVOKE
    assert revoke.protocolMessage.key.ID == "3EB0OLD" and revoke.protocolMessage.key.fromMe
    inner = edit.editedMessage.message.protocolMessage
    assert inner.type == E.ProtocolMessage.MESSAGE_EDIT and inner.key.ID == "3EB0OLD"
    assert inner.editedMessage.conversation == "corrigido"


def _png(path, size=(640, 480)) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buf, format="PNG")
    path.write_bytes(buf.getvalue())
    return buf.getvalue()


async def test_image_is_uploaded_and_sent_with_media_fields_and_thumbnail(online, fake_go, tmp_path):
    data = _png(tmp_path / "foto.png")
    await online.send(out(MessageKind.IMAGE, text="seu pedido", media_path=str(tmp_path / "foto.png"),
                          quoted_id="3EB0Q", quoted_sender=CUSTOMER_JID))
    (uuid, uploaded, size, media_type), = fake_go.args("Upload")
    assert uploaded == data and size == len(data) and media_type == 0  # MediaImage
    _, msg = sent(fake_go)
    img = msg.imageMessage
    assert img.URL == "https://mmg.whatsapp.net/fake" and img.directPath == "/v/t62/fake"
    assert img.mediaKey == b"k" * 32 and img.fileSHA256 == b"s" * 32 and img.fileEncSHA256 == b"e" * 32
    assert img.fileLength == len(data) and img.mimetype == "image/png"
    assert img.caption == "seu pedido" and (img.width, img.height) == (640, 480)
    assert Image.open(io.BytesIO(img.JPEGThumbnail)).format == "JPEG"
    assert img.contextInfo.stanzaID == "3EB0Q"


async def test_document_keeps_the_given_file_name_and_mime(online, fake_go, tmp_path):
    path = tmp_path / "x123.bin"
    path.write_bytes(b"%PDF-1.4 fake")
    await online.send(out(MessageKind.DOCUMENT, media_path=str(path), filename="Boleto março.pdf",
                          mime="application/pdf", text="segue o boleto"))
    assert fake_go.args("Upload")[0][3] == 3  # MediaDocument
    doc = sent(fake_go)[1].documentMessage
    assert (doc.fileName, doc.mimetype, doc.caption) == ("Boleto março.pdf", "application/pdf", "segue o boleto")


async def test_voice_note_is_ptt_opus(online, fake_go, tmp_path):
    path = tmp_path / "voz.ogg"
    path.write_bytes(b"OggS fake opus")
    await online.send(out(MessageKind.VOICE, media_path=str(path), mime="audio/ogg"))
    audio = sent(fake_go)[1].audioMessage
    assert audio.PTT and audio.mimetype == "audio/ogg; codecs=opus"
    assert fake_go.args("Upload")[0][3] == 2  # MediaAudio


async def test_audio_and_video(online, fake_go, tmp_path):
    (tmp_path / "a.mp3").write_bytes(b"ID3 fake")
    (tmp_path / "v.mp4").write_bytes(b"\x00\x00\x00\x18ftypmp42 fake")
    await online.send(out(MessageKind.AUDIO, media_path=str(tmp_path / "a.mp3"), mime="audio/mpeg"))
    await online.send(out(MessageKind.VIDEO, media_path=str(tmp_path / "v.mp4"), mime="video/mp4", text="tutorial"))
    audio, video = (E.Message.FromString(a[3]) for a in fake_go.args("SendMessage"))
    assert not audio.audioMessage.PTT and audio.audioMessage.mimetype == "audio/mpeg"
    assert video.videoMessage.caption == "tutorial" and video.videoMessage.mimetype == "video/mp4"
    assert [a[3] for a in fake_go.args("Upload")] == [2, 1]


async def test_sticker_from_png_is_converted_to_webp(online, fake_go, tmp_path):
    _png(tmp_path / "s.png", (100, 50))
    await online.send(out(MessageKind.STICKER, media_path=str(tmp_path / "s.png")))
    uploaded = fake_go.args("Upload")[0][1]
    assert Image.open(io.BytesIO(uploaded)).format == "WEBP"
    sticker = sent(fake_go)[1].stickerMessage
    assert sticker.mimetype == "image/webp" and (sticker.width, sticker.height) == (512, 512)


async def test_buttons_and_list_are_native_flow_messages(online, fake_go):
    await online.send(out(MessageKind.BUTTONS, text="Escolha:", footer="Loja da Ana",
                          buttons=(Button("vendas", "Vendas"), Button("suporte", "Suporte"))))
    await online.send(out(MessageKind.LIST, text="Menu", list_button="Ver opções",
                          list_rows=(ListRow("r1", "Boleto", "2ª via"), ListRow("r2", "Horários"))))
    buttons, listing = (E.Message.FromString(a[3]).interactiveMessage for a in fake_go.args("SendMessage"))
    assert buttons.body.text == "Escolha:" and buttons.footer.text == "Loja da Ana"
    params = [json.loads(b.buttonParamsJSON) for b in buttons.nativeFlowMessage.buttons]
    assert [(p["id"], p["display_text"]) for p in params] == [("vendas", "Vendas"), ("suporte", "Suporte")]
    (select,) = listing.nativeFlowMessage.buttons
    sel = json.loads(select.buttonParamsJSON)
    assert select.name == "single_select" and sel["title"] == "Ver opções"
    assert [(r["id"], r["title"], r["description"]) for r in sel["sections"][0]["rows"]] == [
        ("r1", "Boleto", "2ª via"), ("r2", "Horários", "")]
    assert fake_go.args("Upload") == []


async def test_missing_file_fails_readably_without_sending(online, fake_go, tmp_path):
    with pytest.raises(ChannelError, match="não encontrado: sumiu.jpg"):
        await online.send(out(MessageKind.IMAGE, media_path=str(tmp_path / "sumiu.jpg")))
    assert fake_go.names().count("SendMessage") == 0 and fake_go.args("Upload") == []


async def test_oversized_file_is_refused_before_reading(online, fake_go, tmp_path):
    path = tmp_path / "huge.mp4"
    with open(path, "wb") as fh:
        fh.truncate(101 * 1024 * 1024)  # sparse: costs no disk
    with pytest.raises(ChannelError, match="grande demais"):
        await online.send(out(MessageKind.VIDEO, media_path=str(path)))
    assert fake_go.args("Upload") == []


async def test_go_send_error_is_a_channel_error(online, fake_go):
    fake_go.send_error = "server returned error 479"
    with pytest.raises(ChannelError, match="479"):
        await online.send(out(MessageKind.TEXT, text="oi"))


async def test_upload_error_is_a_channel_error(online, fake_go, tmp_path):
    _png(tmp_path / "f.png")
    fake_go.upload_error = "upload failed: 403"
    with pytest.raises(ChannelError, match="403"):
        await online.send(out(MessageKind.IMAGE, media_path=str(tmp_path / "f.png")))
    assert fake_go.args("SendMessage") == []


@pytest.mark.parametrize(
    "bad",
    [
        out(MessageKind.TEXT, text="   "),
        out(MessageKind.TEXT, to="não é jid", text="oi"),
        out(MessageKind.LOCATION, location=Location(123.0, 0.0)),
        out(MessageKind.LOCATION),
        out(MessageKind.CONTACT),
        out(MessageKind.REACTION, reaction="👍"),
        out(MessageKind.BUTTONS, text="x"),
        out(MessageKind.LIST, text="x"),
        out(MessageKind.BUTTON_REPLY, text="x"),
        out(MessageKind.TEXT, text="oi", mentions=("@@",)),
    ],
    ids=["empty-text", "bad-jid", "bad-coords", "no-location", "no-contact", "no-target",
         "no-buttons", "no-rows", "unsendable-kind", "bad-mention"],
)
async def test_unusable_messages_are_refused_readably(online, fake_go, bad):
    with pytest.raises(ChannelError) as info:
        await online.send(bad)
    assert str(info.value)
    assert fake_go.args("SendMessage") == []


async def test_send_before_login_never_touches_go(channel, fake_go):
    await channel.start()
    with pytest.raises(NotLoggedIn):
        await channel.send(out(MessageKind.TEXT, text="oi"))
    assert fake_go.names() == ["Neonize"]


async def test_mark_read_sends_a_read_receipt(online, fake_go):
    await online.mark_read(CUSTOMER_JID, CUSTOMER_JID, ["3EB0A", "3EB0B"])
    (uuid, ids, ts, chat, chat_len, sender, sender_len, receipt), = fake_go.args("MarkRead")
    assert ids == b"3EB0A 3EB0B" and receipt == b"read"
    assert N.JID.FromString(chat).User == CUSTOMER and N.JID.FromString(sender).User == CUSTOMER
    assert ts == int(datetime(2025, 1, 6, 12, 0, tzinfo=UTC).timestamp())
    await online.mark_read(CUSTOMER_JID, CUSTOMER_JID, [])
    assert len(fake_go.args("MarkRead")) == 1  # nothing to mark: no call


async def test_typing_and_recording_indicators(online, fake_go):
    await online.send_typing(CUSTOMER_JID, True)
    await online.send_typing(CUSTOMER_JID, True, recording=True)
    await online.send_typing(CUSTOMER_JID, False)
    states = [(a[3], a[4]) for a in fake_go.args("SendChatPresence")]
    assert states == [(0, 0), (0, 1), (1, 0)]  # composing/text, composing/audio, paused


needs_ffmpeg = pytest.mark.skipif(
    not (shutil.which("ffprobe") and shutil.which("ffmpeg")), reason="ffmpeg/ffprobe not installed")


def _wav(path, seconds: float) -> None:
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(8000)
        w.writeframes(b"\x00\x00" * int(8000 * seconds))


@needs_ffmpeg
async def test_audio_carries_its_duration(online, fake_go, tmp_path):
    _wav(tmp_path / "msg.wav", 3.0)
    await online.send(out(MessageKind.AUDIO, media_path=str(tmp_path / "msg.wav"), mime="audio/wav"))
    assert sent(fake_go)[1].audioMessage.seconds == 3


@needs_ffmpeg
async def test_video_carries_duration_and_a_first_frame_thumbnail(online, fake_go, tmp_path):
    path = tmp_path / "clip.mp4"
    subprocess.run(
        ["ffmpeg", "-v", "error", "-f", "lavfi", "-i", "color=c=blue:s=64x48:d=2", "-c:v", "mpeg4",
         str(path)], check=True, timeout=60)
    await online.send(out(MessageKind.VIDEO, media_path=str(path), mime="video/mp4"))
    video = sent(fake_go)[1].videoMessage
    assert video.seconds == 2
    assert Image.open(io.BytesIO(video.JPEGThumbnail)).format == "JPEG"


async def test_media_without_ffprobe_still_sends(online, fake_go, tmp_path, monkeypatch):
    monkeypatch.setattr("whatdesk.channels.neonize.outbound.shutil.which", lambda name: None)
    _wav(tmp_path / "msg.wav", 1.0)
    await online.send(out(MessageKind.VOICE, media_path=str(tmp_path / "msg.wav"), mime="audio/wav"))
    audio = sent(fake_go)[1].audioMessage
    assert audio.PTT and not audio.HasField("seconds")


async def test_block_and_unblock_reach_the_whatsapp_blocklist(online, fake_go):
    await online.set_blocked(CUSTOMER_JID, True)
    (uuid, raw, size, action), = fake_go.args("UpdateBlocklist")
    who = N.JID.FromString(raw)
    assert (uuid, action, size) == (b"conn-1", b"block", len(raw))
    assert (who.User, who.Server) == (CUSTOMER, "s.whatsapp.net")
    assert [j.User for j in fake_go.blocklist] == [CUSTOMER]
    await online.set_blocked(CUSTOMER_JID, False)
    assert fake_go.args("UpdateBlocklist")[1][3] == b"unblock" and fake_go.blocklist == []


async def test_block_refused_or_offline_is_a_channel_error(channel, fake_go):
    with pytest.raises(NotLoggedIn):
        await channel.set_blocked(CUSTOMER_JID, True)  # never started: Go is not asked
    assert fake_go.args("UpdateBlocklist") == []
    await connect(channel)
    fake_go.blocklist_error = "server returned error 500"
    with pytest.raises(ChannelError, match="recusou o bloqueio"):
        await channel.set_blocked(CUSTOMER_JID, True)
    with pytest.raises(ChannelError):
        await channel.set_blocked(GROUP_JID, True)


def _cdn(body: bytes, kind: str = "image/jpeg", status: int = 200):
    import httpx

    seen = []

    def handler(request):
        seen.append(str(request.url))
        return httpx.Response(status, headers={"content-type": kind}, content=body)

    return httpx.MockTransport(handler), seen


async def test_profile_picture_is_read_from_the_url_whatsapp_gives(online, fake_go):
    jpeg = b"\xff\xd8\xff\xe0" + b"\0" * 200
    online.http_transport, seen = _cdn(jpeg)
    assert await online.profile_picture(CUSTOMER_JID) == jpeg
    (uuid, raw, size, extra, extra_size), = fake_go.args("GetProfilePicture")
    who = N.JID.FromString(raw)
    assert (uuid, who.User, size, extra_size) == (b"conn-1", CUSTOMER, len(raw), len(extra))
    assert not N.GetProfilePictureParams.FromString(extra).Preview  # the full picture
    assert seen == [fake_go.picture_url]


async def test_profile_picture_none_hidden_or_untrusted(online, fake_go):
    from whatdesk.channels.base import MAX_PROFILE_PICTURE_BYTES

    fake_go.picture_error = "that user has no profile picture"
    assert await online.profile_picture(CUSTOMER_JID) is None
    fake_go.picture_error = "the user has hidden their profile picture from you"
    assert await online.profile_picture(CUSTOMER_JID) is None
    fake_go.picture_error = "websocket disconnected before info query returned response"
    with pytest.raises(ChannelError):
        await online.profile_picture(CUSTOMER_JID)
    fake_go.picture_error = ""
    online.http_transport, _ = _cdn(b"<html>login</html>", kind="text/html")
    with pytest.raises(ChannelError, match="não é uma imagem"):
        await online.profile_picture(CUSTOMER_JID)
    online.http_transport, _ = _cdn(b"\xff\xd8\xff" + b"\0" * MAX_PROFILE_PICTURE_BYTES)
    with pytest.raises(ChannelError, match="grande demais"):
        await online.profile_picture(CUSTOMER_JID)
    fake_go.picture_url = "http://pps.whatsapp.net/plain.jpg"
    with pytest.raises(ChannelError):
        await online.profile_picture(CUSTOMER_JID)

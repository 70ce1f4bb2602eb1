"""Turn neonize protobuf events into whatdesk domain events (pure functions, no I/O)."""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime

from neonize.proto import Neonize_pb2 as neonize_proto
from neonize.proto.waE2E.WAWebProtobufsE2E_pb2 import Message as WAMessage
from neonize.proto.waE2E.WAWebProtobufsE2E_pb2 import ProtocolMessage

from whatdesk.domain.enums import Ack, MessageKind
from whatdesk.domain.errors import InvalidJid, InvalidPhone, MalformedEvent
from whatdesk.domain.events import (
    MAX_TEXT_BYTES,
    AckEvent,
    ContactCard,
    InboundMessage,
    Location,
    MediaInfo,
    PresenceEvent,
)
from whatdesk.domain.phone import Jid, mask_phone, normalize_phone

log = logging.getLogger(__name__)

Downloader = Callable[[WAMessage], Callable[[], Awaitable[bytes]]]
"""Given the (unwrapped) waE2E message, returns the async callable that fetches its media."""

# Chats that are never customer conversations: contacts' status updates and channels.
_IGNORED_SERVERS = {"broadcast", "newsletter"}

# Message fields that carry bookkeeping, not something a person wrote.
_BOOKKEEPING_FIELDS = {
    "senderKeyDistributionMessage",
    "fastRatchetKeySenderKeyDistributionMessage",
    "messageContextInfo",
    "keepInChatMessage",
    "deviceSentMessage",
}

# Wrappers whatsmeow normally removes already; unwrapping again is harmless.
_WRAPPER_FIELDS = (
    "ephemeralMessage",
    "viewOnceMessage",
    "viewOnceMessageV2",
    "viewOnceMessageV2Extension",
    "documentWithCaptionMessage",
    "editedMessage",
    "lottieStickerMessage",
    "groupMentionedMessage",
    "botInvokeMessage",
)

_MEDIA_FIELDS: dict[str, MessageKind] = {
    "imageMessage": MessageKind.IMAGE,
    "videoMessage": MessageKind.VIDEO,
    "ptvMessage": MessageKind.VIDEO,  # round "video note"
    "audioMessage": MessageKind.AUDIO,  # VOICE when PTT
    "documentMessage": MessageKind.DOCUMENT,
    "stickerMessage": MessageKind.STICKER,
}

_LIST_FLOW_NAMES = {"single_select", "menu_options", "list"}


# ---- JIDs ----------------------------------------------------------------------------

def jid_to_str(jid: neonize_proto.JID) -> str | None:
    """Canonical ``user@server`` of a neonize JID, or None when it is empty."""
    if not jid.ListFields() or jid.IsEmpty or not jid.Server:
        return None
    if not jid.User:
        return None
    try:
        return str(Jid.parse(f"{jid.User}@{jid.Server}"))
    except InvalidJid as exc:
        raise MalformedEvent(f"JID inválido no evento: {mask_phone(jid.User[:32])}@"
                             f"{jid.Server[:32]!r}") from exc


def _required_jid(jid: neonize_proto.JID, what: str) -> str:
    text = jid_to_str(jid)
    if text is None:
        raise MalformedEvent(f"Evento sem {what}")
    return text


# ---- time ----------------------------------------------------------------------------

def timestamp_to_datetime(value: int, fallback: datetime) -> datetime:
    """neonize sends MessageInfo.Timestamp in epoch milliseconds (receipts in seconds).
    Values small enough to be seconds are read as seconds, so either unit is safe."""
    if value <= 0:
        return fallback
    seconds = value / 1000 if value >= 100_000_000_000 else float(value)
    try:
        return datetime.fromtimestamp(seconds, UTC)
    except (OverflowError, OSError, ValueError):
        return fallback


# ---- text helpers --------------------------------------------------------------------

def truncate_text(text: str) -> tuple[str, bool]:
    """Cut text to MAX_TEXT_BYTES of UTF-8 without splitting a character."""
    raw = text.encode("utf-8", errors="replace")
    if len(raw) <= MAX_TEXT_BYTES:
        return text, False
    return raw[:MAX_TEXT_BYTES].decode("utf-8", errors="ignore"), True


_WAID_RE = re.compile(r"waid=(\d{5,20})", re.IGNORECASE)
_TEL_RE = re.compile(r"^(?:item\d+\.)?TEL[^:]*:(.+)$", re.IGNORECASE | re.MULTILINE)
_FN_RE = re.compile(r"^FN[^:]*:(.+)$", re.IGNORECASE | re.MULTILINE)


def phone_from_vcard(vcard: str) -> str | None:
    """E.164 digits of the first phone in a vCard: the ``waid=`` WhatsApp adds, else TEL."""
    if not vcard:
        return None
    match = _WAID_RE.search(vcard)
    candidates = [match.group(1)] if match else []
    candidates += [m.group(1).strip() for m in _TEL_RE.finditer(vcard)]
    for cand in candidates:
        for attempt in (cand, "+" + re.sub(r"\D", "", cand)):
            try:
                return normalize_phone(attempt)
            except InvalidPhone:
                continue
    return None


def _contact_card(display_name: str, vcard: str) -> ContactCard:
    name = display_name.strip()
    if not name:
        fn = _FN_RE.search(vcard or "")
        name = fn.group(1).strip() if fn else ""
    return ContactCard(name=name or "Contato", phone=phone_from_vcard(vcard), vcard=vcard or None)


# ---- messages ------------------------------------------------------------------------

def unwrap(message: WAMessage) -> WAMessage:
    """Peel ephemeral / view-once / edited / document-with-caption wrappers (bounded)."""
    for _ in range(8):
        for field in _WRAPPER_FIELDS:
            if message.HasField(field):
                inner = getattr(message, field)
                if inner.HasField("message"):
                    message = inner.message
                    break
        else:
            return message
    return message


def _content_fields(message: WAMessage) -> list[str]:
    return [fd.name for fd, _ in message.ListFields() if fd.name not in _BOOKKEEPING_FIELDS]


def _context_of(message: WAMessage) -> object | None:
    """The contextInfo of whichever content field carries one."""
    for fd, value in message.ListFields():
        if fd.message_type is not None and "contextInfo" in fd.message_type.fields_by_name:
            if value.HasField("contextInfo"):
                return value.contextInfo
    return None


def _text_of(message: WAMessage) -> str:
    """Body text or caption of a (possibly edited) message."""
    message = unwrap(message)
    if message.conversation:
        return message.conversation
    if message.HasField("extendedTextMessage"):
        return message.extendedTextMessage.text
    for field in ("imageMessage", "videoMessage", "documentMessage"):
        if message.HasField(field):
            return getattr(message, field).caption
    if message.HasField("interactiveResponseMessage"):
        return message.interactiveResponseMessage.body.text
    return ""


def normalize_message(
    ev: neonize_proto.Message,
    downloader: Downloader | None,
    now: datetime,
    own_jid: str | None = None,
) -> InboundMessage | None:
    """A MessageEv as an InboundMessage; None for what is not a conversation message
    (status broadcasts, channels, protocol bookkeeping). Raises MalformedEvent."""
    info = ev.Info
    source = info.MessageSource
    wa_id = info.ID
    if not wa_id:
        raise MalformedEvent("Mensagem sem ID")
    if source.Chat.Server in _IGNORED_SERVERS:
        return None
    chat = _required_jid(source.Chat, "conversa")
    from_me = bool(source.IsFromMe)
    sender = jid_to_str(source.Sender) or (own_jid if from_me else None) or chat
    alt = jid_to_str(source.SenderAlt)
    sender_phone: str | None = None
    sender_lid: str | None = None
    for candidate in (sender, alt):
        if candidate is None:
            continue
        parsed = Jid.parse(candidate)
        if parsed.is_lid and sender_lid is None:
            sender_lid = candidate
        elif parsed.is_user and sender_phone is None:
            sender_phone = parsed.user

    base = dict(
        wa_id=wa_id[:128],
        chat=chat,
        sender=sender,
        timestamp=timestamp_to_datetime(info.Timestamp, now),
        from_me=from_me,
        is_group=bool(source.IsGroup) or chat.endswith("@g.us"),
        sender_phone=sender_phone,
        sender_lid=sender_lid,
        push_name=(info.Pushname or "")[:256],
    )

    message = unwrap(ev.Message)
    fields = _content_fields(message)
    if not fields:
        return None  # only key distribution / context bookkeeping

    content = _classify(message, fields, downloader)
    if content is None:
        return None
    text, truncated = truncate_text(content.pop("text", "") or "")
    ctx = _context_of(message)
    quoted_id = None
    mentions: tuple[str, ...] = ()
    if ctx is not None:
        quoted_id = ctx.stanzaID or None
        mentions = tuple(_valid_jids(ctx.mentionedJID))
    return InboundMessage(
        **base, **content, text=text, truncated=truncated, quoted_id=quoted_id, mentions=mentions
    )


def _valid_jids(values: object) -> list[str]:
    out = []
    for value in values:  # type: ignore[attr-defined]
        try:
            out.append(str(Jid.parse(value)))
        except InvalidJid:
            log.debug("ignoring malformed mention %r", value)
    return out


def _classify(
    message: WAMessage, fields: list[str], downloader: Downloader | None
) -> dict[str, object] | None:
    """kind + payload fields of the InboundMessage for the first recognised content."""
    if message.HasField("protocolMessage"):
        proto = message.protocolMessage
        if proto.type == ProtocolMessage.REVOKE:
            return {"kind": MessageKind.REVOKE, "target_id": proto.key.ID or None}
        if proto.type == ProtocolMessage.MESSAGE_EDIT:
            return {
                "kind": MessageKind.EDIT,
                "target_id": proto.key.ID or None,
                "text": _text_of(proto.editedMessage),
            }
        if len(fields) == 1:
            return None  # history sync notices, key shares, ephemeral settings...
    if message.conversation or message.HasField("extendedTextMessage"):
        return {"kind": MessageKind.TEXT, "text": _text_of(message)}
    for field, kind in _MEDIA_FIELDS.items():
        if message.HasField(field):
            return _media(message, field, kind, downloader)
    if message.HasField("locationMessage") or message.HasField("liveLocationMessage"):
        loc = message.locationMessage if message.HasField("locationMessage") else message.liveLocationMessage
        name = getattr(loc, "name", "") or None
        address = getattr(loc, "address", "") or None
        return {
            "kind": MessageKind.LOCATION,
            "location": Location(float(loc.degreesLatitude), float(loc.degreesLongitude), name, address),
            "text": getattr(loc, "caption", "") or "",
        }
    if message.HasField("contactMessage"):
        card = message.contactMessage
        return {"kind": MessageKind.CONTACT, "contacts": (_contact_card(card.displayName, card.vcard),)}
    if message.HasField("contactsArrayMessage"):
        cards = tuple(_contact_card(c.displayName, c.vcard) for c in message.contactsArrayMessage.contacts)
        return {"kind": MessageKind.CONTACT, "contacts": cards,
                "text": message.contactsArrayMessage.displayName}
    if message.HasField("buttonsResponseMessage"):
        reply = message.buttonsResponseMessage
        return {"kind": MessageKind.BUTTON_REPLY, "reply_id": reply.selectedButtonID or None,
                "text": reply.selectedDisplayText}
    if message.HasField("templateButtonReplyMessage"):
        reply = message.templateButtonReplyMessage
        return {"kind": MessageKind.BUTTON_REPLY, "reply_id": reply.selectedID or None,
                "text": reply.selectedDisplayText}
    if message.HasField("listResponseMessage"):
        reply = message.listResponseMessage
        return {"kind": MessageKind.LIST_REPLY,
                "reply_id": reply.singleSelectReply.selectedRowID or None, "text": reply.title}
    if message.HasField("interactiveResponseMessage"):
        return _native_flow_reply(message.interactiveResponseMessage)
    if message.HasField("reactionMessage"):
        reaction = message.reactionMessage
        return {"kind": MessageKind.REACTION, "target_id": reaction.key.ID or None,
                "reaction": reaction.text}
    return {"kind": MessageKind.UNSUPPORTED, "raw_type": fields[0]}


def _native_flow_reply(reply: object) -> dict[str, object]:
    import json

    flow = reply.nativeFlowResponseMessage  # type: ignore[attr-defined]
    reply_id = None
    try:
        params = json.loads(flow.paramsJSON or "{}")
        if isinstance(params, dict) and params.get("id") is not None:
            reply_id = str(params["id"])[:256]
    except (ValueError, TypeError):
        log.debug("unreadable native flow reply params")
    kind = MessageKind.LIST_REPLY if flow.name in _LIST_FLOW_NAMES else MessageKind.BUTTON_REPLY
    return {"kind": kind, "reply_id": reply_id, "text": reply.body.text}  # type: ignore[attr-defined]


def _media(
    message: WAMessage, field: str, kind: MessageKind, downloader: Downloader | None
) -> dict[str, object]:
    media = getattr(message, field)
    if field == "audioMessage" and media.PTT:
        kind = MessageKind.VOICE
    descriptor = media.DESCRIPTOR.fields_by_name
    caption = media.caption if "caption" in descriptor else ""
    filename = None
    if field == "documentMessage":
        # display only: never used as a path
        filename = (media.fileName or media.title or "").replace("\x00", "")[:255] or None
    seconds = media.seconds if "seconds" in descriptor and media.seconds else None
    info = MediaInfo(
        mime=media.mimetype or "application/octet-stream",
        filename=filename,
        size=int(media.fileLength) if media.fileLength else None,
        caption=caption or None,
        duration_s=int(seconds) if seconds else None,
        download=downloader(message) if downloader is not None else None,
    )
    return {"kind": kind, "media": info, "text": caption}


# ---- receipts and presence -----------------------------------------------------------

_RECEIPT_ACK = {
    neonize_proto.Receipt.DELIVERED: (Ack.DELIVERED, False),
    neonize_proto.Receipt.INACTIVE: (Ack.DELIVERED, False),
    neonize_proto.Receipt.READ: (Ack.READ, False),
    neonize_proto.Receipt.PLAYED: (Ack.PLAYED, False),
    neonize_proto.Receipt.READ_SELF: (Ack.READ, True),
    neonize_proto.Receipt.PLAYED_SELF: (Ack.PLAYED, True),
    # goneonize 0.5.2 encodes whatsmeow's "played-self" as SERVER_ERROR (and never sends a
    # real server error), so SERVER_ERROR means another of our devices played the audio.
    neonize_proto.Receipt.SERVER_ERROR: (Ack.PLAYED, True),
}


def normalize_receipt(ev: neonize_proto.Receipt, now: datetime) -> AckEvent | None:
    """DELIVERED/INACTIVE→2, READ→3, PLAYED→4; *_SELF mark our own reading. Others: None."""
    if not ev.HasField("Type"):
        return None  # a receipt type goneonize does not encode
    mapped = _RECEIPT_ACK.get(ev.Type)
    if mapped is None:
        return None  # SENDER, PEER_MSG, HISTORY_SYNC, RETRY
    ids = tuple(i for i in ev.MessageIDs if i)
    if not ids:
        return None
    ack, read_by_us = mapped
    chat = _required_jid(ev.MessageSource.Chat, "conversa")
    return AckEvent(
        wa_ids=ids, chat=chat, ack=ack, timestamp=timestamp_to_datetime(ev.Timestamp, now),
        read_by_us=read_by_us,
    )


def normalize_chat_presence(ev: neonize_proto.ChatPresence) -> PresenceEvent:
    chat = _required_jid(ev.MessageSource.Chat, "conversa")
    sender = jid_to_str(ev.MessageSource.Sender) or chat
    if ev.State == neonize_proto.ChatPresence.COMPOSING:
        state = "recording" if ev.Media == neonize_proto.ChatPresence.AUDIO else "composing"
    else:
        state = "paused"
    return PresenceEvent(chat=chat, sender=sender, state=state)


def normalize_presence(ev: neonize_proto.Presence) -> PresenceEvent:
    who = _required_jid(ev.From, "contato")
    return PresenceEvent(chat=who, sender=who, state="unavailable" if ev.Unavailable else "available")


# ---- lifecycle reasons ---------------------------------------------------------------

_FAILURE_TEXT = {
    neonize_proto.GENERIC: ("O WhatsApp recusou a conexão (erro genérico)", True),
    neonize_proto.LOGGED_OUT: ("O aparelho foi desconectado pelo celular", False),
    neonize_proto.TEMP_BANNED: ("O número está temporariamente bloqueado pelo WhatsApp", False),
    neonize_proto.MAIN_DEVICE_GONE: ("O celular principal desta conta não existe mais", False),
    neonize_proto.UNKNOWN_LOGOUT: ("O WhatsApp encerrou esta sessão", False),
    neonize_proto.CLIENT_OUTDATED: (
        "Esta versão do WhatsDesk está desatualizada para o WhatsApp; atualize o aplicativo", False),
    neonize_proto.BAD_USER_AGENT: ("O WhatsApp recusou a identificação deste aplicativo", False),
    neonize_proto.INTERNAL_SERVER_ERROR: ("Erro interno nos servidores do WhatsApp", True),
    neonize_proto.EXPERIMENTAL: ("O WhatsApp recusou a conexão (recurso experimental)", False),
    neonize_proto.SERVICE_UNAVAILABLE: ("O serviço do WhatsApp está indisponível no momento", True),
}


def connect_failure_reason(ev: neonize_proto.ConnectFailure) -> tuple[str, bool]:
    text, retryable = _FAILURE_TEXT.get(ev.Reason, ("O WhatsApp recusou a conexão", True))
    if ev.Message:
        text = f"{text}: {ev.Message[:200]}"
    return text, retryable


def logged_out_reason(ev: neonize_proto.LoggedOut) -> str:
    if ev.HasField("Reason") and ev.Reason in _FAILURE_TEXT and ev.Reason != neonize_proto.GENERIC:
        return _FAILURE_TEXT[ev.Reason][0]
    return "O aparelho foi desconectado pelo celular"


_BAN_TEXT = {
    neonize_proto.TemporaryBan.SEND_TO_TOO_MANY_PEOPLE: "mensagens para gente demais",
    neonize_proto.TemporaryBan.BLOCKED_BY_USERS: "bloqueios de muitos usuários",
    neonize_proto.TemporaryBan.CREATED_TOO_MANY_GROUPS: "criação de grupos demais",
    neonize_proto.TemporaryBan.SENT_TOO_MANY_SAME_MESSAGE: "a mesma mensagem enviada vezes demais",
    neonize_proto.TemporaryBan.BROADCAST_LIST: "uso de lista de transmissão",
}


def temporary_ban_reason(ev: neonize_proto.TemporaryBan) -> str:
    why = _BAN_TEXT.get(ev.Code, "motivo não informado") if ev.HasField("Code") else "motivo não informado"
    text = f"O WhatsApp bloqueou este número temporariamente ({why})"
    if ev.Expire > 0:
        hours, rest = divmod(int(ev.Expire), 3600)
        minutes = rest // 60
        text += f"; tente de novo em {hours} h {minutes:02d} min" if hours else f"; tente de novo em {minutes} min"
    return text

"""Build the WhatsApp (waE2E) protobuf for an OutboundMessage; media is read off the loop."""

from __future__ import annotations

import asyncio
import io
import logging
import mimetypes
import os
import shutil
import subprocess
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from neonize.proto.Neonize_pb2 import UploadResponse
from neonize.proto.waCommon.WACommon_pb2 import MessageKey
from neonize.proto.waE2E.WAWebProtobufsE2E_pb2 import (
    AudioMessage,
    ContactMessage,
    ContextInfo,
    DocumentMessage,
    ExtendedTextMessage,
    FutureProofMessage,
    ImageMessage,
    LocationMessage,
    ProtocolMessage,
    ReactionMessage,
    StickerMessage,
    VideoMessage,
)
from neonize.proto.waE2E.WAWebProtobufsE2E_pb2 import Message as WAMessage
from neonize.utils.enum import MediaType

from whatdesk.domain.enums import MessageKind
from whatdesk.domain.errors import ChannelError, InvalidJid
from whatdesk.domain.events import OutboundMessage
from whatdesk.domain.phone import Jid
from whatdesk.domain.vcard import build_vcard

log = logging.getLogger(__name__)

MAX_MEDIA_BYTES = 100 * 1024 * 1024  # WhatsApp refuses bigger media; reading it would hog memory
MAX_BUTTONS = 3  # WhatsApp shows at most three quick-reply buttons
MAX_LIST_ROWS = 10

Uploader = Callable[[bytes, MediaType], Awaitable[UploadResponse]]


@dataclass(frozen=True)
class _Media:
    data: bytes
    mime: str


def canonical_jid(text: str, what: str = "destinatário") -> Jid:
    try:
        return Jid.parse(text)
    except InvalidJid as exc:
        raise ChannelError(f"Endereço de {what} inválido: {str(text)[:64]!r}") from exc


def _read_media(path: str | None, declared_mime: str | None) -> _Media:
    """Runs in a worker thread: size check, read, mime detection."""
    if not path:
        raise ChannelError("Mensagem de mídia sem arquivo")
    try:
        size = os.path.getsize(path)
        if size > MAX_MEDIA_BYTES:
            raise ChannelError(
                f"Arquivo grande demais para o WhatsApp ({size // (1024 * 1024)} MB; "
                f"máximo {MAX_MEDIA_BYTES // (1024 * 1024)} MB)"
            )
        if size == 0:
            raise ChannelError(f"O arquivo está vazio: {os.path.basename(path)}")
        with open(path, "rb") as fh:
            data = fh.read()
    except FileNotFoundError as exc:
        raise ChannelError(f"Arquivo não encontrado: {os.path.basename(path)}") from exc
    except IsADirectoryError as exc:
        raise ChannelError(f"Não é um arquivo: {os.path.basename(path)}") from exc
    except PermissionError as exc:
        raise ChannelError(f"Sem permissão para ler o arquivo: {os.path.basename(path)}") from exc
    except OSError as exc:
        raise ChannelError(f"Não foi possível ler o arquivo {os.path.basename(path)}: {exc.strerror}") from exc
    mime = declared_mime or _sniff_mime(data) or mimetypes.guess_type(path)[0]
    return _Media(data, mime or "application/octet-stream")


def _sniff_mime(data: bytes) -> str | None:
    try:
        import magic

        return str(magic.from_buffer(data[:65536], mime=True)) or None
    except Exception:  # libmagic missing or confused: fall back to the file name
        return None


def _image_details(data: bytes) -> tuple[bytes | None, int | None, int | None]:
    """JPEG thumbnail (the chat preview) and size; None when PIL cannot read it."""
    try:
        from PIL import Image

        with Image.open(io.BytesIO(data)) as img:
            width, height = img.size
            thumb = img.convert("RGB")
            thumb.thumbnail((72, 72))
            out = io.BytesIO()
            thumb.save(out, format="JPEG", quality=60)
            return out.getvalue(), width, height
    except Exception:
        log.debug("could not make an image thumbnail", exc_info=True)
        return None, None, None


def _to_webp_sticker(media: _Media) -> _Media:
    """Stickers must be 512x512 WebP; convert other images (runs in a worker thread)."""
    if media.mime == "image/webp":
        return media
    try:
        from PIL import Image

        with Image.open(io.BytesIO(media.data)) as img:
            img = img.convert("RGBA")
            img.thumbnail((512, 512))
            canvas = Image.new("RGBA", (512, 512), (0, 0, 0, 0))
            canvas.paste(img, ((512 - img.width) // 2, (512 - img.height) // 2))
            out = io.BytesIO()
            canvas.save(out, format="WEBP")
            return _Media(out.getvalue(), "image/webp")
    except Exception as exc:
        raise ChannelError("Não foi possível converter a imagem em figurinha") from exc


def _probe_duration(path: str) -> int | None:
    """Whole seconds of an audio/video file via ffprobe (runs in a worker thread); None when
    ffprobe is missing or cannot read it. The phone shows this before playing."""
    ffprobe = shutil.which("ffprobe")
    if ffprobe is None:
        return None
    try:
        done = subprocess.run(
            [ffprobe, "-v", "error", "-show_entries", "format=duration",
             "-of", "default=noprint_wrappers=1:nokey=1", path],
            capture_output=True, timeout=15, check=False,
        )
        return max(0, round(float(done.stdout.decode().strip().splitlines()[0])))
    except (OSError, subprocess.SubprocessError, ValueError, IndexError):
        return None


def _video_thumbnail(path: str) -> bytes | None:
    """A small JPEG of the first frame via ffmpeg (worker thread); None when unavailable."""
    ffmpeg = shutil.which("ffmpeg")
    if ffmpeg is None:
        return None
    try:
        done = subprocess.run(
            [ffmpeg, "-v", "error", "-i", path, "-frames:v", "1", "-vf", "scale=96:-2",
             "-f", "image2", "-c:v", "mjpeg", "pipe:1"],
            capture_output=True, timeout=20, check=False,
        )
        return done.stdout or None
    except (OSError, subprocess.SubprocessError):
        return None


def context_info(out: OutboundMessage) -> ContextInfo | None:
    """Quote (stanzaID/participant/quotedMessage) and mentions, or None when neither."""
    if not out.quoted_id and not out.mentions:
        return None
    ctx = ContextInfo()
    if out.quoted_id:
        ctx.stanzaID = out.quoted_id
        participant = out.quoted_sender
        if participant is None and not canonical_jid(out.to).is_group:
            participant = out.to  # in a private chat the quoted message is usually the customer's
        if participant:
            ctx.participant = str(canonical_jid(participant, "remetente citado"))
        ctx.quotedMessage.CopyFrom(WAMessage(conversation=out.quoted_text or ""))
    if out.mentions:
        ctx.mentionedJID.extend(str(canonical_jid(m, "menção")) for m in out.mentions)
    return ctx


def _message_key(out: OutboundMessage, own_jid: str | None) -> MessageKey:
    """Key of the message a reaction/edit/revoke acts on (as whatsmeow's BuildMessageKey)."""
    if not out.target_id:
        raise ChannelError("Falta a mensagem de destino")
    chat = canonical_jid(out.to)
    key = MessageKey(remoteJID=str(chat), ID=out.target_id, fromMe=True)
    sender = canonical_jid(out.quoted_sender, "remetente") if out.quoted_sender else None
    own = canonical_jid(own_jid, "conta") if own_jid else None
    if out.kind in (MessageKind.EDIT,):
        return key
    if sender is None or own is None or sender.user != own.user:
        key.fromMe = False
        if sender is not None and chat.is_group:
            key.participant = str(sender)
    return key


async def build_message(
    out: OutboundMessage,
    upload: Uploader,
    own_jid: str | None,
    now_ms: int,
    build_interactive: Callable[[OutboundMessage, ContextInfo | None], Awaitable[WAMessage]],
) -> WAMessage:
    """The waE2E Message that sends `out`. Raises ChannelError for unusable input."""
    canonical_jid(out.to)
    ctx = context_info(out)
    kind = out.kind
    if kind is MessageKind.TEXT:
        if not out.text.strip():
            raise ChannelError("Mensagem de texto vazia")
        if ctx is None:
            return WAMessage(conversation=out.text)
        return WAMessage(extendedTextMessage=ExtendedTextMessage(text=out.text, contextInfo=ctx))
    if kind.is_media:
        return await _media_message(out, ctx, upload, now_ms)
    if kind is MessageKind.LOCATION:
        if out.location is None:
            raise ChannelError("Mensagem de localização sem coordenadas")
        loc = out.location
        if not (-90 <= loc.latitude <= 90 and -180 <= loc.longitude <= 180):
            raise ChannelError("Coordenadas de localização inválidas")
        msg = LocationMessage(degreesLatitude=loc.latitude, degreesLongitude=loc.longitude)
        if loc.name:
            msg.name = loc.name
        if loc.address:
            msg.address = loc.address
        if ctx is not None:
            msg.contextInfo.CopyFrom(ctx)
        return WAMessage(locationMessage=msg)
    if kind is MessageKind.CONTACT:
        if out.contact is None:
            raise ChannelError("Mensagem de contato sem contato")
        card = out.contact
        msg = ContactMessage(displayName=card.name or "Contato", vcard=card.vcard or build_vcard(card.name, card.phone))
        if ctx is not None:
            msg.contextInfo.CopyFrom(ctx)
        return WAMessage(contactMessage=msg)
    if kind is MessageKind.REACTION:
        return WAMessage(reactionMessage=ReactionMessage(
            key=_message_key(out, own_jid), text=out.reaction or "", senderTimestampMS=now_ms,
        ))
    if kind is MessageKind.REVOKE:
        return WAMessage(protocolMessage=ProtocolMessage(
            type=ProtocolMessage.REVOKE, key=_message_key(out, own_jid)))
    if kind is MessageKind.EDIT:
        if not out.text.strip():
            raise ChannelError("O novo texto da mensagem está vazio")
        return WAMessage(editedMessage=FutureProofMessage(message=WAMessage(
            protocolMessage=ProtocolMessage(
                key=_message_key(out, own_jid), type=ProtocolMessage.MESSAGE_EDIT,
                editedMessage=WAMessage(conversation=out.text), timestampMS=now_ms,
            ))))
    if kind in (MessageKind.BUTTONS, MessageKind.LIST):
        if kind is MessageKind.BUTTONS and not out.buttons:
            raise ChannelError("Mensagem de botões sem botões")
        if kind is MessageKind.LIST and not out.list_rows:
            raise ChannelError("Lista sem opções")
        return await build_interactive(out, ctx)
    raise ChannelError(f"Este tipo de mensagem não pode ser enviado: {kind.value}")


_UPLOAD_TYPE = {
    MessageKind.IMAGE: MediaType.MediaImage,
    MessageKind.STICKER: MediaType.MediaImage,
    MessageKind.VIDEO: MediaType.MediaVideo,
    MessageKind.AUDIO: MediaType.MediaAudio,
    MessageKind.VOICE: MediaType.MediaAudio,
    MessageKind.DOCUMENT: MediaType.MediaDocument,
}


async def _media_message(
    out: OutboundMessage, ctx: ContextInfo | None, upload: Uploader, now_ms: int
) -> WAMessage:
    media = await asyncio.to_thread(_read_media, out.media_path, out.mime)
    kind = out.kind
    if kind is MessageKind.STICKER:
        media = await asyncio.to_thread(_to_webp_sticker, media)
    uploaded = await upload(media.data, _UPLOAD_TYPE[kind])
    common = dict(
        URL=uploaded.url, directPath=uploaded.DirectPath, mediaKey=uploaded.MediaKey,
        fileEncSHA256=uploaded.FileEncSHA256, fileSHA256=uploaded.FileSHA256,
        fileLength=uploaded.FileLength or len(media.data), mediaKeyTimestamp=now_ms // 1000,
        mimetype=media.mime,
    )
    caption = out.text or None
    if kind is MessageKind.IMAGE:
        thumb, width, height = await asyncio.to_thread(_image_details, media.data)
        msg: object = ImageMessage(**common, caption=caption, JPEGThumbnail=thumb,
                                   width=width, height=height)
        field = "imageMessage"
    elif kind is MessageKind.VIDEO:
        path = out.media_path or ""
        seconds = await asyncio.to_thread(_probe_duration, path)
        thumb = await asyncio.to_thread(_video_thumbnail, path)
        msg = VideoMessage(**common, caption=caption, seconds=seconds, JPEGThumbnail=thumb)
        field = "videoMessage"
    elif kind in (MessageKind.AUDIO, MessageKind.VOICE):
        if kind is MessageKind.VOICE and media.mime.startswith("audio/ogg"):
            common["mimetype"] = "audio/ogg; codecs=opus"  # what the phone expects of a voice note
        seconds = await asyncio.to_thread(_probe_duration, out.media_path or "")
        msg = AudioMessage(**common, PTT=kind is MessageKind.VOICE, seconds=seconds)
        field = "audioMessage"
    elif kind is MessageKind.DOCUMENT:
        name = out.filename or os.path.basename(out.media_path or "") or "arquivo"
        msg = DocumentMessage(**common, fileName=name, title=name, caption=caption)
        field = "documentMessage"
    else:
        msg = StickerMessage(**common, width=512, height=512, isAnimated=False)
        field = "stickerMessage"
    if ctx is not None:
        msg.contextInfo.CopyFrom(ctx)  # type: ignore[attr-defined]
    return WAMessage(**{field: msg})


__all__ = ["MAX_MEDIA_BYTES", "build_message", "canonical_jid", "context_info"]

"""The media files simulated customers send: small, real and playable (photos and PDFs built
here, the voice note, jingle, clip and sticker from samples/), deterministic."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

from whatdesk.domain.enums import MessageKind


def png_bytes(rgb: tuple[int, int, int] = (37, 211, 102), size: int = 8) -> bytes:
    """A real PNG: ``size`` x ``size`` pixels of one colour (decodes in any image viewer)."""
    row = b"\x00" + bytes(rgb) * size  # filter byte + pixels
    return _png(size, size, row * size)


def product_photo_png(salt: int = 0, width: int = 160, height: int = 120) -> bytes:
    """A small "product photo": a round item on a pastel background, colours varying by salt."""
    background = (200 + salt * 37 % 56, 200 + salt * 61 % 56, 200 + salt * 89 % 56)
    item = (salt * 53 % 200, 60 + salt * 101 % 150, salt * 197 % 200)
    shade = tuple(max(0, c - 60) for c in item)
    cx, cy, radius = width / 2, height / 2, min(width, height) * 0.35
    rows = bytearray()
    for y in range(height):
        rows.append(0)  # filter byte
        for x in range(width):
            d2 = (x - cx) ** 2 + (y - cy) ** 2
            if d2 <= (radius * 0.8) ** 2:
                rows += bytes(item)
            elif d2 <= radius ** 2:
                rows += bytes(shade)
            else:
                rows += bytes(background)
    return _png(width, height, bytes(rows))


def portrait_png(salt: int = 0, size: int = 96) -> bytes:
    """A generated profile picture: a head and shoulders on a coloured background."""
    background = (60 + salt * 47 % 160, 90 + salt * 71 % 140, 120 + salt * 29 % 120)
    figure = (245, 236, 226)
    rows = bytearray()
    for y in range(size):
        rows.append(0)  # filter byte
        for x in range(size):
            head = (x - size / 2) ** 2 + (y - size * 0.4) ** 2 <= (size * 0.2) ** 2
            body = (x - size / 2) ** 2 / (size * 0.36) ** 2 \
                + (y - size * 1.02) ** 2 / (size * 0.4) ** 2 <= 1
            rows += bytes(figure if head or body else background)
    return _png(size, size, bytes(rows))


def _png(width: int, height: int, raw_rows: bytes) -> bytes:
    def chunk(tag: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + tag + body + struct.pack(">I", zlib.crc32(tag + body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit truecolour
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(raw_rows, 9)) + chunk(b"IEND", b""))


SAMPLES = Path(__file__).with_name("samples")
# How long each sample plays (the duration a customer's phone would announce).
SAMPLE_SECONDS: dict[MessageKind, int] = {
    MessageKind.VOICE: 7, MessageKind.AUDIO: 3, MessageKind.VIDEO: 3}


def _box(tag: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body) + 8) + tag + body


def mp4_bytes(salt: int = 0) -> bytes:
    """A 3-second H.264/AAC clip (a colour test card with a tone) that every player opens;
    ``salt`` goes into a trailing ``free`` box, which players skip."""
    return (SAMPLES / "video.mp4").read_bytes() + _box(b"free", salt.to_bytes(8, "big"))


def ogg_opus_bytes(salt: int = 0) -> bytes:
    """A 7-second Ogg Opus voice note (synthesised speech), like the ones WhatsApp records;
    ``salt`` becomes the stream's serial number (every page's CRC is recomputed)."""
    data = bytearray((SAMPLES / "voice.ogg").read_bytes())
    serial = struct.pack("<I", 0x5A4E0000 + (salt & 0xFFFF))
    pos = 0
    while pos + 27 <= len(data) and data[pos:pos + 4] == b"OggS":
        segments = data[pos + 26]
        length = 27 + segments + sum(data[pos + 27:pos + 27 + segments])
        data[pos + 14:pos + 18] = serial
        data[pos + 22:pos + 26] = bytes(4)
        data[pos + 22:pos + 26] = struct.pack("<I", _ogg_crc(bytes(data[pos:pos + length])))
        pos += length
    return bytes(data)


def mp3_bytes(salt: int = 0) -> bytes:
    """A 3-second MP3 jingle; ``salt`` goes into an ID3v2 TXXX frame in front of it."""
    text = b"\x00salt\x00" + str(salt).encode()
    frame = b"TXXX" + struct.pack(">I", len(text)) + b"\x00\x00" + text
    size = len(frame)
    synchsafe = bytes([(size >> 21) & 0x7F, (size >> 14) & 0x7F, (size >> 7) & 0x7F, size & 0x7F])
    audio = (SAMPLES / "audio.mp3").read_bytes()
    if audio.startswith(b"ID3"):  # keep a single tag: drop the encoder's own
        tag = audio[6:10]
        audio = audio[10 + ((tag[0] << 21) | (tag[1] << 14) | (tag[2] << 7) | tag[3]):]
    return b"ID3" + bytes([3, 0, 0]) + synchsafe + frame + audio


def pdf_bytes(text: str = "Documento de exemplo") -> bytes:
    """A one-page PDF with a line of text (opens in any PDF reader)."""
    safe = text.encode("latin-1", "replace")
    for special in (b"\\", b"(", b")"):  # PDF string escapes; backslash first
        safe = safe.replace(special, b"\\" + special)
    stream = b"BT /F1 18 Tf 40 100 Td (" + safe + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 400 200] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{off:010d} 00000 n \n".encode() for off in offsets)
    out += (f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\n"
            f"startxref\n{xref}\n%%EOF\n").encode()
    return bytes(out)


def webp_bytes() -> bytes:
    """A 256×256 transparent WebP sticker (a smiling face saying "Obrigada!")."""
    return (SAMPLES / "sticker.webp").read_bytes()


def _crc_table() -> list[int]:
    table = []
    for byte in range(256):
        crc = byte << 24
        for _ in range(8):
            crc = ((crc << 1) ^ 0x04C11DB7) if crc & 0x80000000 else (crc << 1)
        table.append(crc & 0xFFFFFFFF)
    return table


_CRC_TABLE = _crc_table()


def _ogg_crc(data: bytes) -> int:
    """Ogg's page checksum (CRC-32, polynomial 0x04C11DB7, no reflection)."""
    crc = 0
    for byte in data:
        crc = ((crc << 8) & 0xFFFFFFFF) ^ _CRC_TABLE[(crc >> 24) ^ byte]
    return crc


# kind -> (default mime, default file name or None)
DEFAULT_MEDIA: dict[MessageKind, tuple[str, str | None]] = {
    MessageKind.IMAGE: ("image/png", None),
    MessageKind.VIDEO: ("video/mp4", None),
    MessageKind.AUDIO: ("audio/mpeg", None),
    MessageKind.VOICE: ("audio/ogg; codecs=opus", None),
    MessageKind.DOCUMENT: ("application/pdf", "documento.pdf"),
    MessageKind.STICKER: ("image/webp", None),
}


def sample_media(kind: MessageKind, salt: int) -> bytes:
    """Default bytes for a customer's media message; ``salt`` makes each file distinct."""
    if kind is MessageKind.IMAGE:
        return product_photo_png(salt)
    if kind is MessageKind.VIDEO:
        return mp4_bytes(salt)
    if kind is MessageKind.AUDIO:
        return mp3_bytes(salt)
    if kind is MessageKind.VOICE:
        return ogg_opus_bytes(salt)
    if kind is MessageKind.DOCUMENT:
        return pdf_bytes(f"Documento de exemplo #{salt}")
    if kind is MessageKind.STICKER:
        return webp_bytes()
    raise ValueError(f"{kind} não é um tipo de mídia")

"""Tiny, valid-looking media files the simulated customers send (built offline, deterministic)."""

from __future__ import annotations

import base64
import struct
import zlib

from whatdesk.domain.enums import MessageKind

# A 1x1 lossless WebP (the smallest file every WebP decoder accepts).
_WEBP_1X1 = base64.b64decode("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==")


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


def mp4_bytes(salt: int = 0) -> bytes:
    """An ISO-BMFF file with ftyp/free/mdat boxes: sniffed as video/mp4 by libmagic."""
    ftyp = b"ftypisom" + struct.pack(">I", 0x200) + b"isomiso2avc1mp41"
    free = b"free" + salt.to_bytes(4, "big")
    mdat = b"mdat" + bytes(16)
    return b"".join(struct.pack(">I", len(box) + 4) + box for box in (ftyp, free, mdat))


def ogg_opus_bytes(salt: int = 0) -> bytes:
    """The first page of an Ogg Opus stream (OpusHead): what a WhatsApp voice note starts with."""
    head = b"OpusHead" + bytes([1, 1]) + struct.pack("<HIhB", 312, 48000, 0, 0)
    page = (b"OggS" + bytes([0, 2]) + struct.pack("<qIII", 0, 0x5A4E0000 + salt, 0, 0)
            + bytes([1, len(head)]) + head)
    crc = _ogg_crc(page)
    return page[:22] + struct.pack("<I", crc) + page[26:]


def mp3_bytes(salt: int = 0) -> bytes:
    """An ID3v2 tag followed by one silent MPEG-1 layer III frame."""
    id3 = b"ID3" + bytes([4, 0, 0, 0, 0, 0, 0])
    frame = b"\xff\xfb\x90\x64" + bytes([salt & 0xFF]) + bytes(412)
    return id3 + frame


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
    return _WEBP_1X1


def _ogg_crc(data: bytes) -> int:
    crc = 0
    for byte in data:
        crc ^= byte << 24
        for _ in range(8):
            crc = ((crc << 1) ^ 0x04C11DB7) if crc & 0x80000000 else (crc << 1)
            crc &= 0xFFFFFFFF
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

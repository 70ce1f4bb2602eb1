"""Profile pictures: WhatsApp gives a URL on its CDN; the file is fetched here, capped and
type-checked before anything else sees it (its bytes are untrusted)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import httpx

from whatdesk.channels.base import MAX_PROFILE_PICTURE_BYTES, PROFILE_PICTURE_TYPES
from whatdesk.domain.errors import ChannelError

TIMEOUT_S = 20.0


async def download_profile_picture(url: str, transport: Any = None,
                                   max_bytes: int = MAX_PROFILE_PICTURE_BYTES) -> bytes:
    """The picture at ``url`` (https only, no redirects), refused when it is not a declared
    image type or passes ``max_bytes`` (the download stops there)."""
    if urlsplit(url).scheme != "https":
        raise ChannelError("Endereço da foto do perfil inválido")
    try:
        async with httpx.AsyncClient(transport=transport, timeout=TIMEOUT_S,
                                     follow_redirects=False) as http:
            async with http.stream("GET", url) as response:
                if response.status_code != 200:
                    raise ChannelError(
                        f"A foto do perfil não pôde ser baixada (HTTP {response.status_code})")
                kind = response.headers.get("content-type", "").split(";", 1)[0]
                if kind.strip().lower() not in PROFILE_PICTURE_TYPES:
                    raise ChannelError("A foto do perfil não é uma imagem")
                declared = response.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > max_bytes:
                    raise ChannelError("A foto do perfil é grande demais")
                data = bytearray()
                async for chunk in response.aiter_bytes():
                    data += chunk
                    if len(data) > max_bytes:
                        raise ChannelError("A foto do perfil é grande demais")
    except httpx.HTTPError as exc:
        raise ChannelError(f"A foto do perfil não pôde ser baixada: {exc}") from exc
    return bytes(data)

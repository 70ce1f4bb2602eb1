"""The one vCard builder: every contact card we send is made here, every field escaped."""

from __future__ import annotations

import re

DEFAULT_NAME = "Contato"
_LINE_BREAKS = re.compile(r"[\r\n\u0085\u2028\u2029]+")
_CONTROLS = re.compile(r"[\x00-\x1f\x7f]")


def escape_text(value: str) -> str:
    """A vCard 3.0 TEXT value (RFC 2426 §4): one line, with \\ , and ; escaped.

    Line breaks become spaces (a contact's name is one line), other control characters go,
    so nothing a customer types can start a new vCard property.
    """
    value = _CONTROLS.sub("", _LINE_BREAKS.sub(" ", value)).strip()
    return value.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")


def build_vcard(name: str, phone: str | None = None) -> str:
    """A vCard for one contact; `phone` keeps only its digits (E.164 without the +)."""
    lines = ["BEGIN:VCARD", "VERSION:3.0", f"FN:{escape_text(name) or DEFAULT_NAME}"]
    digits = "".join(ch for ch in phone or "" if ch.isascii() and ch.isdigit())
    if digits:
        # waid= is what makes WhatsApp show "Message" / "Add contact" for the card
        lines.append(f"TEL;type=CELL;waid={digits}:+{digits}")
    lines.append("END:VCARD")
    return "\n".join(lines)

"""Phone numbers and WhatsApp JIDs as value objects (parsing never trusts its input)."""

from __future__ import annotations

import re
from dataclasses import dataclass

import phonenumbers

from .errors import InvalidJid, InvalidPhone

USER_SERVER = "s.whatsapp.net"
LID_SERVER = "lid"
GROUP_SERVER = "g.us"
_SERVERS = {USER_SERVER, LID_SERVER, GROUP_SERVER, "broadcast", "newsletter", "c.us"}
_USER_RE = re.compile(r"^[0-9]{1,20}(-[0-9]{1,20})?$")


def normalize_phone(text: str, default_region: str = "BR") -> str:
    """Return E.164 digits without '+' (``"5511999990000"``) or raise InvalidPhone.

    Accepts what people type: spaces, dashes, parentheses, a leading + or 00, and a national
    number in ``default_region``. Brazilian mobile numbers missing the 9th digit are accepted
    as WhatsApp stores them.
    """
    if not isinstance(text, str):
        raise InvalidPhone("Número de telefone inválido: valor vazio")
    raw = text.strip()
    if not raw or len(raw) > 40:
        raise InvalidPhone(f"Número de telefone inválido: {raw[:40]!r}")
    if raw.startswith("00"):
        raw = "+" + raw[2:]
    digits = re.sub(r"\D", "", raw)
    if not digits:
        raise InvalidPhone(f"Número de telefone inválido: {raw!r}")
    if raw.startswith("+"):
        candidates = [raw]
    elif raw.isdigit() or len(digits) > 11:
        # bare digits (as in a JID) or too long to be national: may carry a country code
        candidates = [raw, "+" + digits]
    else:
        # typed with national formatting ("(56) 91000-0000"): a national number only, so a
        # Brazilian area code that does not exist is refused, not read as Chile (+56)
        candidates = [raw]
    for cand in candidates:
        region = None if cand.startswith("+") else default_region
        try:
            num = phonenumbers.parse(cand, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_possible_number(num) and (
            phonenumbers.is_valid_number(num) or _looks_like_old_br_mobile(num)
        ):
            return f"{num.country_code}{num.national_number}"
    raise InvalidPhone(f"Número de telefone inválido: {text.strip()[:40]!r}")


def _looks_like_old_br_mobile(num: phonenumbers.PhoneNumber) -> bool:
    # WhatsApp still registers many Brazilian mobiles without the 9th digit (10 national digits).
    n = str(num.national_number)
    return num.country_code == 55 and len(n) == 10 and n[2] in "6789"


@dataclass(frozen=True, order=True)
class Jid:
    """A WhatsApp address: ``user@server`` (device suffix ``:N`` and agent ``.N`` dropped)."""

    user: str
    server: str = USER_SERVER

    @classmethod
    def parse(cls, text: str) -> Jid:
        if not isinstance(text, str) or not text or len(text) > 128 or "@" not in text:
            raise InvalidJid(f"Endereço WhatsApp inválido: {str(text)[:64]!r}")
        user, _, server = text.strip().partition("@")
        user = user.split(":", 1)[0].split(".", 1)[0]
        if server == "c.us":
            server = USER_SERVER
        if server not in _SERVERS or not _USER_RE.match(user):
            raise InvalidJid(f"Endereço WhatsApp inválido: {text[:64]!r}")
        return cls(user, server)

    @classmethod
    def from_phone(cls, text: str, default_region: str = "BR") -> Jid:
        return cls(normalize_phone(text, default_region), USER_SERVER)

    @property
    def is_user(self) -> bool:
        return self.server == USER_SERVER

    @property
    def is_lid(self) -> bool:
        return self.server == LID_SERVER

    @property
    def is_group(self) -> bool:
        return self.server == GROUP_SERVER

    @property
    def phone(self) -> str | None:
        """E.164 digits when this JID is a phone-number JID."""
        return self.user if self.is_user else None

    def __str__(self) -> str:
        return f"{self.user}@{self.server}"


# ---- keeping numbers out of logs ------------------------------------------------------

# A phone number or a JID's user part as it turns up in log text: 8 or more digits, maybe
# with a leading + and single spaces, dashes, dots or parentheses between them. A word
# character on either side means it is part of something else (a hex message id, a name).
_PHONE_LIKE = re.compile(r"(?<![\w+])\+?\d(?:[ ().-]?\d){7,}(?!\w)")
_DATE_LIKE = re.compile(r"\d{4}-\d{2}-\d{2}")


def mask_phone(value: object) -> str:
    """A phone number, JID or any digits as logs may show them: only the last 4 digits
    (``"5511999990000"`` -> ``"***0000"``; the server part of a JID is kept)."""
    text = str(value or "")
    user, at, server = text.partition("@")
    digits = re.sub(r"\D", "", user)
    return "***" + digits[-4:] + (at + server if at else "")


def mask_phones_in(text: str) -> str:
    """``text`` with every phone-like run of digits masked to its last 4 digits (dates and
    short numbers such as ids, counts and durations stay as they are)."""
    def _mask(m: re.Match[str]) -> str:
        found = m.group(0)
        if _DATE_LIKE.match(found):
            return found
        return "***" + re.sub(r"\D", "", found)[-4:]
    return _PHONE_LIKE.sub(_mask, text)


def display_phone(digits: str | None) -> str:
    """E.164 digits as people read them ("+55 11 98765-4321"); as given when unparsable."""
    if not digits:
        return ""
    try:
        num = phonenumbers.parse(f"+{digits}", None)
    except phonenumbers.NumberParseException:
        return f"+{digits}"
    return phonenumbers.format_number(num, phonenumbers.PhoneNumberFormat.INTERNATIONAL)

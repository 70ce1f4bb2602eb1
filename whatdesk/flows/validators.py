"""Question answer validators: each turns what the contact sent into the stored value, or refuses."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from whatdesk.domain.errors import InvalidPhone
from whatdesk.domain.phone import normalize_phone

from . import regexes


@dataclass(frozen=True)
class Answer:
    """What the contact sent, as the interpreter sees it."""

    text: str = ""
    kind: str = "text"  # text, image, video, audio, voice, document, sticker, location, button_reply
    reply_id: str | None = None
    media_path: str | None = None
    latitude: float | None = None
    longitude: float | None = None


Validator = Callable[[Answer, dict[str, Any]], "str | None"]
VALIDATORS: dict[str, Validator] = {}


def validator(name: str) -> Callable[[Validator], Validator]:
    def register(fn: Validator) -> Validator:
        VALIDATORS[name] = fn
        return fn
    return register


def validate_answer(kind: str, answer: Answer, config: dict[str, Any] | None = None) -> str | None:
    """The normalised value to store, or None when the answer is not acceptable."""
    fn = VALIDATORS.get(kind)
    if fn is None:
        return None
    return fn(answer, config or {})


def _limit(value: Decimal, config: dict[str, Any]) -> bool:
    low, high = config.get("min"), config.get("max")
    try:
        if isinstance(low, (int, float)) and not isinstance(low, bool) and value < Decimal(str(low)):
            return False
        if isinstance(high, (int, float)) and not isinstance(high, bool) and value > Decimal(str(high)):
            return False
    except InvalidOperation:
        return False
    return True


_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d+)?|[.,]\d+)$")
_GROUPED = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+(,\d+)?$")  # 1.234,56 (Brazilian grouping)


def parse_number(text: str) -> Decimal | None:
    """"12,5", "12.5", "1.234,56", "-3" -> Decimal; anything else None."""
    raw = text.strip().replace(" ", "")
    if len(raw) > 40 or not raw:
        return None
    if _GROUPED.match(raw) and "," in raw:
        raw = raw.replace(".", "").replace(",", ".")
    elif not _NUMBER.match(raw):
        return None
    try:
        value = Decimal(raw.replace(",", "."))
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def format_number(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


@validator("text")
def _text(answer: Answer, config: dict[str, Any]) -> str | None:
    text = answer.text.strip()
    return text or None


@validator("number")
def _number(answer: Answer, config: dict[str, Any]) -> str | None:
    value = parse_number(answer.text)
    if value is None or not _limit(value, config):
        return None
    return format_number(value)


@validator("integer")
def _integer(answer: Answer, config: dict[str, Any]) -> str | None:
    raw = answer.text.strip().replace(" ", "")
    if not re.fullmatch(r"[+-]?\d{1,30}", raw):
        return None
    value = Decimal(int(raw))
    return str(int(raw)) if _limit(value, config) else None


_EMAIL = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$")


@validator("email")
def _email(answer: Answer, config: dict[str, Any]) -> str | None:
    text = answer.text.strip().strip("<>").strip()
    if len(text) > 254 or ".." in text or not _EMAIL.match(text):
        return None
    local, _, domain = text.rpartition("@")
    if local.startswith(".") or local.endswith(".") or len(local) > 64:
        return None
    return f"{local}@{domain.lower()}"


@validator("phone")
def _phone(answer: Answer, config: dict[str, Any]) -> str | None:
    region = config.get("region") if isinstance(config.get("region"), str) else "BR"
    try:
        return normalize_phone(answer.text, region or "BR")
    except (InvalidPhone, ValueError):
        return None


_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_BR_DATE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")


@validator("date")
def _date(answer: Answer, config: dict[str, Any]) -> str | None:
    text = answer.text.strip()
    if m := _ISO_DATE.match(text):
        year, month, day = int(m[1]), int(m[2]), int(m[3])
    elif m := _BR_DATE.match(text):
        day, month, year = int(m[1]), int(m[2]), int(m[3])
    else:
        return None
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _digits(text: str) -> str:
    return re.sub(r"[\s./-]", "", text.strip())


def cpf_is_valid(digits: str) -> bool:
    if len(digits) != 11 or not digits.isdigit() or not digits.isascii() or len(set(digits)) == 1:
        return False
    nums = [int(d) for d in digits]
    for size in (9, 10):
        total = sum(n * w for n, w in zip(nums[:size], range(size + 1, 1, -1), strict=True))
        check = (total * 10) % 11 % 10
        if check != nums[size]:
            return False
    return True


def cnpj_is_valid(digits: str) -> bool:
    if len(digits) != 14 or not digits.isdigit() or not digits.isascii() or len(set(digits)) == 1:
        return False
    nums = [int(d) for d in digits]
    weights = [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]
    for size in (12, 13):
        w = weights if size == 12 else [6, *weights]
        total = sum(n * k for n, k in zip(nums[:size], w, strict=True))
        rest = total % 11
        check = 0 if rest < 2 else 11 - rest
        if check != nums[size]:
            return False
    return True


@validator("cpf")
def _cpf(answer: Answer, config: dict[str, Any]) -> str | None:
    digits = _digits(answer.text)
    return digits if cpf_is_valid(digits) else None


@validator("cnpj")
def _cnpj(answer: Answer, config: dict[str, Any]) -> str | None:
    digits = _digits(answer.text)
    return digits if cnpj_is_valid(digits) else None


@validator("regex")
def _regex(answer: Answer, config: dict[str, Any]) -> str | None:
    pattern = config.get("pattern")
    text = answer.text.strip()
    if not isinstance(pattern, str) or not text:
        return None
    return text if regexes.search(pattern, text) else None


_MEDIA = {"image"}


@validator("image")
def _image(answer: Answer, config: dict[str, Any]) -> str | None:
    if answer.kind in _MEDIA and answer.media_path:
        return answer.media_path
    return None


@validator("location")
def _location(answer: Answer, config: dict[str, Any]) -> str | None:
    lat, lon = answer.latitude, answer.longitude
    if answer.kind != "location" or lat is None or lon is None:
        return None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    return f"{lat:.6f},{lon:.6f}"

"""`{{name}}` templates: rendering with the built-in names, and scanning for the validator."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import quote
from zoneinfo import ZoneInfo

from whatdesk.domain.clock import DEFAULT_TIMEZONE

PLACEHOLDER = re.compile(r"\{\{\s*([^{}]*?)\s*\}\}")
VARIABLE_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)*$")

BUILTINS = (
    "contact.name", "contact.first_name", "contact.number", "ticket.id", "connection.name",
    "queue.name", "now.date", "now.time", "greeting", "last_input",
)
RUNTIME_VARIABLES = ("http_error",)  # set by nodes at run time, always known

_GREETINGS = {
    "pt": ("Bom dia", "Boa tarde", "Boa noite"),
    "en": ("Good morning", "Good afternoon", "Good evening"),
}


def names_in(template: str) -> list[str]:
    if "{{" not in template:
        return []
    return [m.group(1) for m in PLACEHOLDER.finditer(template)]


@dataclass(frozen=True)
class TemplateProblem:
    code: str  # "template_unbalanced" | "template_empty_name" | "template_bad_name"
    detail: str


def problems_in(template: str) -> list[TemplateProblem]:
    """Placeholders opened and never closed, empty or malformed names."""
    problems: list[TemplateProblem] = []
    if "{{" not in template:
        return problems
    for name in names_in(template):
        if not name:
            problems.append(TemplateProblem("template_empty_name", "{{}}"))
        elif not VARIABLE_NAME.match(name):
            problems.append(TemplateProblem("template_bad_name", name[:40]))
    rest = PLACEHOLDER.sub("", template)
    if "{{" in rest:
        at = rest.index("{{")
        problems.append(TemplateProblem("template_unbalanced", rest[at:at + 30]))
    return problems


def greeting(local: datetime, locale: str = "pt") -> str:
    morning, afternoon, evening = _GREETINGS.get(locale[:2], _GREETINGS["pt"])
    if local.hour < 12:
        return morning
    if local.hour < 18:
        return afternoon
    return evening


def builtin_values(*, contact_name: str = "", contact_number: str = "", ticket_id: str = "",
                   connection_name: str = "", queue_name: str = "", now: datetime | None = None,
                   timezone: str = DEFAULT_TIMEZONE, locale: str = "pt",
                   last_input: str = "") -> dict[str, str]:
    values = {
        "contact.name": contact_name,
        "contact.first_name": contact_name.split()[0] if contact_name.split() else "",
        "contact.number": contact_number,
        "ticket.id": ticket_id,
        "connection.name": connection_name,
        "queue.name": queue_name,
        "last_input": last_input,
    }
    if now is not None:
        try:
            local = now.astimezone(ZoneInfo(timezone))
        except (KeyError, ValueError):
            local = now
        values["now.date"] = local.strftime("%d/%m/%Y")
        values["now.time"] = local.strftime("%H:%M")
        values["greeting"] = greeting(local, locale)
    return values


def render(template: str, values: Mapping[str, str], *, escape: str | None = None) -> str:
    """Replace every `{{name}}`; an unknown name becomes "".

    escape="json" escapes values for use inside a JSON string; "url" percent-encodes every
    value in a URL's path, query and fragment (`/`, `?`, `#`, `&` included), so a customer's
    answer stays one path segment or one parameter value. A value forming the base URL (one
    at the very start, or in the scheme://host part) is used as written.
    """
    if "{{" not in template:
        return template
    base_end = _url_base_end(template) if escape == "url" else -1

    def value_of(match: re.Match[str]) -> str:
        value = values.get(match.group(1), "")
        if not isinstance(value, str):
            value = json.dumps(value, ensure_ascii=False)
        if escape == "json":
            return json.dumps(value, ensure_ascii=False)[1:-1]
        if escape == "url" and match.start() > 0 and match.start() >= base_end:
            return quote(value, safe="")
        return value

    return PLACEHOLDER.sub(value_of, template)


def _url_base_end(template: str) -> int:
    """Where the path starts in a URL template: the end of its literal scheme://host part."""
    scheme = template.find("://")
    if scheme < 0:
        return 0  # the base comes from a value at the start ("{{base}}/x"), if anywhere
    ends = [i for i in (template.find(c, scheme + 3) for c in "/?#") if i >= 0]
    return min(ends) if ends else len(template)

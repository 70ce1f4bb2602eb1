"""`business_hours`: open or closed now, by a weekly table in an IANA timezone, with holidays."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..document import Node
from ..registry import FieldKind, FieldSpec, NodeType, PortSpec, Text, register
from ..runtime import Goto, Outcome, RunStatus, Step, Stop
from ..validation import Checker

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_HHMM = re.compile(r"^([01]?\d|2[0-4]):([0-5]\d)$")


def minutes(text: str) -> int | None:
    m = _HHMM.match(text.strip()) if isinstance(text, str) else None
    if not m:
        return None
    value = int(m[1]) * 60 + int(m[2])
    return value if value <= 24 * 60 else None


def hours_problem(hours: Any) -> str | None:
    """None when `hours` is "connection" or a valid weekly table, else what is wrong."""
    if hours == "connection":
        return None
    if not isinstance(hours, dict):
        return 'use "connection" ou uma tabela {"mon": [["09:00", "18:00"]], ...}'
    for day, spans in hours.items():
        if day not in DAYS:
            return f"dia desconhecido {day!r} (use mon, tue, wed, thu, fri, sat, sun)"
        if not isinstance(spans, list):
            return f"{day}: deve ser uma lista de intervalos"
        for span in spans:
            if (not isinstance(span, list) or len(span) != 2
                    or minutes(span[0]) is None or minutes(span[1]) is None):
                return f"{day}: intervalo inválido {span!r} (use [\"09:00\", \"18:00\"])"
            if minutes(span[0]) == minutes(span[1]):
                return f"{day}: intervalo vazio {span!r}"
    return None


def is_open(table: dict[str, Any], local: datetime, holidays: set[date]) -> bool:
    """Intervals are [start, end); an end before the start runs past midnight."""
    if local.date() in holidays:
        return False
    now_min = local.hour * 60 + local.minute
    today = DAYS[local.weekday()]
    yesterday = DAYS[(local.weekday() - 1) % 7]
    for span in table.get(today) or []:
        start, end = minutes(span[0]), minutes(span[1])
        if start is None or end is None:
            continue
        if start < end and start <= now_min < end:
            return True
        if start > end and now_min >= start:
            return True
    if (local.date() - timedelta(days=1)) not in holidays:
        for span in table.get(yesterday) or []:
            start, end = minutes(span[0]), minutes(span[1])
            if start is not None and end is not None and start > end and now_min < end:
                return True
    return False


def _holidays(value: Any) -> set[date]:
    out: set[date] = set()
    for item in value if isinstance(value, list) else []:
        try:
            out.add(date.fromisoformat(item))
        except (TypeError, ValueError):
            continue
    return out


async def execute(step: Step) -> Outcome:
    hours = step.config.get("hours")
    table = step.ctx.connection.business_hours if hours in (None, "connection") else hours
    if hours_problem(table if isinstance(table, dict) else hours) is not None:
        return Stop(RunStatus.ERROR, "invalid_hours", "horário de atendimento inválido")
    zone_name = step.config.get("timezone") or step.ctx.connection.timezone
    try:
        zone = ZoneInfo(zone_name)
    except (ZoneInfoNotFoundError, ValueError, TypeError):
        return Stop(RunStatus.ERROR, "invalid_timezone", f"fuso horário desconhecido: {zone_name}")
    local = step.now().astimezone(zone)
    return Goto("open" if is_open(table, local, _holidays(step.config.get("holidays")))
                else "closed")


def check(node: Node, config: dict[str, Any], checker: Checker) -> None:
    problem = hours_problem(config.get("hours", "connection"))
    if problem is not None:
        checker.error("invalid_hours", f"Horário inválido: {problem}.",
                      f"Invalid hours table: {problem}.")


NODE_TYPE = register(NodeType(
    name="business_hours", title=Text("Horário de atendimento", "Business hours"),
    category="logic", icon="clock",
    description=Text("Segue por Aberto ou Fechado conforme o horário.",
                     "Takes Open or Closed depending on the time."),
    fields=(
        FieldSpec("hours", FieldKind.HOURS, Text("Horário", "Hours"), default="connection",
                  help=Text("\"connection\": o horário da conexão.",
                            "\"connection\": the connection's schedule.")),
        FieldSpec("timezone", FieldKind.TIMEZONE, Text("Fuso horário", "Timezone"), default=None,
                  nullable=True, help=Text("Vazio: o da conexão.", "Empty: the connection's.")),
        FieldSpec("holidays", FieldKind.DATE_LIST, Text("Feriados", "Holidays"), default=[]),
    ),
    ports=(PortSpec("open", Text("Aberto", "Open")), PortSpec("closed", Text("Fechado", "Closed"))),
    execute=execute, check=check,
))

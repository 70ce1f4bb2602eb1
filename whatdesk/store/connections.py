"""Connections (linked WhatsApp accounts): settings, status and its history."""

from __future__ import annotations

import re
import secrets
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from whatdesk.domain.clock import DEFAULT_TIMEZONE
from whatdesk.domain.enums import ConnectionStatus
from whatdesk.domain.errors import NotFound, WhatdeskError

from ._sql import (
    connections_t,
    conn_of,
    events_t,
    messages_t,
    now_or,
    status_log_t,
    tickets_t,
)
from .rows import ConnectionRow, ConnectionStatusEntry

_c = connections_t.c
CHANNELS = ("neonize", "sandbox")
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_HHMM = re.compile(r"^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$")
EDITABLE = {"name", "is_default", "greeting", "farewell", "out_of_hours_message",
            "business_hours", "timezone", "rate_per_contact_per_min", "min_gap_ms",
            "welcome_flow_id", "user_disconnected", "channel"}


class InvalidConnectionSettings(WhatdeskError, ValueError):
    """A connection field the user typed is not acceptable."""


def _row(m: Any) -> ConnectionRow:
    return ConnectionRow(
        id=m["id"], name=m["name"], channel=m["channel"], is_default=bool(m["is_default"]),
        status=ConnectionStatus(m["status"]), jid=m["jid"], push_name=m["push_name"],
        greeting=m["greeting"], farewell=m["farewell"],
        out_of_hours_message=m["out_of_hours_message"],
        business_hours=dict(m["business_hours"] or {}), timezone=m["timezone"],
        rate_per_contact_per_min=m["rate_per_contact_per_min"], min_gap_ms=m["min_gap_ms"],
        welcome_flow_id=m["welcome_flow_id"], user_disconnected=bool(m["user_disconnected"]),
        created_at=m["created_at"], status_detail=m["status_detail"],
        session_token=m["session_token"])


def _validate(fields: dict[str, Any]) -> None:
    unknown = set(fields) - EDITABLE
    if unknown:
        raise TypeError(f"unknown connection fields: {sorted(unknown)}")
    if "name" in fields:
        name = str(fields["name"] or "").strip()
        if not name:
            raise InvalidConnectionSettings("Dê um nome à conexão.")
        if len(name) > 120:
            raise InvalidConnectionSettings("O nome da conexão pode ter no máximo 120 "
                                            "caracteres.")
        fields["name"] = name
    if "channel" in fields and fields["channel"] not in CHANNELS:
        raise InvalidConnectionSettings(f"Tipo de conexão desconhecido: {fields['channel']!r}.")
    if "timezone" in fields:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError
        try:
            ZoneInfo(str(fields["timezone"]))
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise InvalidConnectionSettings(
                f"Fuso horário desconhecido: {fields['timezone']!r}.") from exc
    for key in ("rate_per_contact_per_min", "min_gap_ms"):
        if key in fields and (not isinstance(fields[key], int) or fields[key] < 0):
            raise InvalidConnectionSettings("Os limites de envio devem ser números inteiros "
                                            "maiores ou iguais a zero.")
    if "business_hours" in fields:
        fields["business_hours"] = _validate_hours(fields["business_hours"] or {})


def _validate_hours(hours: Any) -> dict[str, list[list[str]]]:
    """{"mon": [["09:00", "18:00"]], ...}: known days, HH:MM, start before end, no overlap;
    each day's ranges come back sorted."""
    if not isinstance(hours, dict):
        raise InvalidConnectionSettings("Horário de atendimento inválido.")
    clean: dict[str, list[list[str]]] = {}
    for day, spans in hours.items():
        if day not in DAYS:
            raise InvalidConnectionSettings(f"Dia da semana desconhecido no horário: {day!r}.")
        if not isinstance(spans, (list, tuple)):
            raise InvalidConnectionSettings(f"Horário inválido em {day}.")
        out = []
        for span in spans:
            if not isinstance(span, (list, tuple)) or len(span) != 2:
                raise InvalidConnectionSettings(
                    f"Horário inválido em {day}: {span!r} (use [\"09:00\", \"18:00\"]).")
            start, end = (str(x).strip() for x in span)
            for t in (start, end):
                if not _HHMM.match(t):
                    raise InvalidConnectionSettings(
                        f"Horário inválido em {day}: hora {t!r} (use HH:MM).")
            if start >= end:
                raise InvalidConnectionSettings(
                    f"Horário inválido em {day}: o início ({start}) deve ser antes do fim "
                    f"({end}).")
            out.append([start, end])
        out.sort()
        for x, y in zip(out, out[1:], strict=False):
            if y[0] < x[1]:
                raise InvalidConnectionSettings(
                    f"Horário inválido em {day}: {x[0]}–{x[1]} e {y[0]}–{y[1]} se sobrepõem.")
        clean[day] = out
    return clean


def create_connection(s: Session, name: str, channel: str = "neonize",
                      now: datetime | None = None, **fields: Any) -> ConnectionRow:
    conn = conn_of(s)
    when = now_or(now)
    values = {"name": name, "channel": channel, **fields}
    _validate(values)
    has_default = conn.execute(select(_c.id).where(_c.is_default.is_(True),
                                                   _c.deleted_at.is_(None))).first()
    row: dict[str, Any] = {
        "is_default": has_default is None, "status": ConnectionStatus.STOPPED.value,
        "status_detail": "", "jid": None, "push_name": "", "greeting": "", "farewell": "",
        "out_of_hours_message": "", "business_hours": {}, "timezone": DEFAULT_TIMEZONE,
        "rate_per_contact_per_min": 30, "min_gap_ms": 1000, "welcome_flow_id": None,
        "user_disconnected": False, "created_at": when, "updated_at": when,
        "deleted_at": None, "session_token": secrets.token_hex(16),
    }
    row.update(values)
    new_id = conn.execute(connections_t.insert().returning(_c.id), row).scalar_one()
    if row["is_default"]:
        _make_only_default(s, new_id)
    return get_connection(s, new_id)


def _make_only_default(s: Session, connection_id: int) -> None:
    conn_of(s).execute(update(connections_t).where(_c.id != connection_id, _c.is_default)
                       .values(is_default=False))


def update_connection(s: Session, id: int, now: datetime | None = None,
                      **fields: Any) -> ConnectionRow:
    get_connection(s, id)
    _validate(fields)
    if fields:
        conn_of(s).execute(update(connections_t).where(_c.id == id)
                           .values(**fields, updated_at=now_or(now)))
        if fields.get("is_default"):
            _make_only_default(s, id)
    return get_connection(s, id)


def delete_connection(s: Session, id: int, keep_conversations: bool = True,
                      now: datetime | None = None) -> None:
    """Remove a connection. Its tickets and messages stay readable unless
    ``keep_conversations`` is False."""
    current = get_connection(s, id)
    conn = conn_of(s)
    when = now_or(now)
    ticket_ids = select(tickets_t.c.id).where(tickets_t.c.connection_id == id)
    if keep_conversations:
        conn.execute(update(connections_t).where(_c.id == id).values(
            deleted_at=when, is_default=False, user_disconnected=True,
            status=ConnectionStatus.STOPPED.value, updated_at=when))
    else:
        conn.execute(delete(messages_t).where(messages_t.c.connection_id == id))
        conn.execute(delete(events_t).where(events_t.c.ticket_id.in_(ticket_ids)))
        conn.execute(delete(tickets_t).where(tickets_t.c.connection_id == id))
        conn.execute(delete(status_log_t).where(status_log_t.c.connection_id == id))
        conn.execute(delete(connections_t).where(_c.id == id))
    if current.is_default:
        nxt = conn.execute(select(_c.id).where(_c.deleted_at.is_(None)).order_by(_c.id)).first()
        if nxt is not None:
            conn.execute(update(connections_t).where(_c.id == nxt.id).values(is_default=True))


def list_connections(s: Session) -> list[ConnectionRow]:
    rows = conn_of(s).execute(select(connections_t).where(_c.deleted_at.is_(None))
                              .order_by(_c.id)).all()
    return [_row(r._mapping) for r in rows]


def get_connection(s: Session, id: int) -> ConnectionRow:
    row = conn_of(s).execute(select(connections_t).where(_c.id == id,
                                                         _c.deleted_at.is_(None))).first()
    if row is None:
        raise NotFound(f"Conexão {id} não encontrada.")
    return _row(row._mapping)


def record_connection_status(s: Session, id: int, status: ConnectionStatus | str,
                             detail: str = "", jid: str | None = None,
                             push_name: str | None = None,
                             now: datetime | None = None) -> ConnectionRow:
    """Set the status the user sees and append it to the connection's history."""
    status = ConnectionStatus(status)
    when = now_or(now)
    get_connection(s, id)
    values: dict[str, Any] = {"status": status.value, "status_detail": detail,
                              "updated_at": when}
    if jid is not None:
        values["jid"] = jid
    if push_name is not None:
        values["push_name"] = push_name
    conn = conn_of(s)
    conn.execute(update(connections_t).where(_c.id == id).values(**values))
    conn.execute(status_log_t.insert().values(connection_id=id, status=status.value,
                                              detail=detail, at=when))
    return get_connection(s, id)


def connection_status_history(s: Session, id: int, limit: int = 50,
                              ) -> list[ConnectionStatusEntry]:
    """Newest first."""
    rows = conn_of(s).execute(select(status_log_t).where(status_log_t.c.connection_id == id)
                              .order_by(status_log_t.c.id.desc()).limit(limit)).all()
    return [ConnectionStatusEntry(ConnectionStatus(r.status), r.detail, r.at) for r in rows]

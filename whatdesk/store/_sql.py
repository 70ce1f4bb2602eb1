"""Shared helpers of the repositories: tables, dialect-specific INSERTs, row conversion."""

from __future__ import annotations

from datetime import UTC, datetime
from collections.abc import Callable
from typing import Any

from sqlalchemy import Executable, Insert, Row, Table
from sqlalchemy.engine import Connection as SAConnection
from sqlalchemy.orm import Session

from whatdesk.domain.enums import Ack, TicketStatus
from whatdesk.domain.errors import StoreError

from . import models
from .rows import ContactRow, MessageRow, TicketEventRow, TicketRow
from .types import UTCDateTime

connections_t: Table = models.Connection.__table__  # type: ignore[assignment]
status_log_t: Table = models.ConnectionStatusLog.__table__  # type: ignore[assignment]
contacts_t: Table = models.Contact.__table__  # type: ignore[assignment]
tickets_t: Table = models.Ticket.__table__  # type: ignore[assignment]
messages_t: Table = models.Message.__table__  # type: ignore[assignment]
events_t: Table = models.TicketEvent.__table__  # type: ignore[assignment]
queues_t: Table = models.Queue.__table__  # type: ignore[assignment]
agents_t: Table = models.Agent.__table__  # type: ignore[assignment]
agent_queues_t: Table = models.AgentQueue.__table__  # type: ignore[assignment]
quick_replies_t: Table = models.QuickReply.__table__  # type: ignore[assignment]
settings_t: Table = models.Setting.__table__  # type: ignore[assignment]
tags_t: Table = models.Tag.__table__  # type: ignore[assignment]
contact_tags_t: Table = models.ContactTag.__table__  # type: ignore[assignment]
flows_t: Table = models.Flow.__table__  # type: ignore[assignment]
flow_versions_t: Table = models.FlowVersion.__table__  # type: ignore[assignment]
flow_runs_t: Table = models.FlowRun.__table__  # type: ignore[assignment]
flow_node_counts_t: Table = models.FlowNodeCount.__table__  # type: ignore[assignment]
flow_node_log_t: Table = models.FlowNodeLog.__table__  # type: ignore[assignment]
flow_node_hourly_t: Table = models.FlowNodeHourly.__table__  # type: ignore[assignment]

_IGNORE_INSERTS: dict[tuple[str, str, bool], Insert] = {}


def conn_of(s: Session) -> SAConnection:
    """The session's connection: hot paths run Core statements on it (same transaction)."""
    return s.connection()


def driver_of(conn: SAConnection) -> Any:
    """The DBAPI connection under ``conn`` (SQLite's fast paths and PRAGMAs run on it)."""
    raw = conn.connection.driver_connection
    if raw is None:
        raise StoreError("A conexão com o banco de dados foi fechada.")
    return raw


def dialect_insert(dialect_name: str, table: Table) -> Any:
    """INSERT with the dialect's ON CONFLICT clauses (SQLite and PostgreSQL have both)."""
    if dialect_name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert
        return pg_insert(table)
    if dialect_name == "sqlite":
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert
        return sqlite_insert(table)
    raise NotImplementedError(dialect_name)  # only SQLite and PostgreSQL are supported


def insert_or_ignore(dialect_name: str, table: Table, returning_id: bool = True) -> Insert:
    """The one INSERT ... ON CONFLICT DO NOTHING [RETURNING id]: a row that would break a
    unique constraint is skipped (RETURNING then gives no row), never an error."""
    key = (dialect_name, table.name, returning_id)
    stmt = _IGNORE_INSERTS.get(key)
    if stmt is None:
        stmt = dialect_insert(dialect_name, table).on_conflict_do_nothing()
        if returning_id:
            stmt = stmt.returning(table.c.id)
        _IGNORE_INSERTS[key] = stmt
    return stmt


def now_or(now: datetime | None) -> datetime:
    if now is None:
        return datetime.now(UTC)
    if now.tzinfo is None:
        raise ValueError("naive datetime given to the store; pass an aware UTC datetime")
    return now


def contact_display(name: str, push_name: str, phone: str | None, lid: str | None,
                    group_jid: str | None) -> str:
    return name or push_name or (f"+{phone}" if phone else "") or group_jid or lid or ""


def ticket_from(row: Row[Any]) -> TicketRow:
    m = row._mapping
    return TicketRow(
        id=m["id"], connection_id=m["connection_id"], contact_id=m["contact_id"],
        status=TicketStatus(m["status"]), queue_id=m["queue_id"], agent_id=m["agent_id"],
        unread_count=m["unread_count"], last_message_preview=m["last_message_preview"],
        last_message_at=m["last_message_at"], created_at=m["created_at"],
        updated_at=m["updated_at"], closed_at=m["closed_at"],
        contact_name=contact_display(m["c_name"], m["c_push_name"], m["c_phone"], m["c_lid"],
                                     m["c_group_jid"]),
        contact_phone=m["c_phone"], contact_is_group=bool(m["c_is_group"]),
    )


def ticket_columns() -> list[Any]:
    c = contacts_t.c
    return [*tickets_t.c, c.name.label("c_name"), c.push_name.label("c_push_name"),
            c.phone.label("c_phone"), c.lid.label("c_lid"), c.group_jid.label("c_group_jid"),
            c.is_group.label("c_is_group")]


_MESSAGE_FIELDS = [f for f in MessageRow.__dataclass_fields__]


def message_from(row: Row[Any]) -> MessageRow:
    m = row._mapping
    values = {f: m[f] for f in _MESSAGE_FIELDS}
    values["ack"] = Ack(values["ack"])
    values["from_me"] = bool(values["from_me"])
    values["edited"] = bool(values["edited"])
    values["deleted"] = bool(values["deleted"])
    values["is_private_note"] = bool(values["is_private_note"])
    return MessageRow(**values)


def contact_from(row: Row[Any]) -> ContactRow:
    m = row._mapping
    return ContactRow(id=m["id"], phone=m["phone"], lid=m["lid"], group_jid=m["group_jid"],
                      name=m["name"], push_name=m["push_name"], is_group=bool(m["is_group"]),
                      email=m["email"], custom_fields=dict(m["custom_fields"] or {}),
                      created_at=m["created_at"], notes=m.get("notes") or "",
                      blocked=bool(m.get("blocked")), avatar_path=m.get("avatar_path"))


def event_from(row: Row[Any]) -> TicketEventRow:
    m = row._mapping
    return TicketEventRow(
        id=m["id"], ticket_id=m["ticket_id"], kind=m["kind"],
        from_status=TicketStatus(m["from_status"]) if m["from_status"] else None,
        to_status=TicketStatus(m["to_status"]) if m["to_status"] else None,
        actor=m["actor"], detail=m["detail"], at=m["at"])


class Prepared:
    """A Core statement compiled once per dialect (and set of parameter names).

    On SQLite it runs straight on the DBAPI cursor of the session's own connection (same
    transaction, same savepoints) with SQLAlchemy's bind processors applied, which cuts the
    per-statement cost of the inbound hot path several times. Elsewhere (PostgreSQL) it is
    an ordinary ``conn.execute``. Either way it returns plain tuples.
    """

    def __init__(self, build: Callable[[str], Executable]) -> None:
        self._build = build
        self._compiled: dict[tuple[str, tuple[str, ...]], Any] = {}
        self._stmts: dict[str, Executable] = {}

    def _stmt(self, dialect_name: str) -> Executable:
        stmt = self._stmts.get(dialect_name)
        if stmt is None:
            stmt = self._stmts[dialect_name] = self._build(dialect_name)
        return stmt

    def _plan(self, conn: SAConnection, keys: tuple[str, ...]) -> Any:
        dialect = conn.dialect
        plan = self._compiled.get((dialect.name, keys))
        if plan is None:
            compiled = self._stmt(dialect.name).compile(dialect=dialect, column_keys=list(keys))
            order = list(compiled.positiontup or ())
            # Literals written in the statement (e.g. status <> 'closed') are binds too.
            fixed = {name: bind.effective_value for name, bind in compiled.binds.items()
                     if name not in keys}
            plan = (compiled.string,
                    [(name, _bind_processor(compiled.binds[name].type, dialect),
                      name in fixed, fixed.get(name)) for name in order])
            self._compiled[(dialect.name, keys)] = plan
        return plan

    def rows(self, conn: SAConnection, params: dict[str, Any]) -> list[tuple[Any, ...]]:
        dialect = conn.dialect
        if dialect.name != "sqlite":
            result = conn.execute(self._stmt(dialect.name), params)
            return [tuple(r) for r in result] if result.returns_rows else []
        sql, order_procs = self._plan(conn, tuple(params))
        args = []
        for name, proc, is_fixed, fixed_value in order_procs:
            value = fixed_value if is_fixed else params[name]
            args.append(proc(value) if proc is not None else value)
        return driver_of(conn).execute(sql, args).fetchall()  # type: ignore[no-any-return]

    def many(self, conn: SAConnection, rows: list[dict[str, Any]]) -> None:
        """Run the statement once per parameter set (executemany); same keys in every set."""
        if not rows:
            return
        dialect = conn.dialect
        if dialect.name != "sqlite":
            conn.execute(self._stmt(dialect.name), rows)
            return
        sql, order_procs = self._plan(conn, tuple(rows[0]))
        batch = []
        for params in rows:
            args = []
            for name, proc, is_fixed, fixed_value in order_procs:
                value = fixed_value if is_fixed else params[name]
                args.append(proc(value) if proc is not None else value)
            batch.append(args)
        driver_of(conn).executemany(sql, batch)

    def first(self, conn: SAConnection, params: dict[str, Any]) -> tuple[Any, ...] | None:
        found = self.rows(conn, params)
        return found[0] if found else None

    def scalar(self, conn: SAConnection, params: dict[str, Any]) -> Any:
        row = self.first(conn, params)
        return None if row is None else row[0]


def _sqlite_utc_text(value: datetime | None) -> str | None:
    """What UTCDateTime + SQLite's DATETIME write, in one cheap step (same exact text)."""
    if value is None:
        return None
    if value.tzinfo is not UTC:
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError("naive datetime given to the store; pass an aware UTC datetime")
        value = value.astimezone(UTC)
    return "%04d-%02d-%02d %02d:%02d:%02d.%06d" % (
        value.year, value.month, value.day, value.hour, value.minute, value.second,
        value.microsecond)


def _bind_processor(type_: Any, dialect: Any) -> Any:
    """The function SQLAlchemy would apply to a value of ``type_`` before the driver sees it
    (public API: the dialect's implementation of the type), or a cheaper equivalent."""
    if isinstance(type_, UTCDateTime):
        return _sqlite_utc_text
    return type_.dialect_impl(dialect).bind_processor(dialect)


def dialect_insert_ignore(table: Table) -> Callable[[str], Executable]:
    """Builder for Prepared: insert_or_ignore, RETURNING id."""
    return lambda dialect_name: insert_or_ignore(dialect_name, table)


def dialect_upsert(table: Table, keys: list[str], set_: Callable[[Any], dict[str, Any]]
                   ) -> Callable[[str], Executable]:
    """Builder for Prepared: INSERT ... ON CONFLICT (keys) DO UPDATE SET set_(excluded)."""
    def build(dialect_name: str) -> Executable:
        stmt = dialect_insert(dialect_name, table)
        return stmt.on_conflict_do_update(  # type: ignore[no-any-return]
            index_elements=keys, set_=set_(stmt.excluded))
    return build

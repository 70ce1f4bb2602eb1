"""Consistent copies of the database for backups: SQLite's online backup, or a logical
export/import of every table (PostgreSQL), and the checks a restored copy must pass."""

from __future__ import annotations

import base64
import datetime as dt
import decimal
import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from alembic.script import ScriptDirectory
from sqlalchemy import Table, create_engine, delete, func, insert, select, text
from sqlalchemy.engine import Connection, make_url

from .db import alembic_config
from .models import Base

ALEMBIC_TABLE = "alembic_version"
MAX_LINE_BYTES = 64 << 20  # one exported row (a JSON line) read back from a backup


def sqlite_path(url: str) -> Path | None:
    """The file of a SQLite URL, or None (PostgreSQL, or an in-memory database)."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database \
            or parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def sqlite_snapshot(source: Path, dest: Path, busy_timeout_s: float = 30.0) -> None:
    """Copy a live SQLite database into ``dest`` as of one instant.

    The online backup API in one step (pages=-1) copies every page under one read
    transaction: in WAL mode the writer keeps committing meanwhile, and the copy holds
    exactly what was committed when it began."""
    if not source.is_file():
        raise FileNotFoundError(str(source))
    src = sqlite3.connect(str(source), timeout=busy_timeout_s)
    try:
        dst = sqlite3.connect(str(dest))
        try:
            src.backup(dst, pages=-1)
            dst.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
        finally:
            dst.close()
    finally:
        src.close()


def sqlite_check(path: Path) -> tuple[str | None, int]:
    """integrity_check a SQLite copy; returns its schema revision and message count.

    Raises ValueError when the file is not a sound whatdesk database."""
    conn = sqlite3.connect(f"file:{path.as_posix()}?mode=ro", uri=True)
    try:
        result = conn.execute("PRAGMA integrity_check").fetchall()
        if result != [("ok",)]:
            raise ValueError(f"integrity_check: {result[:3]}")
        tables = {row[0] for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}
        if ALEMBIC_TABLE not in tables or "messages" not in tables:
            raise ValueError("not a whatdesk database")
        row = conn.execute(f"SELECT version_num FROM {ALEMBIC_TABLE}").fetchone()
        count = conn.execute("SELECT count(*) FROM messages").fetchone()[0]
        return (row[0] if row else None), int(count)
    except sqlite3.DatabaseError as exc:
        raise ValueError(str(exc)) from exc
    finally:
        conn.close()


def known_revisions() -> set[str]:
    return {rev.revision for rev in ScriptDirectory.from_config(alembic_config())
            .walk_revisions()}


# ---- logical export (PostgreSQL) ------------------------------------------------------

def _tables() -> list[Table]:
    return list(Base.metadata.sorted_tables)


def _encode(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return {"$dt": value.isoformat()}
    if isinstance(value, dt.date):
        return {"$date": value.isoformat()}
    if isinstance(value, bytes | bytearray | memoryview):
        return {"$b64": base64.b64encode(bytes(value)).decode("ascii")}
    if isinstance(value, decimal.Decimal):
        return {"$dec": str(value)}
    if isinstance(value, dict):
        return {"$json": value}  # a JSON column: keep it apart from our own markers
    return value


def _decode(value: Any) -> Any:
    if isinstance(value, dict) and len(value) == 1:
        ((key, inner),) = value.items()
        if key == "$dt":
            return dt.datetime.fromisoformat(inner)
        if key == "$date":
            return dt.date.fromisoformat(inner)
        if key == "$b64":
            return base64.b64decode(inner)
        if key == "$dec":
            return decimal.Decimal(inner)
        if key == "$json":
            return inner
    return value


def export_tables(url: str, write: Callable[[bytes], Any]) -> tuple[str | None, int]:
    """Write every table as JSON lines (one snapshot: REPEATABLE READ, read only).

    Returns the schema revision and the number of messages exported."""
    engine = create_engine(url, hide_parameters=True)
    try:
        with engine.connect() as conn:
            conn = conn.execution_options(isolation_level="REPEATABLE READ")
            with conn.begin():
                conn.exec_driver_sql("SET TRANSACTION READ ONLY")
                revision = conn.execute(text(f"SELECT version_num FROM {ALEMBIC_TABLE}")
                                        ).scalar()
                write(_line({"schema": revision}))
                messages = 0
                for table in _tables():
                    key = list(table.primary_key.columns)
                    result = conn.execution_options(stream_results=True, yield_per=1000) \
                        .execute(select(table).order_by(*key))
                    for row in result.mappings():
                        write(_line({"t": table.name,
                                     "r": {k: _encode(v) for k, v in row.items()}}))
                        messages += table.name == "messages"
                return revision, messages
    finally:
        engine.dispose()


def _line(obj: Any) -> bytes:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n"


def read_export(lines: Iterable[bytes]) -> Iterator[tuple[str, dict[str, Any]]]:
    """Parse an export (from an untrusted file): (table, row) pairs of known tables only."""
    names = {t.name: t for t in _tables()}
    for raw in lines:
        if len(raw) > MAX_LINE_BYTES:
            raise ValueError("row too long")
        obj = json.loads(raw)
        if "schema" in obj:
            continue
        table = names.get(obj.get("t"))
        if table is None or not isinstance(obj.get("r"), dict):
            raise ValueError(f"unknown table {str(obj.get('t'))[:40]!r}")
        row = {k: _decode(v) for k, v in obj["r"].items() if k in table.c}
        yield table.name, row


def export_revision(first_line: bytes) -> str | None:
    obj = json.loads(first_line)
    return obj.get("schema") if isinstance(obj, dict) else None


def import_tables(url: str, rows: Iterable[tuple[str, dict[str, Any]]]) -> int:
    """Replace every table's rows with ``rows``, in ONE transaction (all or nothing)."""
    engine = create_engine(url, hide_parameters=True)
    names = {t.name: t for t in _tables()}
    count = 0
    try:
        with engine.begin() as conn:
            for table in reversed(_tables()):
                conn.execute(delete(table))
            batch: list[dict[str, Any]] = []
            current: str | None = None
            for name, row in rows:
                if name != current or len(batch) >= 500:
                    _flush(conn, names, current, batch)
                    batch, current = [], name
                batch.append(row)
                count += 1
            _flush(conn, names, current, batch)
            if conn.dialect.name == "postgresql":
                _reset_sequences(conn)
    finally:
        engine.dispose()
    return count


def _flush(conn: Connection, names: dict[str, Table], name: str | None,
           batch: list[dict[str, Any]]) -> None:
    if name is not None and batch:
        conn.execute(insert(names[name]), batch)


def _reset_sequences(conn: Connection) -> None:
    for table in _tables():
        for column in table.primary_key.columns:
            if column.autoincrement is True or (column.autoincrement == "auto"
                                                and column.type.python_type is int):
                seq = conn.execute(text("SELECT pg_get_serial_sequence(:t, :c)"),
                                   {"t": table.name, "c": column.name}).scalar()
                if seq:
                    top = conn.execute(select(func.max(column))).scalar()
                    conn.execute(text("SELECT setval(:s, :v, :called)"),
                                 {"s": seq, "v": top or 1, "called": top is not None})

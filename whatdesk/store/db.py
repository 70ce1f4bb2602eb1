"""The database: opening and upgrading it, one writer thread with group commit, reader threads."""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
import os
import queue
import random
import sqlite3
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, event, inspect
from sqlalchemy.engine import URL, Connection, Engine, make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from whatdesk.domain.errors import StoreError

from ._sql import driver_of
from .models import Base

log = logging.getLogger(__name__)

T = TypeVar("T")

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
SQLITE_HEADER = b"SQLite format 3\x00"
DEFAULT_BUSY_TIMEOUT_MS = 5000
DEFAULT_MAX_BATCH = 256
# PostgreSQL (several desktops on one server): a job that lost a deadlock or a serialization
# conflict to another desktop's transaction is run again, in a fresh transaction, this many
# times before its caller gets the error.
MAX_CONFLICT_RETRIES = 8
_RETRYABLE_SQLSTATES = frozenset({"40P01", "40001"})  # deadlock_detected, serialization_failure
# Alembic's `op`/`context` are process-wide: two upgrades in one process must not overlap.
_UPGRADE_LOCK = threading.Lock()
# Key of the PostgreSQL advisory lock that lets one desktop at a time check and upgrade.
_PG_UPGRADE_LOCK_KEY = 0x77686174_6465736B & 0x7FFFFFFFFFFFFFFF  # "whatdesk"


def sqlite_url(path: str | os.PathLike[str]) -> str:
    """The SQLAlchemy URL of a SQLite file (absolute, so a later chdir changes nothing)."""
    absolute = str(Path(path).expanduser().resolve())
    return URL.create("sqlite+pysqlite", database=absolute).render_as_string()


def alembic_config(connection: Connection | None = None, url: str | None = None) -> Config:
    """An Alembic Config built in code: no alembic.ini has to exist next to the program."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    if url is not None:
        cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    if head is None:  # a broken install: the migrations folder is empty or missing
        raise StoreError("As migrações do banco de dados não foram encontradas; "
                         "reinstale o whatdesk.")
    return head


# ---- error translation ----------------------------------------------------------------

def _where(target: str) -> str:
    return f"“{target}”"


def store_error(exc: BaseException, target: str) -> StoreError:
    """Turn a driver or SQLAlchemy error into a StoreError a user can act on (Portuguese)."""
    if isinstance(exc, StoreError):
        return exc
    orig = getattr(exc, "orig", None) or exc
    text = str(orig).lower()
    name = getattr(orig, "sqlite_errorname", "") or ""
    where = _where(target)
    pg_msg = _postgres_message(orig, text, where)
    if pg_msg is not None:
        msg = pg_msg
    elif "locked" in text or name in ("SQLITE_BUSY", "SQLITE_LOCKED"):
        msg = (f"O banco de dados {where} está bloqueado por outro programa (talvez outra "
               "janela do whatdesk aberta). Feche o outro programa e tente de novo.")
    elif ("not a database" in text or "malformed" in text or name in
          ("SQLITE_NOTADB", "SQLITE_CORRUPT")):
        msg = (f"O arquivo {where} não é um banco de dados válido do whatdesk ou está "
               "corrompido. Ele não foi alterado: restaure um backup ou escolha outra pasta "
               "de dados.")
    elif ("readonly" in text or "read-only" in text or "unable to open" in text
          or name in ("SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_PERM")
          or isinstance(orig, PermissionError)):
        msg = (f"Não foi possível gravar no banco de dados {where}: a pasta ou o arquivo "
               "não permite escrita. Verifique as permissões ou escolha outra pasta de dados.")
    elif "disk is full" in text or name == "SQLITE_FULL":
        msg = f"O disco está cheio: não foi possível gravar no banco de dados {where}."
    elif "disk i/o" in text or name.startswith("SQLITE_IOERR"):
        msg = f"Erro de leitura/gravação no disco ao usar o banco de dados {where}."
    elif isinstance(orig, sqlite3.IntegrityError) or "integrity" in type(exc).__name__.lower():
        msg = f"O banco de dados {where} recusou dados inconsistentes: {orig}"
    else:
        msg = f"Erro no banco de dados {where}: {orig}"
    err = StoreError(msg)
    err.__cause__ = exc if isinstance(exc, BaseException) else None
    return err


def _postgres_message(orig: object, text: str, where: str) -> str | None:
    """Messages for PostgreSQL errors (by SQLSTATE; the SQLite wording would mislead)."""
    if not type(orig).__module__.startswith(("psycopg", "asyncpg", "pg8000")):
        return None
    sqlstate = str(getattr(orig, "sqlstate", None) or getattr(orig, "pgcode", None) or "")
    if not sqlstate and "connect" in text:  # refused before the server said anything
        sqlstate = "08001"
    if sqlstate.startswith("08") or sqlstate.startswith("57P"):
        return (f"Não foi possível falar com o servidor de banco de dados {where} (conexão "
                "recusada ou perdida). Verifique se o servidor está no ar e se a rede "
                "alcança ele.")
    if sqlstate in _RETRYABLE_SQLSTATES or sqlstate in ("55P03", "57014"):
        return (f"O banco de dados {where} está ocupado com as alterações de outra estação "
                "do whatdesk. Tente de novo em instantes.")
    if sqlstate.startswith("23"):
        return f"O banco de dados {where} recusou dados inconsistentes: {orig}"
    if sqlstate == "53100":
        return f"O disco do servidor está cheio: não foi possível gravar no banco de dados {where}."
    if sqlstate in ("25006", "42501"):
        return (f"Não foi possível gravar no banco de dados {where}: o usuário ou o servidor "
                "não permite escrita (servidor somente leitura ou sem permissão).")
    if sqlstate.startswith("28"):
        return (f"O servidor recusou o usuário ou a senha do banco de dados {where}. "
                "Verifique o endereço (WHATDESK_DATABASE_URL).")
    return None


# ---- the write queue ------------------------------------------------------------------

@dataclass(eq=False)
class _Job:
    fn: Callable[[Session], Any]
    loop: asyncio.AbstractEventLoop | None = None
    future: asyncio.Future[Any] | None = None
    sync_future: concurrent.futures.Future[Any] | None = None
    ok: bool = False
    value: Any = None
    error: BaseException | None = field(default=None)
    conflicts: int = 0  # deadlocks / serialization failures met so far (PostgreSQL)
    # Runs alone on the writer's connection with no transaction open (VACUUM, checkpoints);
    # ``fn`` then receives that Connection, not a Session.
    outside_tx: bool = False


def _is_conflict(exc: BaseException) -> bool:
    """A deadlock or serialization failure: the work is fine, it only met another
    transaction at the wrong moment and succeeds when run again."""
    orig = getattr(exc, "orig", None) or exc
    code = getattr(orig, "sqlstate", None) or getattr(orig, "pgcode", None)
    return code in _RETRYABLE_SQLSTATES


def _retry_later(job: _Job) -> bool:
    """Count one more conflict for ``job``; True if it should run again."""
    job.conflicts += 1
    if job.conflicts > MAX_CONFLICT_RETRIES:
        return False
    job.error = None
    return True


_STOP = object()


def _settle(jobs: list[_Job]) -> None:
    """Runs on the caller's event loop: hand each awaiting caller its own outcome."""
    for job in jobs:
        fut = job.future
        if fut is None or fut.done():  # the caller was cancelled; the write still happened
            continue
        if job.error is not None:
            fut.set_exception(job.error)
        else:
            fut.set_result(job.value)


class Database:
    """One database. Writes go through ONE writer thread (group commit), reads use a pool.

    ``fn`` passed to ``write``/``read`` receives a Session and must return plain values or
    frozen dataclasses, never ORM objects (they are detached and useless after the call).
    """

    def __init__(self, url: str, writer: Engine, reader: Engine, target: str,
                 readers: int, max_batch: int) -> None:
        self.url = url
        self._writer_engine = writer
        self._reader_engine = reader
        self._target = target
        self._max_batch = max_batch
        # One shared in-memory connection cannot hold two transactions at once: there, reads
        # queue behind writes on the writer thread.
        self._reads_via_writer = writer is reader
        self._queue: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._closed = False
        self._readers = concurrent.futures.ThreadPoolExecutor(
            max_workers=readers, thread_name_prefix="whatdesk-db-reader")
        self._writer = threading.Thread(target=self._writer_loop, name="whatdesk-db-writer",
                                         daemon=True)
        self._writer.start()

    # ---- opening ----------------------------------------------------------------------

    @classmethod
    def open(cls, url: str, *, busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS,
             readers: int = 2, max_batch: int = DEFAULT_MAX_BATCH) -> Database:
        """Open (creating if needed) and upgrade the database to the newest schema.

        Raises StoreError with a readable message when the file is locked, corrupt, not a
        whatdesk database, from a newer whatdesk, or its folder is not writable. A file that
        cannot be opened is never modified.
        """
        try:
            parsed = make_url(url)
        except (SQLAlchemyError, ValueError, TypeError) as exc:
            # never echo the URL: it may hold a password
            raise StoreError("Endereço de banco de dados inválido.",
                             en="Invalid database URL.") from exc
        try:
            return cls._open_parsed(url, parsed, busy_timeout_ms, readers, max_batch)
        except StoreError:
            raise
        except (SQLAlchemyError, ImportError) as exc:
            raise StoreError(f"Não foi possível abrir o banco de dados "
                             f"{_where(parsed.render_as_string(hide_password=True))}: {exc}"
                             ) from exc

    @classmethod
    def _open_parsed(cls, url: str, parsed: URL, busy_timeout_ms: int, readers: int,
                     max_batch: int) -> Database:
        is_sqlite = parsed.get_backend_name() == "sqlite"
        # hide_parameters: SQLAlchemy's error text would otherwise quote the bound values
        # (message bodies, phone numbers, push names) into every log line and error box.
        if is_sqlite:
            path = _check_sqlite_path(parsed)
            target = str(path) if path else ":memory:"
            if path is None:
                # One shared in-memory database for every thread (tests, `flow run`).
                from sqlalchemy.pool import StaticPool
                writer = create_engine(url, poolclass=StaticPool, hide_parameters=True,
                                       connect_args={"check_same_thread": False})
                _install_sqlite_hooks(writer, busy_timeout_ms, begin="BEGIN IMMEDIATE")
                reader = writer
            else:
                args = {"check_same_thread": False, "timeout": busy_timeout_ms / 1000}
                writer = create_engine(url, pool_size=1, max_overflow=0, connect_args=args,
                                       hide_parameters=True)
                reader = create_engine(url, pool_size=readers, max_overflow=2, connect_args=args,
                                       hide_parameters=True)
                _install_sqlite_hooks(writer, busy_timeout_ms, begin="BEGIN IMMEDIATE")
                _install_sqlite_hooks(reader, busy_timeout_ms, begin="BEGIN")
        else:
            target = parsed.render_as_string(hide_password=True)
            writer = create_engine(url, pool_size=1, max_overflow=0, pool_pre_ping=True,
                                   hide_parameters=True)
            reader = create_engine(url, pool_size=readers, max_overflow=2, pool_pre_ping=True,
                                   hide_parameters=True)
        try:
            _prepare_and_upgrade(writer, target, is_sqlite)
        except BaseException:
            writer.dispose()
            reader.dispose()
            raise
        return cls(url, writer, reader, target, readers, max_batch)

    # ---- writing ----------------------------------------------------------------------

    async def write(self, fn: Callable[[Session], T]) -> T:
        """Run ``fn(session)`` on the writer thread; return its result once COMMITTED."""
        loop = asyncio.get_running_loop()
        fut: asyncio.Future[T] = loop.create_future()
        self._submit(_Job(fn, loop=loop, future=fut))
        return await fut

    def write_sync(self, fn: Callable[[Session], T]) -> T:
        """Blocking variant of write() for the CLI, bootstrap code and tests."""
        if threading.current_thread() is self._writer:
            raise RuntimeError("write_sync called from inside a write: it would wait forever")
        fut: concurrent.futures.Future[T] = concurrent.futures.Future()
        self._submit(_Job(fn, sync_future=fut))
        return fut.result()

    async def maintain(self, fn: Callable[[Connection], T]) -> T:
        """Run ``fn(connection)`` on the writer thread between transactions, with none open
        (VACUUM, WAL checkpoints): writes queued before it are committed first."""
        loop = asyncio.get_running_loop()
        fut: asyncio.Future[T] = loop.create_future()
        self._submit(_Job(fn, loop=loop, future=fut, outside_tx=True))  # type: ignore[arg-type]
        return await fut

    def maintain_sync(self, fn: Callable[[Connection], T]) -> T:
        if threading.current_thread() is self._writer:
            raise RuntimeError("maintain_sync called from inside a write: it would wait forever")
        fut: concurrent.futures.Future[T] = concurrent.futures.Future()
        self._submit(_Job(fn, sync_future=fut, outside_tx=True))  # type: ignore[arg-type]
        return fut.result()

    def _submit(self, job: _Job) -> None:
        with self._lock:
            if self._closed:
                raise StoreError(f"O banco de dados {_where(self._target)} já foi fechado.")
            self._queue.put(job)

    def _writer_loop(self) -> None:
        stop = False
        while not stop:
            first = self._queue.get()
            if first is _STOP:
                break
            batch = [first]
            while len(batch) < self._max_batch:
                try:
                    nxt = self._queue.get_nowait()
                except queue.Empty:
                    break
                if nxt is _STOP:
                    stop = True
                    break
                batch.append(nxt)
            try:
                self._run_batch(batch)
            except BaseException as exc:  # never let the writer die with callers waiting
                log.exception("writer batch failed")
                for job in batch:
                    if not job.ok and job.error is None:
                        job.error = store_error(exc, self._target)
            self._resolve(batch)

    def _run_batch(self, batch: list[_Job]) -> None:
        segment: list[_Job] = []
        for job in [*batch, None]:
            if job is not None and not job.outside_tx:
                segment.append(job)
                continue
            pending, segment = segment, []
            while pending:
                pending = self._run_transaction(pending)
            if job is not None:
                self._run_outside_transaction(job)

    def _run_outside_transaction(self, job: _Job) -> None:
        try:
            with self._writer_engine.connect() as conn:
                conn = conn.execution_options(isolation_level="AUTOCOMMIT") \
                    if conn.dialect.name != "sqlite" else conn
                job.value = _checked(job.fn(conn))  # type: ignore[arg-type]
            job.ok = True
        except BaseException as exc:
            job.error = _caller_error(exc, self._target)

    def _run_transaction(self, jobs: list[_Job]) -> list[_Job]:
        """Run ``jobs`` in ONE transaction, each inside its own SAVEPOINT, then COMMIT once.

        Returns the jobs to run again in a fresh transaction: when a failing ORM flush
        made SQLAlchemy roll the whole transaction back (the jobs that had succeeded, and
        those not yet run), and jobs that lost a deadlock or serialization conflict to
        another desktop (PostgreSQL; up to MAX_CONFLICT_RETRIES times each). Every other
        failure is rolled back to its savepoint alone.
        """
        session = Session(self._writer_engine, expire_on_commit=False)
        done: list[_Job] = []
        again: list[_Job] = []
        try:
            try:
                session.begin()
                conn = session.connection()
                # SQLite: savepoints go straight to the driver (cheap); elsewhere through Core.
                raw = driver_of(conn) if conn.dialect.name == "sqlite" else None

                def run_sql(sql: str) -> None:
                    if raw is not None:
                        raw.execute(sql)
                    else:
                        conn.exec_driver_sql(sql)

                alone = len(jobs) == 1
                for index, job in enumerate(jobs):
                    name = f"wd_job_{index}"
                    if not alone:
                        run_sql(f"SAVEPOINT {name}")
                    try:
                        value = _checked(job.fn(session))
                        session.flush()
                    except BaseException as exc:
                        job.error = _caller_error(exc, self._target)
                        conflict = _is_conflict(exc) and _retry_later(job)
                        if alone:
                            session.rollback()
                            return _backoff([job]) if conflict else []
                        tx = session.get_transaction()
                        if tx is None or not tx.is_active:
                            session.rollback()
                            return done + ([job] if conflict else []) + jobs[index + 1:]
                        # The savepoint releases what this job locked, so the transaction it
                        # collided with can go on; the job itself runs again after COMMIT.
                        run_sql(f"ROLLBACK TO SAVEPOINT {name}")
                        run_sql(f"RELEASE SAVEPOINT {name}")
                        session.expunge_all()
                        if conflict:
                            again.append(job)
                        continue
                    if not alone:
                        run_sql(f"RELEASE SAVEPOINT {name}")
                    job.value = value
                    done.append(job)
                session.commit()
            except BaseException as exc:
                # BEGIN or COMMIT failed (locked, disk full...): nothing of this transaction
                # is stored, and every caller in it is told so.
                err = store_error(exc, self._target)
                try:
                    session.rollback()
                except BaseException:
                    log.debug("rollback after failed commit also failed", exc_info=True)
                conflict = _is_conflict(exc)
                rerun: list[_Job] = []
                for job in jobs:
                    if job.error is None and conflict and _retry_later(job):
                        rerun.append(job)
                    elif job.error is None:
                        job.error = err
                return _backoff(rerun)
            for job in done:
                job.ok = True
                job.error = None
            return _backoff(again)
        finally:
            session.close()

    def _resolve(self, batch: list[_Job]) -> None:
        by_loop: dict[asyncio.AbstractEventLoop, list[_Job]] = {}
        for job in batch:
            if job.sync_future is not None:
                if job.error is not None:
                    job.sync_future.set_exception(job.error)
                else:
                    job.sync_future.set_result(job.value)
            elif job.loop is not None:
                by_loop.setdefault(job.loop, []).append(job)
        for loop, jobs in by_loop.items():
            try:
                loop.call_soon_threadsafe(_settle, jobs)
            except RuntimeError:  # the caller's loop is closed: nobody is waiting any more
                pass

    # ---- reading ----------------------------------------------------------------------

    async def read(self, fn: Callable[[Session], T]) -> T:
        """Run ``fn(session)`` on a reader thread (sees only committed data)."""
        if self._closed:
            raise StoreError(f"O banco de dados {_where(self._target)} já foi fechado.")
        if self._reads_via_writer:
            return await self.write(fn)
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._readers, self._run_read, fn)

    def read_sync(self, fn: Callable[[Session], T]) -> T:
        if self._closed:
            raise StoreError(f"O banco de dados {_where(self._target)} já foi fechado.")
        if self._reads_via_writer:
            return self.write_sync(fn)
        return self._run_read(fn)

    def _run_read(self, fn: Callable[[Session], T]) -> T:
        try:
            with Session(self._reader_engine, expire_on_commit=False) as session:
                with session.begin():
                    return _checked(fn(session))
        except BaseException as exc:
            raise _caller_error(exc, self._target) from exc

    # ---- closing ----------------------------------------------------------------------

    def close(self) -> None:
        """Finish every queued write, then release the file. Safe to call twice."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            self._queue.put(_STOP)
        if threading.current_thread() is not self._writer:
            self._writer.join()
        self._readers.shutdown(wait=True)
        if self._writer_engine.dialect.name == "sqlite" and self._target != ":memory:":
            try:  # fold the WAL back into the main file so a copied .db is complete
                raw = self._writer_engine.raw_connection()
                try:
                    driver = raw.driver_connection
                    if driver is not None:  # None only once the pool has let it go
                        driver.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                finally:
                    raw.close()
            except (SQLAlchemyError, sqlite3.Error):
                log.warning("WAL checkpoint at close failed", exc_info=True)
        self._writer_engine.dispose()
        self._reader_engine.dispose()

    @property
    def closed(self) -> bool:
        return self._closed

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _backoff(jobs: list[_Job]) -> list[_Job]:
    """Wait a little (random, growing) before running conflicting jobs again, so two
    desktops that just deadlocked do not collide the same way at once."""
    if jobs:
        time.sleep(random.uniform(0.002, 0.02) * max(job.conflicts for job in jobs))
    return jobs


def _checked(value: T) -> T:
    """Catch the two mistakes a caller can make with fn at once, with a clear message."""
    if asyncio.iscoroutine(value):
        value.close()
        raise TypeError("db.write/db.read take a plain function, not an async one")
    if isinstance(value, Base):
        raise TypeError(f"{type(value).__name__} is an ORM object; return a dataclass or "
                        "plain values from db.write/db.read")
    return value


def _caller_error(exc: BaseException, target: str) -> BaseException:
    """Errors of our own (ConflictError, NotFound, ...) pass as they are; SQL errors become
    StoreError, so nothing above store/ ever sees a SQLAlchemy or driver type (SQLite's
    fast path, Prepared, raises the driver's own errors)."""
    if isinstance(exc, (SQLAlchemyError, sqlite3.Error)):
        return store_error(exc, target)
    return exc


# ---- opening helpers ------------------------------------------------------------------

def _check_sqlite_path(parsed: URL) -> Path | None:
    database = parsed.database or ""
    if database in ("", ":memory:") or database.startswith("file::memory:"):
        return None
    path = Path(database)
    where = _where(str(path))
    if path.is_dir():
        raise StoreError(f"{where} é uma pasta, não um arquivo de banco de dados.")
    if path.exists():
        try:
            with path.open("rb") as fh:
                header = fh.read(len(SQLITE_HEADER))
        except OSError as exc:
            raise StoreError(f"Não foi possível ler o banco de dados {where}: "
                             f"{exc.strerror or exc}") from exc
        if header and header != SQLITE_HEADER:
            raise StoreError(f"O arquivo {where} não é um banco de dados válido do whatdesk "
                             "ou está corrompido. Ele não foi alterado: restaure um backup "
                             "ou escolha outra pasta de dados.")
        if not os.access(path, os.W_OK):
            raise StoreError(f"Não foi possível gravar no banco de dados {where}: o arquivo "
                             "é somente leitura. Verifique as permissões.")
    parent = path.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"Não foi possível criar a pasta do banco de dados {where}: "
                         f"{exc.strerror or exc}.") from exc
    if not os.access(parent, os.W_OK | os.X_OK):
        raise StoreError(f"Não foi possível gravar no banco de dados {where}: a pasta "
                         f"“{parent}” não permite escrita. Verifique as permissões ou "
                         "escolha outra pasta de dados.")
    return path


def _install_sqlite_hooks(engine: Engine, busy_timeout_ms: int, begin: str) -> None:
    # SQLite-only: pysqlite's own transaction handling breaks SAVEPOINT, so we turn it off
    # and emit BEGIN ourselves (the SQLAlchemy-documented recipe). The writer uses
    # BEGIN IMMEDIATE: it takes the write lock up front instead of failing mid-transaction.
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        try:
            cur.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
            cur.execute("PRAGMA foreign_keys = ON")
            cur.execute("PRAGMA synchronous = NORMAL")
        finally:
            cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        conn.exec_driver_sql(begin)


def _prepare_and_upgrade(engine: Engine, target: str, is_sqlite: bool) -> None:
    try:
        with engine.connect() as conn:
            if is_sqlite:
                # Reading the schema first fails cleanly on a corrupt file, before any write.
                conn.exec_driver_sql("SELECT count(*) FROM sqlite_master").scalar()
                conn.commit()
            with _UPGRADE_LOCK:
                if is_sqlite:
                    _check_ours_and_upgrade(conn, target, is_sqlite)
                    return
                # Several desktops may start at once against one server: one at a time
                # checks the version and upgrades; the others then find it up to date.
                conn.exec_driver_sql(f"SELECT pg_advisory_lock({_PG_UPGRADE_LOCK_KEY})")
                conn.commit()
                try:
                    _check_ours_and_upgrade(conn, target, is_sqlite)
                finally:
                    try:
                        conn.rollback()
                        conn.exec_driver_sql(
                            f"SELECT pg_advisory_unlock({_PG_UPGRADE_LOCK_KEY})")
                        conn.commit()
                    except SQLAlchemyError:
                        # Closing the connection releases the lock too; never hand a pooled
                        # connection that still holds it to the writer.
                        log.warning("advisory unlock failed; dropping the connection",
                                    exc_info=True)
                        conn.invalidate()
    except StoreError:
        raise
    except (SQLAlchemyError, sqlite3.Error, OSError) as exc:
        raise store_error(exc, target) from exc


def _check_ours_and_upgrade(conn: Connection, target: str, is_sqlite: bool) -> None:
    tables = set(inspect(conn).get_table_names())
    conn.commit()
    where = _where(target)
    if tables and "alembic_version" not in tables:
        raise StoreError(f"O arquivo {where} é um banco de dados de outro programa, não do "
                         "whatdesk. Ele não foi alterado: escolha outra pasta de dados.")
    current = MigrationContext.configure(conn).get_current_revision()
    conn.commit()
    script = ScriptDirectory.from_config(alembic_config())
    head = script.get_current_head()
    if current is not None and current != head:
        known = {rev.revision for rev in script.walk_revisions()}
        if current not in known:
            raise StoreError(f"O banco de dados {where} foi criado por uma versão mais nova "
                             "do whatdesk (esquema {current}). Atualize o whatdesk para "
                             "abri-lo; nada foi alterado.".replace("{current}", current))
    if is_sqlite and target != ":memory:":
        # Only now that the file is known to be ours (WAL rewrites its header). Readers
        # never block the writer, and the mode persists in the file.
        mode = driver_of(conn).execute("PRAGMA journal_mode = WAL").fetchone()
        if not mode or str(mode[0]).lower() != "wal":
            log.warning("SQLite refused WAL mode for %s (got %s)", target, mode)
    if current == head:
        return
    if is_sqlite and current is not None and target != ":memory:":
        _backup_before_upgrade(conn, Path(target), current)
    if is_sqlite:
        # Batch migrations rebuild tables (copy, drop, rename). With foreign keys ON the DROP
        # would cascade-delete child rows, so they are off for the upgrade and checked after.
        _raw_pragma(conn, "PRAGMA foreign_keys = OFF")
    try:
        command.upgrade(alembic_config(connection=conn), "head")
        conn.commit()
        if is_sqlite:
            broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            conn.commit()
            if broken:
                log.warning("foreign key problems after upgrade of %s: %s", target, broken[:5])
    finally:
        if is_sqlite:
            conn.rollback()
            _raw_pragma(conn, "PRAGMA foreign_keys = ON")


def _backup_before_upgrade(conn: Connection, path: Path, current: str) -> None:
    """Copy the database aside before changing its schema (upgrades are transactional, but
    a copy is what a user can restore by hand)."""
    backup = path.with_name(f"{path.name}.antes-da-atualizacao-{current}.bak")
    raw = driver_of(conn)
    try:
        dest = sqlite3.connect(backup)
        try:
            raw.backup(dest)
        finally:
            dest.close()
    except (sqlite3.Error, OSError) as exc:
        raise StoreError(f"Não foi possível copiar o banco de dados {_where(str(path))} para "
                         f"“{backup}” antes de atualizá-lo; nada foi alterado. "
                         f"({exc})") from exc


def _raw_pragma(conn: Connection, sql: str) -> None:
    # Some PRAGMAs are ignored inside a transaction; the driver connection is in autocommit
    # mode between our explicit BEGINs, so run them there.
    driver_of(conn).execute(sql)

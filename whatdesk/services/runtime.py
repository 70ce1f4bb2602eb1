"""The running app without a window: database, bus, media, supervisors, senders, flows and
the services the UI and the CLI call (it assembles the engine, so it lives above it)."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import re
import sqlite3
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from whatdesk.domain.clock import Clock, SystemClock
from whatdesk.domain.enums import ConnectionStatus
from whatdesk.domain.errors import ChannelError, NotFound, SessionLocked, WhatdeskError
from whatdesk.domain.reasons import Reason
from whatdesk.engine.backoff import Backoff
from whatdesk.engine.bus import EventBus
from whatdesk.engine.events import ConnectionStatusChanged, ErrorRaised
from whatdesk.engine.flow_runner import FlowRunner
from whatdesk.engine.inbound import InboundPipeline
from whatdesk.engine.media import MediaStore
from whatdesk.engine.outbound import OutboundSender
from whatdesk.engine.supervisor import ConnectionSupervisor
from whatdesk.flows.media import FOLDER_NAME as FLOW_MEDIA_FOLDER
from whatdesk.paths import inbound_journal_path, prepare_data_dir
from whatdesk.secrets.vault import SessionKind, SessionVault
from whatdesk.store import Database, list_connections, sqlite_url

from .agents import AgentService
from .audit import SYSTEM, Actor, AuditService
from .avatars import AvatarService
from .backup.lock import DataDirLock
from .backup.service import BackupService
from .chat import ChatService
from .connections import ConnectionService
from .contacts import ContactService
from .directory import QueueService, TagService
from .drafts import DraftService
from .flows import FlowService
from .inbox import InboxService
from .messages import MessageService
from .notices import NoticeService
from .privacy import PrivacyService
from .quick_replies import QuickReplyService
from .search import SearchService
from .tickets import TicketService

if TYPE_CHECKING:
    from whatdesk.channels.base import Channel
    from whatdesk.channels.sandbox import SandboxNetwork

log = logging.getLogger(__name__)

# neonize keeps one executor thread per connected account for its whole life; the default
# executor (min(32, cpus + 4) threads, 10 under qasync) would starve everything else.
EXECUTOR_THREADS = 64


@dataclass
class ConnectionHandle:
    """The live parts of one connection."""

    connection_id: int
    channel: Channel
    supervisor: ConnectionSupervisor
    sender: OutboundSender


# The app is one long-running process holding many small, long-lived objects (modules, the
# ORM metadata, compiled statements, caches) and allocating many short-lived ones per
# message. The default thresholds make the collector re-walk the long-lived heap over and
# over; a larger young generation and the start-up heap frozen out of collection cut that.
GC_GEN0_THRESHOLD = 20_000
_gc_tuned = False


def tune_gc() -> None:
    """Once per process, after the imports of start-up: freeze what exists, raise gen 0."""
    global _gc_tuned
    if _gc_tuned:
        return
    _gc_tuned = True
    gc.collect()
    gc.freeze()
    _, gen1, gen2 = gc.get_threshold()
    gc.set_threshold(GC_GEN0_THRESHOLD, gen1, gen2)


class Runtime:
    """Assembles the engine and the services; ``start()`` connects, ``close()`` stops every client.

    Services (``runtime.connections``, ``runtime.messages``, ``runtime.tickets``) are what the
    UI and the CLI call; the bus (``runtime.bus``) is what they listen to.
    """

    def __init__(self, data_dir: Path, db: Any, clock: Clock,
                 sandbox: SandboxNetwork | None = None, *, sandbox_auto_link: bool = False,
                 vault: SessionVault | None = None) -> None:
        self.data_dir = Path(data_dir).resolve()
        # The app always passes the user's choice (whatdesk.secrets.keys.resolve_key); the
        # plain default is for tests and tools that never hold a real session.
        self.vault = vault or SessionVault.unencrypted(self.data_dir)
        self.db = db
        self.clock = clock
        self.sandbox = sandbox
        self.sandbox_auto_link = sandbox_auto_link  # demo: sandbox accounts link without a QR
        self.bus = EventBus()
        self.media = MediaStore(self.data_dir / "media")
        self.pipeline = InboundPipeline(db, self.bus, self.media)
        self.flow_runner = FlowRunner(db, self.bus, clock, self._handle_or_none,
                                      media_root=self.data_dir / FLOW_MEDIA_FOLDER)
        self.pipeline.on_message_committed.append(self.flow_runner.on_message_committed)
        self.pipeline.new_ticket_status_for = self.flow_runner.new_ticket_status
        self.pipeline.on_store_failing.append(self._halt_for_store)
        self.pipeline.on_store_recovered.append(self._resume_after_store)
        self._background: set[asyncio.Task[None]] = set()
        self.client_lock = asyncio.Lock()  # Go-side maps have no locks: one client op at a time
        self.backoff_factory = Backoff  # tests swap in a seeded one for repeatable delays
        self._handles: dict[int, ConnectionHandle] = {}
        self._sessions: dict[int, tuple[str, SessionKind]] = {}  # connection -> vault name
        self.bus.subscribe(ConnectionStatusChanged, self._seal_after_status)
        self._started = False
        self._closed = False
        # Who acts through this process, for the audit log: the window sets its signed-in
        # agent, a terminal command "cli"; background jobs say "system" themselves.
        self.actor: Actor = SYSTEM

        # Services sit above the engine; they are created here only so there is one object
        # to hand to the UI. They receive the runtime, the engine never calls into them.
        self.connections: ConnectionService = ConnectionService(self)
        self.messages: MessageService = MessageService(self)
        self.tickets: TicketService = TicketService(self)
        self.flows: FlowService = FlowService(self)
        self.agents: AgentService = AgentService(self)
        self.inbox: InboxService = InboxService(self)
        self.queues: QueueService = QueueService(self)
        self.tags: TagService = TagService(self)
        self.quick_replies: QuickReplyService = QuickReplyService(self)
        self.contacts: ContactService = ContactService(self)
        self.search: SearchService = SearchService(self)
        self.notices: NoticeService = NoticeService(self)
        self.chat: ChatService = ChatService(self)
        self.audit: AuditService = AuditService(self)
        self.privacy: PrivacyService = PrivacyService(self)
        self.backups: BackupService = BackupService(self)
        self._dir_lock: DataDirLock | None = None
        self.drafts: DraftService = DraftService(self)
        self.avatars: AvatarService = AvatarService(self)
        # A connection back online is told the blocks made while it was not.
        self.bus.subscribe(ConnectionStatusChanged, self._on_connection_status)

    @classmethod
    def open(
        cls,
        data_dir: Path,
        database_url: str | None = None,
        clock: Clock | None = None,
        sandbox: SandboxNetwork | None = None,
        *,
        sandbox_auto_link: bool = False,
        vault: SessionVault | None = None,
    ) -> Runtime:
        """Open (and migrate) the database in ``data_dir``; nothing connects until start()."""
        from .backup import apply_pending_restore

        try:  # a restore chosen in the last session; its outcome is kept in the settings
            apply_pending_restore(Path(data_dir), database_url)
        except WhatdeskError as exc:
            log.error("the staged restore was not applied: %s", exc.message("en"))
        data_dir = prepare_data_dir(Path(data_dir))  # DataDirError when it is not writable
        lock = DataDirLock(data_dir)  # shared: a restore waits until every user is gone
        lock.acquire(exclusive=False)
        try:
            db = Database.open(database_url or sqlite_url(data_dir / "whatdesk.db"))
        except BaseException:
            lock.release()
            raise
        runtime = cls(data_dir, db, clock or SystemClock(), sandbox,
                      sandbox_auto_link=sandbox_auto_link, vault=vault)
        runtime._dir_lock = lock
        return runtime

    # ---- lifecycle ----------------------------------------------------------------------

    async def start(self) -> None:
        """Build every connection's parts and start those the user did not disconnect."""
        if self._started:
            return
        self._started = True
        loop = asyncio.get_running_loop()
        loop.set_default_executor(ThreadPoolExecutor(EXECUTOR_THREADS, thread_name_prefix="whatdesk"))
        try:  # before any connection delivers a message: flows and waiting runs are loaded
            await self.flow_runner.start()
        except Exception as exc:  # the inbox must work even if flows cannot start
            log.exception("the flow runner did not start")
            self.bus.publish(ErrorRaised(f"Os fluxos de chatbot não puderam ser iniciados: {exc}"))
        self._spawn(self.privacy.retention_loop())  # daily; does nothing while the policy is off
        self.backups.start_scheduler()
        if self.vault.encrypted:
            self._spawn(self._seal_periodically())
        rows = await self.db.read(list_connections)
        for row in rows:
            try:
                handle = self.attach(row)
            except Exception as exc:  # one broken transport must not keep the others down
                log.exception("connection %s cannot be loaded", row.id)
                self.bus.publish(ErrorRaised(
                    f"A conexão “{row.name}” não pôde ser carregada: {exc}", row.id))
                continue
            if not row.user_disconnected:
                try:
                    if self.sandbox_auto_link and row.channel == "sandbox":
                        await handle.supervisor.start()  # links by itself, no user needed
                    else:
                        await handle.supervisor.resume()  # never-linked ones wait for the user
                except WhatdeskError as exc:
                    log.error("connection %s did not start: %s", row.id, exc)

    async def close(self) -> None:
        """Stop every client (before the loop closes, or the app hangs), flush, close the db."""
        if self._closed:
            return
        self._closed = True
        for cid in list(self._handles):
            await self.detach(cid)
        # every client is stopped: seal what is still open (detach sealed the rest)
        await asyncio.to_thread(self.vault.close_all)
        with contextlib.suppress(Exception):
            await self.pipeline.close()  # unsaved messages stay in the journals
        for task in list(self._background):
            task.cancel()
        with contextlib.suppress(Exception):
            await self.avatars.close()
        with contextlib.suppress(Exception):
            await self.flow_runner.close()
        await self.backups.stop_scheduler()
        self.db.close()
        if self._dir_lock is not None:
            self._dir_lock.release()

    @property
    def started(self) -> bool:
        return self._started

    async def drain(self) -> None:
        """Wait until every channel event received so far is handled and committed."""
        for handle in list(self._handles.values()):
            await handle.supervisor.drain()
        await self.pipeline.drain()
        await self.flow_runner.drain()
        await self.avatars.drain()

    # ---- connections --------------------------------------------------------------------

    def attach(self, row: Any) -> ConnectionHandle:
        """Create the channel, sender and supervisor of a connection (does not connect)."""
        existing = self._handles.get(row.id)
        if existing is not None:
            return existing
        channel = self.make_channel(row)
        sender = OutboundSender(row.id, channel, self.db, self.bus, self.clock,
                                rate_per_contact_per_min=row.rate_per_contact_per_min,
                                min_gap_ms=row.min_gap_ms)
        cid = row.id
        supervisor = ConnectionSupervisor(row.id, channel, self.db, self.bus, self.clock,
                                          self.pipeline, sender, self.backoff_factory(),
                                          client_lock=self.client_lock,
                                          session_gate=lambda: self.open_session(cid))
        sender.start()
        handle = ConnectionHandle(row.id, channel, supervisor, sender)
        self._handles[row.id] = handle
        return handle

    async def detach(self, connection_id: int) -> None:
        """Stop the client and forget its parts (the session stays on disk)."""
        handle = self._handles.pop(connection_id, None)
        if handle is None:
            return
        await handle.supervisor.close()
        await handle.sender.close()
        session = self._sessions.get(connection_id)
        if session is not None:  # the client is stopped: seal its session now
            try:
                await asyncio.to_thread(self.vault.close, session[0])
            except Exception:
                log.exception("connection %s: session not sealed; its working copy is kept",
                              connection_id)

    def _halt_for_store(self, connection_id: int, reason: str) -> None:
        handle = self._handles.get(connection_id)
        if handle is not None and not self._closed:
            self._spawn(handle.supervisor.halt_for_store(reason))

    def _resume_after_store(self, connection_id: int) -> None:
        handle = self._handles.get(connection_id)
        if handle is not None and not self._closed:
            self._spawn(handle.supervisor.resume_after_store())

    def _on_connection_status(self, event: ConnectionStatusChanged) -> None:
        if event.status is ConnectionStatus.CONNECTED and not self._closed:
            self._spawn(self.contacts.apply_pending_blocks(event.connection_id))

    def _spawn(self, coro: Any) -> None:
        task = asyncio.get_running_loop().create_task(coro)
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    async def compact_inbound_journals(self) -> None:
        """Rewrite every inbound journal with only what is not committed yet: an erased
        contact's raw events must not outlive their rows (LGPD)."""
        folder = self.data_dir / "inbound"
        open_journals = {}
        for handle in self._handles.values():
            journal = getattr(handle.channel, "journal", None)
            if journal is not None:
                open_journals[Path(journal.path).resolve()] = journal

        def compact() -> None:
            paths = sorted(folder.glob("*.journal")) if folder.is_dir() else []
            if not paths and not open_journals:
                return  # no neonize connection ever received anything here
            from whatdesk.channels.neonize.journal import compact_journal_file

            for path in {*(p.resolve() for p in paths), *open_journals}:
                try:
                    journal = open_journals.get(path)
                    if journal is not None:
                        journal.compact()
                    elif path.exists():
                        compact_journal_file(path)
                except OSError as exc:
                    log.warning("inbound journal %s could not be compacted: %s", path.name,
                                exc.strerror or exc)

        await asyncio.get_running_loop().run_in_executor(None, compact)

    def handle(self, connection_id: int) -> ConnectionHandle:
        try:
            return self._handles[connection_id]
        except KeyError:
            raise NotFound(f"Conexão {connection_id} não encontrada") from None

    def _handle_or_none(self, connection_id: int) -> ConnectionHandle | None:
        return self._handles.get(connection_id)

    def has_handle(self, connection_id: int) -> bool:
        return connection_id in self._handles

    async def forget_session(self, row: Any) -> None:
        """Delete a connection's stored session (also when its client is not loaded)."""
        handle = self._handles.get(row.id)
        if handle is not None:
            await handle.supervisor.forget_session()
        else:
            await self.make_channel(row).forget_session()
        name, kind = self.session_of(row)
        await asyncio.to_thread(self.vault.remove, name, kind)

    # ---- session vault ------------------------------------------------------------------

    def session_of(self, row: Any) -> tuple[str, SessionKind]:
        """The vault name and kind of a connection's session."""
        name = session_name(row)
        if row.channel == "sandbox":
            return f"sandbox-{name}", SessionKind.FOLDER
        return name, SessionKind.SQLITE

    async def open_session(self, connection_id: int) -> None:
        """Decrypt a connection's session into its working copy (before the client starts).
        Raises SessionLocked when this key cannot open it."""
        name, kind = self._sessions[connection_id]
        try:
            await asyncio.to_thread(self.vault.open, name, kind)
        except SessionLocked:
            raise
        except (OSError, sqlite3.Error) as exc:
            raise ChannelError(f"Não foi possível abrir a sessão da conexão: {exc}",
                               reason=Reason.CANNOT_SAVE) from exc

    async def seal_session(self, connection_id: int) -> None:
        session = self._sessions.get(connection_id)
        if session is None or not self.vault.encrypted:
            return
        try:
            await asyncio.to_thread(self.vault.seal, session[0])
        except (OSError, sqlite3.Error, WhatdeskError) as exc:
            log.error("connection %s: session not sealed: %s", connection_id, exc)

    def _seal_after_status(self, event: ConnectionStatusChanged) -> None:
        # after pairing (the new device keys), on connect, and after a log-out (the sealed
        # copy of an unlinked session goes too)
        if self._closed or not self.vault.encrypted:
            return
        if (event.status in (ConnectionStatus.CONNECTED, ConnectionStatus.LOGGED_OUT)
                or event.reason is Reason.PAIRED):
            self._spawn(self.seal_session(event.connection_id))

    async def _seal_periodically(self) -> None:
        while not self._closed:
            await asyncio.sleep(self.vault.seal_interval_s)
            try:
                await asyncio.to_thread(self.vault.seal_all)
            except Exception:  # keep sealing next time
                log.exception("periodic session sealing failed")

    def make_channel(self, row: Any) -> Channel:
        """The channel factory: ConnectionRow.channel picks the transport. Its session path is
        the vault's working copy (open_session() fills it before the client starts)."""
        if row.channel not in ("neonize", "sandbox"):
            raise WhatdeskError(f"Tipo de conexão desconhecido: {row.channel!r}")
        vault_name, kind = self.session_of(row)
        self._sessions[row.id] = (vault_name, kind)
        path = self.vault.working_path(vault_name, kind).resolve()
        if row.channel == "neonize":
            from whatdesk.channels.neonize import NeonizeChannel

            return NeonizeChannel(path, f"whatdesk-{row.id}",
                                  clock=self.clock,
                                  journal_path=inbound_journal_path(self.data_dir, row.id))
        if row.channel == "sandbox":
            from whatdesk.channels.sandbox import SandboxChannel, SandboxNetwork

            if self.sandbox is None:
                self.sandbox = SandboxNetwork(clock=self.clock)
            return SandboxChannel(self.sandbox, sandbox_account_phone(row.id), path,
                                  auto_link=self.sandbox_auto_link)
        raise WhatdeskError(f"Tipo de conexão desconhecido: {row.channel!r}")


_SESSION_TOKEN = re.compile(r"[0-9a-f]{16,64}")


def session_name(row: Any) -> str:
    """What a connection's session files are named after: ``<id>-<token>``, so a connection
    can never open a session another one left behind (ids can repeat across databases);
    ``<id>`` for connections made before tokens existed (migration 0003)."""
    token = row.session_token
    if token is None:
        return str(int(row.id))
    if not isinstance(token, str) or not _SESSION_TOKEN.fullmatch(token):
        # it becomes part of a file path: a restored or edited database must not steer it
        raise WhatdeskError(f"A conexão {row.id} tem um identificador de sessão inválido.")
    return f"{int(row.id)}-{token}"


def sandbox_account_phone(connection_id: int) -> str:
    """The simulated WhatsApp number of a sandbox connection (stable per connection)."""
    return f"55119{connection_id:08d}"[:13]

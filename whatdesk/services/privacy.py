"""LGPD use cases: export everything about a contact, anonymize a contact, and the
retention policy (conversations closed long ago are deleted or anonymized, daily).

Every one of them writes an audit entry (``runtime.audit``), and every erase ends with the
files: media no row refers to any more is deleted, the inbound journals drop what they
already delivered, and the database pages that held the data are rewritten (VACUUM), so
neither the database file, its -wal, the media folder nor a journal keeps the text or the
number afterwards.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import tempfile
import zipfile
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from whatdesk.domain.errors import NotFound, WhatdeskError
from whatdesk.domain.phone import normalize_phone
from whatdesk.engine.events import ContactChanged, CountsChanged, TicketChanged
from whatdesk.store import find_contact, get_contact, get_setting, set_setting
from whatdesk.store.privacy import (
    ContactExport,
    Erased,
    anonymize_contact,
    delete_conversations,
    erase_conversations,
    expired_tickets,
    export_contact,
    is_anonymized,
    scrub_freed_pages,
    unreferenced_files,
)
from whatdesk.store.rows import ContactRow

from .audit import SYSTEM, Actor

if TYPE_CHECKING:
    from .runtime import Runtime

log = logging.getLogger(__name__)

RETENTION_SETTING = "privacy.retention"
RETENTION_MODES = ("anonymize", "delete")
RETENTION_MIN_DAYS = 1
RETENTION_MAX_DAYS = 3650
RETENTION_DEFAULT_DAYS = 365
RETENTION_EVERY_S = 24 * 3600  # the job runs daily
RETENTION_FIRST_RUN_S = 60  # ... and a minute after the app starts
RETENTION_BATCH = 200  # tickets per write: the writer thread is never held for long
EXPORT_MAX_FILE_BYTES = 2 * 1024 ** 3  # a media file bigger than this is not an attachment


class ExportFailed(WhatdeskError):
    pass


@dataclass(frozen=True)
class RetentionPolicy:
    """Off by default. ``mode``: "anonymize" (content erased, counts kept) or "delete"."""

    enabled: bool = False
    days: int = RETENTION_DEFAULT_DAYS
    mode: str = "anonymize"

    @classmethod
    def from_setting(cls, value: Any) -> RetentionPolicy:
        """Whatever is stored (an older or hand-edited database): a usable policy."""
        if not isinstance(value, dict):
            return cls()
        days = value.get("days")
        mode = value.get("mode")
        return cls(
            enabled=value.get("enabled") is True,
            days=days if isinstance(days, int) and not isinstance(days, bool)
            and RETENTION_MIN_DAYS <= days <= RETENTION_MAX_DAYS else RETENTION_DEFAULT_DAYS,
            mode=mode if mode in RETENTION_MODES else "anonymize")

    def to_setting(self) -> dict[str, Any]:
        return {"enabled": self.enabled, "days": self.days, "mode": self.mode}


@dataclass(frozen=True)
class RetentionResult:
    tickets: int = 0
    messages: int = 0
    contacts: int = 0
    files: int = 0
    skipped: bool = False  # the policy is off


@dataclass(frozen=True)
class ExportResult:
    path: Path
    counts: dict[str, int] = field(default_factory=dict)
    missing_files: int = 0  # media the database names but the folder no longer has


class PrivacyService:
    def __init__(self, runtime: Runtime) -> None:
        self._rt = runtime
        self._erase_lock = asyncio.Lock()  # one erase (and its VACUUM) at a time

    # ---- finding the contact --------------------------------------------------------------

    async def find_by_phone(self, text: str) -> ContactRow:
        """The person with this number (as people type it); InvalidPhone / NotFound."""
        phone = normalize_phone(text)
        row = await self._rt.db.read(lambda s: find_contact(s, phone=phone))
        if row is None or row.is_group:
            raise NotFound(f"Nenhum contato com o número +{phone}.",
                           en=f"No contact with the number +{phone}.")
        return row

    async def get(self, contact_id: int) -> ContactRow:
        return await self._rt.db.read(lambda s: get_contact(s, contact_id))

    # ---- export ---------------------------------------------------------------------------

    async def export_contact(self, contact_id: int, target: Path | str,
                             actor: Actor | None = None) -> ExportResult:
        """Write a zip: ``contact.json`` (profile, tags, tickets with events, messages,
        notes and flow answers) and ``media/`` (the files). Nothing is left at ``target``
        when it fails."""
        data = await self._rt.db.read(lambda s: export_contact(s, contact_id))
        loop = asyncio.get_running_loop()
        path, missing = await loop.run_in_executor(None, self._write_zip, data, Path(target))
        await self._rt.audit.record("contact.export", f"contact#{contact_id}",
                                    {**data.counts, "missing_files": missing}, actor)
        return ExportResult(path, data.counts, missing)

    def _stored_file(self, stored: str) -> Path | None:
        """A path from the database, only when it is a regular file inside the data
        folder (a restored or edited database must not steer reads or deletes)."""
        root = self._rt.data_dir.resolve()
        try:
            path = (root / stored).resolve()
        except (OSError, ValueError):
            return None
        if not path.is_relative_to(root) or path == root:
            return None
        return path

    def _write_zip(self, data: ContactExport, target: Path) -> tuple[Path, int]:
        target = target.expanduser()
        if target.suffix.lower() != ".zip":
            target = target.with_name(target.name + ".zip")
        folder = target.parent.resolve()
        if not folder.is_dir():
            raise ExportFailed(f"A pasta “{folder}” não existe.",
                               en=f"The folder “{folder}” does not exist.")
        missing = 0
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".whatdesk-export-", suffix=".zip")
        os.close(fd)
        try:
            with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED,
                                 allowZip64=True) as zf:
                for stored, name in data.media.items():
                    path = self._stored_file(stored)
                    if path is None or not path.is_file() or path.is_symlink() \
                            or path.stat().st_size > EXPORT_MAX_FILE_BYTES:
                        missing += 1
                        continue
                    zf.write(path, name)
                zf.writestr("contact.json", json.dumps(
                    data.data, ensure_ascii=False, indent=2, default=str))
            os.replace(tmp, target.resolve())
        except OSError as exc:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise ExportFailed(f"Não foi possível gravar “{target}”: {exc.strerror or exc}",
                               en=f"Could not write “{target}”: {exc.strerror or exc}") from exc
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
        return target.resolve(), missing

    # ---- anonymize ------------------------------------------------------------------------

    async def anonymize_contact(self, contact_id: int, actor: Actor | None = None) -> Erased:
        """Name and number replaced, every text, flow answer and media file erased, open
        conversations closed; tickets and message rows stay for the statistics."""
        who = self._rt.audit.actor(actor)
        now = self._rt.clock.now()

        def write(s: Any) -> Erased:
            from whatdesk.store.audit import add_audit_entry

            erased = anonymize_contact(s, contact_id, actor=_event_actor(who), now=now)
            add_audit_entry(s, "contact.anonymize", actor=who.name, actor_id=who.id,
                            target=f"contact#{contact_id}", now=now, details={
                                "tickets": len(erased.ticket_ids),
                                "messages": erased.messages, "media_files": len(erased.media),
                                "closed": len(erased.closed)})
            return erased

        async with self._erase_lock:
            erased = await self._rt.db.write(write)
            await self._after_erase(erased)
        log.info("contact %s anonymized (%d tickets)", contact_id, len(erased.ticket_ids))
        return erased

    async def _after_erase(self, erased: Erased) -> None:
        for ticket_id, _before in erased.closed:
            self._rt.flow_runner.forget(ticket_id)
        await self._delete_files(erased.media)
        await self._rt.compact_inbound_journals()
        await self._rt.db.maintain(scrub_freed_pages)
        for ticket_id, before in erased.closed:
            from whatdesk.domain.enums import TicketStatus

            self._rt.bus.publish(TicketChanged(ticket_id, TicketStatus.CLOSED, before))
        for contact_id in erased.contacts:
            self._rt.bus.publish(ContactChanged(contact_id, erased.ticket_ids, False))
        if erased.closed:
            c = await self._rt.tickets.counts()
            self._rt.bus.publish(CountsChanged(c.waiting, c.unread, c.bot, c.open))

    async def _delete_files(self, stored: tuple[str, ...]) -> int:
        if not stored:
            return 0
        orphans = await self._rt.db.read(lambda s: unreferenced_files(s, stored))

        def unlink() -> int:
            gone = 0
            for name in orphans:
                path = self._stored_file(name)
                if path is None:
                    log.warning("a stored file outside the data folder was not deleted")
                    continue
                try:
                    path.unlink()
                    gone += 1
                except FileNotFoundError:
                    pass
                except OSError as exc:
                    log.warning("could not delete an erased media file: %s", exc.strerror)
            return gone

        return await asyncio.get_running_loop().run_in_executor(None, unlink)

    # ---- retention ------------------------------------------------------------------------

    async def retention(self) -> RetentionPolicy:
        return RetentionPolicy.from_setting(
            await self._rt.db.read(lambda s: get_setting(s, RETENTION_SETTING)))

    async def set_retention(self, policy: RetentionPolicy,
                            actor: Actor | None = None) -> RetentionPolicy:
        if policy.mode not in RETENTION_MODES:
            raise WhatdeskError("Escolha apagar ou anonimizar.", en="Choose delete or anonymize.")
        if not RETENTION_MIN_DAYS <= policy.days <= RETENTION_MAX_DAYS:
            raise WhatdeskError(
                f"Escolha de {RETENTION_MIN_DAYS} a {RETENTION_MAX_DAYS} dias.",
                en=f"Choose from {RETENTION_MIN_DAYS} to {RETENTION_MAX_DAYS} days.")
        await self._rt.db.write(lambda s: set_setting(s, RETENTION_SETTING, policy.to_setting()))
        await self._rt.audit.record("settings.retention", "retention", policy.to_setting(), actor)
        return policy

    async def run_retention(self) -> RetentionResult:
        """Apply the policy once (the daily job calls this); logged in the audit log when
        it changed anything."""
        policy = await self.retention()
        if not policy.enabled:
            return RetentionResult(skipped=True)
        cutoff = self._rt.clock.now() - timedelta(days=policy.days)
        total = RetentionResult()
        media: set[str] = set()
        anonymized = 0
        only_content = policy.mode == "anonymize"
        async with self._erase_lock:
            while True:
                def write(s: Any) -> Erased:
                    ids = expired_tickets(s, cutoff, limit=RETENTION_BATCH,
                                          with_content_only=only_content)
                    if policy.mode == "delete":
                        return delete_conversations(s, ids)
                    return erase_conversations(s, ids, actor="system",
                                               now=self._rt.clock.now())

                erased = await self._rt.db.write(write)
                if not erased.ticket_ids:
                    break
                media.update(erased.media)
                anonymized += len(erased.contacts)
                total = RetentionResult(total.tickets + len(erased.ticket_ids),
                                        total.messages + erased.messages, anonymized)
                for contact_id in erased.contacts:
                    self._rt.bus.publish(ContactChanged(contact_id, (), False))
                if len(erased.ticket_ids) < RETENTION_BATCH:
                    break
            if not total.tickets:
                return total
            files = await self._delete_files(tuple(sorted(media)))
            await self._rt.compact_inbound_journals()
            await self._rt.db.maintain(lambda c: scrub_freed_pages(c, block_writers=False))
        total = RetentionResult(total.tickets, total.messages, total.contacts, files)
        await self._rt.audit.record("retention.run", "retention", {
            "mode": policy.mode, "days": policy.days, "tickets": total.tickets,
            "messages": total.messages, "contacts": total.contacts, "files": total.files},
            SYSTEM)
        log.info("retention (%s after %d days): %d conversations, %d files", policy.mode,
                 policy.days, total.tickets, total.files)
        return total

    async def retention_loop(self) -> None:
        """The daily job: once shortly after start, then every day (the runtime's clock, so
        a test moves it forward). A failing run is logged and tried again the next day."""
        delay: float = RETENTION_FIRST_RUN_S
        while True:
            await self._rt.clock.sleep(delay)
            delay = RETENTION_EVERY_S
            try:
                await self.run_retention()
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("the retention job failed; it runs again tomorrow")


def _event_actor(actor: Actor) -> str:
    """The ``ticket_events.actor`` convention (agent:<id>)."""
    return f"agent:{actor.id}" if actor.id is not None else actor.name


__all__ = [
    "RETENTION_MODES",
    "RETENTION_SETTING",
    "ExportFailed",
    "ExportResult",
    "PrivacyService",
    "RetentionPolicy",
    "RetentionResult",
    "is_anonymized",
]

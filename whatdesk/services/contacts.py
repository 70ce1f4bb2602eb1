"""Contact use cases for the contact panel: read, edit in place, tags, notes, block, history."""

from __future__ import annotations

import asyncio
import dataclasses
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from whatdesk.domain.errors import ChannelError, NotFound, NotLoggedIn
from whatdesk.domain.phone import normalize_phone
from whatdesk.engine.events import ContactChanged
from whatdesk.store import (
    ContactRow,
    ContactTicketRow,
    InvalidContactField,
    MessageRow,
    TagRow,
    contact_history,
    contact_of_ticket,
    contact_tags,
    contact_ticket_ids,
    edit_contact,
    get_contact,
    list_messages,
    list_tags,
    set_setting,
    tag_contact,
    untag_contact,
)
from whatdesk.store.contact_import import ImportCounts, import_contacts
from whatdesk.store.contact_list import (
    ContactListPage,
    ContactListQuery,
    ContactListRow,
    Cursor,
    list_contacts,
    rows_for,
)
from whatdesk.store.contacts import (
    clean_contact_name,
    contact_connection_ids,
    find_contact,
    upsert_contact,
)
from whatdesk.store.directory import (
    delete_setting,
    ensure_tag,
    get_agent,
    settings_with_prefix,
)

if TYPE_CHECKING:
    from .runtime import Runtime

TAG_NAME_MAX = 80  # tags.name is VARCHAR(80)
PAST_TICKET_MESSAGES = 200  # the newest of a past ticket; the chat view has the rest
# settings key prefix: f"{PENDING_BLOCK}{connection_id}:{contact_id}" → blocked wanted,
# for a block change WhatsApp has not been told yet (the connection was offline)
PENDING_BLOCK = "pending_block:"
IMPORT_BATCH = 500  # contacts written per transaction: the writer stays free for messages
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ContactCard:
    """Everything the panel shows about the contact of a ticket, read in one go."""

    contact: ContactRow
    tags: list[TagRow]
    history: list[ContactTicketRow]  # every ticket of the contact, newest first
    ticket_id: int | None  # the ticket the panel was opened for (None: the Contacts page)


@dataclass(frozen=True)
class BlockResult:
    """What blocking (or unblocking) did."""

    contact: ContactRow
    on_whatsapp: tuple[int, ...] = ()  # connections whose WhatsApp account was told
    pending: tuple[int, ...] = ()  # offline connections: told when they connect again
    refused: tuple[str, ...] = ()  # WhatsApp's refusals (the whatdesk block holds)


def _pending_block_key(connection_id: int, contact_id: int) -> str:
    return f"{PENDING_BLOCK}{int(connection_id)}:{int(contact_id)}"


class ContactService:
    """Contacts as the contact panel edits them; blocking also reaches WhatsApp
    (``set_blocked``)."""

    def __init__(self, runtime: Runtime) -> None:
        self._rt = runtime

    async def card_for_ticket(self, ticket_id: int) -> ContactCard:
        def read(s: Any) -> ContactCard:
            contact = contact_of_ticket(s, ticket_id)  # NotFound if the ticket is gone
            return ContactCard(contact, contact_tags(s, contact.id),
                               contact_history(s, contact.id), ticket_id)

        return await self._rt.db.read(read)

    async def card_for_contact(self, contact_id: int) -> ContactCard:
        """The same card without a ticket (the Contacts page)."""
        def read(s: Any) -> ContactCard:
            contact = get_contact(s, contact_id)  # NotFound if the contact is gone
            return ContactCard(contact, contact_tags(s, contact.id),
                               contact_history(s, contact.id), None)

        return await self._rt.db.read(read)

    # ---- the Contacts page ---------------------------------------------------------------

    async def list_page(self, query: ContactListQuery, after: Cursor | None = None
                        ) -> ContactListPage:
        """One page of the contact list, as the viewer may see it (their role and queues as
        stored now, like search)."""
        return await self._rt.db.read(
            lambda s: list_contacts(s, self._as_stored(s, query), after))

    async def list_rows(self, query: ContactListQuery, contact_ids: Any
                        ) -> dict[int, ContactListRow | None]:
        ids = list(contact_ids)
        return await self._rt.db.read(lambda s: rows_for(s, self._as_stored(s, query), ids))

    @staticmethod
    def _as_stored(s: Any, query: ContactListQuery) -> ContactListQuery:
        if query.viewer is None:
            return query
        return dataclasses.replace(query, viewer=get_agent(s, query.viewer.id))

    async def add(self, name: str, phone: str) -> tuple[ContactRow, bool]:
        """Add a person by name and number (validated: InvalidPhone / InvalidContactField,
        nothing stored). A number already known is not doubled: (that contact, False)."""
        digits = normalize_phone(phone)
        clean = clean_contact_name(name)
        if not clean:
            raise InvalidContactField("name", "Dê um nome ao contato.",
                                      "Give the contact a name.")

        def write(s: Any) -> tuple[ContactRow, bool]:
            existing = find_contact(s, phone=digits)
            if existing is not None:
                return existing, False
            return upsert_contact(s, phone=digits, name=clean, now=self._rt.clock.now()), True

        row, created = await self._rt.db.write(write)
        if created:
            self._rt.bus.publish(ContactChanged(row.id, (), row.blocked))
        return row, created

    async def read_import(self, path: str) -> Any:
        """What a CSV or vCard file holds (services.contact_import.ImportPlan), read off the
        loop; nothing is written. ImportRefused when the file cannot be used at all."""
        from .contact_import import read_contacts_file

        return await asyncio.get_running_loop().run_in_executor(None, read_contacts_file, path)

    async def import_people(self, plan: Any) -> ImportCounts:
        """Write a plan from ``read_import``: new numbers added, known ones completed."""
        total = ImportCounts()
        people = list(plan.contacts)
        for start in range(0, len(people), IMPORT_BATCH):
            chunk = people[start:start + IMPORT_BATCH]
            total += await self._rt.db.write(
                lambda s, c=chunk: import_contacts(s, c, now=self._rt.clock.now()))
        log.info("contacts imported: %s added, %s completed, %s unchanged",
                 total.added, total.completed, total.unchanged)
        return total

    async def get(self, contact_id: int) -> ContactRow:
        return await self._rt.db.read(lambda s: get_contact(s, contact_id))

    async def update(self, contact_id: int, **fields: Any) -> ContactRow:
        """Edit name, email, notes, custom_fields (a whole dict) or blocked; validated in the
        store (InvalidContactField, in Portuguese and English, stores nothing)."""
        return await self._edit(contact_id, **fields)

    async def set_notes(self, contact_id: int, notes: str) -> ContactRow:
        return await self._edit(contact_id, notes=notes)

    async def set_custom_field(self, contact_id: int, key: str, value: str,
                               old_key: str | None = None) -> ContactRow:
        """Add or change one field (``old_key``: the field being renamed)."""
        def write(s: Any) -> ContactRow:
            fields = dict(get_contact(s, contact_id).custom_fields)
            if old_key is not None:
                fields.pop(old_key, None)
            fields[key] = value
            return edit_contact(s, contact_id, custom_fields=fields, now=self._rt.clock.now())

        return await self._write_and_announce(contact_id, write)

    async def remove_custom_field(self, contact_id: int, key: str) -> ContactRow:
        def write(s: Any) -> ContactRow:
            fields = dict(get_contact(s, contact_id).custom_fields)
            fields.pop(key, None)
            return edit_contact(s, contact_id, custom_fields=fields, now=self._rt.clock.now())

        return await self._write_and_announce(contact_id, write)

    async def set_blocked(self, contact_id: int, blocked: bool) -> BlockResult:
        """Block (or unblock) the contact, in whatdesk at once and on WhatsApp.

        In whatdesk: messages that still reach us are received and stored (nothing is lost)
        but raise no notification, run no flow, get no greeting and open no waiting ticket.
        On WhatsApp: every connection (account) the contact talked to blocks the number
        (neonize: update_blocklist), so they can no longer write to it. A connection that is
        offline is told when it connects again (what an agent expects from "Block"); until
        then the block holds in whatdesk only. A refusal by WhatsApp is reported and the
        whatdesk block stays."""
        row = await self._edit(contact_id, blocked=blocked)
        jid = row.jid
        if row.is_group or not jid:
            return BlockResult(row)
        told: list[int] = []
        pending: list[int] = []
        refused: list[str] = []
        for cid in await self._rt.db.read(lambda s: contact_connection_ids(s, contact_id)):
            key = _pending_block_key(cid, contact_id)
            try:
                await self._tell_whatsapp(cid, jid, blocked)
            except NotLoggedIn:
                await self._rt.db.write(lambda s, k=key: set_setting(s, k, bool(blocked)))
                pending.append(cid)
                continue
            except ChannelError as exc:
                log.warning("connection %s: WhatsApp refused the block change: %s", cid, exc)
                refused.append(str(exc))
            else:
                told.append(cid)
            await self._rt.db.write(lambda s, k=key: delete_setting(s, k))
        return BlockResult(row, tuple(told), tuple(pending), tuple(refused))

    async def apply_pending_blocks(self, connection_id: int) -> int:
        """The connection is online again: tell WhatsApp the blocks and unblocks made while
        it was not. Returns how many were applied."""
        prefix = f"{PENDING_BLOCK}{int(connection_id)}:"
        pending = await self._rt.db.read(lambda s: settings_with_prefix(s, prefix))
        applied = 0
        for key, wanted in sorted(pending.items()):
            try:
                contact_id = int(key[len(prefix):])
                contact = await self.get(contact_id)
            except (ValueError, NotFound):
                await self._rt.db.write(lambda s, k=key: delete_setting(s, k))
                continue
            if contact.blocked == bool(wanted) and contact.jid and not contact.is_group:
                try:
                    # (just connected: the sender may not have heard yet; the channel knows)
                    await self._tell_whatsapp(connection_id, contact.jid, contact.blocked,
                                              check_online=False)
                except NotLoggedIn:
                    return applied  # offline again: the next connect tries again
                except ChannelError as exc:
                    log.warning("connection %s: WhatsApp refused a pending block change: %s",
                                connection_id, exc)
                else:
                    applied += 1
            await self._rt.db.write(lambda s, k=key: delete_setting(s, k))
        return applied

    async def _tell_whatsapp(self, connection_id: int, jid: str, blocked: bool,
                             check_online: bool = True) -> None:
        """NotLoggedIn when the connection is not running or not online."""
        if not self._rt.has_handle(connection_id):
            raise NotLoggedIn("A conexão não está carregada")
        handle = self._rt.handle(connection_id)
        if check_online and not handle.sender.connected:
            raise NotLoggedIn("A conexão não está conectada")
        await handle.channel.set_blocked(jid, blocked)

    async def all_tags(self) -> list[TagRow]:
        return await self._rt.db.read(list_tags)

    async def add_tag(self, contact_id: int, name: str) -> list[TagRow]:
        """Tag the contact with ``name``, creating the tag when it is new (case ignored)."""
        if len(" ".join(name.split())) > TAG_NAME_MAX:
            raise InvalidContactField(
                "tag", f"Uma etiqueta pode ter no máximo {TAG_NAME_MAX} caracteres.",
                f"A tag can have at most {TAG_NAME_MAX} characters.")

        def write(s: Any) -> list[TagRow]:
            get_contact(s, contact_id)
            tag_contact(s, contact_id, ensure_tag(s, name).id)
            return contact_tags(s, contact_id)

        return await self._write_and_announce(contact_id, write)

    async def remove_tag(self, contact_id: int, tag_id: int) -> list[TagRow]:
        def write(s: Any) -> list[TagRow]:
            untag_contact(s, contact_id, tag_id)
            return contact_tags(s, contact_id)

        return await self._write_and_announce(contact_id, write)

    async def history(self, contact_id: int) -> list[ContactTicketRow]:
        return await self._rt.db.read(lambda s: contact_history(s, contact_id))

    async def ticket_messages(self, ticket_id: int,
                              limit: int = PAST_TICKET_MESSAGES) -> list[MessageRow]:
        """The newest messages of a (past) ticket, oldest first, to read in the panel."""
        return await self._rt.db.read(lambda s: list_messages(s, ticket_id, limit=limit))

    async def is_blocked(self, contact_id: int) -> bool:
        """For notifications: a blocked contact's messages make no sound or pop-up."""
        return (await self.get(contact_id)).blocked

    # ---- internals --------------------------------------------------------------------

    async def _edit(self, contact_id: int, **fields: Any) -> ContactRow:
        return await self._write_and_announce(
            contact_id, lambda s: edit_contact(s, contact_id, now=self._rt.clock.now(), **fields))

    async def _write_and_announce(self, contact_id: int, fn: Any) -> Any:
        def write(s: Any) -> tuple[Any, list[int], bool]:
            result = fn(s)
            return result, contact_ticket_ids(s, contact_id), get_contact(s, contact_id).blocked

        result, ticket_ids, blocked = await self._rt.db.write(write)
        self._rt.bus.publish(ContactChanged(contact_id, tuple(ticket_ids), blocked))
        return result

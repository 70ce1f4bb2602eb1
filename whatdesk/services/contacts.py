"""Contact use cases for the contact panel: read, edit in place, tags, notes, block, history."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

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
    tag_contact,
    untag_contact,
)
from whatdesk.store.directory import ensure_tag

if TYPE_CHECKING:
    from .runtime import Runtime

TAG_NAME_MAX = 80  # tags.name is VARCHAR(80)
PAST_TICKET_MESSAGES = 200  # the newest of a past ticket; the chat view has the rest


@dataclass(frozen=True)
class ContactCard:
    """Everything the panel shows about the contact of a ticket, read in one go."""

    contact: ContactRow
    tags: list[TagRow]
    history: list[ContactTicketRow]  # every ticket of the contact, newest first
    ticket_id: int  # the ticket the panel was opened for


class ContactService:
    """Blocking is whatdesk-side only (see ``set_blocked``): WhatsApp is not told."""

    def __init__(self, runtime: Runtime) -> None:
        self._rt = runtime

    async def card_for_ticket(self, ticket_id: int) -> ContactCard:
        def read(s: Any) -> ContactCard:
            contact = contact_of_ticket(s, ticket_id)  # NotFound if the ticket is gone
            return ContactCard(contact, contact_tags(s, contact.id),
                               contact_history(s, contact.id), ticket_id)

        return await self._rt.db.read(read)

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

    async def set_blocked(self, contact_id: int, blocked: bool) -> ContactRow:
        """Block in whatdesk: the contact's messages are still received and stored (nothing
        is lost, the history stays whole) but raise no notification, run no flow, get no
        greeting and open no waiting ticket (they go to the contact's last ticket, closed). WhatsApp itself is not
        told, so the customer can still write and sees nothing."""
        return await self._edit(contact_id, blocked=blocked)

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

"""What the chat view reads: pages of a ticket's messages with their quotes and reactions,
the ticket's events as system lines, media files checked to lie in the data dir."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from whatdesk.domain.enums import TicketEventKind, TicketStatus
from whatdesk.domain.errors import WhatdeskError
from whatdesk.domain.phone import normalize_phone
from whatdesk.store import ContactRow, MessageRow, TicketEventRow, get_message, get_ticket
from whatdesk.store import upsert_contact
from whatdesk.store.chat import (
    ACTION_KINDS,
    events_between,
    message_agents,
    messages_after,
    messages_around,
    messages_before,
    messages_by_wa_id,
    names_of,
    reactions_for,
)

if TYPE_CHECKING:
    from whatdesk.services.runtime import Runtime

PAGE = 40
_ACTOR = re.compile(r"^agent:(\d+)$")
_TOKEN = re.compile(r"^(agent|queue):(\d+)$")


@dataclass(frozen=True)
class QuotePreview:
    """The original a reply quotes, as shown inside the reply's bubble."""

    message_id: int | None  # None: the original is not stored (no jump)
    from_me: bool
    sender_name: str  # group sender; empty for the customer / us
    kind: str
    text: str
    filename: str | None = None


@dataclass(frozen=True)
class ChatMessage:
    row: MessageRow
    quote: QuotePreview | None = None
    reactions: tuple[tuple[str, bool], ...] = ()  # (emoji, from_me), one per person
    agent_name: str = ""  # who wrote an outgoing message or note

    @property
    def id(self) -> int:
        return self.row.id


@dataclass(frozen=True)
class SystemLine:
    """A ticket event shown inline: accepted by, transferred to, closed by, bot handed over."""

    event_id: int
    at: datetime
    kind: str  # accept | transfer | close | reopen | bot_stopped | returned | to_bot | opened
    actor_name: str  # "" for the system / the bot
    to_agent: str = ""
    to_queue: str = ""


@dataclass(frozen=True)
class ChatPage:
    messages: list[ChatMessage]
    lines: list[SystemLine] = field(default_factory=list)
    more_before: bool = False
    more_after: bool = False


class ChatService:
    """Reads for the chat pane (registered as ``runtime.chat``)."""

    def __init__(self, runtime: Runtime) -> None:
        self._rt = runtime

    async def newest(self, ticket_id: int, limit: int = PAGE) -> ChatPage:
        """The newest page, with the ticket's events from its first message on."""
        return await self._rt.db.read(lambda s: self._page(
            s, ticket_id, messages_before(s, ticket_id, None, limit + 1), limit, "before",
            newest=True))

    async def older(self, ticket_id: int, before_id: int, limit: int = PAGE) -> ChatPage:
        """The page just older than ``before_id`` and the events between it and before_id."""
        def read(s: Any) -> ChatPage:
            rows = messages_before(s, ticket_id, before_id, limit + 1)
            return self._page(s, ticket_id, rows, limit, "before",
                              end=get_message(s, before_id).created_at)
        return await self._rt.db.read(read)

    async def newer(self, ticket_id: int, after_id: int, limit: int = PAGE) -> ChatPage:
        def read(s: Any) -> ChatPage:
            rows = messages_after(s, ticket_id, after_id, limit + 1)
            more = len(rows) > limit
            rows = rows[:limit]
            start = get_message(s, after_id).created_at
            end = None if not more or not rows else rows[-1].created_at
            page = self._page(s, ticket_id, rows, limit, "none", start=start, end=end)
            return ChatPage(page.messages, page.lines, False, more)
        return await self._rt.db.read(read)

    async def around(self, ticket_id: int, message_id: int, limit: int = PAGE) -> ChatPage:
        """A page centred on ``message_id`` (a search hit, a quote's original)."""
        def read(s: Any) -> ChatPage:
            half = limit // 2
            rows = messages_around(s, ticket_id, message_id, half + 1, half + 1)
            if not rows:
                return self._page(s, ticket_id, messages_before(s, ticket_id, None, limit + 1),
                                  limit, "before", newest=True)
            centre = next(i for i, r in enumerate(rows) if r.id == message_id)
            more_before = centre > half
            more_after = len(rows) - centre - 1 > half
            rows = rows[max(0, centre - half): centre + half + 1]
            start = None if not more_before else rows[0].created_at
            end = None if not more_after else rows[-1].created_at
            page = self._page(s, ticket_id, rows, limit, "none", start=start, end=end)
            return ChatPage(page.messages, page.lines, more_before, more_after)
        return await self._rt.db.read(read)

    async def message(self, message_id: int) -> ChatMessage:
        """One message as the chat shows it (a live insert or update)."""
        def read(s: Any) -> ChatMessage:
            row = get_message(s, message_id)
            return self._decorate(s, row.ticket_id, [row])[0]
        return await self._rt.db.read(read)

    async def lines_since(self, ticket_id: int, start: datetime | None) -> list[SystemLine]:
        """Events from ``start`` on (a ticket change while the chat is open)."""
        return await self._rt.db.read(
            lambda s: self._lines(s, events_between(s, ticket_id, start, None)))

    def media_file(self, row: MessageRow) -> Path | None:
        """The message's file, only when it exists inside the data dir's media folder (a
        stored path is never trusted to point anywhere else)."""
        if not row.media_path:
            return None
        path = Path(row.media_path)
        if not path.is_absolute():
            path = self._rt.data_dir / path
        try:
            resolved = path.resolve()
        except OSError:
            return None
        if not self._rt.media.contains(resolved) or not resolved.is_file():
            return None
        return resolved

    async def add_contact_from_card(self, name: str, phone: str) -> ContactRow:
        """Save a shared contact card's person as a contact (create, or rename an existing one)."""
        try:
            digits = normalize_phone(phone)
        except (ValueError, WhatdeskError) as exc:
            raise WhatdeskError("O cartão de contato não tem um número válido.") from exc
        clean = " ".join((name or "").split())[:200] or None
        return await self._rt.db.write(lambda s: upsert_contact(s, phone=digits, name=clean))

    # ---- internals ----------------------------------------------------------------------

    def _page(self, s: Any, ticket_id: int, rows: list[MessageRow], limit: int, more: str,
              newest: bool = False, start: datetime | None = None,
              end: datetime | None = None) -> ChatPage:
        more_before = False
        if more == "before" and len(rows) > limit:
            rows, more_before = rows[-limit:], True
        if newest:
            # Events before the first message belong to this page only if nothing is older.
            start = rows[0].created_at if rows and more_before else None
            end = None
        elif more == "before":
            start = rows[0].created_at if rows and more_before else None
        events = events_between(s, ticket_id, start, end)
        if not rows and newest:
            events = events_between(s, ticket_id, None, None)
        return ChatPage(self._decorate(s, ticket_id, rows), self._lines(s, events),
                        more_before, False)

    def _decorate(self, s: Any, ticket_id: int, rows: list[MessageRow]) -> list[ChatMessage]:
        if not rows:
            return []
        ticket = get_ticket(s, ticket_id)
        quoted = messages_by_wa_id(s, ticket.connection_id,
                                   [r.quoted_wa_id for r in rows if r.quoted_wa_id])
        targets = [r.wa_id for r in rows if r.kind not in ACTION_KINDS]
        reactions = reactions_for(s, ticket_id, targets, min(r.id for r in rows))
        by_agent = message_agents(s, [r.id for r in rows if r.from_me])
        agent_names, _ = names_of(s, by_agent.values(), ())
        out = []
        for r in rows:
            quote = None
            if r.quoted_wa_id:
                q = quoted.get(r.quoted_wa_id)
                payload = r.payload or {}
                if q is not None:
                    quote = QuotePreview(q.id if q.ticket_id == ticket_id else None, q.from_me,
                                         q.sender_name or ticket.contact_name, q.kind,
                                         "" if q.deleted else q.text, q.media_filename)
                elif payload.get("quoted_text"):
                    quote = QuotePreview(None, False, str(payload.get("quoted_sender") or ""),
                                         "text", str(payload["quoted_text"]))
            out.append(ChatMessage(r, quote, tuple(reactions.get(r.wa_id, ())),
                                   agent_names.get(by_agent.get(r.id, -1), "")))
        return out

    def _lines(self, s: Any, events: list[TicketEventRow]) -> list[SystemLine]:
        agent_ids: set[int] = set()
        queue_ids: set[int] = set()
        parsed = []
        for e in events:
            kind = _line_kind(e)
            if kind is None:
                continue
            actor = _ACTOR.match(e.actor or "")
            if actor:
                agent_ids.add(int(actor.group(1)))
            to_agent = to_queue = None
            if e.kind == TicketEventKind.TRANSFER:
                for token in (e.detail or "").split():
                    m = _TOKEN.match(token)
                    if m and m.group(1) == "agent" and to_agent is None:
                        to_agent = int(m.group(2))
                        agent_ids.add(to_agent)
                    elif m and m.group(1) == "queue" and to_queue is None:
                        to_queue = int(m.group(2))
                        queue_ids.add(to_queue)
            parsed.append((e, kind, int(actor.group(1)) if actor else None, to_agent, to_queue))
        agents, queues = names_of(s, agent_ids, queue_ids)
        return [SystemLine(e.id, e.at, kind, agents.get(actor_id, "") if actor_id else "",
                           agents.get(to_agent, "") if to_agent else "",
                           queues.get(to_queue, "") if to_queue else "")
                for e, kind, actor_id, to_agent, to_queue in parsed]


def _line_kind(e: TicketEventRow) -> str | None:
    """What a ticket event reads as in the chat; None for those the chat leaves out."""
    kind = e.kind
    if kind == TicketEventKind.ACCEPT:
        return "accept"
    if kind == TicketEventKind.TRANSFER:
        return "transfer"
    if kind == TicketEventKind.CLOSE:
        return "close"
    if kind == TicketEventKind.REOPEN:
        return "reopen"
    if kind == TicketEventKind.BOT_STOPPED:
        return "bot_stopped"
    if kind == TicketEventKind.STATUS:
        if e.from_status == TicketStatus.BOT:
            return None  # its bot_stopped line says it
        return {TicketStatus.PENDING: "returned", TicketStatus.BOT: "to_bot",
                TicketStatus.OPEN: "opened"}.get(e.to_status) if e.to_status else None
    return None

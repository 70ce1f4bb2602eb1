"""Search: a word or phrase → message hits (highlighted snippet) and contact hits, newest first.

Any text the agent types is turned into a safe query here (words only, each quoted); FTS5 or
tsquery syntax in the input is never passed through, so no input can make the query fail.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import text as sql
from sqlalchemy.orm import Session

from ._sql import conn_of, contact_display, tickets_t
from .inbox import visible_tickets
from .rows import AgentRow
from .search_schema import PG_CONTACT_VECTOR, PG_MESSAGE_VECTOR
from .types import UTCDateTime

PAGE_SIZE = 30
CONTACTS_LIMIT = 5
MAX_TERMS = 8
MAX_TERM_LEN = 40
# A prefix of one or two letters expands to a huge part of the vocabulary: those match
# whole words only; from three letters on, "entreg" finds "entregue" and "entrega".
MIN_PREFIX_LEN = 3
MIN_PHONE_DIGITS = 4
SNIPPET_BEFORE = 40
SNIPPET_LEN = 140
_WORD = re.compile(r"[^\W_]+")
_PHONE_CHARS = re.compile(r"[\s+()\-.]")


@dataclass(frozen=True)
class SearchQuery:
    """The agent's words, folded (lowercase, no accents), ready for either database."""

    terms: tuple[str, ...]
    phrase: bool  # the agent wrapped the query in double quotes: words adjacent, in order
    digits: str  # the query as a phone number fragment ("" when it is not one)

    @property
    def empty(self) -> bool:
        return not self.terms and not self.digits

    def is_prefix(self, i: int) -> bool:
        return len(self.terms[i]) >= MIN_PREFIX_LEN

    def fts5(self) -> str:
        parts = [f'"{t}"' + ("*" if self.is_prefix(i) else "") for i, t in enumerate(self.terms)]
        if self.phrase and len(parts) > 1:
            return " + ".join(parts)
        return " ".join(parts)

    def tsquery(self) -> str:
        parts = [f"'{t}'" + (":*" if self.is_prefix(i) else "") for i, t in enumerate(self.terms)]
        return (" <-> " if self.phrase else " & ").join(parts)


@dataclass(frozen=True)
class MessageHit:
    message_id: int
    ticket_id: int
    contact_id: int
    contact_name: str
    at: datetime
    from_me: bool
    is_private_note: bool
    kind: str
    snippet: str  # one line around the first match, "…" where it was cut
    highlights: tuple[tuple[int, int], ...]  # [start, end) of each match inside snippet


@dataclass(frozen=True)
class ContactHit:
    contact_id: int
    ticket_id: int  # the contact's newest ticket (what opening the hit shows)
    name: str
    phone: str | None
    at: datetime  # that ticket's last activity
    highlights: tuple[tuple[int, int], ...]  # inside name


@dataclass(frozen=True)
class SearchPage:
    query: SearchQuery
    messages: tuple[MessageHit, ...]
    contacts: tuple[ContactHit, ...]  # first page only
    next_before_id: int | None  # pass as before_id for the next page; None: no more


def fold(text: str) -> str:
    """Lowercase without accents ("São João" → "sao joao"), like the index tokenizers."""
    return "".join(_fold_char(ch) for ch in text)


def _fold_char(ch: str) -> str:
    if ch.isascii():
        return ch.lower()
    return "".join(c for c in unicodedata.normalize("NFKD", ch)
                   if not unicodedata.combining(c)).lower()  # as FTS5 does: ß stays ß


def parse_query(raw: str) -> SearchQuery:
    raw = raw.strip()
    phrase = len(raw) >= 2 and raw.startswith('"') and raw.endswith('"')
    terms = [t[:MAX_TERM_LEN] for t in _WORD.findall(fold(raw))][:MAX_TERMS]
    compact = _PHONE_CHARS.sub("", raw)
    digits = compact if compact.isdigit() and len(compact) >= MIN_PHONE_DIGITS else ""
    digits = digits if digits.isascii() else ""
    return SearchQuery(tuple(terms), phrase, digits)


def highlight_ranges(text: str, query: SearchQuery) -> list[tuple[int, int]]:
    """Where the query's words occur in ``text`` (original offsets), word starts only."""
    if not query.terms or not text:
        return []
    folded: list[str] = []
    origin: list[int] = []  # folded position → original position
    for i, ch in enumerate(text):
        f = _fold_char(ch)
        folded.extend(f)
        origin.extend([i] * len(f))
    flat = "".join(folded)
    ranges: list[tuple[int, int]] = []
    for i, term in enumerate(query.terms):
        pattern = r"(?<![^\W_])" + re.escape(term) + ("" if query.is_prefix(i) else r"(?![^\W_])")
        for m in re.finditer(pattern, flat):
            start, end = origin[m.start()], origin[m.end() - 1] + 1
            if query.is_prefix(i):  # bold the whole word, as the match covers it
                while end < len(text) and (text[end].isalnum()):
                    end += 1
            ranges.append((start, end))
    ranges.sort()
    merged: list[tuple[int, int]] = []
    for start, end in ranges:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def make_snippet(text: str, query: SearchQuery) -> tuple[str, tuple[tuple[int, int], ...]]:
    """One line of ``text`` around its first match, with the matches' offsets in it."""
    line = " ".join(text.split())  # one line: newlines, tabs and runs of spaces collapse
    ranges = highlight_ranges(line, query)
    first = ranges[0][0] if ranges else 0
    start = max(0, first - SNIPPET_BEFORE)
    if start > 0:  # begin at a word, not inside one
        space = line.find(" ", start, first)
        start = space + 1 if space != -1 else start
    end = min(len(line), start + SNIPPET_LEN)
    if end < len(line):
        space = line.rfind(" ", max(start, first + 1), end)
        end = space if space > first else end
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(line) else ""
    shift = len(prefix) - start
    inside = tuple((max(a, start) + shift, min(b, end) + shift)
                   for a, b in ranges if a < end and b > start)
    return prefix + line[start:end] + suffix, inside


_NAME = "c.name, c.push_name, c.phone, c.lid, c.group_jid"
_MESSAGE_COLUMNS = (f"m.id, m.ticket_id, t.contact_id, m.created_at, m.from_me, "
                    f"m.is_private_note, m.kind, m.text, {_NAME}")
_PG_VECTOR = PG_MESSAGE_VECTOR.replace("(text)", "(m.text)")  # same expression as the index


def _latest_ticket(visible: str) -> str:
    return (f"(SELECT t2.id FROM tickets t2 WHERE t2.contact_id = c.id{visible} "
            "ORDER BY t2.last_message_at DESC, t2.id DESC LIMIT 1)")


def _visible(conn: Any, viewer: AgentRow | None, alias: str) -> str:
    """" AND (...)" limiting the tickets named ``alias`` to those ``viewer`` may see (the
    ticket list's rule, store.inbox.visible_tickets); "" for an admin or no viewer. Only
    integers are inlined (ids), so the text is safe."""
    if viewer is None:
        return ""
    cond = visible_tickets(viewer.id, viewer.is_admin, tuple(viewer.queue_ids),
                           tickets_t.alias(alias))
    if cond is None:
        return ""
    compiled = cond.compile(dialect=conn.dialect, compile_kwargs={"literal_binds": True})
    return f" AND ({compiled})"


def search(s: Session, raw: str, *, viewer: AgentRow | None = None,
           before_id: int | None = None, limit: int = PAGE_SIZE,
           contacts_limit: int = CONTACTS_LIMIT) -> SearchPage:
    """The page of results for what the agent typed; ``before_id`` continues a previous page.
    ``viewer``: only hits in tickets this agent may see (None: everything)."""
    query = parse_query(raw)
    if query.empty:
        return SearchPage(query, (), (), None)
    conn = conn_of(s)
    sqlite = conn.dialect.name == "sqlite"
    visible = _visible(conn, viewer, "t")
    rows: list[Any] = []
    if query.terms:
        params: dict[str, Any] = {"limit": limit + 1, "before": before_id or 2**62}
        if sqlite:
            # FTS5 walks its rowids newest first and stops after the page: no sort of all hits.
            stmt = (f"SELECT {_MESSAGE_COLUMNS} FROM messages_fts f "
                    "JOIN messages m ON m.id = f.rowid JOIN tickets t ON t.id = m.ticket_id "
                    "JOIN contacts c ON c.id = t.contact_id "
                    "WHERE messages_fts MATCH :q AND f.rowid < :before AND m.deleted = 0"
                    f"{visible} ORDER BY f.rowid DESC LIMIT :limit")
            params["q"] = query.fts5()
        else:
            # The matches come from the GIN index, then the newest are kept. "OFFSET 0" fences
            # the planner off walking the primary key backwards and testing every row, which it
            # picks for ORDER BY id LIMIT n and which takes seconds for a rare word.
            join = " JOIN tickets t ON t.id = m.ticket_id" if visible else ""
            stmt = (f"SELECT {_MESSAGE_COLUMNS} FROM (SELECT h.id FROM ("
                    f"SELECT m.id FROM messages m{join} WHERE {_PG_VECTOR} "
                    "@@ to_tsquery('simple', :q) AND m.text <> '' "
                    "AND m.kind NOT IN ('reaction', 'edit', 'revoke') "
                    f"AND m.id < :before AND m.deleted = false{visible} OFFSET 0) h "
                    "ORDER BY h.id DESC LIMIT :limit) top JOIN messages m ON m.id = top.id "
                    "JOIN tickets t ON t.id = m.ticket_id JOIN contacts c ON c.id = t.contact_id "
                    "ORDER BY m.id DESC")
            params["q"] = query.tsquery()
        rows = list(conn.execute(sql(stmt).columns(created_at=UTCDateTime()), params))
    more = len(rows) > limit
    rows = rows[:limit]
    hits = []
    for r in rows:
        snippet, marks = make_snippet(r.text, query)
        hits.append(MessageHit(
            message_id=r.id, ticket_id=r.ticket_id, contact_id=r.contact_id,
            contact_name=contact_display(r.name, r.push_name, r.phone, r.lid, r.group_jid),
            at=r.created_at, from_me=bool(r.from_me),
            is_private_note=bool(r.is_private_note), kind=r.kind, snippet=snippet,
            highlights=marks))
    contacts = (_contacts(conn, query, contacts_limit, sqlite, viewer)
                if before_id is None else ())
    return SearchPage(query, tuple(hits), contacts, rows[-1].id if more else None)


def _contacts(conn: Any, query: SearchQuery, limit: int, sqlite: bool,
              viewer: AgentRow | None = None) -> tuple[ContactHit, ...]:
    if limit <= 0:
        return ()
    # Each way of matching yields contact ids on its own (so PostgreSQL can use the GIN
    # index for names); the newest contacts among them are kept.
    matches: list[str] = []
    params: dict[str, Any] = {"limit": limit}
    if query.terms:
        if sqlite:
            matches.append("SELECT rowid AS id FROM contacts_fts WHERE contacts_fts MATCH :q")
            params["q"] = query.fts5()
        else:
            matches.append("SELECT id FROM contacts WHERE "
                           f"{PG_CONTACT_VECTOR} @@ to_tsquery('simple', :q)")
            params["q"] = query.tsquery()
    if query.digits:
        matches.append("SELECT id FROM contacts WHERE phone LIKE :digits")
        params["digits"] = f"%{query.digits}%"  # digits only: no LIKE wildcard can slip in
    stmt = (f"SELECT c.id, {_NAME}, t.id AS ticket_id, t.last_message_at "
            f"FROM (SELECT id FROM ({' UNION '.join(matches)}) AS found WHERE EXISTS "
            "(SELECT 1 FROM tickets t1 WHERE t1.contact_id = found.id"
            f"{_visible(conn, viewer, 't1')}) "
            "ORDER BY id DESC LIMIT :limit) AS hit JOIN contacts c ON c.id = hit.id "
            f"JOIN tickets t ON t.id = {_latest_ticket(_visible(conn, viewer, 't2'))} "
            "ORDER BY c.id DESC")
    out = []
    for r in conn.execute(sql(stmt).columns(last_message_at=UTCDateTime()), params):
        name = contact_display(r.name, r.push_name, r.phone, r.lid, r.group_jid)
        out.append(ContactHit(contact_id=r.id, ticket_id=r.ticket_id, name=name, phone=r.phone,
                              at=r.last_message_at,
                              highlights=tuple(highlight_ranges(name, query))))
    return tuple(out)


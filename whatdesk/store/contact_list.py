"""The Contacts page's list: keyset pages of people by name or by last conversation, filtered.

Two orders, each served by an index so a page costs the same at row 50 and at row 100,000:

- by name: ``ix_contacts_sort_name`` on (is_group, folded display name, id) — an expression
  index, created by migration 0009 from ``index_ddl`` below; the query repeats the exact
  expression (``sort_name_sql``) so the planner uses it;
- by last activity: the tickets' ``ix_tickets_last`` walked newest first, keeping each
  contact's newest (visible) ticket only; contacts that never talked come after, newest first.

Agents see what search shows them (store.search): contacts with a ticket they may see, plus
the contacts nobody has talked to yet (added or imported ones); admins see every person.
Groups are not contacts here: they live in the inbox.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy import text as sql
from sqlalchemy.engine import Connection as SAConnection
from sqlalchemy.orm import Session

from ._sql import conn_of, contact_display, contact_tags_t, tags_t
from .rows import AgentRow
from .search import _visible, parse_query  # the one visibility rule and query parser
from .search_schema import PG_CONTACT_VECTOR, PG_FOLD
from .types import UTCDateTime

PAGE_SIZE = 60
MAX_PAGE = 500
MAX_TAGS_PER_ROW = 3
SORT_INDEX = "ix_contacts_sort_name"
MIN_EMAIL_QUERY = 3

# Accented letters folded to their plain lowercase letter in the SQLite sort key (SQLite's
# lower() only knows ASCII): those of Portuguese names. SQLite's parser allows about 30
# nested calls, so this is not every accent; PostgreSQL folds with the search index's
# function instead.
_ACCENTS = {"a": "áàâãÁÀÂÃ", "e": "éêÉÊ", "i": "íÍ", "o": "óôõÓÔÕ", "u": "úÚ", "c": "çÇ"}


class ContactSort(StrEnum):
    NAME = "name"  # A→Z by the name shown (accents ignored)
    ACTIVITY = "activity"  # newest conversation first; never-talked contacts last


@dataclass(frozen=True)
class ContactListQuery:
    """Which contacts the page lists: who looks, the search words, a tag, the order."""

    viewer: AgentRow | None = None  # None or an admin: everyone
    text: str = ""  # name, number or e-mail; accents and case ignored
    tag_id: int | None = None
    sort: ContactSort = ContactSort.NAME


@dataclass(frozen=True)
class ContactTag:
    id: int
    name: str
    color: str


@dataclass(frozen=True)
class ContactListRow:
    """What one line of the contact list draws."""

    contact_id: int
    name: str  # as shown: name, else WhatsApp name, else the number
    phone: str | None
    email: str | None
    avatar_path: str | None
    blocked: bool
    last_activity_at: datetime | None  # the newest conversation the viewer may see
    tags: tuple[ContactTag, ...] = ()
    more_tags: int = 0
    sort_key: str = ""  # the folded name (the name order's cursor)


# ("name", folded name, id) | ("ticket", last_message_at, ticket id) | ("new", contact id)
Cursor = tuple[Any, ...]


@dataclass(frozen=True)
class ContactListPage:
    rows: list[ContactListRow]
    cursor: Cursor | None  # pass back as ``after`` for the next page
    exhausted: bool


def sort_name_sql(dialect: str, table: str = "") -> str:
    """The folded display name, exactly as the index declares it (the planner matches text)."""
    p = f"{table}." if table else ""
    shown = (f"coalesce(nullif({p}name, ''), nullif({p}push_name, ''), {p}phone, {p}lid, '')")
    if dialect == "postgresql":
        return f"{PG_FOLD}({shown})"
    expr = f"lower({shown})"
    for plain, accented in _ACCENTS.items():
        for ch in accented:
            expr = f"replace({expr}, '{ch}', '{plain}')"
    return expr


def index_ddl(dialect: str) -> str:
    return (f"CREATE INDEX IF NOT EXISTS {SORT_INDEX} ON contacts "
            f"(is_group, ({sort_name_sql(dialect)}), id)")


def install_index(conn: SAConnection) -> None:
    """Create the name-order index (migration 0009; again after a batch rebuild of contacts)."""
    conn.exec_driver_sql(index_ddl(conn.dialect.name))


def uninstall_index(conn: SAConnection) -> None:
    conn.exec_driver_sql(f"DROP INDEX IF EXISTS {SORT_INDEX}")


def _matches(q: ContactListQuery, sqlite: bool, params: dict[str, Any]) -> str | None:
    """A subquery of the contact ids matching the search box, or None (no search)."""
    raw = q.text.strip()
    query = parse_query(raw)
    parts: list[str] = []
    if query.terms:
        if sqlite:
            parts.append("SELECT rowid AS id FROM contacts_fts WHERE contacts_fts MATCH :q")
            params["q"] = query.fts5()
        else:
            parts.append(f"SELECT id FROM contacts WHERE {PG_CONTACT_VECTOR} "
                         "@@ to_tsquery('simple', :q)")
            params["q"] = query.tsquery()
    if query.digits:
        parts.append("SELECT id FROM contacts WHERE phone LIKE :digits")
        params["digits"] = f"%{query.digits}%"  # digits only: no wildcard can slip in
    if len(raw) >= MIN_EMAIL_QUERY and not query.digits:
        escaped = raw.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        parts.append("SELECT id FROM contacts WHERE lower(email) LIKE :email ESCAPE '\\'")
        params["email"] = f"%{escaped[:100]}%"
    if not parts:
        return None if not raw else "SELECT NULL AS id WHERE 1 = 0"
    return " UNION ".join(parts)


def _where(q: ContactListQuery, conn: Any, params: dict[str, Any],
           name_index: bool = True) -> list[str]:
    """Conditions on ``contacts`` common to both orders. ``name_index=False``: keep SQLite
    off the name index (the activity order walks tickets, or contacts by id)."""
    sqlite = conn.dialect.name == "sqlite"
    if sqlite:
        conds = [("" if name_index else "+") + "contacts.is_group = 0"]
    else:
        conds = ["contacts.is_group = false"]
    visible = _visible(conn, q.viewer, "tv")
    if visible:
        conds.append("(EXISTS (SELECT 1 FROM tickets tv WHERE tv.contact_id = contacts.id"
                     f"{visible}) OR NOT EXISTS (SELECT 1 FROM tickets tn "
                     "WHERE tn.contact_id = contacts.id))")
    if q.tag_id is not None:
        conds.append("EXISTS (SELECT 1 FROM contact_tags ct WHERE ct.contact_id = contacts.id "
                     "AND ct.tag_id = :tag_id)")
        params["tag_id"] = int(q.tag_id)
    found = _matches(q, sqlite, params)
    if found is not None:
        conds.append(f"contacts.id IN ({found})")
    return conds


_COLUMNS = ("contacts.id, contacts.name, contacts.push_name, contacts.phone, contacts.lid, "
            "contacts.group_jid, contacts.email, contacts.avatar_path, contacts.blocked")


def _last_activity(conn: Any, q: ContactListQuery) -> str:
    return ("(SELECT max(tl.last_message_at) FROM tickets tl WHERE tl.contact_id = contacts.id"
            f"{_visible(conn, q.viewer, 'tl')})")


def list_contacts(s: Session, q: ContactListQuery, after: Cursor | None = None,
                  limit: int = PAGE_SIZE) -> ContactListPage:
    """One page of the list; ``after`` is the cursor the previous page returned."""
    limit = max(1, min(int(limit), MAX_PAGE))
    conn = conn_of(s)
    if q.sort == ContactSort.ACTIVITY:
        return _by_activity(conn, q, after, limit)
    return _by_name(conn, q, after, limit)


def rows_for(s: Session, q: ContactListQuery, contact_ids: Any) -> dict[int, ContactListRow | None]:
    """The current row of each contact as this list shows it (None: not, or no longer, in
    it). What an edit notification re-reads."""
    conn = conn_of(s)
    ids = sorted({int(i) for i in contact_ids})
    out: dict[int, ContactListRow | None] = dict.fromkeys(ids)
    dialect = conn.dialect.name
    for start in range(0, len(ids), 400):
        chunk = ids[start:start + 400]
        params: dict[str, Any] = {}
        conds = _where(q, conn, params)
        conds.append(f"contacts.id IN ({', '.join(str(i) for i in chunk)})")  # ints only
        stmt = (f"SELECT {_COLUMNS}, {sort_name_sql(dialect, 'contacts')} AS sort_key, "
                f"{_last_activity(conn, q)} AS last_at FROM contacts WHERE "
                + " AND ".join(conds))
        raw = list(conn.execute(sql(stmt).columns(last_at=UTCDateTime()), params))
        for row in _complete(conn, raw):
            out[row.contact_id] = row
    return out


def _by_name(conn: Any, q: ContactListQuery, after: Cursor | None,
             limit: int) -> ContactListPage:
    params: dict[str, Any] = {"limit": limit + 1}
    conds = _where(q, conn, params)
    key = sort_name_sql(conn.dialect.name, "contacts")
    if after is not None and after[0] == "name":
        # the first term makes it a range on the index; the second breaks ties by id
        conds.append(f"{key} >= :c_key AND ({key}, contacts.id) > (:c_key, :c_id)")
        params.update(c_key=str(after[1]), c_id=int(after[2]))
    stmt = (f"SELECT {_COLUMNS}, {key} AS sort_key, {_last_activity(conn, q)} AS last_at "
            f"FROM contacts WHERE {' AND '.join(conds)} ORDER BY {key}, contacts.id "
            "LIMIT :limit")
    raw = list(conn.execute(sql(stmt).columns(last_at=UTCDateTime()), params))
    exhausted = len(raw) <= limit
    rows = _complete(conn, raw[:limit])
    cursor = ("name", rows[-1].sort_key, rows[-1].contact_id) if rows else after
    return ContactListPage(rows, cursor, exhausted)


def _by_activity(conn: Any, q: ContactListQuery, after: Cursor | None,
                 limit: int) -> ContactListPage:
    rows: list[ContactListRow] = []
    cursor = after
    if after is None or after[0] == "ticket":
        params: dict[str, Any] = {"limit": limit + 1}
        conds = _where(q, conn, params, name_index=False)
        visible = _visible(conn, q.viewer, "t")
        newer = _visible(conn, q.viewer, "t2")
        conds.append("NOT EXISTS (SELECT 1 FROM tickets t2 WHERE t2.contact_id = t.contact_id"
                     f"{newer} AND (t2.last_message_at > t.last_message_at OR "
                     "(t2.last_message_at = t.last_message_at AND t2.id > t.id)))")
        if after is not None:
            conds.append("(t.last_message_at, t.id) < (:c_at, :c_id)")
            params.update(c_at=after[1], c_id=int(after[2]))
        stmt = (f"SELECT {_COLUMNS}, '' AS sort_key, t.last_message_at AS last_at, "
                "t.id AS ticket_id FROM tickets t JOIN contacts ON contacts.id = t.contact_id "
                f"WHERE {' AND '.join(conds)}{visible} "
                "ORDER BY t.last_message_at DESC, t.id DESC LIMIT :limit")
        text = sql(stmt).columns(last_at=UTCDateTime())
        if after is not None:
            text = text.bindparams(bindparam("c_at", type_=UTCDateTime()))
        raw = list(conn.execute(text, params))
        if len(raw) > limit:
            rows = _complete(conn, raw[:limit])
            last = raw[limit - 1]
            return ContactListPage(rows, ("ticket", last.last_at, last.ticket_id), False)
        rows = _complete(conn, raw)
        cursor = None
        limit -= len(rows)
        if limit <= 0:  # exactly a page: the next one starts with the never-talked
            return ContactListPage(rows, ("new", 2**62), False)
    # contacts nobody has talked to yet (added or imported), newest first
    params = {"limit": limit + 1}
    conds = _where(q, conn, params, name_index=False)
    conds.append("NOT EXISTS (SELECT 1 FROM tickets tn2 WHERE tn2.contact_id = contacts.id)")
    if cursor is not None and cursor[0] == "new":
        conds.append("contacts.id < :c_id")
        params["c_id"] = int(cursor[1])
    stmt = (f"SELECT {_COLUMNS}, '' AS sort_key, NULL AS last_at FROM contacts "
            f"WHERE {' AND '.join(conds)} ORDER BY contacts.id DESC LIMIT :limit")
    raw = list(conn.execute(sql(stmt).columns(last_at=UTCDateTime()), params))
    more = _complete(conn, raw[:limit])
    rows.extend(more)
    exhausted = len(raw) <= limit
    end = ("new", more[-1].contact_id) if more else (cursor or ("new", 2**62))
    return ContactListPage(rows, end, exhausted)


def _complete(conn: Any, raw: list[Any]) -> list[ContactListRow]:
    """Rows plus their tags (one query for the page)."""
    if not raw:
        return []
    ids = [r.id for r in raw]
    tags: dict[int, list[ContactTag]] = {}
    for cid, tid, name, color in conn.execute(
            select(contact_tags_t.c.contact_id, tags_t.c.id, tags_t.c.name, tags_t.c.color)
            .join(tags_t, tags_t.c.id == contact_tags_t.c.tag_id)
            .where(contact_tags_t.c.contact_id.in_(ids))
            .order_by(contact_tags_t.c.contact_id, tags_t.c.name)).all():
        tags.setdefault(cid, []).append(ContactTag(tid, name, color))
    out = []
    for r in raw:
        mine = tags.get(r.id, [])
        out.append(ContactListRow(
            contact_id=r.id,
            name=contact_display(r.name, r.push_name, r.phone, r.lid, r.group_jid),
            phone=r.phone, email=r.email, avatar_path=r.avatar_path, blocked=bool(r.blocked),
            last_activity_at=r.last_at, tags=tuple(mine[:MAX_TAGS_PER_ROW]),
            more_tags=max(0, len(mine) - MAX_TAGS_PER_ROW), sort_key=r.sort_key or ""))
    return out

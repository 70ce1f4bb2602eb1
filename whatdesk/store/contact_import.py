"""Write the people of an imported contacts file: new numbers added, known ones completed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from ._sql import conn_of, contacts_t, now_or
from .contacts import find_or_create_person

_c = contacts_t.c


@dataclass(frozen=True)
class ImportedContact:
    """One person of the file, already checked: E.164 digits, a clean name and e-mail."""

    line: int
    phone: str
    name: str
    email: str | None


@dataclass(frozen=True)
class ImportCounts:
    added: int = 0
    completed: int = 0  # known numbers that got the name or e-mail they lacked
    unchanged: int = 0  # known numbers the file had nothing new for

    def __add__(self, other: ImportCounts) -> ImportCounts:
        return ImportCounts(self.added + other.added, self.completed + other.completed,
                            self.unchanged + other.unchanged)


def import_contacts(s: Session, people: list[ImportedContact],
                    now: datetime | None = None) -> ImportCounts:
    """Add each number not known yet; a known number is never doubled: it only gets the
    name or e-mail it lacks (what agents typed is never overwritten)."""
    conn = conn_of(s)
    when = now_or(now)
    known = {r.phone: r for r in conn.execute(
        select(_c.id, _c.phone, _c.name, _c.email)
        .where(_c.phone.in_([p.phone for p in people]))).all()}
    added = completed = unchanged = 0
    for person in people:
        row = known.get(person.phone)
        if row is None:
            contact_id = find_or_create_person(conn, person.phone, None, "", when)
            changes = {"name": person.name, "email": person.email, "updated_at": when}
            conn.execute(update(contacts_t).where(_c.id == contact_id).values(**changes))
            added += 1
            continue
        fill: dict[str, object] = {}
        if person.name and not row.name:
            fill["name"] = person.name
        if person.email and not row.email:
            fill["email"] = person.email
        if fill:
            fill["updated_at"] = when
            conn.execute(update(contacts_t).where(_c.id == row.id).values(**fill))
            completed += 1
        else:
            unchanged += 1
    return ImportCounts(added, completed, unchanged)

"""The Contacts page's list: orders, keyset pages, search, tag filter and who sees what."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import text

from whatdesk.store import (
    Database,
    create_agent,
    create_queue,
    create_tag,
    record_inbound,
    tag_contact,
    transfer,
    update_contact,
    upsert_contact,
)
from whatdesk.store._sql import contacts_t
from whatdesk.store.contact_list import (
    ContactListQuery,
    ContactSort,
    list_contacts,
    sort_name_sql,
)
from whatdesk.store.directory import get_agent

from .conftest import T0, incoming


def _all(db: Database, q: ContactListQuery, limit: int = 2) -> list[str]:
    """Every row of the list, read ``limit`` at a time as the page scrolls."""
    names: list[str] = []
    after = None
    for _ in range(1000):
        page = db.read_sync(lambda s, a=after: list_contacts(s, q, a, limit=limit))
        names += [r.name for r in page.rows]
        after = page.cursor
        if page.exhausted:
            return names
    raise AssertionError("the list never ended")


def _person(db: Database, phone: str, name: str, email: str | None = None) -> int:
    row = db.write_sync(lambda s: upsert_contact(s, phone=phone, name=name, now=T0))
    if email:
        db.write_sync(lambda s: update_contact(s, row.id, email=email, now=T0))
    return row.id


def test_name_order_ignores_accents_and_case_and_pages_without_gaps(db: Database) -> None:
    for i, name in enumerate(["Érica", "bruno", "Ana", "Zélia", "Álvaro", "carla", "Ângela"]):
        _person(db, f"551198765{i:04d}", name)
    expected = ["Álvaro", "Ana", "Ângela", "bruno", "carla", "Érica", "Zélia"]
    assert _all(db, ContactListQuery()) == expected
    assert _all(db, ContactListQuery(), limit=3) == expected
    assert _all(db, ContactListQuery(), limit=100) == expected


def test_same_names_page_by_id_none_lost_none_doubled(db: Database) -> None:
    ids = [_person(db, f"55119876500{i:02d}", "Maria") for i in range(7)]
    rows: list[int] = []
    after = None
    while True:
        page = db.read_sync(lambda s, a=after: list_contacts(s, ContactListQuery(), a, limit=3))
        rows += [r.contact_id for r in page.rows]
        after = page.cursor
        if page.exhausted:
            break
    assert rows == ids


@pytest.mark.sqlite_only
def test_the_name_order_reads_the_index_not_the_whole_table(db: Database) -> None:
    key = sort_name_sql("sqlite", "contacts")

    def plan(s: Any) -> str:
        rows = s.connection().execute(text(
            f"EXPLAIN QUERY PLAN SELECT contacts.id FROM contacts WHERE contacts.is_group = 0 "
            f"AND {key} >= 'm' AND ({key}, contacts.id) > ('m', 1) "
            f"ORDER BY {key}, contacts.id LIMIT 61")).all()
        return " ".join(str(r[-1]) for r in rows)

    shown = db.read_sync(plan)
    assert "ix_contacts_sort_name" in shown and "TEMP B-TREE" not in shown


def test_search_finds_name_number_and_email_accents_ignored(db: Database) -> None:
    _person(db, "5511987650001", "João Silva", "joao@padaria.com.br")
    _person(db, "5521912340002", "Maria Conceição", "maria@exemplo.com")
    _person(db, "5531900000003", "Pedro")

    def found(words: str) -> list[str]:
        return _all(db, ContactListQuery(text=words))

    assert found("joao") == ["João Silva"]
    assert found("CONCEICAO") == ["Maria Conceição"]
    assert found("91234") == ["Maria Conceição"]
    assert found("+55 31 90000") == ["Pedro"]
    assert found("padaria.com") == ["João Silva"]
    assert found("exemplo") == ["Maria Conceição"]
    assert found("ninguém") == []
    assert found("50%_") == []  # LIKE wildcards typed are plain characters


def test_tag_filter_and_groups_left_out(db: Database, conn_id: int) -> None:
    ana = _person(db, "5511987650001", "Ana")
    _person(db, "5511987650002", "Bruno")
    vip = db.write_sync(lambda s: create_tag(s, "VIP", "#e53935")).id
    db.write_sync(lambda s: tag_contact(s, ana, vip))
    db.write_sync(lambda s: record_inbound(s, conn_id, incoming(
        chat="120363000000000001@g.us", sender="5511987650009@s.whatsapp.net",
        phone="5511987650009", push_name="Carla", text="oi grupo")))
    names = _all(db, ContactListQuery())
    assert names == ["Ana", "Bruno", "Carla"]  # the group's member, not the group
    rows = db.read_sync(lambda s: list_contacts(s, ContactListQuery(tag_id=vip))).rows
    assert [(r.name, [t.name for t in r.tags]) for r in rows] == [("Ana", ["VIP"])]


def test_activity_order_newest_conversation_first_then_never_talked(
        db: Database, conn_id: int) -> None:
    for i, name in enumerate(["Ana", "Bruno", "Carla"]):
        db.write_sync(lambda s, i=i, n=name: record_inbound(s, conn_id, incoming(
            phone=f"551198765000{i}", push_name=n, at=T0 + timedelta(minutes=i))))
    # Ana writes again later: she moves to the top, once
    db.write_sync(lambda s: record_inbound(s, conn_id, incoming(
        phone="5511987650000", push_name="Ana", at=T0 + timedelta(hours=1))))
    _person(db, "5511900000011", "Nova 1")
    _person(db, "5511900000012", "Nova 2")
    q = ContactListQuery(sort=ContactSort.ACTIVITY)
    expected = ["Ana", "Carla", "Bruno", "Nova 2", "Nova 1"]
    for limit in (1, 2, 3, 50):
        assert _all(db, q, limit=limit) == expected
    top = db.read_sync(lambda s: list_contacts(s, q)).rows
    assert top[0].last_activity_at == T0 + timedelta(hours=1)
    assert top[-1].last_activity_at is None


def test_an_agent_sees_contacts_of_tickets_they_may_see_and_the_never_talked(
        db: Database, conn_id: int) -> None:
    vendas = db.write_sync(lambda s: create_queue(s, "Vendas", "#00a884")).id
    suporte = db.write_sync(lambda s: create_queue(s, "Suporte", "#7e57c2")).id
    agent = db.write_sync(lambda s: create_agent(s, "Bia", queue_ids=[vendas])).id
    admin = db.write_sync(lambda s: create_agent(s, "Dono", is_admin=True)).id
    for phone, name, queue in (("5511987650001", "Ana", vendas),
                               ("5511987650002", "Bruno", suporte)):
        res = db.write_sync(lambda s, p=phone, n=name: record_inbound(
            s, conn_id, incoming(phone=p, push_name=n)))
        db.write_sync(lambda s, t=res.ticket_id, q=queue: transfer(s, t, "system", queue_id=q))
    _person(db, "5511900000011", "Nova")
    viewer = db.read_sync(lambda s: get_agent(s, agent))
    boss = db.read_sync(lambda s: get_agent(s, admin))
    assert _all(db, ContactListQuery(viewer=viewer)) == ["Ana", "Nova"]
    assert _all(db, ContactListQuery(viewer=viewer, sort=ContactSort.ACTIVITY)) == ["Ana", "Nova"]
    assert _all(db, ContactListQuery(viewer=viewer, text="bruno")) == []
    assert _all(db, ContactListQuery(viewer=boss)) == ["Ana", "Bruno", "Nova"]


def test_thousands_of_contacts_one_page_at_a_time(db: Database) -> None:
    def fill(s: Any) -> None:
        s.connection().execute(contacts_t.insert(), [dict(
            phone=f"55119{i:08d}", name=f"Cliente {i:05d}", push_name="", is_group=False,
            custom_fields={}, created_at=T0, updated_at=T0) for i in range(3000)])

    db.write_sync(fill)
    page = db.read_sync(lambda s: list_contacts(s, ContactListQuery(), limit=60))
    assert len(page.rows) == 60 and not page.exhausted
    assert page.rows[0].name == "Cliente 00000" and page.rows[-1].name == "Cliente 00059"
    page = db.read_sync(lambda s: list_contacts(s, ContactListQuery(), page.cursor, limit=60))
    assert page.rows[0].name == "Cliente 00060"

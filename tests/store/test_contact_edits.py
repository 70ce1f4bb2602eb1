"""Edits from the contact panel: validated, capped, all-or-nothing; the contact's history."""

from __future__ import annotations

import pytest

from whatdesk.domain.enums import TicketStatus
from whatdesk.store import (
    Database,
    InvalidContactField,
    accept_ticket,
    close_ticket,
    contact_history,
    create_agent,
    edit_contact,
    get_contact,
    record_inbound,
    upsert_contact,
)

from .conftest import incoming


def _contact(db: Database) -> int:
    return db.write_sync(lambda s: upsert_contact(s, phone="5511987654321")).id


def test_a_bad_field_stores_nothing_of_the_whole_edit(db: Database) -> None:
    cid = _contact(db)
    with pytest.raises(InvalidContactField) as err:
        db.write_sync(lambda s: edit_contact(s, cid, name="Ana", email="ana@"))
    assert err.value.field == "email"
    assert "E-mail inválido" in str(err.value) and "Invalid e-mail" in err.value.message("en")
    row = db.read_sync(lambda s: get_contact(s, cid))
    assert (row.name, row.email) == ("", None)


@pytest.mark.parametrize(("fields", "field"), [
    ({"name": "x" * 201}, "name"),
    ({"email": "a" * 195 + "@b.com"}, "email"),
    ({"notes": "é" * 6000}, "notes"),  # 12 KB in UTF-8: bytes are what is capped
    ({"custom_fields": {f"k{i}": "v" for i in range(31)}}, "custom_fields"),
    ({"custom_fields": {"CPF": "1", "cpf ": "2"}}, "custom_fields"),
    ({"custom_fields": {"  ": "v"}}, "custom_fields"),
    ({"custom_fields": {"k": "v" * 501}}, "custom_fields"),
])
def test_sizes_and_shapes_are_capped(db: Database, fields: dict, field: str) -> None:
    cid = _contact(db)
    with pytest.raises(InvalidContactField) as err:
        db.write_sync(lambda s: edit_contact(s, cid, **fields))
    assert err.value.field == field


def test_values_are_cleaned_before_they_are_stored(db: Database) -> None:
    cid = _contact(db)
    row = db.write_sync(lambda s: edit_contact(
        s, cid, name="  Ana \n Paula ", email=" ana@empresa.com.br ", notes=" linha 1\r\nlinha 2 ",
        custom_fields={" Cidade  natal ": " Campinas "}, blocked=True))
    assert row.name == "Ana Paula" and row.email == "ana@empresa.com.br"
    assert row.notes == "linha 1\nlinha 2" and row.custom_fields == {"Cidade natal": "Campinas"}
    assert row.blocked
    row = db.write_sync(lambda s: edit_contact(s, cid, email="", blocked=False))
    assert row.email is None and not row.blocked


def test_history_lists_every_ticket_newest_first_with_its_agent(
        db: Database, conn_id: int) -> None:
    bia = db.write_sync(lambda s: create_agent(s, "Bia")).id
    first = db.write_sync(lambda s: record_inbound(
        s, conn_id, incoming(phone="5511987654321", text="primeira"),
        new_ticket_status=TicketStatus.PENDING)).ticket_id
    db.write_sync(lambda s: accept_ticket(s, first, bia))
    db.write_sync(lambda s: close_ticket(s, first, actor="agent"))
    result = db.write_sync(lambda s: record_inbound(
        s, conn_id, incoming(phone="5511987654321", text="segunda"),
        new_ticket_status=TicketStatus.PENDING))
    history = db.read_sync(lambda s: contact_history(s, result.contact_id))
    assert [(h.id, h.status, h.agent_name) for h in history] == [
        (result.ticket_id, TicketStatus.PENDING, None), (first, TicketStatus.CLOSED, "Bia")]
    assert history[1].last_message_preview == "primeira" and history[1].closed_at is not None

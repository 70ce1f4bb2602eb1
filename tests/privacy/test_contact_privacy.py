"""Export and anonymize a contact (LGPD): the zip holds everything, and afterwards no file of
the data folder holds the contact's text or number."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from whatdesk.services.audit import Actor
from whatdesk.store import get_contact, get_ticket, list_messages
from whatdesk.store.privacy import ANON_PREFIX

from .conftest import PHONE, SECRETS, add_customer, leftovers

pytestmark = pytest.mark.timeout(60)


async def test_export_zip_holds_profile_tickets_messages_notes_answers_and_media(
        runtime, tmp_path: Path) -> None:
    customer = await add_customer(runtime)
    admin = Actor("Alice", 1)
    result = await runtime.privacy.export_contact(customer.contact_id, tmp_path / "zuleica",
                                                  actor=admin)

    assert result.path == (tmp_path / "zuleica.zip").resolve()
    with zipfile.ZipFile(result.path) as zf:
        data = json.loads(zf.read("contact.json"))
        media = [n for n in zf.namelist() if n.startswith("media/")]
        photo = zf.read(media[0])
    assert data["contact"]["phone"] == PHONE
    assert data["contact"]["email"] == "zuleica@exemplo.com.br"
    assert "Anotacao-Secreta" in data["contact"]["notes"]
    assert data["contact"]["custom_fields"] == {"CPF": "Xiquexique"}
    [ticket] = data["tickets"]
    texts = [m["text"] for m in ticket["messages"]]
    assert "Quixabeira corrigido" in texts  # the edit ...
    assert any("Rua Xiquexique 42" in (m["payload"] or {}).get("original_text", "")
               for m in ticket["messages"])  # ... and what was first written
    assert any(m.get("location_name") == "Casa em Jabuticabal" for m in ticket["messages"])
    assert any("Cartao-Visita" in (m.get("vcard") or "") for m in ticket["messages"])
    assert "Resposta-Do-Fluxo" in json.dumps(ticket["flow_run"])
    assert any("Anotacao-Secreta" in e["detail"] for e in ticket["events"])
    assert b"SEGREDO-DA-IMAGEM" in photo
    assert [m["media_file"] for m in ticket["messages"] if m.get("media_file")] == media
    assert "Bento" not in json.dumps(data)  # another customer's data is not in it

    page = await runtime.audit.page()
    [entry] = page.rows
    assert (entry.action, entry.actor, entry.actor_id, entry.target) == \
        ("contact.export", "Alice", 1, f"contact#{customer.contact_id}")
    assert PHONE not in json.dumps(entry.details) and "Zuleica" not in json.dumps(entry.details)


async def test_anonymize_leaves_no_trace_in_database_wal_media_or_journal(runtime) -> None:
    from whatdesk.services.drafts import StoredDraft

    customer = await add_customer(runtime)
    data_dir = runtime.data_dir
    # an agent left a reply half-typed in her conversation (kept for the next session)
    await runtime.drafts.save(1, customer.ticket_id, StoredDraft(
        text="Zuleica, seu pedido para a Rua Xiquexique saiu"))
    assert leftovers(data_dir), "the check must see the data before it is erased"

    await runtime.privacy.anonymize_contact(customer.contact_id, actor=Actor("Alice", 1))

    assert leftovers(data_dir) == []  # whatdesk.db and whatdesk.db-wal while it is open
    assert not customer.media_path.exists()
    contact = await runtime.db.read(lambda s: get_contact(s, customer.contact_id))
    assert contact.phone == f"{ANON_PREFIX}{customer.contact_id}"
    assert (contact.email, contact.notes, contact.custom_fields, contact.lid) == \
        (None, "", {}, None)
    # the conversation is still counted: ticket and message rows stay, without content
    ticket = await runtime.db.read(lambda s: get_ticket(s, customer.ticket_id))
    assert ticket.status.value == "closed"
    rows = await runtime.db.read(lambda s: list_messages(s, customer.ticket_id, limit=100))
    assert len(rows) == 5 and all(r.text == "" and r.media_path is None for r in rows)
    # the other customer is untouched
    other = await runtime.db.read(lambda s: list_messages(s, customer.other_ticket_id))
    assert other[0].text == "Bom dia, aqui é o Bento Carambola"
    # where he mentioned her, the placeholder stands instead of her number
    assert other[1].text == f"fala com a @{ANON_PREFIX}{customer.contact_id}"
    admin = await runtime.agents.ensure_first_admin()  # search shows what an agent may see
    hits = await runtime.search.search("Carambola", admin.id)
    assert hits.messages
    assert not (await runtime.search.search("Xiquexique", admin.id)).messages
    [entry] = (await runtime.audit.page()).rows
    assert entry.action == "contact.anonymize" and entry.details["messages"] == 5

    await runtime.close()
    assert leftovers(data_dir, SECRETS) == []
    assert leftovers(data_dir, ("Carambola",))  # the check would have seen it


async def test_placeholders_of_two_anonymized_contacts_differ_and_are_not_phones(runtime) -> None:
    from whatdesk.domain.errors import InvalidPhone
    from whatdesk.domain.phone import normalize_phone

    customer = await add_customer(runtime)
    await runtime.privacy.anonymize_contact(customer.contact_id)
    await runtime.privacy.anonymize_contact(customer.other_contact_id)
    a = await runtime.privacy.get(customer.contact_id)
    b = await runtime.privacy.get(customer.other_contact_id)
    assert a.phone != b.phone
    for phone in (a.phone, b.phone):
        with pytest.raises(InvalidPhone):
            normalize_phone(phone)
    # the same customer writing again is a new contact, not the anonymized one
    found = await runtime.db.read(lambda s: __import__("whatdesk.store", fromlist=["x"])
                                  .find_contact(s, phone=PHONE))
    assert found is None


async def test_anonymize_on_postgresql_erases_the_rows_and_search_finds_nothing(
        pg_url: str, tmp_path: Path, clock) -> None:
    from whatdesk.services.runtime import Runtime

    rt = Runtime.open(tmp_path / "data", pg_url, clock=clock)
    try:
        customer = await add_customer(rt)
        await rt.privacy.anonymize_contact(customer.contact_id)
        rows = await rt.db.read(lambda s: list_messages(s, customer.ticket_id, limit=100))
        assert len(rows) == 5 and all(r.text == "" for r in rows)
        admin = await rt.agents.ensure_first_admin()
        assert not (await rt.search.search("Quixabeira", admin.id)).messages
        assert (await rt.search.search("Carambola", admin.id)).messages
        contact = await rt.db.read(lambda s: get_contact(s, customer.contact_id))
        assert contact.phone.startswith(ANON_PREFIX)
        assert leftovers(rt.data_dir) == []  # media and journal files
    finally:
        await rt.close()

"""record_inbound: contacts, tickets and messages as a user of the inbox would see them."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from whatdesk.domain.enums import Ack, Direction, MessageKind, TicketStatus
from whatdesk.domain.errors import StoreError
from whatdesk.domain.events import ContactCard, Location, MediaInfo
from whatdesk.store import (
    Database,
    StoredMedia,
    close_ticket,
    create_connection,
    find_contact,
    get_message,
    get_ticket,
    list_messages,
    list_tickets,
    record_inbound,
)

from .conftest import T0, incoming


def _count(db: Database, sql: str) -> int:
    return int(db.read_sync(lambda s: s.execute(text(sql)).scalar()))


def test_first_message_creates_contact_ticket_and_message(db: Database, conn_id: int) -> None:
    msg = incoming(text="Olá, vocês abrem sábado?")
    res = db.write_sync(lambda s: record_inbound(s, conn_id, msg))
    assert res.ticket_created and not res.duplicate
    assert res.ticket_status == TicketStatus.PENDING
    ticket = db.read_sync(lambda s: get_ticket(s, res.ticket_id))
    assert (ticket.unread_count, ticket.last_message_preview, ticket.contact_name) == (
        1, "Olá, vocês abrem sábado?", "Ana")
    assert ticket.last_message_at == msg.timestamp
    [stored] = db.read_sync(lambda s: list_messages(s, res.ticket_id))
    assert (stored.wa_id, stored.direction, stored.text, stored.ack) == (
        msg.wa_id, Direction.IN, "Olá, vocês abrem sábado?", Ack.DELIVERED)


def test_replayed_message_is_a_no_op(db: Database, conn_id: int) -> None:
    msg = incoming(text="primeira")
    first = db.write_sync(lambda s: record_inbound(s, conn_id, msg))
    again = db.write_sync(lambda s: record_inbound(s, conn_id, msg))
    assert again.duplicate and not again.ticket_created
    assert (again.message_id, again.ticket_id, again.contact_id) == (
        first.message_id, first.ticket_id, first.contact_id)
    assert _count(db, "SELECT count(*) FROM messages") == 1
    assert db.read_sync(lambda s: get_ticket(s, first.ticket_id)).unread_count == 1


def test_replay_after_close_does_not_open_a_new_ticket(db: Database, conn_id: int) -> None:
    msg = incoming()
    first = db.write_sync(lambda s: record_inbound(s, conn_id, msg))
    db.write_sync(lambda s: close_ticket(s, first.ticket_id, "agent:1"))
    again = db.write_sync(lambda s: record_inbound(s, conn_id, msg))
    assert again.duplicate
    assert _count(db, "SELECT count(*) FROM tickets") == 1


def test_same_wa_id_on_two_connections_is_two_messages(db: Database, conn_id: int) -> None:
    other = db.write_sync(lambda s: create_connection(s, "Filial").id)
    msg = incoming()
    db.write_sync(lambda s: record_inbound(s, conn_id, msg))
    res = db.write_sync(lambda s: record_inbound(s, other, msg))
    assert not res.duplicate
    assert _count(db, "SELECT count(*) FROM tickets") == 2


async def test_many_concurrent_messages_from_one_contact_make_one_ticket(
        db: Database, conn_id: int) -> None:
    msgs = [incoming(text=f"m{i}") for i in range(60)]
    results = await asyncio.gather(
        *(db.write(lambda s, m=m: record_inbound(s, conn_id, m)) for m in msgs))
    assert len({r.ticket_id for r in results}) == 1
    assert sum(r.ticket_created for r in results) == 1
    assert db.read_sync(lambda s: get_ticket(s, results[0].ticket_id)).unread_count == 60


def test_two_processes_racing_on_one_contact_still_make_one_ticket(db_url: str) -> None:
    # Two Database objects on one database behave like two whatdesk windows sharing it.
    first = Database.open(db_url)
    second = Database.open(db_url)
    try:
        cid = first.write_sync(lambda s: create_connection(s, "Loja").id)
        barrier = threading.Barrier(2)
        ticket_ids: list[int] = []

        def worker(db: Database, tag: str) -> None:
            barrier.wait()
            for i in range(30):
                m = incoming(text=f"{tag}{i}")
                ticket_ids.append(db.write_sync(lambda s: record_inbound(s, cid, m)).ticket_id)

        threads = [threading.Thread(target=worker, args=(d, t))
                   for d, t in ((first, "a"), (second, "b"))]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert len(set(ticket_ids)) == 1
        assert _count(first, "SELECT count(*) FROM messages") == 60
    finally:
        first.close()
        second.close()


def test_message_after_close_opens_a_new_ticket(db: Database, conn_id: int) -> None:
    first = db.write_sync(lambda s: record_inbound(s, conn_id, incoming(text="oi")))
    db.write_sync(lambda s: close_ticket(s, first.ticket_id, "agent:1"))
    second = db.write_sync(lambda s: record_inbound(s, conn_id, incoming(text="voltei")))
    assert second.ticket_created and second.ticket_id != first.ticket_id
    assert second.contact_id == first.contact_id
    closed = db.read_sync(lambda s: get_ticket(s, first.ticket_id))
    assert closed.status == TicketStatus.CLOSED


def test_lid_and_phone_contacts_merge_when_a_message_links_them(
        db: Database, conn_id: int) -> None:
    lid = "987654321012345@lid"
    by_lid = incoming(chat=lid, sender=lid, phone="", lid=lid, text="pelo lid")
    by_lid = by_lid.__class__(**{**by_lid.__dict__, "sender_phone": None})
    a = db.write_sync(lambda s: record_inbound(s, conn_id, by_lid))
    b = db.write_sync(lambda s: record_inbound(s, conn_id, incoming(text="pelo telefone")))
    assert a.contact_id != b.contact_id and a.ticket_id != b.ticket_id
    both = incoming(chat=lid, sender=lid, lid=lid, text="agora os dois")
    c = db.write_sync(lambda s: record_inbound(s, conn_id, both))

    assert _count(db, "SELECT count(*) FROM contacts") == 1
    contact = db.read_sync(lambda s: find_contact(s, phone="5511999990001"))
    assert contact is not None and contact.lid == lid and contact.id == c.contact_id
    active = db.read_sync(lambda s: list_tickets(s, status=TicketStatus.PENDING))
    assert len(active) == 1 and active[0].id == c.ticket_id
    texts = [m.text for m in db.read_sync(lambda s: list_messages(s, c.ticket_id))]
    assert sorted(texts) == ["agora os dois", "pelo lid", "pelo telefone"]
    assert active[0].unread_count == 3


def test_group_message_belongs_to_group_ticket_and_records_sender(
        db: Database, conn_id: int) -> None:
    group = "120363041234567890@g.us"
    m1 = incoming(chat=group, sender="5511999990001@s.whatsapp.net", is_group=True,
                  text="bom dia grupo")
    m2 = incoming(phone="5511999990002", chat=group, sender="5511999990002@s.whatsapp.net",
                  is_group=True, text="bom dia", push_name="Beto")
    r1 = db.write_sync(lambda s: record_inbound(s, conn_id, m1))
    r2 = db.write_sync(lambda s: record_inbound(s, conn_id, m2))
    assert r1.ticket_id == r2.ticket_id and r1.contact_id == r2.contact_id
    ticket = db.read_sync(lambda s: get_ticket(s, r1.ticket_id))
    assert ticket.contact_is_group
    msgs = db.read_sync(lambda s: list_messages(s, r1.ticket_id))
    assert [(m.sender_jid, m.sender_name) for m in msgs] == [
        ("5511999990001@s.whatsapp.net", "Ana"), ("5511999990002@s.whatsapp.net", "Beto")]
    beto = db.read_sync(lambda s: find_contact(s, phone="5511999990002"))
    assert beto is not None and msgs[1].contact_id == beto.id


def test_message_sent_from_the_phone_is_outgoing_and_not_unread(
        db: Database, conn_id: int) -> None:
    r1 = db.write_sync(lambda s: record_inbound(s, conn_id, incoming(text="quanto custa?")))
    mine = incoming(text="R$ 10", from_me=True, sender="5511900000000@s.whatsapp.net")
    r2 = db.write_sync(lambda s: record_inbound(s, conn_id, mine))
    assert r2.ticket_id == r1.ticket_id
    ticket = db.read_sync(lambda s: get_ticket(s, r1.ticket_id))
    assert (ticket.unread_count, ticket.last_message_preview) == (1, "R$ 10")
    assert ticket.contact_name == "Ana"  # our own push name never renames the customer
    stored = db.read_sync(lambda s: get_message(s, r2.message_id))
    assert stored.direction == Direction.OUT and stored.from_me and stored.ack >= Ack.SERVER


def test_reaction_edit_and_revoke_update_their_target(db: Database, conn_id: int) -> None:
    base = db.write_sync(lambda s: record_inbound(s, conn_id, incoming(text="pedido 12")))
    orig_wa = db.read_sync(lambda s: get_message(s, base.message_id)).wa_id
    actions = [
        incoming(kind=MessageKind.REACTION, target_id=orig_wa, reaction="👍", text=""),
        incoming(kind=MessageKind.EDIT, target_id=orig_wa, text="pedido 13"),
        incoming(kind=MessageKind.EDIT, target_id=orig_wa, text="pedido 14"),
    ]
    for a in actions:
        res = db.write_sync(lambda s, a=a: record_inbound(s, conn_id, a))
        assert res.target_message_id == base.message_id and res.ticket_id == base.ticket_id
        assert db.write_sync(lambda s, a=a: record_inbound(s, conn_id, a)).duplicate
    target = db.read_sync(lambda s: get_message(s, base.message_id))
    assert (target.reaction, target.text, target.edited, target.deleted) == (
        "👍", "pedido 14", True, False)
    assert target.payload == {"original_text": "pedido 12"}
    revoke = incoming(kind=MessageKind.REVOKE, target_id=orig_wa, text="")
    db.write_sync(lambda s: record_inbound(s, conn_id, revoke))
    assert db.read_sync(lambda s: get_message(s, base.message_id)).deleted
    ticket = db.read_sync(lambda s: get_ticket(s, base.ticket_id))
    assert (ticket.unread_count, ticket.last_message_preview) == (1, "pedido 12")


def test_reaction_removed_clears_it(db: Database, conn_id: int) -> None:
    base = db.write_sync(lambda s: record_inbound(s, conn_id, incoming()))
    wa = db.read_sync(lambda s: get_message(s, base.message_id)).wa_id
    for emoji in ("❤️", ""):
        r = incoming(kind=MessageKind.REACTION, target_id=wa, reaction=emoji, text="")
        db.write_sync(lambda s, r=r: record_inbound(s, conn_id, r))
    assert db.read_sync(lambda s: get_message(s, base.message_id)).reaction is None


def test_late_older_message_does_not_replace_the_latest_preview(
        db: Database, conn_id: int) -> None:
    new = incoming(text="mais nova", at=T0 + timedelta(hours=1))
    old = incoming(text="mais antiga", at=T0)
    r = db.write_sync(lambda s: record_inbound(s, conn_id, new))
    db.write_sync(lambda s: record_inbound(s, conn_id, old))
    ticket = db.read_sync(lambda s: get_ticket(s, r.ticket_id))
    assert (ticket.last_message_preview, ticket.last_message_at, ticket.unread_count) == (
        "mais nova", new.timestamp, 2)


def test_media_location_and_contact_card_are_kept(db: Database, conn_id: int) -> None:
    media = StoredMedia("/data/media/1/2025-03/ab.jpg", "image/jpeg", 2048, "ab" * 32,
                        "foto.jpg")
    img = incoming(kind=MessageKind.IMAGE, text="olha", media=MediaInfo(mime="image/jpeg"))
    loc = incoming(kind=MessageKind.LOCATION, text="",
                   location=Location(-23.55, -46.63, "Loja", "Av. Paulista"))
    card = incoming(kind=MessageKind.CONTACT, text="",
                    contacts=(ContactCard("Zé", "5511977776666", "BEGIN:VCARD\nEND:VCARD"),))
    r = db.write_sync(lambda s: record_inbound(s, conn_id, img, media))
    db.write_sync(lambda s: record_inbound(s, conn_id, loc))
    db.write_sync(lambda s: record_inbound(s, conn_id, card))
    m_img, m_loc, m_card = db.read_sync(lambda s: list_messages(s, r.ticket_id))
    assert (m_img.media_path, m_img.media_sha256, m_img.media_filename) == (
        media.path, media.sha256, "foto.jpg")
    assert (m_loc.latitude, m_loc.longitude, m_loc.location_address) == (
        -23.55, -46.63, "Av. Paulista")
    assert m_card.vcard == "BEGIN:VCARD\nEND:VCARD"
    assert db.read_sync(lambda s: get_ticket(s, r.ticket_id)).last_message_preview \
        == "👤 Contato"


def test_odd_values_from_the_network_are_stored_on_every_database(
        db: Database, conn_id: int) -> None:
    # SQLite stores anything; PostgreSQL refuses NUL characters and strings longer than
    # their column. A message must never be lost over either.
    long_name = "Ñ" * 256  # the normaliser lets push names of up to 256 characters through
    doc = incoming(kind=MessageKind.DOCUMENT, text="nota\x00fiscal", push_name=long_name,
                   media=MediaInfo(mime="application/" + "x" * 300, filename="f\x00" * 200),
                   location=Location(1.0, 2.0, "lo\x00ja", "rua\x00"),
                   contacts=(ContactCard("Zé", None, "BEGIN\x00:VCARD"),))
    res = db.write_sync(lambda s: record_inbound(s, conn_id, doc))
    [stored] = db.read_sync(lambda s: list_messages(s, res.ticket_id))
    assert stored.text == "notafiscal"
    assert stored.media_filename == "f" * 200
    assert stored.media_mime is not None and len(stored.media_mime) == 200
    assert (stored.location_name, stored.location_address, stored.vcard) == (
        "loja", "rua", "BEGIN:VCARD")
    contact = db.read_sync(lambda s: find_contact(s, phone="5511999990001"))
    assert contact is not None and contact.push_name == long_name[:200]
    group = incoming(chat="120363000000000001@g.us", push_name=long_name, is_group=True,
                     sender="5511999990002@s.whatsapp.net", text="oi\x00")
    g = db.write_sync(lambda s: record_inbound(s, conn_id, group))
    [in_group] = db.read_sync(lambda s: list_messages(s, g.ticket_id))
    assert in_group.text == "oi" and in_group.sender_name == long_name[:200]


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.integers(0, 3), st.integers(0, 14), st.booleans()),
                min_size=1, max_size=30))
def test_any_stream_of_messages_and_replays_keeps_the_inbox_consistent(
        new_db_url: Callable[[], str], stream: list[tuple[int, int, bool]]) -> None:
    db = Database.open(new_db_url())
    try:
        cid = db.write_sync(lambda s: create_connection(s, "P").id)
        sent: dict[str, tuple[int, bool]] = {}
        for who, n, from_me in stream:
            wa = f"W{who}-{n}"
            phone = f"55119999900{who:02d}"
            m = incoming(phone=phone, wa_id=wa, text=wa, from_me=from_me,
                         sender="5511900000000@s.whatsapp.net" if from_me else None)
            res = db.write_sync(lambda s, m=m: record_inbound(s, cid, m))
            assert res.duplicate == (wa in sent)
            sent.setdefault(wa, (who, from_me))
        assert _count(db, "SELECT count(*) FROM messages") == len(sent)
        assert _count(db, "SELECT count(*) FROM tickets") == len({w for w, _ in sent.values()})
        for ticket in db.read_sync(lambda s: list_tickets(s)):
            phone_who = int(ticket.contact_phone[-2:])  # type: ignore[index]
            expected = sum(1 for w, mine in sent.values() if w == phone_who and not mine)
            assert ticket.unread_count == expected
    finally:
        db.close()


@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.integers(0, 2), st.sampled_from(["phone", "lid", "both"])),
                min_size=1, max_size=20))
def test_any_mix_of_phone_and_lid_messages_ends_with_one_contact_per_known_link(
        new_db_url: Callable[[], str], stream: list[tuple[int, str]]) -> None:
    db = Database.open(new_db_url())
    try:
        cid = db.write_sync(lambda s: create_connection(s, "P").id)
        for person, how in stream:
            phone, lid = f"55119999900{person:02d}", f"{700 + person}@lid"
            if how == "phone":
                m = incoming(phone=phone)
            else:
                m = incoming(phone=phone, chat=lid, sender=lid, lid=lid)
                if how == "lid":
                    m = m.__class__(**{**m.__dict__, "sender_phone": None})
            db.write_sync(lambda s, m=m: record_inbound(s, cid, m))
        expected_contacts = 0
        for person in {p for p, _ in stream}:
            ways = {h for p, h in stream if p == person}
            expected_contacts += 1 if "both" in ways or len(ways) == 1 else 2
        assert _count(db, "SELECT count(*) FROM contacts") == expected_contacts
        assert _count(db, "SELECT count(*) FROM tickets") == expected_contacts
        assert _count(db, "SELECT count(*) FROM messages") == len(stream)
        assert _count(db, "SELECT coalesce(sum(unread_count), 0) FROM tickets") == len(stream)
        assert _count(db, "SELECT count(*) FROM messages m JOIN tickets t ON t.id = m.ticket_id"
                          " WHERE m.contact_id <> t.contact_id") == 0
    finally:
        db.close()


@pytest.mark.sqlite_only  # a trigger that silently skips an INSERT (SQLite's RAISE(IGNORE))
@pytest.mark.parametrize("table", ["tickets", "messages"])
def test_an_insert_skipped_for_another_reason_is_a_clear_error_and_stores_nothing(
        db: Database, conn_id: int, table: str) -> None:
    # ON CONFLICT DO NOTHING returning no row normally means "someone else stored it first";
    # when nothing can be found either, the write fails with a message, not an assertion.
    db.write_sync(lambda s: s.execute(text(
        f"CREATE TRIGGER skip_it BEFORE INSERT ON {table} BEGIN SELECT RAISE(IGNORE); END")))
    with pytest.raises(StoreError, match="não pôde ser"):
        db.write_sync(lambda s: record_inbound(s, conn_id, incoming(text="oi")))
    assert _count(db, "SELECT count(*) FROM messages") == 0
    assert _count(db, "SELECT count(*) FROM tickets") == 0


@pytest.mark.sqlite_only  # the fast path runs on SQLite's driver connection
def test_a_write_refused_by_the_database_on_the_fast_path_is_a_store_error(
        db: Database, conn_id: int) -> None:
    db.write_sync(lambda s: s.execute(text(
        "CREATE TRIGGER refuse BEFORE INSERT ON messages BEGIN "
        "SELECT RAISE(ABORT, 'refused by test'); END")))
    with pytest.raises(StoreError, match="refused by test"):
        db.write_sync(lambda s: record_inbound(s, conn_id, incoming(text="oi")))
    assert _count(db, "SELECT count(*) FROM messages") == 0

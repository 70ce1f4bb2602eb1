"""Search: what the agent finds for what they type, on SQLite (FTS5) and PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from whatdesk.domain.enums import MessageKind
from whatdesk.domain.events import OutboundMessage
from whatdesk.store import (
    Database,
    create_connection,
    delete_connection,
    get_message,
    record_inbound,
    update_contact,
)
from whatdesk.store.outbound import enqueue_outbound
from whatdesk.store.search import make_snippet, parse_query, search

from .conftest import incoming


def _bold(snippet: str, marks: tuple[tuple[int, int], ...]) -> str:
    out, last = [], 0
    for a, b in marks:
        out += [snippet[last:a], "[", snippet[a:b], "]"]
        last = b
    return "".join(out + [snippet[last:]])


def _found(db: Database, q: str) -> list[str]:
    return [_bold(h.snippet, h.highlights) for h in db.read_sync(lambda s: search(s, q)).messages]


def test_a_word_finds_its_messages_newest_first_accents_and_case_ignored(
        db: Database, conn_id: int) -> None:
    for text in ("Meu pedido não chegou", "Qual o horário de atendimento?",
                 "O PEDIDO 123 chegou amassado", "Obrigada, até amanhã"):
        db.write_sync(lambda s, t=text: record_inbound(s, conn_id, incoming(text=t)))
    assert _found(db, "pedido") == ["O [PEDIDO] 123 chegou amassado",
                                    "Meu [pedido] não chegou"]
    assert _found(db, "nao") == ["Meu pedido [não] chegou"]
    assert _found(db, "HORARIO") == ["Qual o [horário] de atendimento?"]
    assert _found(db, "amanha") == ["Obrigada, até [amanhã]"]
    # a word being typed matches from its third letter on ("cheg" → "chegou")
    assert _found(db, "cheg") == ["O PEDIDO 123 [chegou] amassado",
                                  "Meu pedido não [chegou]"]
    # every word must occur; quotes ask for the exact phrase
    assert _found(db, "pedido amassado") == ["O [PEDIDO] 123 chegou [amassado]"]
    assert _found(db, '"pedido chegou"') == []
    assert _found(db, '"pedido não chegou"') == ["Meu [pedido] [não] [chegou]"]


def test_hit_names_ticket_message_contact_and_time(db: Database, conn_id: int) -> None:
    res = db.write_sync(lambda s: record_inbound(
        s, conn_id, incoming(phone="5511988887777", text="segunda via do boleto",
                             push_name="Dona Rosa")))
    [hit] = db.read_sync(lambda s: search(s, "boleto")).messages
    msg = db.read_sync(lambda s: get_message(s, res.message_id))
    assert (hit.message_id, hit.ticket_id, hit.contact_name, hit.at, hit.from_me) == (
        res.message_id, res.ticket_id, "Dona Rosa", msg.created_at, False)


def test_replies_notes_edits_and_deletions_keep_the_index_exact(
        db: Database, conn_id: int) -> None:
    first = db.write_sync(lambda s: record_inbound(s, conn_id, incoming(text="quero um orçamento")))
    db.write_sync(lambda s: enqueue_outbound(s, conn_id, first.ticket_id, OutboundMessage(
        wa_id="OUT1", to="5511999990001@s.whatsapp.net", kind=MessageKind.TEXT,
        text="Segue o orçamento em anexo")))
    assert _found(db, "orcamento") == ["Segue o [orçamento] em anexo",
                                       "quero um [orçamento]"]
    wa = db.read_sync(lambda s: get_message(s, first.message_id)).wa_id
    db.write_sync(lambda s: record_inbound(s, conn_id, incoming(
        kind=MessageKind.EDIT, target_id=wa, text="quero uma cotação")))
    assert _found(db, "orcamento") == ["Segue o [orçamento] em anexo"]
    assert _found(db, "cotacao") == ["quero uma [cotação]"]
    # reactions and edits are not messages of their own; a revoked message is gone
    db.write_sync(lambda s: record_inbound(s, conn_id, incoming(
        kind=MessageKind.REACTION, target_id=wa, reaction="cotação", text="cotação")))
    db.write_sync(lambda s: record_inbound(s, conn_id, incoming(
        kind=MessageKind.REVOKE, target_id=wa, text="")))
    assert _found(db, "cotacao") == []
    db.write_sync(lambda s: delete_connection(s, conn_id, keep_conversations=False))
    assert _found(db, "orcamento") == []


def test_contacts_are_found_by_name_and_by_part_of_their_number(
        db: Database, conn_id: int) -> None:
    a = db.write_sync(lambda s: record_inbound(
        s, conn_id, incoming(phone="5511987654321", text="oi", push_name="João Araújo")))
    db.write_sync(lambda s: record_inbound(
        s, conn_id, incoming(phone="5521912345678", text="olá", push_name="Maria Souza")))
    page = db.read_sync(lambda s: search(s, "joao"))
    assert [(c.name, c.ticket_id, c.phone) for c in page.contacts] == [
        ("João Araújo", a.ticket_id, "5511987654321")]
    assert [page.contacts[0].name[x:y] for x, y in page.contacts[0].highlights] == ["João"]
    assert [c.name for c in db.read_sync(lambda s: search(s, "(11) 98765")).contacts] == [
        "João Araújo"]
    # a renamed contact is found by the new name only
    db.write_sync(lambda s: update_contact(s, a.contact_id, name="Seu Zé da Padaria"))
    assert [c.name for c in db.read_sync(lambda s: search(s, "padaria")).contacts] == [
        "Seu Zé da Padaria"]
    assert [c.name for c in db.read_sync(lambda s: search(s, "sauza")).contacts] == []


def test_pages_continue_where_the_last_one_stopped(db: Database, conn_id: int) -> None:
    for i in range(7):
        db.write_sync(lambda s, i=i: record_inbound(s, conn_id, incoming(text=f"boleto {i}")))
    seen: list[str] = []
    before = None
    while True:
        page = db.read_sync(lambda s, b=before: search(s, "boleto", before_id=b, limit=3))
        seen += [h.snippet for h in page.messages]
        assert page.contacts == () or before is None
        if page.next_before_id is None:
            break
        before = page.next_before_id
    assert seen == [f"boleto {i}" for i in reversed(range(7))]


def test_long_message_snippet_is_one_line_around_the_match() -> None:
    text = ("Bom dia!\n\n" + "palavra " * 30 + "o meu boleto venceu ontem " + "fim " * 40)
    snippet, marks = make_snippet(text, parse_query("boleto"))
    assert snippet.startswith("…") and snippet.endswith("…") and "\n" not in snippet
    assert [snippet[a:b] for a, b in marks] == ["boleto"]
    assert len(snippet) <= 142


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=60) | st.sampled_from(
    ['"', '""', 'a OR b', 'NEAR(a b)', '*', '-x', 'a:b', "'", "\\", "a & | ! <->",
     'col:"x"', '^a', '(((', 'AND', '"a" + "b"', '\x00', 'São "Paulo']))
def test_no_input_can_break_the_query(db: Database, conn_id: int, raw: str) -> None:
    page = db.read_sync(lambda s: search(s, raw))
    assert isinstance(page.messages, tuple)


def test_old_database_is_indexed_when_upgraded(new_db_url: Callable[[], str]) -> None:
    """Rows written before the search index existed are found after the upgrade (backfill)."""
    from alembic import command

    from whatdesk.store.db import alembic_config

    url = new_db_url()
    db = Database.open(url)
    cid = db.write_sync(lambda s: create_connection(s, "Loja", channel="sandbox").id)
    db.write_sync(lambda s: record_inbound(s, cid, incoming(text="entrega atrasada",
                                                           push_name="Cláudia")))
    db.close()
    command.downgrade(alembic_config(url=url), "0005")
    command.upgrade(alembic_config(url=url), "head")
    db = Database.open(url)
    try:
        assert _found(db, "entrega") == ["[entrega] atrasada"]
        assert [c.name for c in db.read_sync(lambda s: search(s, "claudia")).contacts] == [
            "Cláudia"]
    finally:
        db.close()


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300), st.text(max_size=40))
def test_any_message_and_query_make_a_snippet_with_marks_inside_it(text: str, raw: str) -> None:
    """Customer text of any shape (combining marks, ligatures, emoji, newlines) never breaks
    the snippet, and every bold range lies inside it."""
    snippet, marks = make_snippet(text, parse_query(raw))
    assert all(c == " " or not c.isspace() for c in snippet)
    assert all(0 <= a < b <= len(snippet) for a, b in marks)
    assert list(marks) == sorted(marks)


def test_an_agent_finds_only_the_tickets_the_ticket_list_shows_them(
        db: Database, conn_id: int) -> None:
    from sqlalchemy import update

    from whatdesk.store import create_agent, create_queue
    from whatdesk.store._sql import tickets_t

    vendas = db.write_sync(lambda s: create_queue(s, "Vendas")).id
    suporte = db.write_sync(lambda s: create_queue(s, "Suporte")).id
    bia = db.write_sync(lambda s: create_agent(s, "Bia", queue_ids=(vendas,)))
    rui = db.write_sync(lambda s: create_agent(s, "Rui", queue_ids=(suporte,)))
    admin = db.write_sync(lambda s: create_agent(s, "Adm", is_admin=True))
    placed = {"Ana": (vendas, None), "Caio": (suporte, rui.id), "Duda": (suporte, bia.id),
              "Eva": (None, None)}
    for n, (name, (queue, agent)) in enumerate(placed.items()):
        res = db.write_sync(lambda s, n=n, name=name: record_inbound(s, conn_id, incoming(
            phone=f"551190000000{n}", push_name=f"{name} Cliente", text=f"boleto de {name}")))
        db.write_sync(lambda s, t=res.ticket_id, q=queue, a=agent: s.execute(
            update(tickets_t).where(tickets_t.c.id == t).values(queue_id=q, agent_id=a)))

    def found(viewer, q="boleto", limit=30):
        page = db.read_sync(lambda s: search(s, q, viewer=viewer, limit=limit))
        return [h.snippet for h in page.messages], [c.name for c in page.contacts]

    assert found(bia) == (["boleto de Eva", "boleto de Duda", "boleto de Ana"], [])
    assert found(bia, "cliente")[1] == ["Eva Cliente", "Duda Cliente", "Ana Cliente"]
    assert found(bia, "boleto", limit=1)[0] == ["boleto de Eva"]
    assert found(rui, "cliente")[1] == ["Eva Cliente", "Duda Cliente", "Caio Cliente"]
    assert len(found(admin)[0]) == len(found(None)[0]) == 4

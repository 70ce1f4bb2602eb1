"""Importing a contacts file: untrusted input, checked line by line, merged by number."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from whatdesk.services import contact_import
from whatdesk.services.contact_import import ImportRefused, read_contacts_file
from whatdesk.store import find_contact, update_contact, upsert_contact
from whatdesk.store._sql import contacts_t


def _count(runtime: Any) -> int:
    return len(runtime.db.read_sync(lambda s: s.connection().execute(
        contacts_t.select()).all()))


def _problems(plan: Any) -> list[tuple[int, str, str]]:
    return [(p.line, p.code, p.value) for p in plan.problems]


def test_excel_csv_bad_rows_reported_by_line_repeats_merged(tmp_path: Path) -> None:
    # what Excel in Brazil saves: semicolons, Windows-1252
    text = ("Nome;Telefone;E-mail\n"
            "Ana Paula;(11) 98765-4321;\n"
            "João;abc;\n"
            ";;\n"
            "José;+351 912 345 678;jose@\n"
            "Ana P.;11987654321;ana@loja.com.br\n"
            "Sem número;;\n")
    path = tmp_path / "clientes.csv"
    path.write_bytes(text.encode("cp1252"))
    plan = read_contacts_file(path)
    assert [(c.line, c.phone, c.name, c.email) for c in plan.contacts] == [
        (2, "5511987654321", "Ana Paula", "ana@loja.com.br")]  # line 6 filled the e-mail
    assert plan.duplicates == 1
    assert _problems(plan) == [(3, "bad_phone", "abc"), (5, "bad_email", "jose@"),
                               (7, "no_phone", "Sem número")]


def test_csv_without_header_and_google_contacts_export(tmp_path: Path) -> None:
    bare = tmp_path / "lista.csv"
    bare.write_text("Maria,+55 21 91234-5678,maria@x.com\nPedro,(31) 99999-0000\n",
                    encoding="utf-8")
    assert [(c.name, c.phone, c.email) for c in read_contacts_file(bare).contacts] == [
        ("Maria", "5521912345678", "maria@x.com"), ("Pedro", "5531999990000", None)]
    google = tmp_path / "google.csv"
    google.write_text("First Name,Last Name,E-mail 1 - Value,Phone 1 - Value\n"
                      "Carla,Dias,carla@x.com,+55 11 95555-0001\n", encoding="utf-8-sig")
    assert [(c.name, c.phone, c.email) for c in read_contacts_file(google).contacts] == [
        ("Carla Dias", "5511955550001", "carla@x.com")]


def test_vcards_from_a_phone_quoted_printable_and_whatsapp_numbers(tmp_path: Path) -> None:
    path = tmp_path / "contatos.vcf"
    path.write_text(
        "BEGIN:VCARD\r\nVERSION:2.1\r\n"
        "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Concei=C3=A7=C3=A3o;Jo=C3=A3o;;;\r\n"
        "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Jo=C3=A3o Concei=C3=A7=C3=A3o\r\n"
        "TEL;CELL:+55 21 91234-5678\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Maria\r\nTEL;TYPE=HOME:+55 11 3333-4444\r\n"
        "TEL;type=CELL;waid=5511955550001:+55 11 95555-0001\r\nEMAIL:maria@x.com\r\n"
        "END:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Errado\r\nTEL:12\r\nEND:VCARD\r\n",
        encoding="utf-8")
    plan = read_contacts_file(path)
    assert [(c.line, c.name, c.phone, c.email) for c in plan.contacts] == [
        (1, "João Conceição", "5521912345678", None),
        (7, "Maria", "5511955550001", "maria@x.com")]
    assert _problems(plan) == [(14, "bad_phone", "12")]


@pytest.mark.parametrize(("content", "code"), [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not_text"),
    (b"Nome;Cidade\nAna;Recife\n", "no_phone_column"),
    (b"", "not_contacts"),
    (b"BEGIN:VCARD\nFN:Sem fim\n", "not_contacts"),
])
def test_unusable_files_are_refused_with_a_reason(tmp_path: Path, content: bytes,
                                                  code: str) -> None:
    path = tmp_path / "arquivo.csv"
    path.write_bytes(content)
    with pytest.raises(ImportRefused) as refused:
        read_contacts_file(path)
    assert refused.value.code == code


def test_size_and_row_caps(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    big = tmp_path / "big.csv"
    with big.open("wb") as f:
        f.truncate(contact_import.MAX_BYTES + 1)
    with pytest.raises(ImportRefused) as refused:
        read_contacts_file(big)
    assert refused.value.code == "too_big"
    monkeypatch.setattr(contact_import, "MAX_ROWS", 3)
    many = tmp_path / "many.csv"
    many.write_text("".join(f"Cliente {i},+55 11 9{i:04d}-0000\n" for i in range(4)))
    with pytest.raises(ImportRefused) as refused:
        read_contacts_file(many)
    assert refused.value.code == "too_many"


async def test_import_adds_new_numbers_and_completes_known_ones_never_doubling(
        runtime: Any, tmp_path: Path) -> None:
    known = runtime.db.write_sync(lambda s: upsert_contact(s, phone="5511987654321",
                                                           name="Ana (cliente antiga)"))
    pushed = runtime.db.write_sync(lambda s: upsert_contact(s, phone="5521912345678"))
    runtime.db.write_sync(lambda s: update_contact(s, pushed.id, email="joao@x.com"))
    path = tmp_path / "clientes.csv"
    path.write_text("nome,telefone,email\n"
                    "Ana Paula,(11) 98765-4321,ana@x.com\n"  # known: gets the e-mail only
                    "João,(21) 91234-5678,outro@x.com\n"  # known: gets the name only
                    "Carla,(31) 99999-0000,\n", encoding="utf-8")  # new
    before = _count(runtime)
    plan = await runtime.contacts.read_import(str(path))
    assert _count(runtime) == before  # reading writes nothing
    counts = await runtime.contacts.import_people(plan)
    assert (counts.added, counts.completed, counts.unchanged) == (1, 2, 0)
    assert _count(runtime) == before + 1
    ana = runtime.db.read_sync(lambda s: find_contact(s, phone="5511987654321"))
    assert (ana.id, ana.name, ana.email) == (known.id, "Ana (cliente antiga)", "ana@x.com")
    joao = runtime.db.read_sync(lambda s: find_contact(s, phone="5521912345678"))
    assert (joao.name, joao.email) == ("João", "joao@x.com")
    again = await runtime.contacts.import_people(await runtime.contacts.read_import(str(path)))
    assert (again.added, again.completed, again.unchanged) == (0, 0, 3)
    assert _count(runtime) == before + 1

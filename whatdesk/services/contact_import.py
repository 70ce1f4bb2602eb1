"""Read a contacts file (CSV or vCard) someone hands us: untrusted, so capped and checked.

``read_contacts_file(path)`` never writes anything: it returns the people found (numbers
normalized, duplicates inside the file merged) and a problem per bad line, as codes the
window words in the user's language. A file that cannot be read at all raises
``ImportRefused`` (with the same kind of code). Writing is ``store.contact_import``'s job,
in one transaction.
"""

from __future__ import annotations

import csv
import io
import quopri
import re
from dataclasses import dataclass, field
from pathlib import Path

from whatdesk.domain.errors import InvalidPhone, WhatdeskError
from whatdesk.domain.phone import normalize_phone
from whatdesk.store.contact_import import ImportedContact
from whatdesk.store.contacts import InvalidContactField, clean_contact_name, clean_email
from whatdesk.store.search import fold

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 20_000
MAX_PROBLEMS = 200  # problems listed; the count goes on
VALUE_SHOWN = 40  # how much of a bad value a problem quotes


class ImportRefused(WhatdeskError):
    """The whole file is refused; ``code`` (and ``value``) say why, nothing was written."""

    def __init__(self, code: str, pt: str, en: str, value: int | str = "") -> None:
        super().__init__(pt, en=en)
        self.code = code
        self.value = value


@dataclass(frozen=True)
class ImportProblem:
    line: int
    code: str  # "no_phone" | "bad_phone" | "bad_email" | "long_name"
    value: str = ""  # the offending text, cut to VALUE_SHOWN characters


@dataclass
class ImportPlan:
    """What a file holds, before anything is written."""

    contacts: list[ImportedContact] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)
    problem_count: int = 0
    duplicates: int = 0  # rows of a number seen earlier in the file (merged into it)
    kind: str = "csv"  # "csv" | "vcard"

    def problem(self, line: int, code: str, value: str = "") -> None:
        self.problem_count += 1
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(ImportProblem(line, code, _shown(value)))


def _shown(value: str) -> str:
    one_line = " ".join(str(value).split())
    return one_line if len(one_line) <= VALUE_SHOWN else one_line[:VALUE_SHOWN - 1] + "…"


def read_contacts_file(path: str | Path) -> ImportPlan:
    """The plan for a .csv or .vcf file (blocking: run it in an executor)."""
    target = Path(path)
    try:
        size = target.stat().st_size
        if size > MAX_BYTES:
            raise ImportRefused(
                "too_big", f"O arquivo tem mais de {MAX_BYTES // (1024 * 1024)} MB.",
                f"The file is larger than {MAX_BYTES // (1024 * 1024)} MB.", MAX_BYTES)
        with target.open("rb") as f:
            data = f.read(MAX_BYTES + 1)
    except OSError as exc:
        raise ImportRefused("unreadable", "Não foi possível ler o arquivo.",
                            "The file could not be read.", exc.strerror or "") from exc
    if len(data) > MAX_BYTES:
        raise ImportRefused("too_big", "O arquivo é grande demais.", "The file is too large.",
                            MAX_BYTES)
    text = _decode(data)
    if re.match(r"\s*BEGIN:VCARD", text, re.IGNORECASE):
        return _read_vcards(text)
    if target.suffix.lower() in (".vcf", ".vcard"):
        raise ImportRefused("not_contacts", "Este arquivo não contém contatos.",
                            "This file holds no contacts.")
    return _read_csv(text)


def _decode(data: bytes) -> str:
    if b"\x00" in data[:4096]:
        raise ImportRefused("not_text", "Este arquivo não é um texto (CSV ou vCard).",
                            "This file is not text (CSV or vCard).")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:  # Excel in Brazil saves CSV in Windows-1252
        return data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise ImportRefused("not_text", "Este arquivo não é um texto (CSV ou vCard).",
                            "This file is not text (CSV or vCard).") from exc


class _Merger:
    """People by number: a number seen again fills what the first row left empty."""

    def __init__(self, plan: ImportPlan) -> None:
        self.plan = plan
        self.by_phone: dict[str, int] = {}
        self.rows = 0

    def add(self, line: int, name: str, phone: str, email: str) -> None:
        plan = self.plan
        self.rows += 1
        if self.rows > MAX_ROWS:
            raise ImportRefused(
                "too_many", f"O arquivo tem mais de {MAX_ROWS} contatos: divida-o em partes.",
                f"The file has more than {MAX_ROWS} contacts: split it.", MAX_ROWS)
        if not phone.strip():
            if name.strip() or email.strip():
                plan.problem(line, "no_phone", name or email)
            return
        try:
            digits = normalize_phone(phone)
        except InvalidPhone:
            plan.problem(line, "bad_phone", phone)
            return
        try:
            clean_name = clean_contact_name(name)
        except InvalidContactField:
            plan.problem(line, "long_name", name)
            return
        try:
            clean_mail = clean_email(email)
        except InvalidContactField:
            plan.problem(line, "bad_email", email)
            return
        at = self.by_phone.get(digits)
        if at is not None:
            plan.duplicates += 1
            first = plan.contacts[at]
            plan.contacts[at] = ImportedContact(first.line, first.phone,
                                                first.name or clean_name,
                                                first.email or clean_mail)
            return
        self.by_phone[digits] = len(plan.contacts)
        plan.contacts.append(ImportedContact(line, digits, clean_name, clean_mail))


# ---- CSV ------------------------------------------------------------------------------------

_NAME_HEADERS = {"nome", "name", "nome completo", "full name", "contato", "contact",
                 "display name", "cliente"}
_FIRST_HEADERS = {"first name", "given name", "primeiro nome"}
_LAST_HEADERS = {"last name", "family name", "sobrenome"}
_PHONE_HEADERS = {"telefone", "phone", "numero", "celular", "whatsapp", "fone", "mobile",
                  "tel", "phone number", "telephone", "numero de telefone", "mobile phone",
                  "telefone celular", "contato whatsapp"}
_EMAIL_HEADERS = {"email", "e-mail", "mail", "correio eletronico", "email address",
                  "e-mail address"}


def _header_role(cell: str) -> str | None:
    h = " ".join(fold(cell).replace("_", " ").split())
    if h in _NAME_HEADERS:
        return "name"
    if h in _FIRST_HEADERS:
        return "first"
    if h in _LAST_HEADERS:
        return "last"
    if h in _PHONE_HEADERS or (h.startswith("phone ") and h.endswith(" value")):
        return "phone"
    if h in _EMAIL_HEADERS or (h.startswith("e-mail ") and h.endswith(" value")):
        return "email"
    return None


def _cell(cells: list[str], columns: dict[str, int], role: str) -> str:
    i = columns.get(role)
    return cells[i] if i is not None and i < len(cells) else ""


def _read_csv(text: str) -> ImportPlan:
    plan = ImportPlan(kind="csv")
    first_line = text.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    merger = _Merger(plan)
    columns: dict[str, int] | None = None
    try:
        for row in reader:
            line = reader.line_num
            cells = [c.strip() for c in row]
            if not any(cells):
                continue
            if columns is None:
                roles: dict[str, int] = {}
                for i, cell in enumerate(cells):
                    role = _header_role(cell)
                    if role is not None and role not in roles:
                        roles[role] = i
                if "phone" in roles:
                    columns = roles
                    continue
                if roles:  # a header without a phone column
                    raise ImportRefused(
                        "no_phone_column", "O arquivo não tem uma coluna de telefone.",
                        "The file has no phone number column.")
                columns = {"name": 0, "phone": 1, "email": 2}  # no header: name, phone, e-mail

            name = _cell(cells, columns, "name") or " ".join(
                p for p in (_cell(cells, columns, "first"), _cell(cells, columns, "last")) if p)
            merger.add(line, name, _cell(cells, columns, "phone"),
                       _cell(cells, columns, "email"))
    except csv.Error as exc:
        raise ImportRefused("damaged", "O arquivo CSV está corrompido.",
                            "The CSV file is damaged.", reader.line_num) from exc
    if not plan.contacts and not plan.problem_count:
        raise ImportRefused("not_contacts", "Este arquivo não contém contatos.",
                            "This file holds no contacts.")
    return plan


# ---- vCard ----------------------------------------------------------------------------------

def _unfold(text: str) -> list[tuple[int, str]]:
    """Logical lines with the number of the physical line each starts on (RFC 6350 §3.2
    folding; vCard 2.1 quoted-printable soft breaks too)."""
    out: list[tuple[int, str]] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        if raw[:1] in (" ", "\t") and out:
            out[-1] = (out[-1][0], out[-1][1] + raw[1:])
        elif out and out[-1][1].endswith("=") and "QUOTED-PRINTABLE" in out[-1][1].upper():
            out[-1] = (out[-1][0], out[-1][1][:-1] + raw)
        else:
            out.append((number, raw))
    return out


def _value(prop: str) -> tuple[str, str]:
    """(name with parameters, decoded value) of one content line."""
    head, _, value = prop.partition(":")
    params = head.upper()
    if "QUOTED-PRINTABLE" in params:
        charset = re.search(r"CHARSET=([\w-]+)", params)
        try:
            value = quopri.decodestring(value.encode("latin-1", "replace")).decode(
                charset.group(1).lower() if charset else "utf-8", "replace")
        except LookupError:
            value = quopri.decodestring(value.encode("latin-1", "replace")).decode(
                "utf-8", "replace")
    value = value.replace("\\,", ",").replace("\\;", ";").replace("\\n", " ")
    return head, value.replace("\\\\", "\\")


def _read_vcards(text: str) -> ImportPlan:
    plan = ImportPlan(kind="vcard")
    merger = _Merger(plan)
    card: dict[str, str] | None = None
    start = 0
    for number, prop in _unfold(text):
        tag = prop.split(":", 1)[0].split(";", 1)[0].split(".")[-1].upper()
        if tag == "BEGIN" and prop.upper().startswith("BEGIN:VCARD"):
            card, start = {}, number
            continue
        if card is None:
            continue
        if tag == "END":
            name = card.get("FN") or card.get("N", "")
            merger.add(start, name, card.get("TEL", ""), card.get("EMAIL", ""))
            card = None
            continue
        head, value = _value(prop)
        if tag == "FN" and "FN" not in card:
            card["FN"] = value.strip()
        elif tag == "N" and "N" not in card:
            parts = [p.strip() for p in value.split(";")]
            # family; given; additional; prefix; suffix → "given additional family"
            order = parts[1:3] + parts[:1] if len(parts) > 1 else parts
            card["N"] = " ".join(p for p in order if p)
        elif tag == "TEL":
            # the WhatsApp number (waid=) wins; else the first number given
            waid = re.search(r"WAID=(\d+)", head.upper())
            if waid:
                card["TEL"] = "+" + waid.group(1)
                card["WAID"] = "1"
            elif "TEL" not in card:
                card["TEL"] = value.strip()
        elif tag == "EMAIL" and "EMAIL" not in card:
            card["EMAIL"] = value.strip()
    if not plan.contacts and not plan.problem_count:
        raise ImportRefused("not_contacts", "Este arquivo não contém contatos.",
                            "This file holds no contacts.")
    return plan

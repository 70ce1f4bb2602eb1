"""Privacy tests: a real Runtime on a SQLite file with one customer whose data is spread over
every place the app stores it (rows, search index, flow answers, media, inbound journal)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from whatdesk.domain.clock import VirtualClock
from whatdesk.domain.enums import MessageKind
from whatdesk.domain.events import ContactCard, InboundMessage, Location, MediaInfo
from whatdesk.services.runtime import Runtime

T0 = datetime(2026, 1, 5, 12, 0, tzinfo=UTC)
PHONE = "5511987654321"
OTHER_PHONE = "5521912345678"
# Words that exist only in this customer's data: none may survive an anonymization.
SECRETS = ("Zuleica", "Quixabeira", "Xiquexique", "Jabuticabal", "zuleica@exemplo.com.br",
           "Anotacao-Secreta", "Resposta-Do-Fluxo", "Cartao-Visita", PHONE, "987654321",
           "SEGREDO-DA-IMAGEM")


@dataclass
class Customer:
    contact_id: int
    ticket_id: int
    other_contact_id: int
    other_ticket_id: int
    media_path: Path


def _msg(n: int, text: str = "", phone: str = PHONE, **extra: object) -> InboundMessage:
    jid = f"{phone}@s.whatsapp.net"
    return InboundMessage(
        wa_id=f"3EB0{phone[-4:]}{n:06d}", chat=jid, sender=jid,
        timestamp=T0 + timedelta(seconds=n), kind=extra.pop("kind", MessageKind.TEXT),  # type: ignore[arg-type]
        sender_phone=phone, push_name="Zuleica Quixabeira" if phone == PHONE else "Bento",
        text=text, **extra)  # type: ignore[arg-type]


@pytest.fixture
def clock() -> VirtualClock:
    return VirtualClock(T0)


@pytest.fixture
async def runtime(tmp_path: Path, clock: VirtualClock) -> AsyncIterator[Runtime]:
    rt = Runtime.open(tmp_path / "data", clock=clock)
    yield rt
    await rt.close()


async def add_customer(rt: Runtime) -> Customer:
    """Zuleica writes texts, a location, a contact card, a photo; an agent notes things
    about her; a flow stored her answer; her raw events sit (done) in the inbound journal.
    Bento, another customer, writes too: his data must stay."""
    from whatdesk.channels.neonize.journal import InboundJournal
    from whatdesk.store import create_connection, edit_contact, record_inbound
    from whatdesk.store.flows import save_run
    from whatdesk.store.rows import StoredMedia
    from whatdesk.store.tickets import add_ticket_event

    conn = await rt.db.write(lambda s: create_connection(s, "Loja", channel="sandbox"))
    saved = rt.media.save_sync(conn.id, b"\x89PNG SEGREDO-DA-IMAGEM " * 50, "image/png", T0)
    stored = StoredMedia(str(saved.path), saved.mime, saved.size, saved.sha256, "foto.png")
    msgs = [
        _msg(1, "Oi, sou a Zuleica Quixabeira, moro na Rua Xiquexique 42"),
        _msg(2, "minha foto", kind=MessageKind.IMAGE,
             media=MediaInfo(mime="image/png", filename="foto.png", caption="minha foto")),
        _msg(3, "", kind=MessageKind.LOCATION,
             location=Location(-23.5, -46.6, "Casa em Jabuticabal", "Rua Xiquexique 42")),
        _msg(4, "", kind=MessageKind.CONTACT,
             contacts=(ContactCard("Cartao-Visita Zuleica", PHONE, "BEGIN:VCARD\nFN:Cartao-Visita\n"
                                   f"TEL:+{PHONE}\nEND:VCARD"),)),
        _msg(5, "Quixabeira corrigido", kind=MessageKind.EDIT, target_id=f"3EB0{PHONE[-4:]}000001"),
    ]
    results = []
    for msg in msgs:
        media = stored if msg.kind == MessageKind.IMAGE else None
        results.append(await rt.db.write(
            lambda s, m=msg, md=media: record_inbound(s, conn.id, m, md, now=T0)))
    other = await rt.db.write(lambda s: record_inbound(
        s, conn.id, _msg(9, "Bom dia, aqui é o Bento Carambola", phone=OTHER_PHONE), now=T0))
    # Bento mentions her number, and shares her contact card: his messages stay, her number goes
    await rt.db.write(lambda s: record_inbound(s, conn.id, _msg(
        10, f"fala com a @{PHONE}", phone=OTHER_PHONE,
        mentions=(f"{PHONE}@s.whatsapp.net",)), now=T0))
    await rt.db.write(lambda s: record_inbound(s, conn.id, _msg(
        11, "", phone=OTHER_PHONE, kind=MessageKind.CONTACT,
        contacts=(ContactCard("Z", PHONE, f"BEGIN:VCARD\nTEL:+{PHONE}\nEND:VCARD"),)),
        now=T0))
    ticket_id, contact_id = results[0].ticket_id, results[0].contact_id

    def profile(s: object) -> None:
        edit_contact(s, contact_id, name="Zuleica Q.", email="zuleica@exemplo.com.br",  # type: ignore[arg-type]
                     notes="Anotacao-Secreta: cliente Quixabeira", custom_fields={"CPF": "Xiquexique"})
        add_ticket_event(s, ticket_id, "note", "agent:1", detail="Anotacao-Secreta do ticket")  # type: ignore[arg-type]
        save_run(s, ticket_id, {"variables": {"nome": "Resposta-Do-Fluxo Zuleica"}},  # type: ignore[arg-type]
                 "waiting_input", "flow-1", 1, "q1", None, None)

    await rt.db.write(profile)
    journal = InboundJournal(rt.data_dir / "inbound" / f"{conn.id}.journal")
    journal.open()
    seq = journal.append(1, f"raw event from {PHONE} Zuleica Quixabeira".encode())
    journal.mark_done(seq)
    journal.close()
    return Customer(contact_id, ticket_id, other.contact_id, other.ticket_id, saved.path)


def leftovers(data_dir: Path, words: tuple[str, ...] = SECRETS) -> list[str]:
    """Every (file, word) where a word of the customer is still in the raw bytes of a file
    under the data folder (database, -wal, media, journals), in UTF-8 or folded lowercase."""
    found = []
    for path in sorted(p for p in data_dir.rglob("*") if p.is_file()):
        if path.suffix == ".log":
            continue
        raw = path.read_bytes().lower()
        for word in words:
            if word.lower().encode() in raw:
                found.append(f"{path.relative_to(data_dir)}: {word}")
    return found

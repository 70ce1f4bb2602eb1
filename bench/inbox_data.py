"""Builds a large, realistic whatdesk database (100k tickets, 1M messages) for benchmarks.

    python bench/inbox_data.py [--out DIR] [--tickets N] [--messages M] [--seed S]

The schema comes from the real migrations (whatdesk.store.Database opens the file once);
connections, queues, agents and tags are made with the store's own functions; contacts,
tickets and messages are then bulk-inserted with executemany in big transactions. The
search index is filled by the store's own triggers as the messages go in. Ticket rows are
consistent with their messages (last message, preview, unread count).

Ticket 1 is the "long chat": an open ticket of the first agent with ``LONG_CHAT`` messages.
``build(out_dir)`` returns a BenchData describing what was made (reused by bench/inbox.py).
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import sys
import time
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

if __package__ in (None, ""):  # `python bench/inbox_data.py` from the checkout
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from whatdesk.store import (  # noqa: E402
    Database,
    create_agent,
    create_connection,
    create_queue,
    create_tag,
    sqlite_url,
)

GENERATOR_VERSION = 1  # bump when the data changes: cached databases are rebuilt
LONG_CHAT = 10_000
SEARCH_WORD = "boleto"  # occurs in a few percent of the messages
NOW = datetime(2026, 12, 1, 18, 0, tzinfo=UTC)
_FMT = "%Y-%m-%d %H:%M:%S.%f"  # how the store writes datetimes on SQLite (naive UTC)

FIRST_NAMES = (
    "Ana Maria João José Antônio Francisco Carlos Paulo Pedro Lucas Luiz Marcos Luís Gabriel "
    "Rafael Daniel Marcelo Bruno Eduardo Felipe Raimundo Rodrigo Manoel Mateus André Fernando "
    "Fábio Leonardo Gustavo Guilherme Leandro Tiago Anderson Ricardo Márcio Jorge Sebastião "
    "Alexandre Roberto Edson Diego Vitor Sérgio Cláudio Matheus Thiago Geraldo Adriano Luciano "
    "Júlio Renato Alex Vinícius Rogério Samuel Ronaldo Mário Flávio Igor Douglas Davi Manuel "
    "Jéssica Juliana Márcia Fernanda Patrícia Aline Adriana Sandra Camila Amanda Bruna Letícia "
    "Júlia Luciana Vanessa Mariana Gabriela Vera Vitória Larissa Cláudia Beatriz Luana Rita "
    "Sônia Renata Eliane Josefa Simone Natália Cristiane Carla Débora Rosângela Jaqueline "
    "Rosa Daniela Aparecida Marlene Terezinha Raimunda Andréia Fabiana Lúcia Raquel Conceição "
    "Ângela Érica Tânia Regina Helena Cecília Lívia Valentina Heloísa Lorena Isadora").split()
SURNAMES = (
    "Silva Santos Oliveira Souza Rodrigues Ferreira Alves Pereira Lima Gomes Costa Ribeiro "
    "Martins Carvalho Almeida Lopes Soares Fernandes Vieira Barbosa Rocha Dias Nascimento "
    "Andrade Moreira Nunes Marques Machado Mendes Freitas Cardoso Ramos Gonçalves Santana "
    "Teixeira Araújo Pinto Correia Cavalcanti Monteiro Moura Batista Campos Melo Farias "
    "Conceição Brandão Assunção Magalhães Figueiredo Guimarães Castro Sampaio Antunes Bezerra "
    "Peixoto Sá Leão Falcão Simões Romão Estêvão Queiroz Siqueira Aragão Damasceno").split()
DDDS = (11, 11, 11, 21, 21, 31, 41, 51, 61, 71, 81, 85, 19, 27, 48, 62, 92, 98, 84, 83)
PRODUCTS = ("geladeira", "fogão", "notebook", "celular", "televisão", "sofá", "colchão",
            "micro-ondas", "ventilador", "ar-condicionado", "máquina de lavar", "tênis",
            "camiseta", "fone de ouvido", "cadeira", "mesa", "impressora", "bicicleta")
CUSTOMER = (
    "Bom dia! Gostaria de saber o status do meu pedido {n}",
    "Boa tarde, o {p} que comprei chegou com defeito",
    "Vocês entregam em {city}?",
    "Qual o prazo de entrega para o CEP {cep}?",
    "Preciso da segunda via do boleto, venceu ontem",
    "Já paguei o boleto do pedido {n}, podem confirmar?",
    "O pix não caiu ainda? Mandei o comprovante agora",
    "Quero trocar o {p}, veio na cor errada",
    "Oi, tudo bem? Vocês têm {p} em estoque?",
    "Qual o horário de atendimento de vocês?",
    "Meu pedido {n} está atrasado, já faz {d} dias",
    "Obrigada pela ajuda! Resolveu sim",
    "Não consigo acessar minha conta, esqueci a senha",
    "Posso parcelar o {p} em {d} vezes sem juros?",
    "Ainda não recebi o código de rastreio do pedido {n}",
    "Quero cancelar a compra, como faço?",
    "A nota fiscal do pedido {n} veio com o CPF errado",
    "Olá! Vi a promoção de {p} no Instagram, ainda está valendo?",
    "Oi", "Bom dia", "ok", "Obrigado!", "👍", "Tá bom, aguardo",
    "O entregador disse que não encontrou o endereço, mas eu estava em casa",
    "Vocês aceitam cartão de crédito na entrega?",
)
AGENT = (
    "Olá, {name}! Sou da equipe de atendimento, em que posso ajudar?",
    "Um momento, vou verificar o pedido {n} para você",
    "Seu pedido {n} saiu para entrega hoje e chega em até {d} dias úteis",
    "Segue a segunda via do boleto atualizado, com vencimento para amanhã",
    "Pagamento confirmado! Obrigado pela preferência",
    "Entregamos em {city} sim, o frete fica R$ {d},90",
    "Sinto muito pelo transtorno. Vamos fazer a troca do {p} sem custo",
    "O código de rastreio é BR{cep}{d}BR",
    "Atendemos de segunda a sexta, das 8h às 18h, e sábado até o meio-dia",
    "Posso ajudar em algo mais?",
    "Vou transferir você para o setor financeiro",
    "Temos {p} em estoque sim, quer que eu reserve?",
)
NOTES = ("Cliente já reclamou antes, dar prioridade", "Verificar com o financeiro o boleto",
         "Troca aprovada pelo gerente", "Aguardando retorno da transportadora")
CITIES = ("São Paulo", "Rio de Janeiro", "Belo Horizonte", "Curitiba", "Porto Alegre",
          "Salvador", "Recife", "Fortaleza", "Brasília", "Goiânia", "Manaus", "Belém",
          "Florianópolis", "Vitória", "Natal", "João Pessoa", "São Luís", "Maceió")
QUEUES = (("Vendas", "#1fa855"), ("Suporte", "#1976d2"), ("Financeiro", "#e0a100"),
          ("Entregas", "#8e24aa"))
TAGS = (("VIP", "#d93025"), ("Atacado", "#1976d2"), ("Reclamação", "#e0a100"),
        ("Novo cliente", "#1fa855"), ("Troca", "#8e24aa"), ("Inadimplente", "#5f6368"))
AGENTS = ("Administrador", "Camila Rocha", "Bruno Teixeira", "Letícia Gomes", "Rafael Dias")
# status mix of the tickets that are not the older, closed ones
STATUS_MIX = (("open", 10), ("pending", 6), ("bot", 3), ("closed", 81))
KIND_MIX = (("text", 86), ("image", 5), ("voice", 3), ("audio", 1), ("document", 2),
            ("sticker", 2), ("location", 1))


@dataclass(frozen=True)
class BenchData:
    path: str  # the data dir (whatdesk.db inside)
    tickets: int
    messages: int
    contacts: int
    long_chat_ticket: int
    agent_id: int  # the agent who owns the long chat (signs in for the benchmark)
    queue_ids: tuple[int, ...]
    search_word: str
    seconds: float


def _ts(dt: datetime) -> str:
    return dt.astimezone(UTC).replace(tzinfo=None).strftime(_FMT)


def _text(rng: random.Random, pool: tuple[str, ...], name: str) -> str:
    return rng.choice(pool).format(
        n=rng.randint(10_000, 99_999), p=rng.choice(PRODUCTS), city=rng.choice(CITIES),
        cep=f"{rng.randint(10_000, 99_999)}{rng.randint(100, 999)}", d=rng.randint(2, 12),
        name=name)


def _weighted(rng: random.Random, mix: tuple[tuple[str, int], ...], k: int) -> list[str]:
    return rng.choices([m for m, _ in mix], weights=[w for _, w in mix], k=k)


def build(out_dir: Path, *, tickets: int = 100_000, messages: int = 1_000_000,
          seed: int = 2026, log: bool = True) -> BenchData:
    """Make ``out_dir/whatdesk.db`` (replaced if present) and describe it."""
    started = time.perf_counter()
    rng = random.Random(seed)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / "whatdesk.db"
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)

    db = Database.open(sqlite_url(path))  # the real migrations make the schema
    try:
        conn_id = db.write_sync(lambda s: create_connection(
            s, "Loja Centro", channel="sandbox", now=NOW - timedelta(days=400)).id)
        queue_ids = tuple(db.write_sync(lambda s, n=n, c=c: create_queue(s, n, c).id)
                          for n, c in QUEUES)
        agent_ids = [db.write_sync(lambda s, i=i, n=n: create_agent(
            s, n, email=f"agente{i}@loja.com.br", is_admin=i == 0,
            queue_ids=queue_ids if i == 0 else (queue_ids[i % len(queue_ids)],)).id)
            for i, n in enumerate(AGENTS)]
        tag_ids = [db.write_sync(lambda s, n=n, c=c: create_tag(s, n, c).id) for n, c in TAGS]
    finally:
        db.close()

    raw = sqlite3.connect(path, isolation_level=None)
    raw.execute("PRAGMA synchronous = OFF")  # a benchmark fixture: rebuilt if a run dies
    raw.execute("PRAGMA cache_size = -200000")
    raw.execute("PRAGMA foreign_keys = OFF")

    n_old_closed = tickets * 15 // 100  # older closed tickets of returning customers
    n_contacts = tickets - n_old_closed
    say = (lambda *a: print(*a, file=sys.stderr, flush=True)) if log else (lambda *a: None)

    # ---- contacts ---------------------------------------------------------------------
    names: list[str] = []
    contact_rows = []
    phones = rng.sample(range(10_000_000, 99_999_999), n_contacts)
    created0 = NOW - timedelta(days=365)
    for i in range(n_contacts):
        full = f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}"
        if rng.random() < 0.3:
            full += f" {rng.choice(SURNAMES)}"
        saved = rng.random() < 0.6  # the agent saved a name; else only WhatsApp's push name
        phone = f"55{rng.choice(DDDS)}9{phones[i]}"
        stamp = _ts(created0 + timedelta(seconds=i * 300))
        contact_rows.append((i + 1, phone, full if saved else "", full.split()[0] if not saved
                             else full, 0, "{}", "", 0, stamp, stamp))
        names.append(full)
    raw.execute("BEGIN")
    raw.executemany(
        "INSERT INTO contacts (id, phone, name, push_name, is_group, custom_fields, notes,"
        " blocked, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?)", contact_rows)
    tagged = [(cid, rng.choice(tag_ids)) for cid in rng.sample(range(1, n_contacts + 1),
                                                                n_contacts // 5)]
    raw.executemany("INSERT OR IGNORE INTO contact_tags (contact_id, tag_id) VALUES (?,?)",
                    tagged)
    raw.execute("COMMIT")
    say(f"contacts: {n_contacts} in {time.perf_counter() - started:.1f}s")

    # ---- tickets: ticket 1 is the long chat; then time-ordered ones -------------------
    # (contact, status, queue, agent, created) for every ticket, in id order
    plan: list[tuple[int, str, int | None, int | None, datetime]] = []
    plan.append((1, "open", queue_ids[1], agent_ids[0], NOW - timedelta(days=60)))
    returning = rng.sample(range(2, n_contacts + 1), n_old_closed)
    firsts = list(range(2, n_contacts + 1))
    order: list[tuple[int, bool]] = [(c, True) for c in returning] + [(c, False) for c in firsts]
    # old closed tickets come first in time, then every contact's current one
    span = (NOW - created0).total_seconds()
    statuses = _weighted(rng, STATUS_MIX, len(order))
    for k, (contact, old) in enumerate(order):
        created = created0 + timedelta(seconds=span * k / len(order))
        status = "closed" if old else statuses[k]
        if not old and k > len(order) - 4000 and status == "closed":
            status = rng.choice(("open", "pending", "pending", "bot"))  # recent: still active
        queue = None if status == "bot" else rng.choice(queue_ids)
        agent = (rng.choice(agent_ids) if status in ("open", "closed") else None)
        plan.append((contact, status, queue, agent, created))
    plan = plan[:tickets]

    # messages per ticket: the long chat, then the rest spread (2..18, mean ~10)
    rest = messages - LONG_CHAT
    weights = [rng.randint(2, 18) for _ in range(len(plan) - 1)]
    scale = rest / sum(weights)
    counts = [LONG_CHAT] + [max(1, round(w * scale)) for w in weights]
    counts[-1] += messages - sum(counts)
    if counts[-1] < 1:
        counts[-1] = 1

    kinds_all = _weighted(rng, KIND_MIX, 200_000)
    ticket_rows = []
    msg_sql = ("INSERT INTO messages (id, connection_id, wa_id, ticket_id, contact_id, chat_jid,"
               " direction, from_me, kind, text, media_mime, media_filename, latitude,"
               " longitude, ack, send_attempts, agent_id, edited, deleted, is_private_note,"
               " created_at, sent_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")
    batch: list[tuple[object, ...]] = []
    mid = 0
    raw.execute("BEGIN")

    def flush(final: bool = False) -> None:
        nonlocal batch
        if batch and (final or len(batch) >= 50_000):
            raw.executemany(msg_sql, batch)
            batch = []
            if mid % 250_000 < 50_000 or final:
                raw.execute("COMMIT")
                raw.execute("BEGIN")
                say(f"messages: {mid} in {time.perf_counter() - started:.1f}s")

    for tid, ((contact, status, queue, agent, created), count) in enumerate(
            zip(plan, counts, strict=True), start=1):
        name = names[contact - 1]
        jid = f"{contact_rows[contact - 1][1]}@s.whatsapp.net"
        first = name.split()[0]
        if tid == 1:
            step = (NOW - timedelta(minutes=5) - created).total_seconds() / count
        else:
            step = rng.uniform(20, 600)
        at = created
        unread = 0
        preview, last_at = "", created
        for j in range(count):
            mid += 1
            at = created + timedelta(seconds=step * j + rng.uniform(0, step / 2))
            kind = kinds_all[mid % len(kinds_all)]
            ours = j > 0 and rng.random() < 0.45
            note = ours and status != "bot" and rng.random() < 0.02
            if ours:
                text = rng.choice(NOTES) if note else _text(rng, AGENT, first)
                kind = "text"
            else:
                text = _text(rng, CUSTOMER, first) if kind == "text" else ""
            mime = fname = lat = lon = None
            if kind == "image":
                mime, text = "image/jpeg", ("" if rng.random() < 0.7 else "olha a foto")
            elif kind in ("voice", "audio"):
                mime = "audio/ogg; codecs=opus"
            elif kind == "document":
                mime, fname = "application/pdf", f"comprovante-{rng.randint(1000, 9999)}.pdf"
            elif kind == "sticker":
                mime = "image/webp"
            elif kind == "location":
                lat, lon = -23.5 + rng.uniform(-1, 1), -46.6 + rng.uniform(-1, 1)
            stamp = _ts(at)
            batch.append((
                mid, conn_id, f"3EB0{mid:016X}", tid, None if ours else contact, jid,
                "out" if ours else "in", 1 if ours else 0, kind, text, mime, fname, lat, lon,
                (3 if ours else 0) if not note else 0, 0,
                (agent if ours and agent else None), 0, 0, 1 if note else 0, stamp,
                stamp if ours and not note else None))
            if not note:
                preview = (text or {"image": "📷 Foto", "voice": "🎤 Áudio", "audio": "🎵 Áudio",
                                    "document": "📄 " + (fname or ""), "sticker": "Figurinha",
                                    "location": "📍 Localização"}.get(kind, ""))[:200]
                last_at = at
                unread = 0 if ours else unread + 1
            flush()
        if status == "closed":
            unread = 0
        elif status == "open":
            unread = min(unread, rng.choice((0, 0, 1, 2, 3)))
        closed_at = _ts(last_at + timedelta(minutes=10)) if status == "closed" else None
        ticket_rows.append((tid, conn_id, contact, status, queue, agent, unread, preview,
                            _ts(last_at), _ts(created), _ts(last_at), closed_at))
    flush(final=True)
    raw.executemany(
        "INSERT INTO tickets (id, connection_id, contact_id, status, queue_id, agent_id,"
        " unread_count, last_message_preview, last_message_at, created_at, updated_at,"
        " closed_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", ticket_rows)
    raw.execute("COMMIT")
    say(f"tickets: {len(ticket_rows)} in {time.perf_counter() - started:.1f}s")
    raw.execute("INSERT INTO messages_fts(messages_fts) VALUES ('optimize')")
    raw.execute("ANALYZE")
    raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    raw.close()
    data = BenchData(path=str(out_dir), tickets=len(ticket_rows), messages=mid,
                     contacts=n_contacts, long_chat_ticket=1, agent_id=agent_ids[0],
                     queue_ids=queue_ids, search_word=SEARCH_WORD,
                     seconds=round(time.perf_counter() - started, 1))
    (out_dir / "bench.json").write_text(json.dumps(asdict(data)))
    say(f"done in {data.seconds}s")
    return data


def cached(cache_dir: Path, **kwargs: int) -> BenchData:
    """The database for these parameters, built once and kept in ``cache_dir``."""
    key = "-".join(f"{k}{v}" for k, v in sorted(kwargs.items()))
    out = cache_dir / f"inbox-v{GENERATOR_VERSION}-{key or 'default'}"
    meta = out / "bench.json"
    if meta.exists():
        fields = json.loads(meta.read_text())
        fields["queue_ids"] = tuple(fields["queue_ids"])
        return BenchData(**fields)
    tmp = out.with_name(out.name + ".partial")
    data = build(tmp, **kwargs)  # type: ignore[arg-type]
    tmp.rename(out)
    fields = {**asdict(data), "path": str(out)}
    (out / "bench.json").write_text(json.dumps(fields))
    return BenchData(**fields)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("/tmp/whatdesk-bench"))
    parser.add_argument("--tickets", type=int, default=100_000)
    parser.add_argument("--messages", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    data = build(args.out, tickets=args.tickets, messages=args.messages, seed=args.seed)
    print(json.dumps(asdict(data)))


if __name__ == "__main__":
    main()

"""Flow benchmarks: validation of a 1,000-node flow; conversations through the real engine.

Run: /work/venv/bin/python bench/flows.py [--conversations N]

Prints, as its last line, one JSON object:
{"validate_1000_ms", "flow_msgs_per_s", "bare_msgs_per_s", "overhead", "p99_ms"}.

- validate_1000_ms: median time to validate a generated 1,000-node flow.
- flow_msgs_per_s / p99_ms: N concurrent conversations (default 10,000) each walking the
  20-node benchmark flow (8 customer messages; 15 of its 20 nodes: menus, questions, a
  condition, a tag and the transfer) through the real inbound pipeline and FlowRunner on a
  SQLite file, run state persisted at every step. The messages are sandbox-generated
  InboundMessages; each round sends every conversation's next message at once, and a
  conversation answers only after the bot's reply is committed. A message counts when the
  bot's step for it is committed (bot messages are queued as rows, not sent). p99 is from
  handing the message to the pipeline to that commit, under the burst.
- bare_msgs_per_s: the same messages, in the same rounds, through the same pipeline on a
  fresh database with no flow runner attached (a message counts once committed).
- overhead = bare / flow.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import json
import logging
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path
from dataclasses import dataclass, field
from typing import Any

from whatdesk.domain.clock import VirtualClock
from whatdesk.flows.document import Flow, load
from whatdesk.flows.interpreter import Interpreter
from whatdesk.flows.runtime import MessageSpec, RunContext, RunStatus
from whatdesk.flows.validation import validate
from whatdesk.flows.validators import Answer
from whatdesk.services.runtime import tune_gc


def big_flow(size: int = 1000) -> Flow:
    """`size` nodes: repeating blocks of menu -> question -> condition -> set_variable -> message,
    each block looping back to its menu (cycles with waiting nodes, as real flows have)."""
    nodes: list[dict[str, Any]] = [{"id": "start", "type": "start", "x": 0, "y": 0, "config": {}}]
    edges: list[dict[str, str]] = []
    previous = ("start", "next")
    block = 0
    while len(nodes) < size:
        b = f"b{block}"
        ids = [f"{b}_menu", f"{b}_q", f"{b}_c", f"{b}_set", f"{b}_msg"]
        nodes += [
            {"id": ids[0], "type": "menu", "x": block * 200, "y": 100, "config": {
                "text": "Olá {{contact.first_name}}, escolha:",
                "options": [{"id": "a", "label": "Seguir", "keywords": ["ok"]},
                            {"id": "b", "label": "Repetir", "keywords": []}],
                "timeout_s": 600}},
            {"id": ids[1], "type": "question", "x": block * 200, "y": 200, "config": {
                "text": "Seu e-mail, {{nome}}?", "save_as": f"email{block}", "validate": "email"}},
            {"id": ids[2], "type": "condition", "x": block * 200, "y": 300, "config": {
                "mode": "all", "rules": [{"left": f"{{{{email{block}}}}}", "op": "matches",
                                          "right": r"@exemplo\.com$"}]}},
            {"id": ids[3], "type": "set_variable", "x": block * 200, "y": 400, "config": {
                "assignments": [{"name": "nome", "value": "{{last_input}}"}]}},
            {"id": ids[4], "type": "message", "x": block * 200, "y": 500, "config": {
                "text": "Obrigado {{nome}}!"}},
        ]
        edges += [
            {"from": previous[0], "port": previous[1], "to": ids[0]},
            {"from": ids[0], "port": "a", "to": ids[1]},
            {"from": ids[0], "port": "b", "to": ids[0]},
            {"from": ids[0], "port": "invalid", "to": ids[4]},
            {"from": ids[1], "port": "next", "to": ids[2]},
            {"from": ids[2], "port": "true", "to": ids[3]},
            {"from": ids[2], "port": "false", "to": ids[0]},
            {"from": ids[3], "port": "next", "to": ids[4]},
        ]
        previous = (ids[4], "next")
        block += 1
    kept = nodes[:size]
    ids = {n["id"] for n in kept}
    return load({"id": "bench", "name": "Bench", "variables": {"nome": ""}, "nodes": kept,
                 "edges": [e for e in edges if e["from"] in ids and e["to"] in ids]})


def benchmark_flow() -> Flow:
    """The 20-node conversation flow used for throughput: menus, questions, a condition."""
    nodes = [
        ("start", "start", {}),
        ("hello", "message", {"text": "{{greeting}}, {{contact.first_name}}!"}),
        ("menu", "menu", {"text": "Como posso ajudar?", "options": [
            {"id": "vendas", "label": "Vendas", "keywords": ["comprar"]},
            {"id": "suporte", "label": "Suporte", "keywords": ["ajuda"]},
            {"id": "outros", "label": "Outros"}], "timeout_s": 900}),
        ("q_nome", "question", {"text": "Seu nome?", "save_as": "nome"}),
        ("q_email", "question", {"text": "E-mail?", "save_as": "email", "validate": "email"}),
        ("q_cpf", "question", {"text": "CPF?", "save_as": "cpf", "validate": "cpf"}),
        ("cond", "condition", {"rules": [{"left": "{{email}}", "op": "ends_with",
                                          "right": ".com.br"}]}),
        ("set_br", "set_variable", {"assignments": [{"name": "pais", "value": "BR"}]}),
        ("set_xx", "set_variable", {"assignments": [{"name": "pais", "value": "??"}]}),
        ("tag", "tag", {"add": ["lead"]}),
        ("menu2", "menu", {"text": "Produto?", "options": [
            {"id": "a", "label": "Plano A"}, {"id": "b", "label": "Plano B"}]}),
        ("q_qtd", "question", {"text": "Quantos?", "save_as": "qtd", "validate": "integer",
                               "min": 1, "max": 100}),
        ("resumo", "message", {"text": "{{nome}}: {{qtd}} x {{last_input}}"}),
        ("q_data", "question", {"text": "Data?", "save_as": "data", "validate": "date"}),
        ("ok", "message", {"text": "Agendado para {{data}}."}),
        ("sup", "message", {"text": "Suporte: descreva o problema."}),
        ("q_desc", "question", {"text": "Descreva:", "save_as": "desc"}),
        ("outros", "message", {"text": "Um atendente vai falar com você."}),
        ("transfer", "transfer", {"queue": "Vendas", "text": "Transferindo..."}),
        ("end", "end", {}),
    ]
    edges = [("start", "next", "hello"), ("hello", "next", "menu"), ("menu", "vendas", "q_nome"),
             ("menu", "suporte", "sup"), ("menu", "outros", "outros"), ("menu", "invalid", "outros"),
             ("q_nome", "next", "q_email"), ("q_email", "next", "q_cpf"), ("q_cpf", "next", "cond"),
             ("cond", "true", "set_br"), ("cond", "false", "set_xx"), ("set_br", "next", "tag"),
             ("set_xx", "next", "tag"), ("tag", "next", "menu2"), ("menu2", "a", "q_qtd"),
             ("menu2", "b", "q_qtd"), ("q_qtd", "next", "resumo"), ("resumo", "next", "q_data"),
             ("q_data", "next", "ok"), ("ok", "next", "transfer"), ("sup", "next", "q_desc"),
             ("q_desc", "next", "transfer"), ("outros", "next", "end")]
    return load({"id": "bench20", "name": "Bench 20", "variables": {},
                 "nodes": [{"id": i, "type": t, "x": n * 220, "y": 0, "config": c}
                           for n, (i, t, c) in enumerate(nodes)],
                 "edges": [{"from": a, "port": p, "to": b} for a, p, b in edges]})


CONVERSATION = ["oi", "1", "Ana Souza", "ana@exemplo.com.br", "529.982.247-25", "Plano A", "3",
                "15/03/2025"]


@dataclass
class CountingSink:
    sent: int = 0
    events: list[str] = field(default_factory=list)

    async def send(self, message: MessageSpec) -> None:
        self.sent += 1

    async def typing(self, ms: int) -> None: ...

    async def tag(self, add: list[str], remove: list[str]) -> None: ...

    async def transfer(self, queue: str | None, agent: str | None) -> None:
        self.events.append("transfer")

    async def close(self, text: str) -> None: ...

    async def go_to_flow(self, flow: str) -> None: ...

    async def end(self) -> None: ...

    async def http(self, method: str, url: str, status: int | None) -> None: ...

    async def error(self, code: str, message: str) -> None:
        self.events.append(code)


def time_validation(flow: Flow, repeats: int = 7) -> float:
    """Median milliseconds to validate `flow`."""
    validate(flow)  # warm caches (regex compilation, imports)
    samples = []
    for _ in range(repeats):
        started = time.perf_counter()
        validate(flow)
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


async def walk_conversations(flow: Flow, count: int,
                             messages: list[str] = CONVERSATION) -> tuple[float, float]:
    """Walk `count` conversations through the interpreter with an in-memory sink.

    Returns (inbound messages per second, p99 milliseconds per message).
    """
    interpreter = Interpreter()
    clock = VirtualClock()
    latencies: list[float] = []
    started = time.perf_counter()
    for _ in range(count):
        ctx = RunContext(sink=CountingSink(), clock=clock)
        state = None
        for text in messages:
            t0 = time.perf_counter()
            if state is None:
                state = await interpreter.start(flow, ctx, Answer(text))
            else:
                state = await interpreter.on_input(flow, state, Answer(text), ctx)
            latencies.append((time.perf_counter() - t0) * 1000)
        assert state is not None and state.status == RunStatus.TRANSFERRED, state
    elapsed = time.perf_counter() - started
    latencies.sort()
    return len(latencies) / elapsed, latencies[int(len(latencies) * 0.99) - 1]


def conversation_rounds(n: int, texts: list[str] = CONVERSATION) -> list[list[Any]]:
    """rounds[k][c]: conversation c's k-th message, generated by a sandbox network."""
    from whatdesk.channels.sandbox import SandboxNetwork

    network = SandboxNetwork(seed=3)
    network.account("5511900000077")
    first = network.burst("5511900000077", n, n)
    rounds = []
    for k, text in enumerate(texts):
        rounds.append([dataclasses.replace(
            m, wa_id=m.wa_id if k == 0 else network._customer_message_id(), text=text,
            timestamp=m.timestamp + timedelta(seconds=k)) for m in first])
    return rounds


async def _open_runtime(folder: Path) -> tuple[Any, int]:
    from whatdesk.services.runtime import Runtime

    runtime = Runtime.open(folder, clock=VirtualClock())
    row = await runtime.connections.create("Bench", channel="sandbox")
    return runtime, row.id


async def _play_rounds(pipeline: Any, cid: int, rounds: list[list[Any]],
                       done: dict[str, float], submitted: dict[str, float]) -> float:
    """Submit each round at once; wait until every message of it is done. Returns seconds."""
    started = time.perf_counter()
    for messages in rounds:
        for msg in messages:
            submitted[msg.wa_id] = time.perf_counter()
            await pipeline.submit(cid, msg)
        pending = [m.wa_id for m in messages]
        while pending:
            pending = [w for w in pending if w not in done]
            if pending:
                await asyncio.sleep(0.005)
    return time.perf_counter() - started


async def run_with_flows(folder: Path, rounds: list[list[Any]]) -> tuple[float, float, int]:
    """(messages per second, p99 ms, runs that reached the transfer)."""
    from whatdesk.flows.document import to_dict
    from whatdesk.store import counts, create_queue

    runtime, cid = await _open_runtime(folder)
    try:
        await runtime.db.write(lambda s: create_queue(s, "Vendas"))
        doc = to_dict(benchmark_flow())
        row = await runtime.flows.save_draft(doc)
        await runtime.flows.publish(row.id)
        await runtime.flows.set_welcome_flow(cid, row.id)
        runner = runtime.flow_runner
        await runner.start()
        done: dict[str, float] = {}
        submitted: dict[str, float] = {}
        step = runner._on_message

        async def timed(result: Any, msg: Any) -> None:
            await step(result, msg)
            done[msg.wa_id] = time.perf_counter()

        runner._on_message = timed  # type: ignore[method-assign]
        elapsed = await _play_rounds(runtime.pipeline, cid, rounds, done, submitted)
        await runtime.drain()
        latencies = sorted(done[w] - submitted[w] for w in done)
        transferred = (await runtime.db.read(counts)).waiting  # pending in the queue
        return len(done) / elapsed, latencies[int(len(latencies) * 0.99) - 1] * 1000, transferred
    finally:
        await runtime.close()


async def run_bare(folder: Path, rounds: list[list[Any]]) -> float:
    runtime, cid = await _open_runtime(folder)
    try:
        pipeline = runtime.pipeline
        pipeline.on_message_committed.clear()  # no flow runner: the bare pipeline
        pipeline.new_ticket_status_for = None
        done: dict[str, float] = {}
        submitted: dict[str, float] = {}
        original = pipeline.handle_message

        async def timed(connection_id: int, msg: Any) -> Any:
            result = await original(connection_id, msg)
            done[msg.wa_id] = time.perf_counter()
            return result

        pipeline.handle_message = timed  # type: ignore[method-assign]
        elapsed = await _play_rounds(pipeline, cid, rounds, done, submitted)
        return len(done) / elapsed
    finally:
        await runtime.close()


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conversations", type=int, default=10_000)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.ERROR)
    tune_gc()  # the app's garbage-collector settings, for both sides of the comparison
    validate_ms = time_validation(big_flow(1000))
    msgs_per_s, p99_ms = asyncio.run(walk_conversations(benchmark_flow(), 300))
    print(f"validate_1000_ms={validate_ms:.1f} interpreter_msgs_per_s={msgs_per_s:.0f} "
          f"interpreter_p99_ms={p99_ms:.2f}")
    rounds = conversation_rounds(args.conversations)
    total = sum(len(r) for r in rounds)
    with tempfile.TemporaryDirectory(prefix="whatdesk-flowbench-") as tmp:
        flow_rate, flow_p99, transferred = asyncio.run(run_with_flows(Path(tmp) / "flows",
                                                                      rounds))
        bare_rate = asyncio.run(run_bare(Path(tmp) / "bare", rounds))
    print(f"{args.conversations} conversations x {len(CONVERSATION)} messages = {total} "
          f"messages; {transferred} conversations reached the transfer to the queue")
    print(f"with flows: {flow_rate:.0f} msg/s (p99 {flow_p99:.1f} ms); bare pipeline: "
          f"{bare_rate:.0f} msg/s; overhead {bare_rate / flow_rate:.2f} (target <= 1.5)")
    print(json.dumps({"validate_1000_ms": round(validate_ms, 1),
                      "flow_msgs_per_s": round(flow_rate, 1),
                      "bare_msgs_per_s": round(bare_rate, 1),
                      "overhead": round(bare_rate / flow_rate, 3),
                      "p99_ms": round(flow_p99, 2)}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""The interpreter API the engine uses: persisted state, timers, concurrency, failures, registry."""

from __future__ import annotations

import asyncio
import json
import socket
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from whatdesk.domain.clock import VirtualClock
from whatdesk.flows import registry
from whatdesk.flows.document import load
from whatdesk.flows.interpreter import Interpreter
from whatdesk.flows.registry import FieldKind
from whatdesk.flows.runtime import MessageSpec, RunContext, RunState, RunStatus
from whatdesk.flows.validation import validate
from whatdesk.flows.validators import Answer

from .conftest import chain, flow_doc


class MemorySink:
    def __init__(self) -> None:
        self.sent: list[MessageSpec] = []
        self.events: list[tuple[str, Any]] = []

    async def send(self, message: MessageSpec) -> None:
        self.sent.append(message)

    async def typing(self, ms: int) -> None:
        self.events.append(("typing", ms))

    async def tag(self, add: list[str], remove: list[str]) -> None:
        self.events.append(("tag", (add, remove)))

    async def transfer(self, queue: str | None, agent: str | None) -> None:
        self.events.append(("transfer", (queue, agent)))

    async def close(self, text: str) -> None:
        self.events.append(("close", text))

    async def go_to_flow(self, flow: str) -> None:
        self.events.append(("go_to_flow", flow))

    async def end(self) -> None:
        self.events.append(("end", None))

    async def http(self, method: str, url: str, status: int | None) -> None:
        self.events.append(("http", status))

    async def error(self, code: str, message: str) -> None:
        self.events.append(("error", code))


def _ctx(sink: MemorySink, clock: VirtualClock | None = None) -> RunContext:
    return RunContext(sink=sink, clock=clock or VirtualClock())


QUIZ = flow_doc(
    [{"id": "start", "type": "start"},
     {"id": "q", "type": "question", "config": {"text": "Idade?", "save_as": "idade",
                                                "validate": "integer", "timeout_s": 300}},
     {"id": "d", "type": "delay", "config": {"seconds": 60}},
     {"id": "m", "type": "message", "config": {"text": "Você tem {{idade}} anos"}},
     {"id": "to", "type": "message", "config": {"text": "Tempo esgotado"}}],
    [("start", "next", "q"), ("q", "next", "d"), ("d", "next", "m"), ("q", "timeout", "to")])


async def test_state_survives_a_restart_through_json() -> None:
    flow, sink, clock = load(QUIZ), MemorySink(), VirtualClock()
    interpreter = Interpreter()
    state = await interpreter.start(flow, _ctx(sink, clock), Answer("oi"))
    assert state.status == RunStatus.WAITING_INPUT
    assert state.wake_at == clock.now() + timedelta(seconds=300)
    stored = json.dumps(state.to_dict())  # what the engine writes to the ticket row

    restarted = Interpreter()  # a new process
    resumed = RunState.from_dict(json.loads(stored))
    assert resumed == state
    state = await restarted.on_input(flow, resumed, Answer("33"), _ctx(sink, clock))
    assert state.status == RunStatus.WAITING_TIMER and state.variables["idade"] == "33"
    early = await restarted.on_timer(flow, state, _ctx(sink, clock))
    assert early is state and len(sink.sent) == 1  # not due yet: nothing happens
    ignored = await restarted.on_input(flow, state, Answer("oi?"), _ctx(sink, clock))
    assert ignored.status == RunStatus.WAITING_TIMER and ignored.node == "d"
    clock.advance(60)
    done = await restarted.on_timer(flow, RunState.from_dict(state.to_dict()), _ctx(sink, clock))
    assert done.status == RunStatus.ENDED
    assert [m.text for m in sink.sent] == ["Idade?", "Você tem 33 anos"]


async def test_overdue_input_timeout_fires_once_after_restart() -> None:
    flow, sink, clock = load(QUIZ), MemorySink(), VirtualClock()
    interpreter = Interpreter()
    state = await interpreter.start(flow, _ctx(sink, clock), Answer("oi"))
    clock.advance(3600)  # the app was closed for an hour
    state = await interpreter.on_timer(flow, state, _ctx(sink, clock))
    again = await interpreter.on_timer(flow, state, _ctx(sink, clock))
    assert [m.text for m in sink.sent] == ["Idade?", "Tempo esgotado"]
    assert again.status == RunStatus.ENDED


def test_run_state_rejects_garbage() -> None:
    for bad in ({}, {"flow_id": 3}, {"flow_id": "x", "status": "dancing"},
                {"flow_id": "x", "wake_at": "2025-01-01T00:00:00"}):
        with pytest.raises(ValueError):
            RunState.from_dict(bad)


async def test_a_failing_sink_puts_the_run_in_error_instead_of_raising() -> None:
    class Broken(MemorySink):
        async def send(self, message: MessageSpec) -> None:
            raise RuntimeError("disk full")

    sink = Broken()
    state = await Interpreter().start(load(QUIZ), _ctx(sink), Answer("oi"))
    assert state.status == RunStatus.ERROR and state.error == "node_failed"
    assert ("error", "node_failed") in sink.events


@pytest.fixture
def black_hole() -> Iterator[str]:
    """A server that accepts connections and never answers."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        server.settimeout(0.1)
        while not stop.is_set():
            try:
                held.append(server.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}/slow"
    stop.set()
    thread.join()
    for conn in held:
        conn.close()
    server.close()


async def test_http_to_a_dead_server_times_out_without_blocking_other_runs(black_hole: str) -> None:
    slow_flow = load(flow_doc(
        [{"id": "start", "type": "start"},
         {"id": "h", "type": "http_request", "config": {"url": black_hole, "timeout_s": 1}},
         {"id": "err", "type": "message", "config": {"text": "falhou: {{http_error}}"}}],
        [("start", "next", "h"), ("h", "error", "err")]))
    fast_flow = load(chain({"id": "m", "type": "message", "config": {"text": "rápido"}}))
    interpreter = Interpreter()
    slow_sink, fast_sink = MemorySink(), MemorySink()
    slow = asyncio.create_task(interpreter.start(slow_flow, RunContext(sink=slow_sink),
                                                 Answer("oi")))
    await asyncio.sleep(0.05)
    fast_state = await interpreter.start(fast_flow, RunContext(sink=fast_sink), Answer("oi"))
    assert fast_state.status == RunStatus.ENDED and fast_sink.sent[0].text == "rápido"
    assert not slow.done()  # still waiting on the dead server, yet the other run finished
    slow_state = await slow
    assert slow_sink.sent[0].text.startswith("falhou: tempo esgotado")
    assert slow_state.status == RunStatus.ENDED


async def test_go_to_flow_through_a_resolver_and_unknown_type_at_run_time() -> None:
    other = load(chain({"id": "m", "type": "message", "config": {"text": "B {{x}}"}},
                       id="b", name="Fluxo B", variables={"y": "1"}))

    class Resolver:
        async def resolve(self, ref: str) -> Any:
            return other if ref in ("b", "Fluxo B") else None

    sink = MemorySink()
    main = load(chain({"id": "s", "type": "set_variable",
                       "config": {"assignments": [{"name": "x", "value": "kept"}]}},
                      {"id": "g", "type": "go_to_flow", "config": {"flow": "Fluxo B"}}))
    state = await Interpreter(Resolver()).start(main, _ctx(sink), Answer("oi"))
    assert state.flow_id == "b" and sink.sent[0].text == "B kept"
    assert state.variables == {"x": "kept", "y": "1"}
    weird = load(chain({"id": "w", "type": "teleport"}))
    state = await Interpreter().start(weird, _ctx(MemorySink()), Answer("oi"))
    assert state.status == RunStatus.ERROR and state.error == "unknown_node_type"


def test_every_node_type_is_fully_declared() -> None:
    kinds_seen: set[FieldKind] = set()
    names = {t.name for t in registry.all_types()}
    assert names == {"start", "message", "menu", "question", "condition", "set_variable", "delay",
                     "randomizer", "business_hours", "http_request", "tag", "transfer",
                     "close_ticket", "go_to_flow", "end"}
    for node_type in registry.all_types():
        assert node_type.title.pt and node_type.title.en and node_type.icon
        assert node_type.description("pt") and node_type.description("en")
        config = node_type.default_config()
        json.dumps(config)  # defaults are plain JSON, ready for a new node
        ports = node_type.ports_for(config)
        assert bool(ports) != node_type.terminal, node_type.name
        for port in ports:
            assert port.title.pt and port.title.en
        for item in registry.walk_fields(node_type.fields, config):
            kinds_seen.add(item.spec.kind)
            assert item.spec.title.pt and item.spec.title.en
            if item.spec.kind == FieldKind.CHOICE:
                assert item.spec.choices and item.spec.default in [c[0] for c in item.spec.choices]
        # a freshly dropped node of any type has no error except a required field to fill in
        doc = chain({"id": "n", "type": node_type.name, "config": config})
        if node_type.name == "start":
            doc = flow_doc([{"id": "start", "type": "start"}])
        codes = {f.code for f in validate(load(doc)).errors}
        assert codes <= {"question_no_save_as", "http_no_url", "go_to_flow_no_flow",
                         "missing_required"}, (node_type.name, codes)
    palette = list(registry.by_category())
    assert sum(len(types) for _, types in palette) == len(names)
    assert FieldKind.OBJECT_LIST in kinds_seen and FieldKind.HOURS in kinds_seen


def test_dynamic_ports_follow_the_config() -> None:
    menu = registry.get("menu")
    assert menu is not None
    config = {"options": [{"id": "a", "label": "A"}, {"id": "b", "label": "B"}]}
    assert menu.port_ids(config) == ["a", "b", "invalid", "timeout"]
    randomizer = registry.get("randomizer")
    assert randomizer is not None
    assert randomizer.port_ids({"branches": [{"id": "x", "weight": 1}]}) == ["x"]
    assert randomizer.port_ids({"branches": "garbage"}) == []


async def test_menu_message_spec_for_buttons_carries_fallback_text() -> None:
    flow = load(chain({"id": "m", "type": "menu", "config": {
        "text": "Escolha", "style": "buttons",
        "options": [{"id": "a", "label": "Sim"}, {"id": "b", "label": "Não"}]}}))
    sink = MemorySink()
    await Interpreter().start(flow, _ctx(sink), Answer("oi"))
    spec = sink.sent[0]
    assert spec.style == "buttons" and spec.text == "Escolha"
    assert [(o.id, o.label) for o in spec.options] == [("a", "Sim"), ("b", "Não")]
    assert spec.fallback_text == "Escolha\n\n1 - Sim\n2 - Não"


def test_wake_at_is_aware_utc() -> None:
    state = RunState("f", wake_at=datetime(2025, 1, 1, tzinfo=UTC))
    assert RunState.from_dict(state.to_dict()).wake_at == state.wake_at


def test_keyword_triggers_ignore_case_and_accents() -> None:
    from whatdesk.flows.matching import trigger_matches

    assert trigger_matches("promoção", "exact", "  PROMOCAO! ")
    assert not trigger_matches("promoção", "exact", "quero a promoção")
    assert trigger_matches("promoção", "contains", "Quero a PROMOCAO de hoje")
    assert not trigger_matches("", "contains", "qualquer coisa")


async def test_regex_at_run_time_is_bounded_even_when_the_pattern_comes_from_a_variable() -> None:
    flow = load(flow_doc(
        [{"id": "start", "type": "start"},
         {"id": "c", "type": "condition", "config": {"mode": "any", "rules": [
             {"left": "{{last_input}}", "op": "matches", "right": "{{padrao}}"},
             {"left": "{{last_input}}", "op": "matches", "right": "^a+$"}]}},
         {"id": "t", "type": "message", "config": {"text": "T"}},
         {"id": "f", "type": "message", "config": {"text": "F"}}],
        [("start", "next", "c"), ("c", "true", "t"), ("c", "false", "f")],
        variables={"padrao": "^(a+)+$"}))
    sink = MemorySink()
    # 30 'a's then '!': (a+)+$ would backtrack ~2^30 times; it is refused, and the long input
    # never reaches the second pattern's engine either
    await Interpreter().start(flow, _ctx(sink), Answer("a" * 30 + "!"))
    assert sink.sent[0].text == "F"
    await Interpreter().start(flow, _ctx(sink), Answer("a" * 5000))
    assert sink.sent[1].text == "F"  # longer than the 500-character cap: no match
    await Interpreter().start(flow, _ctx(sink), Answer("aaa"))
    assert sink.sent[2].text == "T"


async def test_after_the_run_ended_the_next_message_starts_afresh() -> None:
    flow = load(chain({"id": "q", "type": "question", "config": {"text": "Nome?",
                                                                  "save_as": "nome"}},
                      {"id": "e", "type": "end"}, variables={"nome": ""}))
    sink = MemorySink()
    interpreter = Interpreter()
    state = await interpreter.start(flow, _ctx(sink), Answer("oi"))
    state = await interpreter.on_input(flow, state, Answer("Ana"), _ctx(sink))
    assert state.status == RunStatus.ENDED and state.variables["nome"] == "Ana"
    state = await interpreter.on_input(flow, state, Answer("oi de novo"), _ctx(sink))
    assert state.status == RunStatus.WAITING_INPUT and state.variables["nome"] == ""
    assert state.last_input == "oi de novo"

"""Virtual-time playback (shared by `flow run` and the editor's test chat): start anywhere,
timeouts fire only when time is moved past them, delays finish at once."""

from __future__ import annotations

from datetime import UTC, datetime

from whatdesk.domain.clock import VirtualClock
from whatdesk.flows.document import load
from whatdesk.flows.interpreter import Interpreter
from whatdesk.flows.playback import Conversation
from whatdesk.flows.runtime import RunContext, RunStatus
from whatdesk.flows.validators import Answer

from .conftest import flow_doc
from .test_interpreter import MemorySink

FLOW = flow_doc([
    {"id": "start", "type": "start"},
    {"id": "hi", "type": "message", "config": {"text": "Oi"}},
    {"id": "pause", "type": "delay", "config": {"seconds": 600}},
    {"id": "ask", "type": "question", "config": {"text": "Nome?", "save_as": "nome",
                                                 "timeout_s": 300}},
    {"id": "thanks", "type": "message", "config": {"text": "Obrigado, {{nome}}"}},
    {"id": "late", "type": "message", "config": {"text": "Sem resposta"}},
], [("start", "next", "hi"), ("hi", "next", "pause"), ("pause", "next", "ask"),
    ("ask", "next", "thanks"), ("ask", "timeout", "late")])


def _talk() -> tuple[Conversation, MemorySink, VirtualClock]:
    sink = MemorySink()
    clock = VirtualClock(start=datetime(2026, 12, 1, 12, 0, tzinfo=UTC))
    flow = load(FLOW)
    talk = Conversation(flow, RunContext(sink=sink, clock=clock), clock, Interpreter())
    return talk, sink, clock


async def test_delays_finish_at_once_and_a_timeout_fires_only_when_time_passes_it() -> None:
    talk, sink, clock = _talk()
    await talk.begin()
    assert [m.text for m in sink.sent] == ["Oi", "Nome?"]
    assert clock.now() == datetime(2026, 12, 1, 12, 10, tzinfo=UTC)  # the 10-minute delay
    await talk.wait(240)
    assert talk.state is not None and talk.state.status == RunStatus.WAITING_INPUT
    await talk.wait(60)
    assert [m.text for m in sink.sent][-1] == "Sem resposta"


async def test_begin_at_starts_at_the_given_node_and_an_unknown_node_is_an_error() -> None:
    talk, sink, _clock = _talk()
    await talk.begin_at("ask")
    assert [m.text for m in sink.sent] == ["Nome?"]
    await talk.send(Answer(text="Ana"))
    assert [m.text for m in sink.sent][-1] == "Obrigado, Ana"
    await talk.begin_at("nope")
    assert talk.state is not None and talk.state.status == RunStatus.ERROR
    assert talk.state.error == "missing_node"

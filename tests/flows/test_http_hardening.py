"""http_request against hostile input and servers: encoded values, bounded redirects and size,
an Idempotency-Key that is the same when a crash replays the step. Local server only."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from whatdesk.domain.clock import VirtualClock
from whatdesk.flows.document import load
from whatdesk.flows.interpreter import Interpreter
from whatdesk.flows.runtime import RunContext
from whatdesk.flows.validators import Answer

from .conftest import FlowCli, bot_texts, flow_doc
from .test_interpreter import MemorySink


class _Server(BaseHTTPRequestHandler):
    seen: list[dict[str, Any]] = []

    def log_message(self, *args: Any) -> None:
        pass

    def _send(self, status: int, body: bytes, headers: dict[str, str] | None = None,
              length: bool = True) -> None:
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        if length:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        _Server.seen.append({"path": self.path, "key": self.headers.get("Idempotency-Key")})
        if self.path.startswith("/loop"):
            self._send(302, b"", {"Location": f"/loop{len(_Server.seen)}"})
        elif self.path == "/big":
            self._send(200, b"[" + b"1," * (1024 * 1024) + b"1]")
        elif self.path == "/big-unannounced":
            self.close_connection = True
            self._send(200, b"[" + b"1," * (1024 * 1024) + b"1]", length=False)
        else:
            self._send(200, b'{"ok": true}', {"Content-Type": "application/json"})

    do_POST = do_GET


@pytest.fixture
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Server)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    _Server.seen.clear()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def _http(url: str, method: str = "GET") -> dict[str, Any]:
    return flow_doc(
        [{"id": "start", "type": "start"},
         {"id": "h", "type": "http_request", "config": {"method": method, "url": url}},
         {"id": "ok", "type": "message", "config": {"text": "ok"}},
         {"id": "err", "type": "message", "config": {"text": "erro {{http_error}}"}}],
        [("start", "next", "h"), ("h", "ok", "ok"), ("h", "error", "err")])


def test_customer_value_in_the_url_path_stays_one_encoded_segment(cli: FlowCli,
                                                                   server: str) -> None:
    result = cli.run(_http(server + "/pedidos/{{last_input}}"), "../admin?x=1#y")
    assert bot_texts(result) == ["ok"]
    assert [s["path"] for s in _Server.seen] == ["/pedidos/..%2Fadmin%3Fx%3D1%23y"]


def test_a_base_url_from_a_variable_is_used_as_written(cli: FlowCli, server: str) -> None:
    result = cli.run(_http("{{base}}/itens?q={{last_input}}"), "a/b",
                     args=("--var", f"base={server}"))
    assert bot_texts(result) == ["ok"]
    assert [s["path"] for s in _Server.seen] == ["/itens?q=a%2Fb"]


def test_redirect_loop_stops_after_five_and_takes_the_error_port(cli: FlowCli,
                                                                  server: str) -> None:
    result = cli.run(_http(server + "/loop"), "oi")
    assert len(_Server.seen) == 6  # the call and 5 redirects; httpx alone would follow 20
    assert bot_texts(result) == ["erro redirecionamentos demais (máximo 5)"]


@pytest.mark.parametrize("path", ["/big", "/big-unannounced"])
def test_response_over_one_megabyte_takes_the_error_port(cli: FlowCli, server: str,
                                                         path: str) -> None:
    result = cli.run(_http(server + path), "oi")
    assert bot_texts(result) == ["erro resposta maior que 1024 KB"]


def test_each_call_of_a_test_run_carries_its_own_idempotency_key(cli: FlowCli,
                                                                 server: str) -> None:
    cli.run(_http(server + "/a"), "oi")
    cli.run(_http(server + "/a"), "oi")
    keys = [s["key"] for s in _Server.seen]
    assert len(keys) == 2 and all(keys) and keys[0] != keys[1]


async def test_a_replayed_step_sends_the_same_idempotency_key(server: str) -> None:
    """The engine replays a step whose commit a crash lost with the same state and the same
    step key (the message id): the receiver sees the same key and can drop the repeat."""
    import httpx

    flow = load(_http(server + "/pedido", method="POST"))

    def ctx(step_key: str) -> RunContext:
        return RunContext(sink=MemorySink(), clock=VirtualClock(), ticket_id="42",
                          step_key=step_key)

    async with httpx.AsyncClient() as client:
        interpreter = Interpreter(http_client=client)
        await interpreter.start(flow, ctx("m17"), Answer("oi"))
        await interpreter.start(flow, ctx("m17"), Answer("oi"))  # the replay after a crash
        await interpreter.start(flow, ctx("m18"), Answer("oi"))  # a later message
    first, replay, later = (s["key"] for s in _Server.seen)
    assert first and first == replay and later != first

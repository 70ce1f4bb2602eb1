"""Every node type, played through `whatdesk flow run --json` as a user would."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from .conftest import FlowCli, bot_texts, chain, event_types, flow_doc

MONDAY_10_SP = "2025-01-06T10:00:00-03:00"  # a Monday morning in São Paulo


def test_start_and_message_render_greeting_and_contact_first_name(cli: FlowCli) -> None:
    doc = chain({"id": "hello", "type": "message",
                 "config": {"text": "{{greeting}}, {{contact.first_name}}! Nº {{contact.number}}"}})
    result = cli.run(doc, "oi", args=("--now", MONDAY_10_SP, "--contact-name", "Ana Paula",
                                      "--contact-number", "(11) 98765-4321"))
    assert result["transcript"][0] == {"from": "contact", "text": "oi"}
    assert result["transcript"][1] == {"from": "bot", "kind": "text",
                                       "text": "Bom dia, Ana! Nº 5511987654321"}
    assert result["state"] == "ended"
    assert event_types(result) == ["end"]


@pytest.mark.parametrize(("now", "expected"), [
    ("2025-01-06T11:59:00-03:00", "Bom dia"),
    ("2025-01-06T12:00:00-03:00", "Boa tarde"),
    ("2025-01-06T17:59:00-03:00", "Boa tarde"),
    ("2025-01-06T18:00:00-03:00", "Boa noite"),
    ("2025-01-06T02:00:00Z", "Boa noite"),  # 23:00 the day before in São Paulo
])
def test_greeting_follows_the_connection_timezone(cli: FlowCli, now: str, expected: str) -> None:
    doc = chain({"id": "m", "type": "message", "config": {"text": "{{greeting}}"}})
    assert bot_texts(cli.run(doc, "oi", args=("--now", now))) == [expected]


def test_message_builtins_date_time_and_last_input(cli: FlowCli) -> None:
    doc = chain({"id": "m", "type": "message",
                 "config": {"text": "{{now.date}} {{now.time}} [{{last_input}}] [{{nada}}]"}})
    result = cli.run(doc, "quero pizza", args=("--now", "2025-03-09T14:05:00-03:00"))
    assert bot_texts(result) == ["09/03/2025 14:05 [quero pizza] []"]


def test_message_with_media_location_and_contact(cli: FlowCli) -> None:
    doc = chain(
        {"id": "img", "type": "message",
         "config": {"text": "", "media": {"path": "fotos/prato.jpg", "kind": "image",
                                          "caption": "Prato do dia"}}},
        {"id": "loc", "type": "message",
         "config": {"text": "Estamos aqui:", "location": {"latitude": -23.55, "longitude": -46.63,
                                                          "name": "Loja", "address": "Av. Paulista"}}},
        {"id": "card", "type": "message",
         "config": {"contact": {"name": "Financeiro", "phone": "5511955554444"}, "typing_ms": 500}},
    )
    photo = cli.tmp_path / "data" / "flow-media" / "fotos" / "prato.jpg"
    photo.parent.mkdir(parents=True)
    photo.write_bytes(b"jpeg")
    data_dir = ("--data-dir", str(cli.tmp_path / "data"))
    bot = [t for t in cli.run(doc, "oi", args=data_dir)["transcript"] if t["from"] == "bot"]
    assert bot[0] == {"from": "bot", "kind": "image", "text": "Prato do dia",
                      "path": str(photo.resolve())}
    assert bot[1] == {"from": "bot", "kind": "text", "text": "Estamos aqui:"}
    assert bot[2]["kind"] == "location" and bot[2]["latitude"] == -23.55
    assert bot[2]["address"] == "Av. Paulista"
    assert bot[3]["kind"] == "contact" and bot[3]["name"] == "Financeiro"
    assert bot[3]["phone"] == "5511955554444"


def _menu(**config: Any) -> dict[str, Any]:
    base = {"text": "Escolha:", "options": [
        {"id": "vendas", "label": "Vendas", "keywords": ["comprar"]},
        {"id": "suporte", "label": "Suporte Técnico", "keywords": ["ajuda"]}]}
    return flow_doc(
        [{"id": "start", "type": "start"}, {"id": "menu", "type": "menu", "config": {**base, **config}},
         {"id": "v", "type": "message", "config": {"text": "vendas"}},
         {"id": "s", "type": "message", "config": {"text": "suporte"}},
         {"id": "inv", "type": "message", "config": {"text": "desisto"}},
         {"id": "to", "type": "message", "config": {"text": "sumiu"}}],
        [("start", "next", "menu"), ("menu", "vendas", "v"), ("menu", "suporte", "s"),
         ("menu", "invalid", "inv"), ("menu", "timeout", "to")])


def test_menu_shows_numbered_options_and_waits(cli: FlowCli) -> None:
    result = cli.run(_menu(), "oi")
    assert result["transcript"][1] == {"from": "bot", "kind": "text",
                                       "text": "Escolha:\n\n1 - Vendas\n2 - Suporte Técnico",
                                       "options": ["Vendas", "Suporte Técnico"], "style": "text"}
    assert result["state"] == "waiting_input" and result["node"] == "menu"


@pytest.mark.parametrize("reply", ["2", " 2. ", "suporte tecnico", "SUPORTE TÉCNICO!", "ajuda",
                                   "preciso de ajuda"])
def test_menu_picks_option_by_number_label_or_keyword(cli: FlowCli, reply: str) -> None:
    result = cli.run(_menu(save_as="escolha"), "oi", reply)
    assert bot_texts(result)[-1] == "suporte"
    assert result["variables"]["escolha"] == "Suporte Técnico"


def test_menu_picks_option_by_button_reply_id(cli: FlowCli) -> None:
    result = cli.run(_menu(style="buttons"), script=[{"text": "oi"}, {"button": "vendas"}])
    assert result["transcript"][1]["text"] == "Escolha:"
    assert result["transcript"][1]["style"] == "buttons"
    assert bot_texts(result)[-1] == "vendas"


def test_menu_invalid_reply_asks_again_then_takes_invalid_after_max_retries(cli: FlowCli) -> None:
    result = cli.run(_menu(invalid_text="Não entendi", max_retries=2), "oi", "xyz", "banana")
    texts = bot_texts(result)
    assert texts[1] == "Não entendi"
    assert texts[2].startswith("Escolha:")  # asked again
    assert texts[-1] == "desisto"
    assert texts.count("Não entendi") == 1


def test_menu_timeout_fires_on_virtual_time(cli: FlowCli) -> None:
    doc = _menu(timeout_s=600)
    waiting = cli.run(doc, script=[{"text": "oi"}, {"wait": 599}])
    assert waiting["state"] == "waiting_input"
    fired = cli.run(doc, script=[{"text": "oi"}, {"wait": 600}])
    assert bot_texts(fired)[-1] == "sumiu"


def _question(validate: str, **config: Any) -> dict[str, Any]:
    return flow_doc(
        [{"id": "start", "type": "start"},
         {"id": "q", "type": "question",
          "config": {"text": "Informe:", "save_as": "resp", "validate": validate, **config}},
         {"id": "ok", "type": "message", "config": {"text": "ok {{resp}}"}},
         {"id": "bad", "type": "message", "config": {"text": "inválido"}},
         {"id": "to", "type": "message", "config": {"text": "tempo"}}],
        [("start", "next", "q"), ("q", "next", "ok"), ("q", "invalid", "bad"), ("q", "timeout", "to")])


@pytest.mark.parametrize(("validate", "config", "answer", "stored"), [
    ("text", {}, "  Ana  ", "Ana"),
    ("number", {"min": 0, "max": 100}, "12,5", "12.5"),
    ("integer", {}, "42", "42"),
    ("email", {}, "ana@Example.com", "ana@example.com"),
    ("phone", {}, "(11) 99999-0000", "5511999990000"),
    ("date", {}, "29/02/2024", "2024-02-29"),
    ("cpf", {}, "529.982.247-25", "52998224725"),
    ("cnpj", {}, "11.222.333/0001-81", "11222333000181"),
    ("regex", {"pattern": r"^[A-Z]{3}-\d{4}$"}, "ABC-1234", "ABC-1234"),
])
def test_question_stores_normalised_answer(cli: FlowCli, validate: str, config: dict[str, Any],
                                           answer: str, stored: str) -> None:
    result = cli.run(_question(validate, **config), "oi", answer)
    assert result["variables"]["resp"] == stored
    assert bot_texts(result) == ["Informe:", f"ok {stored}"]


@pytest.mark.parametrize(("validate", "config", "answer"), [
    ("number", {"max": 10}, "12,5"),
    ("integer", {}, "4.5"),
    ("email", {}, "ana@"),
    ("phone", {}, "123"),
    ("date", {}, "31/02/2024"),
    ("cpf", {}, "111.111.111-11"),
    ("cpf", {}, "529.982.247-26"),
    ("cnpj", {}, "11.222.333/0001-82"),
    ("regex", {"pattern": r"^\d+$"}, "abc"),
])
def test_question_rejects_invalid_answer_and_asks_again(cli: FlowCli, validate: str,
                                                        config: dict[str, Any], answer: str) -> None:
    result = cli.run(_question(validate, **config), "oi", answer)
    assert result["state"] == "waiting_input"
    assert "resp" not in result["variables"]
    assert bot_texts(result)[-1] == "Informe:"
    assert len(bot_texts(result)) == 3  # ask, "invalid" explanation, ask again


def test_question_image_and_location_answers(cli: FlowCli) -> None:
    image = cli.run(_question("image"), script=[{"text": "oi"}, {"text": "não tenho"},
                                                {"media": "image"}])
    assert image["variables"]["resp"].endswith(".jpg")
    location = cli.run(_question("location"), script=[{"text": "oi"}, {"location": [-23.5, -46.6]}])
    assert location["variables"]["resp"] == "-23.500000,-46.600000"


def test_question_goes_invalid_after_retries_and_timeout_on_wait(cli: FlowCli) -> None:
    result = cli.run(_question("integer", max_retries=1), "oi", "x")
    assert bot_texts(result)[-1] == "inválido"
    timed = cli.run(_question("text", timeout_s=60), script=[{"text": "oi"}, {"wait": 61}])
    assert bot_texts(timed)[-1] == "tempo"


def _condition(rules: list[dict[str, Any]], mode: str = "all") -> dict[str, Any]:
    return flow_doc(
        [{"id": "start", "type": "start"},
         {"id": "c", "type": "condition", "config": {"mode": mode, "rules": rules}},
         {"id": "t", "type": "message", "config": {"text": "T"}},
         {"id": "f", "type": "message", "config": {"text": "F"}}],
        [("start", "next", "c"), ("c", "true", "t"), ("c", "false", "f")])


@pytest.mark.parametrize(("op", "right", "said", "expected"), [
    ("equals", "São Paulo", "sao paulo", "T"),
    ("not_equals", "x", "y", "T"),
    ("contains", "PIZZA", "quero uma pizza", "T"),
    ("not_contains", "pizza", "quero uma pizza", "F"),
    ("starts_with", "quero", "Quero sim", "T"),
    ("ends_with", "sim", "quero sim", "T"),
    ("matches", r"\d{5}-?\d{3}", "cep 01310-100", "T"),
    ("gt", "10", "12,5", "T"),
    ("gte", "12.5", "12,5", "T"),
    ("lt", "10", "abc", "F"),
    ("lte", "3", "3", "T"),
    ("is_empty", "", "   ", "T"),
    ("is_not_empty", "", "a", "T"),
    ("in", ["sim", "s", "claro"], "Sim", "T"),
    ("in", "sim,s", "não", "F"),
])
def test_condition_operators(cli: FlowCli, op: str, right: Any, said: str, expected: str) -> None:
    doc = _condition([{"left": "{{last_input}}", "op": op, "right": right}])
    assert bot_texts(cli.run(doc, said)) == [expected]


def test_condition_any_and_all_modes(cli: FlowCli) -> None:
    rules = [{"left": "{{last_input}}", "op": "equals", "right": "a"},
             {"left": "{{last_input}}", "op": "equals", "right": "b"}]
    assert bot_texts(cli.run(_condition(rules, "any"), "b")) == ["T"]
    assert bot_texts(cli.run(_condition(rules, "all"), "b")) == ["F"]


def test_set_variable_and_var_flag(cli: FlowCli) -> None:
    doc = chain({"id": "sv", "type": "set_variable",
                 "config": {"assignments": [{"name": "saudacao", "value": "Olá {{nome}}"}]}},
                {"id": "m", "type": "message", "config": {"text": "{{saudacao}}!"}},
                variables={"nome": ""})
    result = cli.run(doc, "oi", args=("--var", "nome=Bia"))
    assert bot_texts(result) == ["Olá Bia!"]
    assert result["variables"] == {"nome": "Bia", "saudacao": "Olá Bia"}


def test_delay_completes_at_once_in_virtual_time(cli: FlowCli) -> None:
    doc = chain({"id": "a", "type": "message", "config": {"text": "antes {{now.time}}"}},
                {"id": "d", "type": "delay", "config": {"seconds": 3600}},
                {"id": "b", "type": "message", "config": {"text": "depois {{now.time}}"}})
    result = cli.run(doc, "oi", args=("--now", "2025-01-06T10:00:00-03:00"))
    assert bot_texts(result) == ["antes 10:00", "depois 11:00"]
    assert result["state"] == "ended"


def test_randomizer_takes_only_branch_with_weight_and_all_branches_are_reachable(
        cli: FlowCli) -> None:
    doc = flow_doc(
        [{"id": "start", "type": "start"},
         {"id": "r", "type": "randomizer",
          "config": {"branches": [{"id": "a", "weight": 1}, {"id": "b", "weight": 1}]}},
         {"id": "ma", "type": "message", "config": {"text": "A"}},
         {"id": "mb", "type": "message", "config": {"text": "B"}}],
        [("start", "next", "r"), ("r", "a", "ma"), ("r", "b", "mb")])
    seen = {bot_texts(cli.run(doc, "oi"))[0] for _ in range(40)}
    assert seen == {"A", "B"}


@pytest.mark.parametrize(("now", "expected"), [
    ("2025-01-06T10:00:00-03:00", "aberto"),  # Monday 10:00 local
    ("2025-01-06T12:30:00Z", "aberto"),  # 09:30 local
    ("2025-01-06T11:30:00Z", "fechado"),  # 08:30 local
    ("2025-01-06T21:30:00Z", "fechado"),  # 18:30 local
    ("2025-01-11T14:00:00-03:00", "fechado"),  # Saturday
    ("2025-12-25T10:00:00-03:00", "fechado"),  # holiday (a Thursday)
])
def test_business_hours_with_timezone_and_holidays(cli: FlowCli, now: str, expected: str) -> None:
    doc = flow_doc(
        [{"id": "start", "type": "start"},
         {"id": "h", "type": "business_hours",
          "config": {"hours": {d: [["09:00", "18:00"]] for d in ("mon", "tue", "wed", "thu", "fri")},
                     "timezone": "America/Sao_Paulo", "holidays": ["2025-12-25"]}},
         {"id": "o", "type": "message", "config": {"text": "aberto"}},
         {"id": "c", "type": "message", "config": {"text": "fechado"}}],
        [("start", "next", "h"), ("h", "open", "o"), ("h", "closed", "c")])
    assert bot_texts(cli.run(doc, "oi", args=("--now", now))) == [expected]


def test_business_hours_overnight_interval_and_connection_schedule(cli: FlowCli) -> None:
    def doc(hours: Any) -> dict[str, Any]:
        return flow_doc(
            [{"id": "start", "type": "start"},
             {"id": "h", "type": "business_hours", "config": {"hours": hours}},
             {"id": "o", "type": "message", "config": {"text": "aberto"}},
             {"id": "c", "type": "message", "config": {"text": "fechado"}}],
            [("start", "next", "h"), ("h", "open", "o"), ("h", "closed", "c")])
    night = doc({"fri": [["22:00", "02:00"]]})
    assert bot_texts(cli.run(night, "oi", args=("--now", "2025-01-11T01:00:00-03:00"))) == ["aberto"]
    assert bot_texts(cli.run(night, "oi", args=("--now", "2025-01-11T03:00:00-03:00"))) == ["fechado"]
    # "connection": the sandbox connection works Monday to Friday, 09:00-18:00 São Paulo
    assert bot_texts(cli.run(doc("connection"), "oi",
                             args=("--now", "2025-01-07T15:00:00-03:00"))) == ["aberto"]


class _Api(BaseHTTPRequestHandler):
    received: list[dict[str, Any]] = []

    def log_message(self, *args: Any) -> None:
        pass

    def _reply(self, status: int, body: Any) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:
        if self.path.startswith("/fail"):
            self._reply(503, {"error": "down"})
        else:
            self._reply(200, {"data": {"items": [{"name": "Pizza"}, {"name": "Suco"}],
                                       "total": 2, "ok": True}, "echo": self.path})

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        _Api.received.append({"path": self.path, "headers": dict(self.headers),
                              "body": json.loads(body)})
        self._reply(201, {"lead": {"id": 777}})


@pytest.fixture
def api() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Api)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    _Api.received.clear()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def _http(**config: Any) -> dict[str, Any]:
    return flow_doc(
        [{"id": "start", "type": "start"},
         {"id": "h", "type": "http_request", "config": config},
         {"id": "ok", "type": "message", "config": {"text": "ok {{primeiro}} {{total}} {{st}}"}},
         {"id": "err", "type": "message", "config": {"text": "erro {{http_error}} {{st}}"}}],
        [("start", "next", "h"), ("h", "ok", "ok"), ("h", "error", "err")], variables={"base": ""})


def test_http_request_saves_dot_paths_and_status(cli: FlowCli, api: str) -> None:
    doc = _http(method="GET", url="{{base}}/itens?q={{last_input}}", save_status_as="st",
                save=[{"name": "primeiro", "path": "data.items.0.name"},
                      {"name": "total", "path": "data.total"},
                      {"name": "echo", "path": "echo"}])
    result = cli.run(doc, "pão & leite", args=("--var", f"base={api}"))
    assert bot_texts(result) == ["ok Pizza 2 200"]
    assert result["variables"]["echo"] == "/itens?q=p%C3%A3o%20%26%20leite"
    assert result["events"][0] == {"type": "http", "method": "GET",
                                   "url": f"{api}/itens?q=p%C3%A3o%20%26%20leite", "status": 200}


def test_http_request_posts_json_body_with_escaped_values(cli: FlowCli, api: str) -> None:
    doc = _http(method="POST", url=f"{api}/leads", headers={"X-Token": "abc"},
                body='{"msg": "{{last_input}}"}', save=[{"name": "primeiro", "path": "lead.id"}])
    result = cli.run(doc, 'diz "olá"\nfim')
    assert bot_texts(result) == ["ok 777  "]
    assert _Api.received[0]["body"] == {"msg": 'diz "olá"\nfim'}
    assert _Api.received[0]["headers"]["X-Token"] == "abc"


def test_http_request_error_status_and_dead_server(cli: FlowCli, api: str) -> None:
    failed = cli.run(_http(url=f"{api}/fail", save_status_as="st"), "oi")
    assert bot_texts(failed) == ["erro HTTP 503 503"]
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        dead_port = s.getsockname()[1]
    dead = cli.run(_http(url=f"http://127.0.0.1:{dead_port}/x", save_status_as="st"), "oi")
    assert bot_texts(dead)[0].startswith("erro falha de rede")
    assert dead["events"][0]["status"] is None


def test_tag_transfer_close_and_end_events(cli: FlowCli) -> None:
    tagged = cli.run(chain({"id": "t", "type": "tag", "config": {"add": ["lead", "vip"],
                                                                 "remove": ["frio"]}},
                           {"id": "x", "type": "transfer",
                            "config": {"queue": "Vendas", "agent": None, "text": "Aguarde"}}), "oi")
    assert tagged["events"] == [{"type": "tag", "add": ["lead", "vip"], "remove": ["frio"]},
                                {"type": "transfer", "queue": "Vendas", "agent": None}]
    assert tagged["state"] == "transferred" and bot_texts(tagged) == ["Aguarde"]
    to_agent = cli.run(chain({"id": "x", "type": "transfer",
                              "config": {"agent": "ana@loja.com"}}), "oi")
    assert to_agent["events"] == [{"type": "transfer", "queue": None, "agent": "ana@loja.com"}]
    closed = cli.run(chain({"id": "c", "type": "close_ticket", "config": {"text": "Tchau!"}}), "oi")
    assert closed["state"] == "closed" and bot_texts(closed) == ["Tchau!"]
    assert event_types(closed) == ["close"]
    ended = cli.run(chain({"id": "e", "type": "end"}), "oi")
    assert ended["state"] == "ended" and event_types(ended) == ["end"]


def test_after_end_the_next_message_starts_again_and_bot_stays_quiet_after_transfer(
        cli: FlowCli) -> None:
    again = cli.run(chain({"id": "m", "type": "message", "config": {"text": "olá"}}), "oi", "oi de novo")
    assert bot_texts(again) == ["olá", "olá"]
    quiet = cli.run(chain({"id": "x", "type": "transfer", "config": {"queue": "Q"}}), "oi", "alô?")
    assert quiet["state"] == "transferred" and bot_texts(quiet) == []


def test_go_to_flow_continues_in_another_file_keeping_variables(cli: FlowCli) -> None:
    cli.write(chain({"id": "m", "type": "message", "config": {"text": "outro fluxo: {{nome}}"}},
                    id="f2", name="Pós-venda"), name="pos.wdflow.json")
    doc = chain({"id": "sv", "type": "set_variable",
                 "config": {"assignments": [{"name": "nome", "value": "Caio"}]}},
                {"id": "g", "type": "go_to_flow", "config": {"flow": "pos-venda"}})
    result = cli.run(doc, "oi")
    assert bot_texts(result) == ["outro fluxo: Caio"]
    assert event_types(result) == ["go_to_flow", "end"]
    missing = cli.run(chain({"id": "g", "type": "go_to_flow", "config": {"flow": "nao existe"}}), "oi")
    assert missing["state"] == "error" and missing["error"] == "flow_not_found"


def test_loop_limit_stops_a_run_of_more_than_50_nodes(cli: FlowCli) -> None:
    nodes = [{"id": f"s{i}", "type": "set_variable",
              "config": {"assignments": [{"name": "n", "value": str(i)}]}} for i in range(60)]
    result = cli.run(chain(*nodes), "oi")
    assert result["state"] == "error" and result["error"] == "loop_limit"
    assert result["variables"]["n"] == "48"  # start + 49 assignments ran, the 51st node did not
    assert result["events"][-1]["type"] == "error"
    fifty = cli.run(chain(*nodes[:49]), "oi")  # start + 49 = 50 nodes: allowed
    assert fifty["state"] == "ended"


def test_unconnected_port_ends_the_run(cli: FlowCli) -> None:
    result = cli.run(flow_doc([{"id": "start", "type": "start"}]), "oi")
    assert result["state"] == "ended" and event_types(result) == ["end"]


def test_go_to_flow_keeps_talking_in_the_other_flow_on_later_messages(cli: FlowCli) -> None:
    cli.write(chain({"id": "q", "type": "question", "config": {"text": "Qual cor?",
                                                                "save_as": "cor"}},
                    {"id": "m", "type": "message", "config": {"text": "Cor: {{cor}}"}},
                    id="cores", name="Cores"), name="cores.wdflow.json")
    doc = chain({"id": "g", "type": "go_to_flow", "config": {"flow": "cores"}})
    result = cli.run(doc, "oi", "azul")
    assert bot_texts(result) == ["Qual cor?", "Cor: azul"]
    assert result["variables"]["cor"] == "azul"


def test_interactive_chat_commands_become_contact_actions() -> None:
    from whatdesk.cli.flow import Wait, _interactive_action
    from whatdesk.flows.validators import Answer

    assert _interactive_action("quero pizza", 1) == Answer(text="quero pizza")
    assert _interactive_action("/esperar 600", 1) == Wait(600.0)
    assert _interactive_action("/botao vendas", 1) == Answer(kind="button_reply", reply_id="vendas")
    assert _interactive_action("/local -23.5 -46.6", 1) == Answer(kind="location", latitude=-23.5,
                                                                  longitude=-46.6)
    image = _interactive_action("/imagem", 3)
    assert isinstance(image, Answer) and image.kind == "image" and image.media_path
    assert _interactive_action("/voar", 1) is None

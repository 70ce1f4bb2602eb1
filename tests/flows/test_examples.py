"""The example flows shipped in resources/flows, played end to end through `flow run --json`."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from whatdesk.flows.document import load_file
from whatdesk.flows.validation import validate

from .conftest import FlowCli, bot_texts

EXAMPLES = Path(__file__).resolve().parents[2] / "resources" / "flows"
RESTAURANTE = EXAMPLES / "restaurante.wdflow.json"
SUPORTE = EXAMPLES / "suporte.wdflow.json"
LEAD = EXAMPLES / "lead.wdflow.json"
SATURDAY_NOON = ("--now", "2025-01-11T12:00:00-03:00")


@pytest.mark.parametrize("path", [RESTAURANTE, SUPORTE, LEAD], ids=lambda p: p.name)
def test_example_validates_clean_and_is_laid_out(cli: FlowCli, path: Path) -> None:
    rc, out, _ = cli.call("validate", str(path), "--json")
    assert rc == 0 and json.loads(out) == {"errors": [], "warnings": []}
    flow = load_file(path)
    assert validate(flow).ok
    positions = {(n.x, n.y) for n in flow.nodes}
    assert len(positions) == len(flow.nodes)  # no two nodes stacked on each other


def test_restaurant_takes_an_order_when_open(cli: FlowCli) -> None:
    result = cli.run(RESTAURANTE, "boa tarde", "1", "pedir", "2 feijoadas e 1 suco",
                     "Rua das Flores, 100 - Centro",
                     args=(*SATURDAY_NOON, "--contact-name", "João Pereira"))
    texts = bot_texts(result)
    assert texts[0] == "Boa tarde, João! Bem-vindo ao Restaurante Sabor Caseiro. 🍽️"
    assert texts[1].startswith("Como podemos ajudar?\n\n1 - Ver o cardápio")
    assert "Cardápio do dia" in texts[2]
    assert texts[3].startswith("Como podemos ajudar?")  # back to the menu
    assert "Pedido: 2 feijoadas e 1 suco" in texts[-1]
    assert result["events"] == [{"type": "tag", "add": ["pedido"], "remove": []},
                                {"type": "transfer", "queue": "Pedidos", "agent": None}]
    assert result["state"] == "transferred"
    assert result["variables"]["endereco"] == "Rua das Flores, 100 - Centro"
    assert result["variables"]["opcao"] == "Fazer um pedido"


def test_restaurant_is_closed_on_monday_and_on_christmas(cli: FlowCli) -> None:
    for now in ("2025-01-06T12:00:00-03:00", "2025-12-25T12:00:00-03:00"):
        result = cli.run(RESTAURANTE, "oi", args=("--now", now))
        assert "estamos fechados" in bot_texts(result)[0]
        assert result["state"] == "ended"


def test_restaurant_closes_the_ticket_when_the_customer_goes_silent(cli: FlowCli) -> None:
    result = cli.run(RESTAURANTE, script=[{"text": "oi"}, {"wait": 901}], args=SATURDAY_NOON)
    assert bot_texts(result)[-1].startswith("Como não recebemos resposta")
    assert result["state"] == "closed"


def test_support_triage_collects_data_and_transfers(cli: FlowCli) -> None:
    result = cli.run(SUPORTE, script=[
        {"text": "Oi, minha internet caiu"}, {"text": "Carla Mendes"},
        {"text": "123.456.789-00"},  # wrong check digits: asked again
        {"text": "529.982.247-25"}, {"text": "carla@exemplo.com.br"},
        {"button": "tecnico"}])
    texts = bot_texts(result)
    assert "Esse CPF não parece válido. Confira os números e envie de novo." in texts
    assert result["variables"]["cpf"] == "52998224725"
    assert result["variables"]["email"] == "carla@exemplo.com.br"
    assert result["variables"]["assunto"] == "Problema técnico"
    assert texts[-1] == "Pronto, Carla Mendes! Um técnico vai te atender em instantes. 🛠️"
    assert result["events"] == [{"type": "tag", "add": ["suporte"], "remove": []},
                                {"type": "transfer", "queue": "Suporte", "agent": None}]
    menu = next(t for t in result["transcript"] if t.get("options"))
    assert menu["options"] == ["Problema técnico", "Financeiro", "Outros assuntos"]


def test_support_state_while_waiting_for_email(cli: FlowCli) -> None:
    result = cli.run(SUPORTE, "oi", "Carla", "52998224725")
    assert (result["state"], result["node"]) == ("waiting_input", "q_email")


class _Crm(BaseHTTPRequestHandler):
    leads: list[dict[str, Any]] = []
    status = 201

    def log_message(self, *args: Any) -> None:
        pass

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        _Crm.leads.append({"path": self.path, "body": body, "origin": self.headers["X-Origem"]})
        data = json.dumps({"lead": {"id": f"L-{len(_Crm.leads)}"}}).encode()
        self.send_response(_Crm.status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


@pytest.fixture
def crm() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Crm)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    _Crm.leads.clear()
    _Crm.status = 201
    yield f"http://127.0.0.1:{server.server_address[1]}/hooks/leads"
    server.shutdown()
    server.server_close()


LEAD_TALK = ("quero saber mais da promo", "Rafael Lima", "rafael@exemplo.com", "(21) 98888-7777")


def test_lead_form_posts_to_the_webhook(cli: FlowCli, crm: str) -> None:
    result = cli.run(LEAD, *LEAD_TALK, args=("--var", f"webhook_url={crm}",
                                             "--contact-number", "5521977776666"))
    assert _Crm.leads == [{"path": "/hooks/leads", "origin": "whatdesk", "body": {
        "nome": "Rafael Lima", "email": "rafael@exemplo.com", "telefone": "5521988887777",
        "whatsapp": "5521977776666", "origem": "whatsapp"}}]
    assert bot_texts(result)[-1].startswith("Cadastro feito, Rafael Lima! Seu protocolo é L-1.")
    assert {"type": "http", "method": "POST", "url": crm, "status": 201} in result["events"]
    assert {"type": "tag", "add": ["lead"], "remove": []} in result["events"]
    assert result["variables"]["http_status"] == "201"
    assert result["state"] == "ended"


def test_lead_form_hands_over_when_the_webhook_fails(cli: FlowCli, crm: str) -> None:
    _Crm.status = 500
    result = cli.run(LEAD, *LEAD_TALK, args=("--var", f"webhook_url={crm}"))
    assert result["variables"]["http_error"] == "HTTP 500"
    assert result["events"][-1] == {"type": "transfer", "queue": "Comercial", "agent": None}
    assert result["state"] == "transferred"

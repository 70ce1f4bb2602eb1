"""The demo's shop: queues and a welcome menu flow, so `whatdesk --demo` fills every list."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from whatdesk.domain.errors import WhatdeskError
from whatdesk.store import create_queue, list_queues

if TYPE_CHECKING:
    from .runtime import Runtime

log = logging.getLogger(__name__)

DEMO_FLOW_ID = "5d1c0a7e-3d6f-4c1e-9a57-d0ce1a5ab0e0"
DEMO_FLOW_NAME = "Doceria - boas-vindas (demo)"
DEMO_QUEUES = (("Pedidos", "#E91E63"), ("Entregas", "#3F51B5"), ("Atendimento", "#009688"))


def demo_flow() -> dict[str, Any]:
    """Greets, offers three buttons and hands the customer to the matching queue; a customer
    who never answers stays with the bot (the Bot tab), the others wait in a queue."""
    def transfer(node_id: str, queue: str, text: str, y: int) -> dict[str, Any]:
        return {"id": node_id, "type": "transfer", "x": 720, "y": y,
                "config": {"queue": queue, "agent": None, "text": text}}

    return {
        "format": "whatdesk.flow", "schema": 1, "id": DEMO_FLOW_ID, "name": DEMO_FLOW_NAME,
        "description": "Menu de boas-vindas da demonstração.", "variables": {},
        "triggers": [],
        "nodes": [
            {"id": "start", "type": "start", "x": 0, "y": 160, "config": {}},
            {"id": "menu", "type": "menu", "x": 240, "y": 160, "config": {
                "text": "{{greeting}}! Bem-vindo à Doceria Sabor de Casa 🍰 Como podemos "
                        "ajudar?",
                "options": [
                    {"id": "pedido", "label": "Fazer um pedido", "keywords": ["pedido"]},
                    {"id": "entrega", "label": "Minha entrega", "keywords": ["entrega"]},
                    {"id": "outro", "label": "Outro assunto", "keywords": ["outro"]},
                ],
                "style": "buttons", "invalid_text": "Escolha uma das opções, por favor.",
                "max_retries": 2, "timeout_s": 3600}},
            transfer("para_pedidos", "Pedidos", "Já te passo para quem anota os pedidos!", 0),
            transfer("para_entregas", "Entregas", "Vou ver sua entrega com a equipe 🛵", 160),
            transfer("para_atendimento", "Atendimento", "Um atendente já vai falar com você.",
                     320),
            {"id": "fim", "type": "end", "x": 480, "y": 480, "config": {}},
        ],
        "edges": [
            {"from": "start", "port": "next", "to": "menu"},
            {"from": "menu", "port": "pedido", "to": "para_pedidos"},
            {"from": "menu", "port": "entrega", "to": "para_entregas"},
            {"from": "menu", "port": "outro", "to": "para_atendimento"},
            {"from": "menu", "port": "invalid", "to": "para_atendimento"},
            {"from": "menu", "port": "timeout", "to": "fim"},
        ],
    }


async def prepare_demo_shop(runtime: Runtime, connection_id: int) -> None:
    """Queues and the welcome flow of the demo connection (once; a user's changes stay)."""
    def ensure_queues(s: Any) -> None:
        have = {q.name for q in list_queues(s)}
        for name, color in DEMO_QUEUES:
            if name not in have:
                create_queue(s, name, color)

    await runtime.db.write(ensure_queues)
    flows = runtime.flows
    if not any(f.id == DEMO_FLOW_ID for f in await flows.list()):
        try:
            await flows.save_draft(demo_flow())
            await flows.publish(DEMO_FLOW_ID, "demo")
            await flows.set_welcome_flow(connection_id, DEMO_FLOW_ID)
        except WhatdeskError as exc:  # the demo still runs, without its menu
            log.warning("demo flow not installed: %s", exc)

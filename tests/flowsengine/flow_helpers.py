"""Flow documents and set-up shared by the flow engine tests."""

from __future__ import annotations

from typing import Any

from sandbox_app import App


def flow_doc(name: str, nodes: list[tuple[str, str, dict[str, Any]]],
             edges: list[tuple[str, str, str]], triggers: list[dict[str, str]] | None = None,
             flow_id: str | None = None) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "format": "whatdesk.flow", "schema": 1, "name": name, "variables": {},
        "nodes": [{"id": i, "type": t, "x": n * 200, "y": 0, "config": c}
                  for n, (i, t, c) in enumerate(nodes)],
        "edges": [{"from": a, "port": p, "to": b} for a, p, b in edges],
    }
    if triggers:
        doc["triggers"] = triggers
    if flow_id:
        doc["id"] = flow_id
    return doc


def welcome_doc(name: str = "Boas-vindas", hello: str = "Olá, {{contact.first_name}}!",
                **kw: Any) -> dict[str, Any]:
    """start -> hello -> menu (Vendas / Suporte) -> transfer to the chosen queue."""
    return flow_doc(name, [
        ("start", "start", {}),
        ("hello", "message", {"text": hello}),
        ("menu", "menu", {"text": "Escolha:", "options": [
            {"id": "vendas", "label": "Vendas", "keywords": []},
            {"id": "suporte", "label": "Suporte", "keywords": []}]}),
        ("to_vendas", "transfer", {"queue": "Vendas", "text": "Transferindo para Vendas"}),
        ("to_suporte", "transfer", {"queue": "Suporte", "text": "Transferindo para Suporte"}),
    ], [("start", "next", "hello"), ("hello", "next", "menu"), ("menu", "vendas", "to_vendas"),
        ("menu", "suporte", "to_suporte"), ("menu", "invalid", "to_suporte")], **kw)


async def install(app: App, doc: dict[str, Any], welcome: bool = True) -> str:
    """Save, publish and (optionally) make it the connection's welcome flow; returns its id."""
    flows = app.runtime.flows
    row = await flows.save_draft(doc)
    await flows.publish(row.id)
    if welcome:
        await flows.set_welcome_flow(app.connection_id, row.id)
    return row.id

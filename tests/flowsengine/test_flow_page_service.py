"""What the flows page relies on: overview, publish notes, history, restore, delete refusal,
keyword triggers, analytics from real conversations, and the draft journal."""

from __future__ import annotations

from datetime import timedelta

import pytest
from flow_helpers import install, welcome_doc
from test_flow_engine import settle

from whatdesk.domain.errors import ConflictError
from whatdesk.flows import load


async def test_overview_tells_draft_published_and_modified_apart(app):
    flows = app.runtime.flows
    draft = await flows.create("Rascunho")
    flow_id = await install(app, welcome_doc())
    conn = await app.runtime.connections.get(app.connection_id)
    [a, b] = sorted(await flows.overview(), key=lambda f: f.name)
    assert (a.name, a.status, a.welcome_of) == ("Boas-vindas", "published", (conn.name,))
    assert (b.id, b.status, b.welcome_of) == (draft.id, "draft", ())

    doc = welcome_doc(hello="Outro texto", flow_id=flow_id)
    await flows.save_draft(doc)
    [a, _] = sorted(await flows.overview(), key=lambda f: f.name)
    assert a.status == "modified"


async def test_publish_keeps_author_and_note_in_the_history(app):
    flows = app.runtime.flows
    row = await flows.save_draft(welcome_doc())
    await flows.publish(row.id, "Bia", note="primeira versão")
    await flows.publish(row.id, "Caio", note="  texto novo ")
    history = await flows.versions(row.id)
    assert [(v.version, v.published_by, v.note) for v in history] == [
        (2, "Caio", "texto novo"), (1, "Bia", "primeira versão")]


async def test_restore_makes_an_old_version_the_draft_and_returns_the_replaced_one(app):
    flows = app.runtime.flows
    row = await flows.save_draft(welcome_doc(hello="V1"))
    await flows.publish(row.id)
    await flows.save_draft(welcome_doc(hello="V2", flow_id=row.id))
    restored, replaced = await flows.restore_version(row.id, 1)
    assert load(restored.draft).node("hello").config["text"] == "V1"
    assert load(replaced).node("hello").config["text"] == "V2"
    await flows.save_draft(replaced)  # Undo
    assert load((await flows.get(row.id)).draft).node("hello").config["text"] == "V2"


async def test_delete_is_refused_while_a_connection_uses_the_flow_to_welcome(app):
    flows = app.runtime.flows
    flow_id = await install(app, welcome_doc())
    conn = await app.runtime.connections.get(app.connection_id)
    with pytest.raises(ConflictError) as refused:
        await flows.delete(flow_id)
    assert conn.name in str(refused.value) and conn.name in refused.value.message("en")
    assert (await flows.get(flow_id)).id == flow_id
    await flows.set_welcome_flow(app.connection_id, None)
    await flows.delete(flow_id)
    assert await flows.list() == []


async def test_rename_duplicate_and_unique_names(app):
    flows = app.runtime.flows
    row = await flows.create("Vendas")
    await flows.create("Suporte")
    with pytest.raises(ConflictError):
        await flows.rename(row.id, "suporte")
    renamed = await flows.rename(row.id, "Vendas 2026")
    assert renamed.name == "Vendas 2026" and renamed.draft["name"] == "Vendas 2026"
    copy = await flows.duplicate(row.id)
    assert copy.id != row.id and copy.name == "Vendas 2026 (cópia)"
    assert copy.published_version is None


async def test_keyword_trigger_set_on_the_page_starts_the_flow(app):
    flows = app.runtime.flows
    await install(app, welcome_doc(hello="Boas-vindas"))
    promo = welcome_doc(name="Promoção", hello="Promoção do dia!")
    promo["id"] = "promo-flow"
    row = await flows.save_draft(promo)
    await flows.set_triggers(row.id, [{"keyword": "  promoção ", "match": "contains"},
                                      {"keyword": "", "match": "exact"}])
    assert (await flows.get(row.id)).draft["triggers"] == [
        {"keyword": "promoção", "match": "contains"}]
    await flows.publish(row.id)
    ana = app.network.customer("5511987650101", "Ana")
    ana.send_text("Quero a PROMOCAO de hoje")  # case and accents ignored
    await settle(app, ana, 1)
    assert ana.texts[0] == "Promoção do dia!"


async def test_analytics_counts_exits_and_stops_in_the_period(app):
    flows = app.runtime.flows
    flow_id = await install(app, welcome_doc())
    start = app.clock.now()
    ana = app.network.customer("5511987650102", "Ana")
    bia = app.network.customer("5511987650103", "Bia")
    ana.send_text("oi")
    bia.send_text("oi")
    await settle(app, ana, 2)
    await settle(app, bia, 2)
    ana.send_text("1")  # Vendas; Bia stays waiting at the menu
    await settle(app, ana, 3)
    until = app.clock.now() + timedelta(minutes=1)
    data = await flows.analytics(flow_id, start - timedelta(minutes=1), until)
    assert data.exits[("start", "next")] == 2
    assert data.exits[("hello", "next")] == 2
    assert data.exits[("menu", "vendas")] == 1
    assert ("menu", "suporte") not in data.exits
    assert data.stopped == {"menu": 1}
    assert data.entered["menu"] == 2
    assert data.entered["to_vendas"] == 1
    assert data.conversations == 2
    later = await flows.analytics(flow_id, until + timedelta(hours=2),
                                  until + timedelta(hours=3))
    assert later.entered == {} and later.exits == {}


async def test_journal_survives_until_the_draft_is_saved(app):
    flows = app.runtime.flows
    row = await flows.save_draft(welcome_doc())
    flow = load(row.draft)
    flow.update_node_config("hello", text="Editado antes do crash")
    from whatdesk.flows import to_dict

    flows.write_journal(row.id, to_dict(flow))
    pending = await flows.unsaved_journal(row.id)
    assert pending is not None and pending.node("hello").config["text"] == \
        "Editado antes do crash"
    await flows.save_draft(pending)
    assert await flows.unsaved_journal(row.id) is None  # same as the draft now
    assert flows.journal_path("../../etc/passwd").parent == flows.journal_path("x").parent


async def test_hourly_counts_older_than_the_kept_days_are_dropped(app):
    from whatdesk.store import NodeExecution, record_node_executions
    from whatdesk.store.flows import HOURLY_KEEP_DAYS, NODE_LOG_TRIM_EVERY

    flows = app.runtime.flows
    row = await flows.create("Antigo")
    now = app.clock.now()
    old = now - timedelta(days=HOURLY_KEEP_DAYS + 5)
    await app.runtime.db.write(lambda s: record_node_executions(
        s, [NodeExecution(row.id, 1, "start", "next", 1, old)]))
    recent = [NodeExecution(row.id, 1, "start", "next", 2, now)] * NODE_LOG_TRIM_EVERY
    await app.runtime.db.write(lambda s: record_node_executions(s, recent))
    everything = await flows.analytics(row.id, old - timedelta(days=1), now + timedelta(hours=1))
    assert everything.exits[("start", "next")] == NODE_LOG_TRIM_EVERY

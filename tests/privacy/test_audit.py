"""The audit log: settings changes are recorded with who made them, newest first, in pages."""

from __future__ import annotations

import pytest

from whatdesk.services.audit import Actor

pytestmark = pytest.mark.timeout(60)


async def test_settings_changes_are_logged_with_the_agent_newest_first(runtime, clock) -> None:
    runtime.actor = Actor("Alice", 7)
    tag = await runtime.tags.create("VIP", "#ff0000")
    clock.advance(1)
    await runtime.tags.update(tag.id, "VIP+", "#00ff00")
    clock.advance(1)
    queue = await runtime.queues.create("Vendas", "#123456")
    clock.advance(1)
    await runtime.tags.delete(tag.id)

    page = await runtime.audit.page(limit=2)
    assert page.total == 4
    assert [(r.action, r.target) for r in page.rows] == [
        ("settings.tag.delete", f"tag#{tag.id}"), ("settings.queue.create", f"queue#{queue.id}")]
    assert {(r.actor, r.actor_id) for r in page.rows} == {("Alice", 7)}
    older = await runtime.audit.page(offset=2, limit=2)
    assert [r.action for r in older.rows] == ["settings.tag.update", "settings.tag.create"]
    assert older.rows[0].at < page.rows[1].at


async def test_record_is_what_other_parts_call(runtime) -> None:
    await runtime.audit.record("backup.restore", "backup", {"tables": 12})
    [row] = (await runtime.audit.page()).rows
    assert (row.action, row.actor, row.actor_id, row.details) == \
        ("backup.restore", "system", None, {"tables": 12})

"""The retention policy: off by default; when on, a daily job deletes or anonymizes the
conversations closed more than N days ago, and says so in the audit log."""

from __future__ import annotations

import asyncio

import pytest

from whatdesk.services.privacy import RetentionPolicy
from whatdesk.store import close_ticket, get_ticket, list_messages
from whatdesk.store.privacy import is_anonymized

from .conftest import SECRETS, add_customer, leftovers

pytestmark = pytest.mark.timeout(60)
DAY = 24 * 3600


async def _audit_actions(runtime) -> list[str]:
    return [row.action for row in (await runtime.audit.page()).rows]


async def _until(predicate, runtime) -> None:
    for _ in range(500):
        if await predicate():
            return
        await asyncio.sleep(0.01)
    raise AssertionError("the retention job did not run")


async def test_policy_is_off_by_default_and_nothing_is_erased(runtime) -> None:
    customer = await add_customer(runtime)
    await runtime.db.write(lambda s: close_ticket(s, customer.ticket_id, "agent:1"))
    assert (await runtime.privacy.retention()) == RetentionPolicy(enabled=False)
    result = await runtime.privacy.run_retention()
    assert result.skipped
    rows = await runtime.db.read(lambda s: list_messages(s, customer.ticket_id))
    assert any(r.text for r in rows)


async def test_daily_job_anonymizes_conversations_closed_longer_ago_than_the_policy(
        runtime, clock) -> None:
    customer = await add_customer(runtime)
    await runtime.db.write(lambda s: close_ticket(s, customer.ticket_id, "agent:1",
                                                  now=clock.now()))
    await runtime.privacy.set_retention(RetentionPolicy(True, 30, "anonymize"))
    await runtime.start()

    clock.advance(60)  # the first run, a minute after start: closed today, nothing is due
    await asyncio.sleep(0.05)
    await runtime.db.read(lambda s: None)
    rows = await runtime.db.read(lambda s: list_messages(s, customer.ticket_id))
    assert any(r.text for r in rows)

    clock.advance(31 * DAY)  # a day's run after the 30 days
    await _until(lambda: _has(runtime, "retention.run"), runtime)

    rows = await runtime.db.read(lambda s: list_messages(s, customer.ticket_id))
    assert rows and all(r.text == "" and r.media_path is None for r in rows)
    contact = await runtime.privacy.get(customer.contact_id)
    assert is_anonymized(contact.phone)  # all her conversations were old: she goes too
    other = await runtime.db.read(lambda s: list_messages(s, customer.other_ticket_id))
    assert other[0].text.startswith("Bom dia")  # still open: kept
    entry = (await runtime.audit.page()).rows[0]
    assert (entry.action, entry.actor) == ("retention.run", "system")
    assert entry.details["tickets"] == 1 and entry.details["mode"] == "anonymize"
    assert leftovers(runtime.data_dir, SECRETS) == []


async def test_delete_mode_removes_the_old_conversations(runtime, clock) -> None:
    customer = await add_customer(runtime)
    await runtime.db.write(lambda s: close_ticket(s, customer.ticket_id, "agent:1",
                                                  now=clock.now()))
    await runtime.privacy.set_retention(RetentionPolicy(True, 7, "delete"))
    clock.advance(8 * DAY)
    result = await runtime.privacy.run_retention()
    assert result.tickets == 1 and result.files == 1
    from whatdesk.domain.errors import NotFound
    with pytest.raises(NotFound):
        await runtime.db.read(lambda s: get_ticket(s, customer.ticket_id))
    assert not customer.media_path.exists()
    assert "settings.retention" in await _audit_actions(runtime)
    assert (await _audit_actions(runtime))[0] == "retention.run"


async def test_a_stored_policy_out_of_range_reads_as_the_default(runtime) -> None:
    from whatdesk.store import set_setting
    await runtime.db.write(lambda s: set_setting(s, "privacy.retention",
                                                 {"enabled": "yes", "days": -4, "mode": "x"}))
    assert await runtime.privacy.retention() == RetentionPolicy()


async def _has(runtime, action: str) -> bool:
    return action in await _audit_actions(runtime)

"""KeyedLocks: one holder per key in arrival order, and no lock kept for a key nobody uses."""

from __future__ import annotations

import asyncio

import pytest

from whatdesk.engine.locks import KeyedLocks


async def test_one_holder_per_key_in_arrival_order_other_keys_run_alongside():
    locks: KeyedLocks[str] = KeyedLocks()
    order: list[str] = []
    gate = asyncio.Event()

    async def work(key: str, name: str) -> None:
        async with locks.hold(key):
            order.append(f"{name}+")
            if name == "a1":
                await gate.wait()  # a1 holds "a" until the test lets it go
            order.append(f"{name}-")

    tasks = [asyncio.create_task(work(k, n)) for k, n in
             (("a", "a1"), ("a", "a2"), ("b", "b1"), ("a", "a3"))]
    await asyncio.sleep(0.01)
    assert order == ["a1+", "b1+", "b1-"]  # b is not held up by a
    gate.set()
    await asyncio.gather(*tasks)
    assert order == ["a1+", "b1+", "b1-", "a1-", "a2+", "a2-", "a3+", "a3-"]
    assert len(locks) == 0


async def test_a_cancelled_waiter_and_a_failing_holder_leave_no_lock_behind():
    locks: KeyedLocks[int] = KeyedLocks()
    gate = asyncio.Event()

    async def hold_until_gate() -> None:
        async with locks.hold(1):
            await gate.wait()

    async def wait_then_fail() -> None:
        async with locks.hold(1):
            raise ValueError("step failed")

    holder = asyncio.create_task(hold_until_gate())
    waiter = asyncio.create_task(wait_then_fail())
    cancelled = asyncio.create_task(wait_then_fail())
    await asyncio.sleep(0.01)
    cancelled.cancel()
    gate.set()
    await holder
    with pytest.raises(ValueError):
        await waiter
    with pytest.raises(asyncio.CancelledError):
        await cancelled
    assert len(locks) == 0

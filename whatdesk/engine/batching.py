"""Many small writes as one store job: the inbound pipeline and the flow runner share it."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any, Generic, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")


class BatchingWriter(Generic[Item, Result]):
    """Queues items and commits them in batches through ``db.write``.

    While a batch is being committed the next one fills up, so batches grow with the load and
    shrink to one item when it is quiet. If a batch fails, its items are retried one by one
    (``apply_one``), so a single bad item never takes the others down with it. Each caller's
    ``write()`` returns only after the commit that holds its item.
    """

    def __init__(self, db: Any, apply_batch: Callable[[Any, list[Item]], list[Result]],
                 apply_one: Callable[[Any, Item], Result],
                 max_batch: int = 200, max_in_flight: int = 2) -> None:
        self._db = db
        self._apply_batch = apply_batch
        self._apply_one = apply_one
        self._max_batch = max_batch
        self._slots = max_in_flight
        self._pending: list[tuple[Item, asyncio.Future[Result]]] = []

    async def write(self, item: Item) -> Result:
        fut: asyncio.Future[Result] = asyncio.get_running_loop().create_future()
        self._pending.append((item, fut))
        self._maybe_flush()
        return await fut

    def _maybe_flush(self) -> None:
        while self._pending and self._slots > 0:
            batch = self._pending[:self._max_batch]
            del self._pending[:self._max_batch]
            self._slots -= 1
            asyncio.get_running_loop().create_task(self._commit(batch))

    async def _commit(self, batch: list[tuple[Item, asyncio.Future[Result]]]) -> None:
        try:
            items = [item for item, _ in batch]
            try:
                results = await self._db.write(lambda s: self._apply_batch(s, items))
            except Exception as exc:
                if len(batch) == 1:
                    _settle(batch[0][1], error=exc)
                else:
                    await asyncio.gather(*(self._alone(item, fut) for item, fut in batch))
            else:
                for (_, fut), value in zip(batch, results, strict=True):
                    _settle(fut, value=value)
        finally:
            self._slots += 1
            self._maybe_flush()

    async def _alone(self, item: Item, fut: asyncio.Future[Result]) -> None:
        try:
            value = await self._db.write(lambda s: self._apply_one(s, item))
        except Exception as exc:
            _settle(fut, error=exc)
        else:
            _settle(fut, value=value)


def _settle(fut: asyncio.Future[Any], value: Any = None, error: BaseException | None = None) -> None:
    if fut.done():  # the waiting task was cancelled; the write happened anyway
        return
    if error is not None:
        fut.set_exception(error)
    else:
        fut.set_result(value)

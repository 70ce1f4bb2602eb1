"""A plain-Python event bus: the engine publishes, the UI bridge and services subscribe."""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable
from typing import Any, TypeVar

log = logging.getLogger(__name__)
E = TypeVar("E")


class EventBus:
    """Synchronous fan-out on the loop thread. A failing subscriber is logged, never fatal,
    and never stops the others."""

    def __init__(self) -> None:
        self._subs: dict[type, list[Callable[[Any], None]]] = defaultdict(list)

    def subscribe(self, event_type: type[E], callback: Callable[[E], None]) -> Callable[[], None]:
        """Subscribe; returns a function that unsubscribes. ``object`` receives everything."""
        self._subs[event_type].append(callback)

        def unsubscribe() -> None:
            try:
                self._subs[event_type].remove(callback)
            except ValueError:
                pass

        return unsubscribe

    def publish(self, event: object) -> None:
        for key in (type(event), object):
            for cb in list(self._subs.get(key, ())):
                try:
                    cb(event)
                except Exception:  # a broken subscriber must not break the engine
                    log.exception("bus subscriber %r failed on %r", cb, type(event).__name__)

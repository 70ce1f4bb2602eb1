"""Fixtures for NeonizeChannel tests: a fresh neonize loop global, a fake Go handle, and a
guard that fails any attempt to run the real Go connect."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import neonize.aioze.client as neonize_client
import neonize.aioze.events as neonize_events
import pytest
from neonize_factories import FakeGo

from whatdesk.channels.neonize import NeonizeChannel
from whatdesk.domain.clock import VirtualClock


class _NoConnectGo:
    """Wraps the real Go library: offline helpers pass through, connecting is a test failure."""

    def __init__(self, real: Any) -> None:
        self._real = real

    def __getattr__(self, name: str) -> Any:
        if name in {"Neonize", "PairPhone", "SendMessage", "Upload", "Connect"}:
            raise AssertionError(f"a test reached the real Go {name}()")
        return getattr(self._real, name)


@pytest.fixture(autouse=True)
def _neonize_isolation(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    neonize_events.event_global_loop = None  # first loop wins otherwise
    monkeypatch.setattr(neonize_client, "gocode", _NoConnectGo(neonize_client.gocode))
    yield
    neonize_events.event_global_loop = None


@pytest.fixture
def clock() -> VirtualClock:
    return VirtualClock()


@pytest.fixture
def fake_go() -> FakeGo:
    return FakeGo()


class Recorder:
    def __init__(self) -> None:
        self.events: list[Any] = []

    def __call__(self, event: Any) -> None:
        self.events.append(event)

    def of(self, cls: type) -> list[Any]:
        return [e for e in self.events if isinstance(e, cls)]


@pytest.fixture
def sink() -> Recorder:
    return Recorder()


@pytest.fixture
async def channel(tmp_path: Path, clock: VirtualClock, fake_go: FakeGo, sink: Recorder
                  ) -> AsyncIterator[NeonizeChannel]:
    ch = NeonizeChannel(tmp_path / "sessions" / "conn1.db", "conn-1", clock=clock)
    ch.client._NewAClient__client = fake_go  # type: ignore[attr-defined]
    ch.register_grace_s = 0
    ch.set_sink(sink)
    yield ch
    await ch.stop()

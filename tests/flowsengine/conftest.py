"""Flow engine fixtures: the real Runtime on SQLite, a sandbox network, virtual time, flow docs."""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

sys.path[:0] = [str(Path(__file__).parent), str(Path(__file__).parents[1] / "e2e"),
                str(Path(__file__).parents[1] / "engine")]

from sandbox_app import App, open_app  # noqa: E402

from whatdesk.channels.sandbox import SandboxNetwork  # noqa: E402
from whatdesk.domain.clock import VirtualClock  # noqa: E402


@pytest.fixture
def clock() -> VirtualClock:
    return VirtualClock()


@pytest.fixture
def network(clock: VirtualClock) -> SandboxNetwork:
    return SandboxNetwork(seed=21, clock=clock)


@pytest.fixture
async def app(tmp_path: Path, network: SandboxNetwork, clock: VirtualClock) -> AsyncIterator[App]:
    application = await open_app(tmp_path / "data", network, clock, min_gap_ms=0,
                                 rate_per_contact_per_min=1000)
    yield application
    await application.runtime.close()

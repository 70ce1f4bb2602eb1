"""Service tests drive the real Runtime with a sandbox network on virtual time."""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parents[1] / "engine"))

from whatdesk.channels.sandbox import SandboxNetwork  # noqa: E402
from whatdesk.domain.clock import VirtualClock  # noqa: E402
from whatdesk.services.runtime import Runtime  # noqa: E402


@pytest.fixture
def clock() -> VirtualClock:
    return VirtualClock()


@pytest.fixture
def network(clock: VirtualClock) -> SandboxNetwork:
    return SandboxNetwork(seed=3, clock=clock)


@pytest.fixture
async def runtime(tmp_path: Path, network: SandboxNetwork, clock: VirtualClock,
                  ) -> AsyncIterator[Runtime]:
    rt = Runtime.open(tmp_path / "data", clock=clock, sandbox=network)
    await rt.start()
    yield rt
    await rt.close()

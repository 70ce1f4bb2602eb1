"""Fixtures for the sandbox channel tests: a seeded network on a virtual clock."""

from __future__ import annotations

from pathlib import Path

import pytest
from _sandbox_support import ACCOUNT, Recorder, settle

from whatdesk.channels.sandbox import SandboxChannel, SandboxNetwork
from whatdesk.domain.clock import VirtualClock


@pytest.fixture
def clock() -> VirtualClock:
    return VirtualClock()


@pytest.fixture
def network(clock: VirtualClock) -> SandboxNetwork:
    return SandboxNetwork(seed=7, clock=clock)


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


@pytest.fixture
async def connected(network: SandboxNetwork, recorder: Recorder, tmp_path: Path):
    """A channel already linked and connected; the recorder starts empty."""
    channel = SandboxChannel(network, ACCOUNT, tmp_path / "session", auto_link=True)
    channel.set_sink(recorder)
    await channel.start()
    await settle()
    recorder.clear()
    yield channel
    await channel.stop()

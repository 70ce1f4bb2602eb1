"""neonize is pinned exactly: the channel relies on internals checked against 0.5.2 only.

Upgrading neonize makes these tests fail on purpose. Before changing the pin, recheck:

* goneonize's Go maps (``clients``, ``StopSignal``, ``eventChannel`` in goneonize/main.go):
  still unlocked? still written only by ``Neonize`` (at registration) and ``Stop``? Does
  ``Neonize`` still read them just before its first event? (gomap.GoMapGate is built on this.)
* every Go call still goes through ``asyncio.to_thread`` (``GoCode`` in neonize/aioze/client.py),
  so the gate sees each call start and end;
* ``NewAClient._stop_finalizer`` (a ``weakref.finalize`` calling Go's ``Stop``), which
  NeonizeChannel detaches;
* ``neonize.aioze.events.event_global_loop`` (first loop wins), which NeonizeChannel resets
  when it holds a closed loop;
* ``GetMe`` before login still crashes the process (NeonizeChannel guards it);
* the tests' fake Go handle: ``client._NewAClient__client`` and the argument order of
  ``Neonize`` (the event callback is its 9th argument).
"""

from __future__ import annotations

import tomllib
import weakref
from importlib.metadata import version
from pathlib import Path

import neonize.aioze.client as neonize_client
import neonize.aioze.events as neonize_events
from neonize.download import __GONEONIZE_VERSION__

CHECKED = "0.5.2"
RECHECK = "neonize changed: recheck the internals listed in this module's docstring, then update"


def test_installed_neonize_and_its_go_library_are_the_checked_version():
    assert version("neonize") == CHECKED, RECHECK
    assert __GONEONIZE_VERSION__ == CHECKED, RECHECK


def test_pyproject_pins_neonize_exactly():
    pyproject = Path(__file__).resolve().parents[3] / "pyproject.toml"
    deps = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["dependencies"]
    assert [d for d in deps if d.startswith("neonize")] == [f"neonize=={CHECKED}"], RECHECK


def test_the_internals_the_channel_uses_are_where_they_were(tmp_path):
    client = neonize_client.NewAClient(str(tmp_path / "x.db"), uuid="pin-check")
    assert isinstance(client._stop_finalizer, weakref.finalize), RECHECK
    client._stop_finalizer.detach()
    assert client._NewAClient__client is neonize_client.async_gocode, RECHECK
    assert hasattr(neonize_events, "event_global_loop"), RECHECK

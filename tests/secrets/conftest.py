"""Fixtures for the session vault: an in-memory keyring, the fail keyring of headless Linux,
a data folder and a private runtime folder."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest

sys.path.insert(0, str(Path(__file__).parent))

from whatdesk.secrets.memory import MemoryKeyring


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def fail_keyring() -> Iterator[None]:
    """What headless Linux gives: keyring.backends.fail.Keyring."""
    from keyring.backends import fail

    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(previous)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    path = tmp_path / "data"
    (path / "sessions").mkdir(parents=True)
    return path


@pytest.fixture
def runtime_root(tmp_path: Path) -> Path:
    return tmp_path / "run"



"""Test-wide settings: Qt offscreen, quiet neonize logging, fresh neonize loop per test."""

from __future__ import annotations

import logging
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("WHATDESK_KEYRING_FALLBACK", "1")
logging.basicConfig(level=logging.WARNING)  # before neonize's basicConfig(INFO)

# The throwaway PostgreSQL server (session-scoped) and a fresh database per test, for every
# test folder: tests/store runs its tests on SQLite and on PostgreSQL with them.
from postgres.server import pg_server, pg_url  # noqa: E402, F401


def pytest_configure(config: object) -> None:
    config.addinivalue_line(  # type: ignore[attr-defined]
        "markers", "sqlite_only: the test checks SQLite-specific behaviour (file, PRAGMA)")

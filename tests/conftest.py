"""Test-wide settings: Qt offscreen, quiet neonize logging, fresh neonize loop per test."""

from __future__ import annotations

import logging
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("WHATDESK_KEYRING_FALLBACK", "1")
logging.basicConfig(level=logging.WARNING)  # before neonize's basicConfig(INFO)

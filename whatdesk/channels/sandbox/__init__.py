"""The sandbox channel: a simulated WhatsApp network in-process (demo, e2e tests, benchmarks)."""

from __future__ import annotations

from .channel import QR_CODES, QR_TTL_S, SESSION_FILE, SandboxChannel
from .demo import DEMO_ACCOUNT_PHONE, DEMO_PUSH_NAME, DemoDriver
from .network import Account, Customer, SandboxError, SandboxNetwork

__all__ = [
    "DEMO_ACCOUNT_PHONE", "DEMO_PUSH_NAME", "QR_CODES", "QR_TTL_S", "SESSION_FILE", "Account",
    "Customer", "DemoDriver", "SandboxChannel", "SandboxError", "SandboxNetwork",
]

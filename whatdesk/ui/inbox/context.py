"""What every inbox widget needs: the services, the Qt view of the bus, the signed-in agent."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QSettings

from whatdesk.store.rows import AgentRow
from whatdesk.ui.bridge import Bridge


@dataclass
class InboxContext:
    runtime: Any  # whatdesk.services.runtime.Runtime (tickets, messages, agents, bus, clock)
    bridge: Bridge  # bus events as Qt signals: ticket_changed, message_created, ...
    agent: AgentRow  # who is signed in on this window
    settings: QSettings

"""The agent signed in on this window, and their presence (online, away after idling)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

from whatdesk.services.audit import Actor
from whatdesk.store.rows import AgentRow
from whatdesk.ui import tasks

IDLE_AWAY_MINUTES = 10  # no keyboard or mouse in the app for this long: "away"
_ACTIVITY = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
             QEvent.Type.Wheel}


class Session(QObject):
    """Who works in this window. Widgets read ``session.agent`` and listen to ``changed``
    (another agent signed in through File → Switch agent)."""

    changed = Signal(object)  # AgentRow
    presence_changed = Signal(str)  # "online" | "away"

    def __init__(self, runtime: Any, agent: AgentRow, *, demo: bool = False,
                 idle_seconds: float = IDLE_AWAY_MINUTES * 60,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runtime = runtime
        self.agent = agent
        runtime.actor = Actor.agent(agent)  # the audit log names who works in this window
        self.demo = demo  # the demo has one agent and no sign-in
        self.presence = "online"
        self._chosen_away = False  # "away" picked from the menu: activity does not undo it
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.setInterval(max(1, int(idle_seconds * 1000)))
        self._idle.timeout.connect(self._went_idle)
        self._idle.start()
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    @property
    def is_admin(self) -> bool:
        return self.agent.is_admin

    def set_agent(self, agent: AgentRow) -> None:
        self.agent = agent
        self.runtime.actor = Actor.agent(agent)
        self._chosen_away = False
        self.presence = "online"
        self._idle.start()
        self.changed.emit(agent)

    async def refresh(self) -> None:
        """Read the agent again (an admin changed their own name or role in Settings)."""
        row = await self.runtime.agents.get(self.agent.id)
        if row != self.agent:
            self.agent = row
            self.runtime.actor = Actor.agent(row)
            self.changed.emit(row)

    # ---- presence -------------------------------------------------------------------------
    def set_presence(self, presence: str) -> None:
        """Chosen from the menu: "online" or "away"."""
        self._chosen_away = presence == "away"
        self._apply(presence)

    def _apply(self, presence: str) -> None:
        if presence == self.presence:
            return
        self.presence = presence
        self.presence_changed.emit(presence)
        tasks.spawn(self.runtime.agents.set_presence(self.agent.id, presence))

    def _went_idle(self) -> None:
        self._apply("away")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() in _ACTIVITY:
            self._idle.start()  # restart the idle countdown
            if self.presence == "away" and not self._chosen_away:
                self._apply("online")
        return False

    def stop(self) -> None:
        """The window is closing: offline (awaited by the caller through ``sign_off``)."""
        self._idle.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    async def sign_off(self) -> None:
        self.stop()
        await self.runtime.agents.set_presence(self.agent.id, "offline")

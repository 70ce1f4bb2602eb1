"""Send-rate limits on the injectable clock: N per contact per minute, a minimum gap overall."""

from __future__ import annotations

from collections import deque

from whatdesk.domain.clock import Clock

WINDOW_S = 60.0


class SendRateLimiter:
    """Answers "how long until I may send to this contact?" and records each send.

    Sliding window per contact (at most ``per_contact_per_min`` sends in any 60 s) plus a
    global minimum gap between any two sends, so a burst never looks like spam to WhatsApp.
    """

    def __init__(self, clock: Clock, per_contact_per_min: int = 30, min_gap_ms: int = 1000) -> None:
        self._clock = clock
        self.configure(per_contact_per_min, min_gap_ms)
        self._recent: dict[str, deque[float]] = {}
        self._last_send: float | None = None

    def configure(self, per_contact_per_min: int, min_gap_ms: int) -> None:
        self.per_contact_per_min = max(1, int(per_contact_per_min))
        self.min_gap_s = max(0, int(min_gap_ms)) / 1000.0

    def contact_wait(self, contact: str) -> float:
        """Seconds until ``contact`` is under its per-minute limit again (0 = now)."""
        now = self._clock.monotonic()
        times = self._recent.get(contact)
        if not times:
            return 0.0
        while times and times[0] <= now - WINDOW_S:
            times.popleft()
        if not times:
            del self._recent[contact]
            return 0.0
        if len(times) < self.per_contact_per_min:
            return 0.0
        return times[0] + WINDOW_S - now

    def gap_wait(self) -> float:
        """Seconds until the global minimum gap since the last send has passed."""
        if self._last_send is None:
            return 0.0
        return max(0.0, self._last_send + self.min_gap_s - self._clock.monotonic())

    def record(self, contact: str) -> None:
        now = self._clock.monotonic()
        self._last_send = now
        self._recent.setdefault(contact, deque()).append(now)

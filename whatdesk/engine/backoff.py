"""Exponential backoff with jitter for reconnect attempts (deterministic when seeded)."""

from __future__ import annotations

import random


class Backoff:
    """Delays 2 s, 4 s, 8 s ... up to ``maximum``, each jittered by ±``jitter`` (a fraction).

    The cap is a minute: a user who just fixed the Wi-Fi should not wait five minutes to see
    WhatsApp come back (and the UI offers "Retry now" besides).

    The random source is injectable so tests see the same delays every run.
    """

    def __init__(
        self,
        initial: float = 2.0,
        factor: float = 2.0,
        maximum: float = 60.0,
        jitter: float = 0.2,
        rng: random.Random | None = None,
    ) -> None:
        if initial <= 0 or factor < 1 or maximum < initial or not 0 <= jitter < 1:
            raise ValueError("Parâmetros de espera inválidos")
        self.initial = initial
        self.factor = factor
        self.maximum = maximum
        self.jitter = jitter
        self._rng = rng or random.Random()
        self.attempts = 0

    def next_delay(self) -> float:
        base = min(self.maximum, self.initial * self.factor ** self.attempts)
        self.attempts += 1
        spread = base * self.jitter
        return max(0.0, base + self._rng.uniform(-spread, spread))

    def reset(self) -> None:
        self.attempts = 0

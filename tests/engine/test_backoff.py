"""Reconnect delays grow, stay within the jitter band, cap at a minute, and reset."""

from __future__ import annotations

import random

from whatdesk.engine.backoff import Backoff


def test_delays_double_within_jitter_and_cap_at_the_maximum():
    b = Backoff(rng=random.Random(1))
    delays = [b.next_delay() for _ in range(12)]
    for n, d in enumerate(delays):
        base = min(60.0, 2.0 * 2**n)
        assert base * 0.8 <= d <= base * 1.2
    # a user never waits minutes for the next attempt (issue 6: it grew to ~270 s)
    assert max(delays) <= 72.0 and delays[-1] >= 48.0


def test_reset_starts_again_from_the_short_delay():
    b = Backoff(rng=random.Random(2))
    for _ in range(6):
        b.next_delay()
    b.reset()
    assert b.next_delay() <= 2.4


def test_same_seed_gives_the_same_delays():
    a, b = Backoff(rng=random.Random(5)), Backoff(rng=random.Random(5))
    assert [a.next_delay() for _ in range(5)] == [b.next_delay() for _ in range(5)]

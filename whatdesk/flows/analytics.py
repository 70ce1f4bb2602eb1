"""How conversations went through a flow over a period: the numbers the editor draws on nodes."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class FlowAnalytics:
    """Counts over [since, until), all published versions together.

    ``exits[(node, port)]``: times a node left by that exit (``"error"`` when it failed).
    ``stopped[node]``: conversations last seen at that node without leaving it (waiting for
    the customer, taken over by a human, or failed).
    ``entered[node]``: every exit of the node (terminal nodes too) plus ``stopped``.
    """

    since: datetime
    until: datetime
    entered: dict[str, int] = field(default_factory=dict)
    exits: dict[tuple[str, str], int] = field(default_factory=dict)
    stopped: dict[str, int] = field(default_factory=dict)

    @property
    def conversations(self) -> int:
        """Conversations that reached the Start node (how many times the flow began)."""
        return sum(n for (node, _port), n in self.exits.items() if node == "start")

    @classmethod
    def from_counts(cls, since: datetime, until: datetime,
                    counts: dict[tuple[str, str], int],
                    stopped: dict[str, int]) -> FlowAnalytics:
        entered: dict[str, int] = dict(stopped)
        exits: dict[tuple[str, str], int] = {}
        for (node, port), n in counts.items():
            entered[node] = entered.get(node, 0) + n
            if port:  # a terminal node's run ends with no exit ("")
                exits[(node, port)] = n
        return cls(since, until, entered, exits, dict(stopped))

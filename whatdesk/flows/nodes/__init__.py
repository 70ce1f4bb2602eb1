"""One module per node type; importing this package registers them all, in palette order."""

from __future__ import annotations

from . import (  # noqa: F401
    start, message, menu, question, condition, set_variable, delay, randomizer,
    business_hours, http_request, tag, transfer, close_ticket, go_to_flow, end,
)

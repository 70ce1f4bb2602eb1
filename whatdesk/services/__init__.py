"""Use cases the UI and the CLI call: connections, messages, tickets (over the engine)."""

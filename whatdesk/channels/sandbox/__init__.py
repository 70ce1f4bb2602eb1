"""channels/sandbox."""

"""channels/neonize."""

"""WhatsApp transports behind one protocol (`base.Channel`)."""

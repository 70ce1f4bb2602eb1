"""The running system: connection supervisors, inbound pipeline, outbound queue, event bus."""

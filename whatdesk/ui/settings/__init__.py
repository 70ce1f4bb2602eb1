"""Settings (administrators only): agents, queues, quick replies and tags."""

"""Migration scripts, one per schema change: 0001, 0002, ..."""

"""The flow editor: canvas, inspector, test chat and the flows page."""

"""The flow editor: canvas, inspector, problems and variables panels, test chat."""

"""The flow builder: the flows page, the editor (canvas, inspector, problems and variables
panels, test chat), version history and autosave."""

"""The flow builder's node-graph editor: canvas, palette, commands and the FlowEditor widget."""

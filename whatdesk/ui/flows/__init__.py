"""The flow builder: the flows page, the editor and its panels."""

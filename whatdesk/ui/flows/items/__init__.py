"""Graphics items the flow scene draws: node cards, edges, notes and group frames."""

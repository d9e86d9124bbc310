"""The residents' area's own pages: its home (decision 0031)."""

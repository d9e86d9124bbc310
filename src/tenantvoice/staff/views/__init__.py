"""The officers' area's own pages: its home and the list of reports (decision 0031)."""

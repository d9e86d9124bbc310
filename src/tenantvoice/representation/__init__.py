"""Who takes part: involved residents compared with all residents (issue 18, item 1)."""

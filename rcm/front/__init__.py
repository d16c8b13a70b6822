"""The top layer: pages and commands that span the archive (reading pages, search, staff dashboard, history, seed)."""

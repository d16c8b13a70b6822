"""RCM Tracker: the project package (settings, URLs, WSGI), holding its own apps and helpers (docs/architecture.md)."""

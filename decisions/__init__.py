"""Decisions, their topics, whom they mention and how they link; finding them (selectors, search)."""

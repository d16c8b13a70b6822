"""Conferences, their participants, declarations and paragraphs; who may read and change a text (access, roles)."""

"""Declarations in and out: the JSON interchange, the importer of texts, and import_declaration."""

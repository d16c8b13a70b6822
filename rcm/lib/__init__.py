"""Helpers that know no model: text checks, numerals and citations, PDFs, exports, feeds, the page cache."""

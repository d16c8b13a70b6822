"""The text readers (sources, layout, dates, ordinals, parser: no database), and the import writing what they read."""

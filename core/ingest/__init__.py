"""Bring your own data: read a user's table, parse numbers, match gemeenten, Kiesraad list files,
and the report with its downloads. `python -m core.ingest` runs core.ingest.cli.main."""

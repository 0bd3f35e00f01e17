"""Alembic migrations of the team workspace (script_location = this folder)."""

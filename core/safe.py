"""Escaping of text for the contexts it leaves the app in: spreadsheet cells (CSV injection)."""

from __future__ import annotations

# Text that a spreadsheet could read as a formula or command (OWASP "CSV injection").
DANGEROUS_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: object) -> object:
    """Prefix a quote to text that starts like a formula; other values pass unchanged."""
    if isinstance(text, str) and text.startswith(DANGEROUS_START):
        return "'" + text
    return text

"""The selection basket as plain data: parse, validate and serialise lists of gemeente codes."""

from __future__ import annotations

import re

_CODE = re.compile(r"^GM\d{4}$")


def parse_codes(text: str | list[str] | None, valid: set[str]) -> tuple[list[str], list[str]]:
    """Split a `sel=` value into known codes (deduplicated, in order) and rejected entries."""
    if text is None:
        return [], []
    items = text if isinstance(text, list) else str(text).split(",")
    kept: list[str] = []
    rejected: list[str] = []
    for item in items:
        code = item.strip().upper()
        if not code:
            continue
        if _CODE.match(code) and code in valid:
            if code not in kept:
                kept.append(code)
        else:
            rejected.append(item.strip()[:20])
    return kept, rejected


def serialise(codes: list[str]) -> str:
    """The `sel=` value for a basket."""
    return ",".join(codes)


def update(basket: list[str], codes: list[str], mode: str) -> list[str]:
    """Apply a selection to the basket: mode is 'add', 'replace' or 'remove'."""
    if mode == "replace":
        return list(dict.fromkeys(codes))
    if mode == "remove":
        drop = set(codes)
        return [code for code in basket if code not in drop]
    if mode == "add":
        return list(dict.fromkeys([*basket, *codes]))
    raise ValueError(f"Onbekende keuze: {mode!r}")


def summary(count: int) -> str:
    """Sidebar text; it starts with the number of gemeenten (test contract)."""
    return f"{count} {'gemeente' if count == 1 else 'gemeenten'} in de selectie"

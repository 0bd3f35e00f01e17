"""The key column: which column names the gemeente, and which gemeente each of its cells names.

`detect_key` prefers codes over names and a column that names each gemeente once over one that
repeats a name on every wijk row; `match` gives one core.ingest.names.Hit per cell, with the
user's own choices (ambiguous names, split gemeenten) first.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import pandas as pd

from core.ingest import limits as ingest_limits
from core.ingest import names as ingest_names
from core.ingest import numbers as ingest_numbers
from core.ingest import reasons as ingest_reasons
from core.ingest import table as ingest_table

_KEY_HINT = re.compile(
    r"gemeente|gemeentenaam|gemeentecode|\bcode|codering|regio|naam|name|\bgm\b|cbs|"
    r"municipal|wijken en buurten|plaats|sleutel|\bkey\b|\bid\b",
    re.IGNORECASE,
)


def _key_stats(cells: pd.Series, reference: ingest_names.Reference) -> dict:
    """How well a column's first 2,000 filled cells name gemeenten (for choosing the key)."""
    sample = [ingest_table.cell_text(c) for c in cells.iloc[:2000]]
    sample = [t for t in sample if t and t.lower() not in ingest_numbers.MISSING_MARKERS]
    hits: dict[str, ingest_names.Hit] = {}
    for text in sample:
        if text not in hits:
            hits[text] = reference.lookup(text)
    found = [hits[t] for t in sample]
    recognised = [h for h in found if h.kind not in ("unknown", "empty")]
    matched = [h for h in found if h.kind in ("gemeente", "former", "ambiguous", "split")]
    return {
        "n": len(sample),
        "recognised": len(recognised),
        "matched": len(matched),
        "unique": len({h.code or h.options for h in matched}),
        "bare": sum(1 for t in sample if re.fullmatch(r"\d{1,4}(\.0+)?", t)),
        "coded": sum(1 for h in recognised if h.by_code),
        "padded": any(re.fullmatch(r"0\d{3}", t) for t in sample),
    }


def detect_key(
    table: ingest_table.Table, reference: ingest_names.Reference, choice: str | None = None
) -> tuple[str, str]:
    """The column that names the gemeente, and a Dutch note on how it was chosen."""
    columns = list(table.frame.columns)
    if choice:
        if choice not in columns:
            raise ingest_limits.ReadError(
                f"De gekozen sleutelkolom '{ingest_reasons.echo(choice)}' staat niet in het "
                f"bestand. Kies een van: {_names(columns)}."
            )
        return choice, f"Sleutelkolom: '{choice}' (zelf gekozen)."
    best: tuple | None = None
    for position, column in enumerate(columns):
        stats = _key_stats(table.frame[column], reference)
        if not stats["n"] or not stats["recognised"]:
            continue
        share = stats["recognised"] / stats["n"]
        hinted = bool(_KEY_HINT.search(column))
        numeric = stats["bare"] * 2 >= stats["n"]
        if numeric and not (hinted or share >= 0.9):
            continue  # a column of small whole numbers is a value, unless it says it is a code
        if not (share >= 0.5 or (hinted and stats["matched"])):
            continue
        coded = stats["coded"] * 2 >= stats["recognised"]
        priority = (
            2 if coded and (not numeric or hinted or stats["padded"]) else (0 if numeric else 1)
        )
        # Unique gemeenten minus repeated ones: a name column repeated on every wijk row of a
        # CBS export loses to the column that names each region once. Codes beat names.
        score = 2 * stats["unique"] - stats["matched"]
        rank = (priority, score, share, -position)
        if best is None or rank > best[0]:
            best = (rank, column, stats)
    if best is None:
        raise ingest_limits.ReadError(
            f"In geen enkele kolom staan gemeentecodes (zoals GM0363 of 0363) of gemeentenamen. "
            f"Kolommen in het bestand: {_names(columns)}. Controleer of de kopregel "
            "klopt en of er een kolom met de gemeente is, of kies de sleutelkolom zelf."
        )
    _rank, column, stats = best
    what = "codes" if stats["coded"] * 2 >= stats["recognised"] else "namen"
    return column, f"Sleutelkolom: '{column}' ({what}, herkend)."


def _names(columns: list[str]) -> str:
    """Column names for a message: each cut short, at most 20 of them."""
    shown = ", ".join(ingest_reasons.echo(c) for c in columns[:20])
    return shown + (f" en {len(columns) - 20} andere" if len(columns) > 20 else "")


def match(
    cells: pd.Series, reference: ingest_names.Reference, resolve: Mapping[str, str] | None = None
) -> list[ingest_names.Hit]:
    """One Hit per cell; a user's choice in `resolve` (value as given -> code) comes first."""
    resolve = resolve or {}
    cache: dict[str, ingest_names.Hit] = {}
    hits = []
    for cell in cells:
        text = ingest_table.cell_text(cell)
        hit = cache.get(text)
        if hit is None:
            chosen = resolve.get(text)
            if chosen is not None and chosen in reference.names:
                hit = ingest_names.Hit("gemeente", chosen)
            elif chosen == "":
                hit = ingest_names.Hit("empty")
            else:
                hit = reference.lookup(cell)
            cache[text] = hit
        hits.append(hit)
    return hits

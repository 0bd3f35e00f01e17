"""A staffel comparison and a staffel as CSV for Excel-NL (text neutralised against formulas)."""

from __future__ import annotations

import pandas as pd

from core import safe, staffel

EXPORT_COLUMNS = {
    "code": "Gemeentecode (CBS)",
    "name": "Gemeente",
    "province_name": "Provincie",
    "inhabitants": "Inwoners 1 januari 2024 (CBS)",
    "seats_2026": "Zetels 2026 (Kiesraad)",
    "seats_law_2024": "Zetels volgens Gemeentewet art. 8 bij inwoners 1 januari 2024",
    "seats_now": "Zetels nu",
    "seats_now_basis": "Bron zetels nu",
    "reference_inhabitants": "Inwoners waarop de nieuwe staffel is toegepast",
    "seats_alt": "Zetels met de nieuwe staffel",
    "seat_change": "Verschil in zetels",
    "inhabitants_per_seat_now": "Inwoners per zetel nu",
    "inhabitants_per_seat_alt": "Inwoners per zetel met de nieuwe staffel",
    "candidates_per_seat_used": "Kandidaten per zetel 2026 (gebruikt, Kiesraad)",
    "candidates_per_seat_basis": "Bron kandidaten per zetel",
    "extra_candidates": "Extra kandidaten nodig (schatting)",
}


def _csv(frame: pd.DataFrame) -> bytes:
    out = safe.frame(frame)
    text = out.to_csv(sep=";", decimal=",", index=False, lineterminator="\r\n")
    return text.encode("utf-8-sig")


def export_csv(comparison: pd.DataFrame) -> bytes:
    """The comparison as CSV for Excel-NL: UTF-8 with BOM, ';' separated, decimal comma."""
    out = comparison[list(EXPORT_COLUMNS)].copy()
    for column in ("inhabitants_per_seat_now", "inhabitants_per_seat_alt", "extra_candidates"):
        out[column] = out[column].round(1)
    out["candidates_per_seat_used"] = out["candidates_per_seat_used"].round(2)
    return _csv(out.rename(columns=EXPORT_COLUMNS))


def staffel_csv(table: pd.DataFrame) -> bytes:
    """A staffel as CSV in the same format (empty 'Tot en met' = no upper bound)."""
    clean = staffel.from_table(table)
    return _csv(clean[list(staffel.COLUMNS)].rename(columns=staffel.LABELS))

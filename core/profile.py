"""A gemeente's profile: every indicator against the national median and similar-size peers."""

from __future__ import annotations

import pandas as pd

from core import catalogue, fmt, indicator_meta, indicators, mapview


def profile(
    code: str, values: pd.DataFrame, gemeenten: pd.DataFrame, notes: pd.DataFrame
) -> pd.DataFrame:
    """One row per indicator: value, national median, peer median, rank and source."""
    frame = values.merge(gemeenten[["code", "inhabitants"]], on="code")
    frame["size"] = mapview.size_class(frame["inhabitants"])
    own = frame.set_index("code").loc[code]
    peers = frame[frame["size"] == own["size"]]
    reasons = notes[notes["code"] == code].set_index("indicator_id")["reason"]
    rows = []
    for item in catalogue.INDICATORS.values():
        column = frame[item.id]
        value = own[item.id]
        rank = mapview.rank(column, item.higher_is_worse)[frame["code"] == code].iloc[0]
        rows.append(
            {
                "Thema": indicator_meta.THEMES[item.theme],
                "Indicator": item.label,
                "Waarde": fmt.value(value, item.unit, item.decimals),
                "Mediaan Nederland": fmt.value(column.median(), item.unit, item.decimals),
                f"Mediaan gemeenten {own['size']}": fmt.value(
                    peers[item.id].median(), item.unit, item.decimals
                ),
                "Rang": "" if pd.isna(rank) else f"{int(rank)} van {int(column.notna().sum())}",
                "Toelichting": reasons.get(item.id, "") or _gender_note(own, item.id),
                "Bron": f"{item.source} ({item.year or 'peiljaar onbekend'})",
            }
        )
    return pd.DataFrame(rows)


def _gender_note(own: pd.Series, indicator_id: str) -> str:
    """For a women figure: whether it includes estimated genders and how many are unknown."""
    year = indicators.GENDER_BASED.get(indicator_id)
    if year is None or pd.isna(own.get(indicator_id)):
        return ""
    return indicators.gender_mark(
        own.get(f"gender_estimated_share_{year}"), own.get(f"gender_unknown_share_{year}")
    )

"""What a map shows per gemeente: value, rank, hover text and the reason when a value is missing."""

from __future__ import annotations

import html
import textwrap

import pandas as pd

from core import catalogue, fmt


def rank(values: pd.Series, higher_is_worse: bool | None) -> pd.Series:
    """Rank 1 = most in need of attention (or the highest value when neither is worse)."""
    ascending = higher_is_worse is False
    return values.rank(method="min", ascending=ascending)


def map_frame(
    values: pd.DataFrame,
    gemeenten: pd.DataFrame,
    notes: pd.DataFrame,
    indicator_id: str,
    context: tuple[str, ...] = ("inhabitants_2024", "seats_2026"),
) -> pd.DataFrame:
    """One row per gemeente: code, name, province, value, rank and a ready hover text (escaped)."""
    item = catalogue.get(indicator_id)
    frame = gemeenten[["code", "name", "province_name"]].merge(
        values[["code", indicator_id, *[c for c in context if c != indicator_id]]], on="code", how="left"
    )
    frame = frame.rename(columns={indicator_id: "value"})
    frame["rank"] = rank(frame["value"], item.higher_is_worse)
    reasons = notes[notes["indicator_id"] == indicator_id].set_index("code")["reason"]
    frame["reason"] = frame["code"].map(reasons).fillna("")
    known = int(frame["value"].notna().sum())
    lines = []
    for row in frame.itertuples(index=False):
        head = f"<b>{html.escape(row.name)}</b> ({html.escape(row.province_name)})"
        if pd.isna(row.value):
            reason = "<br>".join(textwrap.wrap(html.escape(row.reason), 60))
            body = f"{html.escape(item.label)}: geen gegevens<br><i>{reason}</i>"
        else:
            body = (f"{html.escape(item.label)}: <b>{fmt.value(row.value, item.unit, item.decimals)}</b>"
                    f"<br>Rang {int(row.rank)} van {known}")
        extra = []
        for column in context:
            if column == indicator_id:
                continue
            other = catalogue.get(column)
            extra.append(f"{html.escape(other.label)}: {fmt.value(getattr(row, column), other.unit, other.decimals)}")
        lines.append("<br>".join([head, body, *extra]))
    frame["hover"] = lines
    return frame

"""The priority score: a transparent, direction-aware weighted mean of percentile ranks."""

from __future__ import annotations

import pandas as pd


def percentile_rank(values: pd.Series, higher_is_worse: bool) -> pd.Series:
    """0-100 where 100 = needs most attention; ties share their average rank; missing stays missing."""
    ranks = values.rank(method="average", pct=True, ascending=higher_is_worse)
    count = values.notna().sum()
    if count <= 1:
        return ranks.where(values.isna(), 100.0)
    # Rescale so the best gets 0 and the worst 100 whatever the number of gemeenten.
    return (ranks - 1 / count) / (1 - 1 / count) * 100


def score(
    frame: pd.DataFrame, weights: dict[str, float], higher_is_worse: dict[str, bool]
) -> pd.DataFrame:
    """Score each row; rows missing a component are scored on the rest, re-weighted."""
    active = {key: w for key, w in weights.items() if w > 0}
    if not active:
        raise ValueError("Kies ten minste één onderdeel met een gewicht groter dan 0.")
    ranks = pd.DataFrame(
        {key: percentile_rank(frame[key], higher_is_worse[key]) for key in active},
        index=frame.index,
    )
    weight_row = pd.Series(active)
    present = ranks.notna()
    used_weight = present.mul(weight_row, axis=1).sum(axis=1)
    total = ranks.fillna(0).mul(weight_row, axis=1).sum(axis=1)
    out = pd.DataFrame(index=frame.index)
    out["score"] = (total / used_weight).where(used_weight > 0)
    out["components_used"] = present.sum(axis=1)
    out["components_total"] = len(active)
    return out

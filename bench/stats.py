"""Small statistics helpers shared by the benchmarks."""

from __future__ import annotations

import math


def median(values: list[float]) -> float:
    """Median of the values; NaN for an empty list."""
    ordered = sorted(v for v in values if v is not None and not math.isnan(v))
    if not ordered:
        return math.nan
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def ratio(value: float, reference: float) -> float:
    if reference is None or value is None or math.isnan(reference) or math.isnan(value):
        return math.nan
    return value / reference if reference else math.nan

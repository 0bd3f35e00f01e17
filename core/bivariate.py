"""Two indicators crossed in 3 x 3 tercile classes, for a bivariate map and its 2-D legend."""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd

from core import class_labels, classify, fmt, palettes

LEVELS: tuple[str, str, str] = ("laag", "midden", "hoog")


@dataclasses.dataclass(frozen=True)
class Bivariate:
    """Two indicators in 3 x 3 tercile classes for a bivariate map and its 2-D legend."""

    k: int
    x_classes: pd.Series
    y_classes: pd.Series
    classes: pd.Series
    x_bins: list[float]
    y_bins: list[float]
    x_lower: float | None
    y_lower: float | None
    x_ranges: list[str]
    y_ranges: list[str]
    levels: list[str]
    counts: list[list[int]]
    missing_count: int
    missing_label: str
    colors: list[str]
    missing_color: str
    note: str | None


def bivariate(
    x: pd.Series,
    y: pd.Series,
    k: int = 3,
    decimals: tuple[int | None, int | None] = (None, None),
) -> Bivariate:
    """Cross two indicators in terciles: per gemeente an (x, y) class pair and one of 9 colours.

    Tercile breaks are mapclassify quantiles over the gemeenten that have both values, so every
    row and column of the 2-D legend holds about a third of the coloured gemeenten. The combined
    class is ``3 * y_class + x_class`` (0 = both low, 8 = both high), -1 when either is missing;
    ``counts[y_class][x_class]`` and ``colors[combined]`` follow the same layout.
    ``decimals`` (x, y) is each indicator's own precision: its values are then split as shown
    and its ranges read "tot 5,3", "5,3 tot 6,4", "vanaf 6,4" (class_labels.step_texts).
    """
    if isinstance(k, bool) or k != 3:
        raise ValueError(f"Een bivariate kaart heeft altijd 3 × 3 klassen; k = {k} kan niet.")
    if not x.index.equals(y.index):
        x, y = x.align(y, join="outer")
    xs, ys = (
        (
            classify.float_values(v)
            if d is None
            else classify.as_shown(classify.float_values(v), d)
        ).to_numpy()
        for v, d in zip((x, y), decimals, strict=True)
    )
    both = np.isfinite(xs) & np.isfinite(ys)
    missing_count = int((~both).sum())

    x_classes = np.full(len(xs), -1, dtype="int64")
    y_classes = np.full(len(ys), -1, dtype="int64")
    axes: list[tuple[list[float], float | None, list[str]]] = []
    notes: list[str] = []
    for axis, raw, out, shown in (
        ("x", xs, x_classes, decimals[0]),
        ("y", ys, y_classes, decimals[1]),
    ):
        data = raw[both]
        if data.size == 0:
            axes.append(([], None, ["", "", ""]))
            continue
        bins, single = classify.scheme_bins(data, "quantiles", k)
        # With fewer than three classes, spread them over the levels (two -> low and high,
        # one -> middle) so the colours still say "low" and "high" where they should.
        level_of = {1: [1], 2: [0, 2], 3: [0, 1, 2]}[len(bins)]
        out[both] = np.asarray(level_of)[classify.assign(data, bins)]
        lower = float(data.min())
        if shown is None:
            lows = classify.class_lows(data, classify.assign(data, bins), bins, lower)
            places = class_labels.label_decimals([*lows, *bins], float(data.max()) - lower)
            texts = class_labels.range_texts(lows, bins, single, places, open_ends=False)
        else:
            texts = class_labels.step_texts(data, classify.assign(data, bins), bins, single, shown)
        ranges = ["", "", ""]
        for level, text in zip(level_of, texts, strict=True):
            ranges[level] = text
        axes.append(([float(b) for b in bins], lower, ranges))
        if len(bins) < k:
            notes.append(
                f"De {axis}-as heeft te weinig verschillende waarden voor drie klassen; "
                f"{len(bins)} {'klasse' if len(bins) == 1 else 'klassen'} gebruikt."
            )
    if not both.any():
        notes.append("Geen enkele gemeente heeft beide waarden; de kaart is helemaal grijs.")

    combined = np.where(both, 3 * y_classes + x_classes, -1)
    counts = [[0] * 3 for _ in range(3)]
    for xc, yc in zip(x_classes[both], y_classes[both], strict=True):
        counts[int(yc)][int(xc)] += 1

    (x_bins, x_lower, x_ranges), (y_bins, y_lower, y_ranges) = axes
    return Bivariate(
        k=k,
        x_classes=pd.Series(x_classes, index=x.index, name=x.name),
        y_classes=pd.Series(y_classes, index=y.index, name=y.name),
        classes=pd.Series(combined, index=x.index, name="klasse"),
        x_bins=x_bins,
        y_bins=y_bins,
        x_lower=x_lower,
        y_lower=y_lower,
        x_ranges=x_ranges,
        y_ranges=y_ranges,
        levels=list(LEVELS),
        counts=counts,
        missing_count=missing_count,
        missing_label=f"{classify.MISSING_TEXT} ({fmt.number(missing_count)})",
        colors=list(palettes.BIVARIATE_COLORS),
        missing_color=palettes.MISSING_COLOR,
        note=" ".join(notes) or None,
    )

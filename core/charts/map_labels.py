"""The area a presentation map shows, and the place names on it that do not collide.

x is longitude, y latitude; one degree of latitude is drawn 1 / cos(52.2°) times as long as a
degree of longitude (core.charts.static_map draws the maps).
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import numpy as np
import pandas as pd

LAT_SCALE = 1 / math.cos(math.radians(52.2))
LABEL_FONT = 18  # px
# City labels use the everyday name where the official one is long and crowds its neighbours.
LABEL_NAMES = {"'s-Gravenhage": "Den Haag", "'s-Hertogenbosch": "Den Bosch"}
# The largest box a slide map's area is drawn in on screen (px): the stage's figure column
# (~900 px) minus the legend, at the figure's 540 px height minus margins. Labels that do not
# collide there do not collide in the larger picture of the PowerPoint either.
LABEL_MAP_PX = (500.0, 524.0)

Extent = tuple[float, float, float, float]  # min lon, min lat, max lon, max lat


def extent(shapes: dict[str, np.ndarray], codes: Iterable[str], pad: float = 0.03) -> Extent | None:
    """The lon/lat box around these areas with a small margin (None when none has a shape).

    The box is the area's own: a tall province stays tall. The map's picture takes the box's
    shape (static_map.picture_size), so the area fills it instead of lying in the middle of
    its neighbours."""
    parts = [shapes[c] for c in codes if c in shapes]
    if not parts:
        return None
    points = np.concatenate(parts)
    points = points[~np.isnan(points).any(axis=1)]
    minx, miny = points.min(axis=0)
    maxx, maxy = points.max(axis=0)
    dx, dy = max(maxx - minx, 0.05) * pad, max(maxy - miny, 0.05) * pad
    return (float(minx - dx), float(miny - dy), float(maxx + dx), float(maxy + dy))


def aspect(box: Extent) -> float:
    """Width over height of the box as drawn (latitude stretched)."""
    minx, miny, maxx, maxy = box
    return (maxx - minx) / ((maxy - miny) * LAT_SCALE)


def degrees_per_px(box: Extent) -> float:
    """Degrees of longitude per pixel where the box is drawn smallest (on screen)."""
    minx, miny, maxx, maxy = box
    return max((maxx - minx) / LABEL_MAP_PX[0], (maxy - miny) * LAT_SCALE / LABEL_MAP_PX[1])


def label_size(name: str, per_px: float) -> tuple[float, float]:
    """Width (degrees of longitude) and height (stretched degrees of latitude) of a label."""
    return (len(name) * LABEL_FONT * 0.6 + 8) * per_px, LABEL_FONT * 1.15 * per_px


def labels(
    gemeenten: pd.DataFrame,
    points: pd.DataFrame,
    box: Extent,
    *,
    n: int = 8,
    within: Iterable[str] | None = None,
) -> pd.DataFrame:
    """Labels for up to n gemeenten of `within` (all when None), largest first, that do not
    collide: columns code, name, x, y and position (plotly textposition).

    A label that would collide with a larger labelled one is skipped (Almere beside
    Amsterdam). One that would stick out of the box is set beside its point, towards the
    inside ("middle left" ends at the point), or skipped when that does not fit either."""
    ranked = gemeenten.sort_values(["inhabitants", "code"], ascending=[False, True])
    ranked = ranked[["code", "name"]].merge(points, on="code", how="inner")
    ranked["name"] = ranked["name"].replace(LABEL_NAMES)
    if within is not None:
        ranked = ranked[ranked["code"].isin(set(within))]
    minx, miny, maxx, maxy = box
    ranked = ranked[ranked["x"].between(minx, maxx) & ranked["y"].between(miny, maxy)]
    per_px = degrees_per_px(box)
    kept: list[dict] = []
    for row in ranked.to_dict("records"):
        if len(kept) == n:
            break
        width, height = label_size(row["name"], per_px)
        x, position = row["x"], "middle center"
        if x - width / 2 < minx:
            x, position = row["x"] + width / 2, "middle right"
        elif x + width / 2 > maxx:
            x, position = row["x"] - width / 2, "middle left"
        if x - width / 2 < minx or x + width / 2 > maxx:
            continue
        if (
            abs(row["y"] - (miny + maxy) / 2) * LAT_SCALE + height / 2
            > (maxy - miny) * LAT_SCALE / 2
        ):
            continue
        box_row = {**row, "cx": x, "w": width, "h": height, "position": position}
        if all(
            abs(box_row["cx"] - k["cx"]) >= (width + k["w"]) / 2
            or abs(row["y"] - k["y"]) * LAT_SCALE >= (height + k["h"]) / 2
            for k in kept
        ):
            kept.append(box_row)
    return pd.DataFrame(kept, columns=["code", "name", "x", "y", "cx", "w", "h", "position"])

"""Maps drawn as filled polygons on plain x/y axes: for slides, PNG export and the offline pack.

A `choroplethmap` needs WebGL and a web worker that a file opened from a USB stick (`file://`)
cannot start (platform-notes.md), so presentation maps are ordinary `go.Scatter` traces with
`fill="toself"`: one trace per class, the gemeenten of a class joined with `None` separators
(a trace per gemeente would be 342 traces and slow). x is longitude, y latitude; the y axis is
stretched by 1 / cos(latitude) so the Netherlands keeps its shape.

Polygons are oriented (exterior counter-clockwise, holes clockwise), so a hole stays empty under
SVG's non-zero fill rule and the gemeente inside it shows through.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import shapely

from core import safe

# The map is drawn around 52.2° N: one degree of latitude is 1 / cos(52.2°) degrees of longitude.
LAT_SCALE = 1 / math.cos(math.radians(52.2))
DECIMALS = 4  # about 10 m: far below what a beamer shows
FONT = "Arial, Helvetica, sans-serif"
TEXT_COLOR = "#111111"
BORDER_COLOR = "#ffffff"
PROVINCE_COLOR = "#2b2b2b"
SELECTION_COLOR = "#000000"
LEGEND_FONT = 24
LABEL_FONT = 18
SWATCH_SIZE = 28
MAP_DOMAIN = (0.0, 0.6)  # the left part of the figure; the legend sits to the right
# City labels use the everyday name where the official one is long and crowds its neighbours.
LABEL_NAMES = {"'s-Gravenhage": "Den Haag", "'s-Hertogenbosch": "Den Bosch"}

# Per area id: an (n, 2) array of lon/lat; each ring is closed and followed by a NaN row, which
# plotly draws as a gap (and serialises as null). Arrays, not lists: plotly validates lists of
# Python floats one element at a time, which made a map take half a second to build.
Rings = dict[str, np.ndarray]


def rings(geo: pd.DataFrame, key: str = "code", decimals: int = DECIMALS) -> Rings:
    """Per area id: x (lon) and y (lat) of all its rings, separated by NaN rows."""
    oriented = shapely.orient_polygons(np.asarray(geo.geometry.values), exterior_cw=False)
    gap = np.full((1, 2), np.nan)
    out: Rings = {}
    for area, geometry in zip(geo[key], oriented, strict=True):
        parts = []
        for polygon in getattr(geometry, "geoms", [geometry]):
            for ring in (polygon.exterior, *polygon.interiors):
                parts.append(np.round(np.asarray(ring.coords)[:, :2], decimals))
                parts.append(gap)
        out[str(area)] = np.concatenate(parts)
    return out


def anchors(geo: pd.DataFrame, key: str = "code") -> pd.DataFrame:
    """A point inside each area (for hover and labels): columns key, x, y."""
    points = shapely.point_on_surface(np.asarray(geo.geometry.values))
    return pd.DataFrame(
        {
            key: geo[key].astype(str).to_numpy(),
            "x": np.round(shapely.get_x(points), DECIMALS),
            "y": np.round(shapely.get_y(points), DECIMALS),
        }
    )


def joined(shapes: Rings, codes: Iterable[str]) -> tuple[np.ndarray, np.ndarray]:
    """The rings of several areas as one x and one y array (NaN between rings)."""
    parts = [shapes[code] for code in codes if code in shapes]
    if not parts:
        return np.array([], dtype="float64"), np.array([], dtype="float64")
    both = np.concatenate(parts)
    return both[:, 0], both[:, 1]


def _fill_trace(shapes: Rings, codes: Sequence[str], color: str, name: str) -> go.Scatter:
    xs, ys = joined(shapes, codes)
    return go.Scatter(
        x=xs,
        y=ys,
        mode="lines",
        fill="toself",
        fillcolor=color,
        line={"color": BORDER_COLOR, "width": 0.6},
        name=name,
        showlegend=False,
        hoverinfo="skip",
    )


def _swatch(color: str, name: str) -> go.Scatter:
    """A legend entry only: a large square in the class colour (a fill trace's own swatch is a
    thin line, too small to read on a beamer)."""
    return go.Scatter(
        x=[None],
        y=[None],
        mode="markers",
        marker={
            "symbol": "square",
            "size": SWATCH_SIZE,
            "color": color,
            "line": {"color": "#555555", "width": 1},
        },
        name=name,
        showlegend=True,
        hoverinfo="skip",
    )


def _overlay_traces(
    shapes: Rings,
    points: pd.DataFrame,
    frame: pd.DataFrame,
    *,
    provinces: Rings | None,
    outlined: Sequence[str],
    cities: pd.DataFrame | None,
) -> list[go.Scatter]:
    """Province borders, the selection's outline, city labels and an invisible hover layer."""
    traces = []
    if provinces:
        xs, ys = joined(provinces, provinces)
        traces.append(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines",
                line={"color": PROVINCE_COLOR, "width": 1.4},
                hoverinfo="skip",
                showlegend=False,
                name="provinciegrenzen",
            )
        )
    if outlined:
        xs, ys = joined(shapes, outlined)
        traces.append(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines",
                line={"color": SELECTION_COLOR, "width": 3},
                hoverinfo="skip",
                name="uw selectie (zwarte rand)",
            )
        )
    hover = points.merge(frame[["code", "hover"]], on="code", how="inner")
    traces.append(
        go.Scatter(
            x=hover["x"],
            y=hover["y"],
            mode="markers",
            marker={"size": 12, "opacity": 0},
            customdata=hover[["hover"]].to_numpy(),
            hovertemplate="%{customdata[0]}<extra></extra>",
            showlegend=False,
            name="gemeenten",
        )
    )
    if cities is not None and len(cities):
        traces.append(
            go.Scatter(
                x=cities["x"],
                y=cities["y"],
                mode="text",
                text=cities["name"],
                textposition="middle center",
                textfont={
                    "size": LABEL_FONT,
                    "color": TEXT_COLOR,
                    "family": FONT,
                    "weight": "bold",
                    "shadow": "1px 1px 2px #ffffff, -1px -1px 2px #ffffff, "
                    "1px -1px 2px #ffffff, -1px 1px 2px #ffffff",
                },
                hoverinfo="skip",
                showlegend=False,
                name="grote steden",
            )
        )
    return traces


Extent = tuple[float, float, float, float]  # min lon, min lat, max lon, max lat
# The smallest size a slide map is drawn at (on screen, MAP_DOMAIN of a ~1100 px slide, 540 px
# high): labels that do not collide there do not collide in the larger PNG either.
LABEL_MAP_PX = (640.0, 520.0)


def extent(shapes: Rings, codes: Iterable[str], pad: float = 0.06) -> Extent | None:
    """The lon/lat box around these areas, with a margin; None when none of them has a shape."""
    parts = [shapes[c] for c in codes if c in shapes]
    if not parts:
        return None
    points = np.concatenate(parts)
    points = points[~np.isnan(points).any(axis=1)]
    minx, miny = points.min(axis=0)
    maxx, maxy = points.max(axis=0)
    dx, dy = max(maxx - minx, 0.05) * pad, max(maxy - miny, 0.05) * pad
    minx, maxx, miny, maxy = minx - dx, maxx + dx, miny - dy, maxy + dy
    # Widen the short side to the map's shape, so a tall province (Limburg) fills the map
    # instead of a sliver in its middle, and labels near its edge stay whole.
    aspect = LABEL_MAP_PX[0] / LABEL_MAP_PX[1]
    width, height = maxx - minx, (maxy - miny) * LAT_SCALE
    if width < height * aspect:
        grow = (height * aspect - width) / 2
        minx, maxx = minx - grow, maxx + grow
    else:
        grow = (width / aspect - height) / 2 / LAT_SCALE
        miny, maxy = miny - grow, maxy + grow
    return (float(minx), float(miny), float(maxx), float(maxy))


def _degrees_per_px(box: Extent | None) -> float:
    minx, miny, maxx, maxy = box or (3.3, 50.7, 7.3, 53.6)  # the Netherlands
    return max((maxx - minx) / LABEL_MAP_PX[0], (maxy - miny) * LAT_SCALE / LABEL_MAP_PX[1])


def largest(
    gemeenten: pd.DataFrame,
    points: pd.DataFrame,
    n: int = 8,
    box: Extent | None = None,
    within: Iterable[str] | None = None,
) -> pd.DataFrame:
    """Labels for the n largest gemeenten (inside `box`) whose labels do not collide.

    Greedy by inhabitants: a city whose label box would overlap the label of a larger labelled
    city is skipped (Almere beside Amsterdam) and the next largest city is taken instead. A
    label's box is measured from its name at the label font on the smallest drawing of the map,
    so a zoomed map (a province) gets more labels and a whole-country map fewer, none touching.
    """
    ranked = gemeenten.sort_values("inhabitants", ascending=False)[["code", "name"]]
    ranked = ranked.merge(points, on="code", how="inner")
    ranked["name"] = ranked["name"].replace(LABEL_NAMES)
    if within is not None:  # label the zoomed province's (or selection's) own cities
        ranked = ranked[ranked["code"].isin(set(within))]
    if box is not None:
        minx, miny, maxx, maxy = box
        ranked = ranked[ranked["x"].between(minx, maxx) & ranked["y"].between(miny, maxy)]
    per_px = _degrees_per_px(box)
    kept: list[dict] = []
    for row in ranked.to_dict("records"):
        if len(kept) == n:
            break
        row["w"] = (len(row["name"]) * LABEL_FONT * 0.6 + 8) * per_px  # degrees of longitude
        row["h"] = LABEL_FONT * 1.15 * per_px  # glyph height, in stretched latitude degrees
        if box is not None and not (
            box[0] <= row["x"] - row["w"] / 2 <= row["x"] + row["w"] / 2 <= box[2]
        ):
            continue  # the label would be cut off at the edge of a zoomed map
        if all(
            abs(row["x"] - k["x"]) >= (row["w"] + k["w"]) / 2
            or abs(row["y"] - k["y"]) * LAT_SCALE >= (row["h"] + k["h"]) / 2
            for k in kept
        ):
            kept.append(row)
    return pd.DataFrame(kept, columns=["code", "name", "x", "y"])


def zoom_to(fig: go.Figure, box: Extent | None) -> None:
    """Show only this lon/lat box (the selection or a province); None keeps the whole country."""
    if box is None:
        return
    minx, miny, maxx, maxy = box
    fig.update_layout(xaxis={"range": [minx, maxx]}, yaxis={"range": [miny, maxy]})


def _layout(fig: go.Figure, height: int | None, domain: tuple[float, float]) -> None:
    fig.update_layout(
        xaxis={
            "visible": False,
            "domain": list(domain),
            "constrain": "domain",
            "fixedrange": False,
        },
        yaxis={
            "visible": False,
            "scaleanchor": "x",
            "scaleratio": LAT_SCALE,
            "constrain": "domain",
        },
        height=height,
        margin={"l": 8, "r": 8, "t": 8, "b": 8},
        paper_bgcolor="white",
        plot_bgcolor="white",
        font={"family": FONT, "size": 18, "color": TEXT_COLOR},
        hovermode="closest",
        hoverlabel={"bgcolor": "white", "font": {"size": 16}},
        dragmode="pan",
        separators=",.",
    )


def class_map(
    shapes: Rings,
    points: pd.DataFrame,
    frame: pd.DataFrame,
    *,
    colors: Sequence[str],
    labels: Sequence[str],
    missing_color: str,
    missing_label: str,
    legend_title: str,
    provinces: Rings | None = None,
    outlined: Sequence[str] = (),
    cities: pd.DataFrame | None = None,
    height: int | None = None,
) -> go.Figure:
    """A classified map: frame has code, class (-1 = no data) and hover; one trace per class.

    The legend is large (beamers) and lists every class with its count, so colour is never the
    only carrier; an empty class keeps its legend entry.
    """
    fig = go.Figure()
    for index, (color, label) in enumerate(zip(colors, labels, strict=True)):
        codes = frame.loc[frame["class"] == index, "code"].tolist()
        fig.add_trace(_fill_trace(shapes, codes, color, label))
    missing = frame.loc[frame["class"] < 0, "code"].tolist()
    fig.add_trace(_fill_trace(shapes, missing, missing_color, missing_label))
    for color, label in zip(colors, labels, strict=True):
        fig.add_trace(_swatch(color, label))
    if missing:
        fig.add_trace(_swatch(missing_color, missing_label))
    for trace in _overlay_traces(
        shapes, points, frame, provinces=provinces, outlined=outlined, cities=cities
    ):
        fig.add_trace(trace)
    _layout(fig, height, MAP_DOMAIN)
    fig.update_layout(
        showlegend=True,
        legend={
            "x": MAP_DOMAIN[1] + 0.03,
            "y": 0.98,
            "xanchor": "left",
            "yanchor": "top",
            "font": {"size": LEGEND_FONT},
            "title": {"text": legend_title, "font": {"size": LEGEND_FONT + 2}},
            "itemwidth": 50,
            "tracegroupgap": 6,
            "bgcolor": "rgba(255,255,255,0.9)",
        },
    )
    return fig


def bivariate_map(
    shapes: Rings,
    points: pd.DataFrame,
    frame: pd.DataFrame,
    *,
    colors: Sequence[str],
    missing_color: str,
    missing_label: str,
    axes: dict,
    provinces: Rings | None = None,
    outlined: Sequence[str] = (),
    cities: pd.DataFrame | None = None,
    height: int | None = None,
) -> go.Figure:
    """A 3 × 3 bivariate map (class = 3 * y + x, -1 missing) with a large 2-D legend beside it.

    The legend grid is drawn with shapes in paper coordinates and carries the count of gemeenten
    in each cell; worse is up (y) and to the right (x), as on the map page.
    """
    fig = go.Figure()
    for index, color in enumerate(colors):
        codes = frame.loc[frame["class"] == index, "code"].tolist()
        fig.add_trace(_fill_trace(shapes, codes, color, f"klasse {index}"))
    missing = frame.loc[frame["class"] < 0, "code"].tolist()
    fig.add_trace(_fill_trace(shapes, missing, missing_color, missing_label))
    if missing:
        fig.add_trace(_swatch(missing_color, missing_label))
    for trace in _overlay_traces(
        shapes, points, frame, provinces=provinces, outlined=outlined, cities=cities
    ):
        fig.add_trace(trace)
    _layout(fig, height, MAP_DOMAIN)
    x0, y0, width, height_ = 0.69, 0.30, 0.085, 0.13  # paper coordinates of the legend grid
    shapes_ = []
    annotations = []

    def note(x: float, y: float, text: str, **extra: object) -> dict:
        # xanchor must be explicit: plotly's "auto" right-aligns text placed beyond x = 2/3.
        return {
            "xref": "paper",
            "yref": "paper",
            "x": x,
            "y": y,
            "text": text,
            "showarrow": False,
            "xanchor": "center",
            "yanchor": "middle",
            "font": {"size": LEGEND_FONT - 7},
            **extra,
        }

    for y in range(3):
        for x in range(3):
            shapes_.append(
                {
                    "type": "rect",
                    "xref": "paper",
                    "yref": "paper",
                    "x0": x0 + x * width,
                    "x1": x0 + (x + 1) * width,
                    "y0": y0 + y * height_,
                    "y1": y0 + (y + 1) * height_,
                    "fillcolor": colors[3 * y + x],
                    "line": {"color": "white", "width": 2},
                }
            )
            annotations.append(
                note(
                    x0 + (x + 0.5) * width,
                    y0 + (y + 0.5) * height_,
                    str(axes["counts"][y][x]),
                    font={"size": LEGEND_FONT, "color": "white" if 3 * y + x == 8 else TEXT_COLOR},
                )
            )
        annotations.append(
            note(
                x0 - 0.008,
                y0 + (y + 0.5) * height_,
                safe.plotly(axes["y_ranges"][y]),
                xanchor="right",
            )
        )
    for x in range(3):
        annotations.append(
            note(x0 + (x + 0.5) * width, y0 - 0.01, safe.plotly(axes["x_ranges"][x]), yanchor="top")
        )
    middle = x0 + 1.5 * width
    annotations += [
        note(
            middle,
            y0 - 0.07,
            f"→ {_wrap(axes['x_label'])}<br><i>slechter naar rechts</i>",
            yanchor="top",
            font={"size": LEGEND_FONT - 2},
        ),
        note(
            middle,
            y0 + 3 * height_ + 0.02,
            f"↑ {_wrap(axes['y_label'])}<br><i>slechter naar boven</i>",
            yanchor="bottom",
            font={"size": LEGEND_FONT - 2},
        ),
    ]
    fig.update_layout(
        shapes=shapes_,
        annotations=annotations,
        showlegend=bool(missing) or bool(outlined),
        legend={
            "x": MAP_DOMAIN[1] + 0.03,
            "y": 0.06,
            "xanchor": "left",
            "yanchor": "bottom",
            "font": {"size": LEGEND_FONT},
        },
    )
    return fig


def _wrap(text: str, width: int = 24) -> str:
    """Break a long label over lines (plotly text takes <br>), escaped."""
    return "<br>".join(safe.plotly(line) for line in textwrap.wrap(str(text), width))

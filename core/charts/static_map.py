"""Maps drawn as filled polygons on plain x/y axes: for slides, PNG export and the offline pack.

A `choroplethmap` needs WebGL and a web worker that a file opened from a USB stick (`file://`)
cannot start (platform-notes.md), so presentation maps are ordinary `go.Scatter` traces with
`fill="toself"`: one trace per class, the gemeenten of a class joined with `None` separators
(a trace per gemeente would be 342 traces and slow). x is longitude, y latitude; the y axis is
stretched by 1 / cos(latitude) so the Netherlands keeps its shape.

Polygons are oriented (exterior counter-clockwise, holes clockwise), so a hole stays empty under
SVG's non-zero fill rule and the gemeente inside it shows through.

A map shows one area (the country, a province or the basket's gemeenten): only that area's
gemeenten are drawn, the axes frame exactly its box, and the legend stands beside it in a right
margin of fixed pixels (core.charts.static_legend). `picture_size` gives the picture whose map
part has the box's shape, so the area fills it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import shapely

from core import safe
from core.charts import map_labels, static_legend

LAT_SCALE = map_labels.LAT_SCALE
DECIMALS = 4  # about 10 m: far below what a beamer shows
FONT = "Arial, Helvetica, sans-serif"
TEXT_COLOR = "#111111"
BORDER_COLOR = "#ffffff"
PROVINCE_COLOR = "#2b2b2b"
SELECTION_COLOR = "#000000"
LEGEND_FONT = static_legend.LEGEND_FONT
LABEL_FONT = map_labels.LABEL_FONT
SWATCH_SIZE = 28
MARGIN = 8  # px around the map (left, top, bottom); the legend is the right margin
# Layout px of a map's picture for a slide: at most this high and wide, so that on the slide
# (640 x 360 points at most) a legend's 24 px are 12 points. Rendered at images.SLIDE_SCALE.
PICTURE_HEIGHT = 720
PICTURE_MAX_WIDTH = 1280
Extent = map_labels.Extent

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
                textposition=(
                    cities["position"].tolist() if "position" in cities else "middle center"
                ),
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
                name="plaatsnamen",
            )
        )
    return traces


def _layout(fig: go.Figure, height: int | None, box: Extent, legend_px: int) -> None:
    minx, miny, maxx, maxy = box
    fig.update_layout(
        xaxis={
            "visible": False,
            "range": [minx, maxx],
            "constrain": "domain",
            "fixedrange": False,
        },
        yaxis={
            "visible": False,
            "range": [miny, maxy],
            "scaleanchor": "x",
            "scaleratio": LAT_SCALE,
            "constrain": "domain",
        },
        height=height,
        margin={"l": MARGIN, "r": legend_px, "t": MARGIN, "b": MARGIN, "autoexpand": False},
        paper_bgcolor="white",
        plot_bgcolor="white",
        font={"family": FONT, "size": 18, "color": TEXT_COLOR},
        hovermode="closest",
        hoverlabel={"bgcolor": "white", "font": {"size": 16}},
        dragmode="pan",
        separators=",.",
    )


def picture_size(
    fig: go.Figure, height: int = PICTURE_HEIGHT, max_width: int = PICTURE_MAX_WIDTH
) -> tuple[int, int]:
    """Width and height (px) of a picture of this map in which the map fills its part: the
    plot area takes the box's shape, the right margin holds the legend. A wide area (a row of
    provinces) gets a lower picture rather than a wider one."""
    margin = fig.layout.margin
    x0, x1 = fig.layout.xaxis.range
    y0, y1 = fig.layout.yaxis.range
    ratio = map_labels.aspect((x0, y0, x1, y1))
    plot_h = height - margin.t - margin.b
    plot_w = min(plot_h * ratio, max_width - margin.l - margin.r)
    # Never lower than the legend beside it (a bivariate map's grid and its axes).
    least = float((fig.layout.meta or {}).get("legend_height", 0))
    plot_h = max(plot_w / ratio, least)
    plot_w = plot_h * ratio
    return int(round(margin.l + plot_w + margin.r)), int(round(plot_h + margin.t + margin.b))


def _legend_title(lines: Sequence[str]) -> str:
    return "<br>".join(safe.plotly(line) for line in lines)


def class_map(
    shapes: Rings,
    points: pd.DataFrame,
    frame: pd.DataFrame,
    *,
    colors: Sequence[str],
    labels: Sequence[str],
    missing_color: str,
    missing_label: str,
    legend_title: Sequence[str],
    box: Extent,
    provinces: Rings | None = None,
    outlined: Sequence[str] = (),
    cities: pd.DataFrame | None = None,
    height: int | None = None,
) -> go.Figure:
    """A classified map of the gemeenten in `frame` (code, class (-1 = no data), hover), in the
    lon/lat `box`; one trace per class. `legend_title` is a list of lines (plain text).

    The legend is large (beamers) and lists every class with its count, so colour is never the
    only carrier; an empty class keeps its legend entry.
    """
    fig = go.Figure()
    for index, (color, label) in enumerate(zip(colors, labels, strict=True)):
        codes = frame.loc[frame["class"] == index, "code"].tolist()
        fig.add_trace(_fill_trace(shapes, codes, color, label))
    missing = frame.loc[frame["class"] < 0, "code"].tolist()
    fig.add_trace(_fill_trace(shapes, missing, missing_color, missing_label))
    entries = list(labels)
    for color, label in zip(colors, labels, strict=True):
        fig.add_trace(_swatch(color, label))
    if missing:
        fig.add_trace(_swatch(missing_color, missing_label))
        entries.append(missing_label)
    for trace in _overlay_traces(
        shapes, points, frame, provinces=provinces, outlined=outlined, cities=cities
    ):
        fig.add_trace(trace)
    if outlined:
        entries.append("uw selectie (zwarte rand)")
    legend_px = static_legend.class_legend_width(entries, legend_title)
    _layout(fig, height, box, legend_px)
    fig.update_layout(
        showlegend=True,
        legend={
            "x": 1,
            "y": 1,
            "xanchor": "left",
            "yanchor": "top",
            "font": {"size": LEGEND_FONT},
            "title": {"text": _legend_title(legend_title), "font": {"size": LEGEND_FONT + 2}},
            "itemwidth": 40,
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
    box: Extent,
    provinces: Rings | None = None,
    outlined: Sequence[str] = (),
    cities: pd.DataFrame | None = None,
    height: int | None = None,
) -> go.Figure:
    """A 3 × 3 bivariate map (class = 3 * y + x, -1 missing) with a large 2-D legend beside it
    (static_legend.bivariate_grid: counts in the cells; worse is up and to the right, as on
    the map page)."""
    fig = go.Figure()
    for index, color in enumerate(colors):
        codes = frame.loc[frame["class"] == index, "code"].tolist()
        fig.add_trace(_fill_trace(shapes, codes, color, f"klasse {index}"))
    missing = frame.loc[frame["class"] < 0, "code"].tolist()
    fig.add_trace(_fill_trace(shapes, missing, missing_color, missing_label))
    for trace in _overlay_traces(
        shapes, points, frame, provinces=provinces, outlined=outlined, cities=cities
    ):
        fig.add_trace(trace)
    _layout(fig, height, box, static_legend.BIVARIATE_WIDTH)
    extra = [("fill", missing_color, missing_label)] if missing else []
    if outlined:
        extra.append(("line", SELECTION_COLOR, "uw selectie (zwarte rand)"))
    grid, notes = static_legend.bivariate_grid(colors, axes, extra)
    fig.update_layout(shapes=grid, annotations=notes, showlegend=False)
    fig.layout.meta = {"legend_height": static_legend.bivariate_height(axes, len(extra))}
    return fig

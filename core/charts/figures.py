"""Plotly figure builders (plain go.Figure objects; rendering is the components' job)."""

from __future__ import annotations

import math
from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from core import safe

NL_CENTER = {"lat": 52.2, "lon": 5.3}
NL_ZOOM = 6.4
UIREVISION = "raadsradar-map"  # constant so the view survives reruns (streamlit#6355)
PROVINCE_LINE = "#2b2b2b"
BASKET_LINE = "#000000"
MUTED_FILL = "#f2f2f2"


def choropleth(*args: object, **kwargs: object) -> go.Figure:
    """choropleth_spec as a go.Figure (for tests, exports and anything that reads fig.data)."""
    spec = choropleth_spec(*args, **kwargs)
    return go.Figure(data=spec["data"], layout=spec["layout"], _validate=False)


def choropleth_spec(
    geojson: dict,
    frame: pd.DataFrame,
    *,
    colorscale: list,
    zmin: float,
    zmax: float,
    z: str = "class",
    hover: str = "hover",
    provinces: dict | None = None,
    outlined: list[str] | None = None,
    height: int = 620,
    dragmode: str = "pan",
    center: dict | None = None,
    zoom: float | None = None,
    muted: pd.DataFrame | None = None,
    uirevision: str = UIREVISION,
    hover_columns: list[str] | None = None,
    hovertemplate: str | None = None,
    basemap: bool = False,
    fit: Sequence[float] | None = None,
) -> dict:
    """A choroplethmap of gemeenten on a white, offline background with optional outlines.

    `muted` (code, hover) are drawn in light grey under the main trace: outside the filter, but
    still on the map. `outlined` codes (the basket) get a thick black border on top. `fit`
    (west, south, east, north) is the area that must be whole on screen: on a screen narrower
    than the view was made for (a phone), the page zooms out until it is (early_map.SWAP_JS).
    """
    hover_columns = hover_columns or frame.attrs.get("hover_columns") or [hover]
    hovertemplate = (
        hovertemplate or frame.attrs.get("hovertemplate") or "%{customdata[0]}<extra></extra>"
    )
    # Each trace carries only the features it draws: the GeoJSON is most of the payload.
    features = {feature["id"]: feature for feature in geojson["features"]}

    def subset(codes: list[str]) -> dict:
        return {
            "type": "FeatureCollection",
            "features": [features[c] for c in codes if c in features],
        }

    line = {"width": 0.4, "color": "#ffffff"}
    codes = frame["code"].tolist()  # .tolist(): iterating an Arrow string column is ~6x slower
    traces = []
    if muted is not None and len(muted):
        traces.append(
            {
                "type": "choroplethmap",
                "name": "buiten filter",
                "geojson": subset(list(muted["code"])),
                "locations": list(muted["code"]),
                "z": [0] * len(muted),
                "colorscale": [[0, MUTED_FILL], [1, MUTED_FILL]],
                "showscale": False,
                "marker": {"line": line},
                "customdata": muted[["hover"]].to_numpy().tolist(),
                "hovertemplate": "%{customdata[0]}<extra></extra>",
            }
        )
    traces.append(
        {
            "type": "choroplethmap",
            "name": "",
            "geojson": geojson if len(frame) == len(features) else subset(codes),
            "locations": codes,
            "z": frame[z].tolist(),
            "colorscale": [list(step) for step in colorscale],
            "zmin": zmin,
            "zmax": zmax,
            "showscale": False,
            "marker": {"line": line},
            # Column by column: a DataFrame's to_numpy() of text columns is ~2x slower.
            "customdata": [
                list(row) for row in zip(*(frame[c].tolist() for c in hover_columns), strict=True)
            ],
            "hovertemplate": hovertemplate,
            **({"meta": {"fit": [round(float(v), 4) for v in fit]}} if fit is not None else {}),
        }
    )
    if outlined:
        traces.append(
            {
                "type": "choroplethmap",
                "name": "selectie",
                "geojson": subset(list(outlined)),
                "locations": list(outlined),
                "z": [0] * len(outlined),
                "colorscale": [[0, "rgba(0,0,0,0)"], [1, "rgba(0,0,0,0)"]],
                "showscale": False,
                "marker": {"line": {"width": 2.5, "color": BASKET_LINE}},
                "hoverinfo": "skip",
            }
        )
    layers = []
    if provinces:
        layers.append(
            {
                "sourcetype": "geojson",
                "source": provinces,
                "type": "line",
                "color": PROVINCE_LINE,
                "line": {"width": 1.3},
                "below": "",
            }
        )
    layout = {
        "map": {
            # white-bg needs no tiles and works offline; carto-positron needs internet (opt-in).
            "style": "carto-positron" if basemap else "white-bg",
            "center": center or NL_CENTER,
            "zoom": zoom or NL_ZOOM,
            "layers": layers,
        },
        "margin": {"l": 0, "r": 0, "t": 0, "b": 0},
        "height": height,
        "uirevision": uirevision,
        "dragmode": dragmode,
        "showlegend": False,
        "hoverlabel": {"bgcolor": "white", "font": {"size": 14}},
        "paper_bgcolor": "white",
    }
    # Plain dicts, not plotly.py objects: building and validating those deep-copies the GeoJSON
    # (tens of ms per rerun). tests/core/test_figures.py validates the same spec instead.
    return {"data": traces, "layout": layout}


def label_margin(labels: object, font_size: float = 12) -> int:
    """A left margin in px that fits the longest y-axis label (gemeente names run to 20+ letters).

    Plotly's automargin does not grow the margin in every renderer (the app, kaleido's PNG for
    the slides): names were cut off at the left ("p", "al"). About 0.62 em per character covers
    the widest names in the default fonts, plus room for the tick itself.
    """
    longest = max((len(str(label)) for label in labels), default=0)
    return int(math.ceil(longest * font_size * 0.62)) + 16


def dumbbell(frame: pd.DataFrame, *, group_label: str, height: int | None = None) -> go.Figure:
    """Population share vs council share per gemeente (frame: name, population_share,
    council_share, low, high), one row each, the council's 95% interval as an error bar."""
    data = frame.iloc[::-1]
    fig = go.Figure()
    for row in data.itertuples(index=False):
        fig.add_trace(
            go.Scatter(
                x=[row.council_share, row.population_share],
                y=[row.name, row.name],
                mode="lines",
                line={"color": "#9e9e9e", "width": 2},
                hoverinfo="skip",
                showlegend=False,
            )
        )
    fig.add_trace(
        go.Scatter(
            x=data["council_share"],
            y=data["name"],
            mode="markers",
            name="in de raad",
            marker={"color": "#2166ac", "size": 11, "symbol": "circle"},
            error_x={
                "type": "data",
                "symmetric": False,
                "array": data["high"] - data["council_share"],
                "arrayminus": data["council_share"] - data["low"],
                "color": "#6baed6",
                "thickness": 1.5,
            },
            hovertemplate="%{y}: %{x:.1f}% in de raad<extra></extra>",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=data["population_share"],
            y=data["name"],
            mode="markers",
            name="in de bevolking",
            marker={"color": "#b2182b", "size": 11, "symbol": "diamond"},
            hovertemplate="%{y}: %{x:.1f}% van de inwoners<extra></extra>",
        )
    )
    fig.update_layout(
        height=height or max(260, 28 * len(data) + 90),
        margin={"l": label_margin(data["name"]), "r": 10, "t": 30, "b": 40},
        xaxis={
            "title": safe.plotly(f"aandeel {group_label.lower()} (%)"),
            "ticksuffix": "%",
            "rangemode": "tozero",
        },
        legend={"orientation": "h", "y": 1.08, "x": 0},
        separators=",.",
        plot_bgcolor="white",
    )
    fig.update_xaxes(showgrid=True, gridcolor="#e5e5e5")
    fig.update_yaxes(automargin=True)
    return fig


def histogram(values: pd.Series, *, label: str, height: int = 320) -> go.Figure:
    """Distribution of gaps (percentage points), with 0 marked."""
    fig = go.Figure(
        go.Histogram(
            x=values.dropna(),
            nbinsx=30,
            marker={"color": "#b2182b"},
            hovertemplate="%{x} procentpunt: %{y} gemeenten<extra></extra>",
        )
    )
    fig.add_vline(x=0, line={"color": "#333333", "width": 2, "dash": "dash"})
    fig.update_layout(
        height=height,
        margin={"l": 10, "r": 10, "t": 20, "b": 40},
        bargap=0.05,
        xaxis={"title": safe.plotly(label)},
        yaxis={"title": "aantal gemeenten"},
        separators=",.",
        plot_bgcolor="white",
    )
    return fig


def trend_lines(frame: pd.DataFrame, names: dict[str, str], *, height: int = 320) -> go.Figure:
    """Women's council share per election year (frame: year, code, share); NL drawn thickest."""
    fig = go.Figure()
    for code, part in frame.groupby("code", sort=False):
        national = code == "NL"
        fig.add_trace(
            go.Scatter(
                x=part["year"],
                y=part["share"],
                mode="lines+markers",
                name=safe.plotly(names.get(code, code)),
                line={"width": 4 if national else 2, "color": "#333333" if national else None},
                hovertemplate="%{x}: %{y:.1f}%<extra>"
                + safe.plotly(names.get(code, code))
                + "</extra>",
            )
        )
    fig.update_layout(
        height=height,
        margin={"l": 10, "r": 10, "t": 20, "b": 40},
        separators=",.",
        xaxis={"tickvals": sorted(frame["year"].unique()), "title": "verkiezingsjaar"},
        yaxis={"title": "vrouwen in de raad (%)", "ticksuffix": "%"},
        plot_bgcolor="white",
    )
    return fig


def fit_of(spec: dict) -> list[float] | None:
    """The area a choropleth spec must show whole (see choropleth_spec's `fit`), or None."""
    for trace in spec["data"]:
        meta = trace.get("meta")
        if isinstance(meta, dict) and "fit" in meta:
            return list(meta["fit"])
    return None

"""Plotly figure builders (plain go.Figure objects; rendering is the components' job)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

NL_CENTER = {"lat": 52.2, "lon": 5.3}
NL_ZOOM = 6.4
UIREVISION = "raadsradar-map"  # constant so the view survives reruns (streamlit#6355)
PROVINCE_LINE = "#2b2b2b"
BASKET_LINE = "#000000"
MUTED_FILL = "#f2f2f2"


def choropleth(
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
) -> go.Figure:
    """A choroplethmap of gemeenten on a white, offline background with optional outlines.

    `muted` (code, hover) are drawn in light grey under the main trace: outside the filter, but
    still on the map. `outlined` codes (the basket) get a thick black border on top.
    """
    fig = go.Figure()
    if muted is not None and len(muted):
        fig.add_trace(
            go.Choroplethmap(
                geojson=geojson,
                locations=muted["code"],
                z=[0] * len(muted),
                colorscale=[[0, MUTED_FILL], [1, MUTED_FILL]],
                showscale=False,
                marker={"line": {"width": 0.4, "color": "#ffffff"}},
                customdata=muted[["hover"]].to_numpy(),
                hovertemplate="%{customdata[0]}<extra></extra>",
                name="buiten filter",
            )
        )
    fig.add_trace(
        go.Choroplethmap(
            geojson=geojson,
            locations=frame["code"],
            z=frame[z],
            colorscale=colorscale,
            zmin=zmin,
            zmax=zmax,
            showscale=False,
            marker={"line": {"width": 0.4, "color": "#ffffff"}},
            customdata=frame[[hover]].to_numpy(),
            hovertemplate="%{customdata[0]}<extra></extra>",
            name="",
        )
    )
    if outlined:
        fig.add_trace(
            go.Choroplethmap(
                geojson=geojson,
                locations=list(outlined),
                z=[0] * len(outlined),
                colorscale=[[0, "rgba(0,0,0,0)"], [1, "rgba(0,0,0,0)"]],
                showscale=False,
                marker={"line": {"width": 2.5, "color": BASKET_LINE}},
                hoverinfo="skip",
                name="selectie",
            )
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
    fig.update_layout(
        map={
            "style": "white-bg",
            "center": center or NL_CENTER,
            "zoom": zoom or NL_ZOOM,
            "layers": layers,
        },
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        height=height,
        uirevision=uirevision,
        dragmode=dragmode,
        showlegend=False,
        hoverlabel={"bgcolor": "white", "font": {"size": 14}},
        paper_bgcolor="white",
    )
    return fig

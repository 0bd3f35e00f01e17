"""The naive baseline: the full-detail 2022 gemeente GeoJSON straight from the raw data.

No simplification, no rounding, no dropped properties and no caching: every rerun reads and
parses the file again and sends the whole figure. A selectbox (`indicator`) picks which numeric
column colours the map (`map`). Run it with `streamlit run bench/naive_app.py`; set
$BENCH_RAW_DIR to use raw data somewhere else than ../shared/data/raw.
"""

from __future__ import annotations

import json
import os
import random
from pathlib import Path

import plotly.graph_objects as go
import streamlit as st

REPO_ROOT = Path(__file__).resolve().parent.parent
RAW_DIR = Path(os.environ.get("BENCH_RAW_DIR", REPO_ROOT.parent / "shared" / "data" / "raw"))
GEOJSON_PATH = RAW_DIR / "grtool" / "gemeente_2022.geojson"
CENTER = {"lat": 52.2, "lon": 5.3}
ZOOM = 6.4
HEIGHT = 620


def _points(geometry: dict) -> list[list[float]]:
    polygons = geometry["coordinates"]
    if geometry["type"] == "Polygon":
        polygons = [polygons]
    return [point for polygon in polygons for ring in polygon for point in ring]


def columns(features: list[dict]) -> dict[str, list[float]]:
    """A few numeric columns per feature: from the geometry, the code, and seeded random values."""
    rng = random.Random(2022)  # noqa: S311 - illustrative values, not security
    out: dict[str, list[float]] = {
        "Aantal hoekpunten": [],
        "Breedte (graden)": [],
        "Gemeentenummer": [],
        "Willekeurig A": [],
        "Willekeurig B": [],
    }
    for feature in features:
        points = _points(feature["geometry"])
        lons = [p[0] for p in points]
        out["Aantal hoekpunten"].append(float(len(points)))
        out["Breedte (graden)"].append(max(lons) - min(lons))
        out["Gemeentenummer"].append(float(feature["properties"]["statcode"][2:]))
        out["Willekeurig A"].append(rng.uniform(0, 100))
        out["Willekeurig B"].append(rng.gauss(50, 15))
    return out


st.set_page_config(page_title="Naive", layout="wide")
st.title("Naive")
if not GEOJSON_PATH.is_file():
    st.error(f"Raw GeoJSON not found: {GEOJSON_PATH}")
    st.stop()
geojson = json.loads(GEOJSON_PATH.read_text(encoding="utf-8"))
features = geojson["features"]
values = columns(features)
column = st.selectbox("Indicator op de kaart", list(values), key="indicator")
codes = [feature["properties"]["statcode"] for feature in features]
names = [feature["properties"]["statnaam"] for feature in features]
fig = go.Figure(
    go.Choroplethmap(
        geojson=geojson,
        featureidkey="properties.statcode",
        locations=codes,
        z=values[column],
        colorscale="Viridis",
        marker={"line": {"width": 0.4, "color": "#ffffff"}},
        customdata=[
            [f"{name}: {value:.1f}"] for name, value in zip(names, values[column], strict=True)
        ],
        hovertemplate="%{customdata[0]}<extra></extra>",
    )
)
fig.update_layout(
    map={"style": "white-bg", "center": CENTER, "zoom": ZOOM},
    margin={"l": 0, "r": 0, "t": 0, "b": 0},
    height=HEIGHT,
)
map_col, legend_col = st.columns([4, 1])
with map_col:
    st.plotly_chart(fig, key="map")
with legend_col:
    st.write(column)

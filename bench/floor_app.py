"""The floor: one tiny three-polygon choroplethmap and a selectbox that changes z.

What Streamlit, plotly.js and the browser cost by themselves, with the same page layout, map
height, keys (`indicator`, `map`) and white-bg background as the real map page. Run it with
`streamlit run bench/floor_app.py`.
"""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

CENTER = {"lat": 52.2, "lon": 5.3}
ZOOM = 6.4
HEIGHT = 620


def square(code: str, lon: float, lat: float, size: float = 0.4) -> dict:
    ring = [
        [lon, lat],
        [lon + size, lat],
        [lon + size, lat + size],
        [lon, lat + size],
        [lon, lat],
    ]
    return {"type": "Feature", "id": code, "geometry": {"type": "Polygon", "coordinates": [ring]}}


GEOJSON = {
    "type": "FeatureCollection",
    "features": [
        square("A", 4.6, 51.9),
        square("B", 5.2, 52.3),
        square("C", 5.8, 51.8),
    ],
}
VALUES = {
    "Eerste": [1.0, 2.0, 3.0],
    "Tweede": [3.0, 1.0, 2.0],
    "Derde": [2.0, 3.0, 1.0],
}

st.set_page_config(page_title="Floor", layout="wide")
st.title("Floor")
column = st.selectbox("Indicator op de kaart", list(VALUES), key="indicator")
fig = go.Figure(
    go.Choroplethmap(
        geojson=GEOJSON,
        locations=["A", "B", "C"],
        z=VALUES[column],
        zmin=1,
        zmax=3,
        colorscale="Viridis",
        showscale=False,
        customdata=[
            [f"{code}: {value}"] for code, value in zip("ABC", VALUES[column], strict=True)
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

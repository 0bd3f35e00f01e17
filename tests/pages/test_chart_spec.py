"""components.maps.ChartSpec: st.plotly_chart gets the same figure as from a go.Figure, cheaper."""

from __future__ import annotations

import json

import orjson
import plotly.graph_objects as go
import plotly.io
import plotly.tools

from components import maps
from core import bundle, catalogue, classify, mapview, palettes
from core.charts import figures


def _spec(shipped: dict) -> dict:
    frame = mapview.map_frame(
        shipped["indicators"],
        shipped["gemeenten"],
        shipped["indicator_notes"],
        catalogue.get("women_gap_2022"),
    )
    result = classify.classify(frame["value"], "quantiles", 5, diverging=True)
    frame["class"] = result.classes
    zmin, zmax = palettes.z_range(result)
    return figures.choropleth_spec(
        bundle.geojson(bundle.load_table("gemeenten_geo")),
        frame,
        colorscale=palettes.stepped_colorscale(result),
        zmin=zmin,
        zmax=zmax,
        provinces=bundle.geojson(bundle.load_table("provincies_geo")),
        outlined=["GM0363", "GM0599"],
    )


def _as_streamlit_sends_it(figure: object) -> dict:
    """What st.plotly_chart does with a figure before it goes into the proto."""
    prepared = plotly.tools.return_figure_from_figure_or_data(figure, validate_figure=True)
    return json.loads(plotly.io.to_json(prepared, validate=False))


def test_chart_spec_sends_what_a_full_go_figure_sends(shipped: dict) -> None:
    spec = _spec(shipped)
    reference = go.Figure(data=spec["data"], layout=spec["layout"])  # validated, deep-copied
    sent = _as_streamlit_sends_it(maps.chart(_spec(shipped)))
    assert sent == _as_streamlit_sends_it(reference)
    assert [t["type"] for t in sent["data"]] == ["choroplethmap", "choroplethmap"]
    assert "template" in sent["layout"]
    assert len(sent["data"][0]["locations"]) == 342


def test_chart_spec_keeps_the_callers_spec_intact(shipped: dict) -> None:
    spec = _spec(shipped)
    maps.chart(spec)
    assert "template" not in spec["layout"]  # the wrapper adds it to its own copy of the layout


def test_the_shared_geojson_goes_out_pre_serialised_and_unchanged(shipped: dict) -> None:
    """With the server's shared GeoJSON (components.cache) the chart sends it as one fragment
    serialised once per server: the JSON that reaches the browser is the same as before."""
    from components import cache

    result = classify.classify(
        shipped["indicators"]["women_gap_2022"], "quantiles", 5, diverging=True
    )
    frame = mapview.map_frame(
        shipped["indicators"],
        shipped["gemeenten"],
        shipped["indicator_notes"],
        catalogue.get("women_gap_2022"),
    )
    frame["class"] = result.classes
    spec = maps.classified_spec(frame, result, outlined=["GM0363"])
    assert spec["data"][0]["geojson"] is cache.geojson()  # the shared object, not a copy
    chart = maps.chart(spec)
    sent_trace = chart.to_dict()["data"][0]
    assert isinstance(sent_trace["geojson"], orjson.Fragment)
    assert spec["data"][0]["geojson"] is cache.geojson()  # the caller's spec is left as it was
    reference = go.Figure(data=spec["data"], layout=spec["layout"])
    assert _as_streamlit_sends_it(chart) == _as_streamlit_sends_it(reference)

"""Map figure payload and structure for the bundle's real geometry."""

from __future__ import annotations

import plotly.io

from core import bundle, catalogue, classify, mapview, palettes
from core.charts import figures


def _geojson(name: str) -> dict:
    return bundle.geojson(bundle.load_table(name))


def _figure(shipped: dict, outlined: list[str]) -> object:
    frame = mapview.map_frame(
        shipped["indicators"],
        shipped["gemeenten"],
        shipped["indicator_notes"],
        catalogue.get("candidates_per_seat_2022"),
    )
    result = classify.classify(frame["value"], "quantiles", 5, reverse=True)
    frame["class"] = result.classes
    zmin, zmax = palettes.z_range(result)
    return figures.choropleth(
        _geojson("gemeenten_geo"),
        frame,
        colorscale=palettes.stepped_colorscale(result),
        zmin=zmin,
        zmax=zmax,
        provinces=_geojson("provincies_geo"),
        outlined=outlined,
    )


def test_map_figure_for_342_gemeenten_is_under_300_kb(shipped: dict) -> None:
    fig = _figure(shipped, outlined=["GM0363", "GM0599", "GM0518"])
    size = len(plotly.io.to_json(fig, validate=False).encode("utf-8"))
    assert size <= 300_000, f"map figure is {size / 1000:.0f} KB"
    main = fig.data[0]
    assert main.type == "choroplethmap"
    assert len(main.locations) == 342
    # One polygon per id: plotly draws only the first feature per id (plotly.py#4660).
    ids = [f["id"] for f in main.geojson["features"]]
    assert len(ids) == len(set(ids)) == 342
    assert set(main.locations) == set(ids)
    assert fig.layout.map.style == "white-bg"
    assert fig.layout.uirevision == figures.UIREVISION


def test_basket_outline_trace_lists_basket_only(shipped: dict) -> None:
    fig = _figure(shipped, outlined=["GM0363"])
    outline = [t for t in fig.data if t.name == "selectie"]
    assert len(outline) == 1 and list(outline[0].locations) == ["GM0363"]
    assert outline[0].hoverinfo == "skip"


def test_view_for_fits_a_province_box() -> None:
    center, zoom = mapview.view_for((3.3, 51.2, 4.3, 51.8))  # roughly Zeeland
    assert center == {"lon": 3.8, "lat": 51.5}
    # 1 degree of longitude in 900 px at 512-px tiles: log2(900 * 360 / 512) - 0.25 = 9.06.
    assert 8.5 < zoom < 9.5
    _, country = mapview.view_for((3.3, 50.7, 7.3, 53.6))
    assert country < zoom


def test_unvalidated_map_figure_is_a_valid_plotly_spec(shipped: dict) -> None:
    import plotly.graph_objects as go

    fig = _figure(shipped, outlined=["GM0363"])
    # The builder skips plotly.py's validation for speed; the same spec must pass it here.
    checked = go.Figure(fig.to_dict())
    assert [t.type for t in checked.data] == ["choroplethmap", "choroplethmap"]
    assert checked.layout.map.layers[0].type == "line"
    assert list(checked.data[1].locations) == ["GM0363"]

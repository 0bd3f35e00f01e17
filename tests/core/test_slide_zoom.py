"""Presentation maps zoomed to the selection or a province; city labels that do not overlap."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from core import bundle
from core.charts import static_map
from core.outputs import slide_model, slides


@pytest.fixture(scope="module")
def base() -> slide_model.Context:
    geo = bundle.load_table("gemeenten_geo")
    return slide_model.Context(
        tables={name: bundle.load_table(name) for name in bundle.TABLES},
        shapes=static_map.rings(geo),
        provinces=static_map.rings(bundle.load_table("provincies_geo"), key="province_code"),
        points=static_map.anchors(geo),
        made_on=dt.date(2026, 3, 18),
    )


def _labels(fig) -> list[str]:
    return [name for t in fig.data if t.name == "grote steden" for name in t.text]


@pytest.mark.parametrize("slide_id", ["shortage_map", "bivariate"])
def test_map_zoomed_to_a_province(base: slide_model.Context, slide_id: str) -> None:
    ctx = dataclasses.replace(base, zoom="Limburg")
    slide = slides.build(slide_id, ctx)
    x0, x1 = slide.figure.layout.xaxis.range
    y0, y1 = slide.figure.layout.yaxis.range
    # Limburg lies between about 5.5 and 6.3 °E and 50.7 and 51.8 °N; the box is widened to
    # the map's shape around it.
    assert x0 < 5.55 and x1 > 6.25 and (x0 + x1) / 2 == pytest.approx(5.9, abs=0.05)
    assert 50.6 < y0 < 50.7 and 51.83 < y1 < 51.95
    labels = _labels(slide.figure)
    assert "Maastricht" in labels and "Venlo" in labels
    assert "Amsterdam" not in labels
    if slide_id == "shortage_map":
        assert "Ingezoomd op de provincie Limburg" in slide.bullets


def test_map_zoomed_to_the_selection(base: slide_model.Context) -> None:
    g = base.tables["gemeenten"].set_index("name")
    codes = tuple(g.loc[["Groningen", "Assen", "Emmen"], "code"])
    ctx = dataclasses.replace(base, zoom=slide_model.ZOOM_SELECTION, basket=codes)
    fig = slides.build("shortage_map", ctx).figure
    x0, x1 = fig.layout.xaxis.range
    y0, y1 = fig.layout.yaxis.range
    # Around Groningen, Assen and Emmen (6.4-7.2 °E, 52.6-53.3 °N), widened to the map's shape.
    assert x0 < 6.45 and x1 > 7.15 and y0 < 52.65 and y1 > 53.3
    assert x1 - x0 < 2.5 and y1 - y0 < 1.5


def test_whole_country_without_zoom(base: slide_model.Context) -> None:
    fig = slides.build("shortage_map", base).figure
    assert fig.layout.xaxis.range is None


@pytest.mark.parametrize("zoom", ["", "Limburg", "Zuid-Holland", "Noord-Holland"])
def test_city_labels_do_not_overlap(base: slide_model.Context, zoom: str) -> None:
    ctx = dataclasses.replace(base, zoom=zoom)
    box = ctx.map_extent()
    labels = static_map.largest(base.tables["gemeenten"], base.points, n=8, box=box)
    assert len(labels) >= 5
    per_px = static_map._degrees_per_px(box)
    rows = labels.to_dict("records")
    for i, a in enumerate(rows):
        for b in rows[i + 1 :]:
            width = (len(a["name"]) + len(b["name"])) / 2 * static_map.LABEL_FONT * 0.6 * per_px
            height = static_map.LABEL_FONT * per_px
            apart = (
                abs(a["x"] - b["x"]) >= width
                or abs(a["y"] - b["y"]) * static_map.LAT_SCALE >= height
            )
            assert apart, f"{a['name']} and {b['name']} overlap on the {zoom or 'country'} map"


def test_profile_slide_for_every_chosen_gemeente(base: slide_model.Context) -> None:
    codes = tuple(base.tables["gemeenten"]["code"].head(6))
    ctx = dataclasses.replace(base, profiles=codes)
    assert [k for k in slides.options(ctx) if k.startswith("profile:")] == [
        f"profile:{c}" for c in codes
    ]

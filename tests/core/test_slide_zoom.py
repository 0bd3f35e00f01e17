"""Presentation maps of part of the country (a province, the basket): only that area is drawn
and framed, the texts speak of that area, the labels name the basket's gemeenten, and no
label collides with another or sticks out of the map."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import numpy as np
import pytest

from core.charts import map_labels, static_map
from core.outputs import slide_model, slides
from tests.core import slide_context


@pytest.fixture(scope="module")
def base() -> slide_model.Context:
    return slide_context.on_bundle(dt.date(2026, 3, 18))


def _codes(base: slide_model.Context, province: str) -> set[str]:
    g = base.tables["gemeenten"]
    return set(g.loc[g["province_name"] == province, "code"])


def _labels(fig) -> list[str]:
    return [name for t in fig.data if t.name == "plaatsnamen" for name in t.text]


def _drawn(fig, base: slide_model.Context) -> set[str]:
    """The names of the gemeenten the map draws (its hover layer has a point in each)."""
    hover = next(t for t in fig.data if t.name == "gemeenten")
    at = {(x, y): code for code, x, y in base.points[["code", "x", "y"]].itertuples(index=False)}
    names = base.tables["gemeenten"].set_index("code")["name"]
    return {names[at[(x, y)]] for x, y in zip(hover.x, hover.y, strict=True)}


def _fill_points(fig) -> np.ndarray:
    parts = [
        np.column_stack([t.x, t.y])
        for t in fig.data
        if t.fill == "toself" and t.x is not None and len(t.x)
    ]
    points = np.concatenate(parts).astype(float)
    return points[~np.isnan(points).any(axis=1)]


@pytest.mark.parametrize("slide_id", ["shortage_map", "bivariate"])
def test_a_province_map_draws_and_frames_only_that_province(
    base: slide_model.Context, slide_id: str
) -> None:
    ctx = dataclasses.replace(base, zoom="Limburg")
    slide = slides.build(slide_id, ctx)
    fig = slide.figure
    limburg = _codes(base, "Limburg")
    names = base.tables["gemeenten"].set_index("code")["name"]
    assert _drawn(fig, base) == {names[c] for c in limburg}  # no Brabant, no Gelderland
    # The frame is Limburg's own box (5.56-6.23 °E, 50.75-51.78 °N) with a small margin; its
    # drawn polygons reach every side of it.
    x0, x1 = fig.layout.xaxis.range
    y0, y1 = fig.layout.yaxis.range
    points = _fill_points(fig)
    assert points[:, 0].min() == pytest.approx(x0, abs=0.03 * (x1 - x0))
    assert points[:, 0].max() == pytest.approx(x1, abs=0.03 * (x1 - x0))
    assert points[:, 1].min() == pytest.approx(y0, abs=0.03 * (y1 - y0))
    assert points[:, 1].max() == pytest.approx(y1, abs=0.03 * (y1 - y0))
    assert 5.5 < x0 < 5.57 and 6.22 < x1 < 6.3 and 50.7 < y0 < 50.76 and 51.77 < y1 < 51.83
    # The picture for the slide has the frame's shape: tall and narrow like Limburg.
    width, height = slide.picture_size
    margin = fig.layout.margin
    plot_w, plot_h = width - margin.l - margin.r, height - margin.t - margin.b
    assert plot_w / plot_h == pytest.approx(map_labels.aspect((x0, y0, x1, y1)), rel=0.02)
    labels = _labels(fig)
    assert "Maastricht" in labels and "Venlo" in labels
    assert not set(labels) - {names[c] for c in limburg}


def test_a_province_map_speaks_of_the_province(base: slide_model.Context) -> None:
    ctx = dataclasses.replace(base, zoom="Limburg", map_indicators=("women_council_share_2022",))
    slide = slides.build("map:women_council_share_2022", ctx)
    values = base.tables["indicators"].set_index("code")["women_council_share_2022"]
    limburg = values[values.index.isin(_codes(base, "Limburg"))].dropna()
    names = base.tables["gemeenten"].set_index("code")["name"]
    bullets = " | ".join(slide.bullets)
    # The area's median beside the country's, each with its count.
    assert f"Mediaan in Limburg ({len(limburg)} gemeenten): " in bullets
    assert f"in Nederland ({values.notna().sum()} gemeenten)" in bullets
    area_median = f"{limburg.median():.1f}".replace(".", ",")
    assert f"gemeenten): {area_median}%" in bullets
    lowest_line = next(b for b in slide.bullets if b.startswith("Laagste waarden in Limburg"))
    named = [c for c in limburg.index if f"{names[c]} (" in lowest_line]
    assert len(named) == 3 and max(limburg[named]) <= limburg.sort_values().iloc[2]
    assert "Schiermonnikoog" not in bullets  # the national lowest are not Limburg's
    # The legend counts Limburg's gemeenten (classes of the whole country).
    counts = [
        int(re.search(r"\((\d+)\)$", t.name).group(1))
        for t in slide.figure.data
        if t.showlegend and t.mode == "markers" and re.search(r"\(\d+\)$", t.name or "")
    ]
    assert sum(counts) == len(_codes(base, "Limburg"))
    assert "klassen van heel Nederland" in slide.figure.layout.legend.title.text


def test_the_basket_s_gemeenten_are_labelled(base: slide_model.Context) -> None:
    g = base.tables["gemeenten"].set_index("name")
    chosen = ["Groningen", "Assen", "Emmen", "Midden-Groningen"]
    codes = tuple(g.loc[chosen, "code"])
    for zoom in (slide_model.ZOOM_SELECTION, ""):
        ctx = dataclasses.replace(base, zoom=zoom, basket=codes)
        labels = _labels(slides.build("shortage_map", ctx).figure)
        assert set(labels) <= set(chosen) and len(labels) >= 3, (zoom, labels)
    zoomed = slides.build("shortage_map", dataclasses.replace(base, zoom="selectie", basket=codes))
    assert _drawn(zoomed.figure, base) == set(chosen)
    # Without a basket, the largest places.
    assert "Amsterdam" in _labels(slides.build("shortage_map", base).figure)


def test_a_wide_area_gets_a_lower_picture(base: slide_model.Context) -> None:
    brabant = tuple(sorted(_codes(base, "Noord-Brabant")))
    ctx = dataclasses.replace(base, zoom=slide_model.ZOOM_SELECTION, basket=brabant)
    slide = slides.build("shortage_map", ctx)
    width, height = slide.picture_size
    assert width <= static_map.PICTURE_MAX_WIDTH and height < static_map.PICTURE_HEIGHT
    assert "Ingezoomd op uw selectie (56 gemeenten)" in slide.bullets


def test_whole_country_is_framed_too(base: slide_model.Context) -> None:
    fig = slides.build("shortage_map", base).figure
    x0, x1 = fig.layout.xaxis.range
    assert 3.2 < x0 < 3.4 and 7.2 < x1 < 7.35
    assert len(_drawn(fig, base)) == 342


@pytest.mark.parametrize("zoom", ["", "Limburg", "Zuid-Holland", "Noord-Holland", "Zeeland"])
def test_place_names_do_not_collide_or_stick_out(base: slide_model.Context, zoom: str) -> None:
    ctx = dataclasses.replace(base, zoom=zoom)
    box = ctx.map_extent()
    labels = ctx.cities()
    assert len(labels) >= 5
    per_px = map_labels.degrees_per_px(box)
    rows = labels.to_dict("records")
    for i, a in enumerate(rows):
        width, height = map_labels.label_size(a["name"], per_px)
        # Inside the frame, also when set beside its point.
        assert box[0] <= a["cx"] - width / 2 and a["cx"] + width / 2 <= box[2], a["name"]
        for b in rows[i + 1 :]:
            other_w, other_h = map_labels.label_size(b["name"], per_px)
            apart = (
                abs(a["cx"] - b["cx"]) >= (width + other_w) / 2
                or abs(a["y"] - b["y"]) * map_labels.LAT_SCALE >= (height + other_h) / 2
            )
            assert apart, f"{a['name']} and {b['name']} overlap on the {zoom or 'country'} map"


def test_without_a_basket_a_province_deck_lists_that_province(base: slide_model.Context) -> None:
    ctx = dataclasses.replace(base, zoom="Limburg")
    limburg = {
        name
        for code, name in base.tables["gemeenten"][["code", "name"]].itertuples(index=False)
        if code in _codes(base, "Limburg")
    }
    focus = slides.build("focus", ctx)
    assert set(focus.table["Gemeente"]) <= limburg and len(focus.table) == 10
    assert "in Limburg met de minste kandidaten per zetel" in focus.subtitle
    group = slides.build("groups", ctx)
    shown = {n.removesuffix(" ⚠") for n in group.figure.data[-1].y}
    assert shown <= limburg and "in Limburg" in group.subtitle

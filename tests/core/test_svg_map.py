"""The static SVG map: one path per gemeente, the classes' colours, outlines, valid XML, and
the same web Mercator projection (512-px tiles) as plotly's choroplethmap."""

from __future__ import annotations

import html.parser
import math
import re
import urllib.parse
import xml.etree.ElementTree as ET

import numpy as np
import pandas as pd
import pyproj
import pytest

from core import bundle, catalogue, classify, mapview, palettes
from core.charts import figures, svg_map

SVG_NS = "{http://www.w3.org/2000/svg}"
EARTH_RADIUS = 6378137.0  # EPSG:3857's sphere


@pytest.fixture(scope="module")
def geo() -> dict:
    return {name: bundle.load_table(name) for name in ("gemeenten_geo", "provincies_geo")}


def _spec(shipped: dict, geo: dict, *, outlined=None, muted_codes=None, center=None, zoom=None):
    frame = mapview.map_frame(
        shipped["indicators"],
        shipped["gemeenten"],
        shipped["indicator_notes"],
        catalogue.get("candidates_per_seat_2022"),
    )
    muted = None
    if muted_codes:
        muted = frame[frame["code"].isin(muted_codes)][["code", "hover"]]
        frame = frame[~frame["code"].isin(muted_codes)].copy()
    result = classify.classify(frame["value"], "quantiles", 5, reverse=True)
    frame["class"] = result.classes
    zmin, zmax = palettes.z_range(result)
    spec = figures.choropleth_spec(
        bundle.geojson(geo["gemeenten_geo"]),
        frame,
        colorscale=palettes.stepped_colorscale(result),
        zmin=zmin,
        zmax=zmax,
        outlined=outlined,
        muted=muted,
        center=center,
        zoom=zoom,
        height=620,
    )
    return spec, frame, result


def _picture(spec: dict, geo: dict, alt: str = "Kaart") -> str:
    center, zoom, _ = svg_map.view_of(spec)
    paths = svg_map.project_paths(geo["gemeenten_geo"], center, zoom)
    provinces = svg_map.project_paths(
        geo["provincies_geo"], center, zoom, key=geo["provincies_geo"].columns[0]
    )
    return svg_map.from_spec(spec, paths, provinces, alt=alt)


def _points(d: str) -> np.ndarray:
    """Absolute points of a path written as M x y l dx dy ... z (what _ring_path writes)."""
    out = []
    for ring in re.findall(r"M(-?\d+) (-?\d+)l([^z]*)z", d):
        x, y = int(ring[0]), int(ring[1])
        out.append((x, y))
        steps = [int(v) for v in re.findall(r"-?\d+", ring[2])]
        for dx, dy in zip(steps[::2], steps[1::2], strict=True):
            x, y = x + dx, y + dy
            out.append((x, y))
    return np.asarray(out)


def test_one_path_per_gemeente_valid_svg_and_escaped_alt(shipped: dict, geo: dict) -> None:
    spec, _, _ = _spec(shipped, geo)
    alt = 'Kaart van "kandidaten" <per> zetel & meer'
    picture = _picture(spec, geo, alt=alt)
    root = ET.fromstring(picture)  # raises on invalid XML (e.g. an unescaped & or <)
    assert root.tag == f"{SVG_NS}svg"
    assert root.get("aria-label") == alt
    assert root.get("role") == "img"
    codes = [p.get("data-code") for p in root.iter(f"{SVG_NS}path") if p.get("data-code")]
    assert len(codes) == len(set(codes)) == 342
    assert set(codes) == set(geo["gemeenten_geo"]["code"])
    assert all(p.get("d") for p in root.iter(f"{SVG_NS}path"))
    # Integer pixel coordinates keep the picture small (the platform note's prototype: ~60 kB).
    assert len(picture.encode()) < 80_000
    assert not re.search(r"\d\.\d", root.find(f".//{SVG_NS}path").get("d"))


def test_fills_are_the_classification_colours(shipped: dict, geo: dict) -> None:
    spec, frame, result = _spec(shipped, geo)
    root = ET.fromstring(_picture(spec, geo))
    fill = {p.get("data-code"): p.get("fill") for p in root.iter(f"{SVG_NS}path")}
    classes = dict(zip(frame["code"], frame["class"], strict=True))
    assert -1 in classes.values() and len(set(classes.values())) == 6
    for code, cls in classes.items():
        expected = result.missing_color if cls < 0 else result.colors[cls]
        assert fill[code] == expected, (code, cls)
    # Fewest candidates per seat is worst: class 0, darkest red of the reversed YlOrRd palette.
    assert fill[frame.loc[frame["value"].idxmin(), "code"]] == result.colors[0] == "#bd0026"


def test_basket_outline_and_muted_gemeenten(shipped: dict, geo: dict) -> None:
    spec, _, _ = _spec(shipped, geo, outlined=["GM0363", "GM0599"], muted_codes=["GM0014"])
    root = ET.fromstring(_picture(spec, geo))
    outline = root.find(f".//{SVG_NS}path[@class='outlined']")
    assert outline is not None
    assert outline.get("stroke") == figures.BASKET_LINE and outline.get("fill") == "none"
    assert float(outline.get("stroke-width")) == svg_map.OUTLINE_WIDTH
    by_code = {p.get("data-code"): p for p in root.iter(f"{SVG_NS}path") if p.get("data-code")}
    assert outline.get("d") == by_code["GM0363"].get("d") + by_code["GM0599"].get("d")
    assert by_code["GM0014"].get("fill") == figures.MUTED_FILL
    # Drawn last, so the outline lies over every fill.
    assert list(root)[-1] is outline
    assert (
        ET.fromstring(_picture(_spec(shipped, geo)[0], geo)).find(
            f".//{SVG_NS}path[@class='outlined']"
        )
        is None
    )


def _reference_px(lon: float, lat: float, center: dict, zoom: float) -> tuple[float, float]:
    """Independent reference: pyproj's EPSG:3857 metres scaled to maplibre's 512-px world."""
    to_3857 = pyproj.Transformer.from_crs("EPSG:4326", "EPSG:3857", always_xy=True)
    mx, my = to_3857.transform(lon, lat)
    cx, cy = to_3857.transform(center["lon"], center["lat"])
    px_per_m = 512 * 2**zoom / (2 * math.pi * EARTH_RADIUS)
    return (mx - cx) * px_per_m, -(my - cy) * px_per_m


@pytest.mark.parametrize("view", ["national", "filtered"])
def test_projection_matches_the_interactive_map_within_2_px(
    shipped: dict, geo: dict, view: str
) -> None:
    g = geo["gemeenten_geo"]
    center = zoom = None
    if view == "filtered":  # the explorer's view for a province filter (mapview.view_for)
        zeeland = shipped["gemeenten"].query("province_name == 'Zeeland'")["code"]
        center, zoom = mapview.view_for(tuple(g[g["code"].isin(zeeland)].total_bounds))
    spec, _, _ = _spec(shipped, geo, center=center, zoom=zoom)
    center, zoom, height = svg_map.view_of(spec)
    assert (center, zoom) == (spec["layout"]["map"]["center"], spec["layout"]["map"]["zoom"])
    root = ET.fromstring(_picture(spec, geo))
    # The picture's centre (0, 0) is the middle of the map box, as in maplibre.
    x0, y0, width, box_height = (float(v) for v in root.get("viewBox").split())
    assert (x0 + width / 2, y0 + box_height / 2) == (0, 0) and box_height == height
    by_code = {p.get("data-code"): p.get("d") for p in root.iter(f"{SVG_NS}path")}
    for code in ("GM0363", "GM1676"):  # Amsterdam, Noord-Beveland
        shape = g.loc[g["code"] == code, "geometry"].iloc[0]
        centroid = shape.centroid
        expected = _reference_px(centroid.x, centroid.y, center, zoom)
        got = svg_map.project(centroid.x, centroid.y, center, zoom)
        assert math.dist(expected, (float(got[0]), float(got[1]))) <= 2
        # And the path itself sits there: its box centre vs the projected lon/lat box centre.
        points = _points(by_code[code])
        minx, miny, maxx, maxy = shape.bounds
        left, top = _reference_px(minx, maxy, center, zoom)
        right, bottom = _reference_px(maxx, miny, center, zoom)
        box = (
            (points[:, 0].min() + points[:, 0].max()) / 2,
            (points[:, 1].min() + points[:, 1].max()) / 2,
        )
        assert math.dist(box, ((left + right) / 2, (top + bottom) / 2)) <= 2, code


def test_maplibre_world_pixels() -> None:
    # maplibre: at zoom 0 the world is one 512-px tile, (0, 0) in its middle.
    x, y = svg_map.world_px(np.array([0.0, -180.0, 180.0]), np.array([0.0, 0.0, 0.0]), 0)
    assert list(x) == [256, 0, 512] and list(y) == [256, 256, 256]
    x, y = svg_map.world_px(np.array([0.0]), np.array([85.051129]), 3)
    assert abs(y[0]) < 1e-3


def test_colour_at_reads_plotly_stepped_scale() -> None:
    result = classify.classify(pd.Series([1.0, 2, 3, 4, 5, None]), "quantiles", 5)
    scale = palettes.stepped_colorscale(result)
    zmin, zmax = palettes.z_range(result)
    assert svg_map.colour_at(scale, zmin, zmax, -1) == result.missing_color
    assert [svg_map.colour_at(scale, zmin, zmax, i) for i in range(5)] == result.colors


def _from_img(tag: str) -> str:
    """The SVG inside an `as_img` tag."""
    start = tag.index('src="data:image/svg+xml,') + len('src="data:image/svg+xml,')
    return urllib.parse.unquote(tag[start : tag.index('"', start)])


def test_image_tag_carries_the_same_svg_alt_and_state(shipped: dict, geo: dict) -> None:
    """The page shows the picture as an <img> whose data URI is the SVG itself: decoded, it is
    byte for byte the SVG, and the tag carries the alt text (escaped), state and map height."""
    spec, _, _ = _spec(shipped, geo)
    alt = 'Kaart van "kandidaten" <per> zetel & meer # 100%'
    picture = _picture(spec, geo, alt=alt)
    tag = svg_map.as_img(picture, alt=alt, state="abc123", height=620)
    assert _from_img(tag) == picture
    tags: list[tuple[str, dict]] = []

    class Tags(html.parser.HTMLParser):
        def handle_starttag(self, name: str, attrs: list) -> None:
            tags.append((name, dict(attrs)))

    Tags().feed(tag)  # as the browser parses it: one <img>, nothing else
    assert [name for name, _ in tags] == ["img"]
    element = tags[0][1]
    assert element.get("class") == svg_map.CSS_CLASS
    assert element.get("alt") == alt
    assert element.get("data-state") == "abc123"
    assert element.get("height") == "620"
    src = element.get("src")
    assert src.startswith("data:image/svg+xml,<svg")
    # Nothing in the URI ends it early: no raw #, % only as an escape, no quote.
    assert "#" not in src and '"' not in src
    assert re.fullmatch(r"(?:[^%]|%[0-9A-F]{2})*", src)
    assert _from_img(tag).count("<path data-code=") == 342
    # What the image decoder gets after the page's HTML parser: the SVG, still valid XML, with
    # the alt text intact (a name with & or quotes must not break the picture).
    decoded = urllib.parse.unquote(src.removeprefix("data:image/svg+xml,"))
    assert decoded == picture
    assert ET.fromstring(decoded).get("aria-label") == alt


def test_state_tag_changes_with_what_the_picture_shows_and_only_then(
    shipped: dict, geo: dict
) -> None:
    """The picture's state tag is computed from what it draws, without drawing it: equal for
    the same map, different when a colour, an outline, the filter, the view or the alt text
    changes (the page uses it to know when plotly shows the picture's state, and the server
    keeps published pictures by it)."""
    spec, _, _ = _spec(shipped, geo)

    def tag(s: dict, alt: str = "Kaart") -> str:
        return svg_map.state_of(s, svg_map.layers(s), alt)

    base = tag(spec)
    assert tag(_spec(shipped, geo)[0]) == base
    assert tag(spec, alt="Kaart van iets anders") != base
    assert tag(_spec(shipped, geo, outlined=["GM0363"])[0]) != base
    assert tag(_spec(shipped, geo, muted_codes=["GM0363"])[0]) != base
    assert tag(_spec(shipped, geo, zoom=8.0)[0]) != base
    recoloured = _spec(shipped, geo)[0]
    trace = recoloured["data"][0]
    trace["z"] = [0 if z == 4 else z for z in trace["z"]]
    assert tag(recoloured) != base
    # The layers are exactly what the picture is drawn from.
    assert svg_map.from_spec(spec, *_projected(spec, geo), alt="Kaart") == svg_map.from_spec(
        spec, *_projected(spec, geo), alt="Kaart", drawn=svg_map.layers(spec)
    )


def _projected(spec: dict, geo: dict) -> tuple[dict, dict]:
    center, zoom, _ = svg_map.view_of(spec)
    return (
        svg_map.project_paths(geo["gemeenten_geo"], center, zoom),
        svg_map.project_paths(
            geo["provincies_geo"], center, zoom, key=geo["provincies_geo"].columns[0]
        ),
    )

"""The choropleth as an inline SVG, pixel for pixel where the interactive map will draw it.

The page shows this picture in the map's place while the browser still fetches and evaluates
plotly.js (4.7 MB); the plotly map then paints over the same pixels. For that the projection is
the one maplibre uses for plotly's `choroplethmap`: web Mercator with 512-px tiles, so at zoom
`z` the world is 512 * 2**z pixels wide, and the figure's `center` sits in the middle of the
map box. Coordinates are whole pixels relative to that centre (the map is never scaled: a
wider box shows more of the world, as the interactive map does), which keeps the SVG near 60 kB.

Projection and styling are split so a caller can project once per view (`project_paths`) and
only recolour per map state (`svg`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence

import numpy as np
import pandas as pd
import shapely

from core import safe

TILE_SIZE = 512  # maplibre's world size at zoom 0, in px
MAX_LAT = 85.051129  # web Mercator's latitude limit (maplibre clamps to it)
VIEW_WIDTH = 2400  # px of the viewBox: wider than any map box, so the picture is never scaled
BORDER_COLOR = "#ffffff"
BORDER_WIDTH = 0.4
PROVINCE_WIDTH = 1.3
OUTLINE_WIDTH = 2.5
CSS_CLASS = "rr-early-map"


def world_px(lon: np.ndarray, lat: np.ndarray, zoom: float) -> tuple[np.ndarray, np.ndarray]:
    """Web Mercator pixel coordinates of lon/lat in a world of 512 * 2**zoom pixels."""
    size = TILE_SIZE * 2.0**zoom
    lat = np.clip(np.asarray(lat, dtype="float64"), -MAX_LAT, MAX_LAT)
    x = (np.asarray(lon, dtype="float64") + 180.0) / 360.0 * size
    y = (1.0 - np.log(np.tan(np.pi / 4 + np.radians(lat) / 2)) / np.pi) / 2.0 * size
    return x, y


def project(
    lon: np.ndarray | float, lat: np.ndarray | float, center: Mapping[str, float], zoom: float
) -> tuple[np.ndarray, np.ndarray]:
    """Pixels relative to the map's centre (x right, y down), as maplibre places lon/lat."""
    x, y = world_px(np.asarray(lon), np.asarray(lat), zoom)
    cx, cy = world_px(np.asarray(center["lon"]), np.asarray(center["lat"]), zoom)
    return x - cx, y - cy


def _ring_path(coords: np.ndarray, center: Mapping[str, float], zoom: float) -> str:
    """One closed ring as compact relative path commands on whole pixels ('' when it vanishes)."""
    x, y = project(coords[:, 0], coords[:, 1], center, zoom)
    points = np.column_stack([np.rint(x), np.rint(y)]).astype("int64")
    keep = np.ones(len(points), dtype=bool)
    keep[1:] = np.any(points[1:] != points[:-1], axis=1)
    points = points[keep]
    if len(points) > 1 and (points[0] == points[-1]).all():
        points = points[:-1]
    if len(points) < 3:
        return ""
    steps = np.diff(points, axis=0)
    moves = " ".join(f"{dx} {dy}" for dx, dy in steps).replace(" -", "-")
    return f"M{points[0][0]} {points[0][1]}l{moves}z"


def _geometry_path(geometry: object, center: Mapping[str, float], zoom: float) -> str:
    parts = []
    for polygon in getattr(geometry, "geoms", [geometry]):
        for ring in (polygon.exterior, *polygon.interiors):
            parts.append(_ring_path(np.asarray(ring.coords)[:, :2], center, zoom))
    path = "".join(parts)
    if not path:
        # Smaller than a pixel at this zoom: still one (dot-sized) path, so no gemeente is lost.
        point = shapely.point_on_surface(geometry)
        x, y = project(point.x, point.y, center, zoom)
        path = f"M{int(np.rint(x))} {int(np.rint(y))}h1v1h-1z"
    return path


def project_paths(
    geo: pd.DataFrame, center: Mapping[str, float], zoom: float, key: str = "code"
) -> dict[str, str]:
    """Per area id: its SVG path data in pixels around the map centre (holes evenodd-safe)."""
    return {
        str(area): _geometry_path(geometry, center, zoom)
        for area, geometry in zip(geo[key], geo.geometry, strict=True)
    }


def colour_at(colorscale: Sequence[Sequence], zmin: float, zmax: float, z: float) -> str:
    """The colour plotly gives `z` on a stepped colour scale (flat steps, as palettes builds them)."""
    t = 0.0 if zmax == zmin else min(max((float(z) - zmin) / (zmax - zmin), 0.0), 1.0)
    colour = colorscale[0][1]
    for position, step_colour in colorscale:
        if position <= t:
            colour = step_colour
        else:
            break
    return str(colour)


def trace_fills(trace: Mapping) -> dict[str, str]:
    """Fill colour per location of one choroplethmap trace of a figure spec."""
    scale, z = trace["colorscale"], trace["z"]
    zmin = trace.get("zmin", min(z) if len(z) else 0)
    zmax = trace.get("zmax", max(z) if len(z) else 1)
    return {
        str(code): colour_at(scale, zmin, zmax, value)
        for code, value in zip(trace["locations"], z, strict=True)
    }


def svg(
    paths: Mapping[str, str],
    fills: Mapping[str, str],
    *,
    height: int,
    alt: str,
    muted: Iterable[str] = (),
    muted_color: str = "#f2f2f2",
    outlined: Iterable[str] = (),
    outline_color: str = "#000000",
    province_paths: Mapping[str, str] | None = None,
    province_color: str = "#2b2b2b",
    state: str = "",
) -> str:
    """The map as one `<svg>`: a path per gemeente (filled, or muted grey outside the filter),
    province lines and the outlines of `outlined` codes on top; `alt` is its accessible name.

    Drawn in the same order as the interactive map: muted under the classes, provinces and the
    basket's outlines over them. `state` is written to `data-state` so the page can tell which
    map state the picture shows.
    """
    half = VIEW_WIDTH // 2
    top = height // 2
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="{CSS_CLASS}" role="img" '
        f'aria-label="{safe.html(alt)}" data-state="{safe.html(state)}" '
        f'viewBox="{-half} {-top} {VIEW_WIDTH} {height}" preserveAspectRatio="xMidYMid slice" '
        f'width="100%" height="{height}" style="display:block;background:#fff">',
        f'<g stroke="{BORDER_COLOR}" stroke-width="{BORDER_WIDTH}" stroke-linejoin="round" '
        'fill-rule="evenodd">',
    ]
    muted = [str(c) for c in muted if str(c) in paths]
    for code in muted:
        out.append(f'<path data-code="{safe.html(code)}" fill="{muted_color}" d="{paths[code]}"/>')
    for code, color in fills.items():
        if code in paths:
            out.append(
                f'<path data-code="{safe.html(code)}" fill="{safe.html(color)}" d="{paths[code]}"/>'
            )
    out.append("</g>")
    if province_paths:
        out.append(
            f'<path class="provinces" fill="none" stroke="{province_color}" '
            f'stroke-width="{PROVINCE_WIDTH}" stroke-linejoin="round" '
            f'd="{"".join(province_paths.values())}"/>'
        )
    outlined = [str(c) for c in outlined if str(c) in paths]
    if outlined:
        out.append(
            f'<path class="outlined" fill="none" stroke="{outline_color}" '
            f'stroke-width="{OUTLINE_WIDTH}" stroke-linejoin="round" '
            f'd="{"".join(paths[c] for c in outlined)}"/>'
        )
    out.append("</svg>")
    return "".join(out)


def view_of(spec: Mapping) -> tuple[dict[str, float], float, int]:
    """Centre, zoom and height of a core.charts.figures.choropleth_spec: what the SVG must match."""
    layout = spec["layout"]
    return dict(layout["map"]["center"]), float(layout["map"]["zoom"]), int(layout["height"])


def layers(spec: Mapping) -> dict:
    """What the picture of a core.charts.figures.choropleth_spec shows, read from the spec
    itself: its muted trace ("buiten filter"), the classified trace (colours from its z and
    colour scale), the basket's outlines ("selectie") and the height: `svg`'s arguments."""
    out: dict = {
        "fills": {},
        "muted": [],
        "muted_color": "#f2f2f2",
        "outlined": [],
        "outline_color": "#000000",
        "height": view_of(spec)[2],
    }
    for trace in spec["data"]:
        if trace.get("name") == "buiten filter":
            out["muted"] = [str(c) for c in trace["locations"]]
            out["muted_color"] = trace["colorscale"][0][1]
        elif trace.get("name") == "selectie":
            out["outlined"] = [str(c) for c in trace["locations"]]
            out["outline_color"] = trace["marker"]["line"]["color"]
        else:
            out["fills"].update(trace_fills(trace))
    return out


def state_of(spec: Mapping, drawn: Mapping, alt: str) -> str:
    """A short tag of exactly what the picture of `spec` shows (its `layers`, the view and the
    alt text): equal tags, equal pictures, without drawing the picture to find out."""
    center, zoom, _ = view_of(spec)
    key = repr((sorted(drawn.items()), sorted(center.items()), zoom, alt))
    return hashlib.blake2b(key.encode(), digest_size=6).hexdigest()


def from_spec(
    spec: Mapping,
    paths: Mapping[str, str],
    province_paths: Mapping[str, str] | None,
    *,
    alt: str,
    province_color: str = "#2b2b2b",
    drawn: Mapping | None = None,
) -> str:
    """The picture of a core.charts.figures.choropleth_spec (`drawn`: its `layers`, when the
    caller has them already). `paths` must be projected for `view_of(spec)`."""
    return svg(
        paths,
        **(drawn if drawn is not None else layers(spec)),
        alt=alt,
        province_paths=province_paths,
        province_color=province_color,
    )


def as_img(
    picture: str,
    *,
    alt: str,
    state: str,
    height: int,
    zoom: float | None = None,
    fit: Sequence[float] | None = None,
    center: Mapping[str, float] | None = None,
) -> str:
    """The picture as an `<img>` whose source is the SVG itself (a data URI, no extra request).

    One tag for the page to insert, where an inline SVG of 342 paths becomes 342 page elements
    built by the page's own code, competing with plotly.js for the CPU; the browser decodes
    the image itself. It fills the map box's width at the map's height; the SVG's `slice`
    keeps it unscaled and centred, like the interactive map. With `fit` (west, south, east,
    north) and the view's `zoom` the page scales it down where the box is too narrow for that
    area (a phone), exactly as it zooms the interactive map out (early_map.SWAP_JS).
    """
    uri = safe.svg_data_uri(picture)
    fitting = (
        f' data-zoom="{float(zoom):.4f}" data-center="{center["lat"]:.5f},{center["lon"]:.5f}"'
        f' data-fit="{",".join(f"{float(v):.4f}" for v in fit)}"'
        if fit is not None and zoom is not None and center is not None
        else ""
    )
    return (
        f'<img class="{CSS_CLASS}" alt="{safe.html(alt)}" data-state="{safe.html(state)}"'
        f'{fitting} width="100%" height="{int(height)}" '
        f'style="display:block;width:100%;height:{int(height)}px" src="{uri}">'
    )

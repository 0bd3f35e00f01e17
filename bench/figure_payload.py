"""The JSON size of the map figure that page kaart builds, in Python (no server, no browser).

Rebuilt from `core` only: the GeoJSON the way `components/cache.py` `_geojson` makes it from the
bundle tables `gemeenten_geo` and `provincies_geo`, the frame and classes the way
`components/kaart/controls.py` makes them for the default view (no filter, empty basket, quantiles,
5 classes), and `core.charts.figures.choropleth`. Serialised with `plotly.io.to_json(fig,
validate=False)`, as `st.plotly_chart` does. If those components change, update this too.
"""

from __future__ import annotations

import json

import plotly.io as pio
from plotly.io.json import to_json_plotly

from core import bundle, catalogue, classify, mapview, palettes
from core.charts import figures

KB = 1000


def geojson(name: str) -> dict:
    """The GeoJSON the app sends (components.cache uses the same core.bundle.geojson)."""
    return bundle.geojson(bundle.load_table(name))


def kaart_figure(indicator_id: str, gemeenten: dict, provinces: dict) -> object:
    """The default single-indicator map of page kaart."""
    tables = {name: bundle.load_table(name) for name in ("indicators", "gemeenten")}
    notes = bundle.load_table("indicator_notes")
    item = catalogue.get(indicator_id)
    frame = mapview.map_frame(tables["indicators"], tables["gemeenten"], notes, item)
    result = classify.for_indicator(frame["value"], item)
    frame["class"] = result.classes
    zmin, zmax = palettes.z_range(result)
    return figures.choropleth(
        gemeenten,
        frame,
        colorscale=palettes.stepped_colorscale(result),
        zmin=zmin,
        zmax=zmax,
        provinces=provinces,
        outlined=[],
        dragmode="select",
        uirevision="None|None",
    )


def _positions(geometry: dict) -> int:
    def count(node: list) -> int:
        if node and isinstance(node[0], (int, float)):
            return 1
        return sum(count(child) for child in node)

    return count(geometry["coordinates"])


def _decimals(data: dict) -> int:
    """Largest number of decimals in the coordinates (how finely they are rounded)."""
    text = json.dumps([f["geometry"]["coordinates"] for f in data["features"]])
    best = 0
    for token in text.replace("[", " ").replace("]", " ").replace(",", " ").split():
        if "." in token:
            best = max(best, len(token.split(".")[1]))
    return best


def measure(indicator_id: str = catalogue.HEADLINE_SHORTAGE) -> dict:
    """Total figure JSON size and its largest parts, in bytes as serialised for the wire.

    plotly's JSON escapes `<`, `>` and `/` as `\\u003c` etc., so HTML in hover texts costs
    about six bytes per tag character.
    """
    gemeenten = geojson("gemeenten_geo")
    provinces = geojson("provincies_geo")
    fig = kaart_figure(indicator_id, gemeenten, provinces)
    total = len(pio.to_json(fig, validate=False).encode())
    spec = fig.to_plotly_json()
    trace = spec["data"][0]
    parts = {
        "gemeenten_geojson_bytes": _size(trace["geojson"]),
        "provinces_geojson_bytes": _size(spec["layout"]["map"]["layers"][0]["source"]),
        "hover_text_bytes": _size(trace["customdata"]),
        "template_bytes": _size(spec["layout"].get("template", {})),
        "locations_bytes": _size(trace["locations"]),
    }
    return {
        "indicator": indicator_id,
        "figure_bytes": total,
        **parts,
        "rest_bytes": total - sum(parts.values()),
        "gemeenten_features": len(gemeenten["features"]),
        "gemeenten_positions": sum(_positions(f["geometry"]) for f in gemeenten["features"]),
        "provinces_positions": sum(_positions(f["geometry"]) for f in provinces["features"]),
        "coordinate_decimals": _decimals(gemeenten),
        "traces": len(fig.data),
    }


def _size(value: object) -> int:
    return len(to_json_plotly(value).encode())


if __name__ == "__main__":
    print(json.dumps(measure(), indent=2))

"""Map rendering: classified choropleth with legend, alt text and an equivalent table."""

from __future__ import annotations

import functools

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from components import cache, early_map, imported
from core import catalogue, classify, indicator_meta, mapview, palettes, paths, safe
from core.charts import figures

GEO_TABLES = ("gemeenten_geo", "provincies_geo")
IMPORT_MISSING = "Geen waarde voor deze gemeente in het geïmporteerde bestand."


def extra() -> dict[str, indicator_meta.Indicator]:
    """This session's imported indicators (catalogue entries), empty when none."""
    return imported.imported_catalogue() or {}


def tables() -> dict[str, pd.DataFrame]:
    """The bundle tables a map needs, with this session's imported columns merged in."""
    out = {name: cache.table(name) for name in ("indicators", "gemeenten", "indicator_notes")}
    values = imported.imported_values()
    if values is not None and len(values.columns) > 1:
        merged = out["indicators"].merge(values, on="code", how="left")
        added = [c for c in values.columns if c != "code"]
        missing = merged.melt(id_vars="code", value_vars=added, var_name="indicator_id")
        missing = (
            missing[missing["value"].isna()].drop(columns="value").assign(reason=IMPORT_MISSING)
        )
        out["indicators"] = merged
        out["indicator_notes"] = pd.concat([out["indicator_notes"], missing], ignore_index=True)
    return out


def map_frame(item: indicator_meta.Indicator) -> pd.DataFrame:
    """mapview.map_frame of one indicator (a copy the caller may change).

    A published indicator's frame is the same for every session, so it is built once per
    server (~40 ms of CPU on each map change otherwise); an imported one belongs to this
    session only and is never put in the shared cache."""
    if item.id in catalogue.INDICATORS:
        # Shallow: pandas copies on write, so the caller's changes never reach the shared frame.
        return _published_map_frame(item.id, str(paths.bundle_dir())).copy(deep=False)
    t = tables()
    return mapview.map_frame(t["indicators"], t["gemeenten"], t["indicator_notes"], item)


@st.cache_resource(show_spinner=False, max_entries=128)
def _published_map_frame(indicator_id: str, folder: str) -> pd.DataFrame:
    names = ("indicators", "gemeenten", "indicator_notes")
    t = {name: cache.table(name) for name in names}
    return mapview.map_frame(
        t["indicators"],
        t["gemeenten"],
        t["indicator_notes"],
        catalogue.INDICATORS[indicator_id],
    )


def classified_frame(
    item: indicator_meta.Indicator, scheme: str = "quantiles", k: int = 5
) -> tuple[pd.DataFrame, object]:
    """Map frame for one indicator plus its classification (direction-aware palette)."""
    frame = map_frame(item)
    result = classify.for_indicator(frame["value"], item, scheme, k)
    frame["class"] = result.classes
    return frame, result


class ChartSpec(go.Figure):
    """A finished figure spec (plain dicts) for st.plotly_chart, without plotly.py's copies.

    st.plotly_chart turns a go.Figure into a dict with to_dict(), a deep copy, and building the
    go.Figure was another: together ~85 ms of server time per map on the 2-core test machine
    (bench/), for a figure that is rebuilt on every rerun. Only st.plotly_chart sees this object;
    it gets the spec itself plus the default template, so the chart is the same. Do not read
    .data or .layout from it (they are empty); use core.charts.figures.choropleth for a real go.Figure.
    """

    def __init__(self, spec: dict) -> None:
        super().__init__()
        layout = dict(spec.get("layout", {}))
        layout.setdefault("template", _default_template())
        # The bundle's shared GeoJSON (most of the spec) goes out serialised once per server.
        fragments = {id(shared): done for shared, done in map(cache.geojson_json, GEO_TABLES)}
        data = [
            {**trace, "geojson": fragments[id(trace["geojson"])]}
            if id(trace.get("geojson")) in fragments
            else trace
            for trace in spec["data"]
        ]
        if "map" in layout and layout["map"].get("layers"):
            layers = [
                {**layer, "source": fragments[id(layer["source"])]}
                if id(layer.get("source")) in fragments
                else layer
                for layer in layout["map"]["layers"]
            ]
            layout["map"] = {**layout["map"], "layers": layers}
        self._spec = {"data": data, "layout": layout}

    def to_dict(self) -> dict:
        return self._spec

    def to_plotly_json(self) -> dict:
        return self._spec


@functools.cache
def _default_template() -> dict:
    return go.Figure().to_dict()["layout"]["template"]


def area_bounds(codes: list[str] | None = None) -> tuple[float, float, float, float]:
    """West, south, east and north of these gemeenten (all when None): what a map must show."""
    return _area_bounds(",".join(sorted(codes)) if codes else "", str(paths.bundle_dir()))


@st.cache_data(show_spinner=False, max_entries=64)
def _area_bounds(codes: str, folder: str) -> tuple[float, float, float, float]:
    # Codes as one string: Streamlit hashes a tuple of 342 strings ~20x slower.
    geo = cache.table("gemeenten_geo")
    shown = geo[geo["code"].isin(codes.split(","))] if codes else geo
    return tuple(float(v) for v in shown.total_bounds)


def classified_spec(frame: pd.DataFrame, result: object, **kwargs: object) -> dict:
    """The gemeente choropleth's figure spec for a classification: the bundle's GeoJSON,
    province lines and the stepped colour scale filled in; `kwargs` go to
    core.charts.figures.choropleth_spec."""
    zmin, zmax = palettes.z_range(result)
    return figures.choropleth_spec(
        cache.geojson(),
        frame,
        colorscale=palettes.stepped_colorscale(result),
        zmin=zmin,
        zmax=zmax,
        provinces=cache.geojson("provincies_geo"),
        **kwargs,
    )


def classified_choropleth(frame: pd.DataFrame, result: object, **kwargs: object) -> ChartSpec:
    """classified_spec as a chart for st.plotly_chart."""
    return chart(classified_spec(frame, result, **kwargs))


def chart(spec: dict) -> ChartSpec:
    """Wrap a core.charts.figures spec for st.plotly_chart."""
    return ChartSpec(spec)


def render_legend(result: object, item: indicator_meta.Indicator) -> None:
    """Legend as text rows: colour swatch, class bounds and count (colour is never alone)."""
    rows = classify.legend_rows(result)
    # Markdown with inline HTML (the swatches): labels and units are escaped as markdown text.
    unit = f" ({safe.markdown(item.unit)})" if item.unit.strip() else ""
    lines = [f"**{safe.markdown(item.label)}**{unit}"]
    for row in rows:
        lines.append(
            f'<span style="display:inline-block;width:1.1em;height:1.1em;background:{row["color"]};'
            f'border:1px solid #555;vertical-align:middle;margin-right:.4em" aria-hidden="true"></span>'
            f"{row['label']}"
        )
    st.markdown("<br>".join(lines), unsafe_allow_html=True)


def alt_text(frame: pd.DataFrame, item: indicator_meta.Indicator) -> str:
    """The map's text summary (alt text and on-screen summary) of a map_frame or rows of it.

    For a published indicator it depends only on which gemeenten are shown, so it is computed
    once per server (like map_frame)."""
    if item.id in catalogue.INDICATORS:
        codes = ",".join(frame["code"])
        return _published_alt_text(item.id, codes, str(paths.bundle_dir()))
    return mapview.summary(frame, item)


@st.cache_data(show_spinner=False, max_entries=256)
def _published_alt_text(indicator_id: str, codes: str, folder: str) -> str:
    # codes as one string: Streamlit's cache hashes a tuple of 342 strings ~20x slower.
    full = _published_map_frame(indicator_id, folder)
    shown = full[full["code"].isin(codes.split(","))]
    return mapview.summary(shown, catalogue.INDICATORS[indicator_id])


def render_map(
    indicator_id: str,
    key: str,
    *,
    height: int = 620,
    outlined: list[str] | None = None,
    scheme: str = "quantiles",
    k: int = 5,
    columns: tuple[object, object] | None = None,
    **chart_kwargs: object,
) -> object:
    """Draw the classified map of one indicator with its legend and source line; return the event.

    The map's place is the container `<key>_view` (early_map): the chart with the static picture
    laid over it, then legend and captions. `columns` (map, side) are where map and legend go
    (default: new 4:1 columns), so a caller can put its own controls beside the map first.
    """
    item = catalogue.get(indicator_id, extra())
    frame, result = classified_frame(item, scheme, k)
    spec = classified_spec(frame, result, outlined=outlined, height=height, fit=area_bounds())
    alt = alt_text(frame, item)
    map_col, legend_col = columns or st.columns([4, 1])

    def draw(drawn_spec: dict) -> object:
        return st.plotly_chart(
            chart(drawn_spec),
            key=key,
            width="stretch",
            config={"scrollZoom": True, "displaylogo": False},
            alt=alt,
            **chart_kwargs,
        )

    with map_col:
        event = early_map.render(
            spec,
            view_key=f"{key}_view",
            alt=alt,
            draw_chart=draw,
            shared=item.id in catalogue.INDICATORS,
        )
    with legend_col:
        render_legend(result, item)
        if getattr(result, "note", None):
            st.caption(result.note)
    st.caption(safe.markdown(alt))
    st.caption(safe.markdown(catalogue.footnote(item) + " " + item.definition))
    return event, frame


def render_area_filters(
    province_col: object,
    size_col: object,
    *,
    province_key: str,
    size_key: str,
    caption_labels: bool = False,
) -> tuple[str | None, str | None]:
    """Province and inhabitant-band selectboxes in two given columns; None means all.

    With `caption_labels` the labels are captions above the boxes (see kaart.controls.render_top)."""
    gemeenten = cache.table("gemeenten")
    shown = "collapsed" if caption_labels else "visible"
    if caption_labels:
        province_col.caption("Provincie")
    province = province_col.selectbox(
        "Provincie",
        [None, *sorted(gemeenten["province_name"].unique())],
        key=province_key,
        format_func=lambda p: "Heel Nederland" if p is None else p,
        label_visibility=shown,
    )
    if caption_labels:
        size_col.caption("Aantal inwoners")
    size = size_col.selectbox(
        "Aantal inwoners",
        [None, *mapview.SIZE_CLASSES],
        key=size_key,
        format_func=lambda s: "Alle gemeenten" if s is None else s,
        label_visibility=shown,
    )
    return province, size


def bivariate_legend_html(colors: list[str], axes: dict, missing: str) -> str:
    """A 3 × 3 legend grid; worse is up and to the right; counts in the cells (not colour alone)."""
    rows = []
    for y in (2, 1, 0):
        cells = "".join(
            f'<td style="background:{colors[3 * y + x]};width:2.6em;height:2.2em;text-align:center;'
            f'border:1px solid #fff">{axes["counts"][y][x]}</td>'
            for x in range(3)
        )
        rows.append(
            f'<tr><th scope="row" style="font-weight:normal;font-size:.8em;text-align:right;'
            f'padding-right:.3em">{safe.html(axes["y_ranges"][y])}</th>{cells}</tr>'
        )
    x_heads = "".join(
        f'<th style="font-weight:normal;font-size:.75em">{safe.html(r)}</th>'
        for r in axes["x_ranges"]
    )
    return (
        f'<div style="font-size:.85em"><b>↑ {safe.html(axes["y_label"])}</b> (slechter naar boven)</div>'
        f'<table style="border-collapse:collapse">{"".join(rows)}<tr><td></td>{x_heads}</tr></table>'
        f'<div style="font-size:.85em"><b>→ {safe.html(axes["x_label"])}</b> (slechter naar rechts)</div>'
    )

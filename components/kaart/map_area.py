"""The explorer's map on Kaart: the interactive chart with its static picture over it, the legend.

`draft` computes everything for the chosen state once (catalogue item, map frame, classes,
figure spec) and draws the map's place (early_map: the picture, laid over the chart that
follows it), the side controls and legend beside it and the captions under it (see README, "Decisions").
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import pandas as pd
import streamlit as st

from components import cache, early_map, frame, maps
from core import catalogue, classify, indicator_meta, mapview, safe

VIEW_KEY = "map_view"
CHART_KEY = "map"


@dataclasses.dataclass
class Draft:
    """A map whose picture is on the page and whose interactive chart is still to be drawn."""

    spec: dict
    alt: str
    part: pd.DataFrame  # the shown gemeenten with value and rank (the value table's rows)
    event: object = None  # the chart's selection event
    item: indicator_meta.Indicator | None = None  # the (first) indicator, resolved once per render
    side: object = None  # the column beside the map (controls, legend), for more controls
    controls: object = None  # what the side controls returned


def draft(choices: object, side_controls: Callable[[], object]) -> Draft | None:
    """Map, legend and captions of the single or bivariate map, with `side_controls()` drawn
    in the column beside the map above the legend (its result in `Draft.controls`); None, with
    a warning and nothing drawn, when the filter is empty.

    The map is sent first (the chart's element makes the browser fetch plotly.js, the longest
    wait of a first load), then the side controls and the legend into their places, which were
    opened before it, so the page reads: controls, legend."""
    codes = mapview.filter_codes(cache.table("gemeenten"), choices.province, choices.size)
    if not codes:
        st.warning(
            "Geen gemeenten in dit filter: in deze provincie is geen gemeente van deze grootte. "
            "Kies een andere provincie of grootte."
        )
        return None
    uirev = f"{choices.province}|{choices.size}"
    map_col, side = st.columns([4, 1])
    with side:
        controls_box, legend_box = st.container(), st.container()
    columns = [map_col, legend_box]
    # The catalogue is asked once per render; everything below gets the resolved entries.
    item = catalogue.get(choices.indicator, maps.extra())
    if choices.bivariate:
        y_item = catalogue.get(choices.indicator_y, maps.extra())
        drafted = _bivariate(item, y_item, codes, choices.filtered, uirev, columns)
    else:
        drafted = _single(item, choices, codes, uirev, columns)
    drafted.item = item
    with controls_box:
        drafted.controls = side_controls()
    drafted.side = side
    return drafted


def _draw_chart(alt: str) -> Callable[[dict], object]:
    def draw(spec: dict) -> object:
        return st.plotly_chart(
            maps.chart(spec),
            key=CHART_KEY,
            on_select="rerun",
            selection_mode=("box", "lasso"),
            config={"scrollZoom": True, "displaylogo": False},
            alt=alt,
        )

    return draw


def classified(
    item: indicator_meta.Indicator,
    codes: list[str],
    scheme: str,
    k: int,
    breaks: list[float] | None,
) -> tuple[pd.DataFrame, object]:
    """Map frame of the filtered gemeenten with their classes (falls back to quantiles on bad breaks)."""
    full = maps.map_frame(item)
    # Without a filter every gemeente is shown (the common case: no isin over 342 strings).
    part = full if len(codes) == len(full) else full[full["code"].isin(codes)].copy()
    high_contrast = bool(st.session_state.get("high_contrast"))
    try:
        result = classify.for_indicator(
            part["value"],
            item,
            scheme=scheme if breaks or scheme != "manual" else "quantiles",
            k=k,
            manual_breaks=breaks,
            high_contrast=high_contrast,
        )
    except ValueError as exc:
        st.error(f"{exc} De kaart gebruikt nu kwantielen.")
        result = classify.for_indicator(part["value"], item, k=k, high_contrast=high_contrast)
    part["class"] = result.classes
    return part, result


def muted_frame(all_codes: list[str], shown: list[str]) -> pd.DataFrame:
    """The gemeenten outside the filter with their hover text (the same for every session)."""
    # Codes as strings: Streamlit's cache hashes a tuple of 342 strings ~20x slower.
    return _muted_frame(",".join(all_codes), ",".join(sorted(shown)))


@st.cache_data(show_spinner=False, max_entries=64)
def _muted_frame(all_codes: str, shown: str) -> pd.DataFrame:
    names = cache.names()
    inside = set(shown.split(","))
    rest = [c for c in all_codes.split(",") if c not in inside]
    return pd.DataFrame(
        {"code": rest, "hover": [f"{safe.plotly(names[c])}<br>buiten het filter" for c in rest]}
    )


def view(codes: list[str], filtered: bool) -> tuple[dict | None, float | None]:
    zoom = frame.map_zoom()  # the user's zoom, from a shared link or this session
    if zoom is not None:
        return {"lat": zoom["lat"], "lon": zoom["lon"]}, zoom["zoom"]
    if not filtered or not codes:
        return None, None
    geo = cache.table("gemeenten_geo")
    bounds = geo[geo["code"].isin(codes)].total_bounds
    return mapview.view_for(tuple(bounds))


def _place(
    part: pd.DataFrame,
    result: object,
    codes: list[str],
    filtered: bool,
    uirev: str,
    alt: str,
    shared: bool,
) -> Draft:
    """The figure spec and, in the map's place, its static picture (same view and outlines)."""
    center, zoom = view(codes, filtered)
    # A zoom of the person's own (in the link, or stored) is theirs; else the shown area must
    # be whole on screen, also on a phone (early_map.SWAP_JS).
    fit = None if frame.map_zoom() is not None else maps.area_bounds(codes if filtered else None)
    muted = muted_frame(list(cache.names()), codes)
    outlined = st.session_state.get(frame.BASKET, [])
    spec = maps.classified_spec(
        part,
        result,
        outlined=outlined,
        height=early_map.HEIGHTS[VIEW_KEY],
        dragmode="select",
        center=center,
        zoom=zoom,
        muted=muted,
        uirevision=uirev,
        basemap=bool(st.session_state.get("basemap")),
        fit=fit,
    )
    event = early_map.render(
        spec, view_key=VIEW_KEY, alt=alt, draw_chart=_draw_chart(alt), shared=shared
    )
    return Draft(spec, alt, part, event=event)


def _single(
    item: indicator_meta.Indicator, choices: object, codes: list[str], uirev: str, columns: list
) -> Draft:
    part, result = classified(item, codes, choices.scheme, choices.k, choices.breaks)
    if part["value"].isna().all():
        st.warning(
            f"Voor deze keuze heeft geen enkele gemeente een waarde voor '{safe.markdown(item.label)}'. "
            "Kies een andere indicator of maak het filter ruimer."
        )
    alt = maps.alt_text(part, item)
    map_col, legend_col = columns
    with map_col:
        published = item.id in catalogue.INDICATORS
        drafted = _place(part, result, codes, choices.filtered, uirev, alt, published)
    with legend_col:
        maps.render_legend(result, item)
        if result.note:
            st.caption(result.note)
    st.caption(safe.markdown(alt))
    st.caption(safe.markdown(f"{catalogue.footnote(item)} {item.definition}"))
    return drafted


def _bivariate(
    x_item: indicator_meta.Indicator,
    y_item: indicator_meta.Indicator,
    codes: list[str],
    filtered: bool,
    uirev: str,
    columns: list,
) -> Draft:
    """Two indicators in one map (3 × 3 classes) with a 2-D legend: where is it worst on both?"""
    t = maps.tables()
    full, result, axes = mapview.bivariate_frame(
        t["indicators"], t["gemeenten"], t["indicator_notes"], x_item, y_item
    )
    part = full[full["code"].isin(codes)]
    worst = part[part["class"] == 8].sort_values("name")["name"].tolist()
    alt = (
        f"Bivariate kaart van {axes['x_label']} en {axes['y_label']}. {len(worst)} gemeenten scoren op "
        f"beide slecht: {', '.join(worst[:10])}{' en meer' if len(worst) > 10 else ''}."
    )
    map_col, legend_col = columns
    with map_col:
        published = {x_item.id, y_item.id} <= set(catalogue.INDICATORS)
        drafted = _place(part, result, codes, filtered, uirev, alt, published)
    with legend_col:
        st.markdown(
            maps.bivariate_legend_html(result.colors, axes, result.missing_color),
            unsafe_allow_html=True,
        )
        st.caption(result.missing_label)
    st.caption(
        safe.markdown(f"{catalogue.footnote(x_item)} {catalogue.footnote(y_item)}")
        + " Indeling: terciel per as, rechtsboven = op beide het slechtst."
    )
    drafted.part = part.rename(columns={"x": "value", "x_rank": "rank"})
    return drafted

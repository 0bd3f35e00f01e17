"""Widgets and renderers of the map explorer (page kaart)."""

from __future__ import annotations

import dataclasses
import html

import pandas as pd
import streamlit as st

from components import data, frame, maps
from core import catalogue, classify, mapview

MAP_INDICATOR = frame.MAP_INDICATOR
MODES = {"add": "Toevoegen", "replace": "Vervangen", "remove": "Weghalen"}


def indicator_options() -> list[str]:
    """Catalogue ids ordered by theme (the order of the selectbox)."""
    return [item.id for items in catalogue.by_theme(maps.extra()).values() for item in items]


def option_label(indicator_id: str) -> str:
    item = catalogue.get(indicator_id, maps.extra())
    return f"{catalogue.THEMES[item.theme]} · {item.label}"


DEFAULT_SCHEME = "quantiles"
DEFAULT_K = 5
DEFAULT_Y = "women_gap_2022"
# Controls whose values survive the bivariate view hiding them and a visit to another page.
KEPT = {
    "scheme": DEFAULT_SCHEME,
    "classes": DEFAULT_K,
    "manual_breaks": "",
    "filter_province": None,
    "filter_size": None,
}


@dataclasses.dataclass(frozen=True)
class Choices:
    """What the explorer's controls hold: enough to draw the map before the controls are drawn."""

    indicator: str
    bivariate: bool
    indicator_y: str | None
    scheme: str
    k: int
    breaks_text: str
    province: str | None
    size: str | None

    @property
    def breaks(self) -> list[float] | None:
        return read_breaks(self.breaks_text)[0] if self.scheme == "manual" else None

    @property
    def filtered(self) -> bool:
        return bool(self.province or self.size)


def current_choices() -> Choices:
    """The controls' values from session_state (defaults on a first visit), before they are drawn.

    The explorer draws the map first and its controls afterwards (into a container above it),
    so that the browser receives the map, and starts loading plotly.js, before a dozen widget
    elements: measured in bench/, that is most of the way to the first-paint target. Streamlit
    updates session_state with a changed widget's value before the rerun starts, so these
    values are the ones the widgets will return; render_controls checks that.
    """
    state = st.session_state
    options = indicator_options()
    if state.get(MAP_INDICATOR) not in options:
        state[MAP_INDICATOR] = catalogue.HEADLINE_SHORTAGE
    if state.get("indicator") not in options:
        state["indicator"] = state[MAP_INDICATOR]
    indicator = state["indicator"]
    state[MAP_INDICATOR] = indicator
    # Defaults set here, not in the widgets. Streamlit forgets a widget's value when it is not
    # drawn (bivariate view, another page); assigning it again each run and keeping a copy under
    # a non-widget key brings back the user's classes and filters.
    # None (all of the Netherlands, all sizes) is the filters' first option and their default;
    # it is never assigned: a selectbox given None through session_state shows no choice at all.
    for key, default in KEPT.items():
        shadow = f"kaart_kept_{key}"
        value = state.get(key, state.get(shadow, default))
        if value is not None:
            state[key] = value
        state[shadow] = value
    frame.write_url()  # after the shadows: the URL carries filters and classes (core.viewstate)
    two = bool(state.get("bivariate", False))
    y_id = None
    if two:
        y_options = [i for i in options if i != indicator]
        if state.get("indicator_y") not in y_options:
            state["indicator_y"] = DEFAULT_Y if DEFAULT_Y in y_options else y_options[0]
        y_id = state["indicator_y"]
    scheme = state.get("scheme", DEFAULT_SCHEME)
    return Choices(
        indicator=indicator,
        bivariate=two,
        indicator_y=y_id,
        scheme=scheme if scheme in classify.SCHEMES else DEFAULT_SCHEME,
        k=int(state.get("classes", DEFAULT_K)),
        breaks_text=(state.get("manual_breaks", "") or "") if scheme == "manual" else "",
        province=state.get("filter_province"),
        size=state.get("filter_size"),
    )


def render_controls(choices: Choices) -> Choices:
    """Draw the explorer's widgets (same keys as ever) and return what they hold."""
    top = st.columns([3, 1], vertical_alignment="bottom")
    with top[0]:
        indicator_id = render_indicator_picker()
    two = top[1].toggle(
        "Twee indicatoren (bivariaat)",
        key="bivariate",
        help="Kleurt gemeenten naar twee indicatoren in 3 × 3 klassen.",
    )
    left, right = st.columns(2)
    y_id, scheme, k, text = None, choices.scheme, choices.k, choices.breaks_text
    with left:
        if two:
            y_id = st.selectbox(
                "Tweede indicator",
                [i for i in indicator_options() if i != indicator_id],
                key="indicator_y",
                format_func=option_label,
            )
        else:
            scheme, k, text = render_classification_controls(indicator_id)
    with right:
        province, size = render_filters()
    return Choices(indicator_id, two, y_id, scheme, k, text, province, size)


REDRAWS = "kaart_redraws"  # how often the map had to be drawn again (tests expect 0)


def redraw_if_changed(choices: Choices, shown: Choices) -> None:
    """Rerun once when the widgets hold something other than the map was drawn for.

    Not expected (current_choices reads what the widgets will return); counted so tests can
    see it never happens, and never more than one rerun in a row, so it cannot loop.
    """
    state = st.session_state
    if shown != choices and not state.get("_kaart_redrawn"):
        state[REDRAWS] = state.get(REDRAWS, 0) + 1
        state["_kaart_redrawn"] = True
        st.rerun()
    state["_kaart_redrawn"] = False


def render_indicator_picker() -> str:
    """The `indicator` selectbox (current_choices has put a valid value in session_state)."""
    state = st.session_state

    def remember() -> None:
        state[MAP_INDICATOR] = state["indicator"]

    return st.selectbox(
        "Indicator op de kaart",
        indicator_options(),
        key="indicator",
        format_func=option_label,
        on_change=remember,
        help="Kies wat de kaart laat zien. De thema's staan voor de naam.",
    )


def render_classification_controls(indicator_id: str) -> tuple[str, int, str]:
    """Scheme, number of classes and (for 'manual') the text of the user's breaks."""
    cols = st.columns([2, 1])
    scheme = cols[0].selectbox(
        "Indeling in klassen",
        list(classify.SCHEMES),
        format_func=classify.SCHEMES.get,
        key="scheme",
        help="Kwantielen: elke klasse even veel gemeenten. Gelijke intervallen: even brede klassen. "
        "Natuurlijke grenzen: grenzen waar de waarden uit elkaar liggen.",
    )
    k = cols[1].selectbox(
        "Aantal klassen", list(range(classify.MIN_K, classify.MAX_K + 1)), key="classes"
    )
    text = ""
    if scheme == "manual":
        unit = catalogue.get(indicator_id, maps.extra()).unit
        text = st.text_input(
            f"Eigen grenzen ({unit}), oplopend en gescheiden door ;",
            key="manual_breaks",
            placeholder="bijvoorbeeld 4; 5,5; 7",
            help="Gebruik een komma of punt als decimaalteken.",
        )
        breaks, problem = read_breaks(text)
        if problem and breaks is None and not text.strip():
            st.info(problem)
        elif problem:
            st.error(problem)
    return scheme, k, text


def read_breaks(text: str) -> tuple[list[float] | None, str | None]:
    """'4; 5,5; 7' -> ([4.0, 5.5, 7.0], None); (None, Dutch message) when it cannot be read."""
    parts = [p.strip() for p in (text or "").replace("\n", ";").split(";") if p.strip()]
    if not parts:
        return None, "Vul minstens één grens in; tot die tijd gebruikt de kaart kwantielen."
    try:
        return [float(p.replace(",", ".")) for p in parts], None
    except ValueError:
        return None, (
            "Een grens is geen getal. Schrijf getallen gescheiden door een puntkomma, "
            "bijvoorbeeld 4; 5,5; 7."
        )


def render_map(choices: Choices) -> tuple[object, pd.DataFrame | None]:
    """The single or bivariate map for these choices; (None, None) when the filter is empty."""
    codes = mapview.filter_codes(data.table("gemeenten"), choices.province, choices.size)
    if not codes:
        st.warning(
            "Geen gemeenten in dit filter: in deze provincie is geen gemeente van deze grootte. "
            "Kies een andere provincie of grootte."
        )
        return None, None
    uirev = f"{choices.province}|{choices.size}"
    if choices.bivariate:
        return render_bivariate_map(
            choices.indicator, choices.indicator_y, codes, choices.filtered, uirev
        )
    return render_single_map(
        choices.indicator,
        codes,
        choices.scheme,
        choices.k,
        choices.breaks,
        choices.filtered,
        uirev,
    )


def render_basemap_toggle() -> bool:
    """Optional tile background (needs internet, never the default) and a beamer palette."""
    st.toggle(
        "Hoog contrast (voor een beamer)",
        key="high_contrast",
        help="Kleuren met grotere stappen tussen de klassen, goed te zien op een projectiescherm.",
    )
    return st.toggle(
        "Achtergrondkaart met wegen en plaatsen (internet nodig)",
        key="basemap",
        help="Zonder internet blijft de achtergrond wit; de kaart werkt dan gewoon.",
    )


def render_filters() -> tuple[str | None, str | None]:
    """Province and size filters; the rest of the country stays on the map, greyed."""
    cols = st.columns(2)
    return maps.render_area_filters(
        cols[0], cols[1], province_key="filter_province", size_key="filter_size"
    )


def classified(
    indicator_id: str, codes: list[str], scheme: str, k: int, breaks: list[float] | None
):
    """Map frame of the filtered gemeenten with their classes (falls back to quantiles on bad breaks)."""
    t = maps.tables()
    frame_ = mapview.map_frame(
        t["indicators"], t["gemeenten"], t["indicator_notes"], indicator_id, extra=maps.extra()
    )
    part = frame_[frame_["code"].isin(codes)].copy()
    item = catalogue.get(indicator_id, maps.extra())
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
    g = data.table("gemeenten").set_index("code")
    rest = [c for c in all_codes if c not in set(shown)]
    return pd.DataFrame(
        {
            "code": rest,
            "hover": [f"{html.escape(g.at[c, 'name'])}<br>buiten het filter" for c in rest],
        }
    )


def view(codes: list[str], filtered: bool) -> tuple[dict | None, float | None]:
    zoom = frame.map_zoom()  # the user's zoom, from a shared link or this session
    if zoom is not None:
        return {"lat": zoom["lat"], "lon": zoom["lon"]}, zoom["zoom"]
    if not filtered or not codes:
        return None, None
    geo = data.table("gemeenten_geo")
    bounds = geo[geo["code"].isin(codes)].total_bounds
    return mapview.view_for(tuple(bounds))


def explorer_figure(
    part: pd.DataFrame, result: object, codes: list[str], filtered: bool, uirev: str
) -> object:
    """The explorer's map: classes of the filtered gemeenten, the rest greyed, basket outlined."""
    center, zoom = view(codes, filtered)
    return maps.classified_choropleth(
        part,
        result,
        outlined=st.session_state.get(frame.BASKET, []),
        dragmode="select",
        center=center,
        zoom=zoom,
        muted=muted_frame(data.table("gemeenten")["code"].tolist(), codes),
        uirevision=uirev,
        basemap=bool(st.session_state.get("basemap")),
    )


def render_single_map(
    indicator_id, codes, scheme, k, breaks, filtered, uirev
) -> tuple[object, pd.DataFrame]:
    """The classified map of one indicator, with legend, source and the selection event."""
    item = catalogue.get(indicator_id, maps.extra())
    part, result = classified(indicator_id, codes, scheme, k, breaks)
    if part["value"].isna().all():
        st.warning(
            f"Voor deze keuze heeft geen enkele gemeente een waarde voor '{item.label}'. "
            "Kies een andere indicator of maak het filter ruimer."
        )
    fig = explorer_figure(part, result, codes, filtered, uirev)
    map_col, legend_col = st.columns([4, 1])
    with map_col:
        event = st.plotly_chart(
            fig,
            key="map",
            on_select="rerun",
            selection_mode=("box", "lasso"),
            config={"scrollZoom": True, "displaylogo": False},
            alt=maps.alt_text(part, item),
        )
    with legend_col:
        maps.render_legend(result, item)
        if result.note:
            st.caption(result.note)
    st.caption(maps.alt_text(part, item))
    st.caption(f"{catalogue.footnote(indicator_id, maps.extra())} {item.definition}")
    return event, part


def render_bivariate_map(x_id, y_id, codes, filtered, uirev) -> tuple[object, pd.DataFrame]:
    """Two indicators in one map (3 × 3 classes) with a 2-D legend: where is it worst on both?"""
    t = maps.tables()
    full, result, axes = mapview.bivariate_frame(
        t["indicators"], t["gemeenten"], t["indicator_notes"], x_id, y_id, extra=maps.extra()
    )
    part = full[full["code"].isin(codes)]
    fig = explorer_figure(part, result, codes, filtered, uirev)
    map_col, legend_col = st.columns([4, 1])
    worst = part[part["class"] == 8].sort_values("name")["name"].tolist()
    alt = (
        f"Bivariate kaart van {axes['x_label']} en {axes['y_label']}. {len(worst)} gemeenten scoren op "
        f"beide slecht: {', '.join(worst[:10])}{' en meer' if len(worst) > 10 else ''}."
    )
    with map_col:
        event = st.plotly_chart(
            fig,
            key="map",
            on_select="rerun",
            selection_mode=("box", "lasso"),
            config={"scrollZoom": True, "displaylogo": False},
            alt=alt,
        )
    with legend_col:
        st.markdown(
            maps.bivariate_legend_html(result.colors, axes, result.missing_color),
            unsafe_allow_html=True,
        )
        st.caption(result.missing_label)
    st.caption(
        f"{catalogue.footnote(x_id, maps.extra())} {catalogue.footnote(y_id, maps.extra())} Indeling: terciel per as, "
        "rechtsboven = op beide het slechtst."
    )
    return event, part.rename(columns={"x": "value", "x_rank": "rank"})

"""Widgets and renderers of the map explorer (page kaart)."""

from __future__ import annotations

import dataclasses
import logging

import streamlit as st

from components import frame, maps
from core import catalogue, classify, indicator_meta, safe

MAP_INDICATOR = frame.MAP_INDICATOR
LOG = logging.getLogger("raadsradar.kaart")
MODES = {"add": "Toevoegen", "replace": "Vervangen", "remove": "Weghalen"}


def indicator_options() -> list[str]:
    """Catalogue ids ordered by theme (the order of the selectbox)."""
    return [item.id for items in catalogue.by_theme(maps.extra()).values() for item in items]


def option_label(indicator_id: str) -> str:
    item = catalogue.get(indicator_id, maps.extra())
    return f"{indicator_meta.THEMES[item.theme]} · {item.label}"


DEFAULT_SCHEME = "quantiles"
DEFAULT_K = 5
DEFAULT_Y = "women_gap_2026"
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

    The explorer computes its map (static picture and chart) from these values. Streamlit
    updates session_state with a changed widget's value before the rerun starts, so they are
    the ones the widgets return; render_controls' result is checked against them
    (redraw_if_changed), so map and controls can never disagree.
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


def render_top(choices: Choices) -> tuple[str, str | None]:
    """The indicator picker (two in the bivariate view) above the map, full width.

    Their labels are captions, drawn at once, and the selectboxes' own labels are collapsed
    (still their accessible names): until its code has loaded a widget is a 40 px placeholder,
    and a selectbox without a visible label is 40 px as well, so the map under them never moves.
    """
    if not choices.bivariate:
        return render_indicator_picker(), None
    first, second = st.columns(2)
    with first:
        indicator_id = render_indicator_picker()
    with second:
        label = "Tweede indicator"
        st.caption(label, help="De tweede as van de bivariate kaart.")
        y_id = st.selectbox(
            label,
            [i for i in indicator_options() if i != indicator_id],
            key="indicator_y",
            format_func=option_label,
            label_visibility="collapsed",
        )
    return indicator_id, y_id


def render_side(choices: Choices) -> tuple[str, int, str, str | None, str | None]:
    """Classes and filters beside the map, above its legend; labels as captions (see render_top),
    so their placeholders turning into widgets move nothing. Returns scheme, k, breaks text,
    province and size."""
    scheme, k, text = choices.scheme, choices.k, choices.breaks_text
    if not choices.bivariate:
        scheme, k, text = render_classification_controls(choices.indicator)
    province, size = render_filters()
    return scheme, k, text, province, size


# The side column is narrow (about 160 px at 1280 px): its labels and choices are short enough
# to be read whole, the explanations are in the help (tests/e2e/test_side_column.py).
SCHEME_LABELS = {
    "quantiles": "Kwantielen",
    "equal_interval": "Gelijke intervallen",
    "fisher_jenks": "Jenks-grenzen",
    "manual": "Eigen grenzen",
}


def render_bivariate_toggle() -> bool:
    """Under the legend: a toggle is smaller than its placeholder; only the mode radio follows."""
    return st.toggle(
        "2 indicatoren",
        key="bivariate",
        help="Een bivariate kaart: kleurt gemeenten naar twee indicatoren tegelijk, in 3 × 3 "
        "klassen.",
    )


def redraw_if_changed(choices: Choices, shown: Choices) -> None:
    """Rerun once when the widgets hold something other than the map was drawn for.

    Not expected (current_choices reads what the widgets will return): logged as a warning when
    it happens, and never more than one rerun in a row, so it cannot loop.
    """
    state = st.session_state
    if shown != choices and not state.get("_kaart_redrawn"):
        LOG.warning("kaart: the map was drawn for %s, the widgets hold %s; redrawn", shown, choices)
        state["_kaart_redrawn"] = True
        st.rerun()
    state["_kaart_redrawn"] = False


def render_indicator_picker() -> str:
    """The `indicator` selectbox (current_choices has put a valid value in session_state)."""
    state = st.session_state

    def remember() -> None:
        state[MAP_INDICATOR] = state["indicator"]

    label = "Indicator op de kaart"
    help_text = "Kies wat de kaart laat zien. De thema's staan voor de naam."
    st.caption(label, help=help_text)
    return st.selectbox(
        label,
        indicator_options(),
        key="indicator",
        format_func=option_label,
        on_change=remember,
        help=help_text,
        label_visibility="collapsed",
    )


def render_classification_controls(indicator_id: str) -> tuple[str, int, str]:
    """Scheme, number of classes and (for 'manual') the text of the user's breaks (labels as
    captions, see render_top)."""
    label = "Indeling in klassen"
    help_text = (
        "Kwantielen: elke klasse even veel gemeenten (gelijke aantallen). Gelijke intervallen: "
        "even brede klassen. Jenks-grenzen (natuurlijke grenzen, Fisher-Jenks): grenzen waar "
        "de waarden uit elkaar liggen. Eigen grenzen: u typt ze zelf."
    )
    st.caption(label, help=help_text)
    scheme = st.selectbox(
        label,
        list(classify.SCHEMES),
        format_func=SCHEME_LABELS.get,
        key="scheme",
        help=help_text,
        label_visibility="collapsed",
    )
    st.caption("Aantal klassen")
    k = st.selectbox(
        "Aantal klassen",
        list(range(classify.MIN_K, classify.MAX_K + 1)),
        key="classes",
        label_visibility="collapsed",
    )
    text = ""
    if scheme == "manual":
        unit = catalogue.get(indicator_id, maps.extra()).unit
        text = st.text_input(
            f"Eigen grenzen ({safe.markdown(unit)}), oplopend en gescheiden door ;",
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
    return maps.render_area_filters(
        st.container(),
        st.container(),
        province_key="filter_province",
        size_key="filter_size",
        caption_labels=True,
    )

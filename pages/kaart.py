"""Map explorer: any indicator (or two at once) per gemeente, filters, and selection into the basket."""

from __future__ import annotations

import streamlit as st

from components import data, frame, kaart_ui
from core import catalogue, mapview

frame.ensure_frame()

st.title("Kaart")
st.markdown(
    "Kies een indicator. Sleep een rechthoek of lasso over de kaart om gemeenten te selecteren. "
    "Gemeenten in de selectie hebben een dikke zwarte rand."
)


@st.fragment
def select_mode() -> None:
    st.radio(
        "Wat doet een selectie op de kaart?",
        list(kaart_ui.MODES),
        format_func=kaart_ui.MODES.get,
        key="select_mode",
        horizontal=True,
        help="Toevoegen aan de selectie, de selectie vervangen, of de gekozen gemeenten weghalen.",
    )


@st.fragment
def explorer() -> None:
    top = st.columns([3, 1], vertical_alignment="bottom")
    with top[0]:
        indicator_id = kaart_ui.render_indicator_picker()
    two = top[1].toggle(
        "Twee indicatoren (bivariaat)",
        key="bivariate",
        help="Kleurt gemeenten naar twee indicatoren in 3 × 3 klassen.",
    )
    left, right = st.columns(2)
    with left:
        if two:
            options = [i for i in kaart_ui.indicator_options() if i != indicator_id]
            default = "women_gap_2022" if "women_gap_2022" in options else options[0]
            y_id = st.selectbox(
                "Tweede indicator",
                options,
                key="indicator_y",
                format_func=kaart_ui.option_label,
                index=options.index(default),
            )
        else:
            scheme, k, breaks = kaart_ui.render_classification_controls(indicator_id)
    with right:
        province, size = kaart_ui.render_filters()
    codes = mapview.filter_codes(data.table("gemeenten"), province, size)
    uirev = f"{province}|{size}"
    if not codes:
        st.warning(
            "Geen gemeenten in dit filter: in deze provincie is geen gemeente van deze grootte. "
            "Kies een andere provincie of grootte."
        )
        return
    if two:
        event, part = kaart_ui.render_bivariate_map(
            indicator_id, y_id, codes, bool(province or size), uirev
        )
    else:
        event, part = kaart_ui.render_single_map(
            indicator_id, codes, scheme, k, breaks, bool(province or size), uirev
        )
    kaart_ui.render_basemap_toggle()
    kaart_ui.apply_selection(event)
    st.header("Tabel bij de kaart")
    kaart_ui.render_value_table(part, indicator_id)


select_mode()
explorer()

st.header("Gemeenten kiezen op naam")
st.fragment(kaart_ui.render_name_picker)()

st.header("Profiel van een gemeente")
st.caption(
    f"Alle indicatoren naast de mediaan van Nederland en van gemeenten van dezelfde grootte. "
    f"{len(catalogue.INDICATORS)} indicatoren."
)
st.fragment(kaart_ui.render_profile)()

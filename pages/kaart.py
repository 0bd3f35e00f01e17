"""Map explorer: any indicator (or two at once) per gemeente, filters, and selection into the basket."""

from __future__ import annotations

import streamlit as st

from components import frame, kaart_details_ui, kaart_ui
from core import catalogue

frame.ensure_frame()

st.title("Kaart")
st.markdown(
    "Kies een indicator. Sleep een rechthoek of lasso over de kaart om gemeenten te selecteren. "
    "Gemeenten in de selectie hebben een dikke zwarte rand."
)


@frame.fragment
def select_mode() -> None:
    st.radio(
        "Wat doet een selectie op de kaart?",
        list(kaart_ui.MODES),
        format_func=kaart_ui.MODES.get,
        key="select_mode",
        horizontal=True,
        help="Toevoegen aan de selectie, de selectie vervangen, of de gekozen gemeenten weghalen.",
    )


@frame.fragment
def explorer() -> None:
    # The map is drawn before its controls (they go into the container above it), so the
    # browser gets the map first; see kaart_ui.current_choices.
    controls = st.container()
    choices = kaart_ui.current_choices()
    event, part = kaart_ui.render_map(choices)
    with controls:
        shown = kaart_ui.render_controls(choices)
    kaart_ui.redraw_if_changed(choices, shown)
    if part is None:
        return
    kaart_ui.render_basemap_toggle()
    kaart_details_ui.apply_selection(event)
    st.header("Tabel bij de kaart")
    kaart_details_ui.render_value_table(part, choices.indicator)


mode = st.container()
explorer()
with mode:
    select_mode()

st.header("Gemeenten kiezen op naam")
frame.fragment(kaart_details_ui.render_name_picker)()

st.header("Profiel van een gemeente")
st.caption(
    f"Alle indicatoren naast de mediaan van Nederland en van gemeenten van dezelfde grootte. "
    f"{len(catalogue.INDICATORS)} indicatoren."
)
frame.fragment(kaart_details_ui.render_profile)()

"""Map explorer: any indicator (or two at once) per gemeente, filters, and selection into the basket."""

from __future__ import annotations

import streamlit as st

from components import early_map, frame, kaart_details_ui, kaart_map, kaart_ui
from core import catalogue

frame.ensure_frame()
early_map.render_page_style()

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
    # Controls, the map's static picture, then the interactive chart, in the order they stand
    # on the page (nothing is inserted above the picture later): see README "Decisions".
    with st.container(key="kaart_explorer"):
        choices = kaart_ui.current_choices()
        shown = kaart_ui.render_controls(choices)
        drafted = kaart_map.draft(choices)
        event = kaart_map.chart(drafted)
        kaart_ui.redraw_if_changed(choices, shown)
        if drafted is None:
            return
        kaart_ui.render_basemap_toggle()
        kaart_details_ui.apply_selection(event)
        # Rendered only when opened: the table's grid code is not fetched on a first load.
        table = st.expander("Tabel bij de kaart", key="kaart_table_open", on_change="rerun")
        if table.open:
            with table:
                kaart_details_ui.render_value_table(drafted.part, drafted.item)


mode = st.container()
explorer()
with mode:
    select_mode()

st.header("Gemeenten kiezen op naam")
st.fragment(kaart_details_ui.render_name_picker)()

st.header("Profiel van een gemeente")
st.caption(
    f"Alle indicatoren naast de mediaan van Nederland en van gemeenten van dezelfde grootte. "
    f"{len(catalogue.INDICATORS)} indicatoren."
)
st.fragment(kaart_details_ui.render_profile)()

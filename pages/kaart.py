"""Map explorer: any indicator (or two at once) per gemeente, filters, and selection into the basket."""

from __future__ import annotations

import streamlit as st

from components import frame, kaart_details_ui, kaart_map, kaart_ui, later
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
        help="Toevoegen aan de selectie, de selectie vervangen, of de gekozen gemeenten weghalen.",
    )


@frame.fragment
def explorer() -> None:
    # The indicator above the map, the map with its static picture, and beside it the legend
    # and the other controls: nothing above the map changes height while the page loads
    # (see README "Decisions").
    with st.container(key="kaart_explorer"):
        choices = kaart_ui.current_choices()
        indicator_id, y_id = kaart_ui.render_top(choices)
        drafted = kaart_map.draft(choices, lambda: kaart_ui.render_side(choices))
        with drafted.side if drafted is not None else st.container():
            scheme, k, text, province, size = (
                drafted.controls if drafted is not None else kaart_ui.render_side(choices)
            )
            two = kaart_ui.render_bivariate_toggle()
            select_mode()
        shown = kaart_ui.Choices(
            indicator_id, two, y_id if two else None, scheme, k, text, province, size
        )
        kaart_ui.redraw_if_changed(choices, shown)
        if drafted is None:
            return
        kaart_ui.render_basemap_toggle()
        kaart_details_ui.apply_selection(drafted.event)
        # Rendered only when opened: the table's grid code is not fetched on a first load.
        table = st.expander("Tabel bij de kaart", key="kaart_table_open", on_change="rerun")
        if table.open:
            with table:
                kaart_details_ui.render_value_table(drafted.part, drafted.item)


explorer()


def details() -> None:
    st.header("Gemeenten kiezen op naam")
    frame.fragment(kaart_details_ui.render_name_picker)()
    st.header("Profiel van een gemeente")
    st.caption(
        f"Alle indicatoren naast de mediaan van Nederland en van gemeenten van dezelfde grootte. "
        f"{len(catalogue.INDICATORS)} indicatoren."
    )
    frame.fragment(kaart_details_ui.render_profile)()


# Under the map, drawn once the map is interactive (their widgets' code would compete with
# plotly.js on a first load): see components/later.py.
later.render(details, what="Zoeken op naam en het profiel van een gemeente")

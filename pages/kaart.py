"""Map explorer: any indicator (or two at once) per gemeente, filters, and selection into the basket."""

from __future__ import annotations

import streamlit as st

from components import frame, later
from components.kaart import controls, details, map_area
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
        list(controls.MODES),
        format_func=controls.MODES.get,
        key="select_mode",
        help="Toevoegen aan de selectie, de selectie vervangen, of de gekozen gemeenten weghalen.",
    )


@frame.fragment
def explorer() -> None:
    # The indicator above the map, the map with its static picture, and beside it the legend
    # and the other controls: nothing above the map changes height while the page loads
    # (see README "Decisions").
    with st.container(key="kaart_explorer"):
        choices = controls.current_choices()
        indicator_id, y_id = controls.render_top(choices)
        drafted = map_area.draft(choices, lambda: controls.render_side(choices))
        with drafted.side if drafted is not None else st.container():
            scheme, k, text, province, size = (
                drafted.controls if drafted is not None else controls.render_side(choices)
            )
            two = controls.render_bivariate_toggle()
            select_mode()
        shown = controls.Choices(
            indicator_id, two, y_id if two else None, scheme, k, text, province, size
        )
        controls.redraw_if_changed(choices, shown)
        if drafted is None:
            return
        controls.render_basemap_toggle()
        details.apply_selection(drafted.event)
        # Rendered only when opened: the table's grid code is not fetched on a first load.
        table = st.expander("Tabel bij de kaart", key="kaart_table_open", on_change="rerun")
        if table.open:
            with table:
                details.render_value_table(drafted.part, drafted.item)


explorer()


def name_and_profile() -> None:
    st.header("Gemeenten kiezen op naam")
    frame.fragment(details.render_name_picker)()
    st.header("Profiel van een gemeente")
    st.caption(
        f"Alle indicatoren naast de mediaan van Nederland en van gemeenten van dezelfde grootte. "
        f"{len(catalogue.INDICATORS)} indicatoren."
    )
    frame.fragment(details.render_profile)()


# Under the map, drawn once the map is interactive (their widgets' code would compete with
# plotly.js on a first load): see components/later.py.
later.render(name_and_profile, what="Zoeken op naam en het profiel van een gemeente")

"""Overview: national key figures, the shortage map, the ten gemeenten with most shortage, coverage."""

from __future__ import annotations

import streamlit as st

from components import cache, early_map, figures_ui, frame, later, maps
from core import bundle, catalogue, fmt, national

frame.ensure_frame()
tables = {name: cache.table(name) for name in bundle.TABLES}

st.title("Raadsradar")
st.markdown(
    "Waar hebben gemeenteraden te weinig kandidaten, en welke groepen zijn te weinig "
    "vertegenwoordigd? Alle cijfers komen uit open data van CBS en Kiesraad; de bron en het "
    "peiljaar staan bij elk cijfer."
)

# The map first (its static picture is on screen at once), the measure beside it above the
# legend (the radio's placeholder turning into the widget moves nothing above the map): see README.
st.header("Kandidatentekort per gemeente")
# 2026 is today's picture; the change since 2022 and 2022 itself stay one click away.
MEASURES = [
    catalogue.HEADLINE_SHORTAGE,
    "short_lists_share_2026",
    "half_short_lists_share_2026",
    "candidates_per_seat_change_2022_2026",
    "candidates_per_seat_2022",
]
with st.container(key="overview_map_section"):
    map_col, side_col = st.columns([4, 1])
    with side_col:
        measure_box, legend_box = st.container(key="overview_measure_box"), st.container()
    # The map is sent before the radio (its chart makes the browser fetch plotly.js): drawn for
    # the radio's value in session_state, which is what the radio returns below.
    wanted = st.session_state.get("overview_measure")
    maps.render_map(
        wanted if wanted in MEASURES else MEASURES[0],
        key="overview_map",
        height=early_map.HEIGHTS["overview_map_view"],
        columns=(map_col, legend_box),
    )
    with measure_box:
        choice = st.radio(
            "Maat op de kaart",
            MEASURES,
            format_func=lambda i: catalogue.get(i).label,
            key="overview_measure",
            help="Kandidaten per zetel is de hoofdmaat: het aandeel korte lijsten is in veel "
            "gemeenten 100% en onderscheidt dan niet meer. De verandering sinds 2022 is voor "
            "dezelfde gemeente; rood = minder kandidaten per zetel dan in 2022, wit = evenveel.",
        )
    drawn_for = wanted if wanted in MEASURES else MEASURES[0]
    if choice != drawn_for and not st.session_state.get("_overview_redrawn"):
        st.session_state["_overview_redrawn"] = True  # not expected; never twice in a row
        st.rerun()
    st.session_state["_overview_redrawn"] = False

st.header("Landelijke kerncijfers")
figures_ui.render_key_figures(national.key_figures(tables))
st.subheader("Uit de aankondiging van het kabinet")
figures_ui.render_key_figures(national.ANNOUNCEMENT, columns=3)
st.caption(national.CABINET_NOTE)


def top_and_coverage() -> None:
    st.header("De tien gemeenten met de minste kandidaten per zetel (2026)")
    top = national.top_shortage(tables)
    figures_ui.render_indicator_table(top, national.TOP_COLUMNS, key="overview_top10")
    st.caption(
        f"{catalogue.footnote(catalogue.HEADLINE_SHORTAGE)} Ter vergelijking 2022: "
        f"{catalogue.footnote('candidates_per_seat_2022')}"
    )

    st.header("Dekking van de gegevens")
    gaps = national.coverage(tables, catalogue.HEADLINE_SHORTAGE)
    st.markdown(
        f"Voor **{len(tables['gemeenten']) - int(gaps['count'].sum())} van de {len(tables['gemeenten'])} gemeenten** zijn de lijstlengtes van "
        f"2026 bekend. Bij **{int(gaps['count'].sum())} gemeenten** ontbreken ze, om deze redenen:"
    )
    for row in gaps.itertuples(index=False):
        with st.expander(f"{fmt.count(row.count, 'gemeente', 'gemeenten')}: {row.reason}"):
            st.write(row.names)


# Under the map, drawn once the map is interactive (the table's code would compete with
# plotly.js on a first load): see components/later.py.
later.render(top_and_coverage, what="De tien gemeenten met de minste kandidaten en de dekking")

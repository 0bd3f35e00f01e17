"""Priority ranking, the selection basket and its export as a list."""

from __future__ import annotations

import streamlit as st

from components import frame
from components.selectie import basket, ranking_ui, workspace
from core import ranking
from core.outputs import export_table

frame.ensure_frame()

st.title("Selectie")
st.markdown(
    "Waar is de meeste aandacht nodig? Kies wat meetelt en hoe zwaar. De ranglijst laat zien "
    "welke gemeenten bovenaan staan, en waarom. Zet gemeenten in de selectie en exporteer de lijst."
)

ranking_ui.say_once()
imported_values, imported = ranking_ui.imported_components()

st.header("1. Weging")
weights, willing = ranking_ui.render_weights(imported)
result = ranking_ui.compute(weights, willing, imported_values, imported)

st.header("2. Ranglijst")
province, size, complete = ranking_ui.render_filters()
shown = None
if result is not None:
    shown = ranking.filtered(result.table, province, size, complete)
    ranking_ui.render_ranking(result, shown)
    st.subheader("Snel kiezen met een regel")
    ranking_ui.render_rules(shown)

st.header("3. Uw selectie")
codes = basket.render_basket(result, shown)
basket.render_basket_file(codes)
basket.render_basket_map(codes)

st.header("4. Exporteren")
settings = None
if result is not None:
    settings = export_table.Settings(
        weights=result.weights,
        willing_share=willing,
        filters={
            "Weging": ranking.preset_name(result.weights) or "eigen keuze",
            **ranking_ui.filters_text(province, size, complete),
        },
        province=province,
        size=size,
        complete_only=complete,
    )
basket.render_export(codes, settings, imported_values, imported)

st.header("5. Teamlijsten")
workspace.render(codes)

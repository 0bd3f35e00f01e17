"""Council-size what-if: the staffel of Gemeentewet art. 8 against an alternative the user edits."""

from __future__ import annotations

import streamlit as st

from components import cache, figures_ui, frame
from components.staffel import editor
from core import staffel, staffel_agreement, staffel_compare

frame.ensure_frame()
law_table = cache.table("staffel")
law = staffel.from_table(law_table)
gemeenten = cache.table("gemeenten")
indicators = cache.table("indicators")

st.title("Staffel: hoe groot is de raad?")
st.markdown(
    "De Gemeentewet (artikel 8) bepaalt hoeveel zetels een gemeenteraad heeft. Dat hangt af van "
    "het aantal inwoners. Deze staffel is 128 jaar oud. Het kabinet onderzoekt of grote raden "
    "mogen groeien. Maak hier een nieuwe staffel en zie wat die betekent per gemeente, en hoeveel "
    "kandidaten er dan extra nodig zijn."
)

st.header("De wet en de raden van 2026")
editor.render_law(law_table)
editor.render_agreement(staffel_agreement.agreement(gemeenten, law))

st.header("Nieuwe staffel")
checked = editor.render_editor(law)
if not checked.ok:
    st.stop()

comparison = staffel_compare.compare(gemeenten, indicators, law, checked.staffel)
result = staffel_compare.totals(comparison, indicators)

st.header("Wat verandert er landelijk?")
figures_ui.render_key_figures(staffel_compare.key_figures(result), columns=3)
if result.without_2026:
    st.caption(staffel.NO_2026_NOTE)

st.header("Kaart")
editor.render_map(comparison)

st.header("Gemeenten met een andere raadsgrootte")
editor.render_affected(comparison)

st.header("Downloaden")
editor.render_exports(comparison, checked.staffel)

"""Own data: upload a table per gemeente, see exactly what was matched, keep columns as indicators."""

from __future__ import annotations

import streamlit as st

from components import frame, imported
from components.data import own_indicators, report_view, sources, upload

frame.ensure_frame()

st.title("Eigen gegevens")
st.markdown(
    "Voeg cijfers toe die niet in Raadsradar zitten: een enquête per gemeente, een export uit "
    "CBS StatLine, cijfers van de GGD-monitor of het kandidatenbestand van de Kiesraad. De app "
    "koppelt elke rij aan een gemeente en laat precies zien wat niet lukte. Uw bestand en uw "
    "indicatoren blijven in deze sessie; andere gebruikers zien ze niet."
)
with st.expander("Sjabloon: alle 342 gemeenten met lege kolommen"):
    own_indicators.render_template_downloads()

stored = upload.render_upload()
if stored is not None:
    report = imported.run_ingest(stored, imported.current_options())
    options = upload.render_read_options(stored, report)
    report_box, choices_box = st.container(), st.container()
    with choices_box:
        upload.render_choices(imported.run_ingest(stored, options))
    # Choices change the options; read again so the report matches what the user just chose.
    report = imported.run_ingest(stored, imported.current_options())
    with report_box:
        st.header("Verslag van de import")
        report_view.render_report(report)
        if report.ok:
            own_indicators.render_downloads(report, stored)
    own_indicators.render_indicator_editor(report, stored)

st.header("Mijn indicatoren in deze sessie")
chosen = own_indicators.render_session_indicators()
if chosen:
    own_indicators.render_preview_map(chosen)

st.header("Bronnen en licenties")
sources.render_sources()
sources.render_election_2026()
sources.render_gender_method()
sources.render_bundle_status()

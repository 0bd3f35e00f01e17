"""Representation of the four groups the campaign targets: gaps, seats short, honest about missing cache."""

from __future__ import annotations

import streamlit as st

from components import cache, frame
from components.groepen import view
from core import groups, indicators
from core.charts import figures

frame.ensure_frame()

st.title("Groepen in de raad")
st.markdown(
    "Hoe verhoudt de raad zich tot de inwoners? Per groep: het aandeel in de bevolking, het aandeel "
    "in de raad en het verschil in procentpunten. Positief betekent: de groep is ondervertegenwoordigd."
)

group_id = st.radio(
    "Groep",
    view.group_options(),
    format_func=view.group_label,
    key="group",
    horizontal=True,
)
group = groups.GROUPS.get(group_id)
measure = "origin_outside_europe_share_2024"
if group_id == "migration":
    measure = st.selectbox(
        "Welke herkomst?",
        list(view.MIGRATION_MEASURES),
        format_func=view.MIGRATION_MEASURES.get,
        key="migration_measure",
        help="CBS-indeling naar herkomstland: geboren buiten Nederland, of een ouder.",
    )
year = indicators.CURRENT_YEAR
if group_id == "women":
    # The councils elected in 2026 are today's picture; 2022 stays one click away.
    year = st.radio(
        "Raad gekozen in",
        [indicators.CURRENT_YEAR, indicators.PREVIOUS_YEAR],
        key="women_year",
        horizontal=True,
        help="2026 zonder Gorinchem: de uitslag ontbreekt in de bron.",
    )
if group_id == view.OWN:
    frame_, group = view.render_own_group()
else:
    frame_ = view.group_frame(group_id, measure, year)

if frame_ is None:
    view.render_empty_state(group)
else:
    has_council = frame_["council_share"].notna().any()
    if has_council:
        view.render_national(frame_, group)
        st.caption(
            f"Een raad van 9 zetels verschuift {100 / 9:.0f} procentpunt per zetel. Verschillen "
            "'binnen één zetel' zijn ruis. Het aandeel in de raad telt ook geslacht dat uit de "
            "voornaam is geschat waar de lijst het niet opgaf; de kolom 'Let op' zegt per gemeente "
            f"hoeveel. Bij meer dan {groups.UNKNOWN_GENDER_THRESHOLD:.0f}% geschat of onbekend "
            "geslacht staat er ⚠."
        )
    else:
        st.info(group.missing_text)
        view.render_context(group)
    st.header("Ranglijst")
    table = view.render_ranking(frame_, has_council)
    if has_council:
        st.header("Bevolking en raad naast elkaar")
        view.render_dumbbell(table, group)
        st.header("Verdeling van het verschil")
        st.plotly_chart(
            figures.histogram(frame_["gap"], label="verschil (procentpunt)"),
            key="groups_hist",
            alt="Histogram van het verschil tussen bevolking en raad per gemeente.",
        )
    if group_id == "women":
        st.header("Vrouwen in de raad: 2014, 2018, 2022, 2026")
        basket = st.session_state.get(frame.BASKET, [])[:8]
        names = {
            "NL": "Nederland",
            **dict(
                zip(cache.table("gemeenten")["code"], cache.table("gemeenten")["name"], strict=True)
            ),
        }
        st.plotly_chart(
            figures.trend_lines(groups.women_trend(view.tables(), basket), names),
            key="groups_trend",
            alt="Aandeel vrouwen in de raad per verkiezingsjaar.",
        )
    st.header("Per provincie en grootteklasse")
    view.render_aggregates(frame_)

st.header("Profiel: alle vier groepen van één gemeente")
view.render_profile()

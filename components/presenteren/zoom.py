"""Presenteren: which part of the country the slide maps show (the whole, the selection, a province)."""

from __future__ import annotations

import streamlit as st

from components import cache, frame
from core.outputs import slide_model

ZOOM = "present_map_zoom"  # what the slide maps show: "" country, "selectie", or a province
ZOOM_LABELS = {"": "Heel Nederland", slide_model.ZOOM_SELECTION: "Ingezoomd op de selectie"}


def zoom() -> str:
    """The chosen map area, dropped when it no longer applies (an emptied selection)."""
    chosen = st.session_state.get(ZOOM, "")
    if chosen == slide_model.ZOOM_SELECTION and not st.session_state.get(frame.BASKET):
        return ""
    return chosen


def _remember_zoom() -> None:
    st.session_state[ZOOM] = st.session_state["present_zoom"] or ""


def render_zoom() -> None:
    """Whole country, the selection's area or one province on every map slide."""
    state = st.session_state
    provinces = sorted(cache.table("gemeenten")["province_name"].unique())
    choices = ["", slide_model.ZOOM_SELECTION, *provinces]
    state["present_zoom"] = zoom() if zoom() in choices else ""
    st.selectbox(
        "Kaarten op de dia's",
        choices,
        key="present_zoom",
        on_change=_remember_zoom,
        format_func=lambda z: ZOOM_LABELS.get(z, f"Provincie {z}"),
        help="Zoom de kaarten in op uw selectie of op een provincie, bijvoorbeeld voor een "
        "bijeenkomst in Limburg: de kaarten tonen dan alleen dat gebied, met de namen van uw "
        "gemeenten, en de tekst erbij gaat over dat gebied. De kleuren en klassen blijven die "
        "van heel Nederland. Zonder selectie toont de focusdia de gemeenten van dat gebied.",
    )

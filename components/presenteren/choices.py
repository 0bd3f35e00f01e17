"""Presenteren: what goes into the slides (profiles, maps, focus list, zoom, uncertain figures).

The choices live in plain session_state entries (widget state is dropped when the page is
left); widgets are initialised from them and write back in callbacks.
"""

from __future__ import annotations

import streamlit as st

from components import cache, frame, maps
from components.presenteren import zoom
from core import catalogue
from core.outputs import slide_model

PROFILES = "present_profile_codes"  # gemeenten with a profile slide
TOP_N = "present_focus_n"  # size of the focus list when the basket is empty
UNCERTAIN = "present_uncertain_gender"  # include uncertain women figures in worst-N lists
MAPS = "present_map_indicators"  # indicators with a map slide (absent: follow the page Kaart)


def chosen_maps() -> list[str]:
    """Indicators with a map slide: the user's choice, else the one on the page Kaart (the
    headline shortage measure has its own slide)."""
    state = st.session_state
    if MAPS in state:
        return list(state[MAPS])
    on_map = state.get(frame.MAP_INDICATOR)
    return [on_map] if on_map and on_map != catalogue.HEADLINE_SHORTAGE else []


def _remember_maps() -> None:
    st.session_state[MAPS] = list(st.session_state["present_maps"])


def render_maps() -> None:
    """Which indicators get a map slide (any of the catalogue or this session's imports)."""
    items = {**catalogue.INDICATORS, **maps.extra()}
    options = [i for i in items if i != catalogue.HEADLINE_SHORTAGE]
    st.session_state["present_maps"] = [i for i in chosen_maps() if i in options]
    st.multiselect(
        "Kaarten van indicatoren (één dia per indicator)",
        options,
        format_func=lambda i: items[i].label,
        key="present_maps",
        on_change=_remember_maps,
        placeholder="Kies indicatoren",
        help="Standaard de indicator die u op de pagina Kaart bekijkt. De kaart met de minste "
        "kandidaten per zetel is er altijd als eigen dia.",
    )


def chosen_profiles() -> list[str]:
    """Gemeenten with a profile slide: the user's choice, else every gemeente of the basket."""
    state = st.session_state
    if PROFILES in state:
        return list(state[PROFILES])
    return list(state.get(frame.BASKET, []))


def _remember_profiles() -> None:
    st.session_state[PROFILES] = list(st.session_state["present_profiles"])


def _profiles_for_basket() -> None:
    """Button callback: a profile slide for every gemeente in the selection."""
    st.session_state[PROFILES] = list(st.session_state.get(frame.BASKET, []))


def _remember_top_n() -> None:
    st.session_state[TOP_N] = int(st.session_state["present_top_n"])


def render_settings() -> None:
    """Which gemeenten get a profile slide, and the focus list's size without a basket."""
    state = st.session_state
    g = cache.table("gemeenten").sort_values("name")
    names = dict(zip(g["code"], g["name"], strict=True))
    state["present_profiles"] = [c for c in chosen_profiles() if c in names]
    cols = st.columns([3, 1])
    cols[0].multiselect(
        "Profielen van gemeenten (één dia per gemeente)",
        list(names),
        format_func=names.get,
        key="present_profiles",
        on_change=_remember_profiles,
        placeholder="Kies gemeenten",
        help="Zolang u hier niets kiest, krijgt elke gemeente uit de selectie een profiel.",
    )
    cols[0].button(
        "Profiel voor elke gemeente in de selectie",
        key="present_profiles_all",
        on_click=_profiles_for_basket,
        disabled=not state.get(frame.BASKET),
    )
    state["present_top_n"] = int(state.get(TOP_N, slide_model.DEFAULT_TOP_N))
    cols[1].number_input(
        "Focuslijst zonder selectie: aantal",
        min_value=3,
        max_value=30,
        step=1,
        key="present_top_n",
        on_change=_remember_top_n,
        help="Is de selectie leeg, dan toont de focusdia de gemeenten met de minste "
        "kandidaten per zetel.",
    )
    render_maps()
    zoom.render_zoom()
    state["present_include_uncertain"] = bool(state.get(UNCERTAIN, False))
    st.checkbox(
        "Gemeenten met onzeker aandeel vrouwen opnemen in lijsten van de slechtste",
        key="present_include_uncertain",
        on_change=_remember_uncertain,
        help="Rust het aandeel vrouwen van een gemeente voor meer dan 20% op geslacht dat uit de "
        "voornaam is geschat of onbekend is, dan laten de dia's met de slechtste gemeenten haar "
        "standaard weg (en zeggen dat). Vink aan om ze toch op te nemen.",
    )


def _remember_uncertain() -> None:
    st.session_state[UNCERTAIN] = bool(st.session_state["present_include_uncertain"])

"""Around the map on Kaart: its selection into the basket, picking by name, the value table, a profile."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from streamlit.errors import StreamlitInvalidLayoutContextError

from components import basket_view, cache, figures_ui, frame, maps
from core import catalogue, fmt, indicator_meta, safe, selection

LAST_SELECTION = "map_last_selection"


def apply_selection(event: object) -> None:
    """Put the box/lasso selection in the basket once per new selection (add, replace or remove)."""
    points = (
        (event or {}).get("selection", {}).get("points", [])
        if isinstance(event, dict)
        else (event.selection.get("points", []) if event is not None else [])
    )
    codes = list(
        dict.fromkeys(p["location"] for p in points if str(p.get("location", "")).startswith("GM"))
    )
    signature = ",".join(sorted(codes))
    if not codes or st.session_state.get(LAST_SELECTION) == signature:
        return
    st.session_state[LAST_SELECTION] = signature
    mode = st.session_state.get("select_mode", "add")
    frame.set_basket(selection.update(st.session_state.get(frame.BASKET, []), codes, mode))
    st.rerun()


def render_name_picker() -> None:
    """Keyboard-friendly way to add gemeenten by name (a click on the map does not select)."""
    g = cache.table("gemeenten").sort_values("name")
    names = dict(zip(g["code"], g["name"] + " (" + g["province_name"] + ")", strict=True))
    cols = st.columns([4, 1])
    picked = cols[0].multiselect(
        "Gemeenten zoeken op naam",
        list(names),
        format_func=names.get,
        key="pick",
        placeholder="Typ een naam",
        help="Typ een deel van de naam, kies met pijltje omlaag en Enter, en druk op Toevoegen.",
    )
    cols[1].button(
        "Toevoegen",
        key="pick_add",
        help="Zet de gekozen gemeenten in de selectie.",
        disabled=not picked,
        on_click=frame.add_to_basket,
        args=(picked, "pick"),
    )
    frame.rerun_if_basket_changed()


TABLE_TICKS = "map_table_ticks"  # (codes of the table as drawn, codes ticked in it)


def render_value_table(part: pd.DataFrame, item: indicator_meta.Indicator) -> None:
    """The accessible equivalent of the map: a sortable table; ticking a row adds it to the basket.

    A fragment of its own: a tick reruns only the table and the sidebar's summary, not the
    map and the rest of the page (the map's outlines follow at the next full run).
    """
    frame.fragment(_value_table)(part, item)


def _value_table(part: pd.DataFrame, item: indicator_meta.Indicator) -> None:
    indicator_id = item.id
    table = part[["code", "name", "province_name", "value", "rank"]].rename(
        columns={"value": indicator_id}
    )
    table = table.sort_values(["rank", "name"], na_position="last")
    table["reason"] = part.set_index("code").loc[table["code"], "reason"].to_numpy()
    codes = table["code"].tolist()
    drawn, _ = st.session_state.get(TABLE_TICKS, ([], []))
    if drawn != codes:
        # Another indicator or filter: a kept selection would point at other rows by position.
        if "map_table" in st.session_state:
            st.session_state["map_table"] = {"selection": {"rows": [], "columns": [], "cells": []}}
        st.session_state[TABLE_TICKS] = (codes, [])
    figures_ui.render_indicator_table(
        table,
        [indicator_id],
        extra={indicator_id: item},
        key="map_table",
        on_select=_on_table_select,
        selection_mode="multi-row",
        height=360,
        column_order=["name", "province_name", indicator_id, "rank", "reason", "code"],
    )
    basket = st.session_state.get(frame.BASKET, [])
    st.caption(
        f"Vink een rij aan om de gemeente meteen aan de selectie toe te voegen; uitvinken haalt "
        f"haar weer weg. Nu {selection.summary(len(basket))}. "
        f"Rang 1 = {'hoogste' if item.higher_is_worse is not False else 'laagste'} waarde. "
        f"{safe.markdown(catalogue.footnote(item))}"
    )
    try:
        basket_view.redraw()
    except StreamlitInvalidLayoutContextError:
        # The table was opened in a fragment run, so no full run has reserved the sidebar place
        # for it yet: one full run now (later ticks redraw only the table and the summary).
        st.rerun()


def _on_table_select() -> None:
    """A tick adds that gemeente to the basket, an untick removes it (only rows ticked here)."""
    codes, before = st.session_state.get(TABLE_TICKS, ([], []))
    rows = st.session_state["map_table"]["selection"]["rows"]
    now = [codes[r] for r in rows if 0 <= r < len(codes)]
    added = [c for c in now if c not in set(before)]
    removed = [c for c in before if c not in set(now)]
    basket = st.session_state.get(frame.BASKET, [])
    if added:
        basket = selection.update(basket, added, "add")
    if removed:
        basket = selection.update(basket, removed, "remove")
    st.session_state[TABLE_TICKS] = (codes, now)
    frame.set_basket(basket)


def render_profile() -> None:
    """A gemeente's profile: all indicators against the national median and similar-size peers."""
    from core import profile

    g = cache.table("gemeenten").sort_values("name")
    names = dict(zip(g["code"], g["name"], strict=True))
    basket = st.session_state.get(frame.BASKET, [])
    default = basket[0] if basket else None
    code = st.selectbox(
        "Gemeente",
        list(names),
        format_func=names.get,
        key="profile_code",
        index=list(names).index(default) if default else None,
        placeholder="Kies een gemeente",
    )
    if not code:
        st.caption("Kies een gemeente om haar profiel te zien.")
        return
    row = g.set_index("code").loc[code]
    st.markdown(
        f"**{safe.markdown(row['name'])}** · {safe.markdown(row['province_name'])} · "
        f"{fmt.number(row['inhabitants'])} inwoners (1 januari 2024)"
    )
    t = maps.tables()
    st.dataframe(
        # Labels and sources of imported indicators are the user's text: neutralised for the
        # table's own CSV download.
        safe.frame(profile.profile(code, t["indicators"], t["gemeenten"], t["indicator_notes"])),
        hide_index=True,
        key="profile_table",
    )

"""Around the map on Kaart: its selection into the basket, picking by name, the value table, a profile."""

from __future__ import annotations

import html

import pandas as pd
import streamlit as st

from components import data, figures_ui, frame, maps
from core import catalogue, fmt, selection

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
    g = data.table("gemeenten").sort_values("name")
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
        "Toevoegen aan selectie",
        key="pick_add",
        disabled=not picked,
        on_click=frame.add_to_basket,
        args=(picked, "pick"),
    )
    frame.rerun_if_basket_changed()


def render_value_table(part: pd.DataFrame, item: catalogue.Indicator) -> None:
    """The accessible equivalent of the map: a sortable table; selecting rows adds to the basket."""
    indicator_id = item.id
    table = part[["code", "name", "province_name", "value", "rank"]].rename(
        columns={"value": indicator_id}
    )
    table = table.sort_values(["rank", "name"], na_position="last")
    table["reason"] = part.set_index("code").loc[table["code"], "reason"].to_numpy()
    event = figures_ui.render_indicator_table(
        table,
        [indicator_id],
        extra={indicator_id: item},
        key="map_table",
        on_select="rerun",
        selection_mode="multi-row",
        height=360,
        column_order=["name", "province_name", indicator_id, "rank", "reason", "code"],
    )
    rows = event.selection.rows if event is not None else []
    if rows:
        codes = table.iloc[rows]["code"].tolist()
        st.button(
            f"{len(codes)} gekozen {'gemeente' if len(codes) == 1 else 'gemeenten'} toevoegen aan selectie",
            key="table_add",
            on_click=frame.add_to_basket,
            args=(codes,),
        )
    frame.rerun_if_basket_changed()
    st.caption(
        f"Rang 1 = {'hoogste' if item.higher_is_worse is not False else 'laagste'} waarde. "
        f"{catalogue.footnote(item)}"
    )


def render_profile() -> None:
    """A gemeente's profile: all indicators against the national median and similar-size peers."""
    from core import profile

    g = data.table("gemeenten").sort_values("name")
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
        f"**{html.escape(row['name'])}** · {html.escape(row['province_name'])} · "
        f"{fmt.number(row['inhabitants'])} inwoners (1 januari 2024)"
    )
    t = maps.tables()
    st.dataframe(
        profile.profile(code, t["indicators"], t["gemeenten"], t["indicator_notes"]),
        hide_index=True,
        key="profile_table",
    )

"""Widgets of the staffel page: the editor with presets, the what-if map, the table and exports."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components import frame, maps
from core import (
    fmt,
    selection,
    staffel,
    staffel_agreement,
    staffel_check,
    staffel_compare,
    staffel_export,
    staffel_map,
)

MAP_CHOICES = {
    "seat_change": "Verandering in zetels",
    "inhabitants_per_seat_now": "Inwoners per zetel nu",
    "inhabitants_per_seat_alt": "Inwoners per zetel met de nieuwe staffel",
}


ROWS = "staffel_rows"  # the editor's table as last materialised (preset + user's edits)
ROWS_FOR = "staffel_rows_for"  # the preset (and its N and X) that ROWS was built from


def render_editor(law: pd.DataFrame) -> staffel_check.Checked:
    """Preset picker and the editable staffel (key staffel_editor); return the checked staffel."""
    name = st.selectbox(
        "Begin met",
        list(staffel.PRESETS),
        format_func=lambda key: staffel.PRESETS[key].label,
        key="staffel_preset",
        help="Een voorbeeld vult de tabel. Daarna kunt u de tabel zelf aanpassen.",
    )
    extra, above = 2, 100_000
    if name == "plus_above":
        cols = st.columns(2)
        extra = cols[0].number_input(
            "N: extra zetels", min_value=1, max_value=20, value=2, step=1, key="staffel_plus_n"
        )
        above = _render_threshold(cols[1])
        st.caption(f"Voorbeeld: {staffel.plus_above_label(int(extra), int(above))}.")
    st.caption(f"Aanname: {staffel.PRESETS[name].assumption}")
    wanted = (name, int(extra), int(above))
    state = st.session_state
    if state.get(ROWS_FOR) != wanted or ROWS not in state:
        state[ROWS] = staffel.editor_frame(staffel.preset(name, law, int(extra), int(above)))
        state[ROWS_FOR] = wanted
        state.pop("staffel_editor", None)
    # A fixed number of rows: Enter on the last row cannot add empty rows; the buttons below add
    # or remove a band. With fixed rows and a key, the editor keeps the user's edits while the
    # table keeps its shape.
    edited = st.data_editor(
        state[ROWS],
        key="staffel_editor",
        num_rows="fixed",
        hide_index=True,
        column_config={
            "min_inhabitants": st.column_config.TextColumn(
                "Vanaf (inwoners)",
                required=True,
                help="Een heel getal, bijvoorbeeld 3.001 of 3 001.",
            ),
            "max_inhabitants": st.column_config.TextColumn(
                "Tot en met (inwoners)",
                help=f"Bij de laatste band '{staffel.OPEN_END}': die heeft geen bovengrens.",
            ),
            "council_seats": st.column_config.NumberColumn(
                "Zetels",
                min_value=1,
                max_value=staffel_check.MAX_SEATS,
                step=1,
                format="%d",
                required=True,
            ),
        },
    )
    cols = st.columns(2)
    cols[0].button("Band toevoegen", key="staffel_add_band", on_click=_change_rows, args=(1,))
    cols[1].button(
        "Onderste band weghalen",
        key="staffel_drop_band",
        on_click=_change_rows,
        args=(-1,),
        disabled=len(state[ROWS]) <= 1,
    )
    checked = staffel_check.validate(edited)
    if checked.errors:
        st.error(
            "Met deze staffel kan Raadsradar niet rekenen. Pas dit aan:\n\n"
            + "\n".join(f"- {error}" for error in checked.errors)
        )
    for warning in checked.warnings:
        st.warning(warning)
    return checked


X_TEXT = "staffel_plus_x"  # the text input (Dutch thousands separators: 100.000)
X_VALUE = "staffel_plus_x_value"  # the last valid number of inhabitants
X_PROBLEM = "staffel_plus_x_problem"
X_MAX = 2_000_000


def _render_threshold(column: object) -> int:
    """X inhabitants, typed as people write it ('50000', '50.000', '50 000') and shown with
    thousands separators; a wrong entry says what to type and keeps the last good number."""
    state = st.session_state
    state.setdefault(X_VALUE, 100_000)
    state.setdefault(X_TEXT, fmt.number(state[X_VALUE]))
    column.text_input(
        "X: boven hoeveel inwoners",
        key=X_TEXT,
        on_change=_read_threshold,
        help="Gemeenten met meer inwoners dan dit krijgen de extra zetels. Typ bijvoorbeeld "
        "50.000.",
    )
    problem = state.pop(X_PROBLEM, None)
    if problem:
        column.error(problem)
    return int(state[X_VALUE])


def _read_threshold() -> None:
    state = st.session_state
    text = str(state[X_TEXT]).strip()
    digits = text.replace(".", "").replace(" ", "").replace("\u00a0", "").replace("_", "")
    if not digits.isascii() or not digits.isdigit() or int(digits) > X_MAX:
        state[X_PROBLEM] = (
            f"'{fmt.shorten(text, 20)}' is geen aantal inwoners tussen 0 en "
            f"{fmt.number(X_MAX)}. Typ een heel getal, bijvoorbeeld 50.000. De kaart gebruikt "
            f"nog {fmt.number(state[X_VALUE])}."
        )
        state[X_TEXT] = fmt.number(state[X_VALUE])
        return
    state[X_VALUE] = int(digits)
    state[X_TEXT] = fmt.number(int(digits))


def _change_rows(step: int) -> None:
    """Button callback: keep the user's edits, then add an empty band or drop the last row."""
    state = st.session_state
    rows = state[ROWS].copy()
    for row, changes in ((state.get("staffel_editor") or {}).get("edited_rows") or {}).items():
        for column, value in changes.items():
            if column in rows.columns:
                rows.at[int(row), column] = value
    if step > 0:
        empty = pd.DataFrame({"min_inhabitants": [""], "max_inhabitants": [""]})
        empty["council_seats"] = pd.array([None], dtype="Int64")
        rows = pd.concat([rows.astype({"council_seats": "Int64"}), empty], ignore_index=True)
    elif len(rows) > 1:
        rows = rows.iloc[:-1].reset_index(drop=True)
    state[ROWS] = rows
    state.pop("staffel_editor", None)


def render_law(law_table: pd.DataFrame) -> None:
    """The law's staffel with its own wording, in a collapsed section."""
    with st.expander("De staffel zoals hij in de wet staat"):
        shown = pd.DataFrame(
            {
                "Inwoners (tekst van de wet)": law_table["band_as_worded_in_law"],
                "Zetels": law_table["council_seats"],
            }
        )
        st.dataframe(shown, hide_index=True, key="staffel_law_table")
        st.caption(
            f"Bron: {staffel.SOURCE_LAW}. De grenzen tellen mee zoals de wet ze noemt: 3.000 "
            "inwoners geeft 9 zetels, 3.001 geeft 11. De wet telt de inwoners op 1 januari van het "
            "jaar vóór de verkiezing (art. 1 lid 2)."
        )


def render_agreement(result: staffel_agreement.Agreement) -> None:
    """How the law matches the 2026 councils, with the gemeenten where it does not."""
    st.markdown(result.summary())
    if result.without_2026:
        st.caption(staffel.NO_2026_NOTE)
    if len(result.differing):
        with st.expander(
            f"De {fmt.count(len(result.differing), 'gemeente', 'gemeenten')} met een verschil"
        ):
            # st.table wraps the explanations, which a dataframe cell would cut off.
            st.table(staffel_agreement.agreement_table(result), hide_index=True)
    st.caption(
        f"Bronnen: {staffel.SOURCE_POPULATION}; {staffel.SOURCE_SEATS}; {staffel.SOURCE_LAW}."
    )


def render_map(comparison: pd.DataFrame) -> None:
    """One what-if map at a time (keeps the payload small), with legend and alt text."""
    measure = st.radio(
        "Wat toont de kaart?",
        list(MAP_CHOICES),
        format_func=MAP_CHOICES.get,
        key="staffel_map_measure",
        horizontal=True,
    )
    part, result = staffel_map.map_view(comparison, measure)
    fig = maps.classified_choropleth(
        part,
        result,
        outlined=st.session_state.get(frame.BASKET, []),
        height=560,
        hover_columns=staffel_map.HOVER_COLUMNS,
        hovertemplate=staffel_map.HOVER_TEMPLATE,
    )
    map_col, legend_col = st.columns([4, 1])
    with map_col:
        st.plotly_chart(
            fig,
            key="staffel_map",
            config={"scrollZoom": True, "displaylogo": False},
            alt=staffel_map.map_alt(comparison, measure),
        )
    with legend_col:
        maps.render_legend(result, staffel_map.MEASURES[measure])
        if result.note:
            st.caption(result.note)
    item = staffel_map.MEASURES[measure]
    st.caption(f"{item.definition} Bron: {item.source}; {staffel.SOURCE_SEATS}.")


def render_affected(comparison: pd.DataFrame) -> None:
    """The gemeenten whose council changes; selected rows can go into the basket."""
    rows = staffel_compare.affected(comparison)
    if rows.empty:
        st.info("Met deze staffel verandert het aantal zetels in geen enkele gemeente.")
        return
    columns = {
        "name": st.column_config.TextColumn("Gemeente"),
        "province_name": st.column_config.TextColumn("Provincie"),
        "inhabitants": st.column_config.NumberColumn("Inwoners 1-1-2024", format="localized"),
        "seats_now": st.column_config.NumberColumn("Zetels nu"),
        "seats_alt": st.column_config.NumberColumn("Zetels nieuw"),
        "seat_change": st.column_config.NumberColumn("Verschil", format="%+d"),
        "inhabitants_per_seat_now": st.column_config.NumberColumn(
            "Inwoners per zetel nu", format="localized"
        ),
        "inhabitants_per_seat_alt": st.column_config.NumberColumn(
            "Inwoners per zetel nieuw", format="localized"
        ),
        "extra_candidates": st.column_config.NumberColumn(
            "Extra kandidaten (schatting)", format="localized"
        ),
        "candidates_per_seat_basis": st.column_config.TextColumn("Kandidaten per zetel uit"),
        "band_note": st.column_config.TextColumn("Band volgens de raad van 2026", width="large"),
    }
    shown = rows[["code", *columns]].copy()
    for column in ("inhabitants_per_seat_now", "inhabitants_per_seat_alt"):
        shown[column] = shown[column].round(0)
    shown["extra_candidates"] = shown["extra_candidates"].round(1)
    event = st.dataframe(
        shown,
        column_config=columns,
        column_order=list(columns),
        hide_index=True,
        key="staffel_affected",
        on_select="rerun",
        selection_mode="multi-row",
        height=min(400, 38 + 35 * len(shown)),
    )
    picked = event.selection.rows if event is not None else []
    codes = shown.iloc[picked]["code"].tolist()
    # on_click, not `if st.button(...)`: the callback runs before the script, so the sidebar count
    # is current, and the click survives the frame's one-off rerun (ensure_frame). A fixed label
    # keeps the button's identity when the number of chosen rows changes.
    st.button(
        "Gekozen gemeenten toevoegen aan selectie",
        key="staffel_add_basket",
        disabled=not codes,
        on_click=add_to_basket,
        args=(codes,),
        help="Kies eerst een of meer rijen in de tabel (vakje links van de rij).",
    )
    if codes:
        st.caption(f"{len(codes)} {'gemeente' if len(codes) == 1 else 'gemeenten'} gekozen.")
    by_council = rows[rows["band_note"] != ""]["name"].tolist()
    if by_council:
        st.caption(
            f"{', '.join(sorted(by_council))}: {'telt' if len(by_council) == 1 else 'tellen'} in de "
            "band van de raad van 2026, niet in die van het inwonertal van 1 januari 2024, omdat "
            "die raad al bij een nieuwer inwonertal hoort (de wet telt 1 januari 2025). Zie de "
            "kolom 'Band volgens de raad van 2026'."
        )
    st.caption(
        f"{fmt.number(len(rows))} gemeenten. Inwoners: {staffel.SOURCE_POPULATION}. Zetels nu: "
        f"{staffel.SOURCE_SEATS}. Extra kandidaten: schatting met kandidaten per zetel "
        f"({staffel.SOURCE_CANDIDATES})."
    )


def add_to_basket(codes: list[str]) -> None:
    """Add gemeenten to the selection basket (button callback)."""
    frame.set_basket(selection.update(st.session_state.get(frame.BASKET, []), codes, "add"))


def render_exports(comparison: pd.DataFrame, alternative: pd.DataFrame) -> None:
    """Downloads of the comparison per gemeente and of the staffel used (no rerun on click)."""
    left, right = st.columns(2)
    left.download_button(
        "Vergelijking per gemeente (CSV)",
        staffel_export.export_csv(comparison),
        file_name="raadsradar_staffel_vergelijking.csv",
        mime="text/csv",
        key="staffel_export_csv",
        on_click="ignore",
        help="Alle 342 gemeenten: zetels nu en met de nieuwe staffel, inwoners per zetel en "
        "de geschatte extra kandidaten. Puntkomma's en decimale komma, voor Excel.",
    )
    right.download_button(
        "De nieuwe staffel (CSV)",
        staffel_export.staffel_csv(alternative),
        file_name="raadsradar_staffel_banden.csv",
        mime="text/csv",
        key="staffel_export_bands",
        on_click="ignore",
        help="De banden en zetels waarmee is gerekend. Lege 'Tot en met' = geen bovengrens.",
    )

"""The data page's imported indicators: downloads, template, the editor, saved indicators, preview map."""

from __future__ import annotations

import re

import pandas as pd
import streamlit as st

from components import cache, imported, maps
from core import catalogue, classify
from core.ingest import output as ingest_output
from core.ingest import report as ingest_report


def render_downloads(report: ingest_report.Report, stored: dict) -> None:
    """Unmatched and rejected rows, the values as read and the original file."""
    cols = st.columns(4)
    stem = re.sub(r"[^A-Za-z0-9_-]+", "_", stored["name"].rsplit(".", 1)[0])[:40] or "bestand"
    # Made when clicked, not on every run: a large file's rows take seconds to write out.
    cols[0].download_button(
        "Niet-gekoppelde rijen (CSV)",
        lambda: ingest_output.to_csv_bytes(ingest_output.problem_rows(report, "unmatched")),
        file_name=f"{stem}_niet_gekoppeld.csv",
        mime="text/csv",
        key="download_unmatched",
        on_click="ignore",
        disabled=not report.unmatched,
    )
    cols[1].download_button(
        "Afgewezen rijen en cellen (CSV)",
        lambda: ingest_output.to_csv_bytes(ingest_output.problem_rows(report, "rejected")),
        file_name=f"{stem}_afgewezen.csv",
        mime="text/csv",
        key="download_rejected",
        on_click="ignore",
        disabled=not report.rejected,
    )
    values = report.values.reset_index() if report.ok else pd.DataFrame()
    cols[2].download_button(
        "Gekoppelde waarden (CSV)",
        ingest_output.to_csv_bytes(values),
        file_name=f"{stem}_per_gemeente.csv",
        mime="text/csv",
        key="download_values",
        on_click="ignore",
        disabled=values.empty,
    )
    original = imported.file_bytes(stored)
    cols[3].download_button(
        "Origineel bestand",
        original or b"",
        file_name=stored["name"],
        mime="application/octet-stream",
        key="download_original",
        on_click="ignore",
        disabled=original is None,
        help=None if original else "Niet meer in de sessie bewaard; u hebt het bestand zelf nog.",
    )


def render_template_downloads() -> None:
    """The 342 gemeenten (code, name, province) with empty columns, as CSV and Excel."""
    frame = ingest_output.template(cache.table("gemeenten"))
    cols = st.columns(2)
    cols[0].download_button(
        "Sjabloon met alle gemeenten (CSV)",
        ingest_output.to_csv_bytes(frame),
        file_name="raadsradar_sjabloon.csv",
        mime="text/csv",
        key="download_template_csv",
        on_click="ignore",
    )
    cols[1].download_button(
        "Sjabloon met alle gemeenten (Excel)",
        ingest_output.to_xlsx_bytes(frame, "Sjabloon"),
        file_name="raadsradar_sjabloon.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="download_template_xlsx",
        on_click="ignore",
    )


# --- Imported indicators -----------------------------------------------------------------------


def render_indicator_editor(report: ingest_report.Report, stored: dict) -> None:
    """Choose columns, label, unit and direction; save them as this session's indicators."""
    if not report.ok or not report.value_columns:
        return
    file_id = st.session_state[imported.CURRENT]
    existing = {
        (e["file"], e["column"]): key for key, e in imported.state(imported.INDICATORS).items()
    }
    rows = []
    for name in report.value_columns:
        column = report.column(name)
        saved = existing.get((file_id, name))
        item = imported.state(imported.INDICATORS)[saved]["indicator"] if saved else None
        direction = item["higher_is_worse"] if item else column.higher_is_worse
        rows.append(
            {
                "gebruiken": bool(saved)
                or report.kind == "candidate_lists"
                or len(report.value_columns) <= 5,
                "kolom": name,
                "naam": item["label"] if item else (column.label or name),
                "eenheid": item["unit"] if item else column.unit,
                "richting": next(k for k, v in imported.DIRECTIONS.items() if v == direction),
                "gemeenten met waarde": int(report.values[name].notna().sum()),
            }
        )
    st.subheader("Gebruiken als indicator")
    st.caption(
        "Gekozen kolommen worden indicatoren in uw sessie: bruikbaar op de kaart, bij de groepen, "
        "in de prioriteitsscore en in exports. Andere gebruikers zien ze niet; ze verdwijnen als "
        "u de app sluit."
    )
    base = pd.DataFrame(rows)
    editor_key = f"import_editor_{file_id}"
    st.data_editor(
        base,
        hide_index=True,
        key=editor_key,
        disabled=["kolom", "gemeenten met waarde"],
        column_order=["gebruiken", "kolom", "naam", "eenheid", "gemeenten met waarde"],
        column_config={
            "gebruiken": st.column_config.CheckboxColumn("Gebruiken"),
            "naam": st.column_config.TextColumn("Naam (label)", max_chars=120),
            "eenheid": st.column_config.TextColumn("Eenheid", max_chars=40),
        },
    )
    directions = _render_directions(base, file_id)
    # A callback, not `if st.button(...)`: it runs before the script, so the save also holds
    # when the frame reruns the script (frame.ensure_frame) in the same request.
    st.button(
        "Opslaan als mijn indicatoren",
        key="import_save",
        type="primary",
        on_click=_save_clicked,
        args=(report, stored, base, editor_key, directions),
    )
    flash = st.session_state.pop(imported.FLASH, None)
    if flash:
        saved, skipped = flash
        if saved:
            st.success(f"{len(saved)} indicator(en) opgeslagen in uw sessie.")
            items = imported.imported_catalogue()
            undirected = [items[k].label for k in saved if items[k].higher_is_worse is None]
            if undirected:
                st.warning(
                    "Zonder richting, dus niet in de prioriteitsscore: "
                    + ", ".join(imported.md(label) for label in undirected)
                    + ". Kies hierboven 'hoger is slechter' of 'hoger is beter' en sla opnieuw op."
                )
        for name in skipped:
            st.warning(
                imported.md(
                    f"Kolom '{name}': bevestig eerst of de waarden fracties zijn (hierboven)."
                )
            )


DIRECTION_LABELS = {
    "hoger is slechter": "hoger is slechter",
    "hoger is beter": "hoger is beter",
    "geen richting": "geen richting (telt niet mee in de prioriteitsscore)",
}


def _render_directions(base: pd.DataFrame, file_id: str) -> dict[str, str]:
    """Per column, in plain sight: is a higher value worse or better? (widget key per column)."""
    st.markdown("**Is een hogere waarde slechter of beter?**")
    st.caption(
        "Nodig voor de kleuren op de kaart en voor de prioriteitsscore: een kolom zonder "
        "richting telt niet mee in de score."
    )
    keys = {}
    for row in base.to_dict("records")[: imported.LIST_LIMIT]:
        key = f"direction_{file_id}_{imported.short_key(row['kolom'])}"
        st.radio(
            f"Kolom '{imported.md(row['kolom'])}'",
            list(DIRECTION_LABELS),
            index=list(DIRECTION_LABELS).index(row["richting"]),
            format_func=DIRECTION_LABELS.get,
            key=key,
            horizontal=True,
        )
        keys[row["kolom"]] = key
    return keys


def _save_clicked(
    report: ingest_report.Report,
    stored: dict,
    base: pd.DataFrame,
    editor_key: str,
    directions: dict[str, str],
) -> None:
    edited = imported.edited_frame(base, st.session_state.get(editor_key))
    for index, name in edited["kolom"].items():
        if name in directions:
            edited.at[index, "richting"] = st.session_state.get(
                directions[name], edited.at[index, "richting"]
            )
    st.session_state[imported.FLASH] = imported.save_indicators(report, stored, edited)


def render_session_indicators() -> str | None:
    """This session's imported indicators, a remove button and a preview map of one of them."""
    items = imported.imported_catalogue()
    if not items:
        st.info("Nog geen eigen indicatoren in deze sessie.")
        return None
    stored = imported.state(imported.INDICATORS)
    st.dataframe(
        pd.DataFrame(
            [
                {
                    "id": key,
                    "naam": item.label,
                    "eenheid": item.unit,
                    "bron": item.source,
                    "gemeenten met waarde": len(stored[key]["values"]),
                }
                for key, item in items.items()
            ]
        ),
        hide_index=True,
        key="import_indicators",
    )
    chosen = st.selectbox(
        "Bekijk op de kaart",
        list(items),
        format_func=lambda key: items[key].label,
        key="import_map_indicator",
    )
    remove = st.multiselect(
        "Verwijderen", list(items), format_func=lambda k: items[k].label, key="import_remove_choice"
    )
    st.button(
        "Verwijder gekozen indicatoren",
        key="import_remove",
        disabled=not remove,
        on_click=imported.remove_indicators,
        args=(remove,),
    )
    return chosen


def render_preview_map(indicator_id: str) -> None:
    """A quantile map of one imported indicator (escaped hover texts, offline background)."""
    item = imported.imported_catalogue()[indicator_id]
    values = pd.Series(imported.state(imported.INDICATORS)[indicator_id]["values"], dtype="float64")
    frame = ingest_output.map_frame(values, cache.table("gemeenten"), item)
    result = classify.for_indicator(frame["value"], item)
    frame["class"] = result.classes

    fig = maps.classified_choropleth(
        frame,
        result,
        height=520,
        uirevision=f"import-{indicator_id}",
    )
    known = int(frame["value"].notna().sum())
    st.plotly_chart(
        fig,
        key="import_map",
        width="stretch",
        config={"displaylogo": False},
        alt=f"Kaart van {item.label} (eigen import) voor {known} van {len(frame)} gemeenten.",
    )
    legend = [
        f"{imported.md(row['label'])}: {row['count']} gemeenten"
        for row in classify.legend_rows(result)
    ]
    st.caption(imported.md(item.label) + " — " + "; ".join(legend))
    st.caption(imported.md(f"Bron: {item.source}. Soort: {catalogue.KINDS[item.kind]}."))

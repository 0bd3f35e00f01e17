"""The data page's imported indicators: downloads, template, the editor, saved indicators, preview map."""

from __future__ import annotations

import re

import pandas as pd
import streamlit as st

from components import cache, imported, maps
from core import classify, fmt, indicator_meta, safe
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
    """Choose columns; per chosen column its label, unit and direction; save them as this
    session's indicators (saying what was saved, removed or held back, or that nothing was)."""
    if not report.ok or not report.value_columns:
        return
    file_id = st.session_state[imported.CURRENT]
    entries = imported.state(imported.INDICATORS)
    existing = {(e["file"], e["column"]): key for key, e in entries.items()}
    saved = [name for name in report.value_columns if (file_id, name) in existing]
    st.subheader("Gebruiken als indicator")
    st.caption(
        "Gekozen kolommen worden indicatoren in uw sessie: bruikbaar op de kaart, bij de groepen, "
        "in de prioriteitsscore, in exports en op dia's. Andere gebruikers zien ze niet; ze "
        "verdwijnen als u de app sluit."
    )
    use_key = f"import_use_{file_id}"
    if use_key not in st.session_state:
        few = report.kind == "candidate_lists" or len(report.value_columns) <= 5
        st.session_state[use_key] = saved or (list(report.value_columns) if few else [])
    counts = {name: report.with_value(name) for name in report.value_columns}
    chosen = st.multiselect(
        f"Kolommen die indicator worden ({fmt.number(len(report.value_columns))} met getallen)",
        report.value_columns,
        key=use_key,
        format_func=lambda name: f"{name} ({fmt.number(counts[name])} gemeenten met waarde)",
        placeholder="Kies kolommen (typ om te zoeken)",
    )
    if not chosen:
        st.info(
            "Kies hierboven de kolommen die u wilt gebruiken; daarna ziet u per kolom de naam, "
            "de eenheid en de vraag of een hogere waarde slechter is."
        )
    keys = {}
    for name in chosen[: imported.LIST_LIMIT]:
        keys[name] = _render_column(report, name, file_id, existing.get((file_id, name)))
    if len(chosen) > imported.LIST_LIMIT:
        st.caption(
            f"De andere {fmt.number(len(chosen) - imported.LIST_LIMIT)} gekozen kolommen worden "
            "opgeslagen met hun kolomnaam, zonder richting. Kies minder kolommen tegelijk om ze "
            "aan te passen."
        )
    # A callback, not `if st.button(...)`: it runs before the script, so the save also holds
    # when the frame reruns the script (frame.ensure_frame) in the same request.
    st.button(
        "Opslaan als mijn indicatoren",
        key="import_save",
        type="primary",
        on_click=_save_clicked,
        args=(report, stored, use_key, keys),
    )
    _render_flash()


def _render_column(
    report: ingest_report.Report, name: str, file_id: str, saved_key: str | None
) -> dict[str, str]:
    """Label, unit and direction of one chosen column (widget keys per column)."""
    column = report.column(name)
    item = imported.state(imported.INDICATORS)[saved_key]["indicator"] if saved_key else None
    short = imported.short_key(name)
    keys = {
        "naam": f"import_label_{file_id}_{short}",
        "eenheid": f"import_unit_{file_id}_{short}",
        "richting": f"direction_{file_id}_{short}",
    }
    defaults = {
        keys["naam"]: item["label"] if item else ingest_output.readable_label(column.label or name),
        keys["eenheid"]: item["unit"] if item else column.unit,
        keys["richting"]: next(
            k
            for k, v in imported.DIRECTIONS.items()
            if v == (item["higher_is_worse"] if item else column.higher_is_worse)
        ),
    }
    for key, value in defaults.items():
        st.session_state.setdefault(key, value)
    with st.container(border=True):
        top = st.columns([3, 1])
        top[0].text_input(
            f"Naam van kolom '{safe.markdown(name)}'", key=keys["naam"], max_chars=120
        )
        top[1].text_input("Eenheid", key=keys["eenheid"], max_chars=40, placeholder="bijv. %")
        st.radio(
            f"Kolom '{safe.markdown(name)}': is een hogere waarde slechter of beter?",
            list(DIRECTION_LABELS),
            format_func=DIRECTION_LABELS.get,
            key=keys["richting"],
            horizontal=True,
            help="Nodig voor de kleuren op de kaart en voor de prioriteitsscore: een kolom "
            "zonder richting telt niet mee in de score.",
        )
        st.caption(f"{fmt.number(report.with_value(name))} gemeenten met een waarde.")
    return keys


def _render_flash() -> None:
    flash = st.session_state.pop(imported.FLASH, None)
    if not flash:
        return
    saved, skipped, removed = flash
    if saved:
        st.success(f"{len(saved)} indicator(en) opgeslagen in uw sessie.")
        items = imported.imported_catalogue()
        undirected = [items[k].label for k in saved if items[k].higher_is_worse is None]
        if undirected:
            st.warning(
                "Zonder richting, dus niet in de prioriteitsscore: "
                + ", ".join(safe.markdown(label) for label in undirected)
                + ". Kies hierboven 'hoger is slechter' of 'hoger is beter' en sla opnieuw op."
            )
    if removed:
        st.info(f"{removed} eerder opgeslagen indicator(en) van dit bestand verwijderd.")
    for name in skipped:
        st.warning(
            safe.markdown(
                f"Kolom '{name}': bevestig eerst of de waarden fracties zijn (hierboven)."
            )
        )
    if not (saved or removed or skipped):
        st.warning("Niets opgeslagen: kies eerst hierboven minstens één kolom.")


DIRECTION_LABELS = {
    "hoger is slechter": "hoger is slechter",
    "hoger is beter": "hoger is beter",
    "geen richting": "geen richting (telt niet mee in de prioriteitsscore)",
}


def _save_clicked(
    report: ingest_report.Report, stored: dict, use_key: str, keys: dict[str, dict[str, str]]
) -> None:
    state = st.session_state
    chosen = set(state.get(use_key) or [])
    rows = []
    for name in report.value_columns:
        widget = keys.get(name, {})
        column = report.column(name)
        rows.append(
            {
                "gebruiken": name in chosen,
                "kolom": name,
                "naam": state.get(widget.get("naam"), "")
                or ingest_output.readable_label(column.label or name),
                "eenheid": state.get(widget.get("eenheid"), column.unit),
                "richting": state.get(widget.get("richting"), "geen richting"),
            }
        )
    before = set(imported.state(imported.INDICATORS))
    saved, skipped = imported.save_indicators(report, stored, pd.DataFrame(rows))
    removed = len(before - set(imported.state(imported.INDICATORS)))
    state[imported.FLASH] = (saved, skipped, removed)


def render_session_indicators() -> str | None:
    """This session's imported indicators, a remove button and a preview map of one of them."""
    items = imported.imported_catalogue()
    if not items:
        st.info("Nog geen eigen indicatoren in deze sessie.")
        return None
    stored = imported.state(imported.INDICATORS)
    st.dataframe(
        safe.frame(
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
            )
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
        f"{safe.markdown(row['label'])}: {row['count']} gemeenten"
        for row in classify.legend_rows(result)
    ]
    st.caption(safe.markdown(item.label) + " — " + "; ".join(legend))
    st.caption(safe.markdown(f"Bron: {item.source}. Soort: {indicator_meta.KINDS[item.kind]}."))

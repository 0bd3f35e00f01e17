"""The user's own data: upload, report, choices and imported indicators, in this session only.

API for the other pages (map, groups, priority score, exports):

    imported.imported_values() -> pandas.DataFrame | None
        One row per gemeente with at least one imported value: column "code" (GM code, str)
        and one float column per imported indicator id ("import_..."). Shares are in percent
        when the user confirmed them as such. None when this session has imported nothing.

    imported.imported_catalogue() -> dict[str, core.catalogue.Indicator]
        The catalogue entries of those columns: kind "imported", theme "eigen", source = file
        name and upload date, label, unit and direction (higher_is_worse) as the user set them.

Merge them with the bundle's indicators on "code" and with catalogue.INDICATORS by id. Both
read st.session_state only (never module globals or st.cache_*), so another session never
sees them. The uploaded bytes are kept untouched in the session: they are re-read when the user
changes a reading setting, and offered back as "origineel bestand".

Everything in an upload is untrusted text: it is shown in tables (st.dataframe), as escaped
markdown, or html-escaped in map hovers; never with unsafe_allow_html. Downloads go through
core.ingest_output.safe_frame (formula injection).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re

import pandas as pd
import streamlit as st

from components import data
from core import (
    catalogue,
    classify,
    fmt,
    ingest,
    ingest_names,
    ingest_output,
    ingest_read,
    paths,
)

FILES = "imported_files"  # file id -> {"name", "data" (bytes), "uploaded" (ISO date), "size"}
CURRENT = "imported_current"  # file id of the file shown on the page
OPTIONS = "imported_options"  # file id -> dict of ingest.Options fields the user chose
REPORTS = "imported_reports"  # file id -> (options cache key, Report)
INDICATORS = "imported_indicators"  # indicator id -> {"indicator", "values", "file", "column"}
FLASH = "imported_flash"  # (saved ids, skipped columns) of the last save, shown once
UPLOAD_TYPES = ["csv", "tsv", "txt", "tab", "xlsx", "xlsm", "xls", "ods", "parquet", "pq"]
AUTO = "automatisch"
ENCODINGS = [AUTO, "utf-8", "utf-8-sig", "cp1252", "latin-1", "utf-16"]
DELIMITERS = {AUTO: None, "puntkomma ;": ";", "komma ,": ",", "tab": "\t", "streep |": "|"}
DECIMALS = {AUTO: None, "komma (12,5)": ",", "punt (12.5)": "."}
DIRECTIONS = {
    "geen richting": None,
    "hoger is slechter": True,
    "hoger is beter": False,
}
LIST_LIMIT = 30  # choices shown as widgets; the rest is in the tables and downloads
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


# --- Public API --------------------------------------------------------------------------------


def imported_catalogue() -> dict[str, catalogue.Indicator]:
    """This session's imported indicators by id (empty when nothing was imported)."""
    stored = st.session_state.get(INDICATORS, {})
    return {key: catalogue.Indicator(**entry["indicator"]) for key, entry in stored.items()}


def imported_values() -> pd.DataFrame | None:
    """code + one column per imported indicator id; None when nothing was imported."""
    stored = st.session_state.get(INDICATORS, {})
    if not stored:
        return None
    frame = pd.DataFrame(
        {key: pd.Series(entry["values"], dtype="float64") for key, entry in stored.items()}
    )
    frame.index.name = "code"
    return frame.sort_index().reset_index()


# --- Helpers -----------------------------------------------------------------------------------


def md(text: object) -> str:
    """Untrusted text made inert for st.markdown/st.warning (no links, images or formatting)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(text)).replace("\n", " ")


@st.cache_resource(show_spinner=False)
def _reference(folder: str) -> ingest_names.Reference:
    # Read-only lookup tables shared by all sessions; no user data goes in here.
    gemeenten = data.table("gemeenten")
    centroids = ingest_names.centroids_km(data.table("gemeenten_geo"))
    return ingest_names.Reference(gemeenten, ingest_names.load_successors(), centroids)


def reference() -> ingest_names.Reference:
    """The gemeente reference for matching (built once per server from the bundle)."""
    return _reference(str(paths.bundle_dir()))


def _state(name: str) -> dict:
    return st.session_state.setdefault(name, {})


def current_file() -> dict | None:
    """The stored upload shown on the page (survives page changes), or None."""
    file_id = st.session_state.get(CURRENT)
    return _state(FILES).get(file_id) if file_id else None


def current_options() -> ingest.Options:
    """The reading options the user chose for the current file."""
    file_id = st.session_state.get(CURRENT)
    stored = dict(_state(OPTIONS).get(file_id, {}))
    for name in ("as_percent", "not_fraction"):
        stored[name] = frozenset(stored.get(name, ()))
    return ingest.Options(**stored)


def _short(text: str) -> str:
    # Widget keys per value as given, stable when the order of the choices changes.
    return hashlib.sha256(text.encode()).hexdigest()[:10]


def _set_option(name: str, value: object) -> None:
    file_id = st.session_state.get(CURRENT)
    if file_id:
        _state(OPTIONS).setdefault(file_id, {})[name] = value


# --- Upload and report -------------------------------------------------------------------------


def render_upload() -> dict | None:
    """The uploader (key `upload`); a new file is stored in the session, untouched."""
    uploaded = st.file_uploader(
        "Kies een bestand met één rij per gemeente",
        type=UPLOAD_TYPES,
        key="upload",
        help="CSV, TSV of TXT (elke tekenset en elk scheidingsteken), Excel (.xlsx, kies het "
        "werkblad) of Parquet. Ook het kandidatenbestand van de Kiesraad "
        "(Kandidatenlijsten_GRjjjj.csv). Het bestand blijft alleen in uw sessie.",
    )
    if uploaded is not None:
        content = uploaded.getvalue()
        file_id = hashlib.sha256(uploaded.name.encode() + b"\0" + content).hexdigest()[:16]
        files = _state(FILES)
        if file_id not in files:
            files[file_id] = {
                "name": uploaded.name,
                "data": content,
                "uploaded": dt.date.today().isoformat(),
                "size": len(content),
            }
        st.session_state[CURRENT] = file_id
    stored = current_file()
    if stored is not None and uploaded is None:
        st.caption(f"Bestand in deze sessie: {md(stored['name'])}")
    return stored


def run_ingest(stored: dict, options: ingest.Options) -> ingest.Report:
    """The report for the current file and options (kept per file in the session)."""
    file_id = st.session_state[CURRENT]
    reports = _state(REPORTS)
    key = options.cache_key()
    cached = reports.get(file_id)
    if cached and cached[0] == key:
        return cached[1]
    with st.spinner("Bestand lezen en gemeenten koppelen…"):
        report = ingest.ingest(stored["data"], stored["name"], options, reference())
    reports[file_id] = (key, report)
    return report


def render_read_options(stored: dict, report: ingest.Report | None) -> ingest.Options:
    """Overrides for sheet, encoding, delimiter, decimal mark, header row and key column."""
    options = current_options()
    file_id = st.session_state[CURRENT]
    table = report.table if report else None
    with st.expander("Leesinstellingen (alleen nodig als de herkenning niet klopt)"):
        cols = st.columns(3)
        # From the file itself, so a sheet can be chosen even when the chosen one failed.
        sheets = ingest_read.sheet_names(stored["data"])
        if sheets:
            choice = cols[0].selectbox(
                "Werkblad",
                [AUTO, *sheets],
                key=f"upload_sheet_{file_id}",
                index=([AUTO, *sheets].index(options.sheet) if options.sheet in sheets else 0),
            )
            _set_option("sheet", None if choice == AUTO else choice)
        encoding = cols[1].selectbox(
            "Tekenset",
            ENCODINGS,
            key=f"upload_encoding_{file_id}",
            index=ENCODINGS.index(options.encoding) if options.encoding in ENCODINGS else 0,
        )
        _set_option("encoding", None if encoding == AUTO else encoding)
        delimiter = cols[2].selectbox(
            "Scheidingsteken",
            list(DELIMITERS),
            key=f"upload_delimiter_{file_id}",
            index=list(DELIMITERS.values()).index(options.delimiter)
            if options.delimiter in DELIMITERS.values()
            else 0,
        )
        _set_option("delimiter", DELIMITERS[delimiter])
        cols = st.columns(3)
        decimal = cols[0].selectbox(
            "Decimaalteken",
            list(DECIMALS),
            key=f"upload_decimal_{file_id}",
            index=list(DECIMALS.values()).index(options.decimal)
            if options.decimal in DECIMALS.values()
            else 0,
        )
        _set_option("decimal", DECIMALS[decimal])
        header = cols[1].number_input(
            "Rij met de kolomnamen (0 = automatisch)",
            min_value=0,
            step=1,
            value=int(options.header_row or 0),
            key=f"upload_header_{file_id}",
        )
        _set_option("header_row", int(header) or None)
        columns = [AUTO, *map(str, table.frame.columns)] if table is not None else [AUTO]
        key = cols[2].selectbox(
            "Kolom met de gemeente",
            columns,
            key=f"upload_key_{file_id}",
            index=columns.index(options.key_column) if options.key_column in columns else 0,
        )
        _set_option("key_column", None if key == AUTO else key)
        wijken = st.checkbox(
            "Wijken of buurten optellen tot gemeenten (alleen aantallen, alleen voor gemeenten "
            "zonder eigen rij)",
            value=options.aggregate_wijken,
            key=f"upload_wijken_{file_id}",
        )
        _set_option("aggregate_wijken", bool(wijken))
        if report is not None and report.kind == "candidate_lists":
            _render_seat_source(report, options, file_id)
    return current_options()


def _render_seat_source(report: ingest.Report, options: ingest.Options, file_id: str) -> None:
    """For candidate lists: council sizes from the bundle (2026) or from an imported column."""
    sources = {"uit de app (raadszetels 2026)": None} if report.year == 2026 else {}
    for key, entry in _state(INDICATORS).items():
        if "zetel" in f"{entry['column']} {entry['indicator']['label']}".lower():
            sources[f"eigen import: {entry['indicator']['label']}"] = key
    if not sources:
        st.caption(
            "Raadszetels: importeer eerst een bestand met het aantal zetels per gemeente (zoals "
            "Raadzetels_GR2026.csv) en sla die kolom op als indicator; daarna kiest u die hier."
        )
        return
    labels = list(sources)
    current = next(
        (k for k, v in sources.items() if v and options.seats == _seats_of(v)), labels[0]
    )
    choice = st.selectbox(
        "Raadszetels voor kandidaten per zetel en korte lijsten",
        labels,
        index=labels.index(current),
        key=f"upload_seats_{file_id}",
    )
    _set_option("seats", _seats_of(sources[choice]) if sources[choice] else None)


def _seats_of(indicator_id: str) -> dict[str, int]:
    values = _state(INDICATORS)[indicator_id]["values"]
    return {code: int(v) for code, v in values.items()}


def render_report(report: ingest.Report) -> None:
    """What the import did: counts, notes, warnings, columns and the unmatched rows."""
    if not report.ok:
        st.error(md(report.error))
        for warning in report.warnings:
            st.warning(md(warning))
        return
    with st.container(key="import_report"):
        cols = st.columns(5)
        cols[0].metric("Rijen gelezen", fmt.number(report.rows))
        cols[1].metric("Gekoppeld", fmt.number(report.matched))
        cols[2].metric("Niet gekoppeld", fmt.number(len(report.unmatched)))
        cols[3].metric("Gemeenten met dubbele rijen", fmt.number(len(report.duplicates)))
        cols[4].metric("Voormalige gemeenten", fmt.number(len(report.successors)))
        st.caption("Zo gelezen: " + " ".join(md(n) for n in report.notes))
        for warning in report.warnings:
            st.warning(md(warning))
        st.markdown("**Kolommen**")
        st.dataframe(_columns_table(report), hide_index=True, key="import_columns")
        if report.unmatched:
            st.markdown(f"**Niet gekoppelde rijen ({fmt.number(len(report.unmatched))})**")
            unmatched = pd.DataFrame(
                [{"rij": u.row, "waarde": u.value, "reden": u.reason} for u in report.unmatched]
            )
            st.dataframe(unmatched, hide_index=True, key="import_unmatched")
        if report.successors:
            names = reference().names
            st.markdown("**Voormalige gemeenten, gekoppeld aan hun opvolger**")
            st.dataframe(
                pd.DataFrame(
                    [
                        {"in het bestand": given, "opvolger": names.get(code, code), "code": code}
                        for given, code in report.successors.items()
                    ]
                ),
                hide_index=True,
                key="import_successors",
            )


ROLE_NAMES = {
    "key": "gemeente (sleutel)",
    "value": "getal",
    "text": "tekst",
    "skipped": "overgeslagen",
}


def _columns_table(report: ingest.Report) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "kolom": c.name,
                "gebruikt als": ROLE_NAMES.get(c.role, c.role),
                "getallen": c.numbers,
                "leeg of ontbrekend": c.missing,
                "geen getal": c.invalid,
                "hoe gelezen": c.note,
            }
            for c in report.columns
        ]
    )


# --- Choices the import cannot make alone ------------------------------------------------------


def render_choices(report: ingest.Report) -> None:
    """Ambiguous and split names, duplicate rows and fraction columns: the user decides."""
    if not report.ok:
        return
    options = current_options()
    file_id = st.session_state[CURRENT]
    ref = reference()
    fractions = [c for c in report.columns if c.role == "value" and c.fraction]
    if not (report.choices or options.resolve or report.duplicates or fractions):
        return
    st.subheader("Wat de import niet zelf beslist")
    if fractions:
        st.markdown("**Fracties of procenten?**")
        answers = {
            "nog niet gekozen": None,
            "fracties (0,25 = 25%): omrekenen naar procenten": True,
            "gewone getallen: laten zoals ze zijn": False,
        }
        as_percent, not_fraction = set(options.as_percent), set(options.not_fraction)
        for column in fractions:
            current = (
                True
                if column.name in as_percent
                else (False if column.name in not_fraction else None)
            )
            choice = st.radio(
                f"Kolom '{column.name}': alle waarden liggen tussen 0 en 1",
                list(answers),
                index=list(answers.values()).index(current),
                key=f"fraction_{file_id}_{_short(column.name)}",
                horizontal=True,
            )
            as_percent.discard(column.name)
            not_fraction.discard(column.name)
            if answers[choice] is True:
                as_percent.add(column.name)
            elif answers[choice] is False:
                not_fraction.add(column.name)
        _set_option("as_percent", sorted(as_percent))
        _set_option("not_fraction", sorted(not_fraction))
    # Values resolved earlier are no longer open choices in the report; keep showing them so
    # that the user can change the answer.
    open_choices = dict(report.choices)
    for given in options.resolve:
        open_choices.setdefault(given, ref.lookup(given).options)
    if open_choices:
        st.markdown("**Namen die bij meer gemeenten passen, en verdeelde voormalige gemeenten**")
        resolve = dict(options.resolve)
        for given, codes in list(open_choices.items())[:LIST_LIMIT]:
            labels = {"(niet gebruiken)": ""} | {ref.label(c): c for c in codes}
            current = resolve.get(given, "")
            choice = st.selectbox(
                f"'{given}' hoort bij",
                list(labels),
                key=f"resolve_{file_id}_{_short(given)}",
                index=list(labels.values()).index(current) if current in labels.values() else 0,
            )
            if labels[choice]:
                resolve[given] = labels[choice]
            else:
                resolve.pop(given, None)
        _set_option("resolve", resolve)
    if report.duplicates:
        st.markdown("**Meer rijen voor één gemeente: welke telt?**")
        keep = dict(options.keep_rows)
        for duplicate in report.duplicates[:LIST_LIMIT]:
            labels = {
                f"rij {r} ({g})": r for r, g in zip(duplicate.rows, duplicate.given, strict=True)
            }
            labels |= {"geen van deze": 0, "optellen (alleen aantallen)": ingest.SUM_ROWS}
            current = duplicate.kept if duplicate.kept is not None else 0
            st.dataframe(
                pd.DataFrame(
                    [
                        {"rij": r, "in het bestand": g, **v}
                        for r, g, v in zip(
                            duplicate.rows, duplicate.given, duplicate.values, strict=True
                        )
                    ]
                ),
                hide_index=True,
                key=f"duplicate_table_{file_id}_{duplicate.code}",
            )
            choice = st.selectbox(
                f"{ref.label(duplicate.code)}",
                list(labels),
                key=f"duplicate_{file_id}_{duplicate.code}",
                index=list(labels.values()).index(current) if current in labels.values() else 0,
            )
            keep[duplicate.code] = labels[choice]
        _set_option("keep_rows", keep)


# --- Downloads ---------------------------------------------------------------------------------


def render_downloads(report: ingest.Report, stored: dict) -> None:
    """Unmatched and rejected rows, the values as read and the original file."""
    cols = st.columns(4)
    stem = re.sub(r"[^A-Za-z0-9_-]+", "_", stored["name"].rsplit(".", 1)[0])[:40] or "bestand"
    cols[0].download_button(
        "Niet-gekoppelde rijen (CSV)",
        ingest_output.to_csv_bytes(ingest_output.problem_rows(report, "unmatched")),
        file_name=f"{stem}_niet_gekoppeld.csv",
        mime="text/csv",
        key="download_unmatched",
        on_click="ignore",
        disabled=not report.unmatched,
    )
    cols[1].download_button(
        "Afgewezen rijen en cellen (CSV)",
        ingest_output.to_csv_bytes(ingest_output.problem_rows(report, "rejected")),
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
    cols[3].download_button(
        "Origineel bestand",
        stored["data"],
        file_name=stored["name"],
        mime="application/octet-stream",
        key="download_original",
        on_click="ignore",
    )


def render_template_downloads() -> None:
    """The 342 gemeenten (code, name, province) with empty columns, as CSV and Excel."""
    frame = ingest_output.template(data.table("gemeenten"))
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


def render_indicator_editor(report: ingest.Report, stored: dict) -> None:
    """Choose columns, label, unit and direction; save them as this session's indicators."""
    if not report.ok or not report.value_columns:
        return
    file_id = st.session_state[CURRENT]
    existing = {(e["file"], e["column"]): key for key, e in _state(INDICATORS).items()}
    rows = []
    for name in report.value_columns:
        column = report.column(name)
        saved = existing.get((file_id, name))
        item = _state(INDICATORS)[saved]["indicator"] if saved else None
        direction = item["higher_is_worse"] if item else column.higher_is_worse
        rows.append(
            {
                "gebruiken": bool(saved)
                or report.kind == "candidate_lists"
                or len(report.value_columns) <= 5,
                "kolom": name,
                "naam": item["label"] if item else (column.label or name),
                "eenheid": item["unit"] if item else column.unit,
                "richting": next(k for k, v in DIRECTIONS.items() if v == direction),
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
        column_config={
            "gebruiken": st.column_config.CheckboxColumn("Gebruiken"),
            "naam": st.column_config.TextColumn("Naam (label)", max_chars=120),
            "eenheid": st.column_config.TextColumn("Eenheid", max_chars=40),
            "richting": st.column_config.SelectboxColumn("Richting", options=list(DIRECTIONS)),
        },
    )
    # A callback, not `if st.button(...)`: it runs before the script, so the save also holds
    # when the frame reruns the script (frame.ensure_frame) in the same request.
    st.button(
        "Opslaan als mijn indicatoren",
        key="import_save",
        type="primary",
        on_click=_save_clicked,
        args=(report, stored, base, editor_key),
    )
    flash = st.session_state.pop(FLASH, None)
    if flash:
        saved, skipped = flash
        if saved:
            st.success(f"{len(saved)} indicator(en) opgeslagen in uw sessie.")
        for name in skipped:
            st.warning(
                md(f"Kolom '{name}': bevestig eerst of de waarden fracties zijn (hierboven).")
            )


def edited_frame(base: pd.DataFrame, editor_state: dict | None) -> pd.DataFrame:
    """The editor's table with the user's edits (st.data_editor keeps only the changes)."""
    frame = base.copy()
    for row, changes in ((editor_state or {}).get("edited_rows") or {}).items():
        for column, value in changes.items():
            if column in frame.columns:
                frame.at[int(row), column] = value
    return frame


def _save_clicked(report: ingest.Report, stored: dict, base: pd.DataFrame, editor_key: str) -> None:
    edited = edited_frame(base, st.session_state.get(editor_key))
    st.session_state[FLASH] = save_indicators(report, stored, edited)


def save_indicators(
    report: ingest.Report, stored: dict, edited: pd.DataFrame
) -> tuple[list[str], list[str]]:
    """Store the chosen columns as catalogue entries with their values; returns (ids, skipped)."""
    file_id = st.session_state[CURRENT]
    indicators = _state(INDICATORS)
    existing = {(e["file"], e["column"]): key for key, e in indicators.items()}
    uploaded = dt.date.fromisoformat(stored["uploaded"])
    saved, skipped = [], []
    for row in edited.to_dict("records"):
        name = row["kolom"]
        key = existing.get((file_id, name))
        if not row["gebruiken"]:
            if key:
                indicators.pop(key)
            continue
        column = report.column(name)
        if column.fraction and column.fraction_confirmed is None:
            skipped.append(name)
            continue
        key = key or ingest_output.indicator_id(stored["name"], name, list(indicators))
        item = ingest_output.make_indicator(
            key,
            column,
            stored["name"],
            uploaded,
            label=str(row["naam"] or name),
            unit=str(row["eenheid"] or ""),
            higher_is_worse=DIRECTIONS.get(row["richting"]),
            year=report.year,
        )
        values = report.values[name].dropna()
        indicators[key] = {
            "indicator": item.as_dict(),
            "values": {str(code): float(v) for code, v in values.items()},
            "file": file_id,
            "column": name,
        }
        saved.append(key)
    return saved, skipped


def render_session_indicators() -> str | None:
    """This session's imported indicators, a remove button and a preview map of one of them."""
    items = imported_catalogue()
    if not items:
        st.info("Nog geen eigen indicatoren in deze sessie.")
        return None
    stored = _state(INDICATORS)
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
        on_click=remove_indicators,
        args=(remove,),
    )
    return chosen


def remove_indicators(ids: list[str]) -> None:
    """Drop imported indicators from this session."""
    stored = _state(INDICATORS)
    for key in ids:
        stored.pop(key, None)
    st.session_state.pop("import_remove_choice", None)
    if st.session_state.get("import_map_indicator") in ids:
        st.session_state.pop("import_map_indicator", None)


def render_preview_map(indicator_id: str) -> None:
    """A quantile map of one imported indicator (escaped hover texts, offline background)."""
    item = imported_catalogue()[indicator_id]
    values = pd.Series(_state(INDICATORS)[indicator_id]["values"], dtype="float64")
    frame = ingest_output.map_frame(values, data.table("gemeenten"), item)
    result = classify.for_indicator(frame["value"], item)
    frame["class"] = result.classes
    from components import maps  # maps imports this module for the session's indicators

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
        f"{md(row['label'])}: {row['count']} gemeenten" for row in classify.legend_rows(result)
    ]
    st.caption(md(item.label) + " — " + "; ".join(legend))
    st.caption(md(f"Bron: {item.source}. Soort: {catalogue.KINDS[item.kind]}."))

"""The user's own data: upload, report, choices and imported indicators, in this session only.

API for the other pages (map, groups, priority score, exports):

    imported.imported_values() -> pandas.DataFrame | None
        One row per gemeente with at least one imported value: column "code" (GM code, str)
        and one float column per imported indicator id ("import_..."). Shares are in percent
        when the user confirmed them as such. None when this session has imported nothing.

    imported.imported_catalogue() -> dict[str, core.indicator_meta.Indicator]
        The catalogue entries of those columns: kind "imported", theme "eigen", source = file
        name and upload date, label, unit and direction (higher_is_worse) as the user set them.

Merge them with the bundle's indicators on "code" and with catalogue.INDICATORS by id. Both
read st.session_state only (never module globals or st.cache_*), so another session never
sees them.

The uploaded bytes: Streamlit itself refuses files over server.maxUploadSize (50 MB, the app's
own limit). The session keeps the bytes of the current file only, only when it could be read and
only up to KEEP_BYTES: they are re-read when the user changes a reading setting, and offered back
as "origineel bestand". A file refused by a limit, a larger file once read, and any file that is
no longer the current one keep their name, size and report but not their bytes. While the
uploader on the page still holds the file, re-reading takes its bytes from there.

Everything in an upload is untrusted text. An imported indicator's texts are made plain once,
where it is created (core.ingest.output.make_indicator); wherever they are shown they go
through core.safe's escaper for that place (markdown, HTML, plotly, spreadsheet cell). Tables
of uploaded cells on screen and every download go through core.safe.frame.
"""

from __future__ import annotations

import datetime as dt
import hashlib

import pandas as pd
import streamlit as st

from components import cache
from core import fmt, indicator_meta, paths
from core.ingest import limits as ingest_limits
from core.ingest import names as ingest_names
from core.ingest import options as ingest_options
from core.ingest import output as ingest_output
from core.ingest import report as ingest_report
from core.ingest import successors as ingest_successors
from core.ingest import worker as ingest_worker

FILES = "imported_files"  # file id -> {"name", "data" (bytes|None), "uploaded" (ISO date), "size"}
CURRENT = "imported_current"  # file id of the file shown on the page
OPTIONS = "imported_options"  # file id -> dict of ingest_options.Options fields the user chose
REPORTS = "imported_reports"  # {file id: (options cache key, compact Report)}: one at a time
INDICATORS = "imported_indicators"  # indicator id -> {"indicator", "values", "file", "column"}
FLASH = "imported_flash"  # (saved ids, skipped columns, removed count) of the last save, once
YEARS = "imported_years"  # file id -> the reference year the user chose (None: unknown)
UPLOAD_TYPES = ["csv", "tsv", "txt", "tab", "xlsx", "xlsm", "xls", "ods", "parquet", "pq"]
AUTO = "automatisch"
ENCODINGS = [AUTO, "utf-8", "utf-8-sig", "cp1252", "latin-1", "utf-16", "utf-16-le", "utf-16-be"]
DELIMITERS = {AUTO: None, "puntkomma ;": ";", "komma ,": ",", "tab": "\t", "streep |": "|"}
DECIMALS = {AUTO: None, "komma (12,5)": ",", "punt (12.5)": "."}
DIRECTIONS = {
    "geen richting": None,
    "hoger is slechter": True,
    "hoger is beter": False,
}
KEEP_BYTES = (
    10 * 1024 * 1024
)  # bytes of the current file kept for re-reading after leaving the page
LIST_LIMIT = 30  # choices shown as widgets; the rest is in the tables and downloads


# --- Public API --------------------------------------------------------------------------------


def imported_catalogue() -> dict[str, indicator_meta.Indicator]:
    """This session's imported indicators by id (empty when nothing was imported)."""
    stored = st.session_state.get(INDICATORS, {})
    return {key: indicator_meta.Indicator(**entry["indicator"]) for key, entry in stored.items()}


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


@st.cache_resource(show_spinner=False)
def _reference(folder: str) -> ingest_names.Reference:
    # Read-only lookup tables shared by all sessions; no user data goes in here.
    gemeenten = cache.table("gemeenten")
    centroids = ingest_names.centroids_km(cache.table("gemeenten_geo"))
    return ingest_names.Reference(gemeenten, ingest_successors.load_successors(), centroids)


def reference() -> ingest_names.Reference:
    """The gemeente reference for matching (built once per server from the bundle)."""
    return _reference(str(paths.bundle_dir()))


def state(name: str) -> dict:
    return st.session_state.setdefault(name, {})


def current_file() -> dict | None:
    """The stored upload shown on the page (survives page changes), or None."""
    file_id = st.session_state.get(CURRENT)
    return state(FILES).get(file_id) if file_id else None


def current_options() -> ingest_options.Options:
    """The reading options the user chose for the current file."""
    file_id = st.session_state.get(CURRENT)
    stored = dict(state(OPTIONS).get(file_id, {}))
    for name in ("as_percent", "not_fraction"):
        stored[name] = frozenset(stored.get(name, ()))
    return ingest_options.Options(**stored)


def short_key(text: str) -> str:
    # Widget keys per value as given, stable when the order of the choices changes.
    return hashlib.sha256(text.encode()).hexdigest()[:10]


def set_option(name: str, value: object) -> None:
    file_id = st.session_state.get(CURRENT)
    if file_id:
        state(OPTIONS).setdefault(file_id, {})[name] = value


def file_id_of(name: str, content: bytes) -> str:
    """The session's id for an upload: the same file uploaded again gets the same id."""
    return hashlib.sha256(name.encode() + b"\0" + content).hexdigest()[:16]


def file_bytes(stored: dict) -> bytes | None:
    """The file's bytes: kept in the session, or still held by the uploader; else None."""
    if stored.get("data") is not None:
        return stored["data"]
    uploaded = st.session_state.get("upload")
    if uploaded is not None and uploaded.name == stored["name"] and uploaded.size == stored["size"]:
        content = uploaded.getvalue()
        if file_id_of(uploaded.name, content) == st.session_state.get(CURRENT):
            return content
    return None


def make_current(file_id: str) -> None:
    """Show this file; every other file lets go of its bytes and its report."""
    st.session_state[CURRENT] = file_id
    for other, stored in state(FILES).items():
        if other != file_id:
            stored["data"] = None
            state(REPORTS).pop(other, None)


def _release_bytes(stored: dict, report: ingest_report.Report) -> None:
    # A refused file cannot be read with other settings; a large one is not kept for it.
    if report.refused or stored["size"] > KEEP_BYTES:
        stored["data"] = None


def run_ingest(stored: dict, options: ingest_options.Options) -> ingest_report.Report:
    """The report for the current file and options: one report per session, as a session keeps
    it (Report.compact). A large file is read in a process of its own (core.ingest.worker),
    within limits of time and memory, and stops when this session does."""
    file_id = st.session_state[CURRENT]
    key = options.cache_key()
    cached = state(REPORTS).get(file_id)
    if cached and (cached[0] == key or cached[1].refused):
        return cached[1]
    content = file_bytes(stored)
    if content is None:
        return ingest_report.failed(
            stored["name"],
            f"Het bestand '{stored['name']}' is niet in de sessie bewaard (het is groter dan "
            f"{ingest_limits.size_text(KEEP_BYTES)}). Upload het opnieuw om het met andere "
            "leesinstellingen te lezen.",
        )
    # The previous report goes before the next is read: a session holds one at a time.
    st.session_state[REPORTS] = {}
    progress = st.empty()

    def tick(seconds: float, phase: str) -> None:
        # Every call to Streamlit is a point where a closed tab or a new click stops this run
        # (StopException/RerunException); the worker then ends the import's process.
        if seconds >= 1:
            what = (
                "Er wordt eerst een ander groot bestand ingelezen; daarna het uwe"
                if phase == "wachten"
                else "Bestand lezen en gemeenten koppelen"
            )
            progress.caption(f"{what}… {fmt.number(seconds)} s")

    with st.spinner("Bestand lezen en gemeenten koppelen…"):
        report = ingest_worker.run(content, stored["name"], options, reference(), tick=tick)
    progress.empty()
    st.session_state[REPORTS] = {file_id: (key, report)}
    _release_bytes(stored, report)
    return report


def chosen_year(file_id: str, report: ingest_report.Report) -> int | None:
    """The data's reference year: the user's answer for this file, else the file's own."""
    years = state(YEARS)
    return years.get(file_id, report.year)


def edited_frame(base: pd.DataFrame, editor_state: dict | None) -> pd.DataFrame:
    """The editor's table with the user's edits (st.data_editor keeps only the changes)."""
    frame = base.copy()
    for row, changes in ((editor_state or {}).get("edited_rows") or {}).items():
        for column, value in changes.items():
            if column in frame.columns:
                frame.at[int(row), column] = value
    return frame


def save_indicators(
    report: ingest_report.Report, stored: dict, edited: pd.DataFrame
) -> tuple[list[str], list[str]]:
    """Store the chosen columns as catalogue entries with their values; returns (ids, skipped)."""
    file_id = st.session_state[CURRENT]
    indicators = state(INDICATORS)
    existing = {(e["file"], e["column"]): key for key, e in indicators.items()}
    uploaded = dt.date.fromisoformat(stored["uploaded"])
    year = chosen_year(file_id, report)
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
            year=year,
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


def remove_indicators(ids: list[str]) -> None:
    """Drop imported indicators from this session."""
    stored = state(INDICATORS)
    for key in ids:
        stored.pop(key, None)
    st.session_state.pop("import_remove_choice", None)
    if st.session_state.get("import_map_indicator") in ids:
        st.session_state.pop("import_map_indicator", None)

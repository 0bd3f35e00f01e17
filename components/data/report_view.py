"""The data page's import report: coverage, how the rows add up, the reference year, columns.

A reader can check it: "338 van de 342 gemeenten" with the gemeenten that have no row named,
the rows read split into matched rows, rows of other areas (the country, provinces, regions:
recognisably no gemeente, so nothing to link) and rows not recognised; per column the
gemeenten with a value and those that show "geen gegevens" on the map, adding up to all.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from components import imported
from core import fmt, safe
from core.ingest import coverage
from core.ingest import report as ingest_report

ROLE_NAMES = {
    "key": "gemeente (sleutel)",
    "value": "getal",
    "text": "tekst",
    "skipped": "overgeslagen",
}
UNKNOWN_YEAR = "onbekend"


def render_report(report: ingest_report.Report) -> None:
    """What the import did: coverage, rows, year, notes, warnings, columns and problem rows."""
    if not report.ok:
        st.error(safe.markdown(report.error))
        for warning in report.warnings:
            st.warning(safe.markdown(warning))
        return
    names = imported.reference().names
    with st.container(key="import_report"):
        st.markdown(f"**{safe.markdown(coverage.coverage_line(report, names))}**")
        cols = st.columns(5)
        cols[0].metric(
            f"Gemeenten (van {fmt.number(report.gemeenten_total)})", fmt.number(report.covered)
        )
        cols[1].metric("Rijen gelezen", fmt.number(report.rows))
        cols[2].metric("Gekoppeld", fmt.number(report.matched))
        cols[3].metric("Geen gemeente", fmt.number(len(coverage.other_areas(report))))
        cols[4].metric("Niet herkend", fmt.number(len(coverage.unrecognised(report))))
        st.caption(safe.markdown(coverage.rows_line(report)) + _more(report))
        render_year(report)
        st.caption("Zo gelezen: " + " ".join(safe.markdown(n) for n in report.notes))
        for warning in report.warnings:
            st.warning(safe.markdown(warning))
        st.markdown("**Kolommen**")
        st.dataframe(safe.frame(_columns_table(report)), hide_index=True, key="import_columns")
        if len(report.missing) > coverage.MAX_NAMED:
            with st.expander(f"Gemeenten zonder rij ({fmt.number(len(report.missing))})"):
                st.dataframe(
                    pd.DataFrame({"code": report.missing, "gemeente": [names[c] for c in report.missing]}),
                    hide_index=True,
                    key="import_missing",
                )
        unknown = coverage.unrecognised(report)
        if unknown:
            st.markdown(f"**Niet herkende rijen ({fmt.number(len(unknown))})**")
            st.dataframe(safe.frame(_rows(unknown)), hide_index=True, key="import_unmatched")
        others = coverage.other_areas(report)
        if others:
            with st.expander(
                f"Rijen van andere gebieden dan gemeenten ({fmt.number(len(others))}, niet gebruikt)"
            ):
                st.dataframe(safe.frame(_rows(others)), hide_index=True, key="import_other_areas")
        if report.successors:
            st.markdown("**Voormalige gemeenten, gekoppeld aan hun opvolger**")
            st.dataframe(
                safe.frame(
                    pd.DataFrame(
                        [
                            {"in het bestand": given, "opvolger": names.get(code, code), "code": code}
                            for given, code in report.successors.items()
                        ]
                    )
                ),
                hide_index=True,
                key="import_successors",
            )


def _more(report: ingest_report.Report) -> str:
    parts = []
    if report.duplicates:
        parts.append(f"{fmt.number(len(report.duplicates))} gemeente(n) met meer dan één rij")
    if report.successors:
        parts.append(f"{fmt.number(len(report.successors))} voormalige gemeente(n) gekoppeld")
    return (" " + "; ".join(parts) + ".") if parts else ""


def _rows(items: list[ingest_report.Unmatched]) -> pd.DataFrame:
    return pd.DataFrame([{"rij": u.row, "waarde": u.value, "reden": u.reason} for u in items])


def _columns_table(report: ingest_report.Report) -> pd.DataFrame:
    """Per column its role; for number columns the gemeenten with a value and without one
    (they add up to every gemeente) and the cells that were no number."""
    counts = {row["kolom"]: row for row in coverage.column_counts(report)}
    frame = pd.DataFrame(
        [
            {
                "kolom": c.name,
                "gebruikt als": ROLE_NAMES.get(c.role, c.role),
                "gemeenten met waarde": counts.get(c.name, {}).get("gemeenten met waarde"),
                "geen gegevens": counts.get(c.name, {}).get("geen gegevens"),
                "cellen geen getal": c.invalid if c.role == "value" else None,
                "hoe gelezen": c.note,
            }
            for c in report.columns
        ]
    )
    # Empty, not "None", where a column has no numbers to count.
    numbers = ["gemeenten met waarde", "geen gegevens", "cellen geen getal"]
    frame[numbers] = frame[numbers].astype("Int64").astype("string").fillna("")
    return frame


# --- The reference year ------------------------------------------------------------------------


def render_year(report: ingest_report.Report) -> None:
    """The data's reference year: as found in the file, or as the user gives it; else unknown.
    Never the upload's date."""
    file_id = st.session_state[imported.CURRENT]
    years = list(range(dt.date.today().year + 1, 1989, -1))
    choices = [UNKNOWN_YEAR, *years]
    current = imported.chosen_year(file_id, report)
    key = f"import_year_{file_id}"
    st.session_state[key] = current if current in years else UNKNOWN_YEAR
    cols = st.columns([1, 3], vertical_alignment="bottom")
    cols[0].selectbox(
        "Peiljaar van deze gegevens",
        choices,
        key=key,
        on_change=_remember_year,
        args=(file_id, key),
        help="Het jaar waarop de cijfers slaan, niet de dag van de upload. Het staat bij de bron "
        "van de indicatoren, op de kaart, in exports en op dia's.",
    )
    found = (
        f"Gevonden: {report.year}, {report.year_source}."
        if report.year
        else f"Peiljaar {report.year_source}: kies het hier, anders staat er 'peiljaar onbekend'."
    )
    cols[1].caption(safe.markdown(found))


def _remember_year(file_id: str, key: str) -> None:
    value = st.session_state[key]
    imported.state(imported.YEARS)[file_id] = None if value == UNKNOWN_YEAR else int(value)

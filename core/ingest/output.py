"""What the import hands on: safe downloads, the template, and imported catalogue entries.

Every text cell of an upload is untrusted. Downloads pass through `core.safe.frame` (control
characters out, then formulas neutralised); an imported indicator's texts are made plain once,
here, where it is created (`make_indicator`), and escaped by context where they are shown.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from core import fmt, indicator_meta, safe
from core.ingest import names as ingest_names
from core.ingest import pipeline as ingest
from core.ingest import report as ingest_report
from core.ingest import table as ingest_table

# --- Downloads ---------------------------------------------------------------------------------


def problem_rows(report: ingest_report.Report, which: str) -> pd.DataFrame:
    """The "unmatched" or "rejected" rows with row number, reason and the original cells."""
    items = report.unmatched if which == "unmatched" else report.rejected
    columns = ["rij", "waarde", "reden"]
    if report.table is None or not items:
        return pd.DataFrame(columns=columns)
    position = {row: i for i, row in enumerate(report.table.rows)}
    # Only the rows listed are turned into text (a report can come from 190,000 rows).
    found = [position.get(item.row) for item in items]
    original = report.table.frame.iloc[[p for p in found if p is not None]]
    original = original.map(ingest_table.cell_text).to_dict("records")
    cells = iter(original)
    lines = [
        {
            "rij": item.row,
            "waarde": item.value,
            "reden": item.reason,
            **(next(cells) if p is not None else {}),
        }
        for item, p in zip(items, found, strict=True)
    ]
    left = report.rejected_total - len(report.rejected) if which == "rejected" else 0
    if left > 0:
        lines.append(
            {
                "rij": None,
                "waarde": "",
                "reden": f"En nog {fmt.number(left)} afgewezen rijen, om dezelfde redenen: de "
                f"lijst houdt op na {fmt.number(len(report.rejected))} rijen. Ze staan in uw "
                "eigen bestand.",
            }
        )
    return pd.DataFrame(lines)


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """CSV as Dutch Excel opens it (UTF-8 with BOM, ';'), safe against formula injection."""
    buffer = io.StringIO()
    safe.frame(frame).to_csv(buffer, sep=";", index=False, decimal=",")
    return buffer.getvalue().encode("utf-8-sig")


def to_xlsx_bytes(frame: pd.DataFrame, sheet: str = "Gegevens") -> bytes:
    """An .xlsx file with one sheet, safe against formula injection."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        safe.frame(frame).to_excel(writer, sheet_name=sheet, index=False)
    return buffer.getvalue()


def template(
    gemeenten: pd.DataFrame, columns: Sequence[str] = ("waarde 1", "waarde 2")
) -> pd.DataFrame:
    """The 342 gemeenten (code, name, province) with empty columns to fill in."""
    out = (
        pd.DataFrame(
            {
                "Gemeentecode": gemeenten["code"],
                "Gemeentenaam": gemeenten["name"],
                "Provincie": gemeenten["province_name"],
            }
        )
        .sort_values("Gemeentecode")
        .reset_index(drop=True)
    )
    for column in columns:
        out[column] = ""
    return out


# --- Imported indicators -----------------------------------------------------------------------

# Characters kept of the texts of an imported indicator (what a legend, a slide title or a
# spreadsheet header can hold; the rest ends in "…").
LABEL_LIMIT = 120
COLUMN_LIMIT = 120
UNIT_LIMIT = 40
FILE_LIMIT = 100
TEXT_LIMIT = 500


def indicator_id(filename: str, column: str, taken: Sequence[str] = ()) -> str:
    """A stable, unique id for an imported column: import_<file>_<column>, at most ~70 chars."""
    file_part = catalogue_slug(Path(filename).stem)[:24].strip("_") or "bestand"
    column_part = catalogue_slug(column)[:40].strip("_") or "kolom"
    base = f"import_{file_part}_{column_part}"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}_{n}", n + 1
    return candidate


def catalogue_slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", ingest_names.fold(text)).strip("_")


def make_indicator(
    indicator: str,
    column: ingest_report.Column,
    filename: str,
    uploaded: dt.date,
    label: str | None = None,
    unit: str | None = None,
    higher_is_worse: bool | None = None,
    year: int | None = None,
) -> indicator_meta.Indicator:
    """A catalogue entry (kind "imported") for one imported column.

    `year` is the data's reference year (from the file, or as the user gave it); without one, a
    year in the column's name counts, else the year stays unknown (None). The upload date is
    where the data came from, never its reference year.

    Every text in it comes from the file or the user: made plain text here, once (one line, no
    control characters, cut short); each place that shows it escapes it for its own context.
    """
    name = safe.plain(column.name, COLUMN_LIMIT)
    file_name = safe.plain(filename, FILE_LIMIT)
    definition = safe.plain(column.definition, TEXT_LIMIT) or (
        f"Kolom '{name}' uit het bestand {file_name}."
    )
    return indicator_meta.Indicator(
        id=indicator,
        label=safe.plain(label or readable_label(column.label or column.name), LABEL_LIMIT)
        or name
        or "kolom",
        unit=safe.plain(column.unit if unit is None else unit, UNIT_LIMIT),
        theme="eigen",
        source=f"{file_name}, geüpload op {fmt.date(uploaded)}",
        year=year or ingest.year_in(column.name),
        higher_is_worse=higher_is_worse,
        kind="imported",
        definition=f"Eigen import. {definition} Gelezen: {safe.plain(column.note, TEXT_LIMIT)}.",
        decimals=column.decimals,
    )


def readable_label(name: str) -> str:
    """A column name as a label: CBS's "MoeiteMetRondkomen_25" becomes "Moeite met rondkomen
    (25)"; any other name stays as it is."""
    match = re.fullmatch(r"((?:[A-Z][a-z0-9]+)+)_(\d+)", name.strip())
    if not match:
        return name
    words = re.findall(r"[A-Z][a-z0-9]*", match.group(1))
    text = " ".join([words[0], *(w.lower() for w in words[1:])])
    return f"{text} ({match.group(2)})"


def map_frame(
    values: pd.Series, gemeenten: pd.DataFrame, item: indicator_meta.Indicator
) -> pd.DataFrame:
    """code, name, province_name, value and an escaped hover text for a preview map."""
    frame = gemeenten[["code", "name", "province_name"]].copy()
    frame["value"] = frame["code"].map(values).astype("float64")
    label = safe.plotly(item.label)
    frame["hover"] = [
        f"<b>{safe.plotly(n)}</b> ({safe.plotly(p)})<br>{label}: "
        + safe.plotly(fmt.value(v, item.unit, item.decimals) if pd.notna(v) else "geen gegevens")
        for n, p, v in zip(frame["name"], frame["province_name"], frame["value"], strict=True)
    ]
    return frame

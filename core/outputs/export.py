"""The basket as a list: CSV (UTF-8 with BOM; semicolons and decimal commas by default, as Dutch
Excel reads them) and Excel with an explanation sheet.

The columns and rows: export_table (Selectie) and export_notes (Politiek Actief, Toelichting);
`python -m core.export` is export_cli.
"""

from __future__ import annotations

import datetime as dt
import io
import math
from collections.abc import Callable

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from core import indicator_meta, ranking, safe
from core.outputs import export_notes, export_table

FORMATS = ("csv", "xlsx")
MIME = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
SHEET_DATA = "Selectie"
SHEET_NOTES = "Toelichting"
SHEET_GROUPS = "Politiek Actief"
TABLES = ("gemeenten", "indicators", "indicator_notes", "election_councils", "election_link")


def to_csv(frame: pd.DataFrame, style: str) -> bytes:
    """CSV in UTF-8 with BOM (so Excel reads accents), comma or Dutch-Excel style."""
    if style not in export_table.CSV_STYLES:
        raise ValueError(f"Onbekende CSV-stijl: {style!r}")
    _, sep, decimal = export_table.CSV_STYLES[style]
    # Every cell through the one cell escaper, whatever table the caller built.
    text = safe.frame(frame).to_csv(index=False, sep=sep, decimal=decimal, lineterminator="\r\n")
    return text.encode("utf-8-sig")


def _cell(value: object) -> object:
    # Every text cell through the one cell escaper: control characters out (openpyxl raises
    # IllegalCharacterError on them), then formulas neutralised, in that order.
    if isinstance(value, str):
        return safe.cell(value)
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    if hasattr(value, "item"):  # numpy scalar -> Python number
        return value.item()
    return value


def _write_table(sheet: Worksheet, frame: pd.DataFrame, columns: list[export_table.Column]) -> None:
    """Header in row 1 (bold, frozen, with autofilter), then one row per record with formats."""
    sheet.append([_cell(str(c)) for c in frame.columns])
    for row in frame.itertuples(index=False):
        sheet.append([_cell(v) for v in row])
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = column.width
        if column.kind != "text":
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.number_format = column.excel_format
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(len(frame) + 1, 2)}"


def to_xlsx(
    data: pd.DataFrame,
    data_columns: list[export_table.Column],
    groups: pd.DataFrame,
    notes: list[list[object]],
) -> bytes:
    """The Excel file: Selectie, Politiek Actief and Toelichting."""
    book = Workbook()
    sheet = book.active
    sheet.title = SHEET_DATA
    _write_table(sheet, data, data_columns)
    _write_table(book.create_sheet(SHEET_GROUPS), groups, export_notes.GROUP_COLUMNS)
    notes_sheet = book.create_sheet(SHEET_NOTES)
    for row in notes:
        notes_sheet.append([_cell(v) for v in row])
    notes_sheet["A1"].font = Font(bold=True, size=14)
    for letter, width in zip("ABCDEF", (34, 90, 22, 40, 10, 18), strict=True):
        notes_sheet.column_dimensions[letter].width = width
    for row in notes_sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    book.properties.creator = f"Raadsradar {export_notes.app_version()}"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def check_codes(codes: list[str], gemeenten: pd.DataFrame) -> list[str]:
    """The codes, deduplicated; a Dutch error for an empty list or unknown codes."""
    codes = list(dict.fromkeys(codes))
    if not codes:
        raise ValueError("De selectie is leeg. Voeg eerst gemeenten toe.")
    unknown = sorted(set(codes) - set(gemeenten["code"]))
    if unknown:
        raise KeyError(f"Onbekende gemeentecode(s): {', '.join(unknown)}")
    return codes


def export(
    file_format: str,
    codes: list[str],
    tables: dict[str, pd.DataFrame],
    settings: export_table.Settings | None = None,
    *,
    imported_values: pd.DataFrame | None = None,
    imported_catalogue: dict[str, indicator_meta.Indicator] | None = None,
    today: dt.date | None = None,
) -> bytes:
    """The export file for a basket: the one function behind the page's buttons and the CLI."""
    if file_format not in FORMATS:
        raise ValueError(f"Onbekend formaat: {file_format!r} (kies csv of xlsx)")
    settings = settings or export_table.Settings()
    codes = check_codes(codes, tables["gemeenten"])
    result = ranking.rank_targets(
        tables,
        settings.weights,
        willing_share=settings.willing_share,
        imported_values=imported_values,
        imported_catalogue=imported_catalogue,
    )
    columns = export_table.selection_columns(result)
    data = export_table.selection_frame(result, codes, tables, settings)
    order = [c for c in result.table["code"] if c in set(codes)]
    groups = export_notes.groups_frame(
        tables["indicators"], tables["gemeenten"], tables["indicator_notes"], order
    )
    if file_format == "csv":
        if settings.shape not in export_table.SHAPES:
            raise ValueError(f"Onbekende vorm: {settings.shape!r}")
        return to_csv(groups if settings.shape == "politiek_actief" else data, settings.csv_style)
    notes = export_notes.notes_rows(
        result, codes, tables["indicator_notes"], settings, today or dt.date.today()
    )
    return to_xlsx(data, columns, groups, notes)


def file_name(file_format: str, shape: str = "selectie", today: dt.date | None = None) -> str:
    """A download name such as raadsradar-selectie-2026-03-18.xlsx."""
    day = (today or dt.date.today()).isoformat()
    stem = "selectie" if file_format == "xlsx" else shape.replace("_", "-")
    return f"raadsradar-{stem}-{day}.{file_format}"


def deferred(
    file_format: str,
    codes: list[str],
    tables: dict[str, pd.DataFrame],
    settings: export_table.Settings,
    **kw,
) -> Callable[[], bytes]:
    """A no-argument callable that builds the file on demand (for a lazy download button)."""
    frozen = list(codes)
    return lambda: export(file_format, frozen, tables, settings, **kw)

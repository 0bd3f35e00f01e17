"""The table in a file: bytes -> grid (by the reader for its kind) -> frame with column names.

`read_table` picks the reader (core.ingest.grid.sniff_kind), finds the header and footer
(core.ingest.layout), refuses a table beyond the limits and detects the decimal mark. Its
`Table` keeps the cells as read, with the file's own row numbers, and notes on how it was read.
"""

from __future__ import annotations

import dataclasses
import math
from pathlib import Path

import pandas as pd

from core import fmt
from core.ingest import grid as ingest_grid
from core.ingest import layout as ingest_layout
from core.ingest import limits as ingest_limits
from core.ingest import numbers as ingest_numbers
from core.ingest import options as ingest_options
from core.ingest import read_excel as ingest_read_excel
from core.ingest import read_parquet as ingest_read_parquet
from core.ingest import read_text as ingest_read_text


@dataclasses.dataclass
class Table:
    """The table found in a file: cells as read (str or number), with file row numbers."""

    frame: pd.DataFrame
    rows: list[int]
    kind: str
    encoding: str | None = None
    delimiter: str | None = None
    decimal: str = ","
    sheet: str | None = None
    sheets: list[str] = dataclasses.field(default_factory=list)
    header_row: int | None = None
    decimal_proven: bool = False
    notes: list[str] = dataclasses.field(default_factory=list)  # how it was read
    warnings: list[str] = dataclasses.field(default_factory=list)  # what the user should check


def read_table(data: bytes, filename: str, options: ingest_options.Options | None = None) -> Table:
    """Find the table in a CSV/TSV/TXT, XLSX or Parquet file; raises ReadError (Dutch)."""
    options = options or ingest_options.Options()
    kind = ingest_grid.sniff_kind(data, filename)
    suffix = Path(filename).suffix.lower()
    warnings: list[str] = []
    if kind == "excel":
        grid = ingest_read_excel.read_excel_grid(data, filename, options.sheet)
    elif kind == "parquet":
        grid = ingest_read_parquet.read_parquet_grid(data, filename)
    else:
        if suffix in (*ingest_grid.EXCEL_SUFFIXES, ".xls", *ingest_grid.PARQUET_SUFFIXES):
            warnings.append(
                f"De naam eindigt op {suffix}, maar het is een tekstbestand; zo gelezen."
            )
        grid = ingest_read_text.read_text_grid(data, filename, options.encoding, options.delimiter)
    ingest_grid.clean_grid(grid)
    if kind != "excel" and options.sheet:
        warnings.append(f"Werkblad '{options.sheet}' genegeerd: dit bestand heeft geen werkbladen.")
    if not len(grid):
        raise ingest_limits.ReadError(
            f"'{filename}' bevat geen gegevens (alleen lege regels). Kies het bestand met de "
            "gegevens, of vul het aan met een kopregel en één rij per gemeente."
        )
    layout = ingest_layout.find_layout(grid, options.header_row)
    numbers = grid.numbers[layout.start : layout.stop]
    widths = grid.widths[layout.start : layout.stop]
    if not len(numbers):
        header = ", ".join(str(c) for c in grid.row(layout.header or 0) if c not in (None, ""))
        where = f"Het werkblad '{grid.sheet}' in '{filename}'" if grid.sheet else f"'{filename}'"
        others = [s for s in grid.sheets if s != grid.sheet]
        hint = (
            f"Kies een ander werkblad ({', '.join(repr(s) for s in others)}) of zet"
            if others
            else "Zet"
        )
        if grid.formula_cells:
            # The rows are there, but hold only formulas without a stored result: say that,
            # not that the header row is all there is.
            formulas = next(w for w in grid.warnings if "formule zonder opgeslagen" in w)
            raise ingest_limits.ReadError(
                formulas
                + (
                    f" Of kies een ander werkblad ({', '.join(map(repr, others))})."
                    if others
                    else ""
                )
            )
        raise ingest_limits.ReadError(
            f"{where} heeft alleen een kopregel ({header[:120]}) en geen rijen met gegevens. "
            f"{hint} onder de kopregel één rij per gemeente en upload het bestand opnieuw."
        )
    if len(numbers) > ingest_limits.MAX_ROWS:
        raise ingest_limits.Refused(
            f"'{filename}' heeft meer dan {fmt.number(ingest_limits.MAX_ROWS)} rijen; dat is de "
            "grens. Laat rijen weg die u niet nodig hebt (bijvoorbeeld wijken en buurten) of "
            "splits het bestand."
        )
    header_width = (
        len(grid.header)
        if grid.header is not None
        else ingest_layout.row_width(grid.row(layout.header))
        if layout.header is not None
        else 0
    )
    width = max(header_width, int(widths.max()))
    if width > ingest_limits.MAX_COLUMNS:
        raise ingest_limits.Refused(
            f"'{filename}' heeft {width} kolommen; de grens is {ingest_limits.MAX_COLUMNS}. Bewaar "
            "alleen de kolommen die u nodig hebt en upload het bestand opnieuw."
        )
    if header_width and width > header_width:
        long_rows = numbers[widths > header_width]
        warnings.append(
            f"{len(long_rows)} rij(en) hebben meer cellen dan de kopregel (bijvoorbeeld rij "
            f"{long_rows[0]}); de extra cellen zijn als naamloze kolommen gelezen."
        )
    names = ingest_layout.header_names(grid, layout, width)
    frame = pd.DataFrame(
        {name: _body_column(grid, j, layout.start, layout.stop) for j, name in enumerate(names)},
        index=pd.RangeIndex(len(numbers)),
    )
    header_row = grid.numbers[layout.header] if layout.header is not None else None
    notes = list(grid.notes)
    warnings = grid.warnings + warnings
    if layout.title_rows and layout.header is not None:
        warnings.append(
            f"Kopregel gevonden in rij {header_row}; {layout.title_rows} regel(s) daarboven "
            "(titel) overgeslagen."
        )
    if layout.header is None and grid.header is None:
        warnings.append(
            "Geen kopregel gevonden: de kolommen heten 'kolom 1', 'kolom 2', enzovoort."
        )
    if layout.sub_headers:
        warnings.append(
            f"{layout.sub_headers} regel(s) onder de kopregel aan de kolomnamen toegevoegd."
        )
    if layout.footer:
        warnings.append(
            f"{len(layout.footer)} regel(s) onderaan overgeslagen (geen gegevens, bijvoorbeeld "
            f"'{layout.footer[0][:60]}')."
        )
    decimal, proven = ingest_numbers.detect_decimal(
        (frame[c] for c in frame.columns), grid.delimiter if kind == "text" else None
    )
    how = "herkend" if proven else "standaard; geen decimale getallen gevonden"
    if options.decimal:
        decimal, how, proven = options.decimal, "zelf gekozen", True
    if kind == "text":
        notes.append(f"Decimaalteken: {'komma' if decimal == ',' else 'punt'} ({how}).")
    return Table(
        frame,
        numbers.tolist(),
        kind,
        grid.encoding,
        grid.delimiter,
        decimal,
        grid.sheet,
        grid.sheets,
        header_row,
        proven,
        notes,
        warnings,
    )


def _body_column(grid: ingest_grid.Grid, j: int, start: int, stop: int) -> pd.Series:
    """Column j of the table's rows, cells stripped of surrounding spaces (text stays Arrow)."""
    if j >= len(grid.columns):
        return pd.Series([None] * (stop - start), dtype=object)
    column = grid.columns[j].iloc[start:stop].reset_index(drop=True)
    if pd.api.types.is_string_dtype(column.dtype) and column.dtype != object:
        return column.str.strip()
    if column.dtype == object:
        return column.map(lambda c: c.strip() if isinstance(c, str) else c)
    return column


def cell_text(cell: object) -> str:
    """A cell as the user typed it (numbers without a trailing .0)."""
    if cell is None or (isinstance(cell, float) and math.isnan(cell)):
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()

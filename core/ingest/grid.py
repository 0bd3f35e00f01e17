"""The grid of cells every reader returns, which reader a file needs, and cleaning the grid.

`sniff_kind` looks at the content first and the name second, and refuses what is no table
(empty, binary, an image, a PDF, old Excel) with a Dutch message. The readers are
core.ingest.read_text, read_excel and read_parquet; core.ingest.layout finds the table in the grid.
"""

from __future__ import annotations

import dataclasses
import io
import itertools
import math
import re
import zipfile

import numpy as np
import pandas as pd

from core import fmt
from core.ingest import limits as ingest_limits

TEXT_SUFFIXES = (".csv", ".tsv", ".txt", ".tab", ".dat")
EXCEL_SUFFIXES = (".xlsx", ".xlsm")
PARQUET_SUFFIXES = (".parquet", ".pq")
SUPPORTED = "een CSV-, TSV- of TXT-bestand, een Excel-bestand (.xlsx) of een Parquet-bestand"

_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "een afbeelding (PNG)"),
    (b"\xff\xd8\xff", "een afbeelding (JPEG)"),
    (b"GIF87a", "een afbeelding (GIF)"),
    (b"GIF89a", "een afbeelding (GIF)"),
    (b"BM", "een afbeelding (BMP)"),
    (b"%PDF", "een PDF-document"),
    (b"\x1f\x8b", "een gecomprimeerd bestand (gzip)"),
    (b"7z\xbc\xaf", "een gecomprimeerd bestand (7-Zip)"),
    (b"Rar!", "een gecomprimeerd bestand (RAR)"),
    (b"\xd0\xcf\x11\xe0", "een bestand in de oude Excel- of Word-indeling (.xls/.doc)"),
)


@dataclasses.dataclass
class Grid:
    """The cells of a file by column, with the row numbers a spreadsheet or text editor shows.

    Column j holds cell j of every row (None/NaN where a row is shorter). Text files keep their
    cells as Arrow-backed strings: a 49 MB CSV of 7 million cells takes ~70 MB so, where Python
    lists of str took ~450 MB. Only the rows the layout looks at become Python lists (`rows`).
    Empty rows are not in the grid; `widths` is each row's filled width.
    """

    columns: list[pd.Series]
    numbers: np.ndarray  # int64, one per row
    widths: np.ndarray  # int64, one per row: the position of its last filled cell + 1
    kind: str  # "text" | "excel" | "parquet"
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None
    sheets: list[str] = dataclasses.field(default_factory=list)
    notes: list[str] = dataclasses.field(default_factory=list)  # how it was read
    warnings: list[str] = dataclasses.field(default_factory=list)  # what the user should check
    header: list[str] | None = None  # parquet: the columns are known
    formula_cells: int = 0  # excel: formula cells without a stored result (read as empty)

    @classmethod
    def from_rows(
        cls, rows: list[list[object]], numbers: list[int], kind: str, **fields: object
    ) -> Grid:
        """A grid from rows of cells (Excel sheets, small tables)."""
        width = max((len(r) for r in rows), default=0)
        columns = [
            pd.Series(list(column), dtype=object)
            for column in itertools.zip_longest(*rows, fillvalue=None)
        ][:width]
        return cls(
            columns,
            np.asarray(numbers, dtype="int64"),
            np.asarray([row_width(r) for r in rows], dtype="int64"),
            kind,
            **fields,
        )

    def __len__(self) -> int:
        return len(self.numbers)

    def rows(self, start: int = 0, stop: int | None = None) -> list[list[object]]:
        """Rows start..stop as lists of cells (None for a missing cell), without trailing Nones."""
        stop = len(self) if stop is None else min(stop, len(self))
        if start >= stop:
            return []
        parts = [_cells(column.iloc[start:stop]) for column in self.columns]
        out = []
        for i, row in enumerate(zip(*parts, strict=True) if parts else [()] * (stop - start)):
            cells = list(row)
            while cells and cells[-1] is None:
                cells.pop()
            out.append(cells[: max(int(self.widths[start + i]), 0)] if cells else [])
        return out

    def row(self, index: int) -> list[object]:
        return self.rows(index, index + 1)[0]


def _cells(part: pd.Series) -> list[object]:
    """Cells as Python objects; a missing cell (NaN in a text column) becomes None."""
    values = part.tolist()
    if part.dtype == object:
        return values
    return [None if isinstance(v, float) and math.isnan(v) else v for v in values]


def row_width(row: list[object]) -> int:
    """The position of a row's last filled cell + 1 (0 for an empty row)."""
    for i in range(len(row) - 1, -1, -1):
        if row[i] is not None and str(row[i]).strip() != "":
            return i + 1
    return 0


def sniff_kind(data: bytes, filename: str) -> str:
    """ "excel", "parquet" or "text", from the content first and the name second."""
    if not data:
        raise ingest_limits.ReadError(
            f"Het bestand '{filename}' is leeg (0 bytes). Controleer of u het juiste bestand "
            "hebt gekozen en of het helemaal is opgeslagen, en upload het opnieuw."
        )
    if len(data) > ingest_limits.MAX_BYTES:
        raise ingest_limits.Refused(
            f"Het bestand is {ingest_limits.size_text(len(data))}; de grens is "
            f"{ingest_limits.size_text(ingest_limits.MAX_BYTES)}. Bewaar alleen de kolommen en "
            "rijen die u nodig hebt (bijvoorbeeld alleen gemeenten, geen wijken en buurten) of "
            "splits het bestand, en upload het opnieuw."
        )
    if data[:4] == b"PAR1":
        return "parquet"
    if data[:4] == b"PK\x03\x04":
        try:
            names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
        except zipfile.BadZipFile:
            names = set()
        if "xl/workbook.xml" in names:
            return "excel"
        if any(n.startswith("word/") for n in names):
            what = "een Word-document"
        elif "content.xml" in names:
            what = "een OpenDocument-bestand (LibreOffice)"
        else:
            what = "een zip-archief"
        raise ingest_limits.ReadError(
            f"'{filename}' is {what}, geen tabel. Upload {SUPPORTED}; sla het bestand zo nodig "
            "eerst op als .xlsx of CSV."
        )
    for signature, what in _SIGNATURES:
        if data.startswith(signature):
            raise ingest_limits.ReadError(
                f"'{filename}' is {what}, geen tabel, ook al eindigt de naam op "
                f"'{_suffix(filename) or '(geen extensie)'}'. Upload {SUPPORTED}. Een .xls-bestand "
                "opent u in Excel en slaat u op als .xlsx of CSV."
            )
    return "text"


def _suffix(filename: str) -> str:
    match = re.search(r"\.[A-Za-z0-9]+$", filename)
    return match.group(0).lower() if match else ""


# Characters nobody sees that break matching or Excel: control characters (tab and newlines
# kept) and Unicode format characters (zero-width space and joiners, soft hyphen, direction
# marks, word joiner, BOM). A zero-width space inside "GM\u200b0363" stopped the code matching
# while names were cleaned of it.
INVISIBLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f"
    "\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\ufffe\uffff]"
)


def strip_invisible(text: str) -> str:
    """Text without INVISIBLE characters."""
    return INVISIBLE.sub("", text)


# INVISIBLE in the RE2 syntax of Arrow's compute functions, for text columns.
_INVISIBLE_RE2 = (
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\x{ad}\x{61c}\x{180e}\x{200b}-\x{200f}"
    r"\x{202a}-\x{202e}\x{2060}-\x{2064}\x{2066}-\x{206f}\x{feff}\x{fff9}-\x{fffb}"
    r"\x{fffe}\x{ffff}]"
)


def clean_grid(grid: Grid) -> None:
    """Remove invisible characters from every text cell and header (they break matching and
    Excel exports), and say how many cells had them."""
    import pyarrow as pa
    import pyarrow.compute as pc

    changed = 0
    for j, column in enumerate(grid.columns):
        if column.dtype == object:
            hits = [
                i
                for i, cell in enumerate(column)
                if isinstance(cell, str) and INVISIBLE.search(cell)
            ]
            if hits:
                column = column.copy()
                for i in hits:
                    column.iat[i] = strip_invisible(column.iat[i])
                grid.columns[j] = column
            changed += len(hits)
        elif pd.api.types.is_string_dtype(column.dtype):
            array = pa.array(column, type=pa.large_string(), from_pandas=True)
            found = pc.sum(pc.match_substring_regex(array, _INVISIBLE_RE2)).as_py() or 0
            if found:
                cleaned = pc.replace_substring_regex(array, _INVISIBLE_RE2, "")
                grid.columns[j] = pd.Series(pd.array(cleaned, dtype="str"), index=column.index)
            changed += found
    if grid.header is not None:
        cleaned = [strip_invisible(name) for name in grid.header]
        changed += sum(a != b for a, b in zip(cleaned, grid.header, strict=True))
        grid.header = cleaned
    if changed:
        grid.warnings.append(
            f"{fmt.number(changed)} cel(len) of kolomnamen bevatten onzichtbare tekens (zoals "
            "stuurtekens of tekens zonder breedte, bijvoorbeeld uit een ander programma "
            "gekopieerd); die tekens zijn weggelaten."
        )

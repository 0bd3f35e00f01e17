"""Find the table in a grid: the header row below any title rows, sub-header rows, a footer.

`find_layout` says where the table is; `header_names` makes unique, readable column names.
"""

from __future__ import annotations

import collections
import dataclasses
import math
import re

import numpy as np

from core.ingest import grid as ingest_grid
from core.ingest import limits as ingest_limits
from core.ingest import numbers as ingest_numbers

_FOOTER_START = re.compile(
    r"^\s*(bron|bronnen|source|sources|noot|noten|voetnoot|opmerking|toelichting|verklaring|"
    r"copyright|©|\*|centraal bureau voor de statistiek|cbs statline|gegevens gedownload)",
    re.IGNORECASE,
)


@dataclasses.dataclass
class Layout:
    """Where the table is: header row (index into the grid, None = no header) and its end."""

    header: int | None
    start: int
    stop: int
    title_rows: int
    footer: list[str]
    sub_headers: int


def _filled(row: list[object]) -> int:
    return sum(1 for c in row if c is not None and str(c).strip() != "")


def row_width(row: list[object]) -> int:
    return ingest_grid.row_width(row)


def _is_number(cell: object) -> bool:
    return ingest_numbers.parse_number(cell).status == "number"


def _is_text(cell: object) -> bool:
    return (
        isinstance(cell, str)
        and cell.strip() != ""
        and not _is_number(cell)
        and (ingest_numbers.parse_number(cell).status != "missing")
    )


HEAD_ROWS = 500  # rows looked at to find the header
MAX_FOOTER_ROWS = 200  # rows looked at, from the end, for a footer


def find_layout(grid: ingest_grid.Grid, header_row: int | None = None) -> Layout:
    """The header row (first row as wide as the table), title rows above and a footer below."""
    if grid.header is not None:
        return Layout(None, 0, len(grid), 0, [], 0)
    head = grid.rows(0, HEAD_ROWS)
    widths = [_filled(r) for r in head]
    modal = collections.Counter(w for w in widths if w >= 2).most_common(1)
    table_width = modal[0][0] if modal else 1
    if header_row is not None:
        found = np.flatnonzero(grid.numbers == header_row)
        if not len(found):
            raise ingest_limits.ReadError(
                f"Rij {header_row} bestaat niet of is leeg. Kies als kopregel een rij met de "
                "kolomnamen, of laat de kopregel automatisch zoeken."
            )
        header = int(found[0])
    else:
        need = 1 if table_width < 2 else max(2, math.ceil(table_width * 0.6))
        header = next((i for i, w in enumerate(widths) if w >= need), 0)
    stop = len(grid)
    footer: list[str] = []
    tail_start = max(header + 1, stop - MAX_FOOTER_ROWS)
    tail = grid.rows(tail_start, stop)
    while stop > header + 1 and stop > tail_start:
        row = tail[stop - 1 - tail_start]
        first = next((str(c).strip() for c in row if c is not None and str(c).strip()), "")
        single = _filled(row) == 1 and table_width > 1
        if _FOOTER_START.match(first) or (single and len(first) > 40):
            footer.insert(0, first)
            stop -= 1
            continue
        break
    header_cells = grid.row(header)
    has_header = header_row is not None or not _looks_like_data(header_cells)
    if not has_header:
        return Layout(None, header, stop, header, footer, 0)
    start = header + 1
    sub_headers = 0
    # Unit or category rows under the header (first cell empty, only text): part of the header.
    for row in grid.rows(start, min(stop, start + 3)):
        if (
            row
            and (row[0] is None or str(row[0]).strip() == "")
            and _filled(row) >= 2
            and all(_is_text(c) for c in row if c is not None and str(c).strip())
        ):
            start += 1
            sub_headers += 1
        else:
            break
    return Layout(header, start, stop, header, footer, sub_headers)


def _looks_like_data(cells: list[object]) -> bool:
    """A first row that holds a GM code or mostly numbers is data, not a header."""
    filled = [c for c in cells if c is not None and str(c).strip()]
    if not filled:
        return False
    if any(re.fullmatch(r"\s*(GM|WK|BU)\d{4,8}\s*", str(c), re.IGNORECASE) for c in filled):
        return True
    # Years are common column names ("2022", "2023"); other numbers in a first row are data.
    numbers = sum(1 for c in filled if _is_number(c) and not _is_year(c))
    return numbers * 2 > len(filled) and numbers >= 1 and len(filled) > 1


def _is_year(cell: object) -> bool:
    value = ingest_numbers.parse_number(cell).value
    return value is not None and value.is_integer() and 1900 <= value <= 2100


def header_names(grid: ingest_grid.Grid, layout: Layout, n_columns: int) -> list[str]:
    """Unique, readable column names (empty ones become 'kolom N'; sub-header rows joined)."""
    if grid.header is not None:
        raw = list(grid.header)
    elif layout.header is None:
        raw = [""] * n_columns
    else:
        raw = [str(c).strip() if c is not None else "" for c in grid.row(layout.header)]
        for extra in grid.rows(layout.header + 1, layout.start):
            for i, cell in enumerate(extra):
                text = str(cell).strip() if cell is not None else ""
                if text and i < len(raw):
                    raw[i] = f"{raw[i]} – {text}" if raw[i] else text
                elif text:
                    raw.extend([""] * (i - len(raw)) + [text])
    raw = (raw + [""] * n_columns)[:n_columns]
    names: list[str] = []
    seen: collections.Counter[str] = collections.Counter()
    for i, name in enumerate(raw, start=1):
        name = " ".join(str(name).split()) or f"kolom {i}"
        seen[name] += 1
        names.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return names

"""Read numbers the way Dutch and English files write them (for the user-data import).

The scalar rule is core.number_text.parse_number (the staffel editor reads numbers with it
too); `parse_column` applies it to a whole column.
"""

from __future__ import annotations

import dataclasses
import itertools
import math
from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from core import number_text

# The one rule, under the names the import's modules use.
MISSING_MARKERS = number_text.MISSING_MARKERS
DASH_MARKERS = number_text.DASH_MARKERS
Parsed = number_text.Parsed
parse_number = number_text.parse_number

# A value this large (a thousand trillion, or more) is no figure of a gemeente: a typing or
# export error, or a code read as a number. It is reported ("too_large") and counts as
# missing; 1e308 also broke the map's classes and gave legends of 309 digits.
MAX_ABS = 1e15
UNUSABLE = ("invalid", "too_large")


@dataclasses.dataclass
class ColumnNumbers:
    """A whole column read as numbers, with counts for the report."""

    values: pd.Series  # float64, NaN where missing, invalid or too large
    status: pd.Series  # "number" | "missing" | "invalid" | "too_large" per cell
    percent_cells: int
    ambiguous_cells: int
    dash_cells: int

    @property
    def numbers(self) -> int:
        return int((self.status == "number").sum())

    @property
    def missing(self) -> int:
        return int((self.status == "missing").sum())

    @property
    def invalid(self) -> int:
        """Cells that hold something but no usable number (not a number, or too large)."""
        return int(self.status.isin(UNUSABLE).sum())

    @property
    def too_large(self) -> int:
        return int((self.status == "too_large").sum())


def _cache_key(cell: object) -> object:
    # Floats and ints that compare equal share a key; NaN never equals itself, so map it.
    if isinstance(cell, float) and math.isnan(cell):
        return ("nan",)
    return (type(cell).__name__, cell) if isinstance(cell, bool) else cell


def parse_column(cells: Sequence[object] | pd.Series, decimal: str = ",") -> ColumnNumbers:
    """Parse every cell of a column (each distinct text once)."""
    series = pd.Series(cells, dtype=object) if not isinstance(cells, pd.Series) else cells
    parsed: dict[object, Parsed] = {}
    values = np.empty(len(series), dtype="float64")
    status = np.empty(len(series), dtype=object)
    percent = ambiguous = dashes = 0
    for i, cell in enumerate(series.array):
        key = _cache_key(cell)
        try:
            result = parsed[key]
        except KeyError:
            result = parsed[key] = parse_number(cell, decimal)
        except TypeError:  # unhashable cell (never from our readers, but be safe)
            result = parse_number(cell, decimal)
        values[i] = np.nan if result.value is None else result.value
        status[i] = result.status
        percent += result.percent
        ambiguous += result.ambiguous
        if isinstance(cell, str) and cell.strip() in DASH_MARKERS:
            dashes += 1
    with np.errstate(invalid="ignore"):
        large = np.abs(values) >= MAX_ABS
    values[large] = np.nan
    status[large] = "too_large"
    return ColumnNumbers(
        pd.Series(values, index=series.index),
        pd.Series(status, index=series.index),
        percent,
        ambiguous,
        dashes,
    )


def detect_decimal(
    columns: Iterable[Sequence[object]], delimiter: str | None, sample: int = 5000
) -> tuple[str, bool]:
    """The file's decimal mark and whether cells prove it (else the delimiter's convention).

    A ";" file comes from Dutch Excel (decimal comma); a "," or tab file usually from English
    tools (decimal point). Excel and Parquet cells are already numbers and prove nothing.
    """
    votes = {",": 0, ".": 0}
    for cells in columns:
        for cell in itertools.islice(cells, sample):
            if isinstance(cell, str):
                proves = parse_number(cell).proves
                if proves:
                    votes[proves] += 1
    if votes[","] != votes["."]:
        return ("," if votes[","] > votes["."] else "."), True
    return ("," if delimiter in (";", None) else "."), False


def looks_like_fraction(values: pd.Series, percent_cells: int) -> bool:
    """All values between 0 and 1 and not all whole: a share written as a fraction (0,25)."""
    known = values.dropna()
    if percent_cells or len(known) < 2:
        return False
    if not ((known >= 0) & (known <= 1)).all():
        return False
    return not (known == known.round()).all()


def all_whole(values: pd.Series) -> bool:
    """True when every known value is a whole number (a count, when not a percentage)."""
    known = values.dropna()
    return bool(len(known)) and bool((known == known.round()).all())

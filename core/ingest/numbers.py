"""Read numbers the way Dutch and English files write them (for the user-data import).

The scalar rule is core.number_text.parse_number (the staffel editor reads numbers with it
too); `parse_column` applies it to a whole column.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable, Iterable, Sequence

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


STATUSES = ("number", "missing", "invalid", "too_large")
_NUMBER, _MISSING, _INVALID = 0, 1, 2

# Shapes that most cells of a large file have, read in bulk (Arrow) exactly as parse_number reads
# them: whole numbers, one decimal mark, and the ambiguous "1.234". ASCII digits only; every
# other cell goes through parse_number, once per distinct text.
_FAST_SHAPE = r"^[+-]?[0-9]*[.,]?[0-9]+$"  # "12", "+7", "12,5", ".5", "1.234"
# Among them "1.234" (_ambiguous): 1-3 digits not starting with 0, a mark, exactly 3 digits.


@dataclasses.dataclass
class _Fast:
    """What the bulk pass read: per cell a value and a code, and how many cells were ambiguous."""

    values: np.ndarray  # float64
    known: np.ndarray  # bool: decided here (a number, or missing)
    missing: np.ndarray  # bool
    proves_comma: np.ndarray  # bool
    proves_point: np.ndarray  # bool
    ambiguous: int


def _fast(texts: object, decimal: str) -> _Fast:
    """The bulk pass over an Arrow string array (nulls are missing cells)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    n = len(texts)
    values = np.full(n, np.nan)

    def where(result: object) -> np.ndarray:
        return pc.fill_null(result, False).to_numpy(zero_copy_only=False).astype(bool)

    def cast(mask: np.ndarray, old: str | None = None, new: str = "") -> None:
        if mask.any():
            part = texts.filter(pa.array(mask))
            if old is not None:
                part = pc.replace_substring(part, old, new)
            values[mask] = pc.cast(part, pa.float64()).to_numpy(zero_copy_only=False)

    missing = ~where(pc.is_valid(texts)) | where(pc.equal(texts, ""))
    # One pattern finds every bulk shape; literal searches and lengths (much cheaper than more
    # patterns) tell them apart.
    shaped = where(pc.match_substring_regex(texts, _FAST_SHAPE))
    comma = shaped & where(pc.match_substring(texts, ","))
    point = shaped & where(pc.match_substring(texts, "."))
    whole = shaped & ~comma & ~point
    ambiguous = _ambiguous(texts, comma | point, comma, where)
    comma &= ~ambiguous
    point &= ~ambiguous
    cast(whole | point)
    cast(comma, ",", ".")
    if ambiguous.any():
        with_comma = ambiguous & where(pc.match_substring(texts, ","))
        with_point = ambiguous & ~with_comma
        # "1.234": the file's decimal mark decides whether the separator groups thousands.
        cast(with_comma, ",", "." if decimal == "," else "")
        cast(with_point, None if decimal == "." else ".", "")
    number = whole | point | comma | ambiguous
    with np.errstate(invalid="ignore"):
        number &= np.isfinite(values)  # 400 digits: parse_number decides (not a number)
    values[~number] = np.nan
    return _Fast(values, number | missing, missing, comma, point, int((ambiguous & number).sum()))


def _ambiguous(
    texts: object, separated: np.ndarray, comma: np.ndarray, where: Callable
) -> np.ndarray:
    """Which cells of one separator are "1.234"-like: 1-3 digits not starting with 0, the
    separator, exactly 3 digits (the _FAST_AMBIGUOUS pattern, from lengths and positions)."""
    import pyarrow.compute as pc

    if not separated.any():
        return separated
    length = pc.utf8_length(texts).to_numpy(zero_copy_only=False)
    at = np.where(
        comma,
        pc.find_substring(texts, ",").to_numpy(zero_copy_only=False),
        pc.find_substring(texts, ".").to_numpy(zero_copy_only=False),
    )
    signed = where(pc.starts_with(texts, "+")) | where(pc.starts_with(texts, "-"))
    zero = (
        where(pc.starts_with(texts, "0"))
        | where(pc.starts_with(texts, "+0"))
        | where(pc.starts_with(texts, "-0"))
    )
    before = at - signed
    return separated & (length - at - 1 == 3) & (before >= 1) & (before <= 3) & ~zero


def _as_text(series: pd.Series) -> tuple[object, np.ndarray]:
    """The text cells of a column as an Arrow string array (null elsewhere), and where they are."""
    import pyarrow as pa

    if series.dtype != object:
        texts = pa.array(series, type=pa.large_string(), from_pandas=True)
        return texts, np.ones(len(series), dtype=bool)
    cells = series.to_numpy()
    is_text = np.fromiter((type(c) is str for c in cells), dtype=bool, count=len(cells))
    texts = pa.array(
        [c if t else None for c, t in zip(cells, is_text, strict=True)], pa.large_string()
    )
    return texts, is_text


def parse_column(cells: Sequence[object] | pd.Series, decimal: str = ",") -> ColumnNumbers:
    """Parse every cell of a column: the common shapes in bulk, the rest once per distinct cell.

    The result equals parse_number applied to each cell (tests/core/test_ingest_numbers.py).
    """
    series = pd.Series(cells, dtype=object) if not isinstance(cells, pd.Series) else cells
    n = len(series)
    values = np.full(n, np.nan)
    status = np.full(n, _INVALID, dtype=np.int8)
    if pd.api.types.is_bool_dtype(series.dtype):
        status[series.isna().to_numpy()] = _MISSING
        return _column_numbers(series, values, status, 0, 0, 0)
    if pd.api.types.is_numeric_dtype(series.dtype):
        values = series.to_numpy(dtype="float64", na_value=np.nan, copy=True)
        status[np.isnan(values)] = _MISSING
        status[np.isfinite(values)] = _NUMBER
        values[~np.isfinite(values)] = np.nan
        return _column_numbers(series, values, status, 0, 0, 0)
    is_string = pd.api.types.is_string_dtype(series.dtype)
    texts, is_text = _as_text(series) if is_string else (None, np.zeros(n, dtype=bool))
    percent = ambiguous = dashes = 0
    slow = np.ones(n, dtype=bool)
    if texts is not None and is_text.any():
        fast = _fast(texts, decimal)
        known = fast.known & is_text
        values[known] = fast.values[known]
        status[known & fast.missing] = _MISSING
        status[known & ~fast.missing] = _NUMBER
        ambiguous += fast.ambiguous
        slow = ~known
    # The rest, once per distinct cell (text with spaces, percent signs, markers; numbers and
    # anything else in an object column).
    positions = np.flatnonzero(slow)
    if len(positions):
        cells_left = (
            series.to_numpy(dtype=object)[positions]
            if series.dtype == object
            else (series.iloc[positions].astype(object).to_numpy())
        )
        parsed: dict[object, Parsed] = {}
        for position, cell in zip(positions, cells_left, strict=True):
            if isinstance(cell, float) and math.isnan(cell):
                result = number_text.parse_number(None)
            else:
                key = (type(cell).__name__, cell) if isinstance(cell, bool) else cell
                try:
                    result = parsed[key]
                except KeyError:
                    result = parsed[key] = parse_number(cell, decimal)
                except TypeError:  # unhashable cell (never from our readers, but be safe)
                    result = parse_number(cell, decimal)
            if result.value is not None:
                values[position] = result.value
            status[position] = STATUSES.index(result.status)
            percent += result.percent
            ambiguous += result.ambiguous
            if isinstance(cell, str) and cell.strip() in DASH_MARKERS:
                dashes += 1
    return _column_numbers(series, values, status, percent, ambiguous, dashes)


def _column_numbers(
    series: pd.Series,
    values: np.ndarray,
    status: np.ndarray,
    percent: int,
    ambiguous: int,
    dashes: int,
) -> ColumnNumbers:
    with np.errstate(invalid="ignore"):
        large = np.abs(values) >= MAX_ABS
    values[large] = np.nan
    status[large] = STATUSES.index("too_large")
    return ColumnNumbers(
        pd.Series(values, index=series.index),
        pd.Series(pd.Categorical.from_codes(status, categories=STATUSES), index=series.index),
        percent,
        ambiguous,
        dashes,
    )


def detect_decimal(
    columns: Iterable[pd.Series], delimiter: str | None, sample: int = 5000
) -> tuple[str, bool]:
    """The file's decimal mark and whether cells prove it (else the delimiter's convention).

    A ";" file comes from Dutch Excel (decimal comma); a "," or tab file usually from English
    tools (decimal point). Excel and Parquet cells are already numbers and prove nothing.
    """
    votes = {",": 0, ".": 0}
    for cells in columns:
        series = cells if isinstance(cells, pd.Series) else pd.Series(list(cells), dtype=object)
        series = series.iloc[:sample]
        if not pd.api.types.is_string_dtype(series.dtype):
            continue
        texts, is_text = _as_text(series)
        if not is_text.any():
            continue
        fast = _fast(texts, ",")
        votes[","] += int((fast.proves_comma & is_text).sum())
        votes["."] += int((fast.proves_point & is_text).sum())
        rest = series[is_text & ~fast.known]
        for text, count in rest.value_counts().items():
            proves = parse_number(text).proves
            if proves:
                votes[proves] += int(count)
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

"""Read numbers the way Dutch and English files write them (for the user-data import).

One scalar rule, `parse_number`, decides every cell; `parse_column` applies it to the unique
values of a column so a 100,000-row file costs one call per distinct text, not per cell.
"""

from __future__ import annotations

import dataclasses
import itertools
import math
import re
from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

# Cells that mean "no value". CBS StatLine writes "." (missing), "x" (confidential) and "-"
# (nihil); the brief is explicit that all of these become missing, never zero, because a
# reader cannot tell a true zero from a suppressed figure. A warning says so when "-" occurs.
MISSING_MARKERS = frozenset(
    {
        "",
        ".",
        "..",
        "...",
        "…",
        "-",
        "–",
        "—",
        "x",
        "?",
        "na",
        "n.a.",
        "n/a",
        "nan",
        "nb",
        "n.b.",
        "nvt",
        "n.v.t.",
        "onbekend",
        "geen gegevens",
        "geheim",
        "null",
        "none",
        "#n/b",
        "#n/a",
        "#na",
        "#waarde!",
        "#value!",
        "#deel/0!",
        "#div/0!",
        "#getal!",
        "#num!",
    }
)
DASH_MARKERS = frozenset({"-", "–", "—"})

_SPACES = re.compile(r"[\s\u00a0\u2007\u2009\u202f]+")
_SPACE_GROUPED = re.compile(r"[+-]?[1-9]\d{0,2}( \d{3})+([.,]\d+)?")
_INT = re.compile(r"[+-]?\d+")
_POINT_DEC = re.compile(r"[+-]?\d*\.\d+")
_COMMA_DEC = re.compile(r"[+-]?\d*,\d+")
_POINT_GROUPS = re.compile(r"[+-]?[1-9]\d{0,2}(\.\d{3})+")
_COMMA_GROUPS = re.compile(r"[+-]?[1-9]\d{0,2}(,\d{3})+")
_NL_FULL = re.compile(r"[+-]?[1-9]\d{0,2}(\.\d{3})+,\d+")
_EN_FULL = re.compile(r"[+-]?[1-9]\d{0,2}(,\d{3})+\.\d+")
# Thousands groups never start with 0 ("0.125" is a decimal). One separator followed by exactly
# three digits after such a group is ambiguous: "1.234" is 1234 in Dutch and 1.234 in English;
# only the file's decimal mark decides.
_AMBIGUOUS = re.compile(r"[+-]?[1-9]\d{0,2}[.,]\d{3}")
_SCIENTIFIC = re.compile(r"[+-]?\d+([.,]\d+)?[eE][+-]?\d+")
_CURRENCY = re.compile(r"^(€|eur|euro|\$|£)\s*|\s*(€|eur|euro)$", re.IGNORECASE)


@dataclasses.dataclass(frozen=True)
class Parsed:
    """One cell read as a number: status is "number", "missing" or "invalid"."""

    value: float | None
    status: str
    percent: bool = False
    ambiguous: bool = False
    # Which decimal mark the text itself proves ("," or "."), when it proves one.
    proves: str | None = None


_MISSING = Parsed(None, "missing")
_INVALID = Parsed(None, "invalid")


def _to_float(text: str) -> float:
    return float(text.replace("+", "", 1) if text.startswith("+") else text)


def parse_number(cell: object, decimal: str = ",") -> Parsed:
    """Read one cell: Dutch or English separators, percent signs, missing markers.

    `decimal` ("," or ".") only decides texts that are ambiguous on their own ("1.234").
    """
    if cell is None:
        return _MISSING
    if isinstance(cell, bool):
        return _INVALID
    if isinstance(cell, int | np.integer):
        return Parsed(float(cell), "number")
    if isinstance(cell, float | np.floating):
        if math.isnan(cell):
            return _MISSING
        return Parsed(float(cell), "number") if math.isfinite(cell) else _INVALID
    if not isinstance(cell, str):
        return _INVALID
    text = _SPACES.sub(" ", cell).strip().replace("\u2212", "-")
    if text.lower() in MISSING_MARKERS:
        return _MISSING
    percent = text.endswith("%")
    if percent:
        text = text[:-1].strip()
    text = _CURRENCY.sub("", text).strip()
    if " " in text:
        if not _SPACE_GROUPED.fullmatch(text):
            return _INVALID
        text = text.replace(" ", "")
    result = _read_plain(text, decimal)
    if result is None:
        return _INVALID
    value, ambiguous, proves = result
    if not math.isfinite(value):
        return _INVALID
    return Parsed(value, "number", percent, ambiguous, proves)


def _read_plain(text: str, decimal: str) -> tuple[float, bool, str | None] | None:
    """A number without spaces, percent or currency: (value, ambiguous, proven decimal mark)."""
    if _INT.fullmatch(text):
        return _to_float(text), False, None
    if _AMBIGUOUS.fullmatch(text):
        separator = "," if "," in text else "."
        if separator == decimal:
            return _to_float(text.replace(",", ".")), True, None
        return _to_float(text.replace(separator, "")), True, None
    if _NL_FULL.fullmatch(text):
        return _to_float(text.replace(".", "").replace(",", ".")), False, ","
    if _EN_FULL.fullmatch(text):
        return _to_float(text.replace(",", "")), False, "."
    if _POINT_GROUPS.fullmatch(text):  # "1.234.567": several groups, so thousands
        return _to_float(text.replace(".", "")), False, ","
    if _COMMA_GROUPS.fullmatch(text):
        return _to_float(text.replace(",", "")), False, "."
    if _COMMA_DEC.fullmatch(text):
        return _to_float(text.replace(",", ".")), False, ","
    if _POINT_DEC.fullmatch(text):
        return _to_float(text), False, "."
    if _SCIENTIFIC.fullmatch(text):
        return _to_float(text.replace(",", ".")), False, None
    return None


@dataclasses.dataclass
class ColumnNumbers:
    """A whole column read as numbers, with counts for the report."""

    values: pd.Series  # float64, NaN where missing or invalid
    status: pd.Series  # "number" | "missing" | "invalid" per cell
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
        return int((self.status == "invalid").sum())


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

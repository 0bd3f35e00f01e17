"""Numbers as people write them: Dutch and English separators, percent signs, missing markers.

One scalar rule, `parse_number`, reads every number a user types or uploads: the import's cells
(core.ingest.numbers applies it to whole columns) and the staffel editor's bounds and seats
(core.staffel_check). "3 000", "3.000", "3,000.5" and "12,5%" are read the same everywhere.
"""

from __future__ import annotations

import dataclasses
import math
import re

import numpy as np

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

"""Dutch number and date formatting for everything a user reads."""

from __future__ import annotations

import datetime as dt
import math

_MONTHS = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]


def _is_missing(value: float | int | None) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


# From a thousand trillion on, a number is written as a power of ten ("1,2 × 10¹⁸"): written
# out, 1e308 is 309 digits in a legend.
_SCIENTIFIC_FROM = 1e15
_SUPERSCRIPT = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")


def number(value: float | int | None, decimals: int = 0, missing: str = "geen gegevens") -> str:
    """Format a number the Dutch way: 17.942.942 and 6,2 (1,2 × 10¹⁸ from 10¹⁵ on)."""
    if _is_missing(value):
        return missing
    try:
        value = float(value)
    except OverflowError:  # an int of hundreds of digits
        value = math.inf if value > 0 else -math.inf
    if not math.isfinite(value):
        return missing
    if abs(value) >= _SCIENTIFIC_FROM:
        mantissa, exponent = f"{value:.{max(decimals, 1)}e}".split("e")
        return f"{mantissa.replace('.', ',')} × 10{str(int(exponent)).translate(_SUPERSCRIPT)}"
    text = f"{value:,.{decimals}f}"
    # Swap the English separators for Dutch ones via a placeholder.
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def percent(value: float | None, decimals: int = 1, missing: str = "geen gegevens") -> str:
    """Format a percentage (0-100) as '75,0%'."""
    if _is_missing(value):
        return missing
    return f"{number(value, decimals)}%"


def points(value: float | None, decimals: int = 1, missing: str = "geen gegevens") -> str:
    """Format a gap in percentage points with its sign: '+12,3 procentpunt'."""
    if _is_missing(value):
        return missing
    sign = "+" if value > 0 else ("−" if value < 0 else "")
    return f"{sign}{number(abs(value), decimals)} procentpunt"


def signed(value: float | None, decimals: int = 1, missing: str = "geen gegevens") -> str:
    """A difference with its sign: '+1,1', '−0,3' (a true minus sign), '0,0'."""
    if _is_missing(value):
        return missing
    text = number(abs(value), decimals)
    if text == number(0, decimals):
        return text
    return ("+" if value > 0 else "−") + text


def arrow(value: float | None) -> str:
    """The direction of a difference for a metric tile: 'up', 'down' or 'off'."""
    if _is_missing(value) or value == 0:
        return "off"
    return "up" if value > 0 else "down"


# Units that are a scale, shown after the number as where on the scale it lies: "55 van 100"
# reads as a score, "55 score 0-100" did not.
SCALES = {"score 0-100": "van 100"}


def count(n: int, one: str, more: str) -> str:
    """A count with its noun: '1 gemeente', '3 gemeenten', '1.204 rijen'."""
    return f"{number(n)} {one if n == 1 else more}"


def value(x: float | None, unit: str, decimals: int | None = None) -> str:
    """Format a value with the unit used in the indicator catalogue."""
    if unit == "%":
        return percent(x, 1 if decimals is None else decimals)
    if unit == "procentpunt":
        return points(x, 1 if decimals is None else decimals)
    if decimals is None:
        decimals = 0 if _is_missing(x) or float(x).is_integer() or abs(float(x)) >= 100 else 1
    text = number(x, decimals)
    if text.startswith("-"):
        text = "−" + text[1:]  # a true minus sign, as in the legends (changes can be negative)
    if _is_missing(x) or not unit or unit == "aantal":
        return text
    return f"{text} {SCALES.get(unit, unit)}"


def date(day: dt.date) -> str:
    """Format a date as '1 januari 2024'."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def shorten(text: object, limit: int) -> str:
    """At most `limit` characters; a cut text ends in '…'."""
    text = str(text)
    return text if len(text) <= limit else text[: max(limit - 1, 0)] + "…"


def listing(items: list[str], shown: int = 10) -> str:
    """'a, b, c' or, for a long list, 'a, b, c en 9.990 andere'."""
    items = list(items)
    if len(items) <= shown:
        return ", ".join(items)
    return f"{', '.join(items[:shown])} en {number(len(items) - shown)} andere"

"""Dutch number and date formatting for everything a user reads."""

from __future__ import annotations

import datetime as dt
import math
import re

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


def value(x: float | None, unit: str, decimals: int | None = None) -> str:
    """Format a value with the unit used in the indicator catalogue."""
    if unit == "%":
        return percent(x, 1 if decimals is None else decimals)
    if unit == "procentpunt":
        return points(x, 1 if decimals is None else decimals)
    if decimals is None:
        decimals = 0 if _is_missing(x) or float(x).is_integer() or abs(float(x)) >= 100 else 1
    text = number(x, decimals)
    return text if _is_missing(x) or not unit or unit == "aantal" else f"{text} {unit}"


def date(day: dt.date) -> str:
    """Format a date as '1 januari 2024'."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


# Every ASCII character that can start or end markdown syntax in Streamlit (CommonMark, GFM
# autolinks, Streamlit's :colour[...] and :material/...: directives, LaTeX with $).
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&=\"'@/])")
# C0 and C1 control characters (tab, newline and carriage return included: in a single line of
# text they are whitespace at best) and the Unicode line and paragraph separators.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
# Streamlit's markdown turns bare URLs (http://…, www.…) and e-mail addresses into links by
# searching the text after escapes are resolved, so backslashes do not stop it. An invisible
# word joiner where such a link would start does.
_AUTOLINK_START = re.compile(r"(?=://)|(?<=www)(?=\.)|(?=@)", re.IGNORECASE)
WORD_JOINER = "\u2060"


# Control characters that XML 1.0 (and so .xlsx) cannot hold, plus the C1 range; tab, newline and
# carriage return are kept (they are legal, and a cell may hold more than one line).
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")


def strip_control(text: str) -> str:
    """Text without control characters that break Excel files (tab and newlines kept)."""
    return _ILLEGAL.sub("", text)


def has_control(text: str) -> bool:
    return _ILLEGAL.search(text) is not None


def clean_text(text: object) -> str:
    """Text with control characters replaced by spaces (they break Excel files and layouts)."""
    return _CONTROL.sub(" ", str(text))


def shorten(text: object, limit: int) -> str:
    """At most `limit` characters; a cut text ends in '…'."""
    text = str(text)
    return text if len(text) <= limit else text[: max(limit - 1, 0)] + "…"


def markdown_text(text: object, limit: int | None = None) -> str:
    """Untrusted text made inert for st.markdown/st.warning: no links, images or formatting.

    Cut to `limit` characters first (before escaping, so the limit is what the user reads).
    """
    text = clean_text(text)
    if limit is not None:
        text = shorten(text, limit)
    text = _AUTOLINK_START.sub(WORD_JOINER, text)
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def listing(items: list[str], shown: int = 10) -> str:
    """'a, b, c' or, for a long list, 'a, b, c en 9.990 andere'."""
    items = list(items)
    if len(items) <= shown:
        return ", ".join(items)
    return f"{', '.join(items[:shown])} en {number(len(items) - shown)} andere"

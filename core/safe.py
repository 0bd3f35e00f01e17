"""Untrusted text made safe, once per output context. The only escapers in the app.

Text the app did not write itself (an uploaded file's column names and cells, the label and
unit a user typed, an uploaded file's name used as a source, values echoed from a link, names
and notes of the team workspace) is untrusted. It is cleaned once where it enters the app, and
escaped where it leaves, by the context it goes into:

    safe.plain(text, limit=None) -> str
        Where untrusted text enters (e.g. where an imported indicator is created): one line of
        plain text, control and bidi-override characters replaced by spaces, runs of spaces
        made one, cut to `limit` characters. Not an escaper: the result still needs one below.
    safe.markdown(text, limit=None) -> str
        Text inside anything Streamlit renders as markdown: st.markdown, st.caption,
        st.warning/info/error/success, st.toast, widget labels and `help=` tooltips. No link,
        image, autolink (www., e-mail), HTML tag, emphasis, LaTeX ($) or Streamlit directive
        (:red[...], :material/...:) survives; what the user reads is the text as typed.
    safe.html(text) -> str
        Text and attribute values inside HTML we write ourselves (the offline pack, an SVG, a
        block given to st.markdown(..., unsafe_allow_html=True) outside markdown paragraphs).
    safe.svg_data_uri(svg) -> str
        An SVG document we built (its own text already through safe.html) as the source of
        an <img>: a data URI, percent-encoded where the URI or the attribute would end.
    safe.plotly(text) -> str
        Text inside a plotly figure: titles, axis and colour-bar titles, trace names, category
        labels, tick texts, annotations, hover texts and hover templates. Plotly renders a
        subset of HTML (<a>, <br>, <b>, <span style>), fills in %{...} templates and typesets
        $...$ as LaTeX: all three become plain text.
    safe.cell(value) -> object
        A spreadsheet cell (CSV, Excel): control characters that break an .xlsx are removed
        first, then text that a spreadsheet would run as a formula gets a leading apostrophe.
        Non-text values pass unchanged.
    safe.frame(df) -> pandas.DataFrame
        A copy of a table with safe.cell applied to every cell and column name (every export,
        and the tables shown on screen whose toolbar offers a CSV download).

Escape at the last moment, by context; never store escaped text (each context needs its own).
A test (tests/core/test_safe_single_source.py) fails on html.escape or a hand-rolled escaper
anywhere else.
"""

from __future__ import annotations

import html as _html
import re

import pandas as pd

from core import fmt

# --- Entering the app -------------------------------------------------------------------------

# Line breaks and tabs (in one line of text they are whitespace at best) become spaces; other C0
# and C1 control characters, and the bidi embedding/override/isolate marks that can make text
# read in another order than it is stored, are removed.
_BREAKS = re.compile(r"[\t\n\r\x0b\x0c\x85\u2028\u2029]")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_SPACES = re.compile(r"\s+")


def one_line(text: object) -> str:
    """Text on one line: line breaks and tabs as spaces, other control characters removed."""
    return _CONTROL.sub("", _BREAKS.sub(" ", "" if text is None else str(text)))


def plain(text: object, limit: int | None = None) -> str:
    """Untrusted text as one trimmed line of plain text, at most `limit` characters."""
    text = _SPACES.sub(" ", one_line(text)).strip()
    return text if limit is None else fmt.shorten(text, limit)


# --- Markdown ---------------------------------------------------------------------------------

# Every ASCII punctuation character: each can start or end markdown syntax in Streamlit
# (CommonMark, GFM tables, strikethrough and autolinks, Streamlit's :colour[...] and
# :material/...: directives, LaTeX with $). CommonMark allows a backslash before any of them.
_MARKDOWN_SPECIAL = re.compile(r"([!-/:-@\[-`{-~])")
# Streamlit's markdown turns bare URLs (http://…, www.…) and e-mail addresses into links by
# searching the text after escapes are resolved, so backslashes do not stop it. An invisible
# word joiner where such a link would start does.
_AUTOLINK_START = re.compile(r"(?=://)|(?<=www)(?=\.)|(?=@)", re.IGNORECASE)
WORD_JOINER = "\u2060"


def markdown(text: object, limit: int | None = None) -> str:
    """Untrusted text made inert for anything Streamlit renders as markdown.

    Cut to `limit` characters first (before escaping, so the limit is what the user reads).
    """
    text = one_line(text)
    if limit is not None:
        text = fmt.shorten(text, limit)
    text = _AUTOLINK_START.sub(WORD_JOINER, text)
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


# --- HTML and plotly --------------------------------------------------------------------------


def html(text: object) -> str:
    """Text for HTML content or a quoted attribute value: & < > " ' as entities."""
    return _html.escape("" if text is None else str(text), quote=True)


# Percent-encoded in an SVG data URI: what would end it or the attribute (%, #, ", newlines),
# and & (else the page's HTML parser would decode the SVG's own &amp; and &quot; before the
# image sees them, and a name with & in the alt text would break the SVG). Everything else of
# the SVG is allowed as it is in an HTML attribute and a data URI. % first.
_URI_ESCAPES = (
    ("%", "%25"),
    ("&", "%26"),
    ("#", "%23"),
    ('"', "%22"),
    ("\n", "%0A"),
    ("\r", "%0D"),
)


# Plotly's text: its pseudo-HTML tags and entities, its %{...} templates (in hover templates,
# and %{meta} in titles and names) and $...$ LaTeX. Plotly turns entities back into characters
# after filling in templates, so an escaped % or $ reads as typed.
_PLOTLY_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "%": "&#37;", "$": "&#36;"}
_PLOTLY_SPECIAL = re.compile("[&<>%$]")


def svg_data_uri(svg: str) -> str:
    """An SVG document as a data URI for an <img src="..."> attribute (no extra request)."""
    for char, escaped in _URI_ESCAPES:  # str.replace, not translate: 50x faster on 55 kB
        svg = svg.replace(char, escaped)
    return "data:image/svg+xml," + svg


def plotly(text: object) -> str:
    """Text for any text attribute of a plotly figure (tags, templates and LaTeX made inert)."""
    text = "" if text is None else str(text)
    return _PLOTLY_SPECIAL.sub(lambda m: _PLOTLY_ENTITIES[m.group()], text)


# --- Spreadsheet cells ------------------------------------------------------------------------

# Text that a spreadsheet could read as a formula or command (OWASP "CSV injection").
DANGEROUS_START = ("=", "+", "-", "@", "\t", "\r", "\n")
# Control characters that XML 1.0 (and so .xlsx) cannot hold, plus the C1 range; tab, newline and
# carriage return are kept (they are legal, and a cell may hold more than one line).
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")


def strip_control(text: str) -> str:
    """Text without control characters that break Excel files (tab and newlines kept)."""
    return _ILLEGAL.sub("", text)


def has_control(text: str) -> bool:
    return _ILLEGAL.search(text) is not None


def cell(value: object) -> object:
    """A value for a spreadsheet cell: strip control characters, THEN neutralise formulas.

    In this order: "\\x01=HYPERLINK(…)" would start with a control character when checked
    first, and become a live formula once the character was removed. Text that starts with a
    formula character after leading spaces is neutralised too. Non-text values pass unchanged.
    """
    if not isinstance(value, str):
        return value
    text = strip_control(value)
    if text.lstrip(" ").startswith(DANGEROUS_START):
        return "'" + text
    return text


# The name this function had before; the same function, kept for callers written against it.
neutralise = cell


def frame(table: pd.DataFrame) -> pd.DataFrame:
    """A copy with every text cell and column name made safe for a spreadsheet (safe.cell)."""
    out = table.copy()
    for position in range(out.shape[1]):
        column = out.iloc[:, position]
        # Only columns that can hold text: numbers, booleans and dates keep their types.
        if pd.api.types.is_object_dtype(column) or pd.api.types.is_string_dtype(column):
            out.isetitem(position, column.map(cell))
    out.columns = [cell(str(c)) for c in out.columns]
    return out

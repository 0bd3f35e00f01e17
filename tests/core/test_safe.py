"""core.safe: one escaper per output context, and the one cell escaper every export uses."""

from __future__ import annotations

import datetime as dt
import html
import io
import re

import openpyxl
import pandas as pd
import pytest

from core import bundle, indicator_meta, safe
from core.ingest import output as ingest_output
from core.ingest import report as ingest_report
from core.outputs import export, export_table

# Payloads of several kinds; the escapers must make each inert by context, not by a list.
PAYLOADS = [
    "Moeite ![p](http://pixel.example/p.gif) [klik](https://evil.example/x)",
    "www.x.nl en a@b.nl en <https://auto.example/a>",
    "<b>vet</b> <a href='https://evil.example'>link</a> <img src=x onerror=alert(1)>",
    "%{customdata[0]} %{meta} %{x:.2f} <br> <extra>e</extra>",
    "$x^2$ en *nadruk* en __sterk__ en `code` en ~~weg~~",
    ":red[rood] :material/home: &lt;script&gt; &amp;",
    "regel\nbreuk\r\x07bel\u202eomgekeerd",
]


# --- cells -----------------------------------------------------------------------------------


def test_cell_neutralises_formula_starts() -> None:
    for text in ("=1+1", "+31", "-2", "@SUM(A1)", "\tx", "\rx", " =1+1"):
        assert safe.cell(text) == "'" + text
    assert safe.cell("'s-Gravenhage") == "'s-Gravenhage"
    assert safe.cell("Assen") == "Assen"
    assert safe.cell(-2) == -2 and safe.cell(None) is None


def test_cell_strips_control_characters_before_it_neutralises() -> None:
    # Checked first, "\x01=..." does not start with "="; stripped afterwards it would be live.
    assert safe.cell('\x01=HYPERLINK("https://evil.example","klik")') == (
        '\'=HYPERLINK("https://evil.example","klik")'
    )
    assert safe.cell("\x00\x1b@SUM(A1)") == "'@SUM(A1)"
    assert safe.cell("a\x07b") == "ab"
    assert safe.cell(safe.cell("\x01=1")) == "'=1"  # applying it twice changes nothing


def test_frame_neutralises_text_and_headers_and_keeps_number_types() -> None:
    table = pd.DataFrame(
        {"\x02=kop": ["\x01=1+1", "ok"], "n": [1, 2], "x": [0.5, None], "b": [True, False]}
    )
    table["i"] = pd.array([1, None], dtype="Int64")
    out = safe.frame(table)
    assert list(out.columns) == ["'=kop", "n", "x", "b", "i"]
    assert out["'=kop"].tolist() == ["'=1+1", "ok"]
    assert out.dtypes["n"] == table.dtypes["n"] and out.dtypes["i"] == table.dtypes["i"]
    assert table.iloc[0, 0] == "\x01=1+1"  # a copy: the original is untouched


def _imported(label: str) -> indicator_meta.Indicator:
    # Built by hand, as a future caller might, not through make_indicator's cleaning.
    return indicator_meta.Indicator(
        "import_x", label, "", "eigen", '\x01=HYPERLINK("https://evil.example")', 2025, True,
        "imported", '\x01+cmd|" /C calc"!A0',
    )  # fmt: skip


def _values(item: indicator_meta.Indicator, tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    # Values for 40 gemeenten: a ranking component needs 30 before it counts (issue 23, item 8).
    codes = sorted(tables["gemeenten"]["code"])[:38] + ["GM0363", "GM0599"]
    return pd.DataFrame({"code": codes, item.id: [float(i) for i in range(len(codes))]})


@pytest.fixture(scope="module")
def tables() -> dict[str, pd.DataFrame]:
    return {name: bundle.load_table(name) for name in export.TABLES}


def test_excel_export_has_no_live_formula_from_a_control_character(tables) -> None:
    item = _imported('\x01=HYPERLINK("https://evil.example","klik")')
    data = export.export(
        "xlsx",
        ["GM0363", "GM0599"],
        tables,
        export_table.Settings(weights={item.id: 1, "women_gap_2022": 1}),
        imported_values=_values(item, tables),
        imported_catalogue={item.id: item},
        today=dt.date(2026, 3, 18),
    )
    book = openpyxl.load_workbook(io.BytesIO(data))
    cells = [c for sheet in book for row in sheet.iter_rows() for c in row]
    formulas = [c.value for c in cells if c.data_type == "f"]
    assert formulas == []
    texts = [c.value for c in cells if isinstance(c.value, str)]
    assert any(t.startswith("'=HYPERLINK") for t in texts), "the label is in the file, inert"
    assert not any(t.lstrip().startswith(safe.DANGEROUS_START) for t in texts)


def test_csv_export_has_no_formula_from_a_control_character(tables) -> None:
    item = _imported("\x01=1+1")
    data = export.export(
        "csv",
        ["GM0363"],
        tables,
        export_table.Settings(weights={item.id: 1}),
        imported_values=_values(item, tables),
        imported_catalogue={item.id: item},
        today=dt.date(2026, 3, 18),
    ).decode("utf-8-sig")
    fields = [f.strip('"') for line in data.splitlines() for f in re.split("[;,]", line)]
    assert not any(f.startswith(safe.DANGEROUS_START) for f in fields if f)
    assert "\x01" not in data


def test_ingest_downloads_use_the_same_cell_escaper() -> None:
    frame = pd.DataFrame({"a": ["\x01=HYPERLINK(1)", "b"]})
    text = ingest_output.to_csv_bytes(frame).decode("utf-8-sig")
    assert "'=HYPERLINK(1)" in text and "\n=" not in text
    book = openpyxl.load_workbook(io.BytesIO(ingest_output.to_xlsx_bytes(frame)))
    assert [c.data_type for row in book.active.iter_rows() for c in row].count("f") == 0


# --- markdown, html, plotly --------------------------------------------------------------------


@pytest.mark.parametrize("text", PAYLOADS)
def test_markdown_leaves_no_syntax_and_shows_the_text(text: str) -> None:
    escaped = safe.markdown(text)
    unescaped = re.sub(r"\\.", "", escaped)
    # Every ASCII punctuation character is behind a backslash.
    assert not re.search(r"[!-/:-@\[-`{-~]", unescaped), escaped
    assert not re.search(r"[\x00-\x1f\u202e]", escaped)
    shown = re.sub(r"\\(.)", r"\1", escaped).replace(safe.WORD_JOINER, "")
    assert shown == safe.one_line(text)  # the reader sees the text as typed
    linked = re.sub(r"\\(.)", r"\1", escaped)
    assert not re.search(r"(?i)https?://|www\.|[\w.+-]@", linked), linked


@pytest.mark.parametrize("text", PAYLOADS)
def test_html_and_plotly_turn_markup_into_text(text: str) -> None:
    for escaped in (safe.html(text), safe.plotly(text)):
        assert "<" not in escaped and ">" not in escaped
        assert html.unescape(escaped) == text
    as_plotly = safe.plotly(text)
    assert "%{" not in as_plotly and "$" not in as_plotly
    assert '"' not in safe.html(text) and "'" not in safe.html(text)


def test_plotly_keeps_quotes_readable() -> None:
    assert safe.plotly("'s-Gravenhage") == "'s-Gravenhage"


def test_plain_is_one_short_line() -> None:
    assert safe.plain("  a\n\tb\x07c\u202ed  ") == "a bcd"
    assert safe.plain("x" * 50, 10) == "x" * 9 + "…"
    assert safe.plain(None) == ""


def test_imported_indicator_texts_are_made_plain_where_it_is_created() -> None:
    column = ingest_report.Column("Moeite\n\x07" + "m" * 300, "value", 3, 0, 0)
    column.note = "gelezen\r\nals getal"
    item = ingest_output.make_indicator(
        "import_x", column, "bestand\x1b[31m\u202e.csv", dt.date(2026, 3, 1), unit="%\n"
    )
    texts = [item.label, item.unit, item.source, item.definition]
    assert not any(re.search(r"[\x00-\x1f\u202e]", t) for t in texts), texts
    assert len(item.label) <= ingest_output.LABEL_LIMIT and item.label.startswith("Moeite m")
    assert item.unit == "%" and item.source.startswith("bestand[31m.csv, geüpload op")

"""Control characters (issue 16, item 3): stripped at import, and defensively at export."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pandas as pd
import pytest

from core import bundle, indicator_meta, safe
from core.ingest import names as ingest_names
from core.ingest import output as ingest_output
from core.ingest import pipeline as ingest
from core.outputs import export, export_table

CSV = "gemeente;Score\x07 (punten);opmerking\nAmsterdam;12,5;goed\x1b[31m\nRotterdam;7;\x0cx\n"


@pytest.fixture(scope="module")
def reference() -> ingest_names.Reference:
    return ingest_names.load_reference()


@pytest.fixture(scope="module")
def tables() -> dict[str, pd.DataFrame]:
    return {name: bundle.load_table(name) for name in export.TABLES}


def _export_with(tables, item: indicator_meta.Indicator, values: dict[str, float]) -> bytes:
    # A ranking component needs 30 gemeenten with a value: the others get a filler value.
    codes = tables["gemeenten"]["code"].tolist()
    filled = {**{code: float(i % 9) for i, code in enumerate(codes[:40])}, **values}
    extra = pd.DataFrame({"code": list(filled), item.id: list(filled.values())})
    return export.export(
        "xlsx",
        list(values),
        tables,
        export_table.Settings(weights={item.id: 1, "women_gap_2022": 1}),
        imported_values=extra,
        imported_catalogue={item.id: item},
        today=dt.date(2026, 3, 18),
    )


def test_control_character_header_goes_through_to_the_excel_export(reference, tables) -> None:
    report = ingest.ingest(CSV.encode(), "enquête\x07.csv", reference=reference)
    assert report.ok, report.error
    assert report.value_columns == ["Score (punten)"]
    assert any("stuurtekens" in w for w in report.warnings)
    cells = report.table.frame["opmerking"].tolist()
    assert cells == ["goed[31m", "x"]
    column = report.column("Score (punten)")
    key = ingest_output.indicator_id(report.filename, column.name)
    item = ingest_output.make_indicator(
        key, column, report.filename, dt.date(2026, 3, 1), higher_is_worse=True
    )
    values = {code: float(v) for code, v in report.values[column.name].dropna().items()}
    book = openpyxl.load_workbook(io.BytesIO(_export_with(tables, item, values)))
    headers = [c.value for c in book["Selectie"][1]]
    assert any(h.startswith("Score (punten)") for h in headers), headers
    texts = [c.value for s in book for r in s.iter_rows() for c in r if isinstance(c.value, str)]
    assert not any("\x07" in t for t in texts)
    assert any("enquête.csv" in t for t in texts)  # the file name, cleaned, in the notes


def test_the_export_cleans_what_did_not_come_through_the_import(tables) -> None:
    item = indicator_meta.Indicator(
        "import_bel", "Bel\x07 \x1bscore", "%", "eigen", "bron\x00.csv", 2025, True, "imported", "d"
    )
    book = openpyxl.load_workbook(io.BytesIO(_export_with(tables, item, {"GM0363": 5.0})))
    assert "Bel score (%) [eigen import]" in [c.value for c in book["Selectie"][1]]


def test_ingest_downloads_are_cleaned() -> None:
    frame = pd.DataFrame({"a\x07": ["=x\x01", "y"]})
    cleaned = safe.frame(frame)
    assert list(cleaned.columns) == ["a"] and cleaned["a"].tolist() == ["'=x", "y"]

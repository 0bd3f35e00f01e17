"""Nothing dropped without a word (issue 23, item 12): formulas without a stored result, Parquet
decimals, UTF-16 without BOM, huge values, long cells in messages, invisible characters."""

from __future__ import annotations

import decimal
import io
import math

import openpyxl
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from core import classify, fmt
from core.ingest import names as ingest_names
from core.ingest import pipeline as ingest


@pytest.fixture(scope="module")
def reference() -> ingest_names.Reference:
    return ingest_names.load_reference()


def _xlsx(rows: list[list[object]]) -> bytes:
    """A workbook as a script writes it (openpyxl): formulas get no stored result."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Data"
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("formula", ["=B2*2", "=SUM(B2:B3)", '=IF(B2>1,"ja",B2)', "=1/0"])
def test_formula_cells_without_a_result_are_named_not_dropped_silently(
    reference: ingest_names.Reference, formula: str
) -> None:
    data = _xlsx([["Gemeente", "Waarde", "Berekend"], ["Amsterdam", 3, formula], ["Utrecht", 4, 8]])
    report = ingest.ingest(data, "script.xlsx", reference=reference)
    assert report.ok, report.error
    warning = next(w for w in report.warnings if "formule zonder opgeslagen uitkomst" in w)
    assert "kolom C" in warning and "C2: " + formula[:20] in warning, warning
    assert "Raadsradar rekent formules niet uit" in warning


def test_a_sheet_of_only_formulas_is_not_blamed_on_the_header(
    reference: ingest_names.Reference,
) -> None:
    data = _xlsx([["Gemeente", "Waarde"], ['="Amster"&"dam"', "=1+2"], ["=A2", "=B2*2"]])
    report = ingest.ingest(data, "script.xlsx", reference=reference)
    assert not report.ok
    assert "4 cel(len) met een formule zonder opgeslagen uitkomst" in report.error
    assert "kopregel" not in report.error and "is leeg" not in report.error


def test_formulas_with_a_stored_result_read_as_their_result(
    reference: ingest_names.Reference,
) -> None:
    data = _xlsx([["Gemeente", "Waarde"], ["Amsterdam", "=B3"], ["Utrecht", 5]])
    # Put a stored result in the XML, as Excel does when it saves.
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            body = source.read(info)
            if info.filename.endswith("sheet1.xml"):
                body = body.replace(b"<f>B3</f><v></v>", b"<f>B3</f><v>5</v>")
            target.writestr(info, body)
    report = ingest.ingest(out.getvalue(), "excel.xlsx", reference=reference)
    assert report.ok and not any("formule" in w for w in report.warnings), report.warnings
    assert report.values.loc["GM0363", "Waarde"] == 5


@pytest.mark.parametrize("kind", [pa.decimal128(12, 2), pa.decimal256(40, 3)])
def test_parquet_decimal_columns_are_read_as_numbers(
    reference: ingest_names.Reference, kind: pa.DataType
) -> None:
    table = pa.table(
        {
            "code": pa.array(["GM0363", "GM0599", "GM0014"]),
            "bedrag": pa.array(
                [decimal.Decimal("1234.50"), decimal.Decimal("-2.25"), None], type=kind
            ),
        }
    )
    buffer = io.BytesIO()
    pq.write_table(table, buffer)
    report = ingest.ingest(buffer.getvalue(), "geld.parquet", reference=reference)
    assert report.ok and report.value_columns == ["bedrag"], [c.note for c in report.columns]
    assert report.values.loc["GM0363", "bedrag"] == 1234.5
    assert report.values.loc["GM0599", "bedrag"] == -2.25
    assert math.isnan(report.values.loc["GM0014", "bedrag"])
    assert any("decimale getallen" in n for n in report.notes)


TEXT = "Gemeente;Waarde\r\nAmsterdam;12,5\r\n's-Hertogenbosch;3\r\nSúdwest-Fryslân;4\r\n"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_read_and_said_so(
    reference: ingest_names.Reference, encoding: str
) -> None:
    report = ingest.ingest(TEXT.encode(encoding), "unicode.txt", reference=reference)
    assert report.ok, report.error
    assert report.matched == 3 and report.values.loc["GM1900", "Waarde"] == 4
    assert any("UTF-16 zonder byte-volgordemarkering" in w for w in report.warnings)


def test_nul_bytes_that_are_no_utf16_name_the_encoding_to_choose(
    reference: ingest_names.Reference,
) -> None:
    report = ingest.ingest(TEXT.encode("utf-32-le"), "unicode.txt", reference=reference)
    assert not report.ok and "utf-16" in report.error, report.error


@pytest.mark.parametrize("huge", ["1e308", "-1,7E+308", "1e15", "12345678901234567890"])
def test_huge_values_are_reported_and_never_reach_the_map(
    reference: ingest_names.Reference, huge: str
) -> None:
    data = f"Gemeente;Waarde\nAmsterdam;{huge}\nUtrecht;4\nRotterdam;5\n".encode()
    report = ingest.ingest(data, "groot.csv", reference=reference)
    assert report.ok and report.value_columns == ["Waarde"]
    assert math.isnan(report.values.loc["GM0363", "Waarde"])
    assert report.values["Waarde"].abs().max() < 1e15
    assert any("10¹⁵" in w and "Waarde" in w for w in report.warnings), report.warnings
    assert [r.reason for r in report.rejected] == [
        "Kolom 'Waarde': getal te groot (10¹⁵ of meer), telt als ontbrekend."
    ]


@pytest.mark.parametrize("values", [[1e308, -1e308], [1.79e308, -1.79e308, 1e307], [1e300, 1]])
def test_the_map_classes_survive_extreme_values(values: list[float]) -> None:
    # numpy's "arange: cannot compute length" reached the map, with 309-digit legend labels.
    data = pd.Series([*values, *range(20)], dtype="float64")
    for scheme in ("quantiles", "equal_interval", "fisher_jenks"):
        for diverging in (False, True):
            result = classify.classify(data, scheme, 5, diverging=diverging)
            assert sum(result.counts) == len(data)
            assert all(len(label) < 40 for label in result.range_labels), result.range_labels
    assert fmt.number(1e308) == "1,0 × 10³⁰⁸" and fmt.number(-1.5e18, 2) == "-1,50 × 10¹⁸"


def test_long_cells_are_cut_short_in_every_warning(reference: ingest_names.Reference) -> None:
    long = "x" * 5000
    rows = [f"Amsterdam;{long}1;1", f"{long}stad;2;2", "Utrecht;3;3", "Rotterdam;4;4"]
    rows += [f"GM0014;{i};{i}" for i in range(600)]  # one gemeente 600 times
    data = ("Gemeente;" + "K" * 3000 + ";Tweede\n" + "\n".join(rows) + "\n").encode()
    report = ingest.ingest(data, "lang.csv", reference=reference)
    assert report.ok, report.error
    assert max(len(w) for w in report.warnings) < 1200, [len(w) for w in report.warnings]
    assert any(
        "Meer dan één rij voor 1 gemeente" in w and "595 andere" in w for w in report.warnings
    )
    assert any("…" in w and "x" * 59 in w for w in report.warnings)
    assert [u.value for u in report.unmatched] == [f"{long}stad"]  # the report keeps it whole


@pytest.mark.parametrize(
    "code", ["GM\u200b0363", "GM0\u200d363", "\ufeffGM0363", "0363\u2060", "GM\u00ad0363"]
)
def test_invisible_characters_inside_a_code_do_not_stop_it_matching(
    reference: ingest_names.Reference, code: str
) -> None:
    data = f"Code;Waarde\n{code};1\nGM0599;2\nGM0014;3\n".encode()
    report = ingest.ingest(data, "codes.csv", reference=reference)
    assert report.ok and report.matched == 3 and not report.unmatched, report.unmatched
    assert report.values.loc["GM0363", "Waarde"] == 1
    assert any("onzichtbare tekens" in w for w in report.warnings)

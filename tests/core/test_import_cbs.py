"""A CBS StatLine typed dataset (the shape of 50140NED): its reference year comes from the file,
the report says which gemeenten are covered and how the rows add up, and the areas that are
no gemeente are reported as such (issue 27, items 8 and 9)."""

from __future__ import annotations

import datetime as dt

import pytest

from core import catalogue
from core.ingest import coverage
from core.ingest import names as ingest_names
from core.ingest import output as ingest_output
from core.ingest import pipeline as ingest
from core.ingest import report as ingest_report
from tests.fixtures import cbs_typed


@pytest.fixture(scope="module")
def reference() -> ingest_names.Reference:
    return ingest_names.load_reference()


@pytest.fixture(scope="module")
def report(reference: ingest_names.Reference) -> ingest_report.Report:
    return ingest.ingest(cbs_typed.make(), "50140NED.csv", reference=reference)


def test_the_typed_dataset_is_read_with_its_148_numbers(report: ingest_report.Report) -> None:
    assert report.ok, report.error
    assert report.key_column == "RegioS"  # "GM0014  ": padded codes
    assert report.value_columns == cbs_typed.columns()  # Leeftijd (a CBS code) is no number
    assert report.column("Leeftijd").role == "skipped"
    assert report.column("Perioden").role == "skipped"
    assert report.values.loc["GM0014"].notna().sum() >= 140


def test_the_reference_year_comes_from_the_period_column(report: ingest_report.Report) -> None:
    assert report.year == 2022
    assert report.year_source == "uit kolom 'Perioden' (2022JJ00)"
    column = report.column("MoeiteMetRondkomen_25")
    item = ingest_output.make_indicator(
        "import_m", column, "50140NED.csv", dt.date(2026, 12, 3), year=report.year
    )
    assert item.year == 2022
    assert "Peiljaar 2022" in catalogue.footnote(item)
    assert item.label == "Moeite met rondkomen (25)"  # not the raw column name


def test_without_a_year_in_the_file_it_is_unknown_never_the_upload_year(
    reference: ingest_names.Reference,
) -> None:
    plain = ingest.ingest(
        b"Gemeente;Score\nAmsterdam;3\nUtrecht;4\n", "enquete.csv", reference=reference
    )
    assert plain.year is None and "niet in het bestand" in plain.year_source
    item = ingest_output.make_indicator(
        "import_s", plain.column("Score"), "enquete.csv", dt.date(2026, 12, 3), year=plain.year
    )
    assert item.year is None
    assert catalogue.footnote(item).count("Peiljaar onbekend") == 1
    assert "2026" not in catalogue.footnote(item).split("geüpload")[0]
    # A year in the file's name is the file's.
    named = ingest.ingest(b"Gemeente;Score\nAmsterdam;3\n", "monitor_2021.csv", reference=reference)
    assert (named.year, named.year_source) == (2021, "uit de bestandsnaam")
    # Several years in the period column: no year is guessed.
    lines = cbs_typed.make().split(b"\r\n")
    lines = [
        line.replace(b'"2022JJ00"', b'"2020JJ00"') if b'"GM00' in line else line for line in lines
    ]
    both = b"\r\n".join(lines)
    mixed = ingest.ingest(both, "50140NED.csv", reference=reference)
    assert mixed.year is None and mixed.years == [2020, 2022]
    assert "meer jaren" in mixed.year_source


@pytest.mark.parametrize(
    ("cell", "year"),
    [
        ("2022JJ00", 2022),
        ("  2019KW03 ", 2019),
        ("2021MM11", 2021),
        ("2023", 2023),
        (2024, 2024),
        ("1-1-2024", 2024),
        ("2024-01-01", 2024),
        ("peiljaar", None),
        ("12345", None),
        ("", None),
    ],
)
def test_period_cells(cell: object, year: int | None) -> None:
    assert coverage.year_of_cell(cell) == year


def test_the_report_says_which_gemeenten_and_the_rows_add_up(
    report: ingest_report.Report, reference: ingest_names.Reference
) -> None:
    assert (report.covered, report.gemeenten_total) == (338, 342)
    assert report.missing == ["GM0060", "GM0088", "GM0093", "GM0096"]
    assert coverage.coverage_line(report, reference.names) == (
        "338 van de 342 gemeenten staan in het bestand; zonder rij (4): Ameland, "
        "Schiermonnikoog, Terschelling en Vlieland."
    )
    others, unknown = coverage.other_areas(report), coverage.unrecognised(report)
    assert report.rows == report.matched + len(others) + len(unknown) == 365
    assert len(others) == 27 and unknown == []
    assert coverage.rows_line(report) == (
        "365 rijen gelezen: 338 rijen gekoppeld aan 338 gemeenten; 27 rijen van andere "
        "gebieden dan gemeenten (1 landelijk totaal, 12 provincies en 14 regio's), niet "
        "gebruikt; 0 rijen niet herkend."
    )
    # CG01 (a CBS area code) is recognisably not a gemeente: nothing to link it to.
    cg = next(u for u in report.unmatched if u.value == "CG01")
    assert cg.kind == "region" and "geen gemeente" in cg.reason
    # Per column: with a value + "geen gegevens" on the map = every gemeente.
    for row in coverage.column_counts(report):
        assert row["gemeenten met waarde"] + row["geen gegevens"] == 342
    moeite = next(
        r for r in coverage.column_counts(report) if r["kolom"] == "MoeiteMetRondkomen_25"
    )
    assert moeite["gemeenten met waarde"] == report.values["MoeiteMetRondkomen_25"].notna().sum()


def test_readable_labels_only_for_cbs_names() -> None:
    assert ingest_output.readable_label("ErvarenGezondheidGoedZeerGoed_1") == (
        "Ervaren gezondheid goed zeer goed (1)"
    )
    assert ingest_output.readable_label("Vertrouwen (%)") == "Vertrouwen (%)"
    assert ingest_output.readable_label("score_2") == "score_2"

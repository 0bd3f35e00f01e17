"""Number reading for the import: Dutch and English forms, percents, missing markers (hypothesis)."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core import fmt
from core.ingest import numbers as ingest_numbers
from core.ingest.numbers import parse_number

FINITE = st.floats(min_value=-1e12, max_value=1e12, allow_nan=False, allow_infinity=False)


def _english(value: float, decimals: int) -> str:
    return f"{value:,.{decimals}f}"


@given(FINITE, st.integers(min_value=1, max_value=4))
def test_dutch_numbers_round_trip(value: float, decimals: int) -> None:
    text = fmt.number(value, decimals)  # "1.234.567,89", the app's own Dutch format
    parsed = parse_number(text, decimal=",")
    assert parsed.status == "number"
    assert math.isclose(
        parsed.value, round(value, decimals), rel_tol=1e-12, abs_tol=10**-decimals / 2
    )


@given(FINITE, st.integers(min_value=1, max_value=4))
def test_english_numbers_round_trip(value: float, decimals: int) -> None:
    parsed = parse_number(_english(value, decimals), decimal=".")
    assert parsed.status == "number"
    assert math.isclose(
        parsed.value, round(value, decimals), rel_tol=1e-12, abs_tol=10**-decimals / 2
    )


@given(st.integers(min_value=-(10**12), max_value=10**12))
def test_whole_numbers_with_thousands_follow_the_decimal_mark(value: int) -> None:
    # "1.234" is 1234 in a Dutch file and 1.234 in an English one; whole numbers written with
    # the file's own thousands separator always come back whole.
    assert parse_number(fmt.number(value), decimal=",").value == value
    assert parse_number(f"{value:,}", decimal=".").value == value
    assert parse_number(str(value), decimal=",").value == value
    assert parse_number(f"{value:,}".replace(",", " "), decimal=",").value == value


@given(FINITE.filter(lambda v: abs(v) < 1e6), st.sampled_from(["%", " %"]))
def test_percent_signs_are_dropped_and_flagged(value: float, sign: str) -> None:
    text = fmt.number(value, 2) + sign
    parsed = parse_number(text, decimal=",")
    assert parsed.percent and math.isclose(parsed.value, round(value, 2), abs_tol=0.005)


@given(st.sampled_from(sorted(ingest_numbers.MISSING_MARKERS)), st.sampled_from(["", " ", "  "]))
def test_missing_markers_are_missing_never_zero(marker: str, pad: str) -> None:
    parsed = parse_number(pad + marker.upper() + pad)
    assert parsed.status == "missing" and parsed.value is None


@settings(max_examples=300, deadline=None)  # correctness, not speed: no per-example deadline
@given(st.text(max_size=30))
def test_any_text_gives_a_status_and_never_raises(text: str) -> None:
    parsed = parse_number(text)
    assert parsed.status in ("number", "missing", "invalid")
    assert (parsed.value is None) == (parsed.status != "number")
    if parsed.value is not None:
        assert math.isfinite(parsed.value)


NUMBERISH = st.text(alphabet="0123456789.,+-−% €\u00a0eE٣x", max_size=14)
MARKERS = st.sampled_from([".", "x", "-", "–", " - ", "abc", "", "  ", "n.v.t.", "12 345,6"])
# Number shapes as files write them, with one or two separators ("1.234", "12,5", "1.234,5").
SHAPED = st.from_regex(r"\A[+-]?[0-9]{1,4}([.,][0-9]{1,4}){0,2}%?\Z")


def _expected(cells: list, decimal: str) -> tuple[list, list, int, int, int]:
    """What parse_number says cell by cell, with the import's bound on huge values."""
    values, statuses, percent, ambiguous, dashes = [], [], 0, 0, 0
    for cell in cells:
        single = parse_number(cell, decimal=decimal)
        status, value = single.status, single.value
        if value is not None and abs(value) >= ingest_numbers.MAX_ABS:
            status, value = "too_large", None
        values.append(value)
        statuses.append(status)
        percent += single.percent
        ambiguous += single.ambiguous
        dashes += isinstance(cell, str) and cell.strip() in ingest_numbers.DASH_MARKERS
    return values, statuses, percent, ambiguous, dashes


def _check(column: ingest_numbers.ColumnNumbers, cells: list, decimal: str) -> None:
    values, statuses, percent, ambiguous, dashes = _expected(cells, decimal)
    assert column.status.tolist() == statuses, cells
    for got, want in zip(column.values.tolist(), values, strict=True):
        assert (math.isnan(got) and want is None) or got == want, (cells, got, want)
    assert (column.percent_cells, column.ambiguous_cells, column.dash_cells) == (
        percent,
        ambiguous,
        dashes,
    ), cells


@settings(max_examples=400)
@given(
    st.lists(st.one_of(FINITE, st.none(), MARKERS, NUMBERISH, SHAPED), max_size=60),
    st.sampled_from([",", "."]),
)
def test_column_parse_equals_cell_parse(cells: list, decimal: str) -> None:
    # The bulk pass (Arrow) must read every cell exactly as parse_number does.
    _check(ingest_numbers.parse_column(cells, decimal=decimal), cells, decimal)


@settings(max_examples=400)
@given(
    st.lists(st.one_of(MARKERS, NUMBERISH, SHAPED, st.none()), max_size=60),
    st.sampled_from([",", "."]),
)
def test_text_column_parse_equals_cell_parse(cells: list, decimal: str) -> None:
    # Text files give Arrow-backed string columns (missing = NaN): the same answers.
    series = pd.Series(cells, dtype="str")
    column = ingest_numbers.parse_column(series, decimal=decimal)
    _check(column, [None if c is None else c for c in cells], decimal)


def test_bulk_shapes_and_their_edges() -> None:
    cells = ["12", "+7", "-0", "007", "12,5", ",5", "-,5", "1.234", "1,234", "0.125", "9" * 400]
    for decimal in (",", "."):
        _check(ingest_numbers.parse_column(pd.Series(cells, dtype="str"), decimal), cells, decimal)
    column = ingest_numbers.parse_column(pd.Series(cells, dtype="str"), ",")
    assert column.values.tolist()[7:9] == [1234.0, 1.234] and column.ambiguous_cells == 2


@pytest.mark.parametrize(
    ("text", "decimal", "value"),
    [
        ("0.125", ",", 0.125),  # a leading 0 is never a thousands group
        ("0,125", ".", 0.125),
        ("1.234", ",", 1234),
        ("1.234", ".", 1.234),
        ("1.234,5", ".", 1234.5),  # both marks: unambiguous whatever the file says
        ("1,234.5", ",", 1234.5),
        ("1.234.567", ".", 1234567),
        ("12 345,6", ",", 12345.6),
        ("−3,2", ",", -3.2),  # Unicode minus
        ("€ 1.234,50", ",", 1234.5),
        ("1,5E+03", ",", 1500),
        ("+7", ",", 7),
    ],
)
def test_examples(text: str, decimal: str, value: float) -> None:
    assert parse_number(text, decimal).value == pytest.approx(value)


@pytest.mark.parametrize("text", ["1.2.3", "12 5", "abc", "1,2,3,4", "(12)", "12-3"])
def test_invalid_examples(text: str) -> None:
    assert parse_number(text).status == "invalid"


def test_decimal_detection() -> None:
    dutch = [pd.Series(["12,5", "1.234", "3"])]
    assert ingest_numbers.detect_decimal(dutch, ",") == (",", True)
    english = [pd.Series(["12.5", "1,234"])]
    assert ingest_numbers.detect_decimal(english, ";") == (".", True)
    unproven = [pd.Series(["1.234", "7"])]
    assert ingest_numbers.detect_decimal(unproven, ";") == (",", False)
    assert ingest_numbers.detect_decimal(unproven, ",") == (".", False)


def test_fraction_detection() -> None:
    assert ingest_numbers.looks_like_fraction(pd.Series([0.25, 0.5, 1.0]), 0)
    assert not ingest_numbers.looks_like_fraction(pd.Series([0.0, 1.0, 1.0]), 0)  # a 0/1 flag
    assert not ingest_numbers.looks_like_fraction(pd.Series([0.25, 2.5]), 0)
    assert not ingest_numbers.looks_like_fraction(pd.Series([0.25, 0.5]), 2)  # had % signs


def test_typed_columns_from_parquet_are_read_in_bulk() -> None:
    import numpy as np

    floats = pd.Series([1.5, np.inf, np.nan, 1e16, -2.0], dtype="float64")
    column = ingest_numbers.parse_column(floats)
    assert column.status.tolist() == ["number", "invalid", "missing", "too_large", "number"]
    assert column.values.tolist()[::4] == [1.5, -2.0]
    assert floats.tolist()[1] == np.inf  # the file's own column is left as it was
    whole = ingest_numbers.parse_column(pd.Series([3, None], dtype="Int64"))
    assert whole.status.tolist() == ["number", "missing"] and whole.values.iloc[0] == 3.0
    flags = ingest_numbers.parse_column(pd.Series([True, False]))
    assert flags.status.tolist() == ["invalid", "invalid"]

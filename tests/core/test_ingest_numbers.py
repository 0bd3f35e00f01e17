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


@given(st.lists(st.one_of(FINITE, st.none(), st.sampled_from([".", "x", "-", "abc"])), max_size=40))
def test_column_parse_equals_cell_parse(cells: list) -> None:
    column = ingest_numbers.parse_column(cells, decimal=",")
    for i, cell in enumerate(cells):
        single = parse_number(cell, decimal=",")
        assert column.status.iloc[i] == single.status
        if single.value is None:
            assert math.isnan(column.values.iloc[i])
        else:
            assert column.values.iloc[i] == single.value


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

"""Legends at the indicator's own precision, classes kept apart by 'tot'/'vanaf' (issue 22).

Before: 'candidates per seat 2022' read '2,667 – 4,873' (three decimals for a figure shown with
one) and the change of women in the council '−28,846154 – −7,631499'.
"""

from __future__ import annotations

import re
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from core import bundle, catalogue, classify, fmt

SCHEMES = ["quantiles", "equal_interval", "fisher_jenks"]
NUMBER = r"−?\d{1,3}(?:\.\d{3})*(?:,\d+)?"
STEP = re.compile(
    rf"^(?:tot en met (?P<upto>{NUMBER})|(?P<from>{NUMBER}) tot en met (?P<to>{NUMBER})|"
    rf"tot (?P<below>{NUMBER})|(?P<low>{NUMBER}) tot (?P<high>{NUMBER})|"
    rf"vanaf (?P<above>{NUMBER})|(?P<one>{NUMBER}))$"
)


def _value(text: str) -> float:
    return float(text.replace("−", "-").replace(".", "").replace(",", "."))


def _decimals(text: str) -> int:
    return len(text.split(",")[1]) if "," in text else 0


def _ranges(labels: list[str]) -> list[tuple[float, float, bool]]:
    """Each label as (from, up to, whether 'up to' is included: a one-value class, or a class
    that ends at 0 'tot en met 0')."""
    out = []
    for label in labels:
        m = STEP.match(label)
        assert m, f"label not in 'tot / a tot b / vanaf / value' form: {label!r}"
        if m["upto"]:
            out.append((-np.inf, _value(m["upto"]), True))
        elif m["from"]:
            out.append((_value(m["from"]), _value(m["to"]), True))
        elif m["below"]:
            out.append((-np.inf, _value(m["below"]), False))
        elif m["low"]:
            out.append((_value(m["low"]), _value(m["high"]), False))
        elif m["above"]:
            out.append((_value(m["above"]), np.inf, False))
        else:
            out.append((_value(m["one"]), _value(m["one"]), True))
    return out


@pytest.fixture(scope="module")
def indicators() -> pd.DataFrame:
    return bundle.load_table("indicators").set_index("code")


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize(
    "indicator_id",
    [
        "candidates_per_seat_2022",
        "candidates_per_seat_2026",
        "women_council_share_change_2022_2026",
        "candidates_per_seat_change_2022_2026",
        "short_lists_share_2026",
        "half_short_lists_share_2026",
        "lists_2026",
        "seats_2026",
        "inhabitants_2024",
        "women_gap_2026",
    ],
)
def test_every_bound_at_the_indicators_precision_and_every_value_in_its_label(
    indicators: pd.DataFrame, indicator_id: str, scheme: str
) -> None:
    item = catalogue.get(indicator_id)
    values = indicators[indicator_id]
    result = classify.for_indicator(values, item, scheme, 5)
    ranges = _ranges(result.range_labels)
    numbers = [n for label in result.range_labels for n in re.findall(NUMBER, label)]
    # Every bound has exactly the decimals the indicator is shown with elsewhere.
    assert {_decimals(n) for n in numbers} == {item.decimals}, result.range_labels
    # Classes are distinct and in order: each starts where the one before it ends.
    assert len(set(result.range_labels)) == len(result.range_labels)
    for (low, high, one), (next_low, _, _) in zip(ranges, ranges[1:], strict=False):
        assert low <= high and (high <= next_low if one else high == next_low), ranges
    # Each gemeente's value, as the app shows it (fmt), lies inside its own class's label.
    for code, value in values.dropna().items():
        shown = _value(fmt.number(value, item.decimals).replace("-", "−"))
        low, high, one = ranges[result.classes[code]]
        assert (low <= shown <= high) if one else (low <= shown < high), (code, shown, ranges)


def test_the_issues_examples(indicators: pd.DataFrame) -> None:
    item = catalogue.get("candidates_per_seat_2022")
    labels = classify.for_indicator(indicators[item.id], item).range_labels
    assert labels[0].startswith("tot ") and labels[-1].startswith("vanaf ")
    assert "2,667" not in " ".join(labels) and "4,873" not in " ".join(labels)
    change = catalogue.get("women_council_share_change_2022_2026")
    for scheme in SCHEMES:
        text = " ".join(classify.for_indicator(indicators[change.id], change, scheme).range_labels)
        assert not re.search(r",\d\d", text), text  # one decimal, never '−28,846154'


def test_by_hand_one_decimal() -> None:
    item = SimpleNamespace(decimals=1, diverging=False, higher_is_worse=True)
    values = pd.Series([2.66, 2.71, 5.26, 5.34, 5.38, 6.4, 6.44, 8.66, 8.74, 9.0, 0.0, 0.04])
    result = classify.for_indicator(values, item, "quantiles", 4)
    # Shown: 0,0 0,0 2,7 2,7 5,3 5,3 5,4 6,4 6,4 8,7 8,7 9,0; quartile bounds of those are 2,7,
    # 5,35 and 6,975: the second class holds only 5,3 (the value), the others run up to the
    # next class's first value.
    assert result.range_labels == ["tot 5,3", "5,3", "5,4 tot 8,7", "vanaf 8,7"]
    assert result.counts == [4, 2, 3, 3]
    # 5,26 and 5,34 are both shown as 5,3: they fall in the same class.
    assert result.classes[2] == result.classes[3] == 1


def test_one_value_classes_and_whole_numbers() -> None:
    item = SimpleNamespace(decimals=0, diverging=False, higher_is_worse=True)
    values = pd.Series([3, 4, 6, 7, 7, 7, 8, 8, 9, 11, 12, 35], dtype="float64")
    result = classify.for_indicator(values, item, "quantiles", 5)
    ranges = _ranges(result.range_labels)
    for value, cls in zip(values, result.classes, strict=True):
        low, high, one = ranges[cls]
        assert (low <= value <= high) if one else (low <= value < high), (value, ranges)
    assert "7" in result.range_labels  # the class of only sevens says so


def test_empty_equal_interval_classes_still_join_up() -> None:
    item = SimpleNamespace(decimals=1, diverging=False, higher_is_worse=True)
    values = pd.Series([0.0, 0.1, 0.2, 0.3, 9.8, 10.0])
    result = classify.for_indicator(values, item, "equal_interval", 5)
    assert result.counts == [4, 0, 0, 0, 2]
    assert result.range_labels == [
        "tot 2,1",
        "2,1 tot 4,1",
        "4,1 tot 6,1",
        "6,1 tot 9,8",
        "vanaf 9,8",
    ]


def test_manual_breaks_keep_their_own_wording_and_precision() -> None:
    values = pd.Series([2.667, 4.873, 5.5, 7.25, 14.765])
    result = classify.classify(values, scheme="manual", manual_breaks=[5, 7.25], decimals=1)
    assert result.range_labels == [
        "tot en met 5,00",
        "meer dan 5,00 tot en met 7,25",
        "meer dan 7,25",
    ]


def test_staffel_map_bounds_are_whole_inhabitants() -> None:
    from core import staffel, staffel_compare, staffel_map

    t = {n: bundle.load_table(n) for n in bundle.TABLES}
    law = t["staffel"]
    comparison = staffel_compare.compare(
        t["gemeenten"], t["indicators"], law, staffel.preset("plus_two", law)
    )
    for measure in ("inhabitants_per_seat_now", "inhabitants_per_seat_alt"):
        labels = staffel_map.map_view(comparison, measure)[1].range_labels
        assert labels[0].startswith("tot en met ") and labels[-1].startswith("meer dan "), labels
        assert not any("," in label for label in labels), labels  # whole numbers: '1.121'


def test_bivariate_legend_at_each_indicators_precision() -> None:
    from core import mapview

    t = {n: bundle.load_table(n) for n in ("indicators", "gemeenten", "indicator_notes")}
    x = catalogue.get("women_council_share_change_2022_2026")
    y = catalogue.get("candidates_per_seat_2022")
    _, result, axes = mapview.bivariate_frame(
        t["indicators"], t["gemeenten"], t["indicator_notes"], x, y
    )
    for item, ranges in ((x, result.x_ranges), (y, result.y_ranges)):
        numbers = [n for text in ranges for n in re.findall(NUMBER, text)]
        assert {_decimals(n) for n in numbers} == {item.decimals}, ranges
        assert ranges[0].startswith("tot ") and ranges[-1].startswith("vanaf "), ranges
        _ranges(ranges)  # every range in the 'tot / a tot b / vanaf' form
    assert axes["y_ranges"] == result.y_ranges[::-1]  # worse first in the 2-D legend


def test_a_diverging_class_that_ends_at_zero_says_so() -> None:
    """The change maps centre on 0. A 0 has its own class ("0,00"); the class below it runs up
    to, not including, 0 ("tot 0,00"). Without a 0 in the data the class below 0 ends at 0, and
    says "tot en met 0,00", not the next class's first value ("tot 0,03" seemed to cross 0 while
    the class was coloured as 'fewer')."""
    values = pd.Series([-1.2, -0.9, -0.42, -0.3, -0.1, 0.0, 0.03, 0.2, 0.58, 0.9, 1.19, 1.5, 2.0])
    result = classify.classify(values, scheme="quantiles", k=5, diverging=True, decimals=2)
    assert result.range_labels[1:3] == ["−0,30 tot 0,00", "0,00"]
    assert result.classes[values == 0.0].tolist() == [2]
    without = values[values != 0.0]
    result = classify.classify(without, scheme="quantiles", k=5, diverging=True, decimals=2)
    assert result.range_labels[1] == "−0,30 tot en met 0,00"
    assert result.range_labels[2] == "0,03 tot 0,90"

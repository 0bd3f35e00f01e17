"""Class breaks, palettes and Dutch legends of core.classify, by hand and against mapclassify."""

from __future__ import annotations

import itertools
import re
import warnings

import mapclassify
import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from core import bivariate, classify, palettes

SCHEMES = ["quantiles", "equal_interval", "fisher_jenks"]
MAPCLASSIFY = {
    "quantiles": mapclassify.Quantiles,
    "equal_interval": mapclassify.EqualInterval,
    "fisher_jenks": mapclassify.FisherJenks,
}


def _codes(n: int) -> list[str]:
    return [f"GM{i:04d}" for i in range(n)]


def _fixed() -> pd.Series:
    """60 skewed values without ties, fixed by a seed, indexed by GM codes."""
    rng = np.random.default_rng(20260318)
    return pd.Series(rng.gamma(2.0, 8.0, 60).round(3), index=_codes(60), name="waarde")


def _rgb(color: str) -> tuple[int, int, int]:
    return tuple(int(color[i : i + 2], 16) for i in (1, 3, 5))


def _luminance(color: str) -> float:
    """WCAG relative luminance: 0 for black, 1 for white."""
    channels = []
    for c in _rgb(color):
        c = c / 255
        channels.append(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4)
    r, g, b = channels
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _lab(rgb_linear: np.ndarray) -> np.ndarray:
    m = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]])
    xyz = m @ rgb_linear / np.array([0.95047, 1.0, 1.08883])
    f = np.where(xyz > 0.008856, np.cbrt(xyz), 7.787 * xyz + 16 / 116)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


# Machado, Oliveira & Fernandes (2009), severity 1.0, applied to linear RGB.
_CVD = {
    "normaal": np.eye(3),
    "protanopie": np.array(
        [
            [0.152286, 1.052583, -0.204868],
            [0.114503, 0.786281, 0.099216],
            [-0.003882, -0.048116, 1.051998],
        ]
    ),
    "deuteranopie": np.array(
        [
            [0.367322, 0.860646, -0.227968],
            [0.280085, 0.672501, 0.047413],
            [-0.011820, 0.042940, 0.968881],
        ]
    ),
}


def _seen_as(color: str, vision: str) -> np.ndarray:
    c = np.array(_rgb(color)) / 255
    linear = np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    return _lab(np.clip(_CVD[vision] @ linear, 0, 1))


def _color_at(scale: list[tuple[float, str]], z: float, zmin: float, zmax: float) -> str:
    """The colour plotly paints for z on a stepped scale (steps are flat, so any stop will do)."""
    position = (z - zmin) / (zmax - zmin)
    for (start, color), (end, _) in itertools.pairwise(scale):
        if start <= position <= end and start < end:
            return color
    raise AssertionError(f"z={z} falls outside the colourscale")


# ---------------------------------------------------------------------------------------------
# Breaks


def test_scheme_labels_are_dutch() -> None:
    assert classify.SCHEMES == {
        "quantiles": "Kwantielen (gelijke aantallen)",
        "equal_interval": "Gelijke intervallen",
        "fisher_jenks": "Natuurlijke grenzen (Fisher-Jenks)",
        "manual": "Eigen grenzen",
    }


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("k", [3, 5, 9])
def test_breaks_agree_with_mapclassify(scheme: str, k: int) -> None:
    values = _fixed()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        reference = MAPCLASSIFY[scheme](values.to_numpy(), k=k)
    result = classify.classify(values, scheme, k=k)
    assert result.k == k
    assert result.bins == pytest.approx(list(reference.bins), rel=1e-12)
    assert result.classes.tolist() == list(reference.yb)
    assert result.counts == list(reference.counts)
    assert result.lower == values.min()


def test_manual_breaks_agree_with_mapclassify_user_defined() -> None:
    values = _fixed()
    result = classify.classify(values, "manual", manual_breaks=[5, 10, 20, 40])
    reference = mapclassify.UserDefined(values.to_numpy(), [5, 10, 20, 40])
    assert result.bins == [5, 10, 20, 40, values.max()]
    assert result.bins == pytest.approx(list(reference.bins))
    assert result.classes.tolist() == list(reference.yb)
    assert result.counts == list(reference.counts)


def test_equal_intervals_by_hand() -> None:
    values = pd.Series(np.arange(0, 101, dtype=float))
    result = classify.classify(values, "equal_interval", k=4)
    assert result.bins == [25, 50, 75, 100]
    # Upper-inclusive: 0..25 is 26 values, then 26..50, 51..75, 76..100.
    assert result.counts == [26, 25, 25, 25]
    assert result.classes[25] == 0
    assert result.classes[26] == 1
    # Each label starts at its class's smallest value: no two labels share a number.
    assert result.labels == ["0 – 25 (26)", "26 – 50 (25)", "51 – 75 (25)", "76 – 100 (25)"]


def test_quantiles_by_hand() -> None:
    # Quartiles of 1..8 with linear interpolation: 1 + 7 * 0.25 = 2.75, 4.5, 6.25, 8.
    values = pd.Series([8, 1, 7, 2, 6, 3, 5, 4], dtype=float)
    result = classify.classify(values, "quantiles", k=4)
    assert result.bins == [2.75, 4.5, 6.25, 8.0]
    assert result.classes.tolist() == [3, 0, 3, 0, 2, 1, 2, 1]
    assert result.counts == [2, 2, 2, 2]


def test_fisher_jenks_finds_the_obvious_groups() -> None:
    values = pd.Series([1, 2, 3, 10, 11, 12, 20, 21, 22, 4.5, 13.5, 19], dtype=float)
    result = classify.classify(values, "fisher_jenks", k=3)
    assert result.bins == [4.5, 13.5, 22.0]
    assert result.counts == [4, 4, 4]


def test_manual_breaks_by_hand_with_open_legend() -> None:
    values = pd.Series(np.arange(0, 101, dtype=float))
    result = classify.classify(values, "manual", manual_breaks=[10, 50])
    assert result.k == 3
    assert result.bins == [10, 50, 100]
    assert result.counts == [11, 40, 50]
    assert result.labels == [
        "tot en met 10 (11)",
        "meer dan 10 tot en met 50 (40)",
        "meer dan 50 (50)",
    ]


def test_manual_breaks_above_the_data_keep_an_empty_class() -> None:
    values = pd.Series([1.0, 2.0, 3.0])
    result = classify.classify(values, "manual", manual_breaks=[1.5, 2.5, 10])
    assert result.k == 4
    assert result.counts == [1, 1, 1, 0]
    # One legend, one number of decimals: the breaks 1,5 and 2,5 need one.
    assert result.labels[-1] == "meer dan 10,0 (0)"


def test_float_noise_does_not_move_a_value_across_a_bound() -> None:
    # mapclassify's equal-interval bound is 1.3 + 1.4 = 2.6999999999999997 here; the value 2.7
    # sits exactly on it and belongs in the lower class.
    values = pd.Series([1.3, 2.0, 2.7, 3.5, 4.1, 5.5])
    result = classify.classify(values, "equal_interval", k=3)
    assert result.classes.tolist() == [0, 0, 0, 1, 1, 2]
    # And integer quantiles of 0..9 give nine non-empty classes, not empty ones from noise.
    nine = classify.classify(pd.Series(range(10)), "quantiles", k=9)
    assert nine.k == 9
    assert nine.counts == [2, 1, 1, 1, 1, 1, 1, 1, 1]
    assert nine.note is None


def test_quantile_ties_merge_classes_and_say_so() -> None:
    # mapclassify gives bounds 0, 0.6, 3.8, 7 here (20% and 40% both land at or just above the
    # ten zeros), so the class 0 - 0,6 is empty; it is merged into the next one.
    values = pd.Series([0.0] * 10 + [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        assert 0 in mapclassify.Quantiles(values.to_numpy(), k=5).counts
    result = classify.classify(values, "quantiles", k=5)
    assert result.bins == pytest.approx([0.0, 3.8, 7.0])
    assert result.counts == [10, 3, 4]
    assert result.k == 3
    assert result.note is not None and "3 klassen in plaats van 5" in result.note


# ---------------------------------------------------------------------------------------------
# Counts, missing values, alignment


@pytest.mark.parametrize("scheme", SCHEMES)
def test_counts_and_missing_values(scheme: str) -> None:
    values = _fixed()
    values.iloc[[3, 17, 40]] = np.nan
    values.iloc[5] = np.inf
    result = classify.classify(values, scheme, k=5)
    assert sum(result.counts) == 56
    assert result.missing_count == 4
    assert result.missing_label == "geen gegevens (4)"
    assert (result.classes.iloc[[3, 5, 17, 40]] == -1).all()
    assert (result.classes.drop(result.classes.index[[3, 5, 17, 40]]) >= 0).all()
    assert result.classes.value_counts().sort_index().tolist() == [4, *result.counts]


def test_classes_keep_the_index_of_the_values() -> None:
    values = pd.Series(
        [30.0, np.nan, 10.0, 20.0, 40.0], index=["GM0363", "GM0014", "GM0034", "GM0599", "GM0518"]
    )
    result = classify.classify(values, "quantiles", k=4)
    assert list(result.classes.index) == list(values.index)
    assert result.classes.to_dict() == {
        "GM0363": 2,
        "GM0014": -1,
        "GM0034": 0,
        "GM0599": 1,
        "GM0518": 3,
    }


def test_nullable_and_object_inputs() -> None:
    nullable = pd.Series([1.5, pd.NA, 3.0, 4.5, 6.0], dtype="Float64")
    result = classify.classify(nullable, "equal_interval", k=3)
    assert result.missing_count == 1
    # Bounds 3.0, 4.5, 6.0; 3.0 itself is in the lower class.
    assert result.classes.tolist() == [0, -1, 0, 1, 2]
    objects = pd.Series([1, None, 3, 5], dtype=object)
    assert classify.classify(objects, k=3).missing_count == 1


def test_text_values_raise_in_dutch() -> None:
    with pytest.raises(ValueError, match="getallen"):
        classify.classify(pd.Series(["laag", "hoog", "midden"]))


def test_all_missing_gives_an_empty_classification() -> None:
    values = pd.Series([np.nan, None, np.inf], index=["GM0001", "GM0002", "GM0003"], dtype=float)
    result = classify.classify(values, "fisher_jenks", k=5)
    assert result.k == 0
    assert result.bins == [] and result.counts == [] and result.labels == [] and result.colors == []
    assert result.classes.tolist() == [-1, -1, -1]
    assert list(result.classes.index) == ["GM0001", "GM0002", "GM0003"]
    assert result.missing_count == 3
    assert result.note and "geen enkele gemeente" in result.note
    assert classify.legend_rows(result) == [
        {
            "class": -1,
            "color": palettes.MISSING_COLOR,
            "label": "geen gegevens (3)",
            "range": "geen gegevens",
            "count": 3,
        }
    ]
    assert palettes.stepped_colorscale(result) == [
        (0.0, palettes.MISSING_COLOR),
        (1.0, palettes.MISSING_COLOR),
    ]


@pytest.mark.parametrize("scheme", SCHEMES)
def test_single_value_gives_one_class(scheme: str) -> None:
    result = classify.classify(pd.Series([np.nan, 6.2]), scheme, k=5)
    assert result.k == 1
    assert result.counts == [1]
    assert result.classes.tolist() == [-1, 0]
    assert result.labels == ["6,2 (1)"]
    assert result.note and "1 klasse in plaats van 5" in result.note


@pytest.mark.parametrize("scheme", SCHEMES)
def test_all_equal_values_give_one_class(scheme: str) -> None:
    result = classify.classify(pd.Series([7.0, 7.0, 7.0, 7.0]), scheme, k=4)
    assert result.k == 1
    assert result.bins == [7.0]
    assert result.counts == [4]
    assert len(result.colors) == 1


@pytest.mark.parametrize("scheme", SCHEMES)
def test_few_distinct_values_become_classes_of_their_own(scheme: str) -> None:
    result = classify.classify(pd.Series([1, 1, 2, 2, 3], dtype=float), scheme, k=5)
    assert result.k == 3
    assert result.bins == [1, 2, 3]
    assert result.labels == ["1 (2)", "2 (2)", "3 (1)"]
    assert "maar 3 verschillende waarden" in result.note
    assert "3 klassen in plaats van 5" in result.note


# ---------------------------------------------------------------------------------------------
# Validation


@pytest.mark.parametrize("k", [0, 1, 2, 10, 12, -3])
def test_k_outside_3_to_9_raises(k: int) -> None:
    with pytest.raises(ValueError, match="tussen 3 en 9"):
        classify.classify(_fixed(), "quantiles", k=k)


@pytest.mark.parametrize("k", [3.5, True, "5"])
def test_k_must_be_a_whole_number(k: object) -> None:
    with pytest.raises(ValueError, match="geheel getal"):
        classify.classify(_fixed(), "quantiles", k=k)


def test_unknown_scheme_raises() -> None:
    with pytest.raises(ValueError, match="Onbekende indeling 'jenks'"):
        classify.classify(_fixed(), "jenks")


@pytest.mark.parametrize(
    ("breaks", "message"),
    [
        (None, "2 tot 8 grenzen"),
        ([], "2 tot 8 grenzen"),
        ([10], "nu zijn het er 1"),
        (list(range(1, 10)), "nu zijn het er 9"),
        ([10, 5, 20], "oplopen"),
        ([5, 5, 20], "oplopen"),
        ([5, "10", 20], "geen getal"),
        ([5, None, 20], "geen getal"),
        ([5, float("nan"), 20], "geen getal"),
        ([5, float("inf")], "geen getal"),
        ([True, 5, 20], "geen getal"),
    ],
)
def test_manual_breaks_are_validated(breaks: list | None, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        classify.classify(_fixed(), "manual", manual_breaks=breaks)


def test_descending_breaks_message_shows_them_in_dutch() -> None:
    with pytest.raises(ValueError, match=r"2,5, 1"):
        classify.classify(_fixed(), "manual", manual_breaks=[2.5, 1])


def test_manual_breaks_accept_numpy_numbers() -> None:
    result = classify.classify(_fixed(), "manual", manual_breaks=np.array([5.0, 10.0, 20.0]))
    assert result.bins[:3] == [5.0, 10.0, 20.0]


# ---------------------------------------------------------------------------------------------
# Labels


def test_labels_use_decimal_comma_and_en_dash() -> None:
    values = pd.Series([1.3, 2.0, 2.5, 3.5, 4.0, 5.5])
    result = classify.classify(values, "equal_interval", k=3)
    assert result.labels == ["1,3 – 2,7 (3)", "3,5 – 4,1 (2)", "5,5 (1)"]
    assert result.range_labels == ["1,3 – 2,7", "3,5 – 4,1", "5,5"]
    assert result.decimals == 1


def test_labels_use_thousand_dots_for_large_numbers() -> None:
    values = pd.Series([0.0, 1_000_000.0, 2_000_000.0, 3_000_000.0, 17_942_942.0])
    result = classify.classify(values, "manual", manual_breaks=[1_500_000, 2_500_000])
    assert result.labels == [
        "tot en met 1.500.000 (2)",
        "meer dan 1.500.000 tot en met 2.500.000 (1)",
        "meer dan 2.500.000 (2)",
    ]


def test_wide_ranges_get_no_decimals_and_narrow_ones_more() -> None:
    big = classify.classify(pd.Series(np.linspace(1_000.5, 250_000.25, 50)), "equal_interval", k=4)
    assert big.decimals == 0
    assert all("," not in label for label in big.range_labels)
    small = classify.classify(pd.Series(np.linspace(0.0, 0.5, 30)), "equal_interval", k=4)
    # Two decimals would show 0,38 twice (bound 0,375 and the next class's 0,379).
    assert small.decimals == 3
    assert small.range_labels[:2] == ["0,000 – 0,125", "0,138 – 0,250"]


def test_decimals_grow_until_bounds_differ() -> None:
    # Range 30 asks for one decimal, but the quartile bounds 10.02 and 10.04 need two.
    values = pd.Series([0.0, 10.0, 10.01, 10.02, 10.03, 10.04, 10.05, 30.0])
    result = classify.classify(values, "manual", manual_breaks=[10.02, 10.04])
    assert result.decimals == 2
    assert result.range_labels[1] == "meer dan 10,02 tot en met 10,04"


def test_negative_bounds_use_a_real_minus_sign() -> None:
    values = pd.Series([-12.5, -3.0, 4.0, 8.5, 20.0])
    result = classify.classify(values, "equal_interval", k=3, diverging=True)
    assert result.range_labels[0] == "−12,5 – 0,0"
    assert all("-" not in label for label in result.labels)


def test_legend_rows_end_with_missing() -> None:
    values = pd.Series([1.3, 2.0, 2.5, 3.5, 4.0, 5.5, np.nan, np.nan])
    result = classify.classify(values, "equal_interval", k=3)
    rows = classify.legend_rows(result)
    assert [row["class"] for row in rows] == [0, 1, 2, -1]
    assert [row["count"] for row in rows] == [3, 2, 1, 2]
    assert rows[0] == {
        "class": 0,
        "color": "#ffeda0",
        "label": "1,3 – 2,7 (3)",
        "range": "1,3 – 2,7",
        "count": 3,
    }
    assert rows[-1] == {
        "class": -1,
        "color": palettes.MISSING_COLOR,
        "label": "geen gegevens (2)",
        "range": "geen gegevens",
        "count": 2,
    }


# ---------------------------------------------------------------------------------------------
# Palettes


@pytest.mark.parametrize("k", range(3, 10))
def test_sequential_palette_is_colorbrewer_ylorrd_dark_is_high(k: int) -> None:
    result = classify.classify(pd.Series(np.arange(100.0)), "equal_interval", k=k)
    assert result.colors == palettes._YLORRD[k]
    lum = [_luminance(c) for c in result.colors]
    assert lum == sorted(lum, reverse=True)
    assert (
        classify.classify(pd.Series(np.arange(100.0)), "equal_interval", k=k, reverse=True).colors
        == (palettes._YLORRD[k][::-1])
    )


@pytest.mark.parametrize("k", range(3, 10))
def test_high_contrast_is_darker_when_higher_with_bigger_steps(k: int) -> None:
    values = pd.Series(np.arange(100.0))
    normal = classify.classify(values, "equal_interval", k=k)
    strong = classify.classify(values, "equal_interval", k=k, high_contrast=True)
    lum = [_luminance(c) for c in strong.colors]
    assert lum == sorted(lum, reverse=True)
    assert len(set(strong.colors)) == k
    assert strong.colors != normal.colors

    def smallest_step(colors: list[str]) -> float:
        return min(
            np.linalg.norm(_seen_as(a, "normaal") - _seen_as(b, "normaal"))
            for a, b in itertools.pairwise(colors)
        )

    assert smallest_step(strong.colors) > smallest_step(normal.colors)


def test_missing_colour_differs_from_every_class_colour() -> None:
    schemes = [*palettes._YLORRD.values(), *palettes._REDS.values(), *palettes._BLUES.values()]
    schemes += [
        *palettes._RDBU_EVEN.values(),
        list(palettes.BIVARIATE_COLORS),
        [palettes.NEUTRAL_COLOR],
    ]
    missing = _seen_as(palettes.MISSING_COLOR, "normaal")
    nearest = min(np.linalg.norm(missing - _seen_as(c, "normaal")) for p in schemes for c in p)
    assert nearest > 10  # CIELAB Delta E: clearly visible side by side
    r, g, b = _rgb(palettes.MISSING_COLOR)
    assert r == g == b  # neutral grey, no hue to mistake for a class


def _is_cool(color: str) -> bool:
    r, _, b = _rgb(color)
    return b > r


def _is_warm(color: str) -> bool:
    r, _, b = _rgb(color)
    return r > b


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("k", [3, 4, 5, 6, 9])
def test_diverging_makes_0_a_boundary_with_cool_below_and_warm_above(scheme: str, k: int) -> None:
    rng = np.random.default_rng(7)
    values = pd.Series(np.round(rng.normal(4.0, 8.0, 200), 2))
    assert values.min() < 0 < values.max()
    result = classify.classify(values, scheme, k=k, diverging=True)
    assert 0.0 in result.bins
    zero = result.bins.index(0.0)
    assert result.k == k
    below, above = result.colors[: zero + 1], result.colors[zero + 1 :]
    assert below and above
    assert all(_is_cool(c) for c in below)
    assert all(_is_warm(c) for c in above)
    # Lightest next to 0, darker outwards on both sides.
    assert [_luminance(c) for c in below] == sorted(_luminance(c) for c in below)
    assert [_luminance(c) for c in above] == sorted((_luminance(c) for c in above), reverse=True)
    negative = values < 0
    assert (result.classes[negative] <= zero).all()
    assert (result.classes[values > 0] > zero).all()
    assert sum(result.counts) == len(values)


def test_diverging_equal_intervals_by_hand() -> None:
    # -10..30 in steps of 1 without 0 (a 0 gets a class of its own, below), five classes: the
    # negative side is a quarter of the range, so it gets one class (-10..0) and the positive
    # side four of width 7.5.
    values = _without_zero(np.linspace(-10, 30, 41))
    result = classify.classify(values, "equal_interval", k=5, diverging=True)
    assert result.bins == pytest.approx([0, 7.5, 15, 22.5, 30])
    assert result.counts == [10, 7, 8, 7, 8]
    assert result.labels[0] == "−10,0 – 0,0 (10)"
    # RdBu-8 reversed: the palest blue below 0, then red from pale to dark.
    assert result.colors == ["#d1e5f0", "#fddbc7", "#f4a582", "#d6604d", "#b2182b"]


def test_diverging_quantiles_share_classes_by_count() -> None:
    # 24 of 30 values are negative: 4 of 5 classes go below 0, each a quartile of -24..-1
    # (-24 + 23 * 0.25 = -18.25, -12.5, -6.75), and the top negative bound moves to 0.
    values = pd.Series(np.concatenate([-np.arange(1.0, 25.0), np.arange(1.0, 7.0)]))
    result = classify.classify(values, "quantiles", k=5, diverging=True)
    assert result.bins == pytest.approx([-18.25, -12.5, -6.75, 0.0, 6.0])
    assert result.counts == [6, 6, 6, 6, 6]


def test_diverging_gives_each_side_at_most_five_classes() -> None:
    # Only 5 of 100 values are negative, but nine classes cannot all be red: RdBu has five
    # steps per side, so the negative side keeps four.
    values = pd.Series(np.concatenate([-np.arange(1.0, 6.0), np.arange(1.0, 96.0)]))
    result = classify.classify(values, "quantiles", k=9, diverging=True)
    assert result.k == 9
    zero = result.bins.index(0.0)
    assert zero + 1 == 4
    assert len(set(result.colors)) == 9


def test_diverging_balanced_data_uses_symmetric_rdbu() -> None:
    values = _without_zero(np.linspace(-20, 20, 41))
    result = classify.classify(values, "equal_interval", k=4, diverging=True)
    assert result.bins == pytest.approx([-10, 0, 10, 20])
    assert result.colors == ["#0571b0", "#92c5de", "#f4a582", "#ca0020"]


def test_diverging_reverse_swaps_the_hues() -> None:
    values = _without_zero(np.linspace(-20, 20, 41))
    result = classify.classify(values, "equal_interval", k=4, diverging=True, reverse=True)
    assert result.colors == ["#ca0020", "#f4a582", "#92c5de", "#0571b0"]


def test_diverging_with_one_sign_uses_the_half_palette() -> None:
    positive = classify.classify(
        pd.Series(np.arange(1.0, 31.0)), "equal_interval", k=5, diverging=True
    )
    assert positive.colors == palettes._REDS[5]
    assert 0.0 not in positive.bins
    negative = classify.classify(
        pd.Series(-np.arange(1.0, 31.0)), "equal_interval", k=5, diverging=True
    )
    # Most negative first, so darkest blue first.
    assert negative.colors == palettes._BLUES[5][::-1]
    assert all(_is_cool(c) for c in negative.colors)


def test_diverging_reverse_with_one_sign_uses_the_other_half() -> None:
    values = pd.Series(np.arange(1.0, 31.0))
    result = classify.classify(values, "equal_interval", k=5, diverging=True, reverse=True)
    assert result.colors == palettes._BLUES[5]


def test_diverging_high_contrast_keeps_hues_and_skips_pale_tints() -> None:
    values = _without_zero(np.linspace(-20, 20, 41))
    normal = classify.classify(values, "equal_interval", k=6, diverging=True)
    strong = classify.classify(values, "equal_interval", k=6, diverging=True, high_contrast=True)
    zero = strong.bins.index(0.0)
    assert all(_is_cool(c) for c in strong.colors[: zero + 1])
    assert all(_is_warm(c) for c in strong.colors[zero + 1 :])
    # The classes next to 0 are darker than ColorBrewer's near-white tints.
    assert _luminance(strong.colors[zero]) < _luminance(normal.colors[zero])
    assert _luminance(strong.colors[zero + 1]) < _luminance(normal.colors[zero + 1])


def _without_zero(values: np.ndarray) -> pd.Series:
    return pd.Series(values[values != 0])


@pytest.mark.parametrize("scheme", ["quantiles", "equal_interval", "fisher_jenks"])
def test_diverging_zero_is_a_neutral_class_of_its_own(scheme: str) -> None:
    """A change of exactly 0 ("no change") is neither fewer nor more: its own neutral class,
    labelled "0,0", between the cool classes below 0 and the warm ones above (it used to share
    the palest 'fewer' class). It comes on top of the five classes asked for."""
    values = pd.Series([-8.0, -5.5, -3.0, -1.2, -0.4, 0.0, 0.0, 0.0, 0.6, 2.0, 3.5, 7.0, 9.0])
    result = classify.classify(values, scheme, k=5, diverging=True, decimals=1)
    assert result.k == 6
    assert all(n > 0 for n in result.counts)  # five classes of changes, none of them empty
    zero = result.bins.index(0.0)
    assert result.counts[zero] == 3
    assert result.range_labels[zero] == "0,0"
    assert result.colors[zero] == palettes.NEUTRAL_COLOR
    assert result.classes[values == 0].tolist() == [zero] * 3
    assert (result.classes[values < 0] < zero).all() and (result.classes[values > 0] > zero).all()
    assert all(_is_cool(c) for c in result.colors[:zero])
    assert all(_is_warm(c) for c in result.colors[zero + 1 :])
    assert result.bins == sorted(set(result.bins))  # strictly increasing
    assert result.range_labels[zero - 1].endswith("tot 0,0")  # up to, not including, 0
    assert result.note is None


def test_diverging_zero_class_is_not_counted_in_the_note() -> None:
    # Ties leave four of the five classes asked for; the class of 0 is extra, not one of them.
    values = pd.Series([-3.0, -3.0, -3.0, 0.0, 0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0])
    result = classify.classify(values, "quantiles", k=5, diverging=True)
    assert result.k == 5
    assert result.note == (
        "Door gelijke waarden vallen klassengrenzen samen; daarom 4 klassen in plaats van 5 "
        "(naast de klasse van precies 0)."
    )


def test_diverging_zero_class_with_a_sparse_negative_side() -> None:
    # Equal intervals from -10 to 0 put a bound at -5, above every negative value but one: the
    # negative side still ends at its own largest value, below the class of 0.
    values = pd.Series([-10.0, -9.0, -8.0, 0.0, 0.0, 5.0, 10.0, 20.0])
    result = classify.classify(values, "equal_interval", k=5, diverging=True)
    assert result.bins == sorted(set(result.bins))
    zero = result.bins.index(0.0)
    assert result.counts[zero] == 2
    assert (result.classes[values < 0] < zero).all() and (result.classes[values > 0] > zero).all()
    assert sum(result.counts) == len(values)


def test_diverging_manual_class_around_0_is_neutral_and_noted() -> None:
    values = pd.Series(np.linspace(-10, 30, 41))
    result = classify.classify(values, "manual", manual_breaks=[-5, 5, 15], diverging=True)
    assert result.colors[1] == palettes.NEUTRAL_COLOR
    assert _is_cool(result.colors[0])
    assert _is_warm(result.colors[2]) and _is_warm(result.colors[3])
    assert result.note and "0 is geen klassengrens" in result.note
    with_zero = classify.classify(values, "manual", manual_breaks=[-5, 0, 15], diverging=True)
    assert palettes.NEUTRAL_COLOR not in with_zero.colors
    assert with_zero.note is None


def test_not_diverging_ignores_the_sign() -> None:
    values = pd.Series(np.linspace(-20, 20, 41))
    result = classify.classify(values, "equal_interval", k=4)
    assert result.bins == pytest.approx([-10, 0, 10, 20])
    assert result.colors == palettes._YLORRD[4]


# ---------------------------------------------------------------------------------------------
# Stepped colourscale


@pytest.mark.parametrize("k", [3, 5, 9])
def test_stepped_colorscale_maps_each_class_index_to_its_colour(k: int) -> None:
    values = _fixed()
    values.iloc[0] = np.nan
    result = classify.classify(values, "quantiles", k=k)
    scale = palettes.stepped_colorscale(result)
    zmin, zmax = palettes.z_range(result)
    assert (zmin, zmax) == (-1.5, k - 0.5)
    assert scale[0][0] == 0.0 and scale[-1][0] == 1.0
    positions = [p for p, _ in scale]
    assert positions == sorted(positions)
    assert _color_at(scale, -1, zmin, zmax) == palettes.MISSING_COLOR
    for i in range(k):
        assert _color_at(scale, i, zmin, zmax) == result.colors[i]
    # Plotly accepts it on a single choroplethmap trace.
    trace = go.Choroplethmap(
        locations=list(values.index),
        z=result.classes.tolist(),
        colorscale=scale,
        zmin=zmin,
        zmax=zmax,
    )
    assert len(trace.colorscale) == 2 * (k + 1)


# ---------------------------------------------------------------------------------------------
# Bivariate


def _nine() -> tuple[pd.Series, pd.Series]:
    # Terciles of 1..9 (linear interpolation) are 3.67 and 6.33: 1-3 low, 4-6 middle, 7-9 high.
    # y is arranged so that every (x, y) cell gets exactly one gemeente. A tenth gemeente has
    # no y; its extreme x must not move the x terciles.
    index = _codes(10)
    x = pd.Series([1, 2, 3, 4, 5, 6, 7, 8, 9, 1000], index=index, dtype=float, name="tekort")
    y = pd.Series([1, 4, 7, 2, 5, 8, 3, 6, 9, np.nan], index=index, dtype=float, name="kloof")
    return x, y


def test_bivariate_by_hand() -> None:
    x, y = _nine()
    result = bivariate.bivariate(x, y)
    assert result.x_classes.tolist() == [0, 0, 0, 1, 1, 1, 2, 2, 2, -1]
    assert result.y_classes.tolist() == [0, 1, 2, 0, 1, 2, 0, 1, 2, -1]
    assert result.classes.tolist() == [0, 3, 6, 1, 4, 7, 2, 5, 8, -1]
    assert result.counts == [[1, 1, 1], [1, 1, 1], [1, 1, 1]]
    assert result.missing_count == 1
    assert result.missing_label == "geen gegevens (1)"
    assert result.x_bins == pytest.approx([11 / 3, 19 / 3, 9])
    assert result.y_bins == pytest.approx([11 / 3, 19 / 3, 9])
    assert result.x_ranges == ["1,0 – 3,7", "4,0 – 6,3", "7,0 – 9,0"]
    assert result.levels == ["laag", "midden", "hoog"]
    assert result.colors[0] == "#e8e8e8"  # both low: light grey
    assert result.colors[8] == "#804d36"  # both high: darkest
    assert list(result.classes.index) == list(x.index)


def test_bivariate_terciles_agree_with_mapclassify() -> None:
    values = _fixed()
    other = pd.Series(np.random.default_rng(3).normal(50, 10, 60).round(2), index=values.index)
    result = bivariate.bivariate(values, other)
    assert result.x_bins == pytest.approx(list(mapclassify.Quantiles(values.to_numpy(), k=3).bins))
    assert result.y_bins == pytest.approx(list(mapclassify.Quantiles(other.to_numpy(), k=3).bins))
    assert sum(map(sum, result.counts)) == 60
    # Terciles: each row and column of the legend holds a third.
    assert [sum(row) for row in result.counts] == [20, 20, 20]
    assert [sum(col) for col in zip(*result.counts, strict=True)] == [20, 20, 20]


def test_bivariate_aligns_on_the_index() -> None:
    x, y = _nine()
    shuffled = y.iloc[::-1]
    assert (
        bivariate.bivariate(x, shuffled).classes.tolist()
        == bivariate.bivariate(x, y).classes.tolist()
    )


def test_bivariate_dark_means_both_high() -> None:
    grid = [palettes.BIVARIATE_COLORS[3 * row : 3 * row + 3] for row in range(3)]
    lum = [[_luminance(c) for c in row] for row in grid]
    for row in range(3):
        assert lum[row] == sorted(lum[row], reverse=True)
    for col in range(3):
        column = [lum[row][col] for row in range(3)]
        assert column == sorted(column, reverse=True)


@pytest.mark.parametrize("vision", ["normaal", "protanopie", "deuteranopie"])
def test_bivariate_cells_stay_apart_for_colour_blind_readers(vision: str) -> None:
    seen = [_seen_as(c, vision) for c in palettes.BIVARIATE_COLORS]
    nearest = min(np.linalg.norm(a - b) for a, b in itertools.combinations(seen, 2))
    # Stevens' popular pink-cyan scheme scores below 6 here under protanopia; purple-gold
    # stays above 15.
    assert nearest > 15


def test_bivariate_k_must_be_3() -> None:
    x, y = _nine()
    with pytest.raises(ValueError, match="3 × 3"):
        bivariate.bivariate(x, y, k=4)


def test_bivariate_all_missing() -> None:
    x = pd.Series([1.0, np.nan, 3.0])
    y = pd.Series([np.nan, 2.0, np.nan])
    result = bivariate.bivariate(x, y)
    assert result.classes.tolist() == [-1, -1, -1]
    assert result.counts == [[0, 0, 0], [0, 0, 0], [0, 0, 0]]
    assert result.missing_count == 3
    assert result.note and "beide waarden" in result.note


def test_bivariate_with_two_distinct_values_uses_low_and_high() -> None:
    x = pd.Series([0.0, 0.0, 1.0, 1.0, 0.0, 1.0])
    y = pd.Series([1.0, 2.0, 3.0, 4.0, 5.0, 6.0])
    result = bivariate.bivariate(x, y)
    assert result.x_classes.tolist() == [0, 0, 2, 2, 0, 2]
    assert result.x_ranges == ["0", "", "1"]
    assert result.note and "x-as" in result.note


def test_bivariate_stepped_colorscale_covers_nine_cells() -> None:
    x, y = _nine()
    result = bivariate.bivariate(x, y)
    scale = palettes.stepped_colorscale(result)
    zmin, zmax = palettes.z_range(result)
    assert (zmin, zmax) == (-1.5, 8.5)
    assert _color_at(scale, -1, zmin, zmax) == palettes.MISSING_COLOR
    for cell in range(9):
        assert _color_at(scale, cell, zmin, zmax) == palettes.BIVARIATE_COLORS[cell]


def test_neighbouring_legend_labels_never_share_a_boundary() -> None:
    # Issue 17: "−3,2 (1)" followed by "−3,2 – 16,6 (8)" read as overlapping classes.
    values = pd.Series([-3.2, 0.5, 2.0, 4.0, 8.0, 10.0, 12.0, 14.0, 16.6, 20.0, 25.0])
    for scheme in ("quantiles", "equal_interval", "fisher_jenks"):
        result = classify.classify(values, scheme, k=4, diverging=True)
        numbers = [re.findall(r"−?[\d.]+(?:,\d+)?", text) for text in result.range_labels]
        for before, after in zip(numbers, numbers[1:], strict=False):
            assert before[-1] != after[0], (scheme, result.range_labels)
    single = classify.classify(pd.Series([-3.2, 1.0, 5.0, 16.6, 17.0]), "quantiles", k=5)
    texts = single.range_labels
    assert texts[0] == "−3,2" and not texts[1].startswith("−3,2")

"""Gap, seats short, interval and aggregation arithmetic, checked by hand."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from core import groups


def test_seats_short_9_and_45_seat_councils_by_hand() -> None:
    # 9 seats, 50.5% women in the population: 4.545 -> 5 seats; the council has 3 women.
    # 45 seats, 50.5%: 22.725 -> 23 seats; the council has 19 women.
    out = groups.with_council(
        pd.Series([50.5, 50.5]), pd.Series([3 / 9 * 100, 19 / 45 * 100]), pd.Series([9, 45])
    )
    assert out["fair_seats"].tolist() == [5, 23]
    assert out["members"].tolist() == [3, 19]
    assert out["seats_short"].tolist() == [2, 4]
    assert out["gap"].iloc[0] == pytest.approx(50.5 - 33.3333333)
    # One seat is 11.1 points in a 9-seat council but 2.2 in a 45-seat one.
    assert out["one_seat"].tolist() == pytest.approx([100 / 9, 100 / 45])
    assert out["within_one_seat"].tolist() == [False, False]


def test_rounding_halves_go_up() -> None:
    assert groups.seats_proportional(pd.Series([50.0, 50.0]), pd.Series([9, 45])).tolist() == [
        5,
        23,
    ]


def test_gap_within_one_seat_is_marked() -> None:
    # 9 seats, 4 women (44.4%) vs 50% in the population: 5.6 points < 11.1 points per seat.
    out = groups.with_council(pd.Series([50.0]), pd.Series([4 / 9 * 100]), pd.Series([9]))
    assert bool(out["within_one_seat"].iloc[0]) is True


def test_wilson_interval_matches_hand_computation() -> None:
    low, high = groups.wilson_interval(pd.Series([4]), pd.Series([9]))
    # p = 4/9, z = 1.96: centre = (p + z²/18) / (1 + z²/9), half = z*sqrt(p(1-p)/9 + z²/324)/(1 + z²/9)
    z = groups.Z95
    p = 4 / 9
    den = 1 + z**2 / 9
    centre = (p + z**2 / 18) / den
    half = z * math.sqrt(p * (1 - p) / 9 + z**2 / 324) / den
    assert low.iloc[0] == pytest.approx((centre - half) * 100)
    assert high.iloc[0] == pytest.approx((centre + half) * 100)
    assert 18 < low.iloc[0] < 19 and 73 < high.iloc[0] < 74
    none_low, _ = groups.wilson_interval(pd.Series([0]), pd.Series([0]))
    assert math.isnan(none_low.iloc[0])


def test_unknown_gender_flag_and_seats_short_range(shipped: dict) -> None:
    w = groups.women(shipped)
    uncertain = w["unknown_share"] + w["estimated_share"]
    # The flag counts estimated and still-unknown genders together.
    assert (uncertain[w["unknown_flag"]] > groups.UNKNOWN_GENDER_THRESHOLD).all()
    assert not (uncertain[~w["unknown_flag"]] > groups.UNKNOWN_GENDER_THRESHOLD).any()
    assert w.loc["GM1695", "unknown_flag"]  # Noord-Beveland: 5 of 13 estimated
    ams = w.loc["GM0363"]
    # Amsterdam 2026 (the default): 45 seats; 4 women and 11 men published, 30 not given
    # (SOURCES.md 2d): 25 estimated from first names (17 women, 8 men), 5 still unknown.
    assert (ams["seats"], ams["known"], ams["members"], ams["unknown_count"]) == (45, 40, 21, 5)
    assert ams["estimated_count"] == 25
    # 21 of 40 is 52.5%: 24 of 45 seats; a fair council gives 23 -> -1 short, but between
    # 23 - 21 - 5 = -3 and 23 - 21 = 2 depending on the 5 unknowns.
    assert (ams["fair_seats"], ams["seats_held"], ams["seats_short"]) == (23, 24, -1)
    assert (ams["seats_short_low"], ams["seats_short_high"]) == (-3, 2)
    # 2022 stays selectable: 19 women and 18 men published, 8 not given, 6 estimated (4 women).
    ams = groups.women(shipped, 2022).loc["GM0363"]
    assert (ams["seats"], ams["known"], ams["members"], ams["unknown_count"]) == (45, 43, 23, 2)
    # Gorinchem 2026: no result at the source, so no council figure (and no flag).
    gorinchem = w.loc["GM0512"]
    assert math.isnan(gorinchem["council_share"]) and not gorinchem["unknown_flag"]


def test_national_aggregate_is_weighted_by_councillors_not_mean_of_percentages() -> None:
    frame = pd.DataFrame(
        {
            "population_share": [50.0, 50.0],
            "council_share": [0.0, 40.0],
            "members": [0, 18],
            "known": [9, 45],
            "seats": [9, 45],
        },
        index=["GM0001", "GM0002"],
    )
    gemeenten = pd.DataFrame(
        {"code": ["GM0001", "GM0002"], "inhabitants": [1000, 3000], "province_name": ["A", "A"]}
    )
    nat = groups.national(frame, gemeenten)
    assert nat["council_share"] == pytest.approx(18 / 54 * 100)  # not (0 + 40) / 2
    agg = groups.aggregate(frame.assign(seats_short=[5, 5]), gemeenten, "province_name")
    assert agg.loc[0, "council_share"] == pytest.approx(18 / 54 * 100)
    assert agg.loc[0, "seats_short"] == 10


def test_national_women_figures_match_published_pooled_counts(shipped: dict) -> None:
    w = groups.women(shipped)
    nat = groups.national(w, shipped["gemeenten"])
    assert nat["population_share"] == pytest.approx(9_022_174 / 17_942_942 * 100)
    # 2026, the 339 councils with a result: 2,201 women of 6,561 published (SOURCES.md 2d),
    # plus 833 women and 907 men estimated from first names.
    assert nat["council_share"] == pytest.approx(3034 / (2201 + 4360 + 833 + 907) * 100)
    # 2022 (330 councils): 2,520 women of 7,193 published, plus 392 women and 432 men estimated.
    nat = groups.national(groups.women(shipped, 2022), shipped["gemeenten"])
    assert nat["council_share"] == pytest.approx(2912 / (2520 + 4673 + 824) * 100)


def test_trend_national_and_per_gemeente(shipped: dict) -> None:
    trend = groups.women_trend(shipped, ["GM0096", "GM0363", "GM0512"])
    nl = trend[trend["code"] == "NL"].set_index("year")["share"]
    assert list(nl.index) == [2014, 2018, 2022, 2026]  # the trend reaches 2026
    assert nl[2026] > nl[2022] > nl[2018] > nl[2014]
    ams = trend[trend["code"] == "GM0363"].set_index("year")["share"]
    assert math.isnan(ams[2018])  # merged with Weesp since: not the same council
    assert ams[2022] == pytest.approx(23 / 43 * 100)  # 19 + 4 estimated of 37 + 6 estimated
    assert ams[2026] == pytest.approx(21 / 40 * 100)  # 4 + 17 estimated of 15 + 25 estimated
    gorinchem = trend[trend["code"] == "GM0512"].set_index("year")["share"]
    assert math.isnan(gorinchem[2026]) and gorinchem[2022] == pytest.approx(40.0)


def test_population_only_group_has_no_gap(shipped: dict) -> None:
    m = groups.population_only(shipped, "origin_outside_europe_share_2024")
    ams = m.loc["GM0363"]
    assert ams["fair_seats"] == 19  # 42.58% of 45 = 19.16
    assert math.isnan(ams["gap"]) and math.isnan(ams["seats_short"])

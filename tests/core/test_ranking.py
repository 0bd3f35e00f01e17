"""Priority ranking on hand-made frames: direction, re-weighting, ties, explanation, pool, rules."""

from __future__ import annotations

import pandas as pd
import pytest

from core import catalogue, indicator_meta, ranking

WORSE_HIGH = "short_lists_share_2022"  # higher is worse
WORSE_LOW = "candidates_per_seat_2022"  # lower is worse
GAP = "women_gap_2022"  # higher is worse


def _tables(values: dict[str, list], provinces: list[str] | None = None) -> dict:
    n = len(next(iter(values.values())))
    codes = [f"GM{i:04d}" for i in range(1, n + 1)]
    gemeenten = pd.DataFrame(
        {
            "code": codes,
            "name": [f"Gemeente {c}" for c in "ABCDEFGHIJ"[:n]],
            "province_name": provinces or ["Utrecht"] * n,
            "inhabitants": [5_000, 15_000, 30_000, 60_000, 120_000, 250_000][:n],
            "seats_2026": pd.array([11, 17, 25, 31, 37, 45][:n], dtype="Int64"),
        }
    )
    indicators = pd.DataFrame({"code": codes, **values})
    return {"gemeenten": gemeenten, "indicators": indicators}


def _rank(tables: dict, weights: dict, **kw: object) -> ranking.Ranking:
    """A ranking of a hand-made table of a few gemeenten (the 30-gemeenten minimum off)."""
    return ranking.rank_targets(tables, weights, min_gemeenten=1, **kw)


def _by_name(result: ranking.Ranking) -> pd.DataFrame:
    return result.table.set_index("name")


def test_direction_decides_which_end_scores_high() -> None:
    tables = _tables({WORSE_HIGH: [10.0, 20.0, 30.0, 40.0], WORSE_LOW: [4.0, 3.0, 2.0, 1.0]})
    result = _rank(tables, {WORSE_HIGH: 1, WORSE_LOW: 1})
    t = _by_name(result)
    # D has the most short lists AND the fewest candidates per seat: worst on both -> 100.
    assert t["score"].to_dict() == pytest.approx(
        {"Gemeente A": 0.0, "Gemeente B": 100 / 3, "Gemeente C": 200 / 3, "Gemeente D": 100.0}
    )
    assert result.table["name"].tolist() == [f"Gemeente {c}" for c in "DCBA"]
    assert result.table["rank"].tolist() == [1, 2, 3, 4]
    # Flipping one direction's data makes the two components cancel out.
    flipped = _tables({WORSE_HIGH: [10.0, 20.0, 30.0, 40.0], WORSE_LOW: [1.0, 2.0, 3.0, 4.0]})
    scores = _rank(flipped, {WORSE_HIGH: 1, WORSE_LOW: 1}).table["score"]
    assert scores.tolist() == pytest.approx([50.0] * 4)


def test_weights_shift_the_score() -> None:
    tables = _tables({WORSE_HIGH: [10.0, 20.0, 30.0, 40.0], WORSE_LOW: [1.0, 2.0, 3.0, 4.0]})
    t = _by_name(_rank(tables, {WORSE_HIGH: 3, WORSE_LOW: 1}))
    # D: 3/4 * 100 + 1/4 * 0 = 75; A: 3/4 * 0 + 1/4 * 100 = 25.
    assert t.at["Gemeente D", "score"] == pytest.approx(75.0)
    assert t.at["Gemeente A", "score"] == pytest.approx(25.0)


def test_missing_component_is_reweighted_and_flagged() -> None:
    tables = _tables({WORSE_HIGH: [10.0, 20.0, 30.0, 40.0], GAP: [5.0, None, 15.0, 0.0]})
    result = _rank(tables, {WORSE_HIGH: 3, GAP: 1})
    t = _by_name(result)
    # B has no gap: its score is its short-list percentile alone (33.3), not 3/4 of it.
    assert t.at["Gemeente B", "score"] == pytest.approx(100 / 3)
    assert t.at["Gemeente B", "components_used"] == 1
    assert t.at["Gemeente B", "components_total"] == 2
    assert not t.at["Gemeente B", "complete"]
    assert t["complete"].sum() == 3
    # C: short lists 66.7 (weight 3), gap 100 (worst of three, weight 1) -> 75.
    assert t.at["Gemeente C", "score"] == pytest.approx((3 * 200 / 3 + 100) / 4)
    text = t.at["Gemeente B", "explanation"]
    assert "Geen gegevens voor: Achterstand vrouwen in de raad (2022)" in text
    assert "1 van 2 onderdelen" in text


def test_ties_share_percentile_and_rank() -> None:
    tables = _tables({WORSE_HIGH: [50.0, 50.0, 10.0, 90.0]})
    result = _rank(tables, {WORSE_HIGH: 1})
    t = _by_name(result)
    assert t.at["Gemeente A", "score"] == t.at["Gemeente B", "score"] == pytest.approx(50.0)
    assert t.at["Gemeente D", "rank"] == 1
    assert t.at["Gemeente A", "rank"] == t.at["Gemeente B", "rank"] == 2
    assert t.at["Gemeente C", "rank"] == 4  # the tie takes ranks 2 and 3
    # A tie at the cut-off of "top 2" brings in both tied gemeenten.
    assert sorted(ranking.rule_top(result.table, 2)) == ["GM0001", "GM0002", "GM0004"]


def test_all_zero_weights_give_a_clear_message() -> None:
    tables = _tables({WORSE_HIGH: [1.0, 2.0]})
    with pytest.raises(ranking.NoWeightsError, match="Alle gewichten staan op 0"):
        _rank(tables, {WORSE_HIGH: 0.0})
    with pytest.raises(ranking.NoWeightsError):
        _rank(tables, {})
    with pytest.raises(ValueError, match="negatief"):
        _rank(tables, {WORSE_HIGH: -1.0})
    with pytest.raises(KeyError, match="Onbekend onderdeel"):
        _rank(tables, {"seats_2026": 1.0})  # no direction: not a component


def test_explanation_names_the_strongest_pulls_in_order() -> None:
    values = {
        WORSE_HIGH: [10.0, 20.0, 30.0, 40.0, 50.0],
        WORSE_LOW: [5.0, 4.0, 3.0, 2.0, 1.0],
        GAP: [1.0, 2.0, 3.0, 4.0, 5.0],
        "half_short_lists_share_2022": [3.0, 1.0, 2.0, 5.0, 4.0],
    }
    tables = _tables(values)
    weights = {WORSE_HIGH: 1, WORSE_LOW: 4, GAP: 2, "half_short_lists_share_2022": 1}
    text = _by_name(_rank(tables, weights)).at["Gemeente E", "explanation"]
    parts = text.rstrip(".").split("; ")
    assert len(parts) == ranking.MAX_EXPLAINED
    # E is worst on all but the last; the heaviest weights pull most.
    assert parts[0].startswith("Kandidaten per raadszetel (2022): 1,0 kandidaten per zetel")
    assert parts[0].endswith("slechter dan alle andere gemeenten")
    assert parts[1].startswith("Achterstand vrouwen in de raad (2022): +5,0 procentpunt")
    assert "Aandeel lijsten korter dan de halve raad" not in text
    best = _by_name(_rank(tables, weights)).at["Gemeente A", "explanation"]
    assert "beter dan alle andere gemeenten" in best


def test_potential_pool_arithmetic() -> None:
    gemeenten = pd.DataFrame(
        {
            "code": ["GM0001", "GM0002"],
            "age_0_15": [50, 10],
            "age_15_25": [100, 0],
            "age_25_45": [200, 10],
            "age_45_65": [300, 10],
            "age_65_plus": [400, 10],
            "seats_2026": pd.array([10, None], dtype="Int64"),
        }
    )
    pool = ranking.potential_pool(gemeenten, 0.15).set_index("code")
    # Adults: 7/10 of 15-25 plus everyone 25+ = 70 + 900; children 0-15 never count.
    assert pool.at["GM0001", "adults"] == pytest.approx(970.0)
    assert pool.at["GM0001", "pool"] == pytest.approx(145.5)
    assert pool.at["GM0001", ranking.POOL] == pytest.approx(14.55)
    assert pd.isna(pool.at["GM0002", ranking.POOL])  # no council in 2026
    doubled = ranking.potential_pool(gemeenten, 0.30).set_index("code")
    assert doubled.at["GM0001", ranking.POOL] == pytest.approx(29.1)
    with pytest.raises(ValueError):
        ranking.potential_pool(gemeenten, 0.0)
    assert "7 van de 10" in ranking.pool_method(0.2) and "20%" in ranking.pool_method(0.2)


def test_women_seats_short_is_gap_times_seats() -> None:
    values = pd.DataFrame({"women_gap_2022": [10.0, -5.0, None], "seats_2022": [30, 9, 19]})
    short = ranking.women_seats_short(values, 2022)
    assert short.tolist()[:2] == pytest.approx([3.0, -0.45])
    assert pd.isna(short.iloc[2]) and short.name == ranking.WOMEN_SEATS_SHORT_2022
    # The default is the council elected in 2026.
    values = pd.DataFrame({"women_gap_2026": [4.0], "seats_2026": [45]})
    short = ranking.women_seats_short(values)
    assert short.tolist() == pytest.approx([1.8]) and short.name == "women_seats_short_2026"


def test_filters_and_rules() -> None:
    tables = _tables(
        {WORSE_HIGH: [10.0, 20.0, 30.0, 40.0, 50.0, None]},
        provinces=["Utrecht", "Zeeland", "Utrecht", "Zeeland", "Utrecht", "Zeeland"],
    )
    table = _rank(tables, {WORSE_HIGH: 1}).table
    assert ranking.filtered(table, province="Zeeland")["code"].tolist() == [
        "GM0004",
        "GM0002",
        "GM0006",  # unscored rows come last
    ]
    assert ranking.filtered(table, size="200.000 of meer")["code"].tolist() == ["GM0006"]
    assert "GM0006" not in ranking.filtered(table, complete_only=True)["code"].tolist()
    assert ranking.rule_top(table, 2) == ["GM0005", "GM0004"]
    assert ranking.rule_above(table, 50.0) == ["GM0005", "GM0004", "GM0003"]
    assert sorted(ranking.rule_province(table, "Zeeland")) == ["GM0002", "GM0004", "GM0006"]
    assert ranking.rule_top(table, 0) == []


def test_presets_and_component_choice() -> None:
    assert ranking.PRESETS[ranking.DEFAULT_PRESET] == catalogue.DEFAULT_PRIORITY_WEIGHTS
    assert ranking.preset_name({"candidates_per_seat_2026": 1, "women_gap_2026": 1, "x": 0}) == (
        ranking.DEFAULT_PRESET
    )
    assert ranking.preset_name({"candidates_per_seat_2022": 1, "women_gap_2022": 1}) is None
    assert ranking.preset_name({"candidates_per_seat_2026": 2}) is None
    # 2022 stays available as a component.
    assert {"candidates_per_seat_2022", "women_gap_2022", ranking.WOMEN_SEATS_SHORT_2022} <= set(
        ranking.component_catalogue()
    )
    options = ranking.component_catalogue()
    assert "seats_2026" not in options and "priority_score" not in options
    assert {WORSE_HIGH, WORSE_LOW, GAP, ranking.POOL, ranking.WOMEN_SEATS_SHORT} <= set(options)
    for preset in ranking.PRESETS.values():
        assert set(preset) <= set(options)


def test_imported_component_is_merged() -> None:
    tables = _tables({WORSE_HIGH: [10.0, 20.0, 30.0]})
    item = indicator_meta.Indicator(
        "import_survey", "Enquête", "%", "eigen", "Eigen bestand", 2025, True, "imported", "x"
    )
    values = pd.DataFrame({"code": ["GM0001", "GM0003"], "import_survey": [90.0, 10.0]})
    result = _rank(
        tables,
        {"import_survey": 1},
        imported_values=values,
        imported_catalogue={"import_survey": item},
    )
    t = result.table.set_index("code")
    assert t.at["GM0001", "rank"] == 1
    assert pd.isna(t.at["GM0002", "score"])
    assert t.at["GM0002", "explanation"].startswith("Geen score")


def test_default_weights_reproduce_the_shipped_priority_score(shipped: dict) -> None:
    result = ranking.rank_targets(shipped, catalogue.DEFAULT_PRIORITY_WEIGHTS)
    mine = result.table.set_index("code")["score"]
    theirs = shipped["indicators"].set_index("code")["priority_score"]
    pd.testing.assert_series_equal(
        mine.sort_index(), theirs.sort_index(), check_names=False, check_exact=False
    )
    assert len(result.table) == 342
    assert result.table["rank"].iloc[0] == 1
    scored = result.table.dropna(subset=["score"])
    assert scored["score"].is_monotonic_decreasing
    # Hilversum and Wijdemeren have neither component (no election in 2026); Gorinchem has
    # candidates per seat only (its result is missing at the source).
    assert len(scored) == 340
    assert result.table["rank"].isna().sum() == 2
    assert (result.table["components_used"] == 1).sum() == 1


def _words(key: str) -> str:
    """An indicator's label as a preset name uses it: no year, no 'Aandeel', lower case."""
    label = ranking.component_catalogue()[key].label
    return label.split(" (")[0].lower().removeprefix("aandeel ")


@pytest.mark.parametrize("name", list(ranking.PRESETS))
def test_preset_name_says_every_component(name: str) -> None:
    lowered = name.lower()
    for key in ranking.PRESETS[name]:
        assert _words(key) in lowered, (key, name)
    if lowered.startswith("alleen"):
        assert len(ranking.PRESETS[name]) == 1


def test_shortage_only_preset_ranks_by_candidates_per_seat_alone() -> None:
    # Issue 17: "Alleen kandidatentekort" mixed in the half-council short lists.
    assert ranking.PRESETS["Alleen kandidaten per raadszetel"] == {"candidates_per_seat_2026": 1.0}


def _one_component_keys() -> list[str]:
    return sorted({key for preset in ranking.PRESETS.values() for key in preset})


@pytest.mark.parametrize("key", _one_component_keys())
def test_one_component_ranking_equals_sorting_per_province(shipped: dict, key: str) -> None:
    result = ranking.rank_targets(shipped, {key: 1.0})
    worse_high = bool(result.components[key].higher_is_worse)
    for province in sorted(shipped["gemeenten"]["province_name"].unique()):
        shown = ranking.filtered(result.table, province=province)
        scored = shown.dropna(subset=["score"])
        values = scored[key].to_numpy()
        # Worst first: the indicator's order, ties kept together.
        ordered = values[::-1] if worse_high else values
        assert (ordered[1:] >= ordered[:-1] - 1e-9).all(), province
        assert shown[key].isna().sum() == len(shown) - len(scored)
        # "Top 15 toevoegen" takes the 15 worst values of the province (and ties at the cut).
        top = ranking.rule_top(shown, 15)
        by_value = scored.sort_values(key, ascending=not worse_high)
        cut = by_value[key].iloc[min(15, len(by_value)) - 1]
        expected = by_value.loc[
            (by_value[key] >= cut) if worse_high else (by_value[key] <= cut), "code"
        ]
        assert sorted(top) == sorted(expected), province


def test_gelderland_top_15_by_candidates_per_seat(shipped: dict) -> None:
    result = ranking.rank_targets(shipped, ranking.PRESETS["Alleen kandidaten per raadszetel"])
    top = ranking.rule_top(ranking.filtered(result.table, province="Gelderland"), 15)
    names = set(shipped["gemeenten"].set_index("code").loc[top, "name"])
    # 2026: Rozendaal (3.9) and Westervoort (3.8) lowest; Druten and West Maas en Waal highest.
    assert {"Rozendaal", "Westervoort", "Montferland", "Duiven", "Rheden"} <= names
    assert not {"Druten", "West Maas en Waal", "Elburg", "Nijmegen", "Heumen"} & names
    assert "Gerangschikt op: Kandidaten per raadszetel (2026)." in ranking.components_text(result)


@pytest.mark.parametrize(
    ("value", "values", "worse_high", "expected"),
    [
        (1.0, [1.0, 2.0, 3.0], False, "slechter dan alle andere gemeenten"),
        (3.0, [1.0, 2.0, 3.0], False, "beter dan alle andere gemeenten"),
        (3.0, [1.0, 2.0, 3.0], True, "slechter dan alle andere gemeenten"),
        (2.0, [1.0, 2.0, 3.0], False, "slechter dan 50% van de andere gemeenten"),
        # Second-worst of 301: worse than 299 of 300 others, which rounds down to 99%.
        (2.0, [1.0, *[float(x) for x in range(2, 302)]], False, "slechter dan 99% van de andere"),
        # Tied for worst: no other gemeente is worse, one is as bad.
        (1.0, [1.0, 1.0, 5.0], False, "slechter dan alle andere gemeenten, gelijk aan 1 andere"),
        (4.0, [4.0, 4.0], True, "dezelfde waarde als alle andere gemeenten"),
        (4.0, [4.0], True, "de enige gemeente met een waarde"),
    ],
)
def test_standing_extremes_and_ties(
    value: float, values: list[float], worse_high: bool, expected: str
) -> None:
    import numpy as np

    assert ranking.standing(value, np.array(sorted(values)), worse_high).startswith(expected)


def test_westervoort_is_not_worse_than_all(shipped: dict) -> None:
    # Issue 17: Westervoort (3.1 candidates per seat in 2022) read "slechter dan 100% van de
    # gemeenten" while Schiermonnikoog (2.7) was lower. Still checked on 2022 (selectable).
    result = ranking.rank_targets(shipped, {"candidates_per_seat_2022": 1.0})
    codes = shipped["gemeenten"].set_index("name")["code"]
    westervoort = ranking.explain(result, codes["Westervoort"])
    assert "slechter dan 99% van de andere gemeenten" in westervoort
    lowest = ranking.explain(result, codes["Schiermonnikoog"])
    assert "slechter dan alle andere gemeenten" in lowest


def test_women_component_marks_uncertain_gender(shipped: dict) -> None:
    result = ranking.rank_targets(shipped, ranking.PRESETS[ranking.DEFAULT_PRESET])
    t = result.table.set_index("code")
    # 2026: Noord-Beveland 3 of 13 estimated; Amsterdam 25 of 45 estimated and 5 unknown.
    assert t.at["GM1695", ranking.GENDER_NOTE] == "⚠ 23% geschat, 0% onbekend"
    assert t.at["GM1695", ranking.GENDER_UNCERTAIN]
    assert t.at["GM0363", ranking.GENDER_NOTE] == "⚠ 56% geschat, 11% onbekend"
    values = shipped["indicators"].set_index("code")
    sure = values.index[
        values["gender_estimated_share_2026"] + values["gender_unknown_share_2026"] <= 20
    ]
    assert len(sure) > 100 and not t.loc[sure, ranking.GENDER_UNCERTAIN].any()
    # The 2022 components mark the 2022 councils.
    t = ranking.rank_targets(shipped, {"women_gap_2022": 1.0}).table.set_index("code")
    assert t.at["GM1695", ranking.GENDER_NOTE] == "⚠ 38% geschat, 0% onbekend"
    assert not t.at["GM0363", ranking.GENDER_UNCERTAIN]
    shortage = ranking.rank_targets(shipped, {"candidates_per_seat_2026": 1.0})
    assert ranking.GENDER_NOTE not in shortage.table.columns


def _survey(codes: list[str]) -> tuple[pd.DataFrame, dict]:
    item = indicator_meta.Indicator(
        "import_survey", "Enquête", "%", "eigen", "Eigen bestand", 2025, True, "imported", "x"
    )
    values = pd.DataFrame(
        {"code": codes, "import_survey": [float(i % 11) for i in range(len(codes))]}
    )
    return values, {"import_survey": item}


def test_a_component_with_values_for_few_gemeenten_does_not_weigh_in(shipped: dict) -> None:
    # Two values get percentiles 0 and 100: they would put one gemeente first on their own.
    alone = ranking.rank_targets(shipped, {"candidates_per_seat_2022": 1.0})
    last = alone.table.dropna(subset=["score"])["code"].iloc[-1]
    values, items = _survey([last, alone.table["code"].iloc[0]])
    values["import_survey"] = [100.0, 0.0]
    weights = {"candidates_per_seat_2022": 1.0, "import_survey": 5.0}
    result = ranking.rank_targets(
        shipped, weights, imported_values=values, imported_catalogue=items
    )
    assert result.excluded == {"import_survey": 2}
    assert result.weights == {"candidates_per_seat_2022": 1.0}
    pd.testing.assert_series_equal(result.table["score"], alone.table["score"])
    assert result.table["code"].iloc[0] == alone.table["code"].iloc[0] != last


def test_the_minimum_is_thirty_gemeenten_and_says_why(shipped: dict) -> None:
    codes = shipped["gemeenten"]["code"].tolist()
    values, items = _survey(codes[:29])
    with pytest.raises(ranking.TooFewValuesError) as caught:
        ranking.rank_targets(
            shipped, {"import_survey": 1}, imported_values=values, imported_catalogue=items
        )
    assert caught.value.excluded == {"import_survey": 29}
    message = str(caught.value)
    assert "'Enquête' (29 gemeenten met een waarde)" in message
    assert "vanaf 30 gemeenten" in message
    values, items = _survey(codes[:30])
    result = ranking.rank_targets(
        shipped, {"import_survey": 1}, imported_values=values, imported_catalogue=items
    )
    assert result.excluded == {} and result.table["score"].notna().sum() == 30


def test_rule_above_counts_the_score_as_shown() -> None:
    """74.96 is shown as 75,0: "a score of 75 or more" includes it; 74.94 (74,9) stays out."""
    table = pd.DataFrame({"code": ["GM0001", "GM0002", "GM0003"], "score": [74.96, 74.94, 80.0]})
    assert ranking.rule_above(table, 75.0) == ["GM0001", "GM0003"]

"""Indicator values checked by hand for a few gemeenten, and the CLI's JSON."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from core import catalogue, indicators, paths


def _values(shipped: dict) -> dict:
    return shipped["indicators"].set_index("code").to_dict("index")


def test_contract_ids_exist(shipped: dict) -> None:
    required = {
        "short_lists_share_2022",
        "candidates_per_seat_2022",
        "women_council_share_2022",
        "women_gap_2022",
        "origin_outside_europe_share_2024",
        "origin_non_dutch_share_2024",
        "seats_2026",
        "inhabitants_per_seat_2026",
        "priority_score",
    }
    assert required <= set(catalogue.INDICATORS)
    assert required <= set(shipped["indicators"].columns)


def test_vlieland_by_hand(shipped: dict) -> None:
    v = _values(shipped)["GM0096"]
    # Telling: lists of 10, 8, 7 and 5 candidates for a 9-seat council -> 30 / 9.
    assert v["candidates_per_seat_2022"] == pytest.approx(30 / 9)
    # Lists shorter than 9 seats: 8, 7, 5 -> 3 of 4.
    assert v["short_lists_share_2022"] == pytest.approx(75.0)
    # Shorter than half (4.5): only the list of 5? no: 5 >= 4.5, so none.
    assert v["half_short_lists_share_2022"] == pytest.approx(0.0)
    assert v["lists_2022"] == 4
    assert v["seats_2022"] == 9


def test_amsterdam_population_shares_by_hand(shipped: dict) -> None:
    v = _values(shipped)["GM0363"]
    assert v["origin_outside_europe_share_2024"] == pytest.approx(396_567 / 931_298 * 100)
    assert v["origin_non_dutch_share_2024"] == pytest.approx((158_889 + 396_567) / 931_298 * 100)
    assert v["seats_2026"] == 45
    assert v["inhabitants_per_seat_2026"] == pytest.approx(931_298 / 45)


def test_women_gap_is_population_minus_council(shipped: dict) -> None:
    # Counted again from the councils table (estimates are kept per council, never per list).
    councils = shipped["election_councils"].set_index(["year", "election_code"])
    g = shipped["gemeenten"].set_index("code").loc["GM0363"]
    population = g["women"] / g["inhabitants"] * 100
    v = _values(shipped)["GM0363"]
    for year in (2022, 2026):
        ams = councils.loc[(year, "GM0363")]
        women = ams["women"] + ams["women_estimated"]
        council = women / (women + ams["men"] + ams["men_estimated"]) * 100
        assert v[f"women_council_share_{year}"] == pytest.approx(council)
        assert v[f"women_gap_{year}"] == pytest.approx(population - council)
    assert v["women_council_share_2026"] == pytest.approx(21 / 40 * 100)


def test_priority_score_ranks_fewest_candidates_and_largest_gap_highest(shipped: dict) -> None:
    # The default weights are the 2026 election: candidates per seat and the women gap.
    values = shipped["indicators"].dropna(subset=["candidates_per_seat_2026", "women_gap_2026"])
    worst = values.sort_values("priority_score").iloc[-1]
    best = values.sort_values("priority_score").iloc[0]
    assert worst["candidates_per_seat_2026"] < values["candidates_per_seat_2026"].median()
    assert worst["women_gap_2026"] > values["women_gap_2026"].median()
    assert best["candidates_per_seat_2026"] > values["candidates_per_seat_2026"].median()
    assert values["priority_score"].between(0, 100).all()
    # Hilversum and Wijdemeren held no election in 2026: no score, with that reason.
    notes = shipped["indicator_notes"].set_index(["code", "indicator_id"])["reason"]
    assert "Hilversum en Wijdemeren" in notes[("GM0402", "priority_score")]


def test_adults_estimate() -> None:
    import pandas as pd

    frame = pd.DataFrame(
        {"age_15_25": [100], "age_25_45": [10], "age_45_65": [20], "age_65_plus": [30]}
    )
    assert indicators.adults(frame).iloc[0] == pytest.approx(70 + 60)


def test_cli_prints_contract_json() -> None:
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "core.indicators",
            "--codes",
            "GM0363,GM0096",
            "--ids",
            "seats_2026,candidates_per_seat_2022",
            "--json",
        ],
        capture_output=True,
        text=True,
        cwd=paths.REPO_ROOT,
        check=True,
    )
    data = json.loads(out.stdout)
    assert data["GM0363"] == {"seats_2026": 45.0, "candidates_per_seat_2022": None}
    assert data["GM0096"]["candidates_per_seat_2022"] == pytest.approx(30 / 9)


def test_cli_all_ids_and_unknown_code() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "core.indicators", "--codes", "GM0014", "--json"],
        capture_output=True,
        text=True,
        cwd=paths.REPO_ROOT,
        check=True,
    )
    assert set(json.loads(out.stdout)["GM0014"]) == set(catalogue.INDICATORS)
    bad = subprocess.run(
        [sys.executable, "-m", "core.indicators", "--codes", "GM9999", "--json"],
        capture_output=True,
        text=True,
        cwd=paths.REPO_ROOT,
    )
    assert bad.returncode == 2
    assert "GM9999" in bad.stderr

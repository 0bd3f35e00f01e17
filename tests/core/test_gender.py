"""Gender estimated from first names at prepare time: the method, its accuracy, the bundle counts."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from core import catalogue, indicators
from core.build import eml, gender


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Klaas", "male"),
        ("Marieke", "female"),
        ("Marie-Louise", "female"),  # compound: tried whole
        ("Pieter Jan", "male"),  # compound: first part
        ("Ellen", "female"),  # "mostly_female" counts as female
        ("Robin", "male"),  # "mostly_male" counts as male
        ("Floor", None),  # used for both genders ("andy") stays unknown
        ("Jelbrich", None),  # not in the list stays unknown
        ("", None),
        (None, None),
    ],
)
def test_estimate_maps_answers(name: str | None, expected: str | None) -> None:
    assert gender.estimate(name) == expected


def test_estimate_agrees_with_published_genders_2022(raw_dir: Path) -> None:
    """The method note's claim: on councillors with a published gender it is right >= 97%."""
    import xml.etree.ElementTree as ET

    right = wrong = 0
    for path in sorted((raw_dir / "elections/GR2022/eml_resultaat").glob("*.eml.xml")):
        for cand in ET.parse(path).getroot().iter(f"{{{eml.NS['eml']}}}Candidate"):
            published = cand.findtext("eml:Gender", None, eml.NS)
            guess = gender.estimate(cand.findtext(".//xnl:FirstName", "", eml.NS))
            if published in ("female", "male") and guess:
                right += guess == published
                wrong += guess != published
    assert right + wrong > 5_000
    assert right / (right + wrong) >= 0.97


@pytest.mark.parametrize(
    ("year", "not_given", "estimated_min"),
    [(2022, 982, 700), (2018, 344, 250), (2014, 364, 250)],
)
def test_bundle_keeps_counts_of_estimates(
    built: dict, year: int, not_given: int, estimated_min: int
) -> None:
    lists = built["tables"]["election_lists"]
    y = lists[lists["year"] == year]
    estimated = int(y["women_estimated"].sum() + y["men_estimated"].sum())
    assert estimated + int(y["gender_missing"].sum()) == not_given
    assert estimated >= estimated_min
    # Counts only: no column that could hold a candidate's name.
    assert not any("name" in c and c not in {"election_name", "list_name"} for c in y.columns)


def test_contract_shares_add_up(shipped: dict) -> None:
    values = shipped["indicators"].set_index("code")
    councils = shipped["election_councils"]
    c = councils[councils["year"] == 2022]
    assert c["seats"].sum() == 8_178
    # Published-only unknown was 985 of 8,178 (12%); what is still unknown is far less.
    still = (c["gender_unknown"] + c["gender_missing"]).sum()
    estimated = (c["women_estimated"] + c["men_estimated"]).sum()
    assert still + estimated == 985
    assert still < 300
    for year in (2022, 2018, 2014):
        assert f"gender_estimated_share_{year}" in catalogue.INDICATORS
        assert f"gender_unknown_share_{year}" in catalogue.INDICATORS
    # Noord-Beveland: 38% had no published gender (women 0% on the published ones alone).
    nb = values.loc["GM1695"]
    assert nb["gender_unknown_share_2022"] == 0
    assert nb["gender_estimated_share_2022"] == pytest.approx(5 / 13 * 100)
    assert nb["women_council_share_2022"] > 0
    basis = indicators.gender_basis(values.loc[["GM1695", "GM0344", "GM0363"]])
    assert basis["uncertain"].tolist() == [True, True, False]


def test_gender_mark_texts() -> None:
    assert indicators.gender_mark(0, 0) == ""
    assert (
        indicators.gender_mark(5, 0) == "Geslacht bij 5% van de raadsleden geschat uit de voornaam."
    )
    assert indicators.gender_mark(15, 6).startswith("⚠ Onzeker")
    assert indicators.gender_mark(15, 5, short=True) == "15% geschat, 5% onbekend"
    assert pd.isna(
        indicators.gender_basis(
            pd.DataFrame(
                {"gender_estimated_share_2022": [None], "gender_unknown_share_2022": [None]}
            )
        )["estimated"].iloc[0]
    )

"""Gender estimated from first names at prepare time: the steps, their accuracy on published
genders, the coverage of 2026, and that only counts per council reach the bundle."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pandas as pd
import pytest

from core import catalogue, indicators
from core.build import eml, gender


@pytest.mark.parametrize(
    ("name", "expected", "step"),
    [
        ("Klaas", "male", "nl"),
        ("Marieke", "female", "nl"),
        ("Ellen", "female", "nl_mostly"),  # Dutch 'mostly female', confirmed by nomquamgender
        ("Robin", None, "ambiguous"),  # Dutch 'mostly male', not confirmed: not guessed
        ("Floor", None, "ambiguous"),  # used for both genders in the Dutch list
        ("Anne", None, "ambiguous"),  # Frisian men and Dutch women: not guessed
        ("Anne Marie", None, "ambiguous"),  # first part ambiguous: the last part does not decide
        ("Mohamed", "male", "other_countries"),  # known, but no Dutch data
        ("Ömer", "male", "other_countries"),  # looked up without the diaeresis
        ("Pieter Jan", "male", "first_part"),
        ("Marie-Louise", "female", "first_part"),  # hyphenated, not in the list whole
        ("MaartenJan", "male", "first_part"),  # written as one word, split at the capital
        ("Guusje", "female", "second_source"),  # not in gender-guesser's lists at all
        ("Sem", "male", "second_source"),
        ("Jelbrich", None, "not_found"),
        ("", None, "no_name"),
        (None, None, "no_name"),
    ],
)
def test_estimate_steps(name: str | None, expected: str | None, step: str) -> None:
    assert gender.estimate_with_step(name) == gender.Estimate(expected, step)
    assert gender.estimate(name) == expected


def _published(raw_dir: Path, year: int) -> list[tuple[str, str]]:
    pairs = []
    for path in sorted((raw_dir / f"elections/GR{year}/eml_resultaat").glob("*.eml.xml")):
        try:
            root = ET.parse(path).getroot()  # noqa: S314 - the Kiesraad's own files
        except ET.ParseError:
            continue  # the three placeholder files of 2022 (SOURCES.md 1b)
        for cand in root.iter(f"{{{eml.NS['eml']}}}Candidate"):
            given = cand.findtext("eml:Gender", None, eml.NS)
            if given in ("female", "male"):
                pairs.append((cand.findtext(".//xnl:FirstName", "", eml.NS), given))
    return pairs


@pytest.mark.parametrize("year", [2022, 2018])
def test_every_step_is_right_at_least_95_percent_on_published_genders(
    raw_dir: Path, year: int
) -> None:
    """Checked on every councillor whose list published the gender (2022: 7,193; all have a
    first name). Each step that decides must be right >= 95% of the time."""
    pairs = _published(raw_dir, year)
    assert len(pairs) > 7_000
    check = gender.check_steps(pairs)
    for step in gender.STEPS:
        right, wrong = check[step]["right"], check[step]["wrong"]
        assert right + wrong >= 100, step  # each step is tried on enough councillors
        assert right / (right + wrong) >= 0.95, (step, right, wrong)
    decided = sum(check[s]["right"] + check[s]["wrong"] for s in gender.STEPS)
    assert decided / len(pairs) > 0.9
    for reason in gender.UNDECIDED:
        assert check[reason]["right"] == check[reason]["wrong"] == 0


def test_bundle_method_table_is_the_check(built: dict, raw_dir: Path) -> None:
    table = built["tables"]["gender_method"].set_index("step")
    assert list(table.index) == [*gender.STEPS, *gender.UNDECIDED]
    check = gender.check_steps(_published(raw_dir, 2022))
    for step, result in check.items():
        assert table.at[step, "checked_right_2022"] == result["right"]
        assert table.at[step, "checked_wrong_2022"] == result["wrong"]
    # Per year, the steps and reasons add up to the elected whose list gave no gender.
    lists = built["tables"]["election_lists"]
    for year in (2014, 2018, 2022, 2026):
        not_given = int(lists.loc[lists["year"] == year, "gender_not_given"].sum())
        assert table[f"elected_{year}"].sum() == not_given


def test_2026_councillors_95_percent_published_or_estimated(shipped: dict) -> None:
    councils = shipped["election_councils"]
    c = councils[(councils["year"] == 2026) & councils["seats"].notna()]
    # SOURCES.md 2d: 8,529 seats in 339 gemeenten; 2,201 women and 4,360 men published;
    # 1,968 without a published gender.
    assert (len(c), c["seats"].sum()) == (339, 8_529)
    assert (c["women"].sum(), c["men"].sum(), c["gender_not_given"].sum()) == (2_201, 4_360, 1_968)
    estimated = c["women_estimated"].sum() + c["men_estimated"].sum()
    assert estimated + c["gender_missing"].sum() == 1_968
    known = c["women"].sum() + c["men"].sum() + estimated
    assert known / c["seats"].sum() >= 0.95
    # Gorinchem has no result at the source: nothing published, nothing estimated.
    gorinchem = councils[(councils["year"] == 2026) & (councils["election_code"] == "GM0512")]
    assert gorinchem[["seats", "women", "women_estimated", "gender_missing"]].isna().all(axis=None)


def test_estimates_are_kept_per_council_only(shipped: dict) -> None:
    """Issue 23 item 5: an estimate per list is, for a one-seat list, the inferred gender of one
    named councillor. The lists table keeps published counts only; no first name anywhere."""
    lists = shipped["election_lists"]
    assert not {"women_estimated", "men_estimated", "gender_missing"} & set(lists.columns)
    assert not any("first_name" in c for table in shipped.values() for c in table.columns)
    # What the list published adds up; the rest is 'not given' (estimated per council).
    elected = lists.dropna(subset=["seats"])
    parts = (
        elected["women"] + elected["men"] + elected["gender_unknown"] + elected["gender_not_given"]
    )
    assert (parts == elected["seats"]).all()
    councils = shipped["election_councils"]
    assert {"women_estimated", "men_estimated", "gender_missing"} <= set(councils.columns)


def test_no_first_name_in_the_written_bundle(built: dict, raw_dir: Path) -> None:
    """No cell of any written table is one of the 2026 first names, or a tuple of names."""
    frame = pd.read_csv(
        raw_dir / "elections/GR2026/GR2026_uitslag_per_partij.csv", sep=";", dtype=str
    ).fillna("")
    names = {n.strip() for text in frame["VoornamenZonderGeslacht"] for n in text.split(";")}
    names.discard("")
    assert len(names) > 1_000
    for path in built["out"].glob("*.parquet"):
        table = pd.read_parquet(path)
        for column in table.columns:
            if table[column].dtype.kind in "OTU" or str(table[column].dtype) == "str":
                cells = set(table[column].dropna().map(str))
                assert not cells & names, (path.name, column, sorted(cells & names)[:3])


def test_contract_shares_add_up(shipped: dict) -> None:
    values = shipped["indicators"].set_index("code")
    councils = shipped["election_councils"]
    c = councils[councils["year"] == 2022]
    assert c["seats"].sum() == 8_178
    # Published-only unknown was 985 of 8,178 (12%); what is still unknown is far less.
    still = (c["gender_unknown"] + c["gender_missing"]).sum()
    estimated = (c["women_estimated"] + c["men_estimated"]).sum()
    assert still + estimated == 985
    assert still < 250
    for year in (2026, 2022, 2018, 2014):
        assert f"gender_estimated_share_{year}" in catalogue.INDICATORS
        assert f"gender_unknown_share_{year}" in catalogue.INDICATORS
    # Noord-Beveland: 38% had no published gender (women 0% on the published ones alone).
    nb = values.loc["GM1695"]
    assert nb["gender_unknown_share_2022"] == 0
    assert nb["gender_estimated_share_2022"] == pytest.approx(5 / 13 * 100)
    assert nb["women_council_share_2022"] > 0
    basis = indicators.gender_basis(values.loc[["GM1695", "GM0344", "GM0363"]], 2022)
    assert basis["uncertain"].tolist() == [True, True, False]
    # 2026: Amsterdam's lists left 30 of 45 genders blank (SOURCES.md 2d).
    ams = values.loc["GM0363"]
    assert ams["gender_estimated_share_2026"] + ams["gender_unknown_share_2026"] == pytest.approx(
        30 / 45 * 100
    )
    assert indicators.gender_basis(values.loc[["GM0363"]])["uncertain"].tolist() == [True]


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
            ),
            2022,
        )["estimated"].iloc[0]
    )

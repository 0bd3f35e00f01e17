"""Words and numbers as a reader takes them (issue 27, items 11 and 12)."""

from __future__ import annotations

import pytest

from core import bundle, catalogue, fmt, profile, staffel, staffel_compare, staffel_map


def test_counts_agree_with_their_noun() -> None:
    assert fmt.count(1, "gemeente", "gemeenten") == "1 gemeente"
    assert fmt.count(0, "gemeente", "gemeenten") == "0 gemeenten"
    assert fmt.count(1204, "rij", "rijen") == "1.204 rijen"


def test_a_score_reads_as_a_score() -> None:
    unit = catalogue.get("priority_score").unit
    assert fmt.value(55, unit) == "55 van 100"
    tables = {n: bundle.load_table(n) for n in ("indicators", "gemeenten", "indicator_notes")}
    row = profile.profile(
        "GM0363", tables["indicators"], tables["gemeenten"], tables["indicator_notes"]
    )
    score = row.set_index("Indicator").loc[catalogue.get("priority_score").label, "Waarde"]
    assert score.endswith(" van 100") and "score 0-100" not in score


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("2", "+2 zetels"),
        ("1", "+1 zetel"),
        ("0", "geen verandering"),
        ("−2", "−2 zetels"),
        ("-4 – 0", "−4 tot 0 zetels"),
    ],
)
def test_seat_change_classes_say_seats(text: str, shown: str) -> None:
    assert staffel_map._seats(text) == shown


def test_the_national_figure_part_is_said_to_be_part_of_the_estimate() -> None:
    t = {n: bundle.load_table(n) for n in bundle.TABLES}
    law = t["staffel"]
    comparison = staffel_compare.compare(
        t["gemeenten"], t["indicators"], law, staffel.preset("plus_above", law, 2, 100_000)
    )
    totals = staffel_compare.totals(comparison, t["indicators"])
    note = staffel_compare.national_part_note(totals)
    assert note.startswith(
        f"Daarvan rusten {staffel_compare.signed(totals.extra_candidates_national_ratio)} van de "
        f"{staffel_compare.signed(totals.extra_candidates)} op het landelijke cijfer"
    )
    # The big cities without 2022 list lengths are named, largest first.
    assert "Amsterdam, Rotterdam en 's-Gravenhage" in note
    assert 0 < totals.extra_candidates_national_ratio < totals.extra_candidates

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


def _national_part(above: int) -> tuple[staffel_compare.Totals, str]:
    t = {n: bundle.load_table(n) for n in bundle.TABLES}
    law = t["staffel"]
    comparison = staffel_compare.compare(
        t["gemeenten"], t["indicators"], law, staffel.preset("plus_above", law, 2, above)
    )
    totals = staffel_compare.totals(comparison, t["indicators"])
    return totals, staffel_compare.national_part_note(totals)


def test_the_national_figure_part_is_said_to_be_part_of_the_estimate() -> None:
    # Since 2026 is the basis, only Hilversum and Wijdemeren (no election in 2026: merger) lack
    # their own list lengths; above 50.000 inhabitants that is Hilversum alone, with 2 seats.
    totals, note = _national_part(50_000)
    assert totals.extra_candidates_national_ratio == pytest.approx(2 * totals.national_ratio)
    assert note.startswith(
        f"Daarvan rusten {staffel_compare.signed(totals.extra_candidates_national_ratio)} van de "
        f"{staffel_compare.signed(totals.extra_candidates)} op het landelijke cijfer"
    )
    assert "voor 1 gemeente met extra zetels" in note and note.endswith("(Hilversum).")
    assert 0 < totals.extra_candidates_national_ratio < totals.extra_candidates


def test_no_national_figure_part_is_said_as_such() -> None:
    # Every gemeente above 100.000 inhabitants voted in 2026 and has its own list lengths.
    totals, note = _national_part(100_000)
    assert totals.extra_candidates_national_ratio == 0 < totals.extra_candidates
    assert note == "Alle gemeenten met extra zetels hebben eigen lijstlengtes uit 2026."

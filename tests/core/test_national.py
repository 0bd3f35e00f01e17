"""National figures: the same name gives the same number on every page, or the label says why."""

from __future__ import annotations

import pandas as pd
import pytest

from core import national, staffel_compare


def _figures(shipped: dict) -> dict[str, national.KeyFigure]:
    return {f.label: f for f in national.key_figures(shipped)}


def test_seats_overview_says_how_staffel_gets_a_different_total(shipped: dict) -> None:
    figure = _figures(shipped)["Raadszetels (2026), raden die in 2026 kozen"]
    assert figure.shown() == "8.554"
    # The staffel page's 'Zetels nu' adds Hilversum and Wijdemeren by the staffel.
    law = shipped["staffel"]
    result = staffel_compare.compare(shipped["gemeenten"], shipped["indicators"], law, law)
    total = staffel_compare.totals(result, shipped["indicators"]).seats_now
    assert total == 8_610
    assert "samen 8.610" in figure.note and "Hilversum en Wijdemeren" in figure.note


def test_candidates_per_seat_median_and_national_are_told_apart(shipped: dict) -> None:
    figures = _figures(shipped)
    assert "Kandidaten per zetel (2022)" not in figures  # the bare name was two numbers
    figure = figures["Kandidaten per zetel (2022), mediaan van de gemeenten"]
    assert figure.shown() == "6,2"
    assert f"(landelijk): {6.4:.1f}".replace(".", ",") in figure.note


def test_national_candidates_per_seat_is_all_candidates_over_all_seats(shipped: dict) -> None:
    # Counted again from the councils table: the 2022 councils with known list lengths.
    councils = shipped["election_councils"]
    known = councils[(councils["year"] == 2022) & councils["candidates"].notna()]
    ratio, n_councils = national.candidates_per_seat(shipped["indicators"])
    assert n_councils == len(known) == 312
    assert ratio == pytest.approx(known["candidates"].sum() / known["seats"].sum())
    assert ratio == pytest.approx(47_623 / 7_428)


def test_short_lists_grammar(shipped: dict) -> None:
    note = _figures(shipped)["Korte lijsten (2022)"].note
    assert "minder kandidaten dan de raad zetels had" in note


def test_seats_by_law_bands_are_inclusive() -> None:
    law = pd.DataFrame(
        {
            "min_inhabitants": [0, 3001],
            "max_inhabitants": pd.array([3000, None], dtype="Int64"),
            "council_seats": [9, 11],
        }
    )
    assert national.seats_by_law(pd.Series([3000, 3001, 90_000]), law).tolist() == [9, 11, 11]

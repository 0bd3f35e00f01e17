"""Text summaries of maps name the right gemeenten for a known indicator."""

from __future__ import annotations

import pandas as pd

from core import catalogue, mapview


def test_summary_candidates_per_seat_names_extremes(shipped: dict) -> None:
    frame = mapview.map_frame(
        shipped["indicators"],
        shipped["gemeenten"],
        shipped["indicator_notes"],
        catalogue.get("candidates_per_seat_2022"),
    )
    text = mapview.summary(frame, catalogue.get("candidates_per_seat_2022"))
    # Fewest candidates per seat in 2022: Schiermonnikoog (24 candidates for 9 seats = 2,7).
    assert "Laagste waarden: Schiermonnikoog (2,7 kandidaten per zetel)" in text
    assert "Lager is slechter." in text
    assert "voor 312 van de 342 gemeenten" in text
    assert "Zonder gegevens: 30 gemeenten." in text
    assert "Mediaan van de gemeenten: 6,2 kandidaten per zetel." in text


def test_summary_origin_share_highest_is_a_big_city(shipped: dict) -> None:
    frame = mapview.map_frame(
        shipped["indicators"],
        shipped["gemeenten"],
        shipped["indicator_notes"],
        catalogue.get("origin_outside_europe_share_2024"),
    )
    values = shipped["indicators"].set_index("code")["origin_outside_europe_share_2024"]
    names = shipped["gemeenten"].set_index("code")["name"]
    first = names[values.idxmax()]
    text = mapview.summary(frame, catalogue.get("origin_outside_europe_share_2024"))
    assert text.split("Hoogste waarden: ")[1].startswith(first)
    assert "Zonder gegevens" not in text
    assert "slechter" not in text  # population shares have no direction


def test_summary_without_data() -> None:
    frame = pd.DataFrame({"name": ["A", "B"], "value": [None, None]})
    text = mapview.summary(frame, catalogue.get("women_gap_2022"))
    assert "geen enkele gemeente" in text

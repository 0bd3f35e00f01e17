"""National figures: the same name gives the same number on every page, or the label says why."""

from __future__ import annotations

import pytest

from core import fmt, national, staffel_compare


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


def test_overview_figures_are_the_published_2026_totals_next_to_2022(shipped: dict) -> None:
    """Issue 22 item 4: the bundle's national totals equal the published figures (SOURCES.md
    2c/2d), each next to 2022."""
    figures = _figures(shipped)
    cps = figures["Kandidaten per raadszetel (2026)"]
    assert cps.value == pytest.approx(61_751 / 8_554)
    assert cps.shown() == "7,2"
    assert "61.751 kandidaten voor 8.554 zetels" in cps.note
    # 2022 beside it: 47,623 candidates for 7,428 seats in 312 gemeenten; the change is on the
    # same 310 gemeenten (6.4 -> 6.9), not on the two different national sets.
    assert "Heel 2022: 6,4 (47.623 kandidaten voor 7.428 zetels in de 312 gemeenten" in cps.note
    assert "dezelfde 310 gemeenten met lijstlengtes van beide jaren: 6,4 in 2022, 6,9" in cps.note
    assert cps.delta == "+0,5 t.o.v. 2022"
    assert (cps.delta_arrow, cps.delta_color) == ("up", "green")  # more candidates: better
    short = figures["Lijsten korter dan de raad (2026)"]
    assert short.value == pytest.approx(2_024 / 2_926 * 100)
    assert short.shown() == "69,2%"
    assert "2.024 van 2.926 lijsten" in short.note and "1.896 van 2.535" in short.note
    # Fewer short lists than in 2022 (74,8% -> 67,8% on the same gemeenten): down, and green.
    assert short.delta == "−7,0 procentpunt t.o.v. 2022"
    assert (short.delta_arrow, short.delta_color) == ("down", "green")
    assert ".." not in short.note
    # This app's measure is told apart from the cabinet's survey finding.
    assert "niet hetzelfde als 'bijna de helft van de lokale partijen" in short.note
    women_candidates = figures["Vrouwen onder de kandidaten (2026)"]
    assert women_candidates.value == pytest.approx(14_449 / (14_449 + 32_357) * 100)
    assert "14.945 kandidaten" in women_candidates.note and "2022: geen gegevens" in (
        women_candidates.note
    )
    women = figures["Vrouwen in de raad (2026)"]
    councils = shipped["election_councils"]
    c = councils[(councils["year"] == 2026) & councils["seats"].notna()]
    known_women = c["women"].sum() + c["women_estimated"].sum()
    known = known_women + c["men"].sum() + c["men_estimated"].sum()
    assert women.value == pytest.approx(known_women / known * 100)
    assert c["women"].sum() == 2_201  # published; the rest estimated from first names
    assert "2022: 36,3% → 2026: 36,5%" in women.note
    assert women.delta == "+0,2 procentpunt t.o.v. 2022"
    # Every figure names its source, and the slide tile has a short note.
    for figure in figures.values():
        assert figure.source
    assert len(cps.brief) < 120 and len(short.brief) < 140


def test_national_candidates_per_seat_is_all_candidates_over_all_seats(shipped: dict) -> None:
    # Counted again from the councils table: the 2022 councils with known list lengths.
    councils = shipped["election_councils"]
    known = councils[(councils["year"] == 2022) & councils["candidates"].notna()]
    ratio, n_councils = national.candidates_per_seat(shipped["indicators"], 2022)
    assert n_councils == len(known) == 312
    assert ratio == pytest.approx(known["candidates"].sum() / known["seats"].sum())
    assert ratio == pytest.approx(47_623 / 7_428)
    # 2026 (the default): all 340 councils that voted, Gorinchem included with its 25 seats.
    ratio, n_councils = national.candidates_per_seat(shipped["indicators"])
    assert (n_councils, ratio) == (340, pytest.approx(61_751 / 8_554))


def test_short_lists_grammar(shipped: dict) -> None:
    note = _figures(shipped)["Lijsten korter dan de raad (2026)"].note
    assert "minder kandidaten dan de raad zetels heeft" in note


def test_metric_arrow_follows_the_sign_of_a_true_minus() -> None:
    # Streamlit reads only an ASCII '-' as negative; the figures say the direction themselves.
    assert fmt.signed(-0.31) == "−0,3" and fmt.arrow(-0.31) == "down"
    assert fmt.signed(0.04) == "0,0" and fmt.arrow(0) == "off"
    assert fmt.signed(1.26) == "+1,3" and fmt.arrow(1.26) == "up"


def test_top_ten_is_2026_with_2022_beside_it(shipped: dict) -> None:
    top = national.top_shortage(shipped)
    assert top["name"].head(3).tolist() == ["Coevorden", "Schiermonnikoog", "Tubbergen"]
    assert top["candidates_per_seat_2026"].is_monotonic_increasing
    assert top.loc[0, "candidates_per_seat_2022"] == pytest.approx(87 / 25)

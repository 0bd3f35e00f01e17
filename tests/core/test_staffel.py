"""The council-size staffel: band edges, validation, presets checked by hand, and the 2026 check."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from core import (
    classify,
    staffel,
    staffel_agreement,
    staffel_check,
    staffel_compare,
    staffel_export,
    staffel_map,
)


@pytest.fixture(scope="module")
def law(shipped: dict) -> pd.DataFrame:
    return staffel.from_table(shipped["staffel"])


@pytest.fixture(scope="module")
def gemeenten(shipped: dict) -> pd.DataFrame:
    return shipped["gemeenten"]


@pytest.fixture(scope="module")
def indicators(shipped: dict) -> pd.DataFrame:
    return shipped["indicators"]


def _compare(shipped: dict, law: pd.DataFrame, alternative: pd.DataFrame) -> pd.DataFrame:
    return staffel_compare.compare(shipped["gemeenten"], shipped["indicators"], law, alternative)


def _rows(*bands: tuple) -> pd.DataFrame:
    """An editor table: (min, max, seats) per row; None = empty cell."""
    return pd.DataFrame(bands, columns=list(staffel.COLUMNS))


# The law's bands, typed from Gemeentewet art. 8 lid 1 (not read from the bundle).
LAW_BANDS = [
    (0, 3000, 9), (3001, 6000, 11), (6001, 10000, 13), (10001, 15000, 15), (15001, 20000, 17),
    (20001, 25000, 19), (25001, 30000, 21), (30001, 35000, 23), (35001, 40000, 25),
    (40001, 45000, 27), (45001, 50000, 29), (50001, 60000, 31), (60001, 70000, 33),
    (70001, 80000, 35), (80001, 100000, 37), (100001, 200000, 39), (200001, None, 45),
]  # fmt: skip


# --- The law's staffel --------------------------------------------------------------------------


def test_bundle_staffel_is_the_law(law: pd.DataFrame) -> None:
    assert list(law.itertuples(index=False, name=None)) == [
        (a, pd.NA if b is None else b, c) for a, b, c in LAW_BANDS
    ]


def test_bundle_staffel_matches_raw_csv(shipped: dict, raw_dir) -> None:
    raw = pd.read_csv(raw_dir / "elections" / "staffel_gemeentewet_art8.csv")
    pd.testing.assert_frame_equal(staffel.from_table(raw), staffel.from_table(shipped["staffel"]))
    assert shipped["staffel"]["band_as_worded_in_law"].iloc[0] == "beneden de 3 001 inwoners"


@pytest.mark.parametrize(
    ("inhabitants", "seats"),
    [(0, 9), (3000, 9), (3001, 11), (200000, 39), (200001, 45), (931_298, 45)],
)
def test_edges_named_in_the_issue(law: pd.DataFrame, inhabitants: int, seats: int) -> None:
    assert staffel.seats_for(inhabitants, law) == seats


@pytest.mark.parametrize(("low", "high", "seats"), LAW_BANDS)
def test_every_band_edge(law: pd.DataFrame, low: int, high: int | None, seats: int) -> None:
    # Bounds are inclusive: the first and last inhabitant of a band get its seats, one fewer
    # gets the band below (2 seats fewer; 6 fewer at the 200,000 jump from 39 to 45).
    assert staffel.seats_for(low, law) == seats
    if low > 0:
        assert staffel.seats_for(low - 1, law) == (39 if seats == 45 else seats - 2)
    if high is not None:
        assert staffel.seats_for(high, law) == seats
        assert staffel.seats_for(high + 1, law) == (45 if high == 200_000 else seats + 2)


def test_seats_for_a_series_keeps_the_index(law: pd.DataFrame) -> None:
    values = pd.Series([3000, 3001, 250_000], index=["a", "b", "c"])
    out = staffel.seats_for(values, law)
    assert out.tolist() == [9, 11, 45]
    assert out.index.tolist() == ["a", "b", "c"]
    with pytest.raises(ValueError, match="onder de eerste band"):
        staffel.seats_for(-1, law)


# --- Validation ---------------------------------------------------------------------------------


def test_law_and_presets_are_valid(law: pd.DataFrame) -> None:
    for name in staffel.PRESETS:
        checked = staffel_check.validate(staffel.editor_frame(staffel.preset(name, law)))
        assert checked.ok, (name, checked.errors)
        assert checked.errors == [] and checked.warnings == []


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        (_rows((0, 3000, 9), (3501, None, 11)), "gat tussen"),
        (_rows((0, 3000, 9), (2500, None, 11)), "overlapt met"),
        (_rows((100, 3000, 9), (3001, None, 11)), "begint bij 100 inwoners"),
        (_rows((0, 3000, 9), (3001, 9000, 11)), "laatste band houdt op bij 9.000"),
        (_rows((0, None, 9), (3001, None, 11)), "Alleen de laatste band mag zonder"),
        (_rows((0, 3000, 11), (3001, None, 9)), "mag niet minder"),
        (_rows((0, 3000, 9), (3001, None, None)), "Rij 2: vul het aantal zetels in"),
        (_rows((0, 3000, 9), (None, None, 11)), "Rij 2: vul bij 'Vanaf'"),
        (_rows((0, 3000.5, 9), (3001, None, 11)), "Rij 1: bij 'Tot en met' staat 3.000,50"),
        (_rows((0, 3000, 9), (3001, None, -1)), "Vul een heel aantal zetels in van 1 tot"),
        (_rows((0, 3000, 0), (3001, None, 11)), "Vul een heel aantal zetels in van 1 tot"),
        (_rows((0, 3000, 9), (3001, 2000, 11), (2001, None, 13)), "kleiner dan 'Vanaf'"),
        (_rows((0, 3000, 9), ("drie", None, 11)), "staat 'drie'"),
        (_rows((None, None, None)), "De staffel is leeg"),
    ],
)
def test_invalid_staffels_are_rejected_with_a_clear_message(
    table: pd.DataFrame, expected: str
) -> None:
    checked = staffel_check.validate(table)
    assert not checked.ok
    assert checked.staffel is None
    assert any(expected in error for error in checked.errors), checked.errors


def test_gap_message_names_the_missing_inhabitants_and_the_fix() -> None:
    checked = staffel_check.validate(_rows((0, 3000, 9), (3501, None, 11)))
    assert checked.errors == [
        "Er zit een gat tussen de band 0 tot en met 3.000 inwoners (rij 1) en de band vanaf "
        "3.501 inwoners (rij 2): gemeenten met 3.001 tot en met 3.500 inwoners vallen nergens "
        "onder. Laat de hogere band beginnen bij 3.001."
    ]


def test_missing_column_is_reported() -> None:
    checked = staffel_check.validate(pd.DataFrame({"min_inhabitants": [0], "council_seats": [9]}))
    assert checked.errors == ["De tabel mist de kolom(men): Tot en met."]


def test_even_seats_warn_but_still_compute() -> None:
    checked = staffel_check.validate(_rows((0, 3000, 9), (3001, None, 12)))
    assert checked.ok
    assert len(checked.warnings) == 1
    assert "vanaf 3.001 inwoners: 12" in checked.warnings[0]
    assert "oneven" in checked.warnings[0]


def test_rows_in_any_order_and_empty_rows_are_accepted() -> None:
    # The editor appends new rows at the bottom, so a band inserted later comes last.
    table = _rows((0, 3000, 9), (6001, None, 13), (None, None, None), (3001, 6000, 11))
    checked = staffel_check.validate(table)
    assert checked.ok, checked.errors
    assert checked.staffel["min_inhabitants"].tolist() == [0, 3001, 6001]
    assert any("niet op volgorde" in w for w in checked.warnings)


def test_numbers_typed_as_text_and_floats_are_accepted() -> None:
    checked = staffel_check.validate(_rows(("0", "3.000", 9.0), ("3001", None, "11")))
    assert checked.ok, checked.errors
    assert checked.staffel["max_inhabitants"].tolist()[0] == 3000


@pytest.mark.parametrize("typed", ["3 000", "3\u00a0000", "3\u202f000", " 3.000 ", "3000"])
def test_numbers_are_read_as_the_import_reads_them(typed: str) -> None:
    # One number rule (core.number_text) for the import and the editor: "3 000" is 3000 in both.
    checked = staffel_check.validate(_rows(("0", typed, 9), ("3 001", "en meer", "11")))
    assert checked.ok, checked.errors
    assert checked.staffel["max_inhabitants"].tolist()[0] == 3000
    assert checked.staffel["min_inhabitants"].tolist()[1] == 3001


@pytest.mark.parametrize(
    ("row", "column", "expected"),
    [
        ((0, 3000, -9), "Zetels", "Vul een heel aantal zetels in van 1 tot en met 99."),
        ((0, 3000, 0), "Zetels", "Vul een heel aantal zetels in van 1 tot en met 99."),
        ((0, 3000, 10_000), "Zetels", "Vul een heel aantal zetels in van 1 tot en met 99."),
        ((0, 3000, 1e12), "Zetels", "Vul een heel aantal zetels in van 1 tot en met 99."),
        ((0, 3000, "100"), "Zetels", "Vul een heel aantal zetels in van 1 tot en met 99."),
        ((0, -9, 9), "Tot en met", "inwoners in van 0 tot en met 100.000.000."),
        ((0, "1" * 309, 9), "Tot en met", "inwoners in van 0 tot en met 100.000.000."),
        ((0, int("9" * 400), 9), "Tot en met", "inwoners in van 0 tot en met 100.000.000."),
        ((0, 1e308, 9), "Tot en met", "inwoners in van 0 tot en met 100.000.000."),
        ((0, "12%", 9), "Tot en met", "inwoners in van 0 tot en met 100.000.000."),
        ((0, "x", 9), "Tot en met", "inwoners in van 0 tot en met 100.000.000."),
    ],
)
def test_out_of_range_numbers_get_one_message_that_names_the_range(
    row: tuple, column: str, expected: str
) -> None:
    # Never a traceback (OverflowError on 309 digits once), never 10,000 seats in a band, and
    # the message says what is allowed: -9 and 0 seats get the same "1 tot en met 99".
    checked = staffel_check.validate(_rows(row, (3001, None, 11)))
    assert not checked.ok
    mine = [e for e in checked.errors if e.startswith(f"Rij 1: bij '{column}'")]
    assert len(mine) == 1 and mine[0].endswith(expected), checked.errors


def test_huge_or_long_values_are_not_echoed_in_full() -> None:
    for typed, shown in (("1" * 309, "staat '1111"), (1e308, "een getal van 309 cijfers")):
        checked = staffel_check.validate(_rows((0, typed, 9), (3001, None, 11)))
        assert any(shown in e for e in checked.errors), checked.errors
        assert all(len(e) < 200 for e in checked.errors), checked.errors
    checked = staffel_check.validate(_rows((0, "drie" * 1000, 9), (3001, None, 11)))
    assert all(len(e) < 200 for e in checked.errors), checked.errors
    assert any("'drie" in e and "…'" in e for e in checked.errors)


def test_largest_allowed_values_compute_sane_totals() -> None:
    checked = staffel_check.validate(_rows((0, 99_999_999, 99), (100_000_000, None, 99)))
    assert checked.ok, checked.errors
    assert staffel.seats_for(17_000_000, checked.staffel) == 99


# --- Presets ------------------------------------------------------------------------------------


def test_above_200k_preset_bands(law: pd.DataFrame) -> None:
    alt = staffel.preset("above_200k", law)
    top = alt[alt["min_inhabitants"] > 200_000]
    assert list(top.itertuples(index=False, name=None))[:2] == [
        (200_001, 300_000, 45),
        (300_001, 400_000, 47),
    ]
    assert top.iloc[-1]["min_inhabitants"] == 900_001
    assert pd.isna(top.iloc[-1]["max_inhabitants"])
    assert top.iloc[-1]["council_seats"] == 59
    # Up to 200,000 nothing changes.
    pd.testing.assert_frame_equal(alt.iloc[:16], law.iloc[:16])
    with pytest.raises(KeyError):
        staffel.preset("nope", law)


def test_law_preset_changes_nothing(shipped: dict, law: pd.DataFrame) -> None:
    c = _compare(shipped, law, law)
    assert (c["seat_change"] == 0).all()
    t = staffel_compare.totals(c, shipped["indicators"])
    assert t.extra_seats == 0 and t.extra_candidates == 0
    # 8,554 seats in the 340 councils of 2026 plus the staffel for Hilversum and Wijdemeren.
    assert t.seats_now == 8554 + 37 + 19 == 8610


def test_above_200k_by_hand(shipped: dict, law: pd.DataFrame) -> None:
    c = _compare(shipped, law, staffel.preset("above_200k", law)).set_index("code")
    # Amsterdam 931,298 -> band from 900,001: 59; Rotterdam 670,610 -> 600,001-700,000: 53;
    # 's-Gravenhage 566,221 -> 51; Utrecht 374,238 -> 47; Eindhoven 246,417 stays at 45.
    expected = {"GM0363": 59, "GM0599": 53, "GM0518": 51, "GM0344": 47, "GM0772": 45}
    for code, seats in expected.items():
        assert c.loc[code, "seats_alt"] == seats, code
        assert c.loc[code, "seats_now"] == 45
    assert c.loc["GM0363", "inhabitants_per_seat_alt"] == pytest.approx(931_298 / 59)
    t = staffel_compare.totals(c.reset_index(), shipped["indicators"])
    assert t.extra_seats == 14 + 8 + 6 + 2 == 30
    assert (t.gemeenten_more, t.gemeenten_fewer) == (4, 0)
    # Each of the four has its own 2026 candidates per seat (the Kiesraad lists of 18 March
    # 2026): Amsterdam 615, Rotterdam 581, 's-Gravenhage and Utrecht counted from the bundle.
    councils = shipped["election_councils"].set_index(["year", "election_code"])
    own = {
        code: councils.loc[(2026, code), "candidates"] / councils.loc[(2026, code), "council_size"]
        for code in ("GM0363", "GM0599", "GM0518", "GM0344")
    }
    assert own["GM0363"] == pytest.approx(615 / 45) and own["GM0599"] == pytest.approx(581 / 45)
    assert t.extra_candidates == pytest.approx(
        14 * own["GM0363"] + 8 * own["GM0599"] + 6 * own["GM0518"] + 2 * own["GM0344"]
    )
    # The national ratio (all 2026 candidates over all 2026 seats) is the fallback.
    assert t.national_ratio == pytest.approx(61_751 / 8_554)
    assert t.national_ratio_councils == 340
    # ... and none of the estimate above rests on it.
    assert t.extra_candidates_national_ratio == 0


def test_plus_two_by_hand(shipped: dict, law: pd.DataFrame) -> None:
    c = _compare(shipped, law, staffel.preset("plus_two", law)).set_index("code")
    assert (c["seat_change"] == 2).all()
    # Vlieland: 2026 lists of 28 candidates together for 9 seats -> 28 / 9 per seat.
    assert c.loc["GM0096", "candidates_per_seat_basis"] == staffel_compare.BASIS_OWN_RATIO
    assert c.loc["GM0096", "extra_candidates"] == pytest.approx(2 * 28 / 9)
    assert c.loc["GM0096", "seats_alt"] == 11
    t = staffel_compare.totals(c.reset_index(), shipped["indicators"])
    assert t.extra_seats == 2 * 342 == 684
    own = c[c["candidates_per_seat_basis"] == staffel_compare.BASIS_OWN_RATIO]
    assert len(own) == 340  # every council that voted in 2026; Gorinchem's lists included
    # Hilversum and Wijdemeren (no 2026 election) use the national ratio.
    assert set(c.index[c["candidates_per_seat_basis"] == staffel_compare.BASIS_NATIONAL_RATIO]) == {
        "GM0402",
        "GM1696",
    }
    assert t.extra_candidates == pytest.approx(
        2 * own["candidates_per_seat_used"].sum() + 2 * 2 * 61_751 / 8_554
    )


def test_hilversum_and_wijdemeren_use_the_staffel(shipped: dict, law: pd.DataFrame) -> None:
    c = _compare(shipped, law, law).set_index("code")
    g = shipped["gemeenten"].set_index("code")
    for code in g.index[g["seats_2026"].isna()]:
        assert c.loc[code, "seats_now_basis"] == staffel_compare.BASIS_LAW
        assert c.loc[code, "seats_now"] == staffel.seats_for(int(g.loc[code, "inhabitants"]), law)
    assert sorted(g.loc[g["seats_2026"].isna(), "name"]) == ["Hilversum", "Wijdemeren"]


def test_changed_band_uses_the_2026_band_for_gemeenten_near_an_edge(
    shipped: dict, law: pd.DataFrame
) -> None:
    # Assen: 69,701 inhabitants on 1 January 2024 (band 60,001-70,000: 33 seats) but 35 seats in
    # 2026 (band 70,001-80,000). Raising that band to 37 must raise Assen too.
    alt = law.copy()
    alt.loc[alt["min_inhabitants"] == 70_001, "council_seats"] = 37
    c = _compare(shipped, law, alt).set_index("code")
    assert c.loc["GM0106", "reference_inhabitants"] == 70_001
    assert c.loc["GM0106", "seat_change"] == 2
    # Raising the 60,001-70,000 band instead leaves Assen alone.
    alt = law.copy()
    alt.loc[alt["min_inhabitants"] == 60_001, "council_seats"] = 35
    c = _compare(shipped, law, alt).set_index("code")
    assert c.loc["GM0106", "seat_change"] == 0
    # Westerveld: 20,003 inhabitants, 17 seats in 2026 -> counted at 20,000.
    assert c.loc["GM1701", "reference_inhabitants"] == 20_000


# --- The law against the 2026 councils ----------------------------------------------------------


def test_agreement_with_2026_seats(gemeenten: pd.DataFrame, law: pd.DataFrame) -> None:
    result = staffel_agreement.agreement(gemeenten, law)
    assert (result.compared, result.matching) == (340, 317)
    assert result.share == pytest.approx(317 / 340 * 100)
    assert "317 van de 340 gemeenten (93,2%)" in result.summary()
    d = result.differing.set_index("name")
    assert len(d) == 23
    assert int((d["direction"] > 0).sum()) == 21
    assert sorted(d.index[d["direction"] < 0]) == ["Eemsdelta", "Westerveld"]
    assert (d["bands_apart"] == 1).all()
    # Every difference lies within 3% of a band edge; the farthest is Waddinxveen (34,000
    # inhabitants, 35,001 needed for 25 seats).
    assert d["distance_pct"].max() < 3
    assert d["distance"].idxmax() == "Waddinxveen" and d["distance"].max() == 1001
    assert d.loc["Westerveld", "distance"] == 3
    assert d.loc["Assen", "edge"] == 70_001
    assert "300 inwoners te weinig voor 35 zetels" in d.loc["Assen", "explanation"]
    assert result.without_2026 == ["Hilversum", "Wijdemeren"]
    shown = staffel_agreement.agreement_table(result).set_index("Gemeente")
    assert shown.loc["Assen", "Inwoners 1 januari 2024"] == "69.701"
    assert "tot en met 20.000" in shown.loc["Westerveld", "Verklaring"]


def test_agreement_flags_a_council_size_that_is_not_in_the_law(law: pd.DataFrame) -> None:
    g = pd.DataFrame(
        {"code": ["GM0001", "GM0002"], "name": ["A", "B"], "inhabitants": [2000, 2000],
         "seats_2026": pd.array([9, 10], dtype="Int64")}
    )  # fmt: skip
    result = staffel_agreement.agreement(g, law)
    assert (result.compared, result.matching) == (2, 1)
    assert "niet verklaren" in result.differing.loc[0, "explanation"]


# --- Maps and export ----------------------------------------------------------------------------


def test_change_map_is_diverging_and_per_seat_maps_share_bounds(
    shipped: dict, law: pd.DataFrame
) -> None:
    c = _compare(shipped, law, staffel.preset("above_200k", law))
    frame, result = staffel_map.map_view(c, "seat_change")
    assert result.diverging
    assert [row["label"] for row in classify.legend_rows(result)][:2] == [
        "geen verandering (338 gemeenten)",
        "+2 zetels (1 gemeente)",
    ]
    assert frame.set_index("code").loc["GM0363", "class"] == result.k - 1
    _, before = staffel_map.map_view(c, "inhabitants_per_seat_now")
    _, after = staffel_map.map_view(c, "inhabitants_per_seat_alt")
    assert before.bins[:-1] == after.bins[:-1]
    assert "Amsterdam" in staffel_map.map_alt(c, "seat_change")
    hover = frame.set_index("code").loc["GM0518"]
    assert hover["hover"] == "<b>'s-Gravenhage</b> (Zuid-Holland)"  # plotly text: quotes kept
    assert hover["hover_alt"] == "51 zetels (+6)"
    assert hover["hover_per_seat_now"] == "12.583"
    assert set(staffel_map.HOVER_COLUMNS) <= set(frame.columns)
    assert staffel_map.HOVER_TEMPLATE.count("customdata") == len(staffel_map.HOVER_COLUMNS)
    assert frame.set_index("code").loc["GM0402", "hover_now"].endswith("geen verkiezing in 2026)")


def test_export_csv(shipped: dict, law: pd.DataFrame) -> None:
    c = _compare(shipped, law, staffel.preset("above_200k", law))
    c.loc[0, "name"] = '=HYPERLINK("http://x")'
    raw = staffel_export.export_csv(c)
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    header = text.splitlines()[0].split(";")
    assert header[:4] == [
        "Gemeentecode (CBS)", "Gemeente", "Provincie", "Inwoners 1 januari 2024 (CBS)"
    ]  # fmt: skip
    back = pd.read_csv(io.StringIO(text), sep=";", decimal=",", dtype={"Gemeente": str})
    assert len(back) == 342
    assert back.loc[0, "Gemeente"] == '\'=HYPERLINK("http://x")'
    ams = back.set_index("Gemeentecode (CBS)").loc["GM0363"]
    assert ams["Verschil in zetels"] == 14
    assert ams["Inwoners per zetel met de nieuwe staffel"] == pytest.approx(15784.7)
    # Amsterdam's own 2026 lists: 615 candidates for 45 seats.
    assert ams["Bron kandidaten per zetel"] == staffel_compare.BASIS_OWN_RATIO == "gemeente 2026"
    assert ams["Kandidaten per zetel 2026 (gebruikt, Kiesraad)"] == pytest.approx(
        615 / 45, abs=0.01
    )
    assert "15784,7" in text  # decimal comma, no thousands separator
    hilversum = back.set_index("Gemeente").loc["Hilversum"]
    assert pd.isna(hilversum["Zetels 2026 (Kiesraad)"])
    assert hilversum["Bron zetels nu"] == staffel_compare.BASIS_LAW
    assert hilversum["Bron kandidaten per zetel"] == staffel_compare.BASIS_NATIONAL_RATIO


def test_staffel_csv_round_trips(law: pd.DataFrame) -> None:
    alt = staffel.preset("above_200k", law)
    text = staffel_export.staffel_csv(alt).decode("utf-8-sig")
    back = pd.read_csv(io.StringIO(text), sep=";").rename(
        columns={v: k for k, v in staffel.LABELS.items()}
    )
    checked = staffel_check.validate(back)
    assert checked.ok
    pd.testing.assert_frame_equal(checked.staffel, alt)

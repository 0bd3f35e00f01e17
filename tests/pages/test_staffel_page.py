"""AppTest flows of the staffel page: editing the staffel updates the totals, errors in Dutch."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from core import bundle, paths

APP = str(paths.REPO_ROOT / "dashboard.py")
PAGE = "pages/staffel.py"
LAST_BAND = 16  # row of "vanaf 200.001 inwoners: 45 zetels" in the law's staffel


def _page(url_query: dict | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in (url_query or {}).items():
        at.query_params[key] = value
    at.run()
    at.switch_page(PAGE)
    at.run()
    return at


def _edit(at: AppTest, edited_rows: dict, added_rows: list | None = None) -> AppTest:
    at.session_state["staffel_editor"] = {
        "edited_rows": edited_rows,
        "added_rows": added_rows or [],
        "deleted_rows": [],
    }
    return at.run()


def _metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def _table(at: AppTest, key: str):
    return next(d.value for d in at.dataframe if d.key == key)


def test_page_runs_and_starts_from_the_law() -> None:
    at = _page()
    assert not at.exception, at.exception
    assert " ".join(m.value for m in at.sidebar.markdown).startswith("**0 gemeenten")
    # Fixed rows: Enter on the last row cannot add empty rows (bands come from the buttons).
    assert at.data_editor(key="staffel_editor").editing_mode == "fixed"
    editor = at.data_editor(key="staffel_editor").value
    assert len(editor) == 17
    # Dutch number format, and the open top band says so.
    assert editor["min_inhabitants"].tolist()[:3] == ["0", "3.001", "6.001"]
    assert editor["max_inhabitants"].tolist()[-2:] == ["200.000", "en meer"]
    metrics = _metrics(at)
    assert metrics["Zetels nu"] == "8.610"
    assert metrics["Extra zetels"] == "0"
    assert metrics["Zetels met de nieuwe staffel"] == "8.610"
    text = " ".join(m.value for m in at.markdown)
    assert "317 van de 340 gemeenten (93,2%)" in text
    assert any("Hilversum en Wijdemeren" in c.value for c in at.caption)
    differing = at.table[0].value
    assert len(differing) == 23
    assert "Waddinxveen" in differing["Gemeente"].tolist()
    assert any("geen enkele gemeente" in i.value for i in at.info)


def test_editing_the_staffel_updates_totals() -> None:
    at = _page()
    _edit(at, {LAST_BAND: {"council_seats": 47}})
    assert not at.exception, at.exception
    metrics = _metrics(at)
    # Eight gemeenten above 200,000 inhabitants, each 2 seats more.
    assert metrics["Extra zetels"] == "+16"
    assert metrics["Zetels met de nieuwe staffel"] == "8.626"
    # Each by its own 2026 candidates per seat (Kiesraad lists of 18 March 2026): 2 x the sum
    # of the eight, 164.8 candidates.
    values = bundle.load_table("indicators")
    big = values[values["inhabitants_2024"] > 200_000]
    assert len(big) == 8
    assert 2 * big["candidates_per_seat_2026"].sum() == pytest.approx(164.84, abs=0.01)
    assert metrics["Extra kandidaten nodig (schatting)"] == "+165"
    affected = _table(at, "staffel_affected")
    assert len(affected) == 8
    assert set(affected["seat_change"]) == {2}


def test_adding_a_band_and_choosing_a_preset() -> None:
    at = _page()
    _edit(at, {LAST_BAND: {"council_seats": 45}})  # an edit before adding survives it
    at.button(key="staffel_add_band").click().run()
    assert len(at.data_editor(key="staffel_editor").value) == 18
    _edit(
        at,
        {
            LAST_BAND: {"max_inhabitants": "500.000"},
            LAST_BAND + 1: {
                "min_inhabitants": "500.001",
                "max_inhabitants": "en meer",
                "council_seats": 51,
            },
        },
    )
    assert not at.exception, at.exception
    # Rotterdam, 's-Gravenhage and Amsterdam go from 45 to 51.
    assert _metrics(at)["Extra zetels"] == "+18"

    at.selectbox(key="staffel_preset").set_value("above_200k").run()
    assert not at.exception, at.exception
    assert _metrics(at)["Extra zetels"] == "+30"  # the preset replaces the edits
    affected = _table(at, "staffel_affected")
    assert affected["name"].tolist() == ["Amsterdam", "Rotterdam", "'s-Gravenhage", "Utrecht"]
    assert any("geen voorstel van het kabinet" in c.value for c in at.caption)


def test_invalid_staffel_shows_what_to_fix_in_dutch() -> None:
    at = _page()
    _edit(at, {1: {"min_inhabitants": 3501}})
    assert not at.exception, at.exception
    errors = " ".join(e.value for e in at.error)
    assert "Pas dit aan" in errors
    assert "gemeenten met 3.001 tot en met 3.500 inwoners vallen nergens onder" in errors
    assert not at.metric  # no totals from a staffel that cannot be computed


def test_absurd_seats_or_bounds_are_refused_not_totalled() -> None:
    # 10,000 seats per band once gave national totals of "339.000.000.005.866 zetels"; a bound
    # of 309 digits raised OverflowError. Both are refused with the range that is allowed.
    for edit in (
        {LAST_BAND: {"council_seats": 10_000}},
        {LAST_BAND - 1: {"max_inhabitants": "1" * 309}},
        {0: {"max_inhabitants": "-9"}},
    ):
        at = _page()
        _edit(at, edit)
        assert not at.exception, (edit, at.exception)
        errors = " ".join(e.value for e in at.error)
        assert "tot en met 99" in errors or "tot en met 100.000.000" in errors, (edit, errors)
        assert not at.metric, edit
    at = _page()
    _edit(at, {0: {"max_inhabitants": "3 000"}})  # a space groups thousands, as on import
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert _metrics(at)["Extra zetels"] == "0"


def test_even_seats_warn_but_totals_still_update() -> None:
    at = _page()
    _edit(at, {LAST_BAND: {"council_seats": 46}})
    assert not at.exception, at.exception
    assert any("oneven" in w.value for w in at.warning)
    assert _metrics(at)["Extra zetels"] == "+8"


def test_map_choice_and_affected_rows_into_the_basket() -> None:
    at = _page({"sel": "GM0014"})
    at.selectbox(key="staffel_preset").set_value("above_200k").run()
    at.radio(key="staffel_map_measure").set_value("inhabitants_per_seat_alt").run()
    assert not at.exception, at.exception
    assert any("Inwoners per zetel met de nieuwe staffel" in m.value for m in at.markdown)

    assert at.button(key="staffel_add_basket").disabled
    at.session_state["staffel_affected"] = {
        "selection": {"rows": [0, 3], "columns": [], "cells": []}
    }
    at.run()
    assert not at.button(key="staffel_add_basket").disabled
    at.button(key="staffel_add_basket").click().run()
    assert not at.exception, at.exception
    assert at.session_state["basket"] == ["GM0014", "GM0363", "GM0344"]
    assert at.query_params["sel"] == "GM0014,GM0363,GM0344"
    assert " ".join(m.value for m in at.sidebar.markdown).startswith("**3 gemeenten")


def test_downloads_do_not_rerun() -> None:
    at = _page()
    for key in ("staffel_export_csv", "staffel_export_bands"):
        button = at.download_button(key=key)
        assert button.proto.ignore_rerun


def test_preset_plus_n_seats_above_x_inhabitants() -> None:
    at = _page()
    at.selectbox(key="staffel_preset").set_value("plus_above").run()
    at.number_input(key="staffel_plus_n").set_value(4).run()
    at.text_input(key="staffel_plus_x").input("200000").run()
    assert not at.exception, at.exception
    # Typed without separators, shown with them.
    assert at.text_input(key="staffel_plus_x").value == "200.000"
    # Eight gemeenten above 200,000 inhabitants, 4 seats each.
    assert _metrics(at)["Extra zetels"] == "+32"
    assert any("+4 zetels boven 200.000 inwoners" in c.value for c in at.caption)


def test_band_by_the_2026_council_is_explained() -> None:
    at = _page()
    at.selectbox(key="staffel_preset").set_value("plus_above").run()
    at.text_input(key="staffel_plus_x").input("50.000").run()
    affected = _table(at, "staffel_affected")
    harderwijk = affected[affected["name"] == "Harderwijk"].iloc[0]
    assert harderwijk["inhabitants"] == 49_387
    assert "raad van 2026 heeft 31 zetels" in harderwijk["band_note"]
    assert any("Harderwijk" in c.value and "raad van 2026" in c.value for c in at.caption)


def test_the_threshold_reads_as_people_write_it_and_says_what_is_wrong() -> None:
    at = _page()
    at.selectbox(key="staffel_preset").set_value("plus_above").run()
    assert at.text_input(key="staffel_plus_x").value == "100.000"
    at.text_input(key="staffel_plus_x").input("50 000").run()
    assert at.text_input(key="staffel_plus_x").value == "50.000"
    assert any("boven 50.000 inwoners" in c.value for c in at.caption)
    at.text_input(key="staffel_plus_x").input("veel").run()
    assert not at.exception, at.exception
    assert any("'veel' is geen aantal inwoners" in e.value for e in at.error)
    assert at.text_input(key="staffel_plus_x").value == "50.000"  # the last good number stays


def test_the_seat_change_legend_and_the_national_figure_say_what_they_are() -> None:
    at = _page()
    at.selectbox(key="staffel_preset").set_value("plus_above").run()
    at.number_input(key="staffel_plus_n").set_value(4).run()
    at.text_input(key="staffel_plus_x").input("50.000").run()
    legend = " ".join(m.value for m in at.markdown if "Verandering in zetels" in m.value)
    assert "+4 zetels (96 gemeenten)" in legend and "geen verandering (246 gemeenten)" in legend
    assert " 2 (96)" not in legend
    notes = " ".join(c.value for c in at.caption) + " ".join(m.value for m in at.markdown)
    # Only the councils without a 2026 election rest on the national figure (Hilversum > 50.000).
    assert "op het landelijke cijfer: voor" in notes and "Hilversum" in notes
    assert "Met het landelijke cijfer geschat" not in notes

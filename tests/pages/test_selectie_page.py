"""AppTest flows of the selectie page: ranking, selection into the basket, rules, export state."""

from __future__ import annotations

import json
import shutil

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from core import bundle, indicator_meta, paths, ranking
from core.outputs import export_table

APP = str(paths.REPO_ROOT / "dashboard.py")
PAGE = "pages/selectie.py"
EXPORTS = ("export_xlsx", "export_csv")


def _page(url_query: dict | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    for key, value in (url_query or {}).items():
        at.query_params[key] = value
    at.run()
    at.switch_page(PAGE)
    at.run()
    assert not at.exception, at.exception
    return at


def _ranking(at: AppTest) -> pd.DataFrame:
    return next(d.value for d in at.dataframe if d.key == "ranking")


def _summary(at: AppTest) -> str:
    return " ".join(m.value for m in at.sidebar.markdown)


def _select(at: AppTest, rows: list[int]) -> AppTest:
    """Select table rows the way the browser does: a new widget value for the table, which
    runs its on_select callback (AppTest has no public API for a table selection)."""
    table = next(d for d in at.dataframe if d.key == "ranking")
    states = at._tree.get_widget_states()
    state = states.widgets.add()
    state.id = table.proto.id
    state.string_value = json.dumps({"selection": {"rows": rows, "columns": [], "cells": []}})
    return at._run(states)


def test_ranking_table_is_ranked_and_explained() -> None:
    at = _page()
    table = _ranking(at)
    assert len(table) == 342
    assert table["rank"].iloc[0] == 1
    assert table["score"].dropna().is_monotonic_decreasing
    assert {"candidates_per_seat_2026", "women_gap_2026", "explanation", "used"} <= set(
        table.columns
    )
    assert table["explanation"].iloc[0].count("; ") == 1  # two components, both named
    # Gorinchem: candidates per seat 2026, but no women figure (its 2026 result is missing).
    assert (table["used"] == "1 van 2 (onvolledig)").sum() == 1
    assert at.selectbox(key="weights_preset").value.startswith("Standaard")


def test_selected_rows_go_into_the_basket_and_url() -> None:
    at = _page()
    table = _ranking(at)
    assert _summary(at).startswith("**0 gemeenten")
    _select(at, [0, 2])
    assert not at.exception, at.exception
    expected = table["code"].iloc[[0, 2]].tolist()
    assert at.session_state["basket"] == expected
    assert _summary(at).startswith("**2 gemeenten")
    assert at.query_params["sel"] == ",".join(expected)
    assert _ranking(at)["in_basket"].sum() == 2
    # Deselecting keeps the basket: removing is done in the basket itself.
    _select(at, [2])
    assert at.session_state["basket"] == expected


def test_new_filter_does_not_reuse_old_row_positions() -> None:
    at = _page()
    _select(at, [0])
    first = list(at.session_state["basket"])
    at.selectbox(key="ranking_province").set_value("Zeeland").run()
    table = _ranking(at)
    assert set(table["province_name"]) == {"Zeeland"} and len(table) == 13
    assert at.session_state["ranking"]["selection"]["rows"] == []
    _select(at, [1])
    assert at.session_state["basket"] == [*first, table["code"].iloc[1]]


def test_quick_rules_add_to_the_basket() -> None:
    at = _page()
    at.number_input(key="rule_top_n").set_value(5).run()
    at.button(key="rule_top_add").click().run()
    assert not at.exception, at.exception
    top = _ranking(at)["code"].head(5).tolist()
    assert at.session_state["basket"] == top
    assert _summary(at).startswith("**5 gemeenten")
    assert [t.value for t in at.toast] == ["5 gemeenten toegevoegd. Nu 5 in de selectie."]
    at.selectbox(key="rule_province").set_value("Zeeland").run()
    at.button(key="rule_province_add").click().run()
    assert len(at.session_state["basket"]) == 5 + 13 - len(
        [c for c in top if c in set(_ranking(at).query("province_name == 'Zeeland'")["code"])]
    )
    at.number_input(key="rule_score_min").set_value(90).run()
    at.button(key="rule_score_add").click().run()
    table = _ranking(at)
    high = set(table.loc[table["score"] >= 90, "code"])
    assert len(high) >= 4 and high <= set(at.session_state["basket"])
    at.number_input(key="rule_score_min").set_value(99).run()
    assert at.button(key="rule_score_add").disabled  # nobody scores that high


def _table_element(at: AppTest, key: str) -> object:
    if key == "basket_table":  # a display table: AppTest gives it no key; it lists the basket
        basket = list(at.session_state["basket"])
        return next(d for d in at.dataframe if list(d.value.get("code", [])) == basket)
    return next(d for d in at.dataframe if d.key == key)


def _labels(at: AppTest, key: str) -> dict[str, str]:
    """The column headers a table shows, by column name (from its column configuration)."""
    table = _table_element(at, key)
    config = json.loads(table.proto.columns)
    return {name: column.get("label") for name, column in config.items()}


def test_ranking_and_basket_show_both_ranks_like_the_export() -> None:
    """Two ranks, as in the export: within the filters and in the whole country (issue 22)."""
    at = _page({"sel": "GM0277,GM0096"})  # Rozendaal (Gelderland), Vlieland (Fryslân)
    for key in ("ranking", "basket_table"):
        labels = _labels(at, key)
        assert labels.get("rank_filtered") == export_table.RANK_FILTERED, labels
        assert labels.get("rank") == export_table.RANK_NATIONAL, labels
    table = _ranking(at)
    # No filter: both ranks are the same.
    assert table["rank_filtered"].astype("Float64").equals(table["rank"].astype("Float64"))
    national = table.set_index("code")["rank"]
    at.selectbox(key="ranking_province").set_value("Gelderland").run()
    assert not at.exception, at.exception
    table = _ranking(at).set_index("code")
    assert set(table["province_name"]) == {"Gelderland"}
    # Within the filters: what the export computes for the same weights and filter.
    settings = export_table.Settings(province="Gelderland")
    tables = {n: bundle.load_table(n) for n in bundle.TABLES}
    result = ranking.rank_targets(tables, settings.weights, willing_share=settings.willing_share)
    expected = export_table.filtered_rank(result, settings)
    assert list(table["rank_filtered"]) == list(expected.loc[table.index])
    assert sorted(table["rank_filtered"].dropna())[:3] == [1, 2, 3]
    assert (table["rank_filtered"] <= table["rank"]).all()
    assert (table["rank_filtered"] < table["rank"]).sum() > 40  # most of Gelderland's 51 rise
    # In Nederland: the rank the gemeente has without filters.
    assert table["rank"].equals(national.loc[table.index])
    basket = _table_element(at, "basket_table").value.set_index("code")
    assert basket.at["GM0277", "rank_filtered"] == table.at["GM0277", "rank_filtered"]
    assert basket.at["GM0277", "rank"] == table.at["GM0277", "rank"]
    assert pd.isna(basket.at["GM0096", "rank_filtered"])  # outside the filter
    assert basket.at["GM0096", "rank"] >= 1


def test_score_threshold_reads_as_a_whole_number() -> None:
    """'Score vanaf' shows 75, not 75.00: a whole score with no decimal point (which the
    browser would show as an English number)."""
    at = _page()
    field = at.number_input(key="rule_score_min")
    assert field.value == 75 and isinstance(field.value, int)
    # The browser shows the value through the field's printf format.
    assert field.proto.format % field.value == "75"
    assert any("een score van 75 of meer" in c.value for c in at.caption)


def test_remove_one_and_clear() -> None:
    at = _page({"sel": "GM0363,GM0599,GM0096"})
    at.selectbox(key="basket_remove_code").set_value("GM0599").run()
    at.button(key="basket_remove").click().run()
    assert not at.exception, at.exception
    assert at.session_state["basket"] == ["GM0363", "GM0096"]
    assert _summary(at).startswith("**2 gemeenten")
    at.button(key="basket_clear").click().run()
    assert at.session_state["basket"] == []
    assert "sel" not in at.query_params


def test_empty_basket_disables_export_with_a_hint() -> None:
    at = _page()
    for key in EXPORTS:
        assert at.download_button(key=key).disabled
    assert any("minstens één gemeente" in i.value for i in at.info)
    at = _page({"sel": "GM0363"})
    for key in EXPORTS:
        button = at.download_button(key=key)
        assert not button.disabled
        assert button.proto.ignore_rerun  # a download does not rerun the page


def test_zero_weights_give_a_message_not_an_error() -> None:
    at = _page({"sel": "GM0363"})
    at.slider(key="weight_candidates_per_seat_2026").set_value(0.0).run()
    at.slider(key="weight_women_gap_2026").set_value(0.0).run()
    assert not at.exception, at.exception
    assert any("Alle gewichten staan op 0" in w.value for w in at.warning)
    assert not any(d.key == "ranking" for d in at.dataframe)
    for key in EXPORTS:
        assert at.download_button(key=key).disabled


def test_preset_and_complete_filter() -> None:
    at = _page()
    at.selectbox(key="weights_preset").set_value(list(ranking.PRESETS)[-1]).run()
    assert not at.exception, at.exception
    assert at.multiselect(key="components").value == [
        "candidates_per_seat_2026",
        "women_gap_2026",
        "inhabitants_per_seat_2026",
        "potential_pool_per_seat_2026",
    ]
    assert at.slider(key="weight_candidates_per_seat_2026").value == 2.0
    at.toggle(key="ranking_complete").set_value(True).run()
    table = _ranking(at)
    assert (table["used"] == "4 van 4").all()
    at.slider(key="willing_share").set_value(30).run()
    before = table.set_index("code")["potential_pool_per_seat_2026"]
    after = _ranking(at).set_index("code")["potential_pool_per_seat_2026"]
    # Shown rounded to whole persons: twice the willingness is twice the pool, give or take 1.
    code = before.idxmax()  # a large pool, so that rounding to whole persons does not matter
    assert before.loc[code] > 50
    assert after.loc[code] == pytest.approx(2 * before.loc[code], abs=1)
    assert at.caption  # the caption states the 30% and how adults are estimated
    assert any("30%" in c.value and "7 van de 10" in c.value for c in at.caption)


def test_weights_survive_a_visit_to_another_page() -> None:
    at = _page()
    at.slider(key="weight_women_gap_2026").set_value(3.0).run()
    at.switch_page("pages/kaart.py").run()
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception
    assert at.slider(key="weight_women_gap_2026").value == 3.0


def test_html_in_a_name_is_shown_as_text(tmp_path, monkeypatch) -> None:
    folder = tmp_path / "data"
    shutil.copytree(paths.BUNDLE_DIR, folder)
    gemeenten = bundle.load_table("gemeenten", folder)
    evil = "<img src=x onerror=alert(1)>Amsterdam"
    gemeenten.loc[gemeenten["code"] == "GM0363", "name"] = evil
    gemeenten.to_parquet(folder / "gemeenten.parquet")
    monkeypatch.setenv("RAADSRADAR_BUNDLE", str(folder))
    at = _page({"sel": "GM0363"})
    for element in [*at.markdown, *at.caption, *at.sidebar.markdown]:
        if "onerror" in element.value:
            assert not element.proto.allow_html, element.value
    chart = next(c for c in at.get("plotly_chart") if "basket_map" in c.proto.id)
    assert "&lt;img src=x onerror=alert(1)&gt;Amsterdam" in chart.proto.spec
    assert "<img src=x" not in chart.proto.spec


def _enquete(values: dict[str, float]) -> AppTest:
    """The page with an imported survey column (lower is worse) holding `values`."""

    item = indicator_meta.Indicator(
        "import_enquete",
        "Enquête: bereid om mee te doen",
        "%",
        "eigen",
        "enquete.csv (geüpload 18 maart 2026)",
        2026,
        False,
        "imported",
        "Eigen enquête.",
    )
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params["sel"] = "GM0363,GM0599"
    at.session_state["imported_indicators"] = {
        "import_enquete": {
            "indicator": item.as_dict(),
            "values": values,
            "file": "f1",
            "column": "enquete",
        }
    }
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception
    return at


def test_imported_indicator_can_be_a_component_and_is_marked() -> None:
    others = [c for c in bundle.load_table("gemeenten")["code"] if c not in ("GM0363", "GM0599")]
    values = {
        "GM0363": 40.0,
        "GM0599": 10.0,
        **{c: 15.0 + i % 20 for i, c in enumerate(others[:38])},
    }
    at = _enquete(values)
    options = at.multiselect(key="components").options
    assert "Eigen gegevens · Enquête: bereid om mee te doen" in options
    at.multiselect(key="components").set_value(["import_enquete"]).run()
    assert not at.exception, at.exception
    assert any("eigen gegevens" in i.value for i in at.info)
    table = _ranking(at).set_index("code")
    # Lower is worse for this column: Rotterdam (10%) needs most attention, Amsterdam least.
    assert table.at["GM0599", "rank"] == 1
    assert table.at["GM0363", "rank"] == 40
    assert table["score"].notna().sum() == 40
    assert not any("telt niet mee" in w.value for w in at.warning)


def test_an_imported_component_with_few_values_is_left_out_with_the_reason() -> None:
    # Three values would get percentiles 0, 50 and 100 and decide the ranking on their own.
    at = _enquete({"GM0363": 40.0, "GM0599": 10.0, "GM0096": 25.0})
    at.multiselect(key="components").set_value(["import_enquete"]).run()
    assert not at.exception, at.exception
    warnings = " ".join(w.value for w in at.warning).replace("\\", "")
    assert "(3 gemeenten met een waarde)" in warnings and "vanaf 30 gemeenten" in warnings
    assert not any(d.key == "ranking" for d in at.dataframe)
    at.multiselect(key="components").set_value(["candidates_per_seat_2022", "import_enquete"]).run()
    assert not at.exception, at.exception
    assert "telt niet mee" in " ".join(w.value for w in at.warning)
    table = _ranking(at)
    assert "import_enquete" not in table.columns
    assert table["score"].notna().sum() > 300


def test_a_basket_of_all_342_works() -> None:
    codes = bundle.load_table("gemeenten")["code"].tolist()
    at = _page({"sel": ",".join(codes)})
    assert _summary(at).startswith("**342 gemeenten")
    basket = next(d.value for d in at.dataframe if d.key != "ranking")
    assert len(basket) == 342
    for key in EXPORTS:
        assert not at.download_button(key=key).disabled


def test_components_in_use_are_named_next_to_the_ranking() -> None:
    at = _page()
    at.selectbox(key="weights_preset").set_value("Alleen kandidaten per raadszetel").run()
    assert not at.exception, at.exception
    assert at.multiselect(key="components").value == ["candidates_per_seat_2026"]
    texts = [m.value.replace("\\", "") for m in at.markdown]
    assert any("Gerangschikt op: Kandidaten per raadszetel" in t for t in texts), texts
    table = _ranking(at).dropna(subset=["candidates_per_seat_2026"])
    values = table["candidates_per_seat_2026"].tolist()
    assert values == sorted(values)

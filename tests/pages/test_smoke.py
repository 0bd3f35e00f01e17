"""AppTest smoke tests: the frame and every page run without exceptions; one flow test."""

from __future__ import annotations

import logging
import re

import pytest
from streamlit.testing.v1 import AppTest

from components import later
from core import indicator_meta, paths

APP = str(paths.REPO_ROOT / "dashboard.py")
PAGES = [
    "pages/overzicht.py",
    "pages/kaart.py",
    "pages/selectie.py",
    "pages/groepen.py",
    "pages/staffel.py",
    "pages/data.py",
    "pages/presenteren.py",
]


def _run(url_query: dict | None = None, page: str | None = None, ready: bool = True) -> AppTest:
    """The app after its first run; `ready`: as if the browser had painted the interactive map
    (it presses the map_ready_button then), so the sections under the map are drawn."""
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in (url_query or {}).items():
        at.query_params[key] = value
    if ready:
        at.session_state[later.READY] = True
    at.run()
    if page:
        at.switch_page(page)
        at.run()
    return at


def _open_table(at: AppTest) -> AppTest:
    """Open the map's value table (a lazy expander: its content is only drawn when open)."""
    at.session_state["kaart_table_open"] = True
    return at.run()


def _summary(at: AppTest) -> str:
    return " ".join(m.value for m in at.sidebar.markdown)


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_without_exception(page: str) -> None:
    at = _run(page=page)
    assert not at.exception, at.exception
    assert _summary(at).startswith("**0 gemeenten")


def test_overview_shows_published_figures() -> None:
    at = _run()
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Inwoners (2024)"] == "17.942.942"
    assert metrics["Raadszetels (2026), raden die in 2026 kozen"] == "8.554"
    # 2026 is today's picture (SOURCES.md 2c/2d), each figure with 2022 beside it.
    assert metrics["Kandidaten per raadszetel (2026)"] == "7,2"
    assert metrics["Lijsten korter dan de raad (2026)"] == "69,2%"
    assert metrics["Vrouwen onder de kandidaten (2026)"] == "30,9%"
    assert metrics["Vrouwen in de raad (2026)"] == "36,5%"  # incl. estimated genders
    assert not any("(2022)" in label for label in metrics)
    captions = " ".join(c.value for c in at.caption)
    assert "2.024 van 2.926 lijsten" in captions and "1.896 van 2.535" in captions
    assert "niet hetzelfde als 'bijna de helft van de lokale partijen" in captions
    top = at.dataframe[0].value
    assert len(top) == 10
    assert top["candidates_per_seat_2026"].is_monotonic_increasing
    assert top["name"].iloc[0] == "Coevorden"
    assert at.radio(key="overview_measure").value == "candidates_per_seat_2026"


def test_basket_restored_from_url_and_bad_codes_reported() -> None:
    at = _run({"sel": "GM0363,GM9999,gm0599"})
    assert not at.exception
    assert _summary(at).startswith("**2 gemeenten")
    assert at.session_state["basket"] == ["GM0363", "GM0599"]
    assert any("GM9999" in w.value for w in at.warning)
    assert at.query_params["sel"] == "GM0363,GM0599"


def _markdown(at: AppTest) -> str:
    """The page's markdown as the reader sees it (catalogue texts are escaped: core.safe)."""
    return re.sub(r"\\(.)", r"\1", " ".join(m.value for m in at.markdown))


def test_changing_the_map_measure_reruns_cleanly() -> None:
    at = _run()
    at.radio(key="overview_measure").set_value("short_lists_share_2026").run()
    assert not at.exception
    assert "Aandeel lijsten korter dan de raad (2026)" in _markdown(at)
    # 2022 and the change since 2022 stay selectable.
    at.radio(key="overview_measure").set_value("candidates_per_seat_change_2022_2026").run()
    assert not at.exception
    assert "Verandering kandidaten per raadszetel" in _markdown(at)
    at.radio(key="overview_measure").set_value("candidates_per_seat_2022").run()
    assert not at.exception
    assert "Kandidaten per raadszetel (2022)" in _markdown(at)


def test_missing_bundle_shows_dutch_error_page(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("RAADSRADAR_BUNDLE", str(tmp_path))
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception
    assert any("gegevensbundel" in e.value for e in at.error)
    assert any("core.prepare" in c.value for c in at.code)


def _with_broken_file(tmp_path, monkeypatch, name: str) -> AppTest:
    """The app, first run, on a copy of the bundle in which file `name` is not Parquet."""
    import shutil

    shutil.copytree(paths.BUNDLE_DIR, tmp_path / "data")
    (tmp_path / "data" / name).write_bytes(b"not parquet")
    monkeypatch.setenv("RAADSRADAR_BUNDLE", str(tmp_path / "data"))
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    return at


def test_corrupt_bundle_file_names_the_file(tmp_path, monkeypatch) -> None:
    at = _with_broken_file(tmp_path, monkeypatch, "indicators.parquet")
    assert not at.exception
    assert any("indicators.parquet" in e.value for e in at.error)


def test_a_broken_file_stops_only_the_pages_that_read_it(tmp_path, monkeypatch) -> None:
    """successors.parquet is read by the overview (all tables), not by the map or data page."""
    at = _with_broken_file(tmp_path, monkeypatch, "successors.parquet")
    assert not at.exception
    assert any("successors.parquet" in e.value and "Deze pagina" in e.value for e in at.error)
    assert any("core.prepare" in c.value for c in at.code)
    assert _summary(at).startswith("**0 gemeenten")  # the frame still works

    at.switch_page("pages/kaart.py").run()
    assert not at.exception
    assert not at.error
    assert len(at.get("plotly_chart")) >= 1

    at.switch_page("pages/data.py").run()
    assert not at.exception
    at.session_state["bundle_check"] = True
    at.run()
    status = [d.value for d in at.dataframe if "Bestand" in d.value.columns][0]
    states = dict(zip(status["Bestand"], status["Toestand"], strict=True))
    assert states["successors.parquet"] == "onleesbaar"
    assert states["gemeenten.parquet"] == "in orde"
    assert any("successors.parquet" in w.value for w in at.warning)


def test_data_page_names_sources_and_licence() -> None:
    at = _run(page="pages/data.py")
    assert not at.exception
    sources = [t.value for t in at.table if "Licentie" in t.value.columns][0]
    from core import bundle

    assert len(sources) == len(bundle.SOURCES)
    assert (sources["Uitgever"].str.startswith("CBS") <= (sources["Licentie"] == "CC BY 4.0")).all()
    assert any("CC BY 4.0" in m.value for m in at.markdown)


def test_kaart_restores_indicator_and_basket_from_url() -> None:
    at = _run({"sel": "GM0363", "indicator": "women_gap_2022"}, page="pages/kaart.py")
    assert not at.exception
    assert at.selectbox(key="indicator").value == "women_gap_2022"
    assert _summary(at).startswith("**1 gemeente")
    assert at.query_params["indicator"] == "women_gap_2022"


def test_kaart_indicator_change_updates_url_and_legend() -> None:
    at = _run(page="pages/kaart.py")
    assert at.selectbox(key="indicator").value == "candidates_per_seat_2026"
    at.selectbox(key="indicator").set_value("origin_outside_europe_share_2024").run()
    assert not at.exception
    assert at.query_params["indicator"] == "origin_outside_europe_share_2024"
    # Catalogue texts are escaped as markdown (core.safe): read them without the backslashes.
    legend = re.sub(r"\\(.)", r"\1", " ".join(m.value for m in at.markdown))
    assert "Inwoners met herkomst buiten Europa (2024)" in legend


def test_kaart_province_filter_and_profile() -> None:
    at = _run(page="pages/kaart.py")
    at.selectbox(key="filter_province").set_value("Zeeland").run()
    assert not at.exception
    _open_table(at)
    tables = [d.value for d in at.dataframe]
    assert any(len(t) == 13 and set(t["province_name"]) == {"Zeeland"} for t in tables)
    at.selectbox(key="profile_code").set_value("GM0096").run()
    assert not at.exception
    profile = [d.value for d in at.dataframe if "Indicator" in d.value.columns][0]
    row = profile.set_index("Indicator").loc["Kandidaten per raadszetel (2026)"]
    assert row["Waarde"] == "3,1 kandidaten per zetel"


def test_kaart_bivariate_and_manual_breaks() -> None:
    at = _run(page="pages/kaart.py")
    at.toggle(key="bivariate").set_value(True).run()
    assert not at.exception
    assert at.selectbox(key="indicator_y").value == "women_gap_2026"
    at.toggle(key="bivariate").set_value(False).run()
    at.selectbox(key="scheme").set_value("manual").run()
    at.text_input(key="manual_breaks").input("4; 6; x").run()
    assert not at.exception
    assert any("geen getal" in e.value for e in at.error)
    at.text_input(key="manual_breaks").input("4; 5,5; 7").run()
    assert not at.exception
    assert any("5,5" in m.value for m in at.markdown)


def _legend_swatches(at: AppTest) -> int:
    """Colour rows in the kaart legend (the markdown block that draws swatches)."""
    legends = [m.value for m in at.markdown if "aria-hidden" in m.value]
    assert len(legends) == 1, legends
    return legends[0].count("aria-hidden")


def test_kaart_map_follows_each_control_in_the_same_run(caplog: pytest.LogCaptureFixture) -> None:
    """The map is drawn before its controls, from session_state: it must never lag behind them.

    After every change the legend must already show the new choice, and the page must not
    have needed its corrective rerun (controls.redraw_if_changed logs none).
    """
    from components.kaart import controls

    caplog.set_level(logging.WARNING, logger=controls.LOG.name)
    at = _run(page="pages/kaart.py")
    assert _legend_swatches(at) == 5 + 1  # five classes and "geen gegevens"
    steps = [
        (lambda: at.selectbox(key="classes").set_value(7), 7 + 1),
        (lambda: at.selectbox(key="scheme").set_value("fisher_jenks"), 7 + 1),
        (lambda: at.selectbox(key="indicator").set_value("women_council_share_2022"), None),
        (lambda: at.selectbox(key="filter_province").set_value("Drenthe"), None),
        (lambda: at.toggle(key="bivariate").set_value(True), None),
        (lambda: at.selectbox(key="indicator_y").set_value("candidates_per_seat_2022"), None),
        (lambda: at.toggle(key="bivariate").set_value(False), 7 + 1),
        (lambda: at.selectbox(key="scheme").set_value("manual"), None),
        (lambda: at.text_input(key="manual_breaks").input("20; 30"), 3 + 1),
        (lambda: at.selectbox(key="scheme").set_value("quantiles"), 7 + 1),
        (lambda: at.selectbox(key="classes").set_value(3), 3 + 1),
    ]
    for number, (change, swatches) in enumerate(steps):
        change().run()
        assert not at.exception, (number, at.exception)
        assert not [r for r in caplog.records if r.name == controls.LOG.name], number
        if swatches is not None:
            assert _legend_swatches(at) == swatches, number
    _open_table(at)
    tables = [d.value for d in at.dataframe if "rank" in d.value.columns]
    assert set(tables[0]["province_name"]) == {"Drenthe"}


def test_kaart_keeps_classes_and_filter_across_a_visit_to_another_page() -> None:
    at = _run(page="pages/kaart.py")
    at.selectbox(key="classes").set_value(7).run()
    at.selectbox(key="filter_province").set_value("Zeeland").run()
    at.switch_page("pages/selectie.py").run()
    assert not at.exception
    at.switch_page("pages/kaart.py").run()
    assert not at.exception
    assert at.selectbox(key="classes").value == 7
    assert at.selectbox(key="filter_province").value == "Zeeland"
    assert _legend_swatches(at) == 7 + 1
    _open_table(at)
    tables = [d.value for d in at.dataframe if "rank" in d.value.columns]
    assert set(tables[0]["province_name"]) == {"Zeeland"}


def test_kaart_selectboxes_never_show_an_empty_choice() -> None:
    """A value pushed through session_state must reach the browser: a selectbox whose value was
    set to None that way shows "Choose an option" instead of "Heel Nederland" (a bug once)."""
    at = _run(page="pages/kaart.py")
    for visit in ("first", "after another page"):
        for key in ("indicator", "scheme", "classes", "filter_province", "filter_size"):
            proto = at.selectbox(key=key).proto
            assert not proto.set_value or proto.raw_value, (visit, key)
        at.switch_page("pages/groepen.py").run()
        at.switch_page("pages/kaart.py").run()
        assert not at.exception


def test_kaart_filter_with_no_values_warns() -> None:
    # An imported indicator with values in Noord- and Zuid-Holland only: Zeeland has none.
    no_values = "heeft geen enkele gemeente een waarde voor 'Tekort'"
    for province, warned in ((None, False), ("Zeeland", True)):
        at = AppTest.from_file(APP, default_timeout=60)
        if province:
            at.query_params["province"] = province
        at.session_state[later.READY] = True
        at.session_state["imported_indicators"] = {
            "import_enquete_tekort": _imported_entry("Tekort")
        }
        at.run()
        at.switch_page("pages/kaart.py").run()
        options = at.selectbox(key="indicator").options
        at.selectbox(key="indicator").select_index(options.index("Eigen gegevens · Tekort")).run()
        assert not at.exception, at.exception
        assert at.selectbox(key="filter_province").value == province
        shown = [w.value for w in at.warning]
        assert any(no_values in w for w in shown) is warned, (province, shown)


def test_kaart_empty_and_single_gemeente_filters() -> None:
    at = _run(page="pages/kaart.py")
    at.selectbox(key="filter_province").set_value("Zeeland").run()
    at.selectbox(key="filter_size").set_value("200.000 of meer").run()
    assert not at.exception
    assert any("Geen gemeenten" in w.value for w in at.warning)
    at.selectbox(key="filter_province").set_value("Utrecht").run()
    assert not at.exception
    _open_table(at)
    tables = [d.value for d in at.dataframe if "rank" in d.value.columns]
    assert tables and list(tables[0]["name"]) == ["Utrecht"]


def test_kaart_pick_by_name_adds_to_basket() -> None:
    at = _run(page="pages/kaart.py")
    at.multiselect(key="pick").select("GM0096").select("GM0088").run()
    at.button(key="pick_add").click().run()
    assert not at.exception
    assert at.session_state["basket"] == ["GM0096", "GM0088"]
    assert _summary(at).startswith("**2 gemeenten")
    assert at.query_params["sel"] == "GM0096,GM0088"
    assert at.multiselect(key="pick").value == []


def _imported_entry(label: str) -> dict:
    import dataclasses

    item = indicator_meta.Indicator(
        "import_enquete_tekort",
        label,
        "%",
        "eigen",
        "enquete.csv, geüpload op 27-11-2026",
        2026,
        True,
        "imported",
        "Eigen enquête: aandeel lokale partijen met moeite om de lijst te vullen.",
    )
    return {
        "indicator": dataclasses.asdict(item),
        "values": {"GM0363": 40.0, "GM0599": 80.0},
        "file": "enquete.csv",
        "column": "tekort",
    }


def test_kaart_maps_an_imported_indicator_with_escaped_label() -> None:
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["imported_indicators"] = {
        "import_enquete_tekort": _imported_entry("<b>Tekort</b> =SOM(A1)")
    }
    at.run()
    at.switch_page("pages/kaart.py")
    at.run()
    _open_table(at)
    options = at.selectbox(key="indicator").options
    assert "Eigen gegevens · <b>Tekort</b> =SOM(A1)" in options
    at.selectbox(key="indicator").select_index(
        options.index("Eigen gegevens · <b>Tekort</b> =SOM(A1)")
    ).run()
    assert not at.exception
    legend = " ".join(m.value for m in at.markdown)
    # The label is markdown-escaped: its tag is text ("\<b\>"), never markup.
    assert "<b>Tekort" not in legend and "\\<b\\>Tekort" in legend
    assert "<b>Tekort</b> =SOM(A1)" in re.sub(r"\\(.)", r"\1", legend)
    captions = re.sub(r"\\(.)", r"\1", " ".join(c.value for c in at.caption))
    assert "eigen import" in captions and "enquete.csv" in captions
    table = [d.value for d in at.dataframe if "import_enquete_tekort" in d.value.columns][0]
    assert table.set_index("code").loc["GM0599", "import_enquete_tekort"] == 80.0
    assert table["import_enquete_tekort"].notna().sum() == 2


def test_link_with_import_indicator_explains_it_is_session_only() -> None:
    at = _run({"indicator": "import_xyz"})
    assert not at.exception
    assert any("alleen te zien in de sessie" in w.value for w in at.warning)


def test_kaart_high_contrast_changes_the_palette() -> None:
    at = _run(page="pages/kaart.py")
    before = " ".join(m.value for m in at.markdown if "background:" in m.value)
    at.toggle(key="high_contrast").set_value(True).run()
    assert not at.exception
    after = " ".join(m.value for m in at.markdown if "background:" in m.value)
    assert before and after and before != after


def test_kaart_basemap_toggle_switches_the_map_style() -> None:
    at = _run(page="pages/kaart.py")
    at.toggle(key="basemap").set_value(True).run()
    assert not at.exception
    import json

    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert spec["layout"]["map"]["style"] == "carto-positron"


@pytest.mark.parametrize(
    ("page", "widgets"),
    [(None, lambda at: len(at.dataframe)), ("pages/kaart.py", lambda at: len(at.multiselect))],
)
def test_sections_under_the_map_wait_for_the_map_then_come(page: str | None, widgets) -> None:
    """Until the browser reports a painted map, the sections under it (overview: the top-10
    table; kaart: the name picker and profile) are a line and a button, because their widgets'
    code would compete with plotly.js; the button (pressed by the page's script) draws them."""
    at = _run(page=page, ready=False)
    assert not at.exception
    assert widgets(at) == 0
    assert any("verschijnen zodra de kaart klaar is" in c.value for c in at.caption)
    at.button(key=later.BUTTON).click().run()
    assert not at.exception
    assert widgets(at) >= 1
    assert not [b for b in at.button if b.key == later.BUTTON]
    # Later runs of this session draw them at once.
    at.run()
    assert widgets(at) >= 1


def test_data_page_names_the_2026_files_and_the_gender_method() -> None:
    """Issue 22 item 7: the 2026 files named as derived from Kiesraad files, with their checks;
    the gender estimate per step with its accuracy on the 2022 published genders."""
    at = _run(page="pages/data.py")
    assert not at.exception
    text = " ".join(m.value for m in at.markdown)
    assert "afgeleid uit bestanden van de Kiesraad" in text
    assert "kandidaatnummers 1 tot n zonder gaten" in text and "Groningen opnieuw" in text
    assert "Gorinchem" in text and "Hilversum en Wijdemeren" in text
    sources = [t.value for t in at.table if "Licentie" in t.value.columns][0]
    names = " ".join(sources["Bron"])
    assert "kandidatenlijsten gemeenteraadsverkiezingen 2026 (afgeleid per lijst)" in names
    assert "uitslag gemeenteraadsverkiezingen 2026 per partij (afgeleid" in names
    method = [t.value for t in at.table if "Nauwkeurigheid" in t.value.columns][0]
    first = method.iloc[0]
    assert first["Goed (toets 2022)"] == "5.477" and first["Nauwkeurigheid"] == "99,6%"
    assert method["Nauwkeurigheid"].iloc[-1] == "niet geschat"

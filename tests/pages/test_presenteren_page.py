"""AppTest: the presentation page steps through slides, picks, orders and retitles them."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from components.presenteren import stage
from core import indicator_meta, paths
from core.outputs import images

APP = str(paths.REPO_ROOT / "dashboard.py")
PAGE = "pages/presenteren.py"


def _page(query: dict | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    at.switch_page(PAGE)
    at.run()
    assert not at.exception, at.exception
    return at


def _stage(at: AppTest) -> str:
    return " ".join(h.value for h in at.html)


def _title(at: AppTest) -> str:
    return next(h.value for h in at.html if 'class="rr-title"' in h.value)


def _position(at: AppTest) -> str:
    return " ".join(m.value for m in at.markdown if m.value.startswith("Dia "))


def test_steps_forward_and_back_through_the_default_slides() -> None:
    at = _page()
    assert at.session_state[stage.ORDER] == [
        "national",
        "shortage_map",
        "change_map",
        "bivariate",
        "groups",
        "focus",
    ]
    assert "Het landelijke beeld" in _title(at)
    assert "69,2%" in _stage(at) and "74,8%" in _stage(at)  # 2026, with 2022 beside it
    assert _position(at) == "Dia 1 van 6"
    assert at.button(key="present_prev").disabled
    at.button(key="present_next").click().run()
    assert not at.exception
    assert "Waar zijn de minste kandidaten per zetel?" in _title(at)
    assert _position(at) == "Dia 2 van 6"
    assert "Bron: Kiesraad" in _stage(at) and "Gemaakt op" in _stage(at)
    at.button(key="present_next").click().run()
    assert "Meer of minder kandidaten per zetel dan in 2022?" in _title(at)
    for _ in range(3):
        at.button(key="present_next").click().run()
    assert _position(at) == "Dia 6 van 6"
    assert at.button(key="present_next").disabled  # the last slide: no further
    assert "Focusgemeenten" in _title(at)
    at.button(key="present_prev").click().run()
    assert "Vrouwen en andere groepen in de raad" in _title(at)


def test_basket_becomes_focus_list_and_profiles() -> None:
    at = _page({"sel": "GM0096,GM0088"})
    order = at.session_state[stage.ORDER]
    assert order[-2:] == ["profile:GM0096", "profile:GM0088"]
    at.session_state[stage.INDEX] = order.index("focus")
    at.run()
    shown = _stage(at)
    assert "Uw selectie: 2 gemeenten" in shown
    assert shown.index("Vlieland") < shown.index("Schiermonnikoog")


def test_picking_and_ordering_slides() -> None:
    at = _page()
    at.multiselect(key="present_slides").set_value(["focus", "national"]).run()
    assert not at.exception
    assert at.session_state[stage.ORDER] == ["focus", "national"]
    assert _position(at) == "Dia 1 van 2"
    assert "Focusgemeenten" in _title(at)
    at.button(key="present_move_down").click().run()
    assert at.session_state[stage.ORDER] == ["national", "focus"]
    assert "Focusgemeenten" in _title(at)  # the moved slide stays on screen
    assert _position(at) == "Dia 2 van 2"
    # A new profile is appended to the chosen slides.
    at.multiselect(key="present_profiles").set_value(["GM0363"]).run()
    assert at.session_state[stage.ORDER] == ["national", "focus", "profile:GM0363"]


def test_edited_title_is_shown_escaped_and_kept() -> None:
    at = _page()
    at.text_input(key="present_title_national").input("Onze <b>boodschap</b>").run()
    assert not at.exception
    assert '<h1 class="rr-title">Onze &lt;b&gt;boodschap&lt;/b&gt;</h1>' in _title(at)
    at.button(key="present_next").click().run()
    at.button(key="present_prev").click().run()
    assert "Onze &lt;b&gt;boodschap&lt;/b&gt;" in _title(at)
    assert at.session_state[stage.TITLES] == {"national": "Onze <b>boodschap</b>"}


def test_indicator_from_the_map_page_opens_the_talk_and_any_other_can_be_mapped() -> None:
    """Issue 27: a talk about women opened with the candidates-per-seat map."""
    at = _page({"indicator": "women_gap_2022"})
    assert at.session_state[stage.ORDER][:3] == [
        "national",
        "map:women_gap_2022",
        "shortage_map",
    ]
    at.button(key="present_next").click().run()
    assert "Kaart: Achterstand vrouwen in de raad (2022)" in _title(at)
    # Any indicator can get a map slide; a new one goes to its place in the default order.
    at.multiselect(key="present_maps").select("women_council_share_2022").run()
    assert not at.exception, at.exception
    assert at.session_state[stage.ORDER][:4] == [
        "national",
        "map:women_gap_2022",
        "map:women_council_share_2022",
        "shortage_map",
    ]
    # Without an indicator on Kaart there is no extra map; choosing one adds it.
    plain = _page()
    assert not [i for i in plain.session_state[stage.ORDER] if i.startswith("map:")]
    plain.multiselect(key="present_maps").select("origin_outside_europe_share_2024").run()
    assert plain.session_state[stage.ORDER][1] == "map:origin_outside_europe_share_2024"


def test_without_chromium_the_page_says_so_and_still_offers_the_pack(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(images, "browser_path", lambda: None)
    at = _page()
    assert any("Afbeeldingen maken lukt niet op deze computer" in w.value for w in at.warning)
    buttons = {b.key: b for b in at.get("download_button")}
    assert not buttons["export_html"].proto.disabled
    assert not buttons["export_pptx"].proto.disabled  # still useful: tables, notes, sources
    at.button(key="present_next").click().run()
    assert {b.key: b for b in at.get("download_button")}["present_png"].proto.disabled


def test_imported_indicator_is_labelled_on_its_slide(monkeypatch: pytest.MonkeyPatch) -> None:
    import pandas as pd

    from core import bundle

    item = indicator_meta.Indicator(
        "import_enquete",
        "Bereidheid (enquête)",
        "%",
        "eigen",
        "enquete.csv, geüpload 1 maart 2026",
        2026,
        False,
        "imported",
        "Eigen enquête.",
    )
    codes = bundle.load_table("gemeenten")["code"]
    values = pd.DataFrame({"code": codes, item.id: range(len(codes))})
    monkeypatch.setattr(stage, "_imported", lambda: ({item.id: item}, values))
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    at.session_state["map_indicator"] = item.id
    at.switch_page(PAGE)
    at.run()
    assert not at.exception, at.exception
    order = at.session_state[stage.ORDER]
    at.session_state[stage.INDEX] = order.index("map:import_enquete")
    at.run()
    assert "EIGEN IMPORT" in _stage(at)
    assert "enquete.csv" in _stage(at)


def test_uncertain_women_figures_can_be_included_in_worst_lists() -> None:
    at = _page({"indicator": "women_gap_2022"})
    box = at.checkbox(key="present_include_uncertain")
    assert box.value is False
    box.check().run()
    assert not at.exception, at.exception
    assert at.session_state[stage.UNCERTAIN] is True
    # The choice survives a visit elsewhere (plain session_state, not the widget key).
    at.switch_page("pages/kaart.py").run()
    at.switch_page(PAGE).run()
    assert at.checkbox(key="present_include_uncertain").value is True

"""Presenteren: a profile for every basket gemeente, and maps zoomed by the user's choice."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from components.presenteren import stage, zoom
from core import paths

APP = str(paths.REPO_ROOT / "dashboard.py")
BASKET = ["GM0363", "GM0599", "GM0518", "GM0344", "GM0772"]


def _page() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params["sel"] = ",".join(BASKET)
    at.run()
    at.switch_page("pages/presenteren.py")
    at.run()
    assert not at.exception, at.exception
    return at


def test_every_basket_gemeente_gets_a_profile_slide() -> None:
    at = _page()
    profiles = [i for i in at.session_state[stage.ORDER] if i.startswith("profile:")]
    assert profiles == [f"profile:{c}" for c in BASKET]
    at.multiselect(key="present_profiles").set_value(["GM0363"]).run()
    at.button(key="present_profiles_all").click().run()
    assert at.multiselect(key="present_profiles").value == BASKET


def test_map_zoom_choice_is_kept() -> None:
    at = _page()
    picker = at.selectbox(key="present_zoom")
    assert picker.value == ""
    assert "Provincie Limburg" in picker.options and "Ingezoomd op de selectie" in picker.options
    picker.set_value("Limburg").run()
    assert not at.exception, at.exception
    assert at.session_state[zoom.ZOOM] == "Limburg"

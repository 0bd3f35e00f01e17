"""The overview (home) page in a real browser: frame, heading and the painted overview map."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.e2e import conftest

BASKET = ".st-key-basket_summary"
EXCEPTION = '[data-testid="stException"]'
OVERVIEW_MAP = ".st-key-overview_map .js-plotly-plot"
MIN_GEMEENTEN = 300  # the 2026 map has 342 gemeenten
MIN_DRAWN_POLYGONS = 100


def _assert_clean(page: Page) -> None:
    """No exception box, no st.error, no uncaught JavaScript error, no unexplained console error."""
    conftest.wait_until_idle(page)
    conftest.assert_no_error_elements(page)
    assert page.page_errors == [], f"uncaught page errors: {page.page_errors}"
    unexpected = conftest.unexpected_console_errors(page)
    assert unexpected == [], f"console errors: {unexpected}"


def test_overview_shows_frame_with_empty_basket_and_title(app_server: str, page: Page) -> None:
    page.goto(app_server + "/")

    basket = page.locator(BASKET)
    # Stop at once on an exception instead of waiting the full timeout for the basket.
    expect(basket.or_(page.locator(EXCEPTION)).first).to_be_visible()
    conftest.assert_no_error_elements(page)
    expect(basket).to_be_visible()
    # A first visit without ?sel starts with an empty basket.
    expect(basket).to_have_text(re.compile(r"^\s*0(?![\d.,])"), use_inner_text=True)

    conftest.wait_until_idle(page)
    if "raadsradar" not in page.title().lower():
        heading = page.get_by_role("heading", name=re.compile("Raadsradar", re.IGNORECASE))
        expect(heading.first).to_be_visible()
    _assert_clean(page)


def test_overview_map_paints_every_gemeente_offline(app_server: str, page: Page) -> None:
    page.goto(app_server + "/")

    overview_map = page.locator(OVERVIEW_MAP)
    expect(overview_map.or_(page.locator(EXCEPTION)).first).to_be_visible()
    conftest.assert_no_error_elements(page)
    expect(overview_map).to_be_visible()
    state = conftest.wait_for_map_paint(page, OVERVIEW_MAP, MIN_DRAWN_POLYGONS)

    assert state["type"] == "choroplethmap", state
    assert state["locations"] >= MIN_GEMEENTEN, state
    assert state["distinct"] == state["locations"], f"duplicate locations: {state}"
    assert state["nonGm"] == [], f"locations that are not GM codes: {state}"
    assert state["error"] is None, state
    # The page ran with every request to another host aborted, so the map needed no tiles.
    _assert_clean(page)


def test_overview_requests_nothing_from_other_hosts(app_server: str, page: Page) -> None:
    """Meeting rooms have bad Wi-Fi and CI has none: the app must not reach out (house rule)."""
    page.goto(app_server + "/")

    expect(page.locator(OVERVIEW_MAP).or_(page.locator(EXCEPTION)).first).to_be_visible()
    conftest.wait_for_map_paint(page, OVERVIEW_MAP, MIN_DRAWN_POLYGONS)
    conftest.wait_until_idle(page)
    assert page.blocked_requests == [], (
        f"the overview requested other hosts (aborted by the test): {page.blocked_requests}"
    )


def test_overview_opens_on_2026_with_2022_beside_it(app_server: str, page: Page) -> None:
    """Issue 22: the overview's map, key figures and top ten are the 2026 election."""
    page.goto(app_server + "/")
    expect(page.locator(OVERVIEW_MAP).or_(page.locator(EXCEPTION)).first).to_be_visible()
    conftest.wait_for_map_paint(page, OVERVIEW_MAP, MIN_DRAWN_POLYGONS)
    conftest.wait_until_idle(page)
    expect(
        page.locator(".st-key-overview_measure").get_by_role(
            "radio", name="Kandidaten per raadszetel (2026)"
        )
    ).to_be_checked()
    expect(
        page.locator("strong", has_text="Kandidaten per raadszetel (2026)").first
    ).to_be_visible()
    # The map's values are 2026: Coevorden has the fewest candidates per seat (2.76).
    hover = page.evaluate(
        "(s) => { const gd = document.querySelector(s); const t = gd.data.find(d => d.name === '');"
        " const i = Array.from(t.locations).indexOf('GM0109'); return Array.from(t.customdata[i]).join(' '); }",
        OVERVIEW_MAP,
    )
    assert "2,8" in hover and "Rang 1 " in hover, hover
    metric = page.get_by_test_id("stMetric").filter(has_text="Kandidaten per raadszetel (2026)")
    expect(metric).to_contain_text("7,2")
    expect(metric).to_contain_text("t.o.v. 2022")
    expect(
        page.get_by_role(
            "heading", name="De tien gemeenten met de minste kandidaten per zetel (2026)"
        )
    ).to_be_visible()
    _assert_clean(page)

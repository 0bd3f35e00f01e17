"""A phone at 390 × 844: the whole country (or the filtered area) fits the screen's width, in
the map's picture and in the interactive map, and the basket's count is on the first screen.

Issue 27: at 390 px the map ran from 3.8° to 6.8° east: eastern Groningen, Drenthe and Twente
fell off the right edge, and the basket count was only in the collapsed sidebar.
"""

from __future__ import annotations

import io
from collections.abc import Iterator

import numpy as np
import pytest
from PIL import Image
from playwright.sync_api import Browser, BrowserContext, Page, expect

from core import bundle
from tests.e2e import conftest

# The Netherlands' gemeenten, west to east and south to north (lon/lat).
GEO = bundle.load_table("gemeenten_geo")
NL = tuple(float(v) for v in GEO.total_bounds)
GRONINGEN = tuple(
    float(v)
    for v in GEO[
        GEO["code"].isin(
            bundle.load_table("gemeenten").query("province_name == 'Groningen'")["code"]
        )
    ].total_bounds
)
VIEW_JS = """(selector) => {
  const gd = document.querySelector(selector);
  const map = gd._fullLayout.map._subplot.map;
  const b = map.getBounds();
  return {zoom: map.getZoom(), west: b.getWest(), east: b.getEast(), south: b.getSouth(),
          north: b.getNorth(), width: gd.getBoundingClientRect().width};
}"""


@pytest.fixture
def phone(browser: Browser) -> Iterator[BrowserContext]:
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, locale="nl-NL"
    )
    context.set_default_timeout(conftest.UI_TIMEOUT_MS)
    context.route(
        "**/*",
        lambda route: (
            route.continue_()
            if "127.0.0.1" in route.request.url or route.request.url.startswith(("data:", "blob:"))
            else route.abort()
        ),
    )
    yield context
    context.close()


def _interactive_view(page: Page, chart: str) -> dict:
    selector = f".st-key-{chart} .js-plotly-plot"
    conftest.wait_for_map_paint(page, selector, min_features=20)
    conftest.wait_until_idle(page)
    page.wait_for_timeout(500)  # the page's fit runs on its next tick (every 50 ms)
    return page.evaluate(VIEW_JS, selector)


def _contains(view: dict, box: tuple[float, float, float, float]) -> bool:
    west, south, east, north = box
    return (
        view["west"] <= west
        and view["east"] >= east
        and view["south"] <= south
        and view["north"] >= north
    )


@pytest.mark.parametrize(("path", "chart"), [("kaart", "map"), ("", "overview_map")])
def test_the_whole_country_fits_the_phone(
    app_server: str, phone: BrowserContext, path: str, chart: str
) -> None:
    page = phone.new_page()
    page.goto(f"{app_server}/{path}")
    view = _interactive_view(page, chart)
    assert view["width"] <= 390
    assert _contains(view, NL), (view, NL)
    # Zoomed out only as far as needed: the country is more than 85% of the map's width.
    assert (NL[2] - NL[0]) / (view["east"] - view["west"]) > 0.85, view
    # The page's fit is no zoom of the person's: the link does not get one.
    assert "zoom=" not in page.url
    # And it stays when the map changes (a new indicator keeps the fitted view).
    if chart == "map":
        selector = f".st-key-{chart} .js-plotly-plot"
        before = page.evaluate("(s) => document.querySelector(s).layout.meta", selector)
        # The list shows only its first options: type to find one, as a user would.
        page.locator(".st-key-indicator").get_by_role("combobox").click()
        page.keyboard.type("Vrouwen in de raad (2026)")
        page.get_by_role(
            "option", name="Vertegenwoordiging · Vrouwen in de raad (2026)", exact=True
        ).click()
        page.wait_for_function(
            "([s, before]) => { const gd = document.querySelector(s);"
            " return gd && gd.layout.meta !== before && gd.__rrFit"
            " && gd.__rrFit.startsWith(gd.layout.meta); }",
            arg=[selector, before],
        )
        again = page.evaluate(VIEW_JS, selector)
        assert again["zoom"] == pytest.approx(view["zoom"], abs=0.01)


def test_the_picture_before_the_map_shows_the_whole_country(
    app_server: str, phone: BrowserContext
) -> None:
    """While plotly.js is still on its way (held back here), the picture is fitted too."""
    held = []
    phone.route("**/PlotlyChart*.js", lambda route: held.append(route))
    page = phone.new_page()
    page.goto(f"{app_server}/kaart")
    picture = page.locator(".st-key-map_view img.rr-early-map")
    expect(picture).to_be_visible()
    page.wait_for_function(
        "() => { const p = document.querySelector('.rr-early-map');"
        " return p && p.complete && p.style.transform.startsWith('scale'); }"
    )
    box = page.locator(".st-key-map_view").bounding_box()
    shot = page.screenshot(clip=box)
    pixels = np.asarray(Image.open(io.BytesIO(shot)).convert("RGB")).astype(int)
    # Coloured (not white, not grey): the gemeenten with a class colour.
    colour = (pixels.max(axis=2) - pixels.min(axis=2)) > 40
    columns = np.where(colour.any(axis=0))[0]
    assert columns.min() > 3 and columns.max() < box["width"] - 3, (columns.min(), columns.max())
    assert (columns.max() - columns.min()) > 0.75 * box["width"]
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
    assert held, "plotly.js was not held back: the test saw the interactive map"
    for route in held:
        route.continue_()


def test_a_filtered_province_fits_and_a_zoom_of_ones_own_is_kept(
    app_server: str, phone: BrowserContext
) -> None:
    page = phone.new_page()
    page.goto(f"{app_server}/kaart?province=Groningen")
    view = _interactive_view(page, "map")
    assert _contains(view, GRONINGEN), (view, GRONINGEN)
    assert view["east"] - view["west"] < 2.5  # Groningen, not the country
    own = phone.new_page()
    own.goto(f"{app_server}/kaart?zoom=52.2000,5.3000,7.50")
    assert _interactive_view(own, "map")["zoom"] == pytest.approx(7.5, abs=0.01)


def test_the_basket_count_is_on_the_first_screen(app_server: str, phone: BrowserContext) -> None:
    page = phone.new_page()
    page.goto(f"{app_server}/kaart?sel=GM0014,GM0034,GM0037")
    badge = page.locator(".rr-basket-badge")
    expect(badge).to_be_visible()
    expect(badge).to_have_text("Selectie: 3 gemeenten")
    box = badge.bounding_box()
    assert box["y"] + box["height"] < 844 / 4 and box["x"] + box["width"] <= 390
    # Nothing covers it (the header bar is under it).
    on_top = page.evaluate(
        "([x, y]) => document.elementFromPoint(x, y).closest('.rr-basket-badge') !== null",
        [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2],
    )
    assert on_top
    # The sidebar's own summary says the same once opened; the badge then steps aside.
    page.get_by_test_id("stExpandSidebarButton").click()
    expect(page.locator(".st-key-basket_summary")).to_contain_text("3 gemeenten in de selectie")
    expect(badge).to_be_hidden()


def test_on_a_wide_screen_nothing_changes(app_server: str, page: Page) -> None:
    page.goto(f"{app_server}/kaart?sel=GM0014")
    view = _interactive_view(page, "map")
    assert view["zoom"] == pytest.approx(6.4, abs=0.01)  # the view as made for this width
    expect(page.locator(".rr-basket-badge")).to_be_hidden()  # the sidebar shows the basket

"""A shared link keeps the map's zoom: the browser writes it into the URL, a fresh browser restores it."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e import conftest

MAP = ".st-key-map .js-plotly-plot"
ZOOM_JS = "(s) => { const m = document.querySelector(s)._fullLayout.map; return [m.center.lat, m.center.lon, m.zoom]; }"


def test_zoom_and_filter_travel_in_the_link(app_server: str, page: Page, browser: Browser) -> None:
    page.goto(f"{app_server}/kaart?province=Utrecht")
    conftest.wait_for_map_paint(page, MAP, 20)
    conftest.wait_until_idle(page)
    box = page.locator(MAP).bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.wheel(0, -600)
    expect(page).to_have_url(re.compile(r"[?&]zoom=\d"))
    query = parse_qs(urlsplit(page.url).query)
    assert query["province"] == ["Utrecht"]
    lat, lon, zoom = (float(v) for v in query["zoom"][0].split(","))

    context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="nl-NL")
    try:
        fresh = context.new_page()
        fresh.goto(page.url)
        conftest.wait_for_map_paint(fresh, MAP, 5)
        expect(fresh.locator(".st-key-filter_province input")).to_have_value("Utrecht")
        shown = fresh.evaluate(ZOOM_JS, MAP)
        assert shown[2] == pytest.approx(zoom, abs=0.01)
        assert abs(shown[0] - lat) < 1e-3 and abs(shown[1] - lon) < 1e-3
    finally:
        context.close()

"""The map is on screen before plotly.js has loaded: a static picture (an <img> of an SVG with one
path per gemeente) in the map's place, replaced
by the interactive map without layout shift; the selection still works; phones see the map."""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import Browser, Page, Route, expect

from tests.e2e import conftest

PLOTLY_CHUNK = re.compile(r"/PlotlyChart\.[^/]*\.js$")
BASKET = ".st-key-basket_summary"
PAGES = [("kaart", "map"), ("", "overview_map")]

# Keeps Chrome's 'layout-shift' entries of the whole load (as the CLS metric counts them: not
# right after user input); SHIFT_SINCE_JS sums those from a given page time on.
CLS_JS = """() => {
  window.__shifts = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (!entry.hadRecentInput) window.__shifts.push([entry.startTime, entry.value]);
    }
  }).observe({type: 'layout-shift', buffered: true});
}"""
SHIFT_SINCE_JS = "(t0) => window.__shifts.filter(([t]) => t >= t0).reduce((a, [, v]) => a + v, 0)"

# The picture is an <img> whose source is the SVG (a data URI): its SVG document, parsed.
SVG_OF = """(img) => new DOMParser().parseFromString(
  decodeURIComponent(img.getAttribute('src').slice('data:image/svg+xml,'.length)),
  'image/svg+xml')"""

# Where the SVG path of `code` and the plotly map's projection of the same polygon lie on screen:
# the picture's SVG is laid inline over the image's box for a moment to measure the path.
BOXES_JS = """([view, chart, code]) => {
  const img = document.querySelector(`.st-key-${view} img.rr-early-map`);
  const box = img.getBoundingClientRect();
  const svg = document.importNode((SVG_OF_PLACEHOLDER)(img).documentElement, true);
  Object.assign(svg.style, {position: 'fixed', left: `${box.left}px`, top: `${box.top}px`,
    width: `${box.width}px`, height: `${box.height}px`, visibility: 'hidden'});
  document.body.appendChild(svg);
  const path = svg.querySelector(`path[data-code="${code}"]`);
  const gd = document.querySelector(`.st-key-${chart} .js-plotly-plot`);
  const map = gd._fullLayout.map._subplot.map;
  const canvas = map.getCanvas().getBoundingClientRect();
  const feature = gd.data.flatMap((t) => (t.geojson && t.geojson.features) || [])
    .find((f) => f.id === code);
  const xs = [], ys = [];
  const walk = (c) => {
    if (typeof c[0] === 'number') {
      const p = map.project(c); xs.push(p.x + canvas.left); ys.push(p.y + canvas.top);
    } else c.forEach(walk);
  };
  walk(feature.geometry.coordinates);
  const b = path.getBoundingClientRect();  // measurable while hidden (visibility keeps the box)
  svg.remove();
  return {
    svg: [(b.left + b.right) / 2, (b.top + b.bottom) / 2],
    map: [(Math.min(...xs) + Math.max(...xs)) / 2, (Math.min(...ys) + Math.max(...ys)) / 2],
  };
}""".replace("SVG_OF_PLACEHOLDER", SVG_OF)


def _hold_plotly(page: Page) -> list[Route]:
    """Hold back Streamlit's plotly.js chunk until the test lets it through."""
    held: list[Route] = []

    def hold(route: Route) -> None:
        held.append(route)

    page.route(PLOTLY_CHUNK, hold)
    return held


def _wait_for(page: Page, condition, message: str, timeout_s: float = 60) -> None:
    """Let Playwright dispatch events (route handlers) until `condition()` holds."""
    deadline = time.monotonic() + timeout_s
    while not condition():
        assert time.monotonic() < deadline, message
        page.wait_for_timeout(50)


@pytest.mark.parametrize(("path", "chart"), PAGES)
def test_static_map_first_then_plotly_in_its_place_without_shift(
    app_server: str, page: Page, path: str, chart: str
) -> None:
    view = f"{chart}_view"
    page.add_init_script(f"({CLS_JS})();")
    held = _hold_plotly(page)
    page.goto(f"{app_server}/{path}")
    picture = page.locator(f".st-key-{view} img.rr-early-map")
    expect(picture).to_be_visible()
    paths = f"(img) => ({SVG_OF})(img).querySelectorAll('path[data-code]').length"
    assert picture.evaluate(paths) == 342
    # plotly.js is held back: the chart element does not exist, yet the map, its legend and
    # its alt text are on screen.
    expect(page.locator(f".st-key-{chart} .js-plotly-plot")).to_have_count(0)
    expect(page.get_by_text("geen gegevens (").first).to_be_visible()
    assert picture.evaluate("(img) => img.complete && img.naturalWidth > 0")  # decoded
    alt = picture.get_attribute("alt")
    assert alt.startswith("Kaart van ") and "gemeenten" in alt
    expect(page.get_by_text(alt, exact=True)).to_be_visible()  # the same text as a caption
    # Let the other widgets' code arrive first (only plotly's chart is still a skeleton), so
    # that what is measured from here on is the swap itself.
    conftest.wait_until_idle(page)
    expect(page.locator('[data-testid="stSkeleton"]')).to_have_count(1)
    box_before = page.locator(f".st-key-{view}").bounding_box()
    t0 = page.evaluate("() => performance.now()")

    _wait_for(page, lambda: bool(held), "the plotly.js chunk was never requested")
    for route in held:
        route.continue_()
    page.unroute(PLOTLY_CHUNK)
    conftest.wait_for_map_paint(page, f".st-key-{chart} .js-plotly-plot", min_features=100)
    # The interactive map has taken over: the picture is hidden, the box kept its place and size.
    expect(picture).to_be_hidden()
    assert page.locator(f".st-key-{view}").bounding_box() == box_before
    chart_box = page.locator(f".st-key-{chart} .js-plotly-plot").bounding_box()
    assert abs(chart_box["y"] - box_before["y"]) < 1
    assert abs(chart_box["height"] - box_before["height"]) < 1
    assert page.evaluate(SHIFT_SINCE_JS, t0) < 0.02
    # Same projection: a gemeente's SVG path and plotly's polygon share their centre (2 px).
    for code in ("GM0363", "GM0080", "GM0935"):
        boxes = page.evaluate(BOXES_JS, [view, chart, code])
        dx, dy = (a - b for a, b in zip(boxes["svg"], boxes["map"], strict=True))
        assert (dx * dx + dy * dy) ** 0.5 <= 2, (code, boxes)
    conftest.assert_no_error_elements(page)
    assert page.page_errors == []


def test_box_selection_fills_the_basket_after_the_swap(app_server: str, page: Page) -> None:
    page.goto(f"{app_server}/kaart")
    conftest.wait_for_map_paint(page, ".st-key-map .js-plotly-plot", min_features=100)
    picture = page.locator(".st-key-map_view img.rr-early-map")
    expect(picture).to_be_hidden()
    conftest.wait_until_idle(page)
    expect(page.locator(BASKET)).to_have_text(re.compile(r"^\s*0 "))
    conftest.drag_box(page, ".st-key-map .js-plotly-plot", dx=80, dy=60)
    expect(page.locator(BASKET)).not_to_have_text(re.compile(r"^\s*0\b"))
    conftest.wait_until_idle(page)
    count = int(re.match(r"\s*(\d+)", page.locator(BASKET).inner_text()).group(1))
    assert 1 <= count < 342
    # The map was interactive (the page reported it), so the new state came without a picture:
    # plotly redrew its own map in place, with the basket's outlines.
    conftest.wait_for_map_paint(page, ".st-key-map .js-plotly-plot", min_features=100)
    expect(page.locator(".st-key-map_view .rr-early-map")).to_have_count(0)
    codes = page.evaluate(
        "() => Array.from(document.querySelector('.st-key-map .js-plotly-plot').data"
        ".find((t) => t.name === 'selectie').locations)"
    )
    assert len(codes) == count
    assert page.page_errors == []


@pytest.mark.parametrize(("path", "chart"), PAGES)
def test_phone_sees_the_map_on_the_first_screen(
    app_server: str, browser: Browser, path: str, chart: str
) -> None:
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
    try:
        page = context.new_page()
        page.goto(f"{app_server}/{path}")
        view = page.locator(f".st-key-{chart}_view")
        expect(view.locator("img.rr-early-map")).to_be_attached()
        conftest.wait_for_map_paint(page, f".st-key-{chart} .js-plotly-plot", min_features=50)
        conftest.wait_until_idle(page)
        box = view.bounding_box()
        # The map starts on the first screen and fills most of what is left of it.
        assert box["y"] < 844 / 2, box
        assert 844 - box["y"] >= 0.6 * box["height"], box
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390, box
        # On Kaart only the indicator picker stands above the map; the other controls follow it
        # (the side column stacks under the map on a phone).
        if chart == "map":
            indicator = page.locator(".st-key-indicator").bounding_box()
            assert indicator["y"] + indicator["height"] <= box["y"]
            scheme = page.locator(".st-key-scheme").bounding_box()
            assert scheme["y"] > box["y"] + box["height"]
        else:
            measure = page.locator(".st-key-overview_measure").bounding_box()
            assert measure["y"] > box["y"] + box["height"]
        # No horizontal scrolling (wide tables scroll inside their own box).
        assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
    finally:
        context.close()

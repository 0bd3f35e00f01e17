"""Browser measurements in headless Chromium: websocket bytes, time to map paint and to repaint.

Paint is detected with the JS of the browser tests (`MAP_STATE_JS` in tests/e2e/conftest.py):
maplibre's rendered features in plotly's fill layers. Times are taken inside the page with
`performance.now()` (0 = start of the navigation), so Playwright's own round trips do not count.
"""

from __future__ import annotations

import dataclasses
import math
import time
from collections.abc import Callable

from playwright.sync_api import Browser, BrowserContext, Locator, Page, expect

from tests.e2e.conftest import CHROMIUM_ARGS, MAP_STATE_JS

CHROMIUM = "/usr/bin/chromium"
VIEWPORT = {"width": 1400, "height": 900}
TIMEOUT_MS = 90_000
POLL_MS = 50  # resolution of the paint time
QUIET_MS = 600  # no websocket frame for this long (and no script running) = settled
PAINTED_SHARE = 0.9  # painted = this share of the trace's locations drawn (at least MIN_FILLED)
MIN_FILLED = 3
NEW_MAP = '[data-bench-new="1"]'
IDLE = (
    '[data-testid="stApp"][data-test-connection-state="CONNECTED"]'
    '[data-test-script-state="notRunning"]'
)

# Resolves to {t, ...state} once the map in `selector` has painted, else false.
PAINTED_JS = f"""([selector, share, minimum]) => {{
  const state = ({MAP_STATE_JS})(selector);
  const wanted = Math.max(minimum, Math.ceil(share * (state.locations || 0)));
  return state.filled >= wanted ? {{t: performance.now(), wanted, ...state}} : false;
}}"""

# Before the click that changes the indicator: remember the data of every map in `selector`,
# note the time of the next pointerdown, and watch every animation frame for a map whose data
# (z and hover texts) differs. That map is tagged data-bench-new="1"; two frames later the
# repaint time is taken. Streamlit may replace the chart element, so maps are looked up anew.
ARM_JS = """(selector) => {
  const signature = (gd) => {
    if (!gd || !gd.data) return null;
    return gd.data.map((t) => JSON.stringify([
      Array.from(t.z || []), Array.from(t.customdata || []).slice(0, 50),
    ])).join('|');
  };
  const maps = () => Array.from(document.querySelectorAll(selector));
  const before = new Set(maps().map(signature));
  const bench = window.__bench = {tDown: null, tData: null, tRepaint: null};
  document.addEventListener('pointerdown', () => {
    if (bench.tDown === null) bench.tDown = performance.now();
  }, {capture: true});
  const watch = () => {
    for (const gd of maps()) {
      const now = signature(gd);
      if (now !== null && !before.has(now)) {
        bench.tData = performance.now();
        gd.setAttribute('data-bench-new', '1');
        requestAnimationFrame(() => requestAnimationFrame(() => {
          bench.tRepaint = performance.now();
        }));
        return;
      }
    }
    requestAnimationFrame(watch);
  };
  requestAnimationFrame(watch);
}"""


@dataclasses.dataclass(frozen=True)
class Scenario:
    """One page with a map, and how to change what it shows."""

    name: str
    path: str
    map_selector: str
    prepare_change: Callable[[Page], Locator]  # opens the widget, returns what to click


@dataclasses.dataclass
class RunResult:
    load_bytes: int
    load_frames: int
    paint_ms: float
    painted_filled: int
    change_bytes: int
    change_frames: int
    repaint_ms: float  # pointerdown -> new data in the page -> two animation frames
    repaint_drawn_ms: float  # pointerdown -> the map holding the new data has painted again
    wall_load_s: float


def selectbox_option(key: str, option: str) -> Callable[[Page], Locator]:
    """Open selectbox `key`; the option to click is the one named exactly `option`."""

    def prepare(page: Page) -> Locator:
        page.locator(f".st-key-{key}").get_by_role("combobox").click()
        target = page.get_by_role("option", name=option, exact=True)
        expect(target).to_be_visible()
        return target

    return prepare


def radio_option(key: str, option: str) -> Callable[[Page], Locator]:
    def prepare(page: Page) -> Locator:
        target = page.locator(f".st-key-{key}").get_by_text(option, exact=True)
        expect(target).to_be_visible()
        return target

    return prepare


def launch(playwright: object) -> Browser:
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)


class FrameCounter:
    """Sums the payloads the page receives over its websocket(s)."""

    def __init__(self, page: Page) -> None:
        self.bytes = 0
        self.frames = 0
        page.on("websocket", lambda ws: ws.on("framereceived", self._add))

    def _add(self, payload: str | bytes) -> None:
        self.bytes += len(payload.encode() if isinstance(payload, str) else payload)
        self.frames += 1

    def mark(self) -> tuple[int, int]:
        return self.bytes, self.frames


def new_page(browser: Browser) -> tuple[BrowserContext, Page, FrameCounter]:
    """A fresh context (empty cache) with a page whose websocket frames are counted."""
    context = browser.new_context(viewport=VIEWPORT, locale="nl-NL")
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    return context, page, FrameCounter(page)


def settle(page: Page, counter: FrameCounter, timeout_ms: int = TIMEOUT_MS) -> None:
    """Wait until no script runs and no websocket frame has arrived for QUIET_MS."""
    deadline = time.monotonic() + timeout_ms / 1000
    while True:
        expect(page.locator(IDLE)).to_have_count(1, timeout=timeout_ms)
        before = counter.frames
        page.wait_for_timeout(QUIET_MS)
        if counter.frames == before and page.locator(IDLE).count() == 1:
            return
        if time.monotonic() > deadline:
            raise TimeoutError(f"page {page.url} did not settle within {timeout_ms} ms")


def wait_painted(page: Page, selector: str) -> dict:
    """Wait until the map in `selector` has painted; return its state with the page time `t`."""
    handle = page.wait_for_function(
        PAINTED_JS, arg=[selector, PAINTED_SHARE, MIN_FILLED], polling=POLL_MS, timeout=TIMEOUT_MS
    )
    return handle.json_value()


def open_page(page: Page, counter: FrameCounter, url: str, selector: str) -> dict:
    """Navigate to `url` and wait for the painted map; return its state (t = ms after start)."""
    page.goto(url, wait_until="commit", timeout=TIMEOUT_MS)
    state = wait_painted(page, selector)
    settle(page, counter)
    return state


def change(page: Page, counter: FrameCounter, scenario: Scenario) -> dict:
    """Change the map's indicator; return repaint times (ms after the click) and the bytes."""
    target = scenario.prepare_change(page)
    page.evaluate(ARM_JS, scenario.map_selector)
    bytes_before, frames_before = counter.mark()
    target.click()
    page.wait_for_function("() => window.__bench.tRepaint !== null", timeout=TIMEOUT_MS)
    drawn = wait_painted(page, NEW_MAP)
    settle(page, counter)
    bench = page.evaluate("() => window.__bench")
    if bench["tDown"] is None:
        raise RuntimeError(f"{scenario.name}: no pointerdown seen for the click")
    return {
        "repaint_ms": bench["tRepaint"] - bench["tDown"],
        "repaint_drawn_ms": max(drawn["t"], bench["tRepaint"]) - bench["tDown"],
        "bytes": counter.bytes - bytes_before,
        "frames": counter.frames - frames_before,
    }


def measure_run(browser: Browser, base_url: str, scenario: Scenario) -> RunResult:
    """One fresh context: load the page, wait for the paint, change the indicator once."""
    context, page, counter = new_page(browser)
    try:
        start = time.monotonic()
        state = open_page(page, counter, base_url + scenario.path, scenario.map_selector)
        wall = time.monotonic() - start
        load_bytes, load_frames = counter.mark()
        changed = change(page, counter, scenario)
        return RunResult(
            load_bytes=load_bytes,
            load_frames=load_frames,
            paint_ms=state["t"],
            painted_filled=state["filled"],
            change_bytes=changed["bytes"],
            change_frames=changed["frames"],
            repaint_ms=changed["repaint_ms"],
            repaint_drawn_ms=changed["repaint_drawn_ms"],
            wall_load_s=wall,
        )
    finally:
        context.close()


def warm_up(browser: Browser, base_url: str, scenarios: list[Scenario]) -> None:
    """Visit each page once so the server has imported, loaded and cached everything."""
    for scenario in scenarios:
        context, page, counter = new_page(browser)
        try:
            open_page(page, counter, base_url + scenario.path, scenario.map_selector)
        finally:
            context.close()


def concurrent_sessions(browser: Browser, base_url: str, scenario: Scenario, n: int) -> None:
    """`n` sessions at once: all load the page, then all change the indicator once."""
    opened = [new_page(browser) for _ in range(n)]
    try:
        for _, page, _ in opened:
            page.goto(base_url + scenario.path, wait_until="commit", timeout=TIMEOUT_MS)
        for _, page, counter in opened:
            wait_painted(page, scenario.map_selector)
            settle(page, counter)
        targets = []
        for _, page, _ in opened:
            targets.append(scenario.prepare_change(page))
            page.evaluate(ARM_JS, scenario.map_selector)
        for target in targets:
            target.click()
        for _, page, counter in opened:
            page.wait_for_function("() => window.__bench.tRepaint !== null", timeout=TIMEOUT_MS)
            settle(page, counter)
    finally:
        for context, _, _ in opened:
            context.close()


def median(values: list[float]) -> float:
    ordered = sorted(values)
    if not ordered:
        return math.nan
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2

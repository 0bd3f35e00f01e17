"""Browser measurements in headless Chromium: websocket bytes, time to map paint and to repaint.

Paint is detected with the JS of the browser tests (`MAP_STATE_JS` in tests/e2e/conftest.py):
maplibre's rendered features in plotly's fill layers. Times are taken inside the page with
`performance.now()` (0 = start of the navigation), so Playwright's own round trips do not count.
"""

from __future__ import annotations

import dataclasses
import math
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Browser, BrowserContext, Locator, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from core.outputs import images
from tests.e2e.conftest import CHROMIUM_ARGS, MAP_STATE_JS

CHROMIUM = images.browser_path() or "/usr/bin/chromium"  # the app's and the tests' browser
VIEWPORT = {"width": 1400, "height": 900}
TIMEOUT_MS = 60_000
SCREENSHOTS = Path(tempfile.gettempdir()) / "raadsradar-bench"
POLL_MS = 50  # resolution of the paint time
QUIET_MS = 600  # no websocket frame for this long (and no script running) = settled
PAINTED_SHARE = 0.9  # painted = this share of the trace's locations drawn (at least MIN_FILLED)
MIN_FILLED = 3
NEW_MAP = '[data-bench-new="1"]'
IDLE = (
    '[data-testid="stApp"][data-test-connection-state="CONNECTED"]'
    '[data-test-script-state="notRunning"]'
)

# Resolves to {t, ...state} once the map in `selector` has painted, else false. On the way it
# notes (in window.__benchSeen, page time) when the chart element and plotly's layout appeared.
PAINTED_JS = f"""([selector, share, minimum]) => {{
  const failure = document.querySelector('[data-testid="stException"]');
  if (failure) return {{exception: failure.innerText.slice(0, 400)}};
  const state = ({MAP_STATE_JS})(selector);
  const now = performance.now();
  const seen = window.__benchSeen = window.__benchSeen || {{}};
  if (state.found && seen.found === undefined) seen.found = now;
  if (state.plotted && seen.plotted === undefined) seen.plotted = now;
  const wanted = Math.max(minimum, Math.ceil(share * (state.locations || 0)));
  return state.filled >= wanted ? {{t: now, wanted, seen, ...state}} : false;
}}"""

# Logs every websocket message in page time, [performance.now(), bytes], in window.__benchWs.
WS_LOG_JS = """(() => {
  const log = window.__benchWs = [];
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (event) => {
        const data = event.data;
        log.push([performance.now(), data.byteLength ?? data.size ?? data.length ?? 0]);
      });
    }
  };
})();"""

# From the first moment of a page: its layout shifts (as the CLS metric counts them: not right
# after input), when the static map picture (.rr-early-map, the app only) was first on screen
# (inserted + one animation frame), and when the map's first control had its real widget
# (Streamlit shows a grey skeleton until a widget's code has loaded).
EARLY_JS = """(() => {
  const b = window.__benchEarly = {visible: null, controls: null, content: null, shifts: []};
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (!e.hadRecentInput) b.shifts.push([e.startTime, e.value]);
    }).observe({type: 'layout-shift', buffered: true});
  } catch (e) {}
  const check = () => {
    // The page's own first content: the first frame that showed its title (until then only
    // Streamlit's empty shell is there; a shift in that frame moved nothing the user had seen).
    if (b.content === null && document.querySelector('[data-testid="stMain"] h1')) {
      b.content = -1;
      requestAnimationFrame(() => requestAnimationFrame(() => { b.content = performance.now(); }));
    }
    if (b.visible === null) {
      // The picture: an <img> of the SVG (decoded, then one frame) or an inline <svg>.
      const pic = document.querySelector('.rr-early-map');
      const shown = () => { b.visible = -1; requestAnimationFrame(() => { b.visible = performance.now(); }); };
      if (pic && pic.tagName === 'IMG' && !pic.__benchSeen) {
        pic.__benchSeen = true;
        pic.decode().then(shown, shown);
      } else if (pic && pic.tagName !== 'IMG' && pic.querySelector('path')
                 && pic.getBoundingClientRect().height > 0) {
        shown();
      }
    }
    if (b.controls === null && document.querySelector(
        '.st-key-indicator [role="combobox"], .st-key-overview_measure input')) {
      b.controls = performance.now();
    }
    if (b.visible !== null && b.controls !== null && b.content !== null) observer.disconnect();
  };
  const observer = new MutationObserver(check);
  observer.observe(document, {childList: true, subtree: true});
})();"""

# When the browser had downloaded Streamlit's lazily loaded plotly.js chunk (page time), or null.
PLOTLY_JS_LOADED = """() => {
  const entry = performance.getEntriesByType('resource')
    .find((e) => /\\/PlotlyChart\\.[^/]*\\.js$/.test(e.name));
  return entry ? entry.responseEnd : null;
}"""

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
    """One run; times in ms of page time (load: after navigation start; change: after the click)."""

    load_bytes: int
    load_frames: int
    paint_ms: float
    painted_filled: int
    change_bytes: int
    change_frames: int
    repaint_ms: float  # pointerdown -> new data in the page -> two animation frames
    repaint_drawn_ms: float  # pointerdown -> the map holding the new data has painted again
    # Where the time goes (for the analysis): first websocket message, arrival of the largest
    # message (the figure, on map pages), chart element in the DOM, plotly layout ready.
    load_first_msg_ms: float
    load_largest_msg_ms: float
    load_largest_msg_bytes: int
    load_plotly_js_ms: float  # plotly.js (Streamlit's lazy PlotlyChart chunk) downloaded
    load_element_ms: float
    load_plotted_ms: float
    change_first_msg_ms: float
    change_largest_msg_ms: float
    change_data_ms: float  # pointerdown -> new data in the page
    wall_load_s: float
    # Issue 14: the map on screen (static picture, or the plotly map where there is none),
    # the first control usable, and the layout shift of the load (all of it, and from the
    # moment the map was on screen).
    visible_ms: float = math.nan
    controls_ms: float = math.nan
    cls: float = math.nan
    cls_after_visible: float = math.nan
    cls_after_content: float = math.nan
    throttle: float = 1.0


def selectbox_option(key: str, option: str) -> Callable[[Page], Locator]:
    """Open selectbox `key` and type the option's name (a long list shows only its first
    options); the option to click is the one named exactly `option`."""

    def prepare(page: Page) -> Locator:
        page.locator(f".st-key-{key}").get_by_role("combobox").click()
        page.keyboard.type(option.split(" · ")[-1])
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


def new_page(browser: Browser, throttle: float = 1.0) -> tuple[BrowserContext, Page, FrameCounter]:
    """A fresh context (empty cache) with a page whose websocket frames are counted and logged;
    `throttle` > 1 slows its CPU down that many times (DevTools' Emulation.setCPUThrottlingRate)."""
    context = browser.new_context(viewport=VIEWPORT, locale="nl-NL")
    context.set_default_timeout(TIMEOUT_MS * max(1.0, throttle))
    context.add_init_script(WS_LOG_JS)
    context.add_init_script(EARLY_JS)
    page = context.new_page()
    if throttle > 1:
        context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": throttle})
    return context, page, FrameCounter(page)


def _messages(page: Page, after: float, before: float) -> tuple[float, float, int]:
    """First message time, largest message time and size, among messages in (after, before]."""
    log = [m for m in page.evaluate("() => window.__benchWs || []") if after < m[0] <= before]
    if not log:
        return math.nan, math.nan, 0
    largest = max(log, key=lambda m: m[1])
    return log[0][0], largest[0], int(largest[1])


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
    try:
        handle = page.wait_for_function(
            PAINTED_JS,
            arg=[selector, PAINTED_SHARE, MIN_FILLED],
            polling=POLL_MS,
            timeout=TIMEOUT_MS,
        )
    except PlaywrightTimeoutError as exc:
        raise TimeoutError(f"map {selector} did not paint: {diagnose(page, selector)}") from exc
    state = handle.json_value()
    if "exception" in state:
        raise RuntimeError(f"the page shows an exception: {state['exception']!r}")
    return state


def diagnose(page: Page, selector: str) -> str:
    """What the page shows instead of a painted map, for the error message; saves a screenshot."""
    try:
        state = page.evaluate(f"(s) => ({MAP_STATE_JS})(s)", selector)
        alerts = page.locator('[data-testid="stException"], [data-testid="stAlert"]')
        texts = [t[:200] for t in alerts.all_inner_texts()]
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        shot = SCREENSHOTS / f"failure-{time.strftime('%H%M%S')}-{id(page) % 10000}.png"
        page.screenshot(path=str(shot))
    except Exception as exc:  # the page may be gone; the timeout is the news
        return f"(no diagnosis: {type(exc).__name__})"
    return f"url {page.url}, map state {state}, alerts {texts}, screenshot {shot}"


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
    down = bench["tDown"]
    if down is None:
        raise RuntimeError(f"{scenario.name}: no pointerdown seen for the click")
    first, largest, _ = _messages(page, down, bench["tData"])
    return {
        "repaint_ms": bench["tRepaint"] - down,
        "repaint_drawn_ms": max(drawn["t"], bench["tRepaint"]) - down,
        "data_ms": bench["tData"] - down,
        "first_msg_ms": first - down,
        "largest_msg_ms": largest - down,
        "bytes": counter.bytes - bytes_before,
        "frames": counter.frames - frames_before,
    }


def measure_run(
    browser: Browser, base_url: str, scenario: Scenario, throttle: float = 1.0
) -> RunResult:
    """One fresh context: load the page, wait for the paint, change the indicator once."""
    context, page, counter = new_page(browser, throttle)
    try:
        start = time.monotonic()
        state = open_page(page, counter, base_url + scenario.path, scenario.map_selector)
        wall = time.monotonic() - start
        early = page.evaluate("() => window.__benchEarly")
        seen = early["visible"] if early["visible"] not in (None, -1) else math.inf
        visible = min(seen, state["t"])
        shifts = early["shifts"]
        load_bytes, load_frames = counter.mark()
        first, largest, largest_bytes = _messages(page, 0, state["t"])
        plotly_js = page.evaluate(PLOTLY_JS_LOADED)
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
            load_first_msg_ms=first,
            load_largest_msg_ms=largest,
            load_largest_msg_bytes=largest_bytes,
            load_plotly_js_ms=math.nan if plotly_js is None else plotly_js,
            load_element_ms=state["seen"].get("found", math.nan),
            load_plotted_ms=state["seen"].get("plotted", math.nan),
            change_first_msg_ms=changed["first_msg_ms"],
            change_largest_msg_ms=changed["largest_msg_ms"],
            change_data_ms=changed["data_ms"],
            wall_load_s=wall,
            visible_ms=visible,
            controls_ms=math.nan if early["controls"] is None else early["controls"],
            cls=sum(v for _, v in shifts),
            cls_after_visible=sum(v for t, v in shifts if t >= visible),
            cls_after_content=sum(
                v for t, v in shifts if early["content"] not in (None, -1) and t > early["content"]
            ),
            throttle=throttle,
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
    """`n` sessions at once: all load the page, then all change the indicator once.

    For server memory only the server's side matters, so a session waits until its script
    runs are done and the chart (with new data after the change) is in the page, not for the
    maps to paint: that keeps ten SwiftShader maps from stretching the phase to minutes.
    """
    opened = [new_page(browser) for _ in range(n)]
    try:
        for _, page, _ in opened:
            page.goto(base_url + scenario.path, wait_until="commit", timeout=TIMEOUT_MS)
        for _, page, counter in opened:
            expect(page.locator(scenario.map_selector)).to_have_count(1, timeout=TIMEOUT_MS)
            settle(page, counter)
        targets = []
        for _, page, _ in opened:
            targets.append(scenario.prepare_change(page))
            page.evaluate(ARM_JS, scenario.map_selector)
        for target in targets:
            target.click()
        for _, page, counter in opened:
            page.wait_for_function("() => window.__bench.tData !== null", timeout=TIMEOUT_MS)
            settle(page, counter)
    finally:
        for context, _, _ in opened:
            context.close()

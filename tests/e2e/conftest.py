"""Fixtures for browser tests against a real `streamlit run dashboard.py` in headless Chromium."""

from __future__ import annotations

import contextlib
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import (
    Browser,
    ConsoleMessage,
    Page,
    Playwright,
    Route,
    expect,
    sync_playwright,
)

from core.outputs import images

REPO_ROOT = Path(__file__).resolve().parents[2]
E2E_DIR = Path(__file__).resolve().parent
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    # Software WebGL, so that the maplibre map inside plotly's choroplethmap can paint headless.
    "--use-angle=swiftshader",
    "--enable-unsafe-swiftshader",
]
SERVER_START_TIMEOUT_S = 60.0
# Generous: the first run of a fresh server loads the data bundle and sends the GeoJSON.
UI_TIMEOUT_MS = 60_000
SCREENSHOT_DIR = Path(tempfile.gettempdir()) / "raadsradar-e2e"
LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}

# On a URL with a path (a deep link such as /kaart), Streamlit's frontend probes
# /kaart/_stcore/health and /kaart/_stcore/host-config before it finds the base path. The 404s
# are logged as console errors by Chromium and are not a fault of the app.
BENIGN_CONSOLE_ERRORS = [
    re.compile(r"Failed to load resource: the server responded with a status of 404"),
]
BENIGN_CONSOLE_URLS = [re.compile(r"/_stcore/(health|host-config)$")]

expect.set_options(timeout=UI_TIMEOUT_MS)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark every test under tests/e2e with `e2e`, so `-m "not e2e"` skips the browser tests."""
    for item in items:
        if E2E_DIR in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.e2e)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Iterator[None]:
    """Keep each phase's report on the item, so the `page` fixture can screenshot failures."""
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


# --------------------------------------------------------------------------- server


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _log_tail(log_path: Path, limit: int = 6000) -> str:
    try:
        text = log_path.read_text(encoding="utf-8", errors="replace")
    except OSError as error:
        return f"<could not read server log {log_path}: {error}>"
    return text[-limit:] if text.strip() else "<server printed nothing>"


def _health_ok(base_url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{base_url}/_stcore/health", timeout=2) as response:
            return response.status == 200 and response.read().decode().strip() == "ok"
    except (urllib.error.URLError, OSError):
        return False


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


@contextlib.contextmanager
def start_server(timeout_s: float = SERVER_START_TIMEOUT_S) -> Iterator[str]:
    """Start a fresh `streamlit run dashboard.py` on a free port; yield its base URL; stop it."""
    if not (REPO_ROOT / "dashboard.py").is_file():
        pytest.fail(f"{REPO_ROOT / 'dashboard.py'} does not exist: there is no app to test")
    log_file = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed in the finally below
        prefix="raadsradar-e2e-server-", suffix=".log", delete=False
    )
    log_path = Path(log_file.name)
    port = _free_port()
    base_url = f"http://127.0.0.1:{port}"
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        "dashboard.py",
        "--server.headless",
        "true",
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--browser.gatherUsageStats",
        "false",
        "--server.fileWatcherType",
        "none",
    ]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    # The server's output goes to a file, not a pipe: a pipe nobody reads can fill up and block it.
    process = subprocess.Popen(
        command, cwd=REPO_ROOT, stdout=log_file, stderr=subprocess.STDOUT, env=env
    )
    try:
        deadline = time.monotonic() + timeout_s
        while not _health_ok(base_url):
            if process.poll() is not None:
                pytest.fail(
                    f"streamlit exited with status {process.returncode} before {base_url} "
                    f"was healthy. Server output ({log_path}):\n{_log_tail(log_path)}"
                )
            if time.monotonic() > deadline:
                pytest.fail(
                    f"{base_url}/_stcore/health did not answer 'ok' within {timeout_s:.0f} s. "
                    f"Server output ({log_path}):\n{_log_tail(log_path)}"
                )
            time.sleep(0.25)
        yield base_url
    finally:
        _stop(process)
        log_file.close()


@pytest.fixture(scope="module")
def app_server() -> Iterator[str]:
    """One app server shared by the tests of a module; yields its base URL."""
    with start_server() as base_url:
        yield base_url


@pytest.fixture
def fresh_server() -> Iterator[str]:
    """A server of the test's own that nobody has visited yet; yields its base URL.

    Request it before `page`, so the page (and its failure screenshot) is torn down first.
    """
    with start_server() as base_url:
        yield base_url


# --------------------------------------------------------------------------- browser


@pytest.fixture(scope="session")
def playwright_instance() -> Iterator[Playwright]:
    playwright = sync_playwright().start()
    try:
        yield playwright
    finally:
        playwright.stop()


@pytest.fixture(scope="session")
def browser(playwright_instance: Playwright) -> Iterator[Browser]:
    """The headless Chromium the app's picture export uses (core.outputs.images.browser_path:
    Debian's chromium here; playwright's own browser download does not work here)."""
    chromium = images.browser_path()
    if chromium is None:
        reason = (
            "E2E BROWSER MISSING: no Chromium found (core.outputs.images.browser_path). Install "
            "Debian's chromium package (apt-get install chromium) or set $BROWSER_PATH; "
            "`playwright install` needs internet and is not used."
        )
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    browser = playwright_instance.chromium.launch(
        executable_path=chromium, headless=True, args=CHROMIUM_ARGS
    )
    try:
        yield browser
    finally:
        browser.close()


def _block_external(route: Route, blocked: list[str]) -> None:
    """Abort every request that leaves this machine: the app must work offline."""
    host = urlsplit(route.request.url).hostname or ""
    if route.request.url.startswith(("data:", "blob:")) or host in LOCAL_HOSTS:
        route.continue_()
    else:
        blocked.append(route.request.url)
        route.abort()


@pytest.fixture
def page(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A page in a fresh context; console errors and uncaught page errors are collected.

    `page.console_errors` holds console messages of type error, `page.page_errors` uncaught
    exceptions (`pageerror`), `page.blocked_requests` requests to other hosts (all aborted).
    """
    context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="nl-NL")
    context.set_default_timeout(UI_TIMEOUT_MS)
    blocked: list[str] = []
    context.route("**/*", lambda route: _block_external(route, blocked))
    page = context.new_page()
    console_errors: list[str] = []
    page_errors: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            url = (message.location or {}).get("url", "")
            console_errors.append(f"{message.text} [{url}]" if url else message.text)

    page.on("console", on_console)
    page.on("pageerror", lambda error: page_errors.append(str(error)))
    page.console_errors = console_errors
    page.page_errors = page_errors
    page.blocked_requests = blocked
    try:
        yield page
    finally:
        report = getattr(request.node, "rep_call", None)
        if report is not None and report.failed:
            SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
            name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.name)
            shot = SCREENSHOT_DIR / f"{name}.png"
            with contextlib.suppress(Exception):
                page.screenshot(path=str(shot), full_page=True)
                print(f"\nscreenshot of the failed test: {shot} (url {page.url})")
        context.close()


# --------------------------------------------------------------------------- helpers


def unexpected_console_errors(page: Page) -> list[str]:
    """Console errors minus Streamlit's harmless base-path probes and the requests we blocked.

    Requests to other hosts are aborted by the `page` fixture and listed in
    `page.blocked_requests`; assert on that list where offline use matters.
    """
    unexpected = []
    for line in page.console_errors:
        text, _, url = line.rpartition(" [")
        url = url.rstrip("]")
        benign_text = any(pattern.search(text or line) for pattern in BENIGN_CONSOLE_ERRORS)
        benign_url = any(pattern.search(url) for pattern in BENIGN_CONSOLE_URLS)
        blocked_by_us = "net::ERR_FAILED" in text and url in page.blocked_requests
        if not ((benign_text and benign_url) or blocked_by_us):
            unexpected.append(line)
    return unexpected


def wait_until_idle(page: Page) -> None:
    """Wait until Streamlit is connected and no script run is in progress."""
    expect(
        page.locator(
            '[data-testid="stApp"][data-test-connection-state="CONNECTED"]'
            '[data-test-script-state="notRunning"]'
        )
    ).to_have_count(1)


def error_elements(page: Page) -> dict[str, list[str]]:
    """Texts of exception boxes and st.error alerts on the page (empty lists when all is well)."""
    exceptions = page.locator('[data-testid="stException"]')
    # Streamlit 1.67 renders st.error as stAlert > stAlertContainer[role=alert] >
    # stAlertContentError (warnings and infos use ...ContentWarning / ...ContentInfo).
    errors = page.locator('[data-testid="stAlert"]:has([data-testid="stAlertContentError"])')
    return {
        "stException": [text[:500] for text in exceptions.all_inner_texts()],
        "st.error": [text[:500] for text in errors.all_inner_texts()],
    }


def assert_no_error_elements(page: Page) -> None:
    found = error_elements(page)
    assert found == {"stException": [], "st.error": []}, f"error elements on {page.url}: {found}"


MAP_STATE_JS = """(selector) => {
  const gd = document.querySelector(selector);
  if (!gd || !gd._fullLayout) return {found: !!gd, plotted: false, filled: 0};
  const trace = (gd.data || [])[0] || {};
  const locations = Array.from(trace.locations || []).map(String);
  // plotly.js 3 keeps one maplibre map per `map` subplot at _fullLayout[<id>]._subplot.map.
  const ids = (gd._fullLayout._subplots || {}).map || ['map'];
  let maps = 0, filled = 0, error = null;
  for (const id of ids) {
    const subplot = gd._fullLayout[id] && gd._fullLayout[id]._subplot;
    const map = subplot && subplot.map;
    if (!map) continue;
    maps += 1;
    try {
      // Only the fill layers plotly adds for traces: polygons actually drawn with a colour.
      filled += map.queryRenderedFeatures()
        .filter((f) => /^plotly-trace-layer-.*-fill$/.test(f.layer.id)).length;
    } catch (e) { error = String(e); }
  }
  return {
    found: true, plotted: true, type: trace.type, locations: locations.length,
    distinct: new Set(locations).size,
    nonGm: locations.filter((c) => !/^GM\\d{4}$/.test(c)).slice(0, 5),
    maps, filled, error,
  };
}"""


def map_state(page: Page, selector: str) -> dict:
    """What the plotly map in `selector` holds and how many polygons maplibre has drawn."""
    return page.evaluate(MAP_STATE_JS, selector)


def wait_for_map_paint(page: Page, selector: str, min_features: int) -> dict:
    """Wait until the map in `selector` has drawn more than `min_features` filled polygons."""
    expect(page.locator(selector)).to_have_count(1)
    try:
        page.wait_for_function(
            f"(selector) => (({MAP_STATE_JS})(selector)).filled > {min_features}",
            arg=selector,
            polling=250,
        )
    except Exception as error:  # a timeout: report what the map did draw
        raise AssertionError(
            f"map {selector} did not paint > {min_features} polygons: {map_state(page, selector)}"
            f"; page errors {page.page_errors}; console errors {page.console_errors}"
        ) from error
    return map_state(page, selector)


def drag_box(page: Page, selector: str, dx: float = 80, dy: float = 60) -> None:
    """Draw a box selection from the middle of the map (plotly's default drag mode is select)."""
    target = page.locator(selector)
    target.scroll_into_view_if_needed()
    box = target.bounding_box()
    x0, y0 = box["x"] + box["width"] * 0.45, box["y"] + box["height"] * 0.45
    page.mouse.move(x0, y0)
    page.mouse.down()
    page.mouse.move(x0 + dx * 0.6, y0 + dy * 0.6, steps=6)
    page.mouse.move(x0 + dx, y0 + dy, steps=6)
    page.mouse.up()

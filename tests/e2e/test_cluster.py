"""The hosting story end to end: `python -m deploy.local` (the image's entrypoint per replica,
HAProxy in front) with a real browser and protocol-level sessions through the proxy.

- the map paints, a box selection fills the basket and an Excel download works through the proxy
  (the download is served from the replica's memory: it only works when the proxy is sticky);
- a session stays on its replica across 20 reconnect-and-rerun rounds;
- a short protocol-level load smoke (30 sessions over 20 s) finishes without an error;
- a killed replica: the browser session on it reconnects onto the other replica and its view
  (basket, indicator) comes back from its URL; new sessions see no error.
Every cluster is stopped with SIGTERM and every process it started must be gone afterwards.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import dataclasses
import io
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Coroutine, Iterator
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import parse_qs, urlsplit

import openpyxl
import pytest
import zxingcpp
from PIL import Image
from playwright.sync_api import Browser, Page, expect

from bench import load
from tests.e2e import conftest

MAP = ".st-key-map .js-plotly-plot"
BASKET = ".st-key-basket_summary"
CLUSTER_START_TIMEOUT_S = 180.0
REPLICA_COOKIE = "RAADSRADAR_REPLICA"
T = TypeVar("T")


@dataclasses.dataclass
class ClusterInfo:
    url: str
    replicas: dict[str, tuple[str, int]]  # name -> (url, pid)
    proxy_pid: int
    log_path: Path


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie (killed, not yet reaped) counts as gone.
    with contextlib.suppress(OSError):
        status = Path(f"/proc/{pid}/status").read_text()
        if re.search(r"^State:\s+Z", status, re.M):
            return False
    return True


def _parse(text: str, port: int) -> ClusterInfo | None:
    if f"Raadsradar: http://127.0.0.1:{port}" not in text or "proxy haproxy" not in text:
        return None
    replicas = {
        name: (url, int(pid))
        for name, url, pid in re.findall(r"^replica (\S+) (\S+) pid (\d+)$", text, re.M)
    }
    proxy = re.search(r"^proxy haproxy \S+ pid (\d+)", text, re.M)
    return ClusterInfo(f"http://127.0.0.1:{port}", replicas, int(proxy.group(1)), Path())


@contextlib.contextmanager
def run_cluster(replicas: int = 2) -> Iterator[ClusterInfo]:
    """`python -m deploy.local --replicas N --port P` as a user runs it; SIGTERM at the end."""
    port = conftest._free_port()
    log_file = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed in the finally below
        prefix="raadsradar-cluster-", suffix=".log", delete=False
    )
    log_path = Path(log_file.name)
    command = [sys.executable, "-m", "deploy.local", "--replicas", str(replicas)]
    command += ["--port", str(port), "--check-interval", "500ms"]
    process = subprocess.Popen(
        command, cwd=conftest.REPO_ROOT, stdout=log_file, stderr=subprocess.STDOUT
    )
    info = None
    try:
        deadline = time.monotonic() + CLUSTER_START_TIMEOUT_S
        while info is None:
            text = log_path.read_text(encoding="utf-8", errors="replace")
            info = _parse(text, port)
            if process.poll() is not None or (info is None and time.monotonic() > deadline):
                pytest.fail(
                    f"deploy.local did not start (status {process.poll()}):\n{text[-4000:]}"
                )
            time.sleep(0.25)
        info.log_path = log_path
        assert len(info.replicas) == replicas, info
        assert conftest._health_ok(info.url)
        yield info
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            status = process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            raise
        finally:
            log_file.close()
        text = log_path.read_text(encoding="utf-8", errors="replace")
        assert status == 0, f"deploy.local exited with {status}:\n{text[-3000:]}"
        if info is not None:
            pids = [pid for _, pid in info.replicas.values()] + [info.proxy_pid]
            left = [pid for pid in pids if _alive(pid)]
            assert left == [], f"deploy.local left processes running: {left}"


@pytest.fixture(scope="module")
def cluster() -> Iterator[ClusterInfo]:
    with run_cluster(2) as info:
        yield info


def _run_async(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine in a thread of its own: Playwright's sync API owns this thread's loop."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def _count(page: Page) -> int:
    return int(re.match(r"\d+", page.locator(BASKET).inner_text().strip()).group())


def _replica_of(page: Page) -> str:
    cookies = {c["name"]: c["value"] for c in page.context.cookies()}
    return cookies[REPLICA_COOKIE]


def test_map_selection_and_excel_through_the_proxy(
    cluster: ClusterInfo, page: Page, tmp_path: Path
) -> None:
    page.goto(f"{cluster.url}/kaart")
    state = conftest.wait_for_map_paint(page, MAP, min_features=100)
    assert state["type"] == "choroplethmap"
    conftest.wait_until_idle(page)
    assert _replica_of(page) in cluster.replicas
    assert _count(page) == 0
    conftest.drag_box(page, MAP, dx=80, dy=60)
    expect(page.locator(BASKET)).not_to_have_text(re.compile(r"^\s*0\b"))
    conftest.wait_until_idle(page)
    count = _count(page)
    assert 1 <= count < 342
    expect(page).to_have_url(re.compile(r"[?&]sel=GM\d{4}"))
    codes = parse_qs(urlsplit(page.url).query)["sel"][0].split(",")
    assert len(codes) == count

    # The Excel file is kept in the replica's memory and fetched by a second request: it only
    # downloads when the proxy sends that request to the same replica.
    page.goto(f"{cluster.url}/selectie?sel={','.join(codes)}")
    button = page.locator(".st-key-export_xlsx button")
    expect(button).to_be_enabled()
    conftest.wait_until_idle(page)
    button.scroll_into_view_if_needed()
    with page.expect_download() as info:
        button.click()
    download = info.value
    assert download.failure() is None
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    sheet = openpyxl.load_workbook(path)["Selectie"]
    header = [c.value for c in sheet[1]]
    rows = [dict(zip(header, r, strict=True)) for r in sheet.iter_rows(min_row=2, values_only=True)]
    assert sorted(r["Code"] for r in rows) == sorted(codes)
    conftest.assert_no_error_elements(page)
    assert page.page_errors == []


def test_the_room_scans_the_qr_code_and_gets_the_presented_view(
    cluster: ClusterInfo, page: Page, browser: Browser
) -> None:
    page.goto(f"{cluster.url}/presenteren?indicator=short_lists_share_2022&sel=GM0363,GM0599")
    image = page.locator(".st-key-present_follow img")
    expect(image).to_be_visible()
    conftest.wait_until_idle(page)
    scanned = [r.text for r in zxingcpp.read_barcodes(Image.open(io.BytesIO(image.screenshot())))]
    assert len(scanned) == 1
    url = scanned[0]
    assert url.startswith(f"{cluster.url}/kaart?")
    assert parse_qs(urlsplit(url).query) == {
        "indicator": ["short_lists_share_2022"],
        "sel": ["GM0363,GM0599"],
    }
    # Someone in the room opens it on their own device (a new browser context, another session).
    phone = browser.new_context(viewport={"width": 400, "height": 800}, locale="nl-NL")
    try:
        other = phone.new_page()
        other.goto(url)
        conftest.wait_until_idle(other)
        expect(other.locator(BASKET)).to_have_text(re.compile(r"^\s*2 gemeenten"))
        combobox = other.locator(".st-key-indicator").get_by_role("combobox")
        expect(combobox).to_have_value(re.compile("korter dan de raad"))
        conftest.assert_no_error_elements(other)
    finally:
        phone.close()


async def _reruns_on_one_replica(url: str, rounds: int) -> tuple[str, list[str], str]:
    session = load.StreamlitSession(url, "/kaart?sel=GM0363")
    await session.connect()
    try:
        await session.run(first=True)
        first_id = session.session_id
        ids = []
        for step in range(rounds):
            # A new websocket each time, as after a network blip; the cookie must bring it back
            # to the replica that holds the session (a new replica would start a new session).
            await session.reconnect()
            session.change_widget("classes", step)
            await session.run()
            ids.append(session.session_id)
        return first_id, ids, session.cookies[REPLICA_COOKIE]
    finally:
        await session.close()


def test_a_session_stays_on_its_replica_over_20_reruns(cluster: ClusterInfo) -> None:
    first_id, ids, replica = _run_async(_reruns_on_one_replica(cluster.url, 20))
    assert first_id
    assert replica in cluster.replicas
    assert ids == [first_id] * 20


def _bench(url: str, sessions: int, ramp: float, extra: list[str] | None = None) -> dict:
    command = [sys.executable, "-m", "bench.load", "--url", url, "--path", "/kaart?sel=GM0363"]
    command += ["--sessions", str(sessions), "--ramp", str(ramp), "--json", *(extra or [])]
    done = subprocess.run(
        command, cwd=conftest.REPO_ROOT, capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_load_smoke_30_sessions(cluster: ClusterInfo) -> None:
    result = _bench(cluster.url, 30, 20)
    assert result["sessions"] == 30
    assert result["errors"] == 0, result["error_samples"]
    # Every session finished its first page and both reruns.
    assert result["p50_s"] is not None and result["max_s"] >= result["p95_s"] >= result["p50_s"]
    assert result["reruns"] == 60
    # The proxy spread the sessions over both replicas.
    assert set(result["replicas"]) == set(cluster.replicas)
    assert sum(result["replicas"].values()) == 30
    print(f"\nload smoke through 2 replicas: {result}")


def test_killed_replica_reconnects_onto_the_other(browser: Browser) -> None:
    with run_cluster(2) as info:
        context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="nl-NL")
        context.set_default_timeout(conftest.UI_TIMEOUT_MS)
        page = context.new_page()
        page_errors: list[str] = []
        page.on("pageerror", lambda error: page_errors.append(str(error)))
        try:
            page.goto(f"{info.url}/kaart?indicator=short_lists_share_2022&sel=GM0363")
            conftest.wait_for_map_paint(page, MAP, min_features=100)
            conftest.wait_until_idle(page)
            combobox = page.locator(".st-key-indicator").get_by_role("combobox")
            expect(combobox).to_have_value(re.compile("korter dan de raad"))
            expect(page.locator(BASKET)).to_have_text(re.compile(r"^\s*1 gemeente\b.*Amsterdam"))
            victim = _replica_of(page)
            _, pid = info.replicas[victim]

            os.kill(pid, signal.SIGKILL)
            killed = time.monotonic()
            # New sessions right after the crash: HAProxy retries a refused connection on the
            # other replica and its health check takes the dead one out.
            first = _run_async(_one_new_session(info.url))
            new_session_s = time.monotonic() - killed
            assert first != victim

            # The open browser tab reconnects by itself, onto the surviving replica, and the
            # view comes back from the URL.
            expect(page.locator('[data-testid="stApp"][data-test-connection-state="CONNECTED"]'))
            conftest.wait_until_idle(page)
            expect(page.locator(BASKET)).to_have_text(re.compile(r"^\s*1 gemeente\b.*Amsterdam"))
            expect(combobox).to_have_value(re.compile("korter dan de raad"))
            conftest.wait_for_map_paint(page, MAP, min_features=100)
            reconnect_s = time.monotonic() - killed
            assert _replica_of(page) != victim
            assert "sel=GM0363" in page.url
            conftest.assert_no_error_elements(page)

            result = _bench(info.url, 10, 5)
            assert result["errors"] == 0, result["error_samples"]
            assert victim not in result["replicas"]
            print(
                f"\nkilled {victim}: a new session succeeded after {new_session_s:.1f} s, the "
                f"open tab was back after {reconnect_s:.1f} s; then {result}"
            )
        finally:
            context.close()
        assert page_errors == []


async def _one_new_session(url: str) -> str:
    session = load.StreamlitSession(url, "/kaart?sel=GM0599")
    await session.connect()
    try:
        await session.run(first=True)
        return session.cookies[REPLICA_COOKIE]
    finally:
        await session.close()


# --- Security headers and the Content-Security-Policy (issue 23 item 4) --------------------------

CSP_INIT = """window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(
  `${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));"""
HEADERS = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "x-frame-options": "SAMEORIGIN",
}


def test_the_proxy_sends_security_headers(cluster: ClusterInfo) -> None:
    import urllib.request

    from components import csp

    html = urllib.request.urlopen(f"{cluster.url}/kaart", timeout=30).read().decode()
    script = re.search(r'src="\./(static/js/index\.[^"]+\.js)"', html).group(1)
    for path in ("/", "/kaart?sel=GM0363", f"/{script}", "/_stcore/health"):
        with urllib.request.urlopen(f"{cluster.url}{path}", timeout=30) as response:
            got = {k.lower(): v for k, v in response.headers.items()}
        for name, value in HEADERS.items():
            assert got.get(name) == value, (path, name, got.get(name))
        assert got.get("content-security-policy") == csp.policy(), path


def test_the_app_works_under_the_csp(cluster: ClusterInfo, page: Page) -> None:
    """Every page loads, the maps paint, the app's own scripts run: no CSP violation at all."""
    page.context.add_init_script(CSP_INIT)
    csp_console: list[str] = []
    page.on(
        "console",
        lambda m: csp_console.append(m.text) if "Content Security Policy" in m.text else None,
    )
    for path in ("kaart?sel=GM0363", "", "selectie", "groepen", "staffel", "data", "presenteren"):
        page.goto(f"{cluster.url}/{path}")
        expect(page.locator(BASKET)).to_be_visible()
        if path in ("kaart?sel=GM0363", ""):
            key = "map" if path else "overview_map"
            conftest.wait_for_map_paint(page, f".st-key-{key} .js-plotly-plot", min_features=100)
        conftest.wait_until_idle(page)
        # The app's inline scripts ran (allowed by their hashes): the Dutch voice, the zoom hook.
        page.wait_for_function("() => !!window.__raadsradarDutch && !!window.__raadsradarZoom")
        expect(page.locator('[data-testid="stSkipToContent"]')).to_have_text("Naar de inhoud")
        assert page.evaluate("() => window.__cspViolations") == [], path
        conftest.assert_no_error_elements(page)
    assert csp_console == []
    assert page.page_errors == []

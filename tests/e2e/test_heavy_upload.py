"""A heavy but valid upload (issue 23, item 10) is read in a process of its own beside the
server, and that process ends when the tab that uploaded the file is closed."""

from __future__ import annotations

import os
import time
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import Browser, Page, expect

from bench import ingest_time
from tests.e2e import conftest


def _server_pid(base_url: str) -> int:
    """The `streamlit run` process that listens on the URL's port (started by the fixture)."""
    port = str(urlsplit(base_url).port)
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                command = Path(f"/proc/{entry}/cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            if b"streamlit" in b" ".join(command) and port.encode() in command:
                return int(entry)
    raise AssertionError(f"no streamlit process on port {port}")


def _imports(server: int) -> list[int]:
    """Import processes (core.ingest.worker) the server has started that still run."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
            command = Path(f"/proc/{entry}/cmdline").read_bytes()
        except OSError:
            continue
        state, parent = stat.rsplit(")", 1)[1].split()[:2]
        if int(parent) == server and b"core.ingest.worker" in command and state != "Z":
            found.append(int(entry))
    return found


def _wait_for(condition: object, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def _upload(page: Page, base_url: str, path: Path) -> None:
    page.goto(f"{base_url}/data")
    upload = page.locator(".st-key-upload input[type=file]")
    expect(upload).to_have_count(1)
    conftest.wait_until_idle(page)
    upload.set_input_files(str(path))


def test_a_large_upload_is_read_aside_and_reported(
    app_server: str, browser: Browser, tmp_path
) -> None:
    path = tmp_path / "metingen.csv"
    ingest_time.write_heavy_csv(path, rows=20_000, columns=36)  # 5 MB: read in a child process
    server = _server_pid(app_server)
    # A context of its own: the `page` fixture's request routing slows a 5 MB upload to a crawl.
    context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="nl-NL")
    try:
        page = context.new_page()
        _upload(page, app_server, path)
        assert _wait_for(lambda: _imports(server), 60), "the import ran in a process of its own"
        report = page.locator(".st-key-import_report")
        expect(report).to_contain_text("20.000", timeout=180_000)
        expect(report).to_contain_text("342 gemeente(n) met meer dan één rij")
        assert _wait_for(lambda: not _imports(server), 10)
        conftest.assert_no_error_elements(page)
    finally:
        context.close()


def test_closing_the_tab_stops_the_import(app_server: str, browser: Browser, tmp_path) -> None:
    path = tmp_path / "zwaar.csv"
    ingest_time.write_heavy_csv(path)  # 49 MB, the case: over ten seconds of CPU
    server = _server_pid(app_server)
    context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="nl-NL")
    try:
        page = context.new_page()
        _upload(page, app_server, path)
        assert _wait_for(lambda: _imports(server), 120), "the import started"
    finally:
        context.close()  # the user closes the tab while the file is being read
    # Streamlit stops the session's script at its next call to Streamlit (within a second);
    # the worker then ends the import's process, long before the import could have finished.
    assert _wait_for(lambda: not _imports(server), 5), _imports(server)

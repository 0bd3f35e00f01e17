"""A real OpenID Connect provider for browser tests (oidc-provider-mock, its own process) and
what an app needs to sign in against it: an [auth] secrets file and the sign-in clicks."""

from __future__ import annotations

import contextlib
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.e2e import conftest

USERS = {
    "anna": {"sub": "anna", "email": "anna@campagne.nl", "name": "Anna de Vries"},
    "bob": {"sub": "bob", "email": "bob@campagne.nl", "name": "Bob Jansen"},
}
COOKIE_SECRET = "e2e-cookie-secret-" + "x" * 32


def _ready(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/.well-known/openid-configuration", timeout=2) as r:
            return r.status == 200 and "authorization_endpoint" in json.load(r)
    except (urllib.error.URLError, OSError, ValueError):
        return False


@contextlib.contextmanager
def provider() -> Iterator[str]:
    """`python -m oidc_provider_mock` on a free port with Anna and Bob; yields its URL."""
    port = conftest._free_port()
    url = f"http://127.0.0.1:{port}"
    command = [sys.executable, "-m", "oidc_provider_mock", "--port", str(port)]
    for user in USERS.values():
        command += ["--user-claims", json.dumps(user)]
    log = tempfile.NamedTemporaryFile(prefix="raadsradar-oidc-", suffix=".log", delete=False)  # noqa: SIM115
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while not _ready(url):
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(
                    f"the OIDC provider did not start:\n{Path(log.name).read_text()[-3000:]}"
                )
            time.sleep(0.2)
        yield url
    finally:
        conftest._stop(process)
        log.close()


def secrets_file(folder: Path, app_url: str, provider_url: str) -> Path:
    """A secrets.toml whose [auth] points the app at the provider (any client id works)."""
    path = folder / "secrets.toml"
    path.write_text(
        "[auth]\n"
        f'redirect_uri = "{app_url}/oauth2callback"\n'
        f'cookie_secret = "{COOKIE_SECRET}"\n'
        'client_id = "raadsradar"\n'
        'client_secret = "raadsradar-secret"\n'
        f'server_metadata_url = "{provider_url}/.well-known/openid-configuration"\n',
        encoding="utf-8",
    )
    return path


@contextlib.contextmanager
def app(port: int, env: dict[str, str]) -> Iterator[str]:
    """`streamlit run dashboard.py` on a given port (the redirect URI names it) with `env`."""
    base_url = f"http://127.0.0.1:{port}"
    log = tempfile.NamedTemporaryFile(prefix="raadsradar-e2e-auth-", suffix=".log", delete=False)  # noqa: SIM115
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
    process = subprocess.Popen(
        command,
        cwd=conftest.REPO_ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
        env={**os.environ, "PYTHONUNBUFFERED": "1", **env},
    )
    try:
        deadline = time.monotonic() + conftest.SERVER_START_TIMEOUT_S
        while not conftest._health_ok(base_url):
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"the app did not start:\n{Path(log.name).read_text()[-4000:]}")
            time.sleep(0.25)
        yield base_url
    finally:
        conftest._stop(process)
        log.close()


def sign_in(page: Page, who: str) -> None:
    """Press the app's sign-in button (key `login`) and pick the user at the provider."""
    button = page.locator(".st-key-login button")
    expect(button).to_be_visible()
    button.click()
    chosen = page.locator(f'button[name="sub"][value="{USERS[who]["sub"]}"]')
    expect(chosen).to_be_visible()
    chosen.click()
    expect(page.locator(".st-key-account")).to_contain_text(USERS[who]["name"])


def choose(page: Page, key: str, option: str) -> None:
    """Pick `option` (a regular expression) in the selectbox with `key`, opening it again if a
    rerun closed the list before the click."""
    for _ in range(3):
        conftest.wait_until_idle(page)
        page.locator(f".st-key-{key}").get_by_role("combobox").click()
        choice = page.get_by_role("option", name=re.compile(option))
        try:
            expect(choice).to_be_visible(timeout=10_000)
            choice.click(timeout=10_000)
        except (AssertionError, PlaywrightTimeoutError):
            page.keyboard.press("Escape")
            continue
        conftest.wait_until_idle(page)
        return
    raise AssertionError(f"option {option!r} not offered in selectbox {key}")


def sign_out(page: Page) -> None:
    """Press "Uitloggen" beside the name and end the session at the provider (RP-initiated
    logout: Streamlit sends the browser to the provider's end-session page)."""
    page.locator(".st-key-logout button").click()
    page.get_by_role("button", name="End session").click()

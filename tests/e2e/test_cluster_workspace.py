"""Two replicas of the local cluster (`python -m deploy.local --postgres --secrets ...`) share
one PostgreSQL: Anna, pinned to replica r1, saves a team list; Bob, pinned to r2, sees it and
sets a status that Anna then reads on r1. Sign-in is a real OpenID Connect provider."""

from __future__ import annotations

import contextlib
import re
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, expect

from core.workspace import database, lists
from tests.e2e import conftest, oidc
from tests.e2e.test_cluster import REPLICA_COOKIE, ClusterInfo, _alive, _parse

LIST_NAME = "Gedeeld tussen replica's"


@contextlib.contextmanager
def _cluster(port: int, secrets: Path) -> Iterator[tuple[ClusterInfo, str]]:
    """The cluster with its own PostgreSQL; yields its info and the database URL."""
    log_file = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed in the finally below
        prefix="raadsradar-cluster-ws-", suffix=".log", delete=False
    )
    log_path = Path(log_file.name)
    command = [sys.executable, "-m", "deploy.local", "--replicas", "2", "--port", str(port)]
    command += ["--check-interval", "500ms", "--postgres", "--secrets", str(secrets)]
    process = subprocess.Popen(
        command, cwd=conftest.REPO_ROOT, stdout=log_file, stderr=subprocess.STDOUT
    )
    info = None
    try:
        deadline = time.monotonic() + 180
        while info is None or "database " not in log_path.read_text():
            text = log_path.read_text(encoding="utf-8", errors="replace")
            info = _parse(text, port)
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(
                    f"deploy.local did not start (status {process.poll()}):\n{text[-4000:]}"
                )
            time.sleep(0.25)
        url = re.search(r"^database (\S+)$", log_path.read_text(), re.M).group(1)
        yield info, url
    finally:
        process.send_signal(signal.SIGTERM)
        status = process.wait(timeout=90)
        log_file.close()
        text = log_path.read_text(encoding="utf-8", errors="replace")
        assert status == 0, f"deploy.local exited with {status}:\n{text[-3000:]}"
        if info is not None:
            left = [pid for _, pid in info.replicas.values() if _alive(pid)]
            assert left == [], f"deploy.local left replicas running: {left}"


def _pinned(browser: Browser, url: str, replica: str) -> BrowserContext:
    """A browser context whose sticky cookie sends it to `replica`."""
    context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="nl-NL")
    context.set_default_timeout(conftest.UI_TIMEOUT_MS)
    context.add_cookies([{"name": REPLICA_COOKIE, "value": replica, "url": url}])
    return context


def test_two_replicas_share_one_postgres(browser: Browser, tmp_path: Path) -> None:
    port = conftest._free_port()
    url = f"http://127.0.0.1:{port}"
    with (
        oidc.provider() as provider,
        _cluster(port, oidc.secrets_file(tmp_path, url, provider)) as (
            info,
            db_url,
        ),
    ):
        assert db_url.startswith("postgresql+psycopg://")
        anna_ctx, bob_ctx = _pinned(browser, url, "r1"), _pinned(browser, url, "r2")
        try:
            anna = anna_ctx.new_page()
            anna.goto(f"{url}/selectie?sel=GM0363,GM0599")
            conftest.wait_until_idle(anna)
            oidc.sign_in(anna, "anna")
            expect(anna).to_have_url(re.compile(r"/selectie\?.*sel=GM0363"))
            anna.locator(".st-key-team_list_name input").fill(LIST_NAME)
            anna.locator(".st-key-team_list_name input").press("Enter")
            conftest.wait_until_idle(anna)
            anna.locator(".st-key-team_list_save button").click()
            expect(anna.get_by_text("bewaard met 2 gemeenten")).to_be_visible()

            bob = bob_ctx.new_page()
            bob.goto(f"{url}/selectie")
            conftest.wait_until_idle(bob)
            oidc.sign_in(bob, "bob")
            expect(bob).to_have_url(re.compile(r"/selectie$"))
            cells = bob.locator('.st-key-team_lists [role="gridcell"]')
            expect(cells.filter(has_text=LIST_NAME)).to_have_count(1)
            oidc.choose(bob, "team_list_choice", re.escape(LIST_NAME))
            oidc.choose(bob, "team_entry_status", "^afspraak gepland$")
            bob.locator(".st-key-team_entry_save button").click()
            expect(bob.get_by_text("status afspraak gepland")).to_be_visible()

            # Each stayed on the replica it was pinned to.
            for context, replica in ((anna_ctx, "r1"), (bob_ctx, "r2")):
                cookies = {c["name"]: c["value"] for c in context.cookies()}
                assert cookies[REPLICA_COOKIE] == replica

            # Anna, on r1, reads Bob's change from the shared database.
            anna.reload()
            expect(anna.locator(".st-key-team_lists")).to_be_visible()
            oidc.choose(anna, "team_list_choice", re.escape(LIST_NAME))
            detail = anna.locator(".st-key-team_list_detail")
            expect(detail).to_contain_text("1 afspraak gepland")
            expect(detail.locator('[role="gridcell"]').filter(has_text="Bob Jansen")).to_have_count(
                1
            )
        finally:
            anna_ctx.close()
            bob_ctx.close()
        engine = database.create(db_url)
        try:
            assert [s.name for s in lists.all_lists(engine)] == [LIST_NAME]
        finally:
            engine.dispose()
    # The cluster's PostgreSQL stopped with it.
    with pytest.raises(database.Unavailable):
        lists.all_lists(database.create(db_url))

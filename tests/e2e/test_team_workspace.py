"""The team workspace in real browsers against a real OpenID Connect provider (its own process):
Anna signs in and saves her basket as a team list; Bob, in another browser context, signs in,
sees the list and opens it into his basket; an anonymous context sees nothing of it; after the
server restarts, the list is still there."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Locator, Page, expect

from tests.e2e import conftest, oidc

LIST_NAME = "Brabant, eerste ronde"
CODES = "GM0796,GM0855"  # 's-Hertogenbosch, Tilburg


@pytest.fixture(scope="module")
def provider() -> Iterator[str]:
    with oidc.provider() as url:
        yield url


def _context(browser: Browser) -> BrowserContext:
    context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="nl-NL")
    context.set_default_timeout(conftest.UI_TIMEOUT_MS)
    return context


def _page(context: BrowserContext, errors: list[str]) -> Page:
    page = context.new_page()
    page.on("pageerror", lambda error: errors.append(f"{page.url}: {error}"))
    return page


def _cell(where: Locator, text: str) -> Locator:
    """A table cell by its text (st.dataframe keeps cell texts in the DOM for assistive tech)."""
    return where.locator('[role="gridcell"]', has_text=re.compile(f"^{re.escape(text)}$"))


def _workspace(page: Page) -> None:
    page.locator(".st-key-team_list_save").scroll_into_view_if_needed()
    conftest.wait_until_idle(page)


def test_two_users_share_a_list_anonymous_sees_nothing_and_it_survives_a_restart(
    browser: Browser, provider: str, tmp_path: Path
) -> None:
    port = conftest._free_port()
    app_url = f"http://127.0.0.1:{port}"
    secrets = oidc.secrets_file(tmp_path, app_url, provider)
    env = {
        "STREAMLIT_SECRETS_FILES": str(secrets),
        "RAADSRADAR_STATE_DIR": str(tmp_path / "state"),
    }
    env.pop("RAADSRADAR_DATABASE_URL", None)
    anna_ctx, bob_ctx, anon_ctx = _context(browser), _context(browser), _context(browser)
    errors: list[str] = []
    try:
        with oidc.app(port, env):
            # Anna signs in on the Selectie page with a basket and comes back to it.
            anna = _page(anna_ctx, errors)
            anna.goto(f"{app_url}/selectie?sel={CODES}")
            conftest.wait_until_idle(anna)
            oidc.sign_in(anna, "anna")
            expect(anna).to_have_url(re.compile(r"/selectie\?.*sel=GM0796(%2C|,)GM0855"))
            _workspace(anna)
            anna.locator(".st-key-team_list_name input").fill(LIST_NAME)
            anna.locator(".st-key-team_list_name input").press("Enter")
            conftest.wait_until_idle(anna)
            anna.locator(".st-key-team_list_save button").click()
            expect(anna.get_by_text("bewaard met 2 gemeenten")).to_be_visible()

            # Bob signs in elsewhere, sees Anna's list and opens it into his (empty) basket.
            bob = _page(bob_ctx, errors)
            bob.goto(f"{app_url}/selectie")
            conftest.wait_until_idle(bob)
            oidc.sign_in(bob, "bob")
            expect(bob).to_have_url(re.compile(r"/selectie$"))  # back where he signed in
            _workspace(bob)
            lists = bob.locator(".st-key-team_lists")
            expect(_cell(lists, LIST_NAME)).to_have_count(1)
            expect(_cell(lists, "Anna de Vries")).to_have_count(2)  # owner, last change by
            expect(bob.locator(".st-key-basket_summary")).to_have_text(
                re.compile(r"^\s*0 gemeenten")
            )
            oidc.choose(bob, "team_list_choice", re.escape(LIST_NAME))
            bob.locator(".st-key-team_list_load button").click()
            expect(bob.locator(".st-key-basket_summary")).to_have_text(
                re.compile(r"^\s*2 gemeenten")
            )
            expect(bob).to_have_url(re.compile(r"sel=GM0796(%2C|,)GM0855"))
            assert "Brabant" not in bob.url  # the link carries codes, never the team's list

            # Anonymous: the sign-in button, and nothing of the team's work.
            anon = _page(anon_ctx, errors)
            anon.goto(f"{app_url}/selectie?sel={CODES}")
            expect(anon.locator(".st-key-login button")).to_be_visible()
            conftest.wait_until_idle(anon)
            assert anon.locator(".st-key-team_lists").count() == 0
            assert "Brabant, eerste" not in anon.content()
            assert "Anna de Vries" not in anon.content()
            # Anna signs out: back in the app anonymous, the team's lists gone from her screen.
            oidc.sign_out(anna)
            expect(anna).to_have_url(re.compile(rf"^{re.escape(app_url)}/"))
            conftest.wait_until_idle(anna)
            anna.goto(f"{app_url}/selectie")
            expect(anna.locator(".st-key-login button")).to_be_visible()
            conftest.wait_until_idle(anna)
            assert anna.locator(".st-key-team_lists").count() == 0
            assert anna.locator(".st-key-account").count() == 0
            for page in (anna, bob, anon):
                conftest.assert_no_error_elements(page)
            assert errors == []

        # The server restarts (same port, same state folder): Bob's cookie still signs him in
        # and the list is still there.
        with oidc.app(port, env):
            bob.goto(f"{app_url}/selectie")
            expect(bob.locator(".st-key-account")).to_contain_text("Bob Jansen")
            _workspace(bob)
            expect(_cell(bob.locator(".st-key-team_lists"), LIST_NAME)).to_have_count(1)
    finally:
        for context in (anna_ctx, bob_ctx, anon_ctx):
            context.close()

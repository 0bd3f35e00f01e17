"""Shared links: the very first request to a fresh server is a deep link with ?sel=."""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

import pytest
from playwright.sync_api import Page, expect

from tests.e2e import conftest

# A page other than home (test-contract.md lists its url path); change it if the page moves.
DEEP_LINK_PATH = "kaart"
BASKET = ".st-key-basket_summary"
# In Streamlit's old pages/ mode the navigation is generated from file names, home = "dashboard".
LEGACY_NAV_LINK = re.compile(r"^\s*dashboard\s*$", re.IGNORECASE)


def _basket_count_is(count: int) -> re.Pattern[str]:
    return re.compile(rf"^\s*{count}(?![\d.,])")


@pytest.mark.parametrize("path", [DEEP_LINK_PATH])
def test_deep_link_on_fresh_server_restores_basket_in_frame(
    fresh_server: str, page: Page, path: str
) -> None:
    page.goto(f"{fresh_server}/{path}?sel=GM0363")

    basket = page.locator(BASKET)
    legacy_link = page.get_by_role("link", name=LEGACY_NAV_LINK)
    # Either the frame or the legacy navigation shows up; wait for whichever comes first so the
    # legacy-mode failure is reported at once instead of as a timeout.
    expect(basket.or_(legacy_link).first).to_be_visible()
    conftest.wait_until_idle(page)

    links = page.get_by_role("link").all_inner_texts()
    assert legacy_link.count() == 0, (
        f"navigation lists 'dashboard' (links: {links}): Streamlit ran {path}.py in its old "
        "pages/ mode, without the frame (platform-notes.md)"
    )
    expect(basket).to_be_visible()
    expect(basket).to_have_text(_basket_count_is(1), use_inner_text=True)

    url = urlsplit(page.url)
    assert url.path.rstrip("/").endswith(f"/{path}"), (
        f"deep link /{path} ended on {page.url}: does the page {path!r} exist?"
    )
    assert "GM0363" in unquote(url.query), f"the URL no longer carries the basket: {page.url}"
    conftest.assert_no_error_elements(page)
    assert page.page_errors == [], f"uncaught page errors: {page.page_errors}"


def test_unknown_code_in_link_is_dropped_and_reported(fresh_server: str, page: Page) -> None:
    page.goto(f"{fresh_server}/?sel=GM0363,GM9999")

    basket = page.locator(BASKET)
    expect(basket).to_be_visible()
    expect(basket).to_have_text(_basket_count_is(1), use_inner_text=True)
    # The user is told which code from the link was not used.
    expect(page.locator('[data-testid="stMain"]')).to_contain_text("GM9999")

    conftest.wait_until_idle(page)
    conftest.assert_no_error_elements(page)
    assert page.page_errors == [], f"uncaught page errors: {page.page_errors}"

"""Twenty concurrent sessions on one server (loopback only): no errors, and no session sees
another's basket."""

from __future__ import annotations

import re

from playwright.sync_api import Browser, expect

from tests.e2e import conftest

SESSIONS = 20
# Twenty gemeenten with distinct, unambiguous names (code -> name).
GEMEENTEN = {
    "GM0014": "Groningen",
    "GM0034": "Almere",
    "GM0037": "Stadskanaal",
    "GM0047": "Veendam",
    "GM0050": "Zeewolde",
    "GM0059": "Achtkarspelen",
    "GM0060": "Ameland",
    "GM0072": "Harlingen",
    "GM0074": "Heerenveen",
    "GM0080": "Leeuwarden",
    "GM0085": "Ooststellingwerf",
    "GM0086": "Opsterland",
    "GM0088": "Schiermonnikoog",
    "GM0090": "Smallingerland",
    "GM0093": "Terschelling",
    "GM0096": "Vlieland",
    "GM0098": "Weststellingwerf",
    "GM0106": "Assen",
    "GM0109": "Coevorden",
    "GM0114": "Emmen",
}


def test_twenty_sessions_keep_their_own_basket(app_server: str, browser: Browser) -> None:
    assert len(GEMEENTEN) == SESSIONS
    contexts, pages = [], []
    try:
        for code in GEMEENTEN:
            context = browser.new_context(viewport={"width": 1200, "height": 800})
            context.set_default_timeout(conftest.UI_TIMEOUT_MS)
            page = context.new_page()
            errors: list[str] = []
            page.on("pageerror", lambda e, errors=errors: errors.append(str(e)))
            page.errors = errors
            page.goto(f"{app_server}/groepen?sel={code}")
            contexts.append(context)
            pages.append(page)
        for name, page in zip(GEMEENTEN.values(), pages, strict=True):
            basket = page.locator(".st-key-basket_summary")
            expect(basket).to_have_text(
                re.compile(rf"^\s*1 gemeente in de selectie\s*{re.escape(name)}\s*$")
            )
        # A few reruns in every session: switch the group twice, and back.
        for page in pages:
            page.locator(".st-key-group").get_by_text("Mensen met een migratieachtergrond").click()
        for page in pages:
            page.locator(".st-key-group").get_by_text("Vrouwen").click()
        for (code, name), page in zip(GEMEENTEN.items(), pages, strict=True):
            conftest.wait_until_idle(page)
            expect(page.locator(".st-key-basket_summary")).to_have_text(
                re.compile(rf"^\s*1 gemeente in de selectie\s*{re.escape(name)}\s*$")
            )
            assert f"sel={code}" in page.url
            conftest.assert_no_error_elements(page)
            assert page.errors == []
    finally:
        for context in contexts:
            context.close()

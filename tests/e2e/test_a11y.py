"""Accessibility (WCAG 2.1 AA) in real Chromium: axe-core on every page, before and after a typical
interaction, with zero violations of any impact."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from tests.e2e import conftest

# WCAG 2.0/2.1 A and AA rules (axe tags), plus axe's best practices (headings, landmarks).
AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
    }
}


def _interact_kaart(page: Page) -> None:
    page.locator(".st-key-indicator").get_by_role("combobox").click()
    # The list opens on 2026 and shows only its first options: type to find 2022, as a
    # user would.
    page.keyboard.type("Vrouwen in de raad (2022)")
    page.get_by_role("option", name=re.compile(r"Vrouwen in de raad \(2022\)")).click()
    expect(page).to_have_url(re.compile("indicator=women_council_share_2022"))


def _interact_groepen(page: Page) -> None:
    page.locator(".st-key-group").get_by_text("Mensen met een beperking").click()
    expect(page.get_by_text("Geen gegevens per gemeente")).to_be_visible()


def _interact_overview(page: Page) -> None:
    page.locator(".st-key-overview_measure").get_by_text(
        "Aandeel lijsten korter dan de raad (2026)"
    ).click()
    # The legend (bold label) follows the new measure; during the rerun Streamlit keeps a stale
    # copy of the chart next to the new one, so wait for a single, painted map.
    expect(
        page.locator("strong", has_text="Aandeel lijsten korter dan de raad (2026)")
    ).to_be_visible()
    conftest.wait_until_idle(page)
    conftest.wait_for_map_paint(page, ".st-key-overview_map .js-plotly-plot", min_features=100)


def _interact_staffel(page: Page) -> None:
    page.locator(".st-key-staffel_map_measure label").nth(1).click()
    conftest.wait_until_idle(page)


def _interact_selectie(page: Page) -> None:
    page.goto(page.url.split("?")[0] + "?sel=GM0363,GM0599")
    expect(page.locator(".st-key-basket_summary")).to_have_text(re.compile(r"^\s*2 gemeenten"))


def _interact_data(page: Page) -> None:
    page.get_by_text("Sjabloon: alle 342 gemeenten met lege kolommen").click()
    conftest.wait_until_idle(page)


def _interact_presenteren(page: Page) -> None:
    page.locator(".st-key-present_next button").first.click()
    conftest.wait_until_idle(page)


PAGES = {
    "": _interact_overview,
    "kaart": _interact_kaart,
    "groepen": _interact_groepen,
    "selectie": _interact_selectie,
    "staffel": _interact_staffel,
    "data": _interact_data,
    "presenteren": _interact_presenteren,
}


SETTLED_JS = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  const idle = app && app.getAttribute('data-test-script-state') === 'notRunning';
  const stale = document.querySelectorAll('[data-stale="true"]').length;
  const ok = idle && stale === 0;
  window.__settled = ok ? (window.__settled || 0) + 1 : 0;
  return window.__settled >= 3;
}"""


def _scan(page: Page) -> list[dict]:
    # Streamlit dims elements of a running script (data-stale); scan only a settled page:
    # idle and nothing stale at three polls in a row.
    conftest.wait_until_idle(page)
    page.wait_for_function(SETTLED_JS, polling=300)
    result = Axe().run(page, options=AXE_OPTIONS)
    return [
        {"rule": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"][:3]]}
        for v in result.response["violations"]
    ]


@pytest.mark.parametrize("path", list(PAGES))
def test_page_has_no_axe_violations_before_and_after_interaction(
    app_server: str, page: Page, path: str
) -> None:
    page.goto(f"{app_server}/{path}")
    expect(page.locator(".st-key-basket_summary")).to_be_visible()
    if path in ("", "kaart"):
        selector = (
            ".st-key-overview_map .js-plotly-plot" if path == "" else ".st-key-map .js-plotly-plot"
        )
        conftest.wait_for_map_paint(page, selector, min_features=100)
    before = _scan(page)
    assert before == [], f"/{path} default state: {before}"
    if PAGES[path]:
        PAGES[path](page)
        after = _scan(page)
        assert after == [], f"/{path} after interaction: {after}"

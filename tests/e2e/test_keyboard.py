"""Keyboard only: from the overview, reach the map page, add a gemeente to the basket, and
trigger the Excel export, without the mouse."""

from __future__ import annotations

import re

import openpyxl
from playwright.sync_api import Page, expect

from tests.e2e import conftest

MAX_TABS = 250


def _tab_to(page: Page, selector: str) -> None:
    """Press Tab until the focused element is inside `selector` (bounded)."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        inside = page.evaluate(
            "(s) => { const a = document.activeElement; return !!(a && a.closest(s)); }", selector
        )
        if inside:
            return
    raise AssertionError(f"{selector} not reachable with {MAX_TABS} presses of Tab")


def test_keyboard_only_map_basket_and_export(app_server: str, page: Page, tmp_path) -> None:
    page.goto(app_server)
    conftest.wait_until_idle(page)
    expect(page.locator(".st-key-basket_summary")).to_have_text(re.compile(r"^\s*0 "))

    # Sidebar link to the map page.
    _tab_to(page, '.st-key-navigation a[href="kaart"]')
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/kaart"))
    conftest.wait_until_idle(page)

    # Streamlit loads each widget's code lazily (a grey skeleton until then) and the map page
    # draws its map first: wait until the map has painted and the selector is a real input.
    conftest.wait_for_map_paint(page, ".st-key-map .js-plotly-plot", min_features=100)
    expect(page.locator(".st-key-pick input")).to_be_visible()

    # The searchable selector: type a name, choose it with Enter, then the add button.
    _tab_to(page, ".st-key-pick input")
    page.keyboard.type("Vlieland")
    expect(page.get_by_role("option", name=re.compile(r"^Vlieland"))).to_be_visible()
    # Enter alone would take every fuzzy match; the arrow key picks the first one.
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    expect(page.locator(".st-key-pick")).to_contain_text("Vlieland")
    _tab_to(page, ".st-key-pick_add button")
    page.keyboard.press("Enter")
    expect(page.locator(".st-key-basket_summary")).to_have_text(
        re.compile(r"^\s*1 gemeente in de selectie\s*Vlieland")
    )
    conftest.wait_until_idle(page)

    # To the selection page and the Excel export.
    page.locator("body").focus()
    _tab_to(page, '.st-key-navigation a[href="selectie"]')
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/selectie"))
    conftest.wait_until_idle(page)
    _tab_to(page, ".st-key-export_xlsx button")
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    sheet = openpyxl.load_workbook(path)["Selectie"]
    header = [c.value for c in sheet[1]]
    rows = [dict(zip(header, r, strict=True)) for r in sheet.iter_rows(min_row=2, values_only=True)]
    assert [r["Code"] for r in rows] == ["GM0096"]
    conftest.assert_no_error_elements(page)
    assert page.page_errors == []

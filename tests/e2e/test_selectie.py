"""Selectie page in real Chromium: rows of the ranking fill the basket; the Excel download opens."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import openpyxl
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from tests.e2e import conftest
from tests.e2e.test_a11y import AXE_OPTIONS, SETTLED_JS

RANKING = ".st-key-ranking"
BASKET = ".st-key-basket_summary"
BASKET_MAP = ".st-key-basket_map .js-plotly-plot"
ROW_HEIGHT = 35  # Streamlit's default data grid row (and header) height in px
MARKER_X = 16  # the row-selection checkbox column at the grid's left edge


def _count(page: Page) -> int:
    text = page.locator(BASKET).inner_text().strip()
    return int(re.match(r"\d+", text).group())


def _click_row(page: Page, row: int) -> None:
    """Tick the selection checkbox of a data row (0 = first row under the header)."""
    box = page.locator(RANKING).bounding_box()
    page.mouse.click(box["x"] + MARKER_X, box["y"] + ROW_HEIGHT * (row + 1) + ROW_HEIGHT / 2)


def test_select_rows_then_download_excel(app_server: str, page: Page, tmp_path) -> None:
    page.goto(f"{app_server}/selectie")
    expect(page.locator(RANKING)).to_be_visible()
    conftest.wait_until_idle(page)
    assert _count(page) == 0
    expect(page.locator(".st-key-export_xlsx button")).to_be_disabled()

    page.locator(RANKING).scroll_into_view_if_needed()
    _click_row(page, 0)
    expect(page.locator(BASKET)).to_have_text(re.compile(r"^\s*1 gemeente\b"))
    conftest.wait_until_idle(page)
    _click_row(page, 2)
    expect(page.locator(BASKET)).to_have_text(re.compile(r"^\s*2 gemeenten"))
    conftest.wait_until_idle(page)
    expect(page).to_have_url(re.compile(r"[?&]sel=GM\d{4}(%2C|,)GM\d{4}"))
    names = page.locator(BASKET).inner_text()
    # The small basket map paints, with exactly the basket outlined.
    state = conftest.wait_for_map_paint(page, BASKET_MAP, min_features=10)
    assert state["type"] == "choroplethmap"
    basket_trace = page.evaluate(
        "(s) => Array.from(document.querySelector(s).data.find(d => d.name === '').locations)",
        BASKET_MAP,
    )
    assert sorted(basket_trace) == sorted(parse_qs(urlsplit(page.url).query)["sel"][0].split(","))

    button = page.locator(".st-key-export_xlsx button")
    expect(button).to_be_enabled()
    button.scroll_into_view_if_needed()
    with page.expect_download() as info:
        button.click()
    download = info.value
    assert download.suggested_filename.endswith(".xlsx")
    path = tmp_path / download.suggested_filename
    download.save_as(path)

    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Selectie", "Politiek Actief", "Toelichting"]
    sheet = book["Selectie"]
    assert sheet.freeze_panes == "A2"
    header = [c.value for c in sheet[1]]
    rows = [dict(zip(header, r, strict=True)) for r in sheet.iter_rows(min_row=2, values_only=True)]
    assert len(rows) == 2
    # The first and third rows of the ranking, best rank first.
    assert [r["Rang in Nederland"] for r in rows] == [1, 3]
    assert [r["Rang binnen de filters"] for r in rows] == [1, 3]  # no filter: the same
    assert [r["Code"] for r in rows] == parse_qs(urlsplit(page.url).query)["sel"][0].split(",")
    for row in rows:
        assert row["Gemeente"] in names
        assert isinstance(row["Score (0-100)"], float)
        assert isinstance(row["Inwoners (2024)"], int)
    conftest.assert_no_error_elements(page)
    assert page.page_errors == []
    assert conftest.unexpected_console_errors(page) == []


def _axe(page: Page) -> list[dict]:
    conftest.wait_until_idle(page)
    page.wait_for_function(SETTLED_JS, polling=300)
    result = Axe().run(page, options=AXE_OPTIONS)
    return [
        {"rule": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"][:3]]}
        for v in result.response["violations"]
    ]


def test_no_axe_violations_with_and_without_a_basket(app_server: str, page: Page) -> None:
    page.goto(f"{app_server}/selectie")
    expect(page.locator(RANKING)).to_be_visible()
    assert _axe(page) == []
    page.goto(f"{app_server}/selectie?sel=GM0363,GM0599")
    conftest.wait_for_map_paint(page, BASKET_MAP, min_features=10)
    expect(page.locator(BASKET)).to_have_text(re.compile(r"^\s*2 gemeenten"))
    assert _axe(page) == []

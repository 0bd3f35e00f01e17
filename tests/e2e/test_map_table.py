"""Kaart: one tick in the map's table adds a gemeente, without redrawing the map (item 12)."""

from __future__ import annotations

import re

from playwright.sync_api import Page, WebSocket, expect

from tests.e2e import conftest

BASKET = ".st-key-basket_summary"
TABLE = ".st-key-map_table"


def test_one_tick_adds_to_basket_without_a_full_rerun(app_server: str, page: Page) -> None:
    received: list[int] = []

    def on_socket(ws: WebSocket) -> None:
        ws.on("framereceived", lambda payload: received.append(len(payload)))

    page.on("websocket", on_socket)
    page.goto(f"{app_server}/kaart")
    expect(page.locator(BASKET)).to_have_text(re.compile(r"^\s*0 gemeenten"), use_inner_text=True)
    conftest.wait_for_map_paint(page, ".st-key-map .js-plotly-plot", 300)
    conftest.wait_until_idle(page)
    page.locator(".st-key-kaart_table_open summary").click()  # the table opens on demand
    table = page.locator(TABLE)
    expect(table.locator('[role="gridcell"]').first).to_be_attached()
    first_name = table.locator('[role="gridcell"]').first.text_content()
    conftest.wait_until_idle(page)
    page_load = sum(received)
    table.scroll_into_view_if_needed()
    box = table.bounding_box()
    assert box is not None
    received.clear()

    # The row-selection checkbox sits in the first column; the first data row is under the
    # header row (about 35 px each).
    page.mouse.click(box["x"] + 18, box["y"] + 35 + 17)

    expect(page.locator(BASKET)).to_have_text(re.compile(r"^\s*1 gemeente\b"), use_inner_text=True)
    expect(page.locator(BASKET)).to_contain_text(first_name)
    conftest.wait_until_idle(page)
    assert "sel=GM" in page.url
    assert not page.locator(".st-key-table_add").count(), "a second 'toevoegen' step is back"
    # A full rerun sends the map (its GeoJSON) again; the table's own fragment does not.
    assert sum(received) < page_load / 4, (
        f"{sum(received)} bytes after one tick vs {page_load} for the whole page: "
        "the tick reran the page, not only the table"
    )
    conftest.assert_no_error_elements(page)
    assert page.page_errors == []

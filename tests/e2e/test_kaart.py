"""Map explorer in real Chromium: the map paints, a box selection fills the basket, links restore."""

from __future__ import annotations

import html
import re
from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import Page, expect

from tests.e2e import conftest

MAP = ".st-key-map .js-plotly-plot"
BASKET = ".st-key-basket_summary"


def _count(page: Page) -> int:
    text = page.locator(BASKET).inner_text().strip()
    return int(re.match(r"\d+", text).group())


def test_box_selection_adds_gemeenten_to_basket_and_url(app_server: str, page: Page) -> None:
    page.goto(f"{app_server}/kaart")
    state = conftest.wait_for_map_paint(page, MAP, min_features=100)
    assert state["type"] == "choroplethmap"
    conftest.wait_until_idle(page)
    assert _count(page) == 0
    conftest.drag_box(page, MAP, dx=80, dy=60)
    expect(page.locator(BASKET)).not_to_have_text(re.compile(r"^\s*0\b"))
    conftest.wait_until_idle(page)
    count = _count(page)
    assert 1 <= count < 342
    expect(page).to_have_url(re.compile(r"[?&]sel=GM\d{4}"))
    codes = parse_qs(urlsplit(page.url).query)["sel"][0].split(",")
    assert len(codes) == count
    # Basket members are outlined on the map: the outline trace lists exactly the basket.
    outlined = page.evaluate(
        "(s) => { const gd = document.querySelector(s); const t = gd.data.find(d => d.name === 'selectie');"
        " return t ? Array.from(t.locations) : []; }",
        MAP,
    )
    assert sorted(outlined) == sorted(codes)
    conftest.assert_no_error_elements(page)
    assert page.page_errors == []


def test_link_restores_indicator_and_basket(app_server: str, page: Page) -> None:
    page.goto(f"{app_server}/kaart?indicator=origin_outside_europe_share_2024&sel=GM0363,GM0599")
    conftest.wait_for_map_paint(page, MAP, min_features=100)
    conftest.wait_until_idle(page)
    expect(page.locator(BASKET)).to_have_text(re.compile(r"^\s*2 gemeenten"))
    combobox = page.locator(".st-key-indicator").get_by_role("combobox")
    expect(combobox).to_have_value(re.compile("herkomst buiten Europa"))
    # The legend and the map's values belong to that indicator (Amsterdam: 42,6%).
    hover = page.evaluate(
        "(s) => { const gd = document.querySelector(s); const t = gd.data.find(d => d.name === '');"
        " const i = Array.from(t.locations).indexOf('GM0363'); return Array.from(t.customdata[i]).join(' '); }",
        MAP,
    )
    # Plotly shows the &#37; that core.safe.plotly writes for "%" as "%".
    assert "42,6%" in html.unescape(hover)
    conftest.assert_no_error_elements(page)


def test_changing_indicator_repaints_the_map(app_server: str, page: Page) -> None:
    page.goto(f"{app_server}/kaart")
    conftest.wait_for_map_paint(page, MAP, min_features=100)
    conftest.wait_until_idle(page)
    # The combobox, not its container: until Streamlit has loaded the widget's code the container
    # holds a skeleton, and a click on it is lost.
    page.locator(".st-key-indicator").get_by_role("combobox").click()
    # The list opens on 2026 and shows only its first options: type to find 2022, as a
    # user would.
    page.keyboard.type("Vrouwen in de raad (2022)")
    page.get_by_role("option", name=re.compile("Vrouwen in de raad \\(2022\\)")).click()
    expect(page).to_have_url(re.compile(r"indicator=women_council_share_2022"))
    conftest.wait_until_idle(page)
    conftest.wait_for_map_paint(page, MAP, min_features=100)
    conftest.assert_no_error_elements(page)


def _trace_colors(page: Page) -> list[tuple[int, int, int]]:
    scale = page.evaluate(
        "(s) => { const gd = document.querySelector(s); const t = gd.data.find(d => d.name === '');"
        " return Array.from(t.colorscale).map(p => p[1]); }",
        MAP,
    )
    colors = []
    for color in scale:
        if color.startswith("#"):
            colors.append(tuple(int(color[i : i + 2], 16) for i in (1, 3, 5)))
        else:  # rgb(r, g, b)
            colors.append(tuple(int(v) for v in re.findall(r"\d+", color)[:3]))
    return colors


def test_kaart_opens_on_2026_and_the_change_is_diverging(app_server: str, page: Page) -> None:
    """Issue 22: the map opens on candidates per seat 2026; the change since 2022 is drawn with a
    palette centred on 0 (warm = fewer candidates per seat than in 2022, cool = more)."""
    page.goto(f"{app_server}/kaart")
    conftest.wait_for_map_paint(page, MAP, min_features=100)
    conftest.wait_until_idle(page)
    combobox = page.locator(".st-key-indicator").get_by_role("combobox")
    expect(combobox).to_have_value(re.compile(r"Kandidaten per raadszetel \(2026\)"))
    sequential = _trace_colors(page)
    assert not (
        any(r - b > 40 for r, _, b in sequential) and any(b - r > 40 for r, _, b in sequential)
    ), sequential

    page.goto(f"{app_server}/kaart?indicator=candidates_per_seat_change_2022_2026")
    conftest.wait_for_map_paint(page, MAP, min_features=100)
    conftest.wait_until_idle(page)
    expect(combobox).to_have_value(re.compile("Verandering kandidaten per raadszetel"))
    diverging = _trace_colors(page)
    assert any(r - b > 40 for r, _, b in diverging), diverging  # fewer than in 2022
    assert any(b - r > 40 for r, _, b in diverging), diverging  # more than in 2022
    # Coevorden: 3.48 -> 2.76 candidates per seat, a warm (fewer) class.
    hover = page.evaluate(
        "(s) => { const gd = document.querySelector(s); const t = gd.data.find(d => d.name === '');"
        " const i = Array.from(t.locations).indexOf('GM0109'); return Array.from(t.customdata[i]).join(' '); }",
        MAP,
    )
    assert "−0,7" in hover, hover
    conftest.assert_no_error_elements(page)

"""The women dot chart: no gemeente name is cut off at the left, in the app and on the slide."""

from __future__ import annotations

import datetime as dt

import plotly.io as pio
import pytest
from playwright.sync_api import Browser, Page, expect

from core import bundle, groups
from core.charts import figures, static_map
from core.outputs import slide_model, slides

LONG_NAMES = ["Súdwest-Fryslân", "Noardeast-Fryslân", "Sint-Michielsgestel", "Westerkwartier"]

TICKS_JS = """() => Array.from(document.querySelectorAll('.ytick text')).map((t) => {
  const r = t.getBoundingClientRect();
  const svg = t.ownerSVGElement.getBoundingClientRect();
  return {text: t.textContent, left: r.left - svg.left};
})"""


@pytest.fixture(scope="module")
def tables() -> dict:
    return {name: bundle.load_table(name) for name in bundle.TABLES}


def _codes(tables: dict) -> list[str]:
    g = tables["gemeenten"].set_index("name")
    return [g.at[name, "code"] for name in LONG_NAMES]


def _ticks(browser: Browser, fig: object, width: int, height: int) -> list[dict]:
    page = browser.new_page(viewport={"width": width + 40, "height": height + 40})
    try:
        page.set_content(
            pio.to_html(
                fig,
                include_plotlyjs=True,
                full_html=True,
                default_width=width,
                default_height=height,
            )
        )
        page.wait_for_selector(".ytick text")
        return page.evaluate(TICKS_JS)
    finally:
        page.close()


def _assert_whole(ticks: list[dict]) -> None:
    assert {t["text"] for t in ticks} >= set(LONG_NAMES), ticks
    clipped = [t for t in ticks if t["left"] < 0]
    assert clipped == [], f"tick labels start left of the picture: {clipped}"


def test_app_dot_chart_keeps_long_names_whole(browser: Browser, tables: dict) -> None:
    women = groups.women(tables)
    part = women.loc[_codes(tables)].assign(name=LONG_NAMES)
    fig = figures.dumbbell(part, group_label="vrouwen")
    _assert_whole(_ticks(browser, fig, 700, 400))


def test_slide_dot_chart_keeps_long_names_whole(browser: Browser, tables: dict) -> None:
    geo = bundle.load_table("gemeenten_geo")
    ctx = slide_model.Context(
        tables=tables,
        shapes=static_map.rings(geo),
        provinces=static_map.rings(bundle.load_table("provincies_geo"), key="province_code"),
        points=static_map.anchors(geo),
        made_on=dt.date(2026, 3, 18),
        basket=tuple(_codes(tables)),
    )
    fig = slides.build("groups", ctx).figure
    _assert_whole(_ticks(browser, fig, 1200, 700))


def test_groups_page_dot_chart_keeps_names_whole(app_server: str, page: Page) -> None:
    """In the app on a narrow screen, where names were cut to 'p', 'al' and ')'."""
    page.set_viewport_size({"width": 480, "height": 900})
    page.goto(f"{app_server}/groepen")
    chart = page.locator(".st-key-groups_dumbbell")
    chart.scroll_into_view_if_needed()
    expect(chart.locator(".ytick text").first).to_be_attached()
    ticks = chart.evaluate(
        """(el) => Array.from(el.querySelectorAll('.ytick text')).map((t) => {
          const r = t.getBoundingClientRect();
          const svg = t.ownerSVGElement.getBoundingClientRect();
          return {text: t.textContent, left: r.left - svg.left};
        })"""
    )
    assert len(ticks) >= 10, ticks
    clipped = [t for t in ticks if t["left"] < 0]
    assert clipped == [], f"tick labels start left of the chart: {clipped}"

"""The women dot chart: no gemeente name is cut off at the left, in the app and on the slide.

Names were cut to their last letters ('p' of Gennep) because the chart had a fixed 10 px left
margin and only plotly's own template asks for automargin: in the app Streamlit's template is
the default (importing streamlit sets `plotly.io.templates.default = "streamlit"`), which does
not, and the server also builds the slides' pictures. The tests build the figures under both
templates and measure the labels in the browser and in the slide's rendered picture.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator

import numpy as np
import plotly.io as pio
import pytest
from PIL import Image
from playwright.sync_api import Browser, Page, expect

from core import bundle, groups
from core.charts import figures, static_map
from core.outputs import images, slide_model, slides

LONG_NAMES = [
    "Súdwest-Fryslân",
    "Midden-Groningen",
    "Alphen-Chaam",
    "Noardeast-Fryslân",
    "Sint-Michielsgestel",
]
# The slide marks a gemeente whose councillors' gender is uncertain with this sign.
UNCERTAIN_MARK = " ⚠"

TICKS_JS = """() => Array.from(document.querySelectorAll('.ytick text')).map((t) => {
  const r = t.getBoundingClientRect();
  const svg = t.ownerSVGElement.getBoundingClientRect();
  return {text: t.textContent, left: r.left - svg.left};
})"""


@pytest.fixture(scope="module")
def tables() -> dict:
    return {name: bundle.load_table(name) for name in bundle.TABLES}


@pytest.fixture(params=["plotly", "streamlit"])
def template(request: pytest.FixtureRequest) -> Iterator[str]:
    """Build figures under plotly's template (the CLI) and Streamlit's (the app and its slides)."""
    from streamlit.elements.lib import streamlit_plotly_theme

    streamlit_plotly_theme.configure_streamlit_plotly_theme()
    before = pio.templates.default
    pio.templates.default = request.param
    try:
        yield request.param
    finally:
        pio.templates.default = before


def _codes(tables: dict) -> list[str]:
    g = tables["gemeenten"].set_index("name")
    return [g.at[name, "code"] for name in LONG_NAMES]


def _app_figure(tables: dict) -> object:
    women = groups.women(tables)
    return figures.dumbbell(
        women.loc[_codes(tables)].assign(name=LONG_NAMES), group_label="vrouwen"
    )


def _slide_figure(tables: dict) -> object:
    geo = bundle.load_table("gemeenten_geo")
    ctx = slide_model.Context(
        tables=tables,
        shapes=static_map.rings(geo),
        provinces=static_map.rings(bundle.load_table("provincies_geo"), key="province_code"),
        points=static_map.anchors(geo),
        made_on=dt.date(2026, 3, 18),
        basket=tuple(_codes(tables)),
    )
    return slides.build("groups", ctx).figure


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
    names = {t["text"].removesuffix(UNCERTAIN_MARK) for t in ticks}
    assert names >= set(LONG_NAMES), ticks
    clipped = [t for t in ticks if t["left"] < 0]
    assert clipped == [], f"tick labels start left of the picture: {clipped}"


@pytest.mark.parametrize("width", [480, 700])
def test_app_dot_chart_keeps_long_names_whole(
    browser: Browser, tables: dict, template: str, width: int
) -> None:
    _assert_whole(_ticks(browser, _app_figure(tables), width, 400))


def test_slide_dot_chart_keeps_long_names_whole(
    browser: Browser, tables: dict, template: str
) -> None:
    fig = _slide_figure(tables)
    # The slide says which gemeenten have an uncertain gender count (2026: Súdwest-Fryslân ...).
    assert any(str(name).endswith(UNCERTAIN_MARK) for name in fig.data[-1].y)
    _assert_whole(_ticks(browser, fig, 1200, 700))


def test_slide_picture_keeps_long_names_whole(tables: dict, template: str) -> None:
    """The picture that goes on the PowerPoint slide (kaleido in the server's Chromium): the
    text of the longest name starts inside the picture, with white space before it."""
    fig = _slide_figure(tables)
    png = images.render_png([fig], 1280, slide_model.MAP_HEIGHT)[0]
    grey = np.asarray(Image.open(io.BytesIO(png)).convert("L"))
    # Rows of the name labels: below the legend and above the x-axis title.
    ink = np.where((grey[60:-80] < 128).any(axis=0))[0]
    assert ink.size, "nothing drawn"
    assert ink.min() >= 8, f"ink in column {ink.min()}: a name runs off the left edge"


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

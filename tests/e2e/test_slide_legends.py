"""The two-indicator map's legend on the presentation screen: no class label over another.

Issue 27: on Presenteren the 3 × 3 legend printed its class ranges over each other. The slide's
figure is drawn by plotly in Chromium at the stage's sizes, for the country, a province and a
basket, and every text of the legend is measured against the others and the grid's cells.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from collections.abc import Iterator

import plotly.io as pio
import pytest
from playwright.sync_api import Browser, Page

from core.outputs import slide_model, slides
from tests.core import slide_context

# A class range as the legend shows it: 'tot 5,5', '5,5 tot' + '6,9' (two lines), 'vanaf 6,9'.
RANGE = re.compile(r"^(?:(?:tot|vanaf) −?\d[\d.,]*|−?\d[\d.,]* tot\s?−?\d[\d.,]*)$")

BOXES_JS = """() => {
  const svg = document.querySelector('.main-svg').getBoundingClientRect();
  const box = (el) => { const r = el.getBoundingClientRect();
    return {x0: r.left - svg.left, y0: r.top - svg.top, x1: r.right - svg.left,
            y1: r.bottom - svg.top}; };
  return {
    width: svg.width, height: svg.height,
    texts: Array.from(document.querySelectorAll('.annotation-text')).map((t) =>
      ({text: t.textContent, ...box(t)})),
    cells: Array.from(document.querySelectorAll('.shapelayer path')).map(box),
  };
}"""


@pytest.fixture(scope="module")
def base() -> slide_model.Context:
    return slide_context.on_bundle(dt.date(2026, 12, 3))


@pytest.fixture(scope="module")
def plot_page(browser: Browser) -> Iterator[Page]:
    """One page with plotly.js loaded; each test draws its figure into it."""
    page = browser.new_page(viewport={"width": 1300, "height": slide_model.MAP_HEIGHT + 40})
    page.set_content(pio.to_html({"data": [], "layout": {}}, include_plotlyjs=True, div_id="fig"))
    page.wait_for_function("() => window.Plotly !== undefined")
    yield page
    page.close()


def _apart(a: dict, b: dict) -> bool:
    return (
        a["x1"] <= b["x0"] + 1
        or b["x1"] <= a["x0"] + 1
        or a["y1"] <= b["y0"] + 1
        or (b["y1"] <= a["y0"] + 1)
    )


@pytest.mark.parametrize("width", [700, 900, 1200])
@pytest.mark.parametrize("area", ["", "Limburg", "selectie"])
def test_bivariate_legend_labels_stand_apart(
    plot_page: Page, base: slide_model.Context, width: int, area: str
) -> None:
    g = base.tables["gemeenten"]
    basket = tuple(g.loc[g["province_name"] == "Noord-Brabant", "code"]) if area else ()
    fig = slides.build("bivariate", dataclasses.replace(base, zoom=area, basket=basket)).figure
    fig.update_layout(width=width, height=slide_model.MAP_HEIGHT)
    plot_page.evaluate(
        "(spec) => Plotly.newPlot('fig', spec.data, spec.layout)", json.loads(fig.to_json())
    )
    found = plot_page.evaluate(BOXES_JS)
    texts = [t for t in found["texts"] if t["text"].strip()]
    ranges = [t for t in texts if RANGE.match(t["text"])]
    assert len(ranges) == 6, texts  # three classes on each axis
    for i, a in enumerate(texts):
        # Inside the figure, and clear of every other text.
        assert a["x0"] >= -1 and a["x1"] <= found["width"] + 1, a
        assert a["y0"] >= -1 and a["y1"] <= found["height"] + 1, a
        for b in texts[i + 1 :]:
            if a["text"].isdigit() or b["text"].isdigit():
                continue  # the counts stand inside their cells
            assert _apart(a, b), f"'{a['text']}' over '{b['text']}' at {width} px"
        if not a["text"].isdigit():
            for cell in found["cells"]:
                assert _apart(a, cell), f"'{a['text']}' over a cell at {width} px"

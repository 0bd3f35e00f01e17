"""The offline HTML pack: self-contained, no external resource references, escaped text.

What counts as an external resource reference: anything the browser would fetch by itself when
it opens the file. In markup that is an element attribute that loads something (src, href of
<link>, data, poster, srcset, background, action...) and in CSS url() and @import. Plotly's
inlined library contains "https://" inside its code (e.g. the topojson CDN used only by
`geo` traces, which the pack does not use); that is code, not a reference, and is checked where
it matters: the browser test opens the pack from file:// with the network blocked and records
every request (tests/e2e/test_presenteren.py).
"""

from __future__ import annotations

import datetime as dt
import html.parser
import re

import pytest

from core import bundle, safe
from core.charts import static_map
from core.outputs import offline_html, slide_model, slides

DAY = dt.date(2026, 3, 18)
EVIL = '<script>alert("x")</script> & <img src="https://example.org/x.png">'
LOADING_ATTRIBUTES = {"src", "data", "poster", "srcset", "background", "action", "formaction"}


class _Collector(html.parser.HTMLParser):
    """Tags, loading attributes, link hrefs, style texts and scripts of a document."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.loads: list[tuple[str, str, str]] = []
        self.anchors: list[str] = []
        self.styles: list[str] = []
        self.scripts: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for name, value in attrs:
            value = value or ""
            if name in LOADING_ATTRIBUTES or (tag == "link" and name == "href"):
                self.loads.append((tag, name, value))
            elif name == "href":
                self.anchors.append(value)
            elif name == "style":
                self.styles.append(value)
        if tag in ("style", "script"):
            self._in = tag
            (self.styles if tag == "style" else self.scripts).append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == self._in:
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "style":
            self.styles[-1] += data
        elif self._in == "script":
            self.scripts[-1] += data


@pytest.fixture(scope="module")
def deck() -> list[slide_model.Slide]:
    geo = bundle.load_table("gemeenten_geo")
    ctx = slide_model.Context(
        tables={name: bundle.load_table(name) for name in bundle.TABLES},
        shapes=static_map.rings(geo),
        provinces=static_map.rings(bundle.load_table("provincies_geo"), key="province_code"),
        points=static_map.anchors(geo),
        made_on=DAY,
        basket=("GM0096",),
        indicator_id="women_gap_2022",
        map_indicators=("women_gap_2022",),
        profiles=("GM0096",),
    )
    return slides.deck(list(slides.options(ctx)), ctx, {"focus": EVIL})


@pytest.fixture(scope="module")
def page(deck: list[slide_model.Slide]) -> str:
    return offline_html.build(deck, slides.sources(deck))


@pytest.fixture(scope="module")
def parsed(page: str) -> _Collector:
    collector = _Collector()
    collector.feed(page)
    return collector


def test_no_external_resource_references(parsed: _Collector) -> None:
    assert parsed.loads == []  # no <script src>, <link href>, <img>, <iframe>, <object>...
    for tag in ("link", "img", "iframe", "object", "embed", "video", "audio", "source", "base"):
        assert tag not in parsed.tags, tag
    assert all(a.startswith("#") for a in parsed.anchors), parsed.anchors
    for css in parsed.styles:
        assert "url(" not in css.lower() and "@import" not in css.lower()


def test_plotly_inlined_once_and_figure_scripts_are_local(
    deck: list[slide_model.Slide], parsed: _Collector
) -> None:
    library = [s for s in parsed.scripts if len(s) > 1_000_000]
    assert len(library) == 1  # plotly.js, inlined with the first figure only
    assert "plotly.js" in library[0][:2000]
    calls = [s for s in parsed.scripts if "Plotly.newPlot" in s and len(s) < 1_000_000]
    # shortage map, change since 2022, indicator map, bivariate map and the groups chart
    assert len(calls) == sum(s.figure is not None for s in deck) == 5
    for script in calls:
        assert not re.search(r"https?://", script)
    # Maps are SVG polygons: no WebGL map (its worker cannot start from file://), no tiles, no
    # geo trace (plotly.js fetches its topojson from a CDN).
    assert {t.type for s in deck if s.figure is not None for t in s.figure.data} == {"scatter"}


def test_document_has_title_slides_tables_and_sources(
    deck: list[slide_model.Slide], page: str
) -> None:
    assert re.search(r"<title>Raadsradar: presentatie \(18 maart 2026\)</title>", page)
    assert page.startswith("<!DOCTYPE html>") and '<html lang="nl">' in page
    for number, slide in enumerate(deck, start=1):
        assert f'id="dia-{number}"' in page
        assert safe.html(slide.footer) in page
    # The tables next to the maps: every gemeente of the shortage map, by name.
    assert page.count("<td>Schiermonnikoog</td>") >= 2
    assert 'id="bronnen"' in page and "CC BY 4.0" in page


def test_user_text_is_escaped(page: str, parsed: _Collector) -> None:
    assert EVIL not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert not any("example.org" in value for _, _, value in parsed.loads)
    assert all('alert("x")' not in s for s in parsed.scripts)
